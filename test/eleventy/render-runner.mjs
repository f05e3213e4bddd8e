// Runs src/eleventy/render.ts in its own process (Eleventy imports the .tsx templates through
// Node's loader, which needs tsx registered: vitest's module runner cannot do that in-process).
// One JSON argument: { contentDir, outDir, pagesPerRun?, fromArchive? }. Renders the site's pages
// into outDir, or with fromArchive builds the whole site with buildSiteFromArchive. Prints one JSON
// line: { ok, rendered (meeting page addresses in render order), bodies (the items' Markdown
// afterwards), error? }.
import { register } from "tsx/esm/api";

register();
const { loadArchive } = await import("../../src/content/load.ts");
const { createSiteData } = await import("../../src/eleventy/data.ts");
const { renderPages } = await import("../../src/eleventy/render.ts");
const { buildSiteFromArchive } = await import("../../src/build/pipeline.ts");
const { contentDir, outDir, pagesPerRun, fromArchive } = JSON.parse(process.argv[2] ?? "{}");
const { archive } = await loadArchive(contentDir);
const rendered = [];
const onRenderPage = (url) => rendered.push(url);
const bodies = () => archive.kommuner.flatMap((k) => k.councils.flatMap((c) => c.meetings.flatMap((m) => m.items.map((i) => i.body))));
try {
  if (fromArchive) {
    const result = await buildSiteFromArchive(archive, { contentDir, outDir, onRenderPage });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
  } else {
    await renderPages(createSiteData(archive, { onRenderPage }), outDir, pagesPerRun ? { pagesPerRun } : {});
  }
  process.stdout.write(`${JSON.stringify({ ok: true, rendered, bodies: bodies() })}\n`);
} catch (error) {
  // Eleventy wraps a template's error: every message down the chain of causes.
  const messages = [];
  for (let cause = error; cause && messages.length < 10; cause = cause.cause ?? cause.originalError) messages.push(String(cause.message ?? cause));
  process.stdout.write(`${JSON.stringify({ ok: false, rendered, bodies: bodies(), error: messages.join(" <- ") })}\n`);
}
