// Search indexing with Pagefind's Node API (the npm package's own binary; nothing is downloaded).
// One index per municipality at `<kommune>/pagefind/`, so a municipality's own search loads only
// its own index; the portal's search page merges them in the browser (Pagefind's mergeIndex) and
// reads which indexes to merge from `soeg/indexes.json`. See docs/search.md.
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import type { Archive, Kommune } from "../minutes/model.ts";
import { compoundParts, loadDanishLexicon } from "./compounds.ts";
import { contentDirOf, readMergedIndexes } from "./portal.ts";
import { pageForIndex } from "./prepare.ts";
import { PagefindProcess, SearchIndexError } from "./service.ts";

export { SearchIndexError } from "./service.ts";

export interface SearchIndexOptions {
  /** The freshly rendered site folder (not yet moved into place). */
  siteDir: string;
  archive: Archive;
  /** e.g. "/" or "/referater/". */
  pathPrefix: string;
  /** Set when one municipality is built alone. */
  kommune?: string;
  /**
   * Indexes of other sites to search as well. Default: `search.merge` of `portal.yaml` in the
   * content folder, for a build of the whole archive; none for a one-municipality build.
   */
  merge?: ExternalIndex[];
  /**
   * How many municipalities to index at once, each in a Pagefind process of its own (default: one
   * per core, at most four). Each process holds one municipality's index in memory.
   */
  concurrency?: number;
}

/** Another site's Pagefind index, merged into this site's search. */
export interface ExternalIndex {
  /** Shown in the kommune filter when the index's pages carry none, e.g. "Aarhus Kommune". */
  name: string;
  /** URL of the index folder, e.g. "https://referater.aarhus.dk/aarhus/pagefind/". */
  bundlePath: string;
  /** URL of that site's root, put before its result addresses, e.g. "https://referater.aarhus.dk/". */
  baseUrl: string;
}

/** One index the search page merges; the first is the primary one. */
export interface SearchIndexEntry {
  /** The municipality's slug, for this site's own indexes. */
  kommune?: string;
  name: string;
  bundlePath: string;
  baseUrl: string;
}

/** `soeg/indexes.json`: what the search page loads. */
export interface SearchConfig {
  indexes: SearchIndexEntry[];
}

/** Where the search page finds its configuration, relative to the site root. */
export const SEARCH_CONFIG_PATH = "soeg/indexes.json";

// The files of Pagefind's bundle that the search page uses: the JS API, its worker, the Danish
// WebAssembly and the index itself. Pagefind's own UIs (about 450 kB per index) are left out.
const KEEP = /^(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|wasm\.da\.pagefind|pagefind\.[\w-]+\.pf_meta|(index|fragment|filter)\/[\w-]+\.pf_\w+)$/;

/** The municipalities this build indexes. */
function kommunerOf(options: SearchIndexOptions): Kommune[] {
  const { archive, kommune } = options;
  return kommune ? archive.kommuner.filter((k) => k.slug === kommune) : archive.kommuner;
}

/** The index folder of a municipality, relative to the site root. */
export function indexFolder(kommune: string): string {
  return `${kommune}/pagefind/`;
}

/** The search page's list of indexes: this site's municipalities, then the merged sites. */
export function searchConfig(options: SearchIndexOptions): SearchConfig {
  const prefix = options.pathPrefix.endsWith("/") ? options.pathPrefix : `${options.pathPrefix}/`;
  return {
    indexes: [
      ...kommunerOf(options).map((k) => ({
        kommune: k.slug,
        name: k.name,
        bundlePath: `${prefix}${indexFolder(k.slug)}`,
        baseUrl: prefix,
      })),
      ...(options.merge ?? []).map(({ name, bundlePath, baseUrl }) => ({
        name,
        bundlePath: bundlePath.endsWith("/") ? bundlePath : `${bundlePath}/`,
        baseUrl: baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`,
      })),
    ],
  };
}

function check(answer: { type: string; message?: string }, expected: string, what: string): void {
  if (answer.type === "Error") {
    const errors = [answer.message ?? "unknown error"];
    throw new SearchIndexError(`Pagefind: ${what}: ${errors.join("; ")}`, { cause: errors });
  }
  if (answer.type !== expected) throw new SearchIndexError(`Pagefind: ${what}: answered ${answer.type}, not ${expected}`);
}

/** How many pages may be on their way to one Pagefind process at once (bounds the memory in the pipe). */
const IN_FLIGHT = 16;

/** Removes the files of Pagefind's bundle that the site does not use (its UIs, other languages). */
async function pruneBundle(dir: string): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  await Promise.all(
    entries
      .filter((e) => e.isFile() && !KEEP.test(relative(dir, join(e.parentPath, e.name)).replaceAll("\\", "/")))
      .map((e) => rm(join(e.parentPath, e.name))),
  );
}

/**
 * Indexes one municipality's meeting pages into `<siteDir>/<kommune>/pagefind/`, in a Pagefind
 * process of its own: each page is read, cut down to what Pagefind reads (src/search/prepare.ts)
 * with the compound parts added, and sent while Pagefind indexes the ones before it.
 */
async function indexKommune(siteDir: string, kommune: Kommune, partsOf: (word: string) => readonly string[]): Promise<void> {
  const service = new PagefindProcess();
  try {
    const created = await service.request({ type: "NewIndex", config: { force_language: "da" } });
    check(created, "NewIndex", "createIndex");
    const indexId = created.index_id;
    const meetings = kommune.councils.flatMap((council) => council.meetings);
    // Sorted, so that two builds of the same content add pages in the same order (Pagefind
    // handles one message at a time, in the order sent).
    meetings.sort((a, b) => a.url.localeCompare(b.url));
    const sent: Promise<void>[] = [];
    for (const [i, meeting] of meetings.entries()) {
      if (i >= IN_FLIGHT) await sent[i - IN_FLIGHT];
      const html = await readFile(join(siteDir, meeting.url, "index.html"), "utf8");
      // The address without path prefix: the search page puts the prefix (baseUrl) in front.
      const answer = service.request({ type: "AddFile", index_id: indexId, url: meeting.url, file_contents: pageForIndex(html, partsOf) });
      sent.push(answer.then((a) => check(a, "IndexedFile", meeting.url)));
      // Reported when awaited; until then it must not count as unhandled.
      sent[i]?.catch(() => undefined);
    }
    await Promise.all(sent);
    const outDir = join(siteDir, indexFolder(kommune.slug));
    await rm(outDir, { recursive: true, force: true });
    // Pagefind writes the files itself (rather than sending them back through the pipe).
    check(await service.request({ type: "WriteFiles", index_id: indexId, output_path: resolve(outDir) }), "WriteFiles", "writeFiles");
    await pruneBundle(outDir);
  } finally {
    service.close();
  }
}

/** How many Pagefind processes run at once by default: one per core, at most four (each holds one municipality's index). */
function defaultConcurrency(): number {
  return Math.min(4, availableParallelism());
}

/** Builds the search index(es) into `siteDir` and writes `soeg/indexes.json`. Throws on failure. */
export async function buildSearchIndex(options: SearchIndexOptions): Promise<void> {
  const contentDir = contentDirOf(options.archive);
  // Read first: a broken portal.yaml fails the build before any indexing work.
  const merge = options.merge ?? (options.kommune || !contentDir ? [] : await readMergedIndexes(contentDir));
  const lexicon = await loadDanishLexicon();
  const partsCache = new Map<string, readonly string[]>();
  const partsOf = (word: string) => {
    let parts = partsCache.get(word);
    if (!parts) partsCache.set(word, (parts = compoundParts(word, lexicon)));
    return parts;
  };
  // The largest municipalities first, so that the last one to finish is a small one. The order
  // does not change the indexes: each is built alone.
  const size = (k: Kommune) => k.councils.reduce((n, c) => n + c.meetings.length, 0);
  const queue = [...kommunerOf(options)].sort((a, b) => size(b) - size(a));
  const workers = Array.from({ length: Math.max(1, options.concurrency ?? defaultConcurrency()) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        await indexKommune(options.siteDir, next, partsOf);
      } catch (error) {
        queue.length = 0; // The build fails: start no more.
        throw error;
      }
    }
  });
  const results = await Promise.allSettled(workers);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  await writeSearchConfig(options.siteDir, searchConfig({ ...options, merge }));
}

/** Writes the search page's list of indexes to `<siteDir>/soeg/indexes.json`. */
export async function writeSearchConfig(siteDir: string, config: SearchConfig): Promise<void> {
  const target = join(siteDir, SEARCH_CONFIG_PATH);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, `${JSON.stringify(config, null, 2)}\n`);
}
