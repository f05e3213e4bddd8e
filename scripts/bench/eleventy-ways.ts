// What Eleventy's own ways would cost against the build's workarounds (src/eleventy/render.ts),
// one way per process, on a generated archive: `node --import tsx scripts/bench/eleventy-ways.ts
// --content DIR --out DIR --way build|two-runs|dry|eleventy-writes|unfrozen` prints {"way", "ms", "maxRssMB"}.
//   build            the build's renderer (src/eleventy/render.ts renderPages, no Markdown workers):
//                    output folders made ahead, at most 32 pages being written at once
//   two-runs         as build, in two Eleventy runs of half the meeting pages each (pagesPerRun)
//   dry              Eleventy runs dry; each page is written by the adapter as it renders, one
//                    after another; the global data is frozen
//   eleventy-writes  Eleventy writes the pages itself (it renders every page before it writes one)
//   unfrozen         as dry, but the global data is a plain object (Eleventy copies it into the
//                    data of each page)
// The items' Markdown is rendered on the main thread in all three (no workers), so that only the
// way Eleventy is used differs. docs/architecture.md gives the figures.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { Eleventy } from "@11ty/eleventy";
import configure from "../../eleventy.config.ts";
import { loadArchive } from "../../src/content/load.ts";
import { createSiteData, forTemplates, SITE_DATA_KEY } from "../../src/eleventy/data.ts";
import { renderPages } from "../../src/eleventy/render.ts";
import { OUR_TEMPLATES } from "../../src/eleventy/site-templates.ts";

const { values } = parseArgs({ options: { content: { type: "string" }, out: { type: "string" }, way: { type: "string" } } });
const way = values.way ?? "build";
if (!values.content || !values.out || !["build", "two-runs", "dry", "eleventy-writes", "unfrozen"].includes(way))
  throw new Error("--content DIR --out DIR --way build|two-runs|dry|eleventy-writes|unfrozen");

const { archive, problems } = await loadArchive(values.content);
if (problems.length > 0) throw new Error(`${problems.length} problems in the archive`);
const site = createSiteData(archive);
const outDir = values.out;
const writes = way !== "eleventy-writes";
const { view, hooks } = forTemplates({
  ...site,
  ...(writes
    ? {
        writePage: async (file: string, bytes: Buffer) => {
          await mkdir(dirname(file), { recursive: true });
          await writeFile(file, bytes);
        },
      }
    : {}),
});
const started = performance.now();
if (way === "build") await renderPages(site, outDir, { workers: 0 });
else if (way === "two-runs") await renderPages(site, outDir, { workers: 0, pagesPerRun: Math.ceil(site.meetingPages.length / 2) });
else await runEleventy();
const ms = Math.round(performance.now() - started);
process.stdout.write(`${JSON.stringify({ way, ms, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);

async function runEleventy(): Promise<void> {
  const eleventy = new Eleventy(OUR_TEMPLATES, outDir, {
    quietMode: true,
    configPath: false,
    dryRun: writes,
    config(eleventyConfig: Parameters<typeof configure>[0] & { addGlobalData(key: string, value: unknown): void }) {
      configure(eleventyConfig, hooks);
      eleventyConfig.addGlobalData(SITE_DATA_KEY, way === "unfrozen" ? { ...view } : view);
    },
  });
  eleventy.disableLogger();
  await eleventy.write();
}
