// The pages as Pagefind reads them (src/search/prepare.ts `pageForIndex`), made while the render
// stage writes each meeting page, from the bytes it writes: the search stage never reads a
// rendered page back to prepare it.
//
// - `PreparedPages` is told of every page the render stage writes (src/build/stages.ts, the
//   `record.page` callback) and writes each meeting page's prepared text to a hidden folder of the
//   site being built (`.search-prepared/`, flat, one file a page). The search stage links them into
//   the scratch folder of each index part that Pagefind must index (src/search/index.ts), stores
//   them in the cache below, and removes the folder. The Danish lexicon that splits compounds is
//   loaded at the first meeting page written: a build that renders no page never loads it.
// - `PreparedStore` keeps every prepared page between builds, keyed by the SHA-256 of the rendered
//   page it was made from and the code version (src/build/cache/code-version.ts: the preparation
//   code, the splitter and the dictionary's package). A page that a build takes from the render
//   cache (src/build/cache/pages.ts) is not rendered, so its prepared text comes from here when its
//   index part must be indexed again (a change to another meeting of the same part). Entries are
//   read-only files linked into Pagefind's scratch folder, each with a sidecar holding the prepared
//   bytes' SHA-256 and a seal (src/build/cache-key.ts) over the key and that hash; the bytes are
//   read through the scratch folder's name after linking and checked, as the render cache checks
//   its pages. A missing, damaged or forged entry is a miss: the rendered page is read and
//   prepared, as before. Where: `search-pages/` in the build's cache folder.
import { createHash, randomBytes } from "node:crypto";
import { chmod, mkdir, open, readFile, rename, rm, stat, unlink, utimes, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { CacheSeal } from "../build/cache-key.ts";
import { eachLimited } from "../build/each-limited.ts";
import { forgetDanishLexicon, loadDanishLexicon, splitCompound } from "./compounds.ts";
import { pageForIndex } from "./prepare.ts";
import { linkOrCopy, shardListings } from "../fs/shards.ts";

/** The hidden folder of the site being built that holds this build's prepared pages until the search stage. */
export const PREPARED_FOLDER = ".search-prepared";

/** The splitter every preparation of a build uses: a lowercase word's two parts, or none (src/search/compounds.ts). */
export type SplitOf = (word: string) => readonly string[];

/**
 * A Danish compound splitter (the lexicon is loaded once per process). src/search/prepare.ts
 * remembers a splitter's answers for as long as the function is kept: a build makes one and
 * prepares every page with it.
 */
export async function danishSplitOf(): Promise<SplitOf> {
  const words = await loadDanishLexicon();
  return (word: string) => splitCompound(word, words) ?? [];
}

/** A meeting page prepared by this build: its prepared file, the SHA-256 of the rendered page and of the prepared one. */
export interface PreparedPage {
  file: string;
  pageSha256: string;
  sha256: string;
}

/** This build's meeting pages, prepared for Pagefind as the render stage writes them (see the top of this file). */
export class PreparedPages {
  readonly dir: string;
  /** The meeting address of each meeting page's output file. */
  readonly #urlOf = new Map<string, string>();
  readonly #prepared = new Map<string, PreparedPage>();
  readonly #writes = new Set<Promise<void>>();
  #failure: { error: unknown } | undefined;
  #splitOf: SplitOf | undefined;
  #loading: Promise<void> | undefined;
  /** Pages written before the splitter was loaded. */
  #pending: [url: string, bytes: Buffer][] = [];
  #count = 0;

  /** `meetings`: each meeting page's output file (absolute or relative to the working folder) and its address. */
  constructor(
    readonly siteDir: string,
    meetings: Iterable<{ file: string; url: string }>,
    private readonly loadSplitOf: () => Promise<SplitOf> = danishSplitOf,
  ) {
    this.dir = join(siteDir, PREPARED_FOLDER);
    for (const { file, url } of meetings) this.#urlOf.set(resolve(file), url);
  }

  /** Told of a page the render stage writes (its output file and bytes); prepares it if it is a meeting page. */
  record(file: string, bytes: Buffer): void {
    const url = this.#urlOf.get(resolve(file));
    if (url === undefined || this.#failure) return;
    if (this.#splitOf) return this.#prepare(url, bytes, this.#splitOf);
    this.#pending.push([url, bytes]);
    this.#loading ??= this.loadSplitOf().then(
      (splitOf) => {
        this.#splitOf = splitOf;
        const pending = this.#pending;
        this.#pending = [];
        for (const [u, b] of pending) this.#prepare(u, b, splitOf);
      },
      (error: unknown) => void (this.#failure ??= { error }),
    );
  }

  #prepare(url: string, bytes: Buffer, splitOf: SplitOf): void {
    // After a failure or `abandon()`, nothing more is written (pages waiting for the splitter included).
    if (this.#failure) return;
    const prepared = Buffer.from(pageForIndex(bytes.toString("utf8"), splitOf));
    const file = join(this.dir, `${++this.#count}.html`);
    this.#prepared.set(url, {
      file,
      pageSha256: createHash("sha256").update(bytes).digest("hex"),
      sha256: createHash("sha256").update(prepared).digest("hex"),
    });
    this.#folder ??= mkdir(this.dir, { recursive: true }).then(() => undefined);
    const write: Promise<void> = this.#folder
      .then(() => writeFile(file, prepared))
      .then(
        () => void this.#writes.delete(write),
        (error: unknown) => {
          this.#writes.delete(write);
          this.#failure ??= { error };
        },
      );
    this.#writes.add(write);
  }

  /** The folder, made before the first page is written into it. */
  #folder: Promise<void> | undefined;

  /** Settles when every page recorded is prepared and on disk; throws the first failure. */
  async settled(): Promise<void> {
    await this.#loading;
    while (this.#writes.size > 0) await Promise.all(this.#writes);
    if (this.#failure) throw this.#failure.error;
  }

  /** The prepared page of a meeting address, if this build rendered it. */
  get(url: string): PreparedPage | undefined {
    return this.#prepared.get(url);
  }

  /** Every page prepared by this build. */
  all(): IterableIterator<PreparedPage> {
    return this.#prepared.values();
  }

  /**
   * Once the pages recorded so far are prepared, lets go of the splitter and of the process's
   * Danish lexicon (about 30 MB, src/search/compounds.ts), which would otherwise sit beside
   * Pagefind through the search stage: the build calls this when rendering is done. A page
   * recorded or prepared after this loads the lexicon again (from its file, under a second).
   */
  async releaseSplitter(): Promise<void> {
    await this.#loading;
    this.#splitOf = undefined;
    this.#loading = undefined;
    forgetDanishLexicon();
  }

  /** The splitter, for a page that must be prepared from its rendered file (one this build did not render). */
  splitOf(): Promise<SplitOf> {
    return this.#splitOf ? Promise.resolve(this.#splitOf) : this.loadSplitOf();
  }

  /** Settles when nothing is being loaded or written any more, whatever failed. */
  async #quiet(): Promise<void> {
    await this.#loading?.catch(() => undefined);
    while (this.#writes.size > 0) await Promise.allSettled([...this.#writes]);
  }

  /**
   * A failed build: takes no more pages and settles when none is being written, so that nothing
   * lands in the site's folder after the build has removed it.
   */
  async abandon(): Promise<void> {
    this.#failure ??= { error: new Error("the build failed") };
    await this.#quiet();
  }

  /** Removes the folder of prepared pages (the search stage's last step, also on failure). */
  async remove(): Promise<void> {
    await this.#quiet();
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Bumped when the layout of an entry, or what goes into a key, changes. */
const FORMAT = 1;
const PURPOSE = `prepared-page:${FORMAT}`;
/** Entries no build has used for this long are removed. */
export const ENTRY_TTL_DAYS = 14;
/** The clean-up walks the whole store at most this often. */
const CLEAN_EVERY_MS = 24 * 60 * 60 * 1000;
/** Files linked, read or written at once. */
const IN_FLIGHT = 32;

interface Sidecar {
  sha256: string;
  seal: string;
}

/** The stored prepared pages of earlier builds (see the top of this file). */
export class PreparedStore {
  /** Keys this build used or stored (never removed by this build's clean-up). */
  private readonly used = new Set<string>();

  constructor(
    readonly dir: string,
    private readonly seal: CacheSeal,
    /** The code version (src/build/cache/code-version.ts): part of every key. */
    private readonly codeVersion: string,
  ) {}

  /** The key of the prepared text of a rendered page with this SHA-256. */
  keyOf(pageSha256: string): string {
    return createHash("sha256").update(`${PURPOSE}\n${this.codeVersion}\n${pageSha256}`).digest("hex");
  }

  private paths(key: string): { html: string; json: string } {
    const shard = join(this.dir, key.slice(0, 2));
    return { html: join(shard, `${key}.html`), json: join(shard, `${key}.json`) };
  }

  /**
   * Puts the prepared text of the rendered page with SHA-256 `pageSha256` at `target` (whose
   * folder must exist), if the store holds it intact; returns its bytes, or undefined (then
   * `target` does not exist).
   */
  async restore(pageSha256: string, target: string): Promise<Buffer | undefined> {
    const key = this.keyOf(pageSha256);
    const { html, json } = this.paths(key);
    let sidecar: Sidecar;
    try {
      const parsed = JSON.parse(await readFile(json, "utf8")) as Partial<Sidecar>;
      if (typeof parsed.sha256 !== "string" || typeof parsed.seal !== "string") return undefined;
      if (!this.seal.verify(PURPOSE, `${key}\n${parsed.sha256}`, parsed.seal)) return undefined;
      sidecar = { sha256: parsed.sha256, seal: parsed.seal };
      await linkOrCopy(html, target);
    } catch {
      return undefined;
    }
    try {
      // Checked after linking, through the scratch folder's own name: the bytes checked are the bytes Pagefind reads.
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
      if (createHash("sha256").update(bytes).digest("hex") !== sidecar.sha256) throw new Error("damaged");
      this.used.add(key);
      const now = new Date();
      await utimes(json, now, now).catch(() => undefined);
      return bytes;
    } catch {
      await rm(target, { force: true });
      return undefined;
    }
  }

  /**
   * Keeps this build's prepared pages: each file becomes read-only and is linked (or copied) into
   * the store. Best effort: a store that cannot be written costs only a later build's time.
   */
  async store(pages: Iterable<PreparedPage>): Promise<void> {
    const shards = new Map<string, Promise<unknown>>();
    await eachLimited([...pages], IN_FLIGHT, async ({ file, pageSha256, sha256 }) => {
      const key = this.keyOf(pageSha256);
      this.used.add(key);
      const { html, json } = this.paths(key);
      const tmp = `.${randomBytes(6).toString("hex")}.tmp`;
      try {
        const shard = key.slice(0, 2);
        if (!shards.has(shard)) shards.set(shard, mkdir(dirname(html), { recursive: true }));
        await shards.get(shard);
        // Read-only before it is shared: neither the scratch folder nor the store writes a page in place.
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
        const sidecar: Sidecar = { sha256, seal: this.seal.sign(PURPOSE, `${key}\n${sha256}`) };
        await writeFile(json, JSON.stringify(sidecar));
      } catch {
        await rm(html + tmp, { force: true }).catch(() => undefined);
      }
    });
  }

  /**
   * Removes entries that no build has used for ENTRY_TTL_DAYS days (and leftovers of stopped
   * builds), at most once a day. Best effort.
   */
  async clean(now = Date.now()): Promise<void> {
    const marker = join(this.dir, ".cleaned");
    const last = await stat(marker).then(
      (s) => s.mtimeMs,
      () => 0,
    );
    if (now - last < CLEAN_EVERY_MS) return;
    await mkdir(this.dir, { recursive: true }).catch(() => undefined);
    await writeFile(marker, "").catch(() => undefined);
    const limit = now - ENTRY_TTL_DAYS * 24 * 60 * 60 * 1000;
    for (const { folder, names } of shardListings(this.dir)) {
      await eachLimited(names, IN_FLIGHT, async (name) => {
        const file = join(folder, name);
        const key = name.slice(0, 64);
        if (this.used.has(key)) return;
        // The sidecar's time is the entry's last use; a page without one is useless.
        const clock = name.endsWith(".html") ? join(folder, `${key}.json`) : file;
        const info = await stat(clock).catch(() => undefined);
        if (!info || info.mtimeMs < limit) await unlink(file).catch(() => undefined);
      });
    }
  }
}
