// The copy stage's cache of attachments: a content-addressed, read-only copy of each attachment a
// build published, in the build's cache folder (src/build/cache-dir.ts, `files/<first two hex
// digits>/<key>`), named by the CPR guard's key of the attachment (src/trust/cpr.ts
// `attachmentKey`: the SHA-256 of its type and bytes). A later build whose guard checked the same
// bytes links the entry into its site instead of copying the file again.
//
// Nothing in a site is ever a link into content/: a secretary's later edit in place would change
// the published file behind the guard's back. An entry is used only when it is a regular file of
// ours that nobody else may write (mode 0444), and its bytes, read through the new site's own name
// after linking, have the key the guard checked: a damaged or forged entry cannot match the
// SHA-256, and is simply copied again. The name is the content's hash, so no seal is needed. The
// whole folder may be deleted at any time.
import { link, mkdir, rename, rm, stat, unlink } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { eachLimited } from "../each-limited.ts";
import { shardListings } from "../../fs/shards.ts";

/** Entries no build has used for this long are removed. */
export const ENTRY_TTL_DAYS = 14;

function isKey(key: string): boolean {
  return /^[0-9a-f]{64}$/.test(key);
}

export class FileStore {
  /** Keys this build used or stored (never removed by this build's clean-up). */
  private readonly used = new Set<string>();

  constructor(readonly dir: string) {}

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), key);
  }

  /** Links the entry `key` to `target` (a new name in the site folder); false when there is none. The caller checks the bytes. */
  async linkTo(key: string, target: string): Promise<boolean> {
    if (!isKey(key)) return false;
    try {
      await link(this.path(key), target);
    } catch {
      return false;
    }
    this.used.add(key);
    return true;
  }

  /** Keeps `file` (read-only, written by this build, its bytes of key `key`) as the entry `key`. Best effort. */
  async keep(key: string, file: string): Promise<void> {
    if (!isKey(key)) return;
    this.used.add(key);
    const entry = this.path(key);
    const tmp = `${entry}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await mkdir(dirname(entry), { recursive: true });
      // A hard link only: a cache on another file system is no gain over copying from content/.
      await link(file, tmp);
      await rename(tmp, entry);
    } catch {
      await rm(tmp, { force: true }).catch(() => undefined);
    }
  }

  /**
   * Removes entries no build has used for ENTRY_TTL_DAYS days. Best effort. An entry's change time
   * is its last use: linking it into a site changes it (its times are not touched otherwise, as
   * they are the published file's too).
   */
  async clean(now = Date.now()): Promise<void> {
    const limit = now - ENTRY_TTL_DAYS * 24 * 60 * 60 * 1000;
    for (const { folder, names } of shardListings(this.dir)) {
      await eachLimited(names, 32, async (name) => {
        if (this.used.has(name)) return;
        const file = join(folder, name);
        const info = await stat(file).catch(() => undefined);
        if (!info || info.ctimeMs < limit) await unlink(file).catch(() => undefined);
      });
    }
  }
}
