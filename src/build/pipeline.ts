// The build: content/ in, a finished static site out, or nothing changed at all.
// 1 load + validate, 2 CPR guard, 3 render (Eleventy) into a fresh folder beside the output,
// 4 copy files, 5 search index, 6 link check, 7 swap into place. Any failure removes the fresh
// folder and leaves the previous output exactly as it was (DESIGN.md: "A failed build leaves the
// previous output untouched").
import { existsSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { loadArchive } from "../content/load.ts";
import type { Problem } from "../content/problem.ts";
import type { Archive } from "../minutes/model.ts";
import { buildSearchIndex } from "../search/index.ts";
import { findCprNumbers } from "../trust/cpr.ts";
import { checkLinks } from "../trust/links.ts";
import { createSiteData } from "../eleventy/data.ts";
import { renderPages, TEMPLATES_DIR } from "../eleventy/render.ts";
import { normalisePathPrefix } from "../site/urls.ts";
import { copyAssets, copyFiles, listCopyJobs } from "./copy.ts";
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
  /** Test hook: called for each meeting page as it renders; if it throws, rendering fails. */
  onRenderPage?: (url: string) => void;
  /**
   * At most this many meetings in one search index; a larger municipality's index is split into
   * parts by period (src/search/parts.ts). Default: `REFERAT_SEARCH_PART_SIZE`, else 4,000.
   */
  searchPartSize?: number;
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

export interface BuildStats {
  kommuner: number;
  councils: number;
  meetings: number;
  /** HTML pages rendered. */
  pages: number;
  /** Attachments and logos copied. */
  files: number;
  timings: BuildTimings;
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
    super(`${STAGE_NAMES[stage]}: ${(cause as Error)?.message ?? String(cause)}`, { cause });
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

/** Whether `inner` is `outer` or lies inside it. */
function isInside(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

function checkOutDir(options: BuildOptions): Problem[] {
  const out = resolve(options.outDir);
  const guarded = [resolve(options.contentDir), TEMPLATES_DIR, process.cwd()];
  if (guarded.some((dir) => isInside(dir, out))) {
    return [
      {
        file: options.outDir,
        line: 1,
        col: 1,
        field: "--out",
        message: `skal være en mappe kun til det byggede site (fx _site), men "${options.outDir}" indeholder indholdet, skabelonerne eller den aktuelle mappe, som ville blive erstattet`,
      },
    ];
  }
  return [];
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
  const { archive, problems } = await loadArchive(options.contentDir, options.kommune ? { kommune: options.kommune } : {});
  // The CPR guard also reads the files that failed validation, so one run reports every problem.
  if (problems.length > 0) return { ok: false, problems: [...problems, ...(await findCprNumbers(archive))] };
  if (options.kommune && !archive.kommuner.some((k) => k.slug === options.kommune)) {
    return { ok: false, problems: [await unknownKommune(options.contentDir, options.kommune)] };
  }
  return buildSiteFromArchive(archive, options, now() - started);
}

/**
 * Steps 2–7 for an archive that is already loaded and valid (the benchmark and tests use this
 * directly). Writes nothing unless everything succeeds; throws BuildStageError when a stage fails
 * for a reason other than the content.
 */
export async function buildSiteFromArchive(archive: Archive, options: BuildOptions, loadTime = 0): Promise<BuildResult> {
  const outProblems = checkOutDir(options);
  if (outProblems.length > 0) return { ok: false, problems: outProblems };
  const timings: BuildTimings = { load: loadTime, cpr: 0, render: 0, copy: 0, search: 0, links: 0, swap: 0 };
  const pathPrefix = normalisePathPrefix(options.pathPrefix);

  let mark = now();
  const cprProblems = await findCprNumbers(archive);
  timings.cpr = now() - mark;
  if (cprProblems.length > 0) return { ok: false, problems: cprProblems };

  const site = createSiteData(archive, {
    pathPrefix,
    ...(options.kommune ? { kommune: options.kommune } : {}),
    ...(options.onRenderPage ? { onRenderPage: options.onRenderPage } : {}),
  });
  const outDir = resolve(options.outDir);
  const tmpDir = siblingPath(outDir, "tmp");
  let stage: BuildStage = "render";
  try {
    mark = now();
    await renderPages(site, tmpDir);
    timings.render = now() - mark;

    stage = "copy";
    mark = now();
    const jobs = listCopyJobs(site.kommuner);
    await copyFiles(jobs, tmpDir);
    if (existsSync(ASSETS_DIR)) await copyAssets(ASSETS_DIR, tmpDir);
    timings.copy = now() - mark;

    stage = "search";
    mark = now();
    await buildSearchIndex({
      siteDir: tmpDir,
      archive,
      pathPrefix,
      ...(options.kommune ? { kommune: options.kommune } : {}),
      ...(options.searchPartSize ? { partSize: options.searchPartSize } : {}),
    });
    timings.search = now() - mark;

    stage = "links";
    mark = now();
    const linkProblems = await checkLinks({ siteDir: tmpDir, archive, pathPrefix });
    timings.links = now() - mark;
    if (linkProblems.length > 0) {
      await rm(tmpDir, { recursive: true, force: true });
      return { ok: false, problems: linkProblems };
    }

    stage = "swap";
    mark = now();
    await swapIntoPlace(tmpDir, outDir);
    timings.swap = now() - mark;

    return {
      ok: true,
      stats: {
        kommuner: site.kommuner.length,
        councils: site.kommuner.reduce((n, k) => n + k.councils.length, 0),
        meetings: site.meetingPages.length,
        pages: site.meetingPages.length + site.listPages.length,
        files: jobs.length,
        timings,
      },
    };
  } catch (error) {
    await rm(tmpDir, { recursive: true, force: true });
    throw new BuildStageError(stage, error);
  }
}
