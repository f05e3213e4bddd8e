// Runs Eleventy programmatically over templates/ with the site data as global data, writing into
// `outDir`. Eleventy reads no config file of its own: eleventy.config.ts is applied here, so the
// same wiring serves every build, and nothing in content/ is ever read as a template.
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Eleventy } from "@11ty/eleventy";
import configure from "../../eleventy.config.ts";
import { outputPathOf } from "../site/urls.ts";
import { forTemplates, SITE_DATA_KEY, type SiteData } from "./data.ts";
import { prerenderItemHtml } from "./item-html.ts";
import { explainTemplateError, prepareTemplateInput, type TemplateInput } from "./site-templates.ts";
import { eachLimited } from "../build/each-limited.ts";
import { ensureTypeScript } from "../workers/compiled.mjs";

/** The templates folder of this project. */
export const TEMPLATES_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

/** Folders made at once while Eleventy sets up (the file system's thread pool has four threads). */
const MKDIR_CONCURRENCY = 8;
/** Pages being written at once; a page that would make one more waits for one to finish. */
const WRITES_IN_FLIGHT = 32;
/**
 * Meeting pages per Eleventy run. Eleventy holds its data of every page of a run (a template and
 * data object a page, some 13 KB) until the run ends: in runs of this many, that memory no longer
 * grows with the archive. An extra run costs time (measured at 10,000 meetings: one run 8.0 s,
 * two runs of 5,000 11.0 s), so a run is as large as the memory allows: about 130 MB of
 * Eleventy's data, and 3.7 GB for the whole build at 50,000 meetings (five runs).
 */
export const MEETING_PAGES_PER_RUN = 10000;
/** The template that paginates over the meeting pages (`referat.meetingPages`). */
const MEETING_TEMPLATE = "meeting.11ty.tsx";
/** The template that paginates over the list pages (`referat.listPages`). */
const LIST_TEMPLATE = "lists.11ty.tsx";
/** Every page template of ours (templates/): when all are left out and there is no web team's folder, Eleventy has nothing to do. */
const OUR_PAGE_TEMPLATES = [MEETING_TEMPLATE, LIST_TEMPLATE, "soeg.11ty.tsx", "soeg-kommune.11ty.tsx", "404.11ty.tsx"];

export interface RenderOptions {
  verbose?: boolean;
  /** Threads of the worker pool (src/workers/pool.ts) that render the Markdown ahead; 0 renders it in the templates (default: see item-html.ts). */
  workers?: number;
  /** Meeting pages per Eleventy run (default: MEETING_PAGES_PER_RUN). */
  pagesPerRun?: number;
  /** A web team's templates folder (`--templates`), whose files Eleventy sees beside ours and instead of ours (src/eleventy/site-templates.ts). */
  templates?: string;
  /**
   * Templates of ours whose pages are in place already (taken from the render cache): Eleventy
   * leaves them out. The list and meeting templates are left out when `listPages` or
   * `meetingPages` is empty; with nothing left (and no web team's folder), Eleventy does not run.
   */
  skipTemplates?: readonly string[];
  /**
   * Told of every page as it is written (its output file and bytes) and of every link to another
   * meeting a page's Markdown resolved (by the content path of the meeting that wrote it): what
   * the render cache keeps (src/build/cache/pages.ts).
   */
  record?: {
    page: (outputPath: string, bytes: Buffer) => void;
    link: (fromSourcePath: string, href: string, resolved: string | undefined) => void;
  };
}

/** Makes the output folder of every page, so that Eleventy only writes files. */
async function makeOutputFolders(site: SiteData, outDir: string): Promise<void> {
  const folders = new Set<string>();
  for (const page of [...site.listPages, ...site.meetingPages]) folders.add(dirname(join(outDir, outputPathOf(page.url))));
  // Parents first: each folder's parent is made by the folder before it or already exists.
  await eachLimited([...folders].sort(), MKDIR_CONCURRENCY, async (folder) => {
    await mkdir(folder, { recursive: true });
  });
}

/**
 * Writes a new file, making its folder first if it is not there (the pages outside the page lists:
 * search, 404). Never over a file that is there: a page taken from the render cache is a hard link
 * into the cache, and writing through it would change the cached page (a second page at the same
 * address fails the build instead).
 */
async function writeInFolder(file: string, bytes: Buffer): Promise<void> {
  try {
    await writeFile(file, bytes, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, bytes, { flag: "wx" });
  }
}

/**
 * Writes pages as they render, a bounded number at a time, so that a page's bytes are garbage as
 * soon as they are on disk (Eleventy itself renders every page before it writes the first, and
 * keeps them all until the last is written). The first failed write fails the next page and
 * `finish`; once closed, nothing more is written.
 */
function createPageWriter(onPage?: (file: string, bytes: Buffer) => void): {
  writePage: (file: string, bytes: Buffer) => Promise<void>;
  close(): Promise<void>;
} {
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  let closed = false;
  const writePage = async (file: string, bytes: Buffer): Promise<void> => {
    while (inFlight.size >= WRITES_IN_FLIGHT && !failure) await Promise.race(inFlight);
    if (failure) throw failure.error;
    if (closed) throw new Error("rendering has stopped");
    onPage?.(file, bytes);
    const write: Promise<void> = writeInFolder(file, bytes).then(
      () => void inFlight.delete(write),
      (error: unknown) => {
        inFlight.delete(write);
        failure ??= { error };
      },
    );
    inFlight.add(write);
  };
  return {
    writePage,
    /** Stops writing; settles when every write has, and throws the first that failed. */
    async close() {
      closed = true;
      while (inFlight.size > 0) await Promise.all(inFlight);
      if (failure) throw failure.error;
    },
  };
}

/** Renders every page of the site into `outDir` (which should be fresh). Throws if a page fails. */
export async function renderPages(site: SiteData, outDir: string, options: RenderOptions = {}): Promise<void> {
  // The templates the first run leaves out: those whose pages are in place, and those with no pages to make.
  const skip = new Set(options.skipTemplates);
  if (site.listPages.length === 0) skip.add(LIST_TEMPLATE);
  if (site.meetingPages.length === 0) skip.add(MEETING_TEMPLATE);
  if (options.templates === undefined && OUR_PAGE_TEMPLATES.every((template) => skip.has(template))) return;
  // While Eleventy sets up its pages (one template per page, on this thread), the Markdown is
  // rendered ahead in the worker pool (src/eleventy/item-html.ts) and the output folders are made in
  // the file system's threads; a page's template waits for both (pageReady in data.ts).
  const itemHtml =
    site.itemHtml || options.workers === 0
      ? undefined
      : prerenderItemHtml(site.archive, site.meetingPages, {
          pathPrefix: site.pathPrefix,
          ...(options.workers ? { workers: options.workers } : {}),
          ...(options.record ? { onLink: options.record.link } : {}),
        });
  const outputReady = makeOutputFolders(site, outDir);
  outputReady.catch(() => {});
  // Eleventy runs dry: each page writes itself as it renders (src/eleventy/jsx.ts).
  const writer = createPageWriter(options.record?.page);
  // Links the templates resolve themselves (when the Markdown is not rendered ahead) are recorded too.
  const record = options.record;
  const resolveMeetingLink: SiteData["resolveMeetingLink"] = record
    ? (href, from) => {
        const resolved = site.resolveMeetingLink(href, from);
        record.link(from, href, resolved);
        return resolved;
      }
    : site.resolveMeetingLink;
  // The meeting pages in runs of a bounded size, in order (the Markdown workers render ahead in
  // that order); the first run makes every other page as well, the later ones only meeting pages.
  const perRun = Math.max(1, options.pagesPerRun ?? MEETING_PAGES_PER_RUN);
  let rendered = false;
  let input: TemplateInput | undefined;
  try {
    input = await prepareTemplateInput(options.templates);
    for (let start = 0; start === 0 || start < site.meetingPages.length; start += perRun) {
      const first = start === 0;
      // Frozen, the site data reaches the templates as it is: Eleventy neither deep-copies a
      // frozen object into each page's data nor wraps it in a Proxy. (Measured at 2,000 meetings,
      // scripts/bench/eleventy-ways.ts: a plain object made the render 1.2-1.5x as long;
      // docs/architecture.md, "Eleventy: the renderer, and where the build works around it".)
      const data = Object.freeze({
        ...site,
        ...(first ? {} : { listPages: [] }),
        meetingPages: site.meetingPages.length <= perRun ? site.meetingPages : site.meetingPages.slice(start, start + perRun),
        ...(itemHtml ? { itemHtml } : {}),
        resolveMeetingLink,
        outputReady,
        writePage: writer.writePage,
      });
      await runEleventy(data, outDir, options, input, first ? [...skip] : await templatesBut(input.dir, MEETING_TEMPLATE));
    }
    rendered = true;
  } finally {
    await input?.close();
    await itemHtml?.close();
    await outputReady.catch(() => {});
    // Every write has settled before this returns or throws: a failed build removes the folder.
    const written = writer.close();
    if (rendered) await written;
    else await written.catch(() => {});
  }
}

/** The templates other than `keep`, for Eleventy to ignore (relative to the templates folder). */
async function templatesBut(dir: string, keep: string): Promise<string[]> {
  const names = await readdir(dir);
  return names.filter((name) => /\.(11ty\.tsx|md|njk)$/.test(name) && name !== keep);
}

async function runEleventy(site: SiteData, outDir: string, options: RenderOptions, input: TemplateInput, ignore: readonly string[] = []): Promise<void> {
  // Eleventy imports the `.11ty.tsx` templates itself: TypeScript, also when this process runs compiled code.
  await ensureTypeScript();
  const eleventy = new Eleventy(input.dir, outDir, {
    quietMode: true,
    configPath: false,
    // For Eleventy's `url` filter in a web team's pages (`{{ "/soeg/" | url }}`); page.url stays without it.
    pathPrefix: site.pathPrefix,
    // The pages write themselves (site.writePage); Eleventy would keep them all in memory first:
    // at 2,000 meetings its own writing peaked 82 MB higher (431-433 MB against 349-350 MB), about
    // 0.4 GB at 10,000, in no less time (scripts/bench/eleventy-ways.ts; docs/architecture.md).
    dryRun: site.writePage !== undefined,
    config(eleventyConfig: Parameters<typeof configure>[0] & { addGlobalData(key: string, value: unknown): void }) {
      // The templates get the site's view models only; the build's hooks stay in the adapter.
      const { view, hooks } = forTemplates(site, input);
      configure(eleventyConfig, hooks);
      // Eleventy reads an ignore relative to the working folder, not to the input folder.
      for (const template of ignore) eleventyConfig.ignores.add(relative(process.cwd(), join(input.dir, template)));
      eleventyConfig.addGlobalData(SITE_DATA_KEY, view);
    },
  });
  // Eleventy's own console output (a "Wrote N files" line even in quiet mode, errors) would
  // interleave with ours; errors reach us as exceptions anyway.
  if (!options.verbose) eleventy.disableLogger();
  await eleventy.write().catch((error: unknown) => {
    throw explainTemplateError(error, input);
  });
}
