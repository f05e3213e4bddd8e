// Search indexing with Pagefind's Node API (the npm package's own binary; nothing is downloaded).
// One index per municipality at `<kommune>/pagefind/`, so a municipality's own search loads only
// its own index; the portal's search page merges them in the browser (Pagefind's mergeIndex) and
// reads which indexes to merge from `soeg/indexes.json`. See docs/search.md.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import * as pagefind from "pagefind";
import type { Archive, Kommune } from "../minutes/model.ts";
import { compoundParts, loadDanishLexicon } from "./compounds.ts";
import { contentDirOf, readMergedIndexes } from "./portal.ts";
import { addCompoundParts } from "./prepare.ts";

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
  /** How many municipalities to index at once (default 4): each holds its pages in memory. */
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

/** Thrown when Pagefind reports errors; `cause` carries them. */
export class SearchIndexError extends Error {
  override name = "SearchIndexError";
}

function check(errors: string[], what: string): void {
  if (errors.length) throw new SearchIndexError(`Pagefind: ${what}: ${errors.join("; ")}`, { cause: errors });
}

/** Indexes one municipality's meeting pages into `<siteDir>/<kommune>/pagefind/`. */
async function indexKommune(
  siteDir: string,
  kommune: Kommune,
  partsOf: (word: string) => readonly string[],
): Promise<void> {
  const created = await pagefind.createIndex({ forceLanguage: "da" });
  check(created.errors, "createIndex");
  const index = created.index;
  if (!index) throw new SearchIndexError("Pagefind: createIndex gave no index");
  try {
    const meetings = kommune.councils.flatMap((council) => council.meetings);
    // Sorted, so that two builds of the same content add pages in the same order.
    meetings.sort((a, b) => a.url.localeCompare(b.url));
    for (const meeting of meetings) {
      const file = join(siteDir, meeting.url, "index.html");
      const html = await readFile(file, "utf8");
      // The address without path prefix: the search page puts the prefix (baseUrl) in front.
      const added = await index.addHTMLFile({ url: meeting.url, content: addCompoundParts(html, partsOf) });
      check(added.errors, meeting.url);
    }
    const { errors, files } = await index.getFiles();
    check(errors, "getFiles");
    const outDir = join(siteDir, indexFolder(kommune.slug));
    await rm(outDir, { recursive: true, force: true });
    for (const { path, content } of files) {
      const relative = path.replaceAll("\\", "/");
      if (!KEEP.test(relative)) continue;
      const target = join(outDir, relative);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content);
    }
  } finally {
    await index.deleteIndex();
  }
}

// Pagefind's Node API runs one service process for the whole Node process; builds running at the
// same time (tests, the dev server) share it, and the last one to finish stops it.
let serviceUsers = 0;

/** Builds the search index(es) into `siteDir` and writes `soeg/indexes.json`. Throws on failure. */
export async function buildSearchIndex(options: SearchIndexOptions): Promise<void> {
  const contentDir = contentDirOf(options.archive);
  // Read first: a broken portal.yaml fails the build before any indexing work.
  const merge = options.merge ?? (options.kommune || !contentDir ? [] : await readMergedIndexes(contentDir));
  serviceUsers++;
  const kommuner = kommunerOf(options);
  const lexicon = await loadDanishLexicon();
  const partsCache = new Map<string, readonly string[]>();
  const partsOf = (word: string) => {
    let parts = partsCache.get(word);
    if (!parts) partsCache.set(word, (parts = compoundParts(word, lexicon)));
    return parts;
  };
  try {
    // A few municipalities at a time through the one Pagefind service: the indexing runs in
    // parallel inside it, while the memory stays bounded.
    const queue = [...kommuner];
    const workers = Array.from({ length: Math.max(1, options.concurrency ?? 4) }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        await indexKommune(options.siteDir, next, partsOf);
      }
    });
    await Promise.all(workers);
  } finally {
    if (--serviceUsers === 0) await pagefind.close();
  }
  await writeSearchConfig(options.siteDir, searchConfig({ ...options, merge }));
}

/** Writes the search page's list of indexes to `<siteDir>/soeg/indexes.json`. */
export async function writeSearchConfig(siteDir: string, config: SearchConfig): Promise<void> {
  const target = join(siteDir, SEARCH_CONFIG_PATH);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, `${JSON.stringify(config, null, 2)}\n`);
}
