// Search indexing with Pagefind's CLI (the npm package's own binary; nothing is downloaded), run
// over a scratch folder of the pages as Pagefind should read them (prepared while rendering,
// src/search/prepared.ts).
// One index per municipality at `<kommune>/pagefind/`, so a municipality's own search loads only
// its own index; a municipality with more meetings than the part size gets one index per period
// (src/search/parts.ts), so that Pagefind's memory follows the part, not the municipality. The
// search page merges them all in the browser (Pagefind's mergeIndex) and reads which indexes to
// merge from `soeg/indexes.json`. See docs/search.md.
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { availableParallelism, totalmem } from "node:os";
import type { Archive, Kommune, MergedIndex } from "../minutes/model.ts";
import { planParts, resolvePartSize, resolveSearchMemory, resolveSearchProcesses, type IndexPart } from "./parts.ts";
import { pageForIndex } from "./prepare.ts";
import { INDEX_CHUNK_SIZE, pagefindBinary, pagefindEnv, pagefindProgramFiles, pagefindVersion, runPagefind } from "./pagefind.ts";
import { IndexCache, openIndexCache, PartKey, PROGRAM_FILE } from "./cache.ts";
import { VOCABULARY_VERSION, writeVocabulary } from "./vocabulary.ts";
import { danishSplitOf, PreparedStore, type PreparedPages, type SplitOf } from "./prepared.ts";
import { eachLimited } from "../build/each-limited.ts";
import { SEARCH_CONFIG_PATH } from "../site/urls.ts";
import { openCacheSeal } from "../build/cache-key.ts";
import { linkOrCopy } from "../fs/shards.ts";

export interface SearchIndexOptions {
  /** The freshly rendered site folder (not yet moved into place). */
  siteDir: string;
  archive: Archive;
  /** e.g. "/" or "/referater/". */
  pathPrefix: string;
  /** Set when one municipality is built alone. */
  kommune?: string;
  /**
   * Indexes of other sites to search as well. Default: the archive's `portal.merge` (`search.merge`
   * of `content/portal.yaml`, as the loader read it) for a build of the whole archive; none for a
   * one-municipality build.
   */
  merge?: ExternalIndex[];
  /**
   * At most this many index parts at once, each in a Pagefind process of its own (default:
   * `REFERAT_SEARCH_PROCESSES`, else the cores, at most four, and no more than half the machine's
   * memory holds; see nextPart).
   */
  concurrency?: number;
  /** At most this many meetings in one index part (default: `REFERAT_SEARCH_PART_SIZE`, else no cap; src/search/parts.ts). */
  partSize?: number;
  /** Pagefind's memory in MB, all its processes together, which sizes the parts (default: `REFERAT_SEARCH_MEMORY`, else 800; src/search/parts.ts). */
  memoryMb?: number;
  /** Pagefind's index chunk size (src/search/pagefind.ts; default INDEX_CHUNK_SIZE), for measuring the trade-off. */
  indexChunkSize?: number;
  /**
   * Where unchanged parts' indexes are kept between builds (src/search/cache.ts): default
   * `REFERAT_CACHE_DIR` or `node_modules/.cache/referatarkiv/`; false for none.
   */
  cache?: IndexCache | false;
  /**
   * What the render stage knows of the pages it put in `siteDir` (src/build/stages.ts): the
   * SHA-256 of each meeting page by its address, and the code version that made them. A part
   * whose every page is known is keyed by these (the prepared pages are a function of the pages
   * and the code), so a part found in the cache is restored without reading a page; a part that
   * Pagefind must index takes its prepared pages from `prepared` and the store of prepared pages.
   */
  rendered?: { pageHashes: ReadonlyMap<string, string>; codeVersion: string };
  /**
   * The meeting pages prepared for Pagefind as the render stage wrote them (src/search/prepared.ts):
   * a part Pagefind indexes takes them from there, not from the rendered pages. Removed when the
   * stage ends.
   */
  prepared?: PreparedPages;
  /**
   * Where prepared pages are kept between builds (src/search/prepared.ts), for the pages of a part
   * that must be indexed which this build took from the render cache: default `search-pages/` in
   * the index cache's folder, when there is an index cache and `rendered`; false for none.
   */
  preparedStore?: PreparedStore | false;
}

/** Another site's Pagefind index, merged into this site's search. */
/** An index of a site hosted elsewhere that the search page merges (`content/portal.yaml`, read by the loader). */
export type ExternalIndex = MergedIndex;

/** One index the search page merges; the first is the primary one. */
export interface SearchIndexEntry {
  /** Names the index among the merged ones (the part's id, src/search/parts.ts), for this site's own indexes. */
  id?: string;
  /** The municipality's slug, for this site's own indexes. */
  kommune?: string;
  /** For a part of a split municipality index: the first and last meeting date in it. */
  from?: string;
  to?: string;
  name: string;
  bundlePath: string;
  baseUrl: string;
}

/** `soeg/indexes.json`: what the search page loads. */
export interface SearchConfig {
  indexes: SearchIndexEntry[];
}

/** Where the search page finds its configuration, relative to the site root (an address of the site: src/site/urls.ts). */
export { SEARCH_CONFIG_PATH };

// The files of Pagefind's bundle that the search page uses: the JS API, its worker, the Danish
// WebAssembly and the index itself. Pagefind's own UIs (about 450 kB per index) are left out.
// And the archive's vocabulary for spelling suggestions (words.txt, src/search/vocabulary.ts).
const KEEP =
  /^(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|wasm\.da\.pagefind|pagefind\.[\w-]+\.pf_meta|(index|fragment|filter)\/[\w-]+\.pf_\w+|words\.txt)$/;
/** The kept files that run in the browser, which never come from the cache (src/search/cache.ts). */
const isKeptProgram = (name: string) => KEEP.test(name) && PROGRAM_FILE.test(name);

const meetingCount = (k: Kommune) => k.councils.reduce((n, c) => n + c.meetings.length, 0);

/** The municipalities this build indexes: those with meetings (Pagefind makes no index of nothing). */
function kommunerOf(options: SearchIndexOptions): Kommune[] {
  const { archive, kommune } = options;
  return (kommune ? archive.kommuner.filter((k) => k.slug === kommune) : archive.kommuner).filter((k) => meetingCount(k) > 0);
}

/** The index parts this build makes: each municipality's, newest part first. */
export function indexParts(options: SearchIndexOptions): IndexPart[] {
  const meetings = resolvePartSize(options.partSize);
  const bytes = resolveSearchMemory(options.memoryMb);
  return kommunerOf(options).flatMap((k) => planParts(k, { ...(meetings ? { meetings } : {}), bytes }));
}

/** The search page's list of indexes: this site's municipalities, then the merged sites. */
export function searchConfig(options: SearchIndexOptions): SearchConfig {
  const prefix = options.pathPrefix.endsWith("/") ? options.pathPrefix : `${options.pathPrefix}/`;
  const parts = indexParts(options);
  // A municipality split into parts gives each part its period.
  const partsPer = new Map<string, number>();
  for (const part of parts) partsPer.set(part.kommune, (partsPer.get(part.kommune) ?? 0) + 1);
  return {
    indexes: [
      ...parts.map((part) => {
        const split = (partsPer.get(part.kommune) ?? 0) > 1;
        return {
          id: part.id,
          kommune: part.kommune,
          name: options.archive.kommuner.find((k) => k.slug === part.kommune)!.name,
          bundlePath: `${prefix}${part.folder}`,
          baseUrl: prefix,
          ...(split ? { from: part.from, to: part.to } : {}),
        };
      }),
      ...(options.merge ?? []).map(({ name, bundlePath, baseUrl }) => ({
        name,
        bundlePath: bundlePath.endsWith("/") ? bundlePath : `${bundlePath}/`,
        baseUrl: baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`,
      })),
    ],
  };
}

/**
 * At most this many Pagefind processes at once by default (fewer on fewer cores): each one parses
 * on every core, then writes its index on one (it compresses every file of the index in turn), so
 * two processes keep two cores busy where one leaves the second idle while it writes.
 */
const MAX_PROCESSES = 4;

/**
 * How many Pagefind processes may run at once: the cores (at most MAX_PROCESSES), and no more
 * than half the machine's memory holds at `budget` bytes each.
 */
export function pagefindProcesses(budget: number, cores: number = availableParallelism(), memory: number = totalmem()): number {
  return Math.max(1, Math.min(MAX_PROCESSES, cores, Math.floor(memory / 2 / budget)));
}

/**
 * Which part Pagefind indexes next. Each part's estimated peak (`bytes`, src/search/parts.ts) is
 * within the budget, and parts run side by side while there is a free process slot and their
 * estimates together stay within that one budget: Pagefind's memory, all processes together,
 * follows the setting (measured on the largest municipality at 10,000 meetings: 0.71 GB instead
 * of 1.40 GB for two processes of a budget each, in a time within the runs' noise; docs/search.md "Memory").
 * A large part runs alone; small parts run beside it or each other and use the core that one
 * process leaves idle while it writes its index. Returns the next part of `waiting` to start, or
 * undefined to wait for one to end.
 */
export function nextPart<P extends { bytes: number }>(waiting: readonly P[], running: readonly P[], budget: number, processes: number): P | undefined {
  if (running.length >= processes) return undefined;
  if (running.length === 0) return waiting[0];
  const load = running.reduce((n, part) => n + part.bytes, 0);
  return waiting.find((part) => load + part.bytes <= budget);
}

/** How many pages are read, prepared and written to the scratch folder at once. */
const IN_FLIGHT = 16;

/** Removes the files of Pagefind's bundle that the site does not use (its UIs, other languages). */
async function pruneBundle(dir: string): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  await Promise.all(
    entries.filter((e) => e.isFile() && !KEEP.test(relative(dir, join(e.parentPath, e.name)).replaceAll("\\", "/"))).map((e) => rm(join(e.parentPath, e.name))),
  );
}

/**
 * The scratch folder for one index part's prepared pages. It lies inside the site folder being
 * built (a hidden folder that no later stage sees): whoever owns that folder removes it on failure
 * (the build's temporary site, `referat serve`'s refresh scratch), and a rename never crosses file
 * systems. Removed as soon as the index is written, also on failure.
 */
function scratchFolder(siteDir: string, part: IndexPart): string {
  return join(siteDir, `.search-pages-${part.id}`);
}

/** One index part's pages as Pagefind should read them, and the part's cache key (src/search/cache.ts; none without a cache). */
interface PreparedPart {
  key?: string;
  pages: { url: string; bytes: Buffer }[];
  /** For a part keyed by its rendered pages' hashes: puts its prepared pages in its scratch folder, when Pagefind needs them. */
  load?: () => Promise<void>;
}

/**
 * Reads one index part's meeting pages and cuts each down to what Pagefind reads
 * (src/search/prepare.ts), with the compound parts added. They stay in memory (about 17 KB a
 * meeting) until the cache has been asked: a part found there is never written out.
 */
async function preparePages(
  siteDir: string,
  part: IndexPart,
  splitter: () => Promise<SplitOf>,
  key: PartKey | undefined,
  prepared: PreparedPages | undefined,
  counts: SearchIndexStats["pages"],
): Promise<PreparedPart> {
  const { meetings } = part;
  const pages: PreparedPart["pages"] = new Array<PreparedPart["pages"][number]>(meetings.length);
  await eachLimited(meetings, IN_FLIGHT, async ({ url }, i) => {
    const own = prepared?.get(url);
    if (own) counts.rendered++;
    else counts.read++;
    const bytes = own ? await readFile(own.file) : Buffer.from(pageForIndex(await readFile(join(siteDir, url, "index.html"), "utf8"), await splitter()));
    key?.addPage(url, bytes);
    pages[i] = { url, bytes };
  });
  return { ...(key ? { key: key.digest() } : {}), pages };
}

/**
 * Fills a part's scratch folder with its prepared pages without holding them: each page prepared
 * while rendering is linked in, each page this build took from the render cache comes from the
 * store of prepared pages (src/search/prepared.ts), and only a page found in neither is read back
 * from the site and prepared.
 */
async function fillScratch(
  siteDir: string,
  part: IndexPart,
  source: { prepared?: PreparedPages; store?: PreparedStore; pageHashes: ReadonlyMap<string, string>; splitter: () => Promise<SplitOf> },
  counts: SearchIndexStats["pages"],
): Promise<void> {
  const scratch = scratchFolder(siteDir, part);
  await rm(scratch, { recursive: true, force: true });
  await eachLimited(part.meetings, IN_FLIGHT, async ({ url }) => {
    const target = join(scratch, url, "index.html");
    await mkdir(dirname(target), { recursive: true });
    const own = source.prepared?.get(url);
    if (own) {
      await linkOrCopy(own.file, target);
      counts.rendered++;
      return;
    }
    const hash = source.pageHashes.get(url);
    if (source.store && hash && (await source.store.restore(hash, target))) {
      counts.stored++;
      return;
    }
    await writeFile(target, pageForIndex(await readFile(join(siteDir, url, "index.html"), "utf8"), await source.splitter()));
    counts.read++;
  });
}

/** Writes a part's prepared pages to its scratch folder, each at its own address (`<addr>/index.html`). */
async function writeScratch(siteDir: string, part: IndexPart, pages: PreparedPart["pages"]): Promise<void> {
  const scratch = scratchFolder(siteDir, part);
  await rm(scratch, { recursive: true, force: true });
  await eachLimited(pages, IN_FLIGHT, async ({ url, bytes }) => {
    const target = join(scratch, url, "index.html");
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, bytes);
  });
}

/** Pagefind's arguments besides the folders. */
const PAGEFIND_ARGS = ["--force-language", "da", "--silent"];

/**
 * What, besides the pages, decides Pagefind's output: the program (its version, and the binary
 * itself), its arguments and environment (the chunk size), the files kept.
 */
async function programIdentity(env: Record<string, string>): Promise<unknown> {
  const binary = pagefindBinary();
  const { size, mtimeMs } = await stat(binary);
  return { version: pagefindVersion() ?? null, binary, size, mtimeMs, args: PAGEFIND_ARGS, env, keep: KEEP.source, vocabulary: VOCABULARY_VERSION };
}

/**
 * Indexes a part's prepared pages into its folder (e.g. `<siteDir>/<kommune>/pagefind/`) with Pagefind's
 * CLI, which reads and parses the pages on all cores (its service mode, what the Node API runs,
 * parses one page at a time) and writes the bundle itself. Result addresses are the pages' paths
 * in the scratch folder: the meeting's address without path prefix (the search page puts the
 * prefix, baseUrl, in front). With a cache, an index made before from the same pages is taken
 * from it instead, and a new one is stored in it.
 */
async function indexPages(
  siteDir: string,
  part: IndexPart,
  prepared: PreparedPart,
  cache: IndexCache | undefined,
  env: Record<string, string>,
): Promise<"cache" | "pagefind"> {
  const outDir = join(siteDir, part.folder);
  await rm(outDir, { recursive: true, force: true });
  if (cache && prepared.key && (await cache.restore(part.id, prepared.key, outDir))) {
    prepared.pages = [];
    // The index data came from the cache (sealed, checked); what runs in the browser never does.
    for (const file of await pagefindProgramFiles(PAGEFIND_ARGS, isKeptProgram)) await writeFile(join(outDir, file.path), file.bytes);
    return "cache";
  }
  if (prepared.load) await prepared.load();
  else await writeScratch(siteDir, part, prepared.pages);
  prepared.pages = []; // On disk now.
  // The words of the pages that did not change are known from the part's last index: read meanwhile.
  const known = cache ? cache.fragmentWords(part.id) : undefined;
  await runPagefind(["--site", resolve(scratchFolder(siteDir, part)), "--output-path", resolve(outDir), ...PAGEFIND_ARGS], env);
  await pruneBundle(outDir);
  const words = await writeVocabulary(outDir, await known);
  if (cache && prepared.key) await cache.store(part.id, prepared.key, outDir, words);
  return "pagefind";
}

/** What a search-index build did. */
export interface SearchIndexStats {
  /** Index parts made. */
  parts: number;
  /** Of those, taken from the cache (src/search/cache.ts) rather than indexed. */
  reused: number;
  /** The cache folder, if there was one. */
  cacheDir?: string;
  /**
   * Where the pages Pagefind read came from: prepared while rendering (`rendered`), from the store of
   * prepared pages (`stored`, src/search/prepared.ts), or read back from the site and prepared (`read`).
   */
  pages: { rendered: number; stored: number; read: number };
}

/** A part's key from the render stage's page hashes (see SearchIndexOptions.rendered), or undefined when a page is not known. */
function renderedKey(part: IndexPart, program: unknown, rendered: NonNullable<SearchIndexOptions["rendered"]>): string | undefined {
  const key = new PartKey({ program, from: "rendered pages", code: rendered.codeVersion });
  for (const { url } of part.meetings) {
    const hash = rendered.pageHashes.get(url);
    if (!hash) return undefined;
    key.addPage(url, hash);
  }
  return key.digest();
}

/** Builds the search index(es) into `siteDir` and writes `soeg/indexes.json`. Throws on failure. */
export async function buildSearchIndex(options: SearchIndexOptions): Promise<SearchIndexStats> {
  try {
    return await indexAll(options);
  } finally {
    // This build's prepared pages are in the store now, and the scratch folders linked to them are gone.
    await options.prepared?.remove();
  }
}

async function indexAll(options: SearchIndexOptions): Promise<SearchIndexStats> {
  // portal.yaml was read and validated by the loader (src/content/portal.ts), with every other content file.
  const merge = options.merge ?? (options.kommune ? [] : (options.archive.portal?.merge ?? []));
  // Loaded when a page is first prepared here (a build whose pages were all prepared while
  // rendering, or whose parts all come from the cache, needs none).
  let splitOf: Promise<SplitOf> | undefined;
  const splitter = (): Promise<SplitOf> => (splitOf ??= options.prepared ? options.prepared.splitOf() : danishSplitOf());
  // The largest parts first, so that the last one to finish is a small one. The order does not
  // change the indexes: each is built alone.
  const parts = indexParts(options).sort((a, b) => b.meetings.length - a.meetings.length);
  const cache = options.cache === undefined ? openIndexCache() : options.cache || undefined;
  const store =
    options.rendered && options.preparedStore !== false ? (options.preparedStore ?? openPreparedStore(cache, options.rendered.codeVersion)) : undefined;
  const counts: SearchIndexStats["pages"] = { rendered: 0, stored: 0, read: 0 };
  // Without a cache, no key is made (hashing every page is not free).
  const env = pagefindEnv(options.indexChunkSize ?? INDEX_CHUNK_SIZE);
  const program = cache ? await programIdentity(env) : undefined;
  // Every page rendered by this build is on disk before a part is indexed; they go into the store
  // beside the indexing (the CPR guard has passed; they are keyed by the rendered pages' bytes).
  await options.prepared?.settled();
  const storing = store && options.prepared ? store.store(options.prepared.all()).then(() => store.clean()) : undefined;
  // Node prepares the next part's pages while Pagefind indexes the one before.
  const prepared: Promise<PreparedPart>[] = [];
  const prepare = (i: number) => {
    const part = parts[i];
    if (part && !prepared[i]) {
      const rendered = options.rendered;
      const known = cache && rendered ? renderedKey(part, program, rendered) : undefined;
      prepared[i] =
        known && rendered
          ? Promise.resolve({
              key: known,
              pages: [],
              load: () =>
                fillScratch(
                  options.siteDir,
                  part,
                  { ...(options.prepared ? { prepared: options.prepared } : {}), ...(store ? { store } : {}), pageHashes: rendered.pageHashes, splitter },
                  counts,
                ),
            })
          : preparePages(options.siteDir, part, splitter, cache ? new PartKey(program) : undefined, options.prepared, counts);
      prepared[i].catch(() => undefined); // Reported when awaited.
    }
    return prepared[i];
  };
  const budget = resolveSearchMemory(options.memoryMb);
  const maxProcesses = resolveSearchProcesses(options.concurrency) ?? pagefindProcesses(budget);
  const waiting = [...parts];
  const running: IndexPart[] = [];
  const runs: Promise<void>[] = [];
  let failed = false;
  let reused = 0;
  const indexPart = async (part: IndexPart): Promise<void> => {
    const i = parts.indexOf(part);
    try {
      const pages = (await prepare(i)) as PreparedPart;
      // The next part's pages are prepared while this one is indexed.
      const following = waiting[0];
      if (following) void prepare(parts.indexOf(following));
      if ((await indexPages(options.siteDir, part, pages, cache, env)) === "cache") reused++;
    } catch (error) {
      failed = true; // The build fails: start no more.
      throw error;
    } finally {
      await rm(scratchFolder(options.siteDir, part), { recursive: true, force: true });
    }
  };
  await new Promise<void>((done) => {
    const launch = (): void => {
      for (let part = nextPart(waiting, running, budget, maxProcesses); part && !failed; part = nextPart(waiting, running, budget, maxProcesses)) {
        const started = part;
        waiting.splice(waiting.indexOf(started), 1);
        running.push(started);
        const run = indexPart(started).finally(() => {
          running.splice(running.indexOf(started), 1);
          launch();
        });
        run.catch(() => undefined); // Reported below.
        runs.push(run);
      }
      if (running.length === 0 && (waiting.length === 0 || failed)) done();
    };
    launch();
  });
  const results = await Promise.allSettled(runs);
  // Pages prepared ahead for a part that was never indexed (after a failure): wait, then remove.
  await Promise.allSettled(prepared);
  await Promise.all(parts.map((part) => rm(scratchFolder(options.siteDir, part), { recursive: true, force: true })));
  await storing;
  const failure = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failure) throw failure.reason;
  await writeSearchConfig(options.siteDir, searchConfig({ ...options, merge }));
  return { parts: parts.length, reused, ...(cache ? { cacheDir: cache.dir } : {}), pages: counts };
}

/** The store of prepared pages beside the index cache (src/search/prepared.ts), or undefined without one. */
function openPreparedStore(cache: IndexCache | undefined, codeVersion: string): PreparedStore | undefined {
  if (!cache) return undefined;
  const root = dirname(cache.dir);
  const seal = openCacheSeal(root);
  return seal ? new PreparedStore(join(root, "search-pages"), seal, codeVersion) : undefined;
}

/** Writes the search page's list of indexes to `<siteDir>/soeg/indexes.json`. */
export async function writeSearchConfig(siteDir: string, config: SearchConfig): Promise<void> {
  const target = join(siteDir, SEARCH_CONFIG_PATH);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, `${JSON.stringify(config, null, 2)}\n`);
}
