// Runs Eleventy programmatically over templates/ with the site data as global data, writing into
// `outDir`. Eleventy reads no config file of its own: eleventy.config.ts is applied here, so the
// same wiring serves every build, and nothing in content/ is ever read as a template.
import { fileURLToPath } from "node:url";
import { Eleventy } from "@11ty/eleventy";
import configure from "../../eleventy.config.ts";
import { SITE_DATA_KEY, type SiteData } from "./data.ts";

/** The templates folder of this project. */
export const TEMPLATES_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

/** Renders every page of the site into `outDir` (which should be fresh). Throws if a page fails. */
export async function renderPages(site: SiteData, outDir: string, options: { verbose?: boolean } = {}): Promise<void> {
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
