// Files that `referat serve` replaces in the served site: made under a temp name beside the
// target, then renamed over it, so a reader sees the old file or the new one, never part of one.
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
