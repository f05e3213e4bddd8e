// Step 7 of the build: the new site replaces the old one in two renames, so the output folder
// is always either the previous site or the new one, never half of each.
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** A fresh folder name beside `outDir`: `<outDir>.tmp-<random>`. */
export function siblingPath(outDir: string, kind: "tmp" | "old"): string {
  return join(dirname(outDir), `${basename(outDir)}.${kind}-${randomBytes(6).toString("hex")}`);
}

/** Moves `newDir` to `outDir`; the previous `outDir`, if any, is moved aside first and then removed. */
export async function swapIntoPlace(newDir: string, outDir: string): Promise<void> {
  await mkdir(dirname(outDir), { recursive: true });
  const aside = siblingPath(outDir, "old");
  let hadPrevious = false;
  try {
    await rename(outDir, aside);
    hadPrevious = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  try {
    await rename(newDir, outDir);
  } catch (error) {
    if (hadPrevious) await rename(aside, outDir);
    throw error;
  }
  if (hadPrevious) await rm(aside, { recursive: true, force: true });
}
