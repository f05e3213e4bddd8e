// The render cache: meeting pages a build made, kept in the build's cache folder
// (src/build/cache-dir.ts, `pages/`) for the next build, keyed by everything the page's bytes
// depend on (src/build/cache/page-key.ts). A rebuild renders only the pages whose key is new and
// takes every other page from here, as a hard link (a copy where the cache lies on another file
// system), so that the new site folder is complete and is swapped in as a whole as always.
//
// An entry is two files in `pages/<first two hex digits>/`: `<key>.html`, the page's bytes
// (read-only), and `<key>.json`, what the page's Markdown asked of the archive while it rendered
// (each link to another meeting and what it resolved to) and a seal (src/build/cache-key.ts)
// over the key, the page's SHA-256 and those links. An entry is used only when
//   - the page's links resolve the same way in the new archive (a renamed, added or removed
//     meeting changes what a link elsewhere points to: that page renders again),
//   - its file is ours and nobody else may write it (so what is checked stays what is published),
//   - and the bytes, read after they are linked into the new site, match the seal.
// Anything else (missing, damaged, forged, stale) is a miss: the page renders, exactly as in a
// build without a cache. Pages are stored only after the build has passed every check (CPR,
// links), so nothing a build refuses is ever kept. Entries no build has used for ENTRY_TTL_DAYS
// days are removed after a successful build; the whole folder may be deleted at any time.
import { createHash, randomBytes } from "node:crypto";
import { chmod, copyFile, link, mkdir, open, readdir, readFile, rename, rm, stat, unlink, utimes, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { CacheSeal } from "../cache-key.ts";
import { eachLimited } from "../each-limited.ts";

/** Bumped when the layout of an entry changes. */
const FORMAT = 1;
const PURPOSE = `rendered-page:${FORMAT}`;
/** Entries no build has used for this long are removed. */
export const ENTRY_TTL_DAYS = 14;
/** Files linked, read or written at once. */
const IN_FLIGHT = 32;

/** What a page's Markdown asked while it rendered: [href, the address it resolved to, or null]. */
export type LinkQueries = [href: string, resolved: string | null][];

/** Resolves a link as the new archive would (the meeting's own content path is bound). */
export type LinkCheck = (href: string) => string | undefined;

interface Sidecar {
  links: LinkQueries;
  seal: string;
}

/** A page to take from the cache: its key, where it goes, and how links resolve now. */
export interface Wanted {
  key: string;
  target: string;
  resolve: LinkCheck;
}

/** A page to keep: its key, the file the build wrote, its bytes' SHA-256 and its link queries. */
export interface Rendered {
  key: string;
  file: string;
  sha256: string;
  links: LinkQueries;
}

function sealed(key: string, sha256: string, links: LinkQueries): string {
  return `${key}\n${sha256}\n${JSON.stringify(links)}`;
}

function isKey(key: string): boolean {
  return /^[0-9a-f]{64}$/.test(key);
}

function isLinkQueries(value: unknown): value is LinkQueries {
  return (
    Array.isArray(value) && value.every((q) => Array.isArray(q) && q.length === 2 && typeof q[0] === "string" && (q[1] === null || typeof q[1] === "string"))
  );
}

export class PageCache {
  /** Keys this build used or stored (never removed by this build's clean-up). */
  private readonly used = new Set<string>();

  constructor(
    readonly dir: string,
    private readonly seal: CacheSeal,
  ) {}

  private paths(key: string): { html: string; json: string } {
    const shard = join(this.dir, key.slice(0, 2));
    return {
      html: join(shard, `${key}.html`),
      json: join(shard, `${key}.json`),
    };
  }

  /**
   * Puts every wanted page that the cache holds, still valid, at its target (whose folder is
   * made); returns the SHA-256 of each page it put there, by key. The pages it did not put there
   * are the ones to render. Never throws for a bad entry.
   */
  async restore(wanted: readonly Wanted[]): Promise<Map<string, string>> {
    const restored = new Map<string, string>();
    await eachLimited(wanted, IN_FLIGHT, async (page) => {
      const sha256 = await this.restoreOne(page);
      if (sha256) {
        restored.set(page.key, sha256);
        this.used.add(page.key);
      }
    });
    return restored;
  }

  private async restoreOne({ key, target, resolve }: Wanted): Promise<string | undefined> {
    if (!isKey(key)) return undefined;
    const { html, json } = this.paths(key);
    let sidecar: Sidecar;
    try {
      const parsed = JSON.parse(await readFile(json, "utf8")) as Partial<Sidecar>;
      if (!isLinkQueries(parsed.links) || typeof parsed.seal !== "string") return undefined;
      sidecar = { links: parsed.links, seal: parsed.seal };
    } catch {
      return undefined;
    }
    // Every link the page wrote must point where it pointed when it was rendered.
    if (!sidecar.links.every(([href, resolved]) => (resolve(href) ?? null) === resolved)) return undefined;
    try {
      await mkdir(dirname(target), { recursive: true });
      await linkOrCopy(html, target);
    } catch {
      return undefined;
    }
    let sha256: string | undefined;
    try {
      // Checked after linking, through the new site's own name: the bytes checked are the bytes published.
      const handle = await open(target, "r");
      let bytes: Buffer;
      try {
        const info = await handle.stat();
        const uid = process.getuid?.();
        if (process.platform !== "win32" && ((uid !== undefined && info.uid !== uid) || (info.mode & 0o022) !== 0)) throw new Error("not ours alone");
        bytes = await handle.readFile();
      } finally {
        await handle.close();
      }
      sha256 = createHash("sha256").update(bytes).digest("hex");
      if (!this.seal.verify(PURPOSE, sealed(key, sha256, sidecar.links), sidecar.seal)) throw new Error("seal");
    } catch {
      await rm(target, { force: true });
      return undefined;
    }
    // Marks the entry as used (the clean-up keeps what builds use).
    const now = new Date();
    await utimes(json, now, now).catch(() => undefined);
    return sha256;
  }

  /**
   * Keeps pages this build rendered: each file becomes read-only and is linked (or copied) into
   * the cache. Best effort: a cache that cannot be written costs only the next build's time.
   */
  async store(pages: readonly Rendered[]): Promise<void> {
    await eachLimited(pages, IN_FLIGHT, async ({ key, file, sha256, links }) => {
      if (!isKey(key)) return;
      this.used.add(key);
      const { html, json } = this.paths(key);
      const tmp = `.${randomBytes(6).toString("hex")}.tmp`;
      try {
        await mkdir(dirname(html), { recursive: true });
        // Read-only before it is shared: neither the site nor the cache writes a page in place.
        await chmod(file, 0o444);
        try {
          await linkOrCopy(file, html);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
          // An entry of the same key (another build's, or a damaged one): replaced whole.
          await linkOrCopy(file, html + tmp);
          await rename(html + tmp, html);
        }
        // A reader that finds a half-written sidecar, or one that does not fit the page, has a miss.
        const sidecar: Sidecar = {
          links,
          seal: this.seal.sign(PURPOSE, sealed(key, sha256, links)),
        };
        await writeFile(json, JSON.stringify(sidecar));
      } catch {
        await rm(html + tmp, { force: true }).catch(() => undefined);
      }
    });
  }

  /** Removes entries that no build has used for ENTRY_TTL_DAYS days (and leftovers of stopped builds). Best effort. */
  async clean(now = Date.now()): Promise<void> {
    const limit = now - ENTRY_TTL_DAYS * 24 * 60 * 60 * 1000;
    let shards: string[];
    try {
      shards = await readdir(this.dir);
    } catch {
      return;
    }
    for (const shard of shards) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      let names: string[];
      try {
        names = await readdir(join(this.dir, shard));
      } catch {
        continue;
      }
      await eachLimited(names, IN_FLIGHT, async (name) => {
        const file = join(this.dir, shard, name);
        const key = name.slice(0, 64);
        if (this.used.has(key)) return;
        // The sidecar's time is the entry's last use; a page without one is useless.
        const clock = name.endsWith(".html") ? join(this.dir, shard, `${key}.json`) : file;
        const info = await stat(clock).catch(() => undefined);
        if (!info || info.mtimeMs < limit) await unlink(file).catch(() => undefined);
      });
    }
  }
}

/** A hard link where the file system allows one, else a copy. */
async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EXDEV" && code !== "EPERM" && code !== "ENOTSUP" && code !== "EMLINK") throw error;
    await copyFile(from, to);
  }
}
