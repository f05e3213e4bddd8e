// Runs Eleventy programmatically over templates/ with the site data as global data, writing into
// `outDir`. Eleventy reads no config file of its own: eleventy.config.ts is applied here, so the
// same wiring serves every build, and nothing in content/ is ever read as a template.
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Eleventy } from "@11ty/eleventy";
import configure from "../../eleventy.config.ts";
import { outputPathOf } from "../site/urls.ts";
import { SITE_DATA_KEY, type SiteData } from "./data.ts";
import { prerenderItemHtml } from "./item-html.ts";

/** The templates folder of this project. */
export const TEMPLATES_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

/** Folders made at once while Eleventy sets up (the file system's thread pool has four threads). */
const MKDIR_CONCURRENCY = 8;

export interface RenderOptions {
  verbose?: boolean;
  /** Markdown worker threads; 0 renders the Markdown in the templates (default: see item-html.ts). */
  workers?: number;
}

/** Makes the output folder of every page, so that Eleventy only writes files. */
async function makeOutputFolders(site: SiteData, outDir: string): Promise<void> {
  const folders = new Set<string>();
  for (const page of [...site.listPages, ...site.meetingPages]) folders.add(dirname(join(outDir, outputPathOf(page.url))));
  // Parents first: each folder's parent is made by the folder before it or already exists.
  const sorted = [...folders].sort();
  let next = 0;
  await Promise.all(
    Array.from({ length: MKDIR_CONCURRENCY }, async () => {
      while (next < sorted.length) await mkdir(sorted[next++] as string, { recursive: true });
    }),
  );
}

/** Renders every page of the site into `outDir` (which should be fresh). Throws if a page fails. */
export async function renderPages(site: SiteData, outDir: string, options: RenderOptions = {}): Promise<void> {
  // While Eleventy sets up its pages (one template per page, on this thread), the Markdown is
  // rendered in worker threads (src/eleventy/item-html.ts) and the output folders are made in
  // the file system's threads; a page's template waits for both (pageReady in data.ts).
  const itemHtml =
    site.itemHtml || options.workers === 0
      ? undefined
      : prerenderItemHtml(site.archive, site.meetingPages, { pathPrefix: site.pathPrefix, ...(options.workers ? { workers: options.workers } : {}) });
  const outputReady = makeOutputFolders(site, outDir);
  outputReady.catch(() => {});
  // Frozen, the site data reaches the templates as it is: Eleventy neither deep-copies a frozen
  // object into each page's data nor wraps it in a Proxy.
  const data = Object.freeze({ ...site, ...(itemHtml ? { itemHtml } : {}), outputReady });
  try {
    await runEleventy(data, outDir, options);
  } finally {
    await itemHtml?.close();
    await outputReady.catch(() => {});
  }
}

async function runEleventy(site: SiteData, outDir: string, options: RenderOptions): Promise<void> {
  const eleventy = new Eleventy(TEMPLATES_DIR, outDir, {
    quietMode: true,
    configPath: false,
    config(eleventyConfig) {
      configure(eleventyConfig);
      eleventyConfig.addGlobalData(SITE_DATA_KEY, site);
    },
  });
  // Eleventy's own console output (a "Wrote N files" line even in quiet mode, errors) would
  // interleave with ours; errors reach us as exceptions anyway.
  if (!options.verbose) eleventy.disableLogger();
  await eleventy.write();
}
