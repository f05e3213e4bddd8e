// The build's caches keep their entries in shard folders named by the first two hex digits of the
// entry's key (src/build/cache/*, src/data/cache.ts, src/search/prepared.ts). One reading of those
// folders for every cache's clean-up, and one hard link-or-copy for every cache that links entries.
import { copyFileSync, linkSync, readdirSync } from "node:fs";
import { copyFile, link } from "node:fs/promises";
import { join } from "node:path";

/** A shard folder of a cache and the names in it. */
export interface ShardListing {
  /** The shard's name, two hex digits. */
  shard: string;
  /** The shard folder's path. */
  folder: string;
  names: string[];
}

/** Every shard folder of the cache folder `dir`, with its names; a missing or unreadable folder gives none (clean-ups are best effort). */
export function shardListings(dir: string): ShardListing[] {
  let shards: string[];
  try {
    shards = readdirSync(dir);
  } catch {
    return [];
  }
  const listings: ShardListing[] = [];
  for (const shard of shards) {
    if (!/^[0-9a-f]{2}$/.test(shard)) continue;
    const folder = join(dir, shard);
    try {
      listings.push({ shard, folder, names: readdirSync(folder) });
    } catch {
      // Not a folder, or not ours to read: skipped.
    }
  }
  return listings;
}

/** The errors for which a hard link is not possible here, and a copy is made instead. */
function cannotLink(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "EXDEV" || code === "EPERM" || code === "ENOTSUP" || code === "EMLINK";
}

/** A hard link where the file system allows one, else a copy. */
export async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    if (!cannotLink(error)) throw error;
    await copyFile(from, to);
  }
}

/** linkOrCopy, synchronously (for batches of file operations on the main thread). */
export function linkOrCopySync(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    if (!cannotLink(error)) throw error;
    copyFileSync(from, to);
  }
}
