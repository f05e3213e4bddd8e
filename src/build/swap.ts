// Step 7 of the build: the new site replaces the old one with one atomic rename, so the output
// folder is at every moment either the whole previous site or the whole new one, never missing.
//
// The output folder (`_site`) is a symbolic link to a release folder beside it
// (`_site.release-<pid>-<random>`). A build renders into `_site.tmp-<pid>-<random>`, renames it
// to a release folder, makes a new link `_site.tmp-<pid>-<random>.link` to it and renames that
// link over `_site`: rename(2) replaces the old link in one step. Readers (a web server, the dev
// server, the tests) go through the link. The previous release is kept one build longer, for a
// reader that is in the middle of it; older releases and the temporary folders of killed builds
// are removed. Names carry the builder's process id, so a build never removes what a build that
// is still running is making. An `_site` that is a real folder (from a build before releases) is
// moved to a release folder first: the one moment without a site, on the first such build only.
import { randomBytes } from "node:crypto";
import { lstat, mkdir, readdir, readlink, rename, rm, symlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** A fresh folder name beside `outDir` to render into: `<outDir>.tmp-<pid>-<random>`. */
export function siblingPath(outDir: string, kind: "tmp" | "release" = "tmp"): string {
  return join(dirname(outDir), `${basename(outDir)}.${kind}-${process.pid}-${randomBytes(6).toString("hex")}`);
}

/** `<name>.tmp-<pid>-<hex>`, `<name>.release-<pid>-<hex>`, and the names of older versions without a process id. */
function leftoverPattern(name: string): RegExp {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped}\\.(tmp|release|old)-(?:(\\d+)-)?[0-9a-f]+(?:\\.link)?$`);
}

/** Whether the process `pid` runs (another build, or this one). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** What `outDir` is now: a link (and to what), a real folder, or nothing. */
async function current(outDir: string): Promise<{ kind: "link"; target: string } | { kind: "folder" } | { kind: "none" }> {
  try {
    const stats = await lstat(outDir);
    if (stats.isSymbolicLink()) return { kind: "link", target: await readlink(outDir) };
    if (stats.isDirectory()) return { kind: "folder" };
    throw new Error(`${outDir} er hverken en mappe eller en genvej til en`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "none" };
    throw error;
  }
}

/**
 * Makes `newDir` (a finished site beside `outDir`) the site at `outDir`, in one atomic rename of a
 * link; then removes releases older than the previous one and what killed builds left.
 */
export async function swapIntoPlace(newDir: string, outDir: string): Promise<void> {
  await mkdir(dirname(outDir), { recursive: true });
  const before = await current(outDir);
  const release = siblingPath(outDir, "release");
  await rename(newDir, release);
  const link = `${siblingPath(outDir, "tmp")}.link`;
  let previous = before.kind === "link" ? basename(before.target) : undefined;
  try {
    // Relative, so that the output folder and its releases can be moved or copied together.
    await symlink(basename(release), link);
    if (before.kind === "folder") {
      // A site from a build before releases: it becomes the previous release.
      const aside = siblingPath(outDir, "release");
      await rename(outDir, aside);
      previous = basename(aside);
    }
    await rename(link, outDir);
  } catch (error) {
    await rm(link, { force: true });
    await rm(release, { recursive: true, force: true });
    throw error;
  }
  await removeLeftovers(outDir, [basename(release), ...(previous ? [previous] : [])]);
}

/**
 * Removes, beside `outDir`, every release folder but those in `keep` (the current and the previous
 * one) and every temporary folder or link, unless a build that is still running made it. Never
 * throws: what cannot be removed now is removed by a later build.
 */
export async function removeLeftovers(outDir: string, keep: readonly string[]): Promise<string[]> {
  const pattern = leftoverPattern(basename(outDir));
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dirname(outDir));
  } catch {
    return removed;
  }
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match || keep.includes(name)) continue;
    const pid = match[2] === undefined ? undefined : Number(match[2]);
    // Another build that still runs may be making or switching to it; this build's own are done.
    if (pid !== undefined && pid !== process.pid && isRunning(pid)) continue;
    try {
      await rm(join(dirname(outDir), name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // Removed by a later build.
    }
  }
  return removed.sort();
}
