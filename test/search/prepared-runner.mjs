// Renders a content folder's site with its pages prepared for Pagefind as they are written
// (src/search/prepared.ts), in its own process (Eleventy imports the .tsx templates through Node's
// loader, which needs tsx registered: vitest's module runner cannot do that in-process). One JSON
// argument: { contentDir, outDir }. Leaves the prepared pages in place and prints one JSON line:
// { ok, pages: [{ url, output, prepared }], error? }.
import { register } from "tsx/esm/api";

register();
const { loadStage, pagesStage, preparedPages, renderStage } = await import("../../src/build/stages.ts");
const { outputPathOf } = await import("../../src/site/urls.ts");
const { join } = await import("node:path");
const { contentDir, outDir } = JSON.parse(process.argv[2] ?? "{}");
try {
  const loaded = await loadStage(contentDir);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  const site = await pagesStage(loaded.archive, { pathPrefix: "/" });
  const prepared = preparedPages(site, outDir);
  await renderStage(site, outDir, { prepared });
  await prepared.settled();
  const pages = site.meetingPages.map((page) => ({
    url: page.url,
    output: join(outDir, outputPathOf(page.url)),
    prepared: prepared.get(page.url)?.file ?? null,
  }));
  process.stdout.write(`${JSON.stringify({ ok: true, pages })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ ok: false, pages: [], error: String(error?.stack ?? error) })}\n`);
}
