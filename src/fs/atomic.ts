// Writing a file so that a reader sees the old file or the new one, never part of one: made under a
// temp name beside the target (same folder, so same file system), then renamed over it. The one
// helper for every such write of a single file: `referat serve` replacing the search settings in
// the served site, `referat import` writing a meeting file and kommune.yaml, the CPR guard's record
// in the cache folder. Many files at once are published by their own code, by renames of whole
// folders or of each file of a finished folder (src/build/swap.ts: the output link;
// src/serve/publish.ts: an update; src/search/cache.ts: a cache entry).
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** Writes `data` to `file` atomically (its folder made first); no temp file is left on failure. */
export async function writeAtomically(file: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.tmp-${randomBytes(4).toString("hex")}`;
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
