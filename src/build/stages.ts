// The build's stages, each a function with typed input and output, in the order the build runs
// them (src/build/pipeline.ts is the list; docs/architecture.md draws it):
//
//   load     content/ → Archive, or every problem (the loader is the only reader of content/)
//   cpr      Archive → CPR findings (runs beside rendering; must be done before the swap)
//   pages    Archive → SiteData: the pure page models (src/site/pages.ts) and their history
//   render   SiteData → meeting and list pages in the new site folder (Eleventy), taking
//            unchanged meeting pages from the render cache (src/build/cache/pages.ts)
//   copy     SiteData → attachments, logos, assets and the colour stylesheet; attachments the CPR
//            guard checked are linked from the cache's content-addressed copies (src/build/cache/files.ts)
//   data     SiteData → the open data files (referat.json, exports, feeds, calendars, sitemaps),
//            taking unchanged meetings' parts from the data cache (src/data/cache.ts)
//   search   Archive + the pages prepared while rendering → the search index parts (src/search/)
//   links    the new site folder → broken links, as problems
//   keep     what the render stage made → the render cache, for the next build
//   swap     the new site folder → the output, atomically (src/build/swap.ts)
//
// `referat build` runs them all; `referat check` and `referat serve` run the ones they need.
// A stage never writes outside the folder it is given, so a failed build leaves nothing behind.
import { createHash } from "node:crypto";
import { existsSync, rmSync } from "node:fs";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { loadArchive } from "../content/load.ts";
import type { LoadScans } from "../content/sources.ts";
import type { Problem } from "../report/problem.ts";
import type { Archive, Kommune } from "../minutes/model.ts";
import { createSiteData, type SiteData } from "../eleventy/data.ts";
import { renderPages, TEMPLATES_DIR } from "../eleventy/render.ts";
import { replacesOurs } from "../eleventy/site-templates.ts";
import { checkCpr, startCprCheck, type CprCheck, type CprResult } from "../trust/cpr.ts";
import { checkLinks, LINKS_RECORD, type LinkRecords } from "../trust/links.ts";
import { buildSearchIndex, type SearchIndexOptions, type SearchIndexStats } from "../search/index.ts";
import { PreparedPages } from "../search/prepared.ts";
import { exportCounts, importCounts } from "../search/examples.ts";
import { colourStylesheet, COLOUR_STYLESHEET } from "../site/look.ts";
import { outputPathOf } from "../site/urls.ts";
import type { ListPage, MeetingPage } from "../site/pages.ts";
import { addHistory, siteBaseUrl, writeDataFiles } from "../data/stage.ts";
import { DataCache } from "../data/cache.ts";
import { copyAssets, copyFiles, listCopyJobs } from "./copy.ts";
import { resolveCacheRoot } from "./cache-dir.ts";
import { openCacheSeal } from "./cache-key.ts";
import { codeVersion } from "./cache/code-version.ts";
import { meetingPageKey, otherPageKeys, siteContextKey, type FixedPage } from "./cache/page-key.ts";
import { PageCache, type LinkQueries, type Rendered } from "./cache/pages.ts";
import { cleanMeetingCache, meetingCacheRef, MEETINGS_FOLDER, type MeetingCacheRef } from "../content/cache.ts";
import { FileStore } from "./cache/files.ts";

export { PageCache };

/** What decides how the content is loaded besides the content folder. */
export interface LoadStageOptions {
  /** The build's cache folder for the cache of validated meetings (src/content/cache.ts); false for none. Default: as src/build/cache-dir.ts says. */
  cacheDir?: string | false;
}

/**
 * Stage `load`: the validated archive and what the loader saw of its files (the CPR stage's input
 * beside it), or every problem of the content (CPR numbers in files that failed validation too).
 */
export async function loadStage(
  contentDir: string,
  kommune?: string,
  options: LoadStageOptions = {},
): Promise<{ ok: true; archive: Archive; scans: LoadScans } | { ok: false; problems: Problem[] }> {
  const cache = await openMeetingCache(options.cacheDir);
  const { archive, problems, scans } = await loadArchive(contentDir, { ...(kommune ? { kommune } : {}), ...(cache ? { cache } : {}) });
  if (cache) cleanMeetingCache(join(cache.root, MEETINGS_FOLDER));
  // The CPR guard also reads the files that failed validation, so one run reports every problem.
  if (problems.length > 0)
    return {
      ok: false,
      problems: [...problems, ...(await cprStage(archive, scans)).problems],
    };
  if (kommune && !archive.kommuner.some((k) => k.slug === kommune)) return { ok: false, problems: [await unknownKommune(contentDir, kommune)] };
  return { ok: true, archive, scans };
}

/**
 * The cache of validated meetings of a build, or undefined for none: no cache folder
 * (`REFERAT_CACHE_DIR=off`, or `cacheDir` false) or no secret to seal it with.
 */
export async function openMeetingCache(cacheDir?: string | false): Promise<MeetingCacheRef | undefined> {
  if (cacheDir === false) return undefined;
  const root = cacheDir ?? resolveCacheRoot();
  return root ? meetingCacheRef(root, await codeVersion()) : undefined;
}

async function unknownKommune(contentDir: string, kommune: string): Promise<Problem> {
  let known: string[] = [];
  try {
    const entries = await readdir(contentDir, { withFileTypes: true });
    known = entries
      .filter((e) => e.isDirectory() && existsSync(join(contentDir, e.name, "kommune.yaml")))
      .map((e) => e.name)
      .sort();
  } catch {
    // The loader reports a missing content folder itself.
  }
  return {
    file: contentDir,
    line: 1,
    col: 1,
    field: "--kommune",
    message: `skal være en kommune i indholdet${known.length ? ` (${known.join(", ")})` : ""}, men er "${kommune}"`,
  };
}

/**
 * Stage `cpr`: every CPR number the archive would publish (meetings and attachments), and any in
 * the meeting files the loader left out (`scans.rejected`), as problems (none is a pass); and the
 * keys of the attachments' bytes it judged, for the copy stage. `scans` is what the load stage saw
 * of the files (without it, the guard reads every meeting's files itself).
 */
export function cprStage(archive: Archive, scans?: Partial<LoadScans>): Promise<CprResult> {
  return checkCpr(archive, process.cwd(), scans ? { scans } : {});
}

/**
 * Stage `cpr` in two steps, for the build, which runs it beside rendering: the check opened and
 * its work counted (`CprCheck.pending`: attachments to extract), then its result.
 */
export function startCprStage(archive: Archive, scans?: Partial<LoadScans>): Promise<CprCheck> {
  return startCprCheck(archive, process.cwd(), scans ? { scans } : {});
}

/** What decides the pages besides the archive. */
export interface PagesOptions {
  /** Normalised, e.g. "/" or "/referater/". */
  pathPrefix: string;
  kommune?: string;
  baseUrl?: string;
  /** Test hook: called for each meeting page as it renders (turns the render cache off). */
  onRenderPage?: (url: string) => void;
}

/** Stage `pages`: the site's page models (src/site/pages.ts) and each meeting's publishing history. */
export async function pagesStage(archive: Archive, options: PagesOptions): Promise<SiteData> {
  const site = createSiteData(archive, {
    pathPrefix: options.pathPrefix,
    ...(options.kommune ? { kommune: options.kommune } : {}),
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.onRenderPage ? { onRenderPage: options.onRenderPage } : {}),
  });
  await addHistory(site);
  return site;
}

/**
 * The render cache of a build (src/build/cache/pages.ts), or undefined for none: no cache folder
 * (`REFERAT_CACHE_DIR=off`), no secret to seal it with, or a build that watches every page render.
 */
export function openPageCache(cacheDir?: string | false, watchesRendering = false): PageCache | undefined {
  if (watchesRendering || cacheDir === false) return undefined;
  const root = cacheDir ?? resolveCacheRoot();
  if (!root) return undefined;
  const seal = openCacheSeal(root);
  return seal ? new PageCache(join(root, "pages"), seal) : undefined;
}

/** What the render stage made. */
export interface RenderResult {
  /** Every HTML page of the site (meeting and list pages). */
  pages: number;
  /** Meeting pages rendered by this build. */
  rendered: number;
  /** Meeting pages taken from the render cache. */
  reused: number;
  /** With a render cache: the other pages our templates make (list pages, search pages, the 404 page), rendered and taken from the cache. */
  others?: { rendered: number; reused: number };
  /** The pages to keep in the render cache once the build has passed every check (the `keep` stage). */
  keep: Rendered[];
  /** With a render cache: every meeting page's SHA-256 by address, for the search index's part keys (src/search/index.ts `rendered`). */
  search?: { pageHashes: Map<string, string>; codeVersion: string };
  /**
   * With a render cache: every meeting page's render cache key by address. Other stages read what
   * they kept with a page by it (`PageCache.record`) and add what they want kept to `keep`
   * (`Rendered.records`) before the keep stage.
   */
  keys?: Map<string, string>;
}

/** The record kept with a municipality's search page: its example searches' counts (src/search/examples.ts `exportCounts`). */
const EXAMPLES_RECORD = "examples";
/** Meeting pages to render at most for their Markdown to be rendered in this thread rather than in worker threads. */
const FEW_PAGES = 24;

export interface RenderStageOptions {
  cache?: PageCache;
  /** A web team's templates folder (`--templates`): rendered with, and part of the render cache's code version. */
  templates?: string;
  /** Threads of the worker pool (src/workers/pool.ts) that render the Markdown ahead; 0 renders it in this thread (a few pages: workers cost more to start). Default: src/eleventy/item-html.ts. */
  workers?: number;
  /** Told of each meeting page done (rendered or taken from the cache). */
  onPage?: (done: number, total: number) => void;
  /** Prepares each meeting page rendered for the search index from the bytes written (src/search/prepared.ts). */
  prepared?: PreparedPages;
  /**
   * Records each page's links and ids for the link check, from the bytes written or, for a page
   * taken from the render cache, from the record kept with it (src/trust/links/records.ts).
   */
  links?: LinkRecords;
}

/**
 * Stage `render`: every page into `siteDir`. With a render cache, meeting pages whose key
 * (src/build/cache/page-key.ts) the cache holds, and whose links still resolve as they did, are
 * linked from it, and so are the other pages (list, search and 404 pages: `otherPageKeys`) whose
 * key it holds; Eleventy renders the rest, and does not start when nothing is left. Throws if a
 * page fails.
 */
export async function renderStage(site: SiteData, siteDir: string, options: RenderStageOptions = {}): Promise<RenderResult> {
  const { cache } = options;
  const total = site.meetingPages.length;
  let done = 0;
  const step = () => options.onPage?.(++done, total);
  let toRender: MeetingPage[] = site.meetingPages;
  let listsToRender: ListPage[] = site.listPages;
  const keyOf = new Map<MeetingPage, string>();
  let listKeys = new Map<ListPage, string>();
  /** The search pages and the 404 page, and which of their templates Eleventy leaves out (their pages all came from the cache). */
  let fixed: FixedPage[] = [];
  const skipTemplates = new Set<string>();
  /** The SHA-256 of each meeting page put in the site, by address (for the search stage's part keys). */
  const pageHashes = new Map<string, string>();
  let code = "";
  if (cache) {
    code = await codeVersion(options.templates);
    const context = siteContextKey(site, code, options.templates !== undefined && (await replacesOurs(options.templates)));
    for (const page of site.meetingPages) keyOf.set(page, meetingPageKey(site, page, context));
    ({ lists: listKeys, fixed } = otherPageKeys(site, context));
    const restored = await cache.restore([
      ...site.meetingPages.map((page) => ({
        key: keyOf.get(page) as string,
        target: join(siteDir, outputPathOf(page.url)),
        resolve: (href: string) => site.resolveMeetingLink(href, page.meeting.sourcePath),
      })),
      ...site.listPages.map((page) => ({ key: listKeys.get(page) as string, target: join(siteDir, outputPathOf(page.url)) })),
      ...fixed.map((page) => ({ key: page.key, target: join(siteDir, page.output) })),
    ]);
    toRender = [];
    for (const page of site.meetingPages) {
      const key = keyOf.get(page) as string;
      const sha256 = restored.get(key);
      if (sha256) {
        pageHashes.set(page.url, sha256);
        options.links?.restore(join(siteDir, outputPathOf(page.url)), cache.record(key, LINKS_RECORD));
      } else toRender.push(page);
    }
    listsToRender = site.listPages.filter((page) => !restored.has(listKeys.get(page) as string));
    // A template makes all its pages or none: one whose pages did not all come from the cache
    // renders them all, and those that did are taken out again (a restored page is a link into
    // the cache, never written over).
    for (const template of new Set(fixed.map((page) => page.template))) {
      const pages = fixed.filter((page) => page.template === template);
      if (pages.every((page) => restored.has(page.key))) skipTemplates.add(template);
      else for (const page of pages) if (restored.has(page.key)) rmSync(join(siteDir, page.output), { force: true });
    }
    // A search page renders: the example searches' counts of each municipality whose meetings
    // are as they were (its search page's key is the same) come from the record kept with that page.
    if (fixed.some((page) => page.search && !skipTemplates.has(page.template))) {
      for (const page of fixed) {
        const counts = page.kommune ? cache.record(page.key, EXAMPLES_RECORD) : undefined;
        if (page.kommune && counts) importCounts(page.kommune, counts.toString("utf8"));
      }
    }
    // What the link check knows of the other pages kept.
    for (const page of site.listPages) {
      const key = listKeys.get(page) as string;
      if (restored.has(key)) options.links?.restore(join(siteDir, outputPathOf(page.url)), cache.record(key, LINKS_RECORD));
    }
    for (const page of fixed) {
      if (skipTemplates.has(page.template)) options.links?.restore(join(siteDir, page.output), cache.record(page.key, LINKS_RECORD));
    }
    for (let i = toRender.length; i < total; i++) step();
  }
  // What each written page's bytes hash to, and what each meeting's links resolved to: for the cache.
  const written = new Map<string, string>();
  const links = new Map<string, Map<string, string | null>>();
  const onRenderPage = site.onRenderPage;
  // A few pages' Markdown costs less in this thread than starting workers for it.
  const workers = options.workers ?? (cache && toRender.length <= FEW_PAGES ? 0 : undefined);
  await renderPages(
    {
      ...site,
      meetingPages: toRender,
      listPages: listsToRender,
      onRenderPage: (url: string) => {
        onRenderPage?.(url);
        step();
      },
    },
    siteDir,
    {
      ...(workers === undefined ? {} : { workers }),
      ...(options.templates ? { templates: options.templates } : {}),
      ...(skipTemplates.size > 0 ? { skipTemplates: [...skipTemplates] } : {}),
      ...(cache || options.prepared || options.links
        ? {
            record: {
              page: (file, bytes) => {
                options.prepared?.record(file, bytes);
                options.links?.record(file, bytes);
                if (cache) written.set(resolve(file), createHash("sha256").update(bytes).digest("hex"));
              },
              link: (from, href, resolved) => {
                if (!cache) return;
                let asked = links.get(from);
                if (!asked) links.set(from, (asked = new Map<string, string | null>()));
                asked.set(href, resolved ?? null);
              },
            },
          }
        : {}),
    },
  );
  const keep: Rendered[] = [];
  for (const page of cache ? toRender : []) {
    const file = resolve(siteDir, outputPathOf(page.url));
    const sha256 = written.get(file);
    if (!sha256) continue;
    const asked = links.get(page.meeting.sourcePath);
    const queries: LinkQueries = asked ? [...asked].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : [];
    const linkRecord = options.links?.encoded(file);
    keep.push({ key: keyOf.get(page) as string, file, sha256, links: queries, ...(linkRecord ? { records: { [LINKS_RECORD]: linkRecord } } : {}) });
    pageHashes.set(page.url, sha256);
  }
  // The other pages this build rendered: their templates write no Markdown, so they ask nothing of the archive.
  const others: { key: string; file: string; kommune?: Kommune }[] = [
    ...listsToRender.map((page) => ({ key: listKeys.get(page) as string, file: resolve(siteDir, outputPathOf(page.url)) })),
    ...fixed
      .filter((page) => !skipTemplates.has(page.template))
      .map((page) => ({ key: page.key, file: resolve(siteDir, page.output), ...(page.kommune ? { kommune: page.kommune } : {}) })),
  ];
  for (const { key, file, kommune } of cache ? others : []) {
    const sha256 = written.get(file);
    if (!sha256) continue;
    const records: Record<string, string> = {};
    const linkRecord = options.links?.encoded(file);
    if (linkRecord) records[LINKS_RECORD] = linkRecord;
    const counts = kommune ? exportCounts(kommune) : undefined;
    if (counts) records[EXAMPLES_RECORD] = counts;
    keep.push({ key, file, sha256, links: [], ...(Object.keys(records).length > 0 ? { records } : {}) });
  }
  const otherTotal = site.listPages.length + fixed.length;
  return {
    pages: total + site.listPages.length,
    rendered: toRender.length,
    reused: total - toRender.length,
    ...(cache ? { others: { rendered: others.length, reused: otherTotal - others.length } } : {}),
    keep,
    ...(cache ? { search: { pageHashes, codeVersion: code }, keys: new Map(site.meetingPages.map((page) => [page.url, keyOf.get(page) as string])) } : {}),
  };
}

/** The open data's cache of a build (src/data/cache.ts), or undefined for none: no cache folder, or no secret to seal it with. */
export function openDataCache(cacheDir?: string | false): DataCache | undefined {
  if (cacheDir === false) return undefined;
  const root = cacheDir ?? resolveCacheRoot();
  if (!root) return undefined;
  const seal = openCacheSeal(root);
  return seal ? new DataCache(join(root, "data"), seal) : undefined;
}

/** What the data stage made: its files, how many meetings' parts were made and taken from the data cache, and how many files were linked whole from it and written. */
export interface DataResult {
  files: number;
  made: number;
  reused: number;
  linked: number;
  written: number;
}

/**
 * Stage `data`: the open data files (src/data/stage.ts). With a data cache, the parts of each
 * meeting whose key (src/data/cache.ts) the cache holds are taken from it. Needs the items' text.
 */
export async function dataStage(
  site: SiteData,
  siteDir: string,
  baseUrl: string | undefined,
  cache?: DataCache,
  checksums?: ReadonlyMap<string, string>,
): Promise<DataResult> {
  let result: DataResult = { files: 0, made: 0, reused: 0, linked: 0, written: 0 };
  await writeDataFiles(site, siteDir, {
    baseUrl,
    ...(checksums ? { known: checksums } : {}),
    ...(cache ? { cache: { store: cache, code: await codeVersion() } } : {}),
    onWritten: (written) => void (result = written),
  });
  return result;
}

const ASSETS_DIR = join(TEMPLATES_DIR, "assets");

/** The copy stage's cache of attachments (src/build/cache/files.ts), or undefined for none: no cache folder, or no secret to seal it with. */
export function openFileStore(cacheDir?: string | false): FileStore | undefined {
  if (cacheDir === false) return undefined;
  const root = cacheDir ?? resolveCacheRoot();
  if (!root) return undefined;
  const seal = openCacheSeal(root);
  return seal ? new FileStore(join(root, "files"), seal) : undefined;
}

/** What the copy stage did: the files copied, their SHA-256 by source path (for the open data), and how many came from the cache. */
export interface CopyResult {
  files: number;
  checksums: ReadonlyMap<string, string>;
  linked: number;
}

/**
 * Stage `copy`: attachments and logos, the published assets and the colour stylesheet. An
 * attachment whose bytes are not the ones the CPR guard checked (`checked`, `CprResult.checked`)
 * stops the build (src/build/copy.ts).
 */
export async function copyStage(site: SiteData, siteDir: string, store?: FileStore, checked?: ReadonlyMap<string, string>): Promise<CopyResult> {
  const jobs = listCopyJobs(site.kommuner, checked);
  const { checksums, linked } = await copyFiles(jobs, siteDir, store ? { store } : {});
  if (existsSync(ASSETS_DIR)) await copyAssets(ASSETS_DIR, siteDir);
  // The municipalities' colours as a stylesheet, not as style attributes (the CSP in deploy/headers.ts).
  await mkdir(join(siteDir, "assets"), { recursive: true });
  await writeFile(join(siteDir, "assets", COLOUR_STYLESHEET), colourStylesheet(site.kommuner));
  return { files: jobs.length, checksums, linked };
}

/**
 * What the render stage hands the search stage: each meeting page prepared for Pagefind as it is
 * written (src/search/prepared.ts), so the search stage reads no page back.
 */
export function preparedPages(site: SiteData, siteDir: string): PreparedPages {
  return new PreparedPages(
    siteDir,
    site.meetingPages.map((page) => ({ file: join(siteDir, outputPathOf(page.url)), url: page.url })),
  );
}

/** Stage `search`: the search index parts of the site in `siteDir` (src/search/index.ts). */
export function searchStage(options: SearchIndexOptions): Promise<SearchIndexStats> {
  return buildSearchIndex(options);
}

/**
 * Stage `links`: every broken link and anchor of the site in `siteDir`, as problems; none is a
 * pass. Pages the render stage recorded (`records`) are checked from their records, not read.
 */
export function linksStage(siteDir: string, archive: Archive, pathPrefix: string, records?: LinkRecords): Promise<Problem[]> {
  return checkLinks({ siteDir, archive, pathPrefix, ...(records ? { records } : {}) });
}

/** Stage `keep`: what this build made into the caches (rendered pages, data files, copied attachments), and stale entries out of them. Best effort: never fails a build. */
export async function keepStage(cache: PageCache | undefined, render: RenderResult, data?: DataCache, files?: FileStore): Promise<void> {
  await data?.store();
  await files?.store();
  if (!cache) return;
  await cache.store(render.keep);
  await cache.clean();
}

export { siteBaseUrl };
