// A cache of built search-index parts, so that a build indexes again only the parts whose pages
// changed. Pagefind is most of a build's time (docs/performance.md), and most of an archive never
// changes: parts are whole years filled from the oldest (src/search/parts.ts), so a new meeting or
// an edit to this year's minutes changes the newest part only, and every older part's pages come
// out of the renderer byte for byte as before.
//
// An entry is keyed by everything Pagefind's output depends on: the exact bytes of every prepared
// page with its address (src/search/prepare.ts; the compound parts are in those bytes), the
// Pagefind binary (path, size, modification time) and its arguments, and which of its files the
// site keeps. The same key therefore means the same input to the same program, and the entry holds
// what that program wrote for it. Nothing but this build's own, checked pages goes into a key, so
// a hit can only publish an index of pages this build publishes anyway.
//
// Entries are folders `<cache>/<part id>-<key>/` with the index's data files and a
// `manifest.json` (every file's size and SHA-256, the part and the key), sealed with an HMAC under a
// secret kept outside the cache folder (src/build/cache-key.ts). They are written to a temporary
// folder and renamed into place, so a reader never sees half an entry, and builds running side by
// side can share the cache. A hit is copied into the site file by file, each file checked against
// the manifest, whose seal is checked first; any mismatch (a damaged, half-deleted or forged entry)
// counts as a miss and Pagefind runs. For each part id the cache keeps the most recently used
// entries only.
//
// What the cache is trusted with, and what not (docs/trust.md "The build cache"): whoever can
// write the cache folder can delete entries (the build indexes again) or put back an older sealed
// entry for the same key (made from the same pages by the same program, so the same index), but
// cannot make a build publish an index file of their own without the secret. The program files of
// a bundle (Pagefind's script, its worker, its WebAssembly), which run on the search page, are
// never stored in the cache at all: src/search/index.ts takes them from the Pagefind binary.
//
// Where: `search/` in the build's cache folder (src/build/cache-dir.ts: `REFERAT_CACHE_DIR`, by
// default `node_modules/.cache/referatarkiv/`).
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { link, mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { CACHE_VARIABLE, resolveCacheRoot } from "../build/cache-dir.ts";
import { openCacheSeal, type CacheSeal } from "../build/cache-key.ts";
import { eachLimited } from "../build/each-limited.ts";
import { gunzipSync, gzipSync } from "node:zlib";
import type { FragmentWords } from "./vocabulary.ts";

export { CACHE_VARIABLE };

/** Entries kept per part id: the one in use, and a few before it (an edit undone, a branch switched). */
export const ENTRIES_PER_PART = 3;

/** Bumped when the layout of an entry, or what goes into a key, changes. */
const FORMAT = 3;

/** What an entry's seal is for (src/build/cache-key.ts): a seal made for something else never fits. */
const PURPOSE = `search-index:${FORMAT}`;

/**
 * The files of a Pagefind bundle that run in the browser: its script, its worker, its
 * WebAssembly. Never stored in the cache nor taken from it (src/search/index.ts writes them from
 * the Pagefind binary on every build).
 */
export const PROGRAM_FILE = /^(pagefind\.js|pagefind-worker\.js|wasm\.[\w-]+\.pagefind)$/;

/** A temporary folder this old was left by a build that stopped. */
const STALE_MS = 60 * 60 * 1000;

/** Files copied at once. */
const IN_FLIGHT = 32;

const MANIFEST = "manifest.json";
/**
 * Beside the index files, not restored into a site: the words of each fragment of the index
 * (src/search/vocabulary.ts), so that the part's next index, made after a change, reads the
 * words of the changed pages' fragments only. Lines `<fragment SHA-256> <word> <word> …`, gzip.
 */
const WORDS = "fragment-words.gz";

interface Manifest {
  format: number;
  /** The part id the entry was made for (for the per-part limit). */
  part: string;
  /** The key it was made for: the seal binds the files to it. */
  key: string;
  files: { path: string; size: number; sha256: string }[];
  /** The WORDS file, when there is one. */
  words?: { size: number; sha256: string };
  /** HMAC of the above (src/build/cache-key.ts). */
  seal: string;
}

/** The sealed part of a manifest, as one string. */
function sealed(manifest: Omit<Manifest, "seal">): string {
  return JSON.stringify({ format: manifest.format, part: manifest.part, key: manifest.key, files: manifest.files, words: manifest.words ?? null });
}

/** The WORDS file's bytes for `words`. */
function wordsFile(words: FragmentWords): Buffer {
  let text = "";
  for (const [sha256, list] of [...words].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) text += `${sha256} ${list}\n`;
  return gzipSync(text, { level: 1 });
}

/** `words` read back from a WORDS file's bytes. */
function readWordsFile(bytes: Buffer): FragmentWords {
  const words: FragmentWords = new Map();
  for (const line of gunzipSync(bytes).toString("utf8").split("\n")) {
    if (!line) continue;
    const sha256 = line.slice(0, 64);
    if (/^[0-9a-f]{64}$/.test(sha256) && line.charAt(64) === " ") words.set(sha256, line.slice(65));
  }
  return words;
}

/** The search-index cache folder for a command run in `cwd`, or undefined for none. */
export function resolveCacheDir(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string | undefined {
  const root = resolveCacheRoot(env, cwd);
  return root ? join(root, "search") : undefined;
}

/** Computes a part's key from its prepared pages, added in any order. */
export class PartKey {
  readonly #pages: [string, string][] = [];
  constructor(private readonly program: unknown) {}

  /** Adds one prepared page: its address in the index and its bytes. */
  addPage(url: string, bytes: string | Buffer): void {
    this.#pages.push([url, createHash("sha256").update(bytes).digest("hex")]);
  }

  /** The key: hex, from the program and the pages sorted by address. */
  digest(): string {
    const pages = [...this.#pages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return createHash("sha256")
      .update(JSON.stringify({ format: FORMAT, program: this.program, pages }))
      .digest("hex")
      .slice(0, 32);
  }
}

/** Part ids are slugs with an optional `-N`; anything else is not used in a folder name. */
function entryName(part: string, key: string): string {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(part)) throw new Error(`unexpected index part id: ${part}`);
  return `${part}--${key}`;
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).replaceAll("\\", "/"))
    .sort();
}

/**
 * Makes `to` a hard link to `from` (whose bytes, `bytes`, have just been checked), or writes
 * `bytes` to it where a link cannot be made (another file system). Nothing ever writes into a
 * published index file or an entry's file in place: a build writes a new site and swaps it in, so
 * a file shared by the site and the cache keeps its bytes, and every restore checks them again.
 */
async function linkOrWrite(from: string, to: string, bytes: Buffer): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await writeFile(to, bytes);
  }
}

export class IndexCache {
  /** The seal of this cache's entries; without one (no trustworthy secret) nothing is stored or restored. */
  readonly #seal: CacheSeal | null;

  /** `seal` defaults to the secret of this machine or `REFERAT_CACHE_SECRET`; null means none. */
  constructor(
    readonly dir: string,
    seal: CacheSeal | null = openCacheSeal(dir) ?? null,
  ) {
    this.#seal = seal;
  }

  /**
   * Copies the entry for (`part`, `key`) into `target` (which must not exist) if the cache holds
   * it intact. Returns whether it did; on false, `target` does not exist.
   */
  async restore(part: string, key: string, target: string): Promise<boolean> {
    const entry = join(this.dir, entryName(part, key));
    const seal = this.#seal;
    if (!seal) return false;
    try {
      const manifest = JSON.parse(await readFile(join(entry, MANIFEST), "utf8")) as Manifest;
      if (manifest.format !== FORMAT || manifest.part !== part || manifest.key !== key || !Array.isArray(manifest.files) || manifest.files.length === 0)
        return false;
      // Sealed by a build on this machine (or with this CI secret), for this part and key: else forged.
      if (!seal.verify(PURPOSE, sealed(manifest), manifest.seal)) return false;
      if (manifest.files.some((file) => typeof file.path !== "string" || PROGRAM_FILE.test(file.path))) return false;
      const folders = new Set(manifest.files.map((file) => dirname(join(target, file.path))));
      for (const folder of [...folders].sort()) await mkdir(folder, { recursive: true });
      await eachLimited(manifest.files, IN_FLIGHT, async (file) => {
        if (file.path.split("/").includes("..")) throw new Error("path outside the entry");
        const bytes = await readFile(join(entry, "files", file.path));
        if (bytes.length !== file.size || createHash("sha256").update(bytes).digest("hex") !== file.sha256) throw new Error("damaged entry");
        await linkOrWrite(join(entry, "files", file.path), join(target, file.path), bytes);
      });
      // Used now: the last to be evicted.
      const now = new Date();
      await utimes(join(entry, MANIFEST), now, now).catch(() => undefined);
      return true;
    } catch {
      await rm(target, { recursive: true, force: true });
      return false;
    }
  }

  /**
   * Stores the index folder `source` as the entry for (`part`, `key`), and lets go of the part's
   * least recently used entries beyond ENTRIES_PER_PART. A failure to store is not the build's
   * failure: the cache is only ever a shortcut.
   */
  async store(part: string, key: string, source: string, words?: FragmentWords): Promise<void> {
    const name = entryName(part, key);
    const entry = join(this.dir, name);
    const temporary = join(this.dir, `.tmp-${name}-${randomBytes(4).toString("hex")}`);
    const seal = this.#seal;
    if (!seal) return;
    try {
      await mkdir(this.dir, { recursive: true });
      if (existsSync(entry)) return;
      const files: Manifest["files"] = [];
      // The program files are never kept: a hit takes them from the Pagefind binary.
      const paths = (await listFiles(source)).filter((path) => !PROGRAM_FILE.test(path));
      for (const folder of new Set(paths.map((path) => dirname(join(temporary, "files", path))))) await mkdir(folder, { recursive: true });
      await eachLimited(paths, IN_FLIGHT, async (path) => {
        const bytes = await readFile(join(source, path));
        files.push({ path, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
        await linkOrWrite(join(source, path), join(temporary, "files", path), bytes);
      });
      files.sort((a, b) => (a.path < b.path ? -1 : 1));
      let wordsEntry: Manifest["words"];
      if (words) {
        const bytes = wordsFile(words);
        await writeFile(join(temporary, WORDS), bytes);
        wordsEntry = { size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
      }
      const unsealed = { format: FORMAT, part, key, files, ...(wordsEntry ? { words: wordsEntry } : {}) };
      const manifest: Manifest = { ...unsealed, seal: seal.sign(PURPOSE, sealed(unsealed)) };
      await writeFile(join(temporary, MANIFEST), `${JSON.stringify(manifest)}\n`);
      await rename(temporary, entry).catch(async (error: NodeJS.ErrnoException) => {
        // Another build stored the same entry first: keep theirs.
        if (!existsSync(entry)) throw error;
      });
      await this.evict(part);
    } catch {
      // Not stored; the next build indexes this part again.
    } finally {
      await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /**
   * The words of the fragments of the part's most recently used entry that has them (sealed and
   * checked as a restore is), or an empty map: what src/search/vocabulary.ts need not read again.
   */
  async fragmentWords(part: string): Promise<FragmentWords> {
    const seal = this.#seal;
    if (!seal) return new Map();
    try {
      const prefix = `${part}--`;
      for (const name of await this.newestFirst(this.entriesOf(part, await readdir(this.dir)))) {
        try {
          const manifest = JSON.parse(await readFile(join(this.dir, name, MANIFEST), "utf8")) as Manifest;
          if (manifest.format !== FORMAT || manifest.part !== part || !manifest.words || `${prefix}${manifest.key}` !== name) continue;
          if (!seal.verify(PURPOSE, sealed(manifest), manifest.seal)) continue;
          const bytes = await readFile(join(this.dir, name, WORDS));
          if (bytes.length !== manifest.words.size || createHash("sha256").update(bytes).digest("hex") !== manifest.words.sha256) continue;
          return readWordsFile(bytes);
        } catch {
          // The next one.
        }
      }
    } catch {
      // No cache folder yet.
    }
    return new Map();
  }

  /** The entries of `part` among the cache folder's `names`. */
  private entriesOf(part: string, names: readonly string[]): string[] {
    const prefix = `${part}--`;
    return names.filter((name) => name.startsWith(prefix) && /^[0-9a-f]+$/.test(name.slice(prefix.length)));
  }

  /** `entries`, the most recently used first (a manifest's time is its entry's last use). */
  private async newestFirst(entries: readonly string[]): Promise<string[]> {
    const used = await Promise.all(
      entries.map(async (name) => ({
        name,
        at: await stat(join(this.dir, name, MANIFEST)).then(
          (s) => s.mtimeMs,
          () => 0,
        ),
      })),
    );
    return used.sort((a, b) => b.at - a.at).map(({ name }) => name);
  }

  /**
   * Removes the part's entries beyond the ENTRIES_PER_PART most recently used, and what a stopped
   * build left half-written or half-removed (`.tmp-…`, `.old-…`) over an hour ago.
   */
  private async evict(part: string): Promise<void> {
    const all = await readdir(this.dir);
    for (const name of all.filter((n) => n.startsWith(".tmp-") || n.startsWith(".old-"))) {
      const left = join(this.dir, name);
      const age = await stat(left).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_MS) await rm(left, { recursive: true, force: true }).catch(() => undefined);
    }
    const entries = this.entriesOf(part, all);
    if (entries.length <= ENTRIES_PER_PART) return;
    for (const name of (await this.newestFirst(entries)).slice(ENTRIES_PER_PART)) {
      // Renamed away first, so that no reader starts on an entry being deleted.
      const doomed = join(this.dir, `.old-${name}-${randomBytes(4).toString("hex")}`);
      try {
        await rename(join(this.dir, name), doomed);
        await rm(doomed, { recursive: true, force: true });
      } catch {
        // Taken by another build's eviction.
      }
    }
  }
}

/**
 * The cache for this command, or undefined when there is none: no cache folder, or no secret to
 * seal its entries with (src/build/cache-key.ts), since an entry that cannot be checked is not used.
 */
export function openIndexCache(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): IndexCache | undefined {
  const root = resolveCacheRoot(env, cwd);
  if (!root) return undefined;
  const seal = openCacheSeal(root, env);
  return seal ? new IndexCache(join(root, "search"), seal) : undefined;
}
