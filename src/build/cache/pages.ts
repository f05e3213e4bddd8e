// The render cache: pages a build made, kept in the build's cache folder (src/build/cache-dir.ts,
// `pages/`) for the next build, keyed by everything the page's bytes depend on
// (src/build/cache/page-key.ts). A rebuild renders only the pages whose key is new and takes every
// other page from here, as a hard link (a copy where the cache lies on another file system), so
// that the new site folder is complete and is swapped in as a whole as always.
//
// The cache is one folder of read-only files and one sealed manifest:
//   - `pages/<first two hex digits>/<key>.html`: a page's bytes (mode 0444), and beside it
//     `<key>.<name>.rec`, the extra records a build kept with the page (what other stages want of
//     it without reading it again: its text for the search index, its links and anchors);
//   - `pages/manifest`: one line with the seal (src/build/cache-key.ts), then the JSON of every
//     entry: its key, the page's SHA-256, what the page's Markdown asked of the archive while it
//     rendered (each link to another meeting and what it resolved to), the identity of its file
//     (device, inode, birth time, modification time, size), its records' SHA-256 and when a build
//     last used it. The seal covers all of it; a manifest that does not verify is an empty cache.
//
// An entry is used only when
//   - the page's links resolve the same way in the new archive (a renamed, added or removed
//     meeting changes what a link elsewhere points to: that page renders again),
//   - and the file linked into the new site, looked at through the new site's own name, is the
//     file the seal names: the same device, inode and birth time (set by the kernel when the file
//     was made; no call changes it, so no other file can have all three), the same modification
//     time and size, ours (the build's user) and writable by nobody (mode 0444). Such a file holds
//     the bytes that were hashed when it was stored: only its owner could have written to it
//     since, and whoever runs as the build's user can read the cache's secret as well. A file that
//     is not that file (a copy, a cache restored by CI from an archive, a file replaced behind the
//     build's back) is read and hashed instead, and used only if its bytes match the seal.
// Anything else (missing, damaged, forged, stale) is a miss: the page renders, exactly as in a
// build without a cache. Pages are stored only after the build has passed every check (CPR,
// links), so nothing a build refuses is ever kept. Entries no build has used for ENTRY_TTL_DAYS
// days are dropped after a successful build; the whole folder may be deleted at any time.
//
// A restore is two file operations a page (link, stat), done synchronously in batches: at 10,000
// pages the thread pool's round trips cost more than the calls themselves.
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, type BigIntStats } from "node:fs";
import { dirname, join } from "node:path";
import type { CacheSeal } from "../cache-key.ts";
import { linkOrCopySync as linkOrCopy, shardListings } from "../../fs/shards.ts";

/** Bumped when the layout of an entry or of the manifest changes. */
const FORMAT = 2;
const PURPOSE = `rendered-pages:${FORMAT}`;
/** Entries no build has used for this long are dropped. */
export const ENTRY_TTL_DAYS = 14;
/** A file in the cache that no manifest names is removed once it is this old (a build running beside this one may have just stored it). */
const ORPHAN_GRACE_MS = 60 * 60 * 1000;
/** Pages restored before the event loop gets a turn. */
const BATCH = 256;

/** What a page's Markdown asked while it rendered: [href, the address it resolved to, or null]. */
export type LinkQueries = [href: string, resolved: string | null][];

/** Resolves a link as the new archive would (the meeting's own content path is bound). */
export type LinkCheck = (href: string) => string | undefined;

/** A name for an extra record of a page: lowercase letters, digits and hyphens. */
const RECORD_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** Device, inode, birth time, modification time (ns) and size of a file, as decimal strings. */
type FileIdentity = [dev: string, ino: string, birth: string, mtime: string, size: string];

interface Entry {
  sha256: string;
  links: LinkQueries;
  /** The identity of the cached file, when the file system gives a birth time. */
  id?: FileIdentity;
  /** SHA-256 of each extra record, by name. */
  records?: Record<string, string>;
  /** When a build last used it (ms since the epoch). */
  used: number;
}

/** A page to take from the cache: its key, where it goes, and how links resolve now. */
export interface Wanted {
  key: string;
  target: string;
  resolve?: LinkCheck;
}

/** A page to keep: its key, the file the build wrote, its bytes' SHA-256, its link queries and any extra records. */
export interface Rendered {
  key: string;
  file: string;
  sha256: string;
  links: LinkQueries;
  /** Extra named records to keep with the page (for other stages of the next build; see `PageCache.record`). */
  records?: Record<string, string | Uint8Array>;
}

function isKey(key: string): boolean {
  return /^[0-9a-f]{64}$/.test(key);
}

function isLinkQueries(value: unknown): value is LinkQueries {
  return (
    Array.isArray(value) && value.every((q) => Array.isArray(q) && q.length === 2 && typeof q[0] === "string" && (q[1] === null || typeof q[1] === "string"))
  );
}

function sha256Of(bytes: string | Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A file's identity, or undefined where the file system keeps no birth time (then it is always read and hashed). */
function identityOf(info: BigIntStats): FileIdentity | undefined {
  if (info.birthtimeNs <= 0n) return undefined;
  return [info.dev, info.ino, info.birthtimeNs, info.mtimeNs, info.size].map(String) as FileIdentity;
}

/** A file of the build's user that nobody may write. */
function isOursReadOnly(info: BigIntStats): boolean {
  if (process.platform === "win32") return true;
  const uid = process.getuid?.();
  return (uid === undefined || info.uid === BigInt(uid)) && (info.mode & 0o222n) === 0n && (info.mode & 0o170000n) === 0o100000n;
}

function sameIdentity(a: FileIdentity | undefined, b: FileIdentity | undefined): boolean {
  return a !== undefined && b !== undefined && a.every((part, i) => part === b[i]);
}

export class PageCache {
  /** The entries of the manifest as this build read it, and those it used or stored. */
  private entries: Map<string, Entry> | undefined;
  /** Keys this build used or stored. */
  private readonly used = new Set<string>();

  /**
   * `purpose`: what the seal is for; another cache of sealed read-only files built on this one
   * (the open data's files, src/data/cache.ts; the published attachments, src/build/cache/files.ts)
   * gives its own, so that no manifest of one verifies as another's.
   */
  constructor(
    readonly dir: string,
    private readonly seal: CacheSeal,
    private readonly purpose: string = PURPOSE,
  ) {}

  private get manifestFile(): string {
    return join(this.dir, "manifest");
  }

  private paths(key: string): { html: string; shard: string } {
    const shard = join(this.dir, key.slice(0, 2));
    return { shard, html: join(shard, `${key}.html`) };
  }

  private recordPath(key: string, name: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.${name}.rec`);
  }

  /** The manifest's entries, if it is there and its seal verifies; else none. */
  private readManifest(): Map<string, Entry> {
    const entries = new Map<string, Entry>();
    let text: string;
    try {
      text = readFileSync(this.manifestFile, "utf8");
    } catch {
      return entries;
    }
    const newline = text.indexOf("\n");
    if (newline < 0) return entries;
    const body = text.slice(newline + 1);
    if (!this.seal.verify(this.purpose, body, text.slice(0, newline))) return entries;
    try {
      const parsed = JSON.parse(body) as Record<string, Entry>;
      for (const [key, entry] of Object.entries(parsed)) {
        if (isKey(key) && typeof entry?.sha256 === "string" && isLinkQueries(entry.links) && typeof entry.used === "number") entries.set(key, entry);
      }
    } catch {
      entries.clear();
    }
    return entries;
  }

  private manifest(): Map<string, Entry> {
    this.entries ??= this.readManifest();
    return this.entries;
  }

  /**
   * Puts every wanted page that the cache holds, still valid, at its target (whose folder is
   * made); returns the SHA-256 of each page it put there, by key. The pages it did not put there
   * are the ones to render. Never throws for a bad entry.
   */
  async restore(wanted: readonly Wanted[]): Promise<Map<string, string>> {
    const restored = new Map<string, string>();
    const entries = this.manifest();
    const folders = new Set<string>();
    for (let start = 0; start < wanted.length; start += BATCH) {
      if (start > 0) await new Promise((done) => setImmediate(done));
      for (const page of wanted.slice(start, start + BATCH)) {
        const entry = isKey(page.key) ? entries.get(page.key) : undefined;
        if (!entry) continue;
        const sha256 = this.restoreOne(page, entry, folders);
        if (sha256) {
          restored.set(page.key, sha256);
          this.used.add(page.key);
        }
      }
    }
    return restored;
  }

  private restoreOne({ key, target, resolve }: Wanted, entry: Entry, folders: Set<string>): string | undefined {
    // Every link the page wrote must point where it pointed when it was rendered.
    if (entry.links.length > 0 && (!resolve || !entry.links.every(([href, resolved]) => (resolve(href) ?? null) === resolved))) return undefined;
    const folder = dirname(target);
    try {
      if (!folders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        folders.add(folder);
      }
      linkOrCopy(this.paths(key).html, target);
    } catch {
      return undefined;
    }
    try {
      // Checked after linking, through the new site's own name: the file checked is the file published.
      const info = statSync(target, { bigint: true });
      if (!isOursReadOnly(info)) throw new Error("not ours alone");
      const id = identityOf(info);
      if (sameIdentity(id, entry.id)) return entry.sha256;
      // Not the file the seal names: its bytes must be the ones the seal names. Then it is, from now on.
      if (sha256Of(readFileSync(target)) !== entry.sha256) throw new Error("seal");
      if (id) entry.id = id;
      return entry.sha256;
    } catch {
      rmSync(target, { force: true });
      return undefined;
    }
  }

  /**
   * An extra record kept with a page (`Rendered.records`), if the cache holds it under this key
   * and its bytes match the seal; else undefined (then the caller makes it again).
   */
  record(key: string, name: string): Buffer | undefined {
    const sha256 = this.manifest().get(key)?.records?.[name];
    if (!sha256 || !RECORD_NAME.test(name)) return undefined;
    try {
      const bytes = readFileSync(this.recordPath(key, name));
      return sha256Of(bytes) === sha256 ? bytes : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Keeps pages this build rendered (each file becomes read-only and is linked, or copied, into
   * the cache), then writes the manifest: the entries this build used or stored, and the others
   * that some build used within ENTRY_TTL_DAYS days. Best effort: a cache that cannot be written
   * costs only the next build's time.
   */
  async store(pages: readonly Rendered[], now = Date.now()): Promise<void> {
    // Another build may have written the manifest since this one read it: its entries are kept too.
    const merged = this.readManifest();
    const mine = this.manifest();
    for (const key of this.used) {
      const entry = mine.get(key);
      if (entry) merged.set(key, { ...entry, used: now });
    }
    const folders = new Set<string>();
    for (let start = 0; start < pages.length; start += BATCH) {
      if (start > 0) await new Promise((done) => setImmediate(done));
      for (const page of pages.slice(start, start + BATCH)) {
        const entry = this.storeOne(page, now, folders);
        if (entry) {
          merged.set(page.key, entry);
          this.used.add(page.key);
        }
      }
    }
    const limit = now - ENTRY_TTL_DAYS * 24 * 60 * 60 * 1000;
    for (const [key, entry] of merged) if (entry.used < limit) merged.delete(key);
    this.entries = merged;
    try {
      const body = JSON.stringify(Object.fromEntries(merged));
      const tmp = `${this.manifestFile}.${randomBytes(6).toString("hex")}.tmp`;
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(tmp, `${this.seal.sign(this.purpose, body)}\n${body}`);
      renameSync(tmp, this.manifestFile);
    } catch {
      // The next build renders what it cannot find.
    }
  }

  private storeOne({ key, file, sha256, links, records }: Rendered, now: number, folders: Set<string>): Entry | undefined {
    if (!isKey(key)) return undefined;
    const { html, shard } = this.paths(key);
    try {
      if (!folders.has(shard)) {
        mkdirSync(shard, { recursive: true });
        folders.add(shard);
      }
      // Read-only before it is shared: neither the site nor the cache writes a page in place.
      chmodSync(file, 0o444);
      replaceWith(file, html, linkOrCopy);
      const kept: Record<string, string> = {};
      for (const [name, bytes] of Object.entries(records ?? {})) {
        if (!RECORD_NAME.test(name)) continue;
        const path = this.recordPath(key, name);
        const tmp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
        writeFileSync(tmp, bytes, { mode: 0o444 });
        renameSync(tmp, path);
        kept[name] = sha256Of(bytes);
      }
      const id = identityOf(statSync(html, { bigint: true }));
      return { sha256, links, ...(id ? { id } : {}), ...(Object.keys(kept).length > 0 ? { records: kept } : {}), used: now };
    } catch {
      return undefined;
    }
  }

  /**
   * Removes the files of entries the manifest no longer names (dropped, replaced, or left by a
   * stopped build) once they are ORPHAN_GRACE_MS old. Best effort.
   */
  async clean(now = Date.now()): Promise<void> {
    const entries = this.manifest();
    for (const [i, { folder, names }] of shardListings(this.dir).entries()) {
      if (i % 16 === 15) await new Promise((done) => setImmediate(done));
      for (const name of names) {
        const key = name.slice(0, 64);
        const entry = entries.get(key);
        const rest = name.slice(64);
        if (entry && (rest === ".html" || (rest.endsWith(".rec") && entry.records?.[rest.slice(1, -4)] !== undefined))) continue;
        const file = join(folder, name);
        try {
          if (statSync(file).mtimeMs < now - ORPHAN_GRACE_MS) unlinkSync(file);
        } catch {
          // Gone already.
        }
      }
    }
  }
}

/** Puts `from` at `to` with `put`; an existing file there (another build's, or a damaged one) is replaced whole. */
function replaceWith(from: string, to: string, put: (from: string, to: string) => void): void {
  try {
    put(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const tmp = `${to}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      put(from, tmp);
      renameSync(tmp, to);
    } catch (again) {
      rmSync(tmp, { force: true });
      throw again;
    }
  }
}
