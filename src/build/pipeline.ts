// The build: content/ in, a finished static site out, or nothing changed at all.
// 1 load + validate, 2 CPR guard, 3 render (Eleventy) into a fresh folder beside the output,
// 4 copy files, 5 search index, 6 link check, 7 swap into place. Any failure removes the fresh
// folder and leaves the previous output exactly as it was (docs/cli.md, "Exit status": "A
// build that fails, for whatever reason, leaves the previous output exactly as it was").
import { existsSync } from "node:fs";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { loadArchive } from "../content/load.ts";
import type { Problem } from "../report/problem.ts";
import type { Archive } from "../minutes/model.ts";
import { buildSearchIndex, type SearchIndexStats } from "../search/index.ts";
import { findCprNumbers } from "../trust/cpr.ts";
import { checkLinks } from "../trust/links.ts";
import { createSiteData } from "../eleventy/data.ts";
import { renderPages, TEMPLATES_DIR } from "../eleventy/render.ts";
import { normalisePathPrefix } from "../site/urls.ts";
import { colourStylesheet, COLOUR_STYLESHEET } from "../site/look.ts";
import { copyAssets, copyFiles, listCopyJobs } from "./copy.ts";
import type { ProgressListener } from "./progress.ts";
import { addHistory, siteBaseUrl, writeDataFiles } from "../data/stage.ts";
import { trackFolder } from "./cleanup.ts";
import { describeFailure } from "./failure.ts";
import { collectGarbage } from "./gc.ts";
import { outDirProblem } from "./out-dir.ts";
import { siblingPath, swapIntoPlace } from "./swap.ts";

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
  /**
   * At most this many meetings in one search index; a larger municipality's index is split into
   * parts by period (src/search/parts.ts). Default: `REFERAT_SEARCH_PART_SIZE`, else 4,000.
   */
  searchPartSize?: number;
  /** Told of each stage's start and end and of each meeting page rendered (src/build/progress.ts). */
  onProgress?: ProgressListener;
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
    this.stages[stage] = { rss, heapUsed: process.memoryUsage().heapUsed, peakRss: this.peak };
    this.peak = rss;
  }

  /** Stops sampling; returns what was recorded. */
  stop(): BuildMemory {
    clearInterval(this.timer);
    this.timer = undefined;
    return { stages: this.stages, maxRss: process.resourceUsage().maxRSS * 1024 };
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

const ASSETS_DIR = join(TEMPLATES_DIR, "assets");

function now(): number {
  return performance.now();
}

/** The output folder must be a folder of its own (src/build/out-dir.ts); `referat build` checks it before this. */
function checkOutDir(options: BuildOptions): Problem[] {
  const message = outDirProblem(options.outDir, options.contentDir);
  return message ? [{ file: options.outDir, line: 1, col: 1, field: "--out", message }] : [];
}

async function unknownKommune(contentDir: string, kommune: string): Promise<Problem> {
  let known: string[] = [];
  try {
    const entries = await readdir(contentDir, { withFileTypes: true });
    known = entries.filter((e) => e.isDirectory() && existsSync(join(contentDir, e.name, "kommune.yaml"))).map((e) => e.name).sort();
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

/** Builds the site from the content folder. Writes nothing unless everything succeeds. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const outProblems = checkOutDir(options);
  if (outProblems.length > 0) return { ok: false, problems: outProblems };
  const started = now();
  const probe = new MemoryProbe();
  try {
    options.onProgress?.({ stage: "load", phase: "start" });
    const { archive, problems } = await loadArchive(options.contentDir, options.kommune ? { kommune: options.kommune } : {});
    // The CPR guard also reads the files that failed validation, so one run reports every problem.
    if (problems.length > 0) return { ok: false, problems: [...problems, ...(await findCprNumbers(archive))] };
    if (options.kommune && !archive.kommuner.some((k) => k.slug === options.kommune)) {
      return { ok: false, problems: [await unknownKommune(options.contentDir, options.kommune)] };
    }
    const loadTime = now() - started;
    probe.end("load");
    options.onProgress?.({
      stage: "load",
      phase: "end",
      result: { kommuner: archive.kommuner.length, meetings: archive.kommuner.reduce((n, k) => n + k.councils.reduce((m, c) => m + c.meetings.length, 0), 0) },
    });
    // The archive is this build's own: what only the pages needed is let go once they are written.
    return await buildStages(archive, options, loadTime, probe, true);
  } finally {
    probe.stop();
  }
}

/**
 * Steps 2–7 for an archive that is already loaded and valid (the benchmark and tests use this
 * directly). Writes nothing unless everything succeeds; throws BuildStageError when a stage fails
 * for a reason other than the content.
 */
export async function buildSiteFromArchive(archive: Archive, options: BuildOptions, loadTime = 0): Promise<BuildResult> {
  const probe = new MemoryProbe();
  try {
    // The archive stays the caller's (the dev server builds from it again): nothing is let go.
    return await buildStages(archive, options, loadTime, probe, false);
  } finally {
    probe.stop();
  }
}

/** What the summary counts of the pages and files. */
interface SiteCounts {
  kommuner: number;
  councils: number;
  meetings: number;
  pages: number;
  files: number;
}

/**
 * The Markdown of the items: the largest part of a loaded archive (about 175 MB of 320 MB at
 * 10,000 meetings), and needed for nothing once the pages are written (the search reads the
 * pages, the link check the items' numbers, titles and lines).
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
 * Steps 3 and 4, the pages and the files. The site data (page models, indexes) lives only here:
 * once this returns, only the counts are left of it.
 */
async function renderAndCopy(
  archive: Archive,
  options: BuildOptions,
  pathPrefix: string,
  tmpDir: string,
  progress: { stage: BuildStage; timings: BuildTimings; probe: MemoryProbe; ownsArchive: boolean },
): Promise<SiteCounts> {
  const { timings, probe } = progress;
  const report = options.onProgress;
  let rendered = 0;
  const onRenderPage =
    report || options.onRenderPage
      ? (url: string) => {
          options.onRenderPage?.(url);
          report?.({ stage: "render", phase: "step", done: ++rendered, total: site.meetingPages.length });
        }
      : undefined;
  const site = createSiteData(archive, {
    pathPrefix,
    ...(options.kommune ? { kommune: options.kommune } : {}),
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(onRenderPage ? { onRenderPage } : {}),
  });
  progress.stage = "render";
  report?.({ stage: "render", phase: "start", total: site.meetingPages.length });
  let mark = now();
  await addHistory(site);
  await renderPages(site, tmpDir);
  timings.render = now() - mark;
  probe.end("render");
  report?.({ stage: "render", phase: "end", result: { pages: site.meetingPages.length + site.listPages.length } });

  progress.stage = "copy";
  mark = now();
  // The open data (referat.json, exports, feeds, calendars, sitemaps) needs the items' text: made
  // before it is let go. Counted with the copied files.
  const dataFiles = await writeDataFiles(site, tmpDir, { baseUrl: siteBaseUrl(site, options) });
  if (progress.ownsArchive) releaseItemBodies(archive);
  const jobs = listCopyJobs(site.kommuner);
  report?.({ stage: "copy", phase: "start", total: jobs.length });
  await copyFiles(jobs, tmpDir);
  if (existsSync(ASSETS_DIR)) await copyAssets(ASSETS_DIR, tmpDir);
  // The municipalities' colours as a stylesheet, not as style attributes (the CSP in deploy/headers.ts).
  await mkdir(join(tmpDir, "assets"), { recursive: true });
  await writeFile(join(tmpDir, "assets", COLOUR_STYLESHEET), colourStylesheet(site.kommuner));
  timings.copy = now() - mark;
  probe.end("copy");
  report?.({ stage: "copy", phase: "end", result: { files: jobs.length } });
  return {
    kommuner: site.kommuner.length,
    councils: site.kommuner.reduce((n, k) => n + k.councils.length, 0),
    meetings: site.meetingPages.length,
    pages: site.meetingPages.length + site.listPages.length,
    files: jobs.length + dataFiles,
  };
}

async function buildStages(archive: Archive, options: BuildOptions, loadTime: number, probe: MemoryProbe, ownsArchive: boolean): Promise<BuildResult> {
  const outProblems = checkOutDir(options);
  if (outProblems.length > 0) return { ok: false, problems: outProblems };
  const timings: BuildTimings = { load: loadTime, cpr: 0, render: 0, copy: 0, search: 0, links: 0, swap: 0 };
  const pathPrefix = normalisePathPrefix(options.pathPrefix);

  const report = options.onProgress;
  let mark = now();
  report?.({ stage: "cpr", phase: "start" });
  const cprProblems = await findCprNumbers(archive);
  timings.cpr = now() - mark;
  probe.end("cpr");
  if (cprProblems.length > 0) return { ok: false, problems: cprProblems };
  report?.({ stage: "cpr", phase: "end" });

  const outDir = resolve(options.outDir);
  const tmpDir = siblingPath(outDir, "tmp");
  // Removed on SIGINT and SIGTERM too (src/build/cleanup.ts), and by a later build if this one is killed.
  const untrack = trackFolder(tmpDir);
  const progress = { stage: "render" as BuildStage, timings, probe, ownsArchive };
  try {
    const counts = await renderAndCopy(archive, options, pathPrefix, tmpDir, progress);

    progress.stage = "search";
    report?.({ stage: "search", phase: "start" });
    mark = now();
    // The pages' data is garbage now: give it back before Pagefind's process starts beside us.
    if (ownsArchive) collectGarbage();
    const search = await buildSearchIndex({
      siteDir: tmpDir,
      archive,
      pathPrefix,
      ...(options.kommune ? { kommune: options.kommune } : {}),
      ...(options.searchPartSize ? { partSize: options.searchPartSize } : {}),
    });
    timings.search = now() - mark;
    probe.end("search");
    report?.({ stage: "search", phase: "end", result: { parts: search.parts, reused: search.reused } });

    progress.stage = "links";
    report?.({ stage: "links", phase: "start" });
    mark = now();
    const linkProblems = await checkLinks({ siteDir: tmpDir, archive, pathPrefix });
    timings.links = now() - mark;
    probe.end("links");
    if (linkProblems.length > 0) {
      await rm(tmpDir, { recursive: true, force: true });
      return { ok: false, problems: linkProblems };
    }
    report?.({ stage: "links", phase: "end" });

    progress.stage = "swap";
    report?.({ stage: "swap", phase: "start" });
    mark = now();
    await swapIntoPlace(tmpDir, outDir);
    timings.swap = now() - mark;
    probe.end("swap");
    report?.({ stage: "swap", phase: "end" });

    return { ok: true, stats: { ...counts, search, timings, memory: probe.stop() } };
  } catch (error) {
    await rm(tmpDir, { recursive: true, force: true });
    throw new BuildStageError(progress.stage, error);
  } finally {
    untrack();
  }
}
