// Writing a file so that a reader sees the old file or the new one, never part of one: made under a
// temp name beside the target (same folder, so same file system), then renamed over it. The one
// helper for every such write: `referat serve` replacing files in the served site, `referat import`
// writing a meeting file, the CPR guard's record in the cache folder. Folders are published the
// same way by their own code (src/build/swap.ts: the output link; src/search/cache.ts: a cache
// entry), as a folder cannot be renamed over a non-empty one.
import { randomBytes } from "node:crypto";
import { copyFile, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** Makes `file` by `make(temp)` on a temp file beside it, then renames it into place. */
async function viaTemp(file: string, make: (temp: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.tmp-${randomBytes(4).toString("hex")}`;
  try {
    await make(temp);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Writes `data` to `file` atomically. */
export function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  return viaTemp(file, (temp) => writeFile(temp, data));
}

/** Copies `from` to `file` atomically. */
export function copyAtomically(from: string, file: string): Promise<void> {
  return viaTemp(file, (temp) => copyFile(from, temp));
}
