// The build: content/ in, a finished static site out, or nothing changed at all. The stages
// (src/build/stages.ts) run in this order: load, cpr (beside render), pages, render, copy, data,
// search, links, keep, swap. Everything is made in a fresh folder beside the output; any failure
// removes it and leaves the previous output exactly as it was (docs/cli.md, "Exit status": "A
// build that fails, for whatever reason, leaves the previous output exactly as it was").
import { rm } from "node:fs/promises";
import { resolve } from "node:path";
import type { Problem } from "../report/problem.ts";
import type { Archive } from "../minutes/model.ts";
import type { LoadScans } from "../content/sources.ts";
import type { SearchIndexStats } from "../search/index.ts";
import type { SiteData } from "../eleventy/data.ts";
import { LinkRecords } from "../trust/links.ts";
import { normalisePathPrefix } from "../site/urls.ts";
import type { ProgressListener, StageResult } from "./progress.ts";
import { trackFolder } from "./cleanup.ts";
import { describeFailure } from "./failure.ts";
import { collectGarbage } from "./gc.ts";
import { outDirProblem } from "./out-dir.ts";
import { siblingPath, swapIntoPlace } from "./swap.ts";
import {
  copyStage,
  startCprStage,
  dataStage,
  keepStage,
  linksStage,
  loadStage,
  openDataCache,
  openFileStore,
  openPageCache,
  pagesStage,
  preparedPages,
  renderStage,
  searchStage,
  siteBaseUrl,
} from "./stages.ts";

export interface BuildOptions {
  /** The content folder (`content`). */
  contentDir: string;
  /** Where the site goes (`_site`); replaced as a whole on success. */
  outDir: string;
  /** Build one municipality alone, as its own site. */
  kommune?: string;
  /** The sub-path the site is hosted under, e.g. "/referater/"; normalised. */
  pathPrefix?: string;
  /**
   * The public address of the site's root (`--base-url`), for feeds, calendars, sitemaps and
   * canonical links; a one-municipality build falls back to its kommune.yaml's `base_url`.
   */
  baseUrl?: string;
  /** Test hook: called for each meeting page as it renders; if it throws, rendering fails. */
  onRenderPage?: (url: string) => void;
  /** A web team's templates folder (`--templates`), seen by Eleventy beside and instead of templates/. */
  templates?: string;
  /**
   * Given the site's page models (the `pages` stage's result) before they render: `referat serve`
   * keeps them for its updates, with what rendering memoised on them (the search pages' counts).
   */
  onPages?: (site: SiteData) => void;
  /**
   * At most this many meetings in one search index; a larger municipality's index is split into
   * parts by period (src/search/parts.ts). Default: `REFERAT_SEARCH_PART_SIZE`, else no cap (the memory budget sizes them).
   */
  searchPartSize?: number;
  /** Told of each stage's start and end and of each meeting page rendered (src/build/progress.ts). */
  onProgress?: ProgressListener;
  /**
   * The build's cache folder (src/build/cache-dir.ts) for the render cache and the cache of validated meetings; false for none.
   * Default: `REFERAT_CACHE_DIR`, else `node_modules/.cache/referatarkiv/`.
   */
  cacheDir?: string | false;
}

/** Milliseconds spent in each stage. */
export interface BuildTimings {
  load: number;
  cpr: number;
  render: number;
  copy: number;
  search: number;
  links: number;
  swap: number;
}

/** Memory at the end of a stage: the process's resident set (main thread and worker threads), the main thread's V8 heap in use, and the highest resident set sampled during the stage. Bytes. */
export interface StageMemory {
  rss: number;
  heapUsed: number;
  peakRss: number;
}

/** Memory after each stage, and the process's highest resident set over the whole build. */
export interface BuildMemory {
  stages: Partial<Record<keyof BuildTimings, StageMemory>>;
  /** The highest resident set of the process so far (the operating system's count), bytes. */
  maxRss: number;
}

/**
 * Follows the process's memory through the build: a cheap timer reads the resident set every
 * SAMPLE_MS (unref'd: it never keeps the process alive), and each stage's end records the
 * resident set, the V8 heap in use and the highest resident set seen since the stage began.
 */
export class MemoryProbe {
  private readonly stages: BuildMemory["stages"] = {};
  private peak = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor() {
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.timer.unref();
  }

  private sample(): number {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
    return rss;
  }

  /** Records the end of `stage`; the next stage's peak starts from here. */
  end(stage: keyof BuildTimings): void {
    const rss = this.sample();
    this.stages[stage] = {
      rss,
      heapUsed: process.memoryUsage().heapUsed,
      peakRss: this.peak,
    };
    this.peak = rss;
  }

  /** Stops sampling; returns what was recorded. */
  stop(): BuildMemory {
    clearInterval(this.timer);
    this.timer = undefined;
    return {
      stages: this.stages,
      maxRss: process.resourceUsage().maxRSS * 1024,
    };
  }
}

const SAMPLE_MS = 50;

export interface BuildStats {
  kommuner: number;
  councils: number;
  meetings: number;
  /** HTML pages rendered. */
  pages: number;
  /** Attachments and logos copied. */
  files: number;
  /** The search index: its parts, and how many were taken from the cache. */
  search?: SearchIndexStats;
  /** The meeting pages: how many were rendered, how many taken from the render cache (src/build/cache/pages.ts). */
  render?: { rendered: number; reused: number; cacheDir?: string; others?: { rendered: number; reused: number } };
  /** Attachments and logos: copied from content/, and linked from the cache of published attachments (src/build/cache/files.ts). */
  copy?: { copied: number; linked: number };
  /** The open data: meetings whose parts were made, and taken from the data cache (src/data/cache.ts); data files linked whole from it, and written. */
  data?: { made: number; reused: number; linked: number; written: number; cacheDir?: string };
  timings: BuildTimings;
  /** Memory after each stage (absent from a build that did not measure it). */
  memory?: BuildMemory;
}

export type BuildResult = { ok: true; stats: BuildStats } | { ok: false; problems: Problem[] };

export type BuildStage = "render" | "copy" | "search" | "links" | "swap";

/** A stage of the build failed for a reason other than the content (a template, the disk, Pagefind). */
export class BuildStageError extends Error {
  override name = "BuildStageError";
  constructor(
    readonly stage: BuildStage,
    cause: unknown,
  ) {
    super(`${STAGE_NAMES[stage]}: ${describeFailure(cause)}`, { cause });
  }
}

const STAGE_NAMES: Record<BuildStage, string> = {
  render: "siderne kunne ikke laves",
  copy: "filerne kunne ikke kopieres",
  search: "søgeindekset kunne ikke laves",
  links: "linkene kunne ikke tjekkes",
  swap: "det nye site kunne ikke flyttes på plads",
};

function now(): number {
  return performance.now();
}

/** The output folder must be a folder of its own (src/build/out-dir.ts); `referat build` checks it before this. */
function checkOutDir(options: BuildOptions): Problem[] {
  const message = outDirProblem(options.outDir, options.contentDir);
  return message ? [{ file: options.outDir, line: 1, col: 1, field: "--out", message }] : [];
}

/** Builds the site from the content folder. Writes nothing unless everything succeeds. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const outProblems = checkOutDir(options);
  if (outProblems.length > 0) return { ok: false, problems: outProblems };
  const started = now();
  const probe = new MemoryProbe();
  try {
    options.onProgress?.({ stage: "load", phase: "start" });
    const loaded = await loadStage(options.contentDir, options.kommune, options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir });
    if (!loaded.ok) return { ok: false, problems: loaded.problems };
    const { archive, scans } = loaded;
    const loadTime = now() - started;
    probe.end("load");
    options.onProgress?.({
      stage: "load",
      phase: "end",
      result: {
        kommuner: archive.kommuner.length,
        meetings: archive.kommuner.reduce((n, k) => n + k.councils.reduce((m, c) => m + c.meetings.length, 0), 0),
      },
    });
    // The archive is this build's own: what only the pages needed is let go once they are written.
    return await buildStages(archive, options, loadTime, probe, true, scans);
  } finally {
    probe.stop();
  }
}

/**
 * Steps 2–7 for an archive that is already loaded and valid (the benchmark and tests use this
 * directly). Writes nothing unless everything succeeds; throws BuildStageError when a stage fails
 * for a reason other than the content. `scans`: what the load stage saw of the files (the CPR
 * stage's input; without it, the guard reads the files itself).
 */
export async function buildSiteFromArchive(archive: Archive, options: BuildOptions, loadTime = 0, scans?: LoadScans): Promise<BuildResult> {
  const probe = new MemoryProbe();
  try {
    // The archive stays the caller's (the dev server builds from it again): nothing is let go.
    return await buildStages(archive, options, loadTime, probe, false, scans);
  } finally {
    probe.stop();
  }
}

/**
 * The Markdown of the items: the largest part of a loaded archive (about 175 MB of 320 MB at
 * 10,000 meetings), and needed for nothing once the pages and data files are written and the CPR
 * guard is done (the search reads the pages, the link check the items' numbers, titles and lines).
 */
function releaseItemBodies(archive: Archive): void {
  for (const kommune of archive.kommuner) {
    for (const council of kommune.councils) {
      for (const meeting of council.meetings) {
        for (const item of meeting.items) item.body = "";
      }
    }
  }
}

/**
 * The stages after `load` (src/build/stages.ts), in order, with their timings, memory and
 * progress. Everything is made in a fresh folder beside the output, swapped in at the end.
 */
async function buildStages(
  archive: Archive,
  options: BuildOptions,
  loadTime: number,
  probe: MemoryProbe,
  ownsArchive: boolean,
  scans?: LoadScans,
): Promise<BuildResult> {
  const outProblems = checkOutDir(options);
  if (outProblems.length > 0) return { ok: false, problems: outProblems };
  const timings: BuildTimings = {
    load: loadTime,
    cpr: 0,
    render: 0,
    copy: 0,
    search: 0,
    links: 0,
    swap: 0,
  };
  const pathPrefix = normalisePathPrefix(options.pathPrefix);
  const report = options.onProgress;
  /** Runs one stage: its timing, memory and progress (its end event carries what `result` says of it). */
  const timed = async <T>(stage: keyof BuildTimings, run: () => Promise<T>, result?: (value: T) => StageResult, total?: number): Promise<T> => {
    report?.({
      stage,
      phase: "start",
      ...(total === undefined ? {} : { total }),
    });
    const mark = now();
    const value = await run();
    timings[stage] += now() - mark;
    probe.end(stage);
    if (result) report?.({ stage, phase: "end", result: result(value) });
    return value;
  };

  // The CPR guard runs beside rendering (its work is in worker threads and its cache): it only has
  // to be done before anything is kept or published. Its findings are awaited when the pages are
  // rendered, before the render stage reports its end, so progress lines keep the stages' order.
  // With nothing to extract (a rebuild), it is done in a moment: it runs beside the pages stage
  // (git history) and is waited for before rendering, which would otherwise keep this thread from it.
  report?.({ stage: "cpr", phase: "start" });
  const cprStarted = now();
  const cprCheck = startCprStage(archive, scans);
  const cprRun = cprCheck
    .then((check) => check.result())
    .then((result) => {
      timings.cpr = now() - cprStarted;
      return result;
    });
  cprRun.catch(() => undefined); // Awaited below, on every path.
  let cprSeen = false;
  /** The CPR guard's findings (waiting for it if it still runs); reports its end when it passed. */
  const cprFindings = async (): Promise<Problem[]> => {
    const { problems } = await cprRun;
    if (!cprSeen) {
      cprSeen = true;
      probe.end("cpr");
      if (problems.length === 0) report?.({ stage: "cpr", phase: "end" });
    }
    return problems;
  };

  const outDir = resolve(options.outDir);
  const tmpDir = siblingPath(outDir, "tmp");
  // Removed on SIGINT and SIGTERM too (src/build/cleanup.ts), and by a later build if this one is killed.
  const untrack = trackFolder(tmpDir);
  let stage: BuildStage = "render";
  /** The pages prepared for the search index as they render: written into tmpDir beside the render. */
  let prepared: ReturnType<typeof preparedPages> | undefined;
  /** Each page's links and ids, recorded as it renders (or from the render cache): the link check reads no page it has. */
  const linkRecords = new LinkRecords(tmpDir);
  /** A failed build's folder goes, once nothing is being written into it any more (else a late write makes it again). */
  const discard = async (): Promise<void> => {
    await prepared?.abandon();
    await rm(tmpDir, { recursive: true, force: true });
  };
  try {
    /** What the CPR guard found, when it found anything: the build stops before anything is kept. */
    let cprProblems: Problem[] = [];
    // pages + render: the site data (page models, indexes) lives only in this block.
    const cache = openPageCache(options.cacheDir, options.onRenderPage !== undefined);
    const dataCache = openDataCache(options.cacheDir);
    const fileStore = openFileStore(options.cacheDir);
    const { rendered, counts } = await (async () => {
      const site = await pagesStage(archive, {
        pathPrefix,
        ...(options.kommune ? { kommune: options.kommune } : {}),
        ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
        ...(options.onRenderPage ? { onRenderPage: options.onRenderPage } : {}),
      });
      options.onPages?.(site);
      if ((await cprCheck.catch(() => undefined))?.pending === 0) await cprRun.catch(() => undefined);
      const total = site.meetingPages.length;
      const preparing = (prepared = preparedPages(site, tmpDir));
      const rendered = await timed(
        "render",
        () =>
          renderStage(site, tmpDir, {
            ...(cache ? { cache } : {}),
            ...(options.templates ? { templates: options.templates } : {}),
            prepared: preparing,
            links: linkRecords,
            ...(report
              ? {
                  onPage: (done, all) =>
                    report({
                      stage: "render",
                      phase: "step",
                      done,
                      total: all,
                    }),
                }
              : {}),
          }),
        undefined,
        total,
      );
      cprProblems = await cprFindings();
      if (cprProblems.length > 0) return { rendered, counts: undefined };
      report?.({
        stage: "render",
        phase: "end",
        result: { pages: rendered.pages },
      });
      stage = "copy";
      const counts = await timed(
        "copy",
        async () => {
          // The attachments first: their SHA-256, hashed as they are copied, is the open data's checksum.
          // Only the attachment bytes the CPR guard judged are published.
          const copy = await copyStage(site, tmpDir, fileStore, (await cprRun).checked);
          // The open data (referat.json, exports, feeds, calendars, sitemaps) needs the items' text:
          // made before it is let go. Counted with the copied files.
          const data = await dataStage(site, tmpDir, siteBaseUrl(site, options), dataCache, copy.checksums);
          if (ownsArchive) releaseItemBodies(archive);
          const copied = copy.files;
          return {
            kommuner: site.kommuner.length,
            councils: site.kommuner.reduce((n, k) => n + k.councils.length, 0),
            meetings: total,
            pages: rendered.pages,
            files: copied + data.files,
            copied,
            copy: { copied: copied - copy.linked, linked: copy.linked },
            data: { made: data.made, reused: data.reused, linked: data.linked, written: data.written, ...(dataCache ? { cacheDir: dataCache.dir } : {}) },
          };
        },
        (c) => ({ files: c.copied }),
      );
      return { rendered, counts };
    })();
    if (!counts) {
      await discard();
      return { ok: false, problems: cprProblems };
    }

    stage = "search";
    // The pages' data is garbage now, and the Danish lexicon that prepared the pages for the index
    // as they rendered is no longer needed: give them back before Pagefind's process starts beside us.
    if (ownsArchive) {
      await prepared?.releaseSplitter();
      collectGarbage();
    }
    const search = await timed(
      "search",
      () =>
        searchStage({
          siteDir: tmpDir,
          archive,
          pathPrefix,
          ...(options.kommune ? { kommune: options.kommune } : {}),
          ...(options.searchPartSize ? { partSize: options.searchPartSize } : {}),
          ...(rendered.search ? { rendered: rendered.search } : {}),
          ...(prepared ? { prepared } : {}),
        }),
      (s) => ({ parts: s.parts, reused: s.reused }),
    );

    stage = "links";
    const linkProblems = await timed("links", () => linksStage(tmpDir, archive, pathPrefix, linkRecords));
    if (linkProblems.length > 0) {
      await discard();
      return { ok: false, problems: linkProblems };
    }
    report?.({ stage: "links", phase: "end" });

    stage = "swap";
    await timed(
      "swap",
      async () => {
        // Only pages of a build that passed every check are kept for the next one.
        await keepStage(cache, rendered, dataCache, fileStore);
        await swapIntoPlace(tmpDir, outDir);
      },
      () => ({}),
    );

    const { copied: _copied, ...summary } = counts;
    return {
      ok: true,
      stats: {
        ...summary,
        search,
        render: {
          rendered: rendered.rendered,
          reused: rendered.reused,
          ...(cache ? { cacheDir: cache.dir } : {}),
          ...(rendered.others ? { others: rendered.others } : {}),
        },
        timings,
        memory: probe.stop(),
      },
    };
  } catch (error) {
    await discard();
    // A CPR number in the content is the content's problem, and is reported as such.
    const found = await cprRun.then((result) => result.problems).catch(() => []);
    if (found.length > 0) return { ok: false, problems: found };
    throw new BuildStageError(stage, error);
  } finally {
    untrack();
  }
}
