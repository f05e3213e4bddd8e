// Makes a site with the build's own stages (load, pages, render with link records, copy, data) in
// its own process (Eleventy imports the .tsx templates through Node's loader, which needs tsx
// registered: vitest's module runner cannot), then runs the link check twice: from the records
// rendering made (or took from the render cache), and by reading and parsing every page (the
// oracle). One JSON argument:
//   { contentDir, siteDir, pathPrefix, cwd, cacheDir?, templates?, removeFirstPdf?, extraPage?: { file, html }, store? }
// removeFirstPdf takes the first attachment out of the site after it was copied; extraPage writes
// a page after rendering, without a record; store keeps the rendered pages and their records in
// the render cache afterwards (as the keep stage does). Prints one JSON line.
import { readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { register } from "tsx/esm/api";

register();
const { copyStage, dataStage, loadStage, openPageCache, pagesStage, renderStage } = await import("../../src/build/stages.ts");
const { checkLinks, LinkRecords } = await import("../../src/trust/links.ts");
const options = JSON.parse(process.argv[2] ?? "{}");
const { contentDir, siteDir, pathPrefix, cwd } = options;

const loaded = await loadStage(contentDir, undefined, { cacheDir: false });
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const { archive } = loaded;
const cache = options.cacheDir ? openPageCache(options.cacheDir) : undefined;
const site = await pagesStage(archive, { pathPrefix });
const records = new LinkRecords(siteDir);
const render = await renderStage(site, siteDir, {
  links: records,
  ...(cache ? { cache } : {}),
  ...(options.templates ? { templates: options.templates } : {}),
});
const copy = await copyStage(site, siteDir);
await dataStage(site, siteDir, undefined, undefined, copy.checksums);
let removed;
if (options.removeFirstPdf) {
  removed = (await readdir(siteDir, { recursive: true })).filter((file) => file.endsWith(".pdf")).sort()[0];
  if (removed) await rm(path.join(siteDir, removed));
}
if (options.extraPage) await writeFile(path.join(siteDir, options.extraPage.file), options.extraPage.html);

const pages = (await readdir(siteDir, { recursive: true }))
  .filter((file) => file.endsWith(".html"))
  .map((file) => file.split(path.sep).join("/"))
  .sort();
const recorded = await checkLinks({ siteDir, archive, pathPrefix, cwd, records });
const parsed = await checkLinks({ siteDir, archive, pathPrefix, cwd, workers: 0 });
if (options.store && cache) await cache.store(render.keep);
process.stdout.write(
  `${JSON.stringify({
    recorded,
    parsed,
    pages: pages.length,
    unrecorded: pages.filter((page) => !records.has(page)),
    rendered: render.rendered,
    reused: render.reused,
    removed,
  })}\n`,
);
