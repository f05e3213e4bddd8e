// How `referat serve` puts what an update made into the served site: the update runs the build's
// stages into a fresh folder beside the site (as `referat build` does), and only then is each file
// of that folder renamed over its place in the served site. A rename replaces a file in one step,
// so the dev server sends the old page or the new one, never part of one, and an update that fails
// before this point leaves the served site exactly as it was.
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Every file under `dir`, relative (with forward slashes on POSIX, as the link check names them). */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

/**
 * Moves every file of `fresh` to the same place under `siteDir` (one rename each, the folders made
 * first), then removes `gone` (paths relative to the site: files the new content no longer has).
 * `fresh` must be on the same file system as `siteDir` (a sibling of the output folder is).
 * Returns the files moved.
 */
export async function publishInto(fresh: string, siteDir: string, gone: Iterable<string> = []): Promise<string[]> {
  const files = await listFiles(fresh);
  const folders = new Set(files.map((file) => dirname(join(siteDir, file))));
  for (const folder of folders) await mkdir(folder, { recursive: true });
  await Promise.all(files.map((file) => rename(join(fresh, file), join(siteDir, file))));
  const moved = new Set(files);
  for (const file of gone) if (!moved.has(file)) await rm(join(siteDir, file), { force: true });
  return files;
}
