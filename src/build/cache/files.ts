// The copy stage's cache of attachments: a read-only copy of each attachment a build published, in
// the build's cache folder (src/build/cache-dir.ts, `files/`), named by the CPR guard's key of the
// attachment (src/trust/cpr.ts `attachmentKey`: the SHA-256 of its type and bytes). A later build
// whose guard checked the same bytes links the entry into its site instead of copying the file.
//
// It is a cache of sealed read-only files like the render cache (src/build/cache/pages.ts, with
// its own seal purpose): one sealed manifest names each entry's key, the SHA-256 of its bytes (the
// checksum the open data publishes) and the identity of its file (device, inode, birth time,
// modification time, size). An entry linked into a new site and looked at through the site's own
// name is used without reading it when it is that file, ours and writable by nobody: it holds the
// bytes that were hashed, and found to have the guard's key, when a build copied them from
// content/. A file that is not that file (a copy, a cache restored by CI, a file swapped behind
// the build's back) is read and hashed, and used only when its bytes match the seal. Anything else
// is a miss: the attachment is copied from content/ and hashed as it is copied (src/build/copy.ts).
//
// Nothing in a site is ever a link into content/: a secretary's later edit in place would change
// the published file behind the guard's back. Entries are stored only after the build passed every
// check (the keep stage). The whole folder may be deleted at any time.
import type { CacheSeal } from "../cache-key.ts";
import { PageCache, type Rendered } from "./pages.ts";

/** Bumped when the layout of an entry or of the manifest changes (1: a file per key, no seal). */
const FORMAT = 2;
const PURPOSE = `published-files:${FORMAT}`;

/** An attachment to take from the cache: the guard's key of the bytes it checked, and where it goes in the site. */
export interface WantedFile {
  key: string;
  target: string;
}

export class FileStore {
  private readonly files: PageCache;
  /** The attachments this build copied, to keep once it has passed every check. */
  private readonly copied = new Map<string, Rendered>();

  constructor(
    readonly dir: string,
    seal: CacheSeal,
  ) {
    this.files = new PageCache(dir, seal, PURPOSE);
  }

  /**
   * Links every wanted attachment the cache holds, still valid, to its target (whose folder is
   * made); returns the SHA-256 of the bytes of each one it put there, by key. Never throws for a
   * bad entry: what it did not put there is copied.
   */
  restore(wanted: readonly WantedFile[]): Promise<Map<string, string>> {
    return this.files.restore(wanted);
  }

  /** Remembers `file`, written by this build (its bytes of guard key `key` and SHA-256 `sha256`), to keep after the build. */
  remember(key: string, file: string, sha256: string): void {
    this.copied.set(key, { key, file, sha256, links: [] });
  }

  /** Keeps what this build copied (read-only, linked into the cache) and drops entries no build has used for 14 days. Best effort. */
  async store(): Promise<void> {
    await this.files.store([...this.copied.values()]);
    await this.files.clean();
  }
}
