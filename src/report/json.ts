// `referat build --json`: the build's figures as JSON, for the benchmark and for CI dashboards,
// so that no program has to read the Danish --debug lines. The shape is documented in the README
// ("The build's JSON report"); `version` changes when a field changes meaning or goes away.
import type { BuildStats, BuildTimings } from "../build/pipeline.ts";
import { formatProblem, sortProblems, type Problem } from "./problem.ts";

/** The report's format version. */
export const BUILD_REPORT_VERSION = 1;

/** One stage: its time, and where the build measured it, its memory (bytes). */
export interface StageReport {
  ms: number;
  rssBytes?: number;
  heapUsedBytes?: number;
  peakRssBytes?: number;
}

/** What a finished build reports. */
export interface BuildReport {
  version: typeof BUILD_REPORT_VERSION;
  ok: true;
  outDir: string;
  /** Wall time of the whole command, ms. */
  totalMs: number;
  counts: { kommuner: number; councils: number; meetings: number; pages: number; files: number };
  /** In the order the build runs them. */
  stages: Record<keyof BuildTimings, StageReport>;
  /** The process's highest resident set (all threads), bytes; absent when not measured. */
  peakRssBytes?: number;
  /** The search index: parts made, parts reused from the cache, and the cache folder. */
  search?: { parts: number; reused: number; cacheDir?: string; pages?: { rendered: number; stored: number; read: number } };
  /** The open data: meetings whose parts were made, and taken from the data cache; data files linked whole from the cache, and written; the cache folder. */
  data?: { made: number; reused: number; linked: number; written: number; cacheDir?: string };
  /** Attachments and logos: copied from content/, and linked from the cache of published attachments. */
  copy?: { copied: number; linked: number };
  /**
   * The meeting pages: rendered by this build, taken from the render cache, and the cache folder
   * (absent without a cache); `others`: the list pages, search pages and 404 page likewise.
   */
  render?: { rendered: number; reused: number; cacheDir?: string; others?: { rendered: number; reused: number } };
}

/** What a build that published nothing reports. */
export interface FailedBuildReport {
  version: typeof BUILD_REPORT_VERSION;
  ok: false;
  outDir: string;
  totalMs: number;
  /** Every problem, sorted; `text` is the line the terminal shows. */
  problems: (Problem & { text: string })[];
  /** A stage that failed for a reason other than the content (Danish, as on the terminal). */
  failure?: string;
}

const STAGE_ORDER: (keyof BuildTimings)[] = ["load", "cpr", "render", "copy", "search", "links", "swap"];

/** The report of a finished build. */
export function buildReport(stats: BuildStats, outDir: string, totalMs: number): BuildReport {
  const stages = {} as Record<keyof BuildTimings, StageReport>;
  for (const stage of STAGE_ORDER) {
    const memory = stats.memory?.stages[stage];
    stages[stage] = {
      ms: Math.round(stats.timings[stage]),
      ...(memory ? { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, peakRssBytes: memory.peakRss } : {}),
    };
  }
  return {
    version: BUILD_REPORT_VERSION,
    ok: true,
    outDir,
    totalMs: Math.round(totalMs),
    counts: { kommuner: stats.kommuner, councils: stats.councils, meetings: stats.meetings, pages: stats.pages, files: stats.files },
    stages,
    ...(stats.memory ? { peakRssBytes: stats.memory.maxRss } : {}),
    ...(stats.search
      ? {
          search: {
            parts: stats.search.parts,
            reused: stats.search.reused,
            ...(stats.search.cacheDir ? { cacheDir: stats.search.cacheDir } : {}),
            pages: stats.search.pages,
          },
        }
      : {}),
    ...(stats.data ? { data: { ...stats.data } } : {}),
    ...(stats.copy ? { copy: { ...stats.copy } } : {}),
    ...(stats.render
      ? {
          render: {
            rendered: stats.render.rendered,
            reused: stats.render.reused,
            ...(stats.render.cacheDir ? { cacheDir: stats.render.cacheDir } : {}),
            ...(stats.render.others ? { others: { ...stats.render.others } } : {}),
          },
        }
      : {}),
  };
}

/** The report of a build that published nothing: its problems, or the stage that failed. */
export function failedBuildReport(outDir: string, totalMs: number, problems: readonly Problem[], failure?: string): FailedBuildReport {
  return {
    version: BUILD_REPORT_VERSION,
    ok: false,
    outDir,
    totalMs: Math.round(totalMs),
    problems: sortProblems(problems).map((problem) => ({ ...problem, text: formatProblem(problem) })),
    ...(failure === undefined ? {} : { failure }),
  };
}
