// Runs buildSite in its own process (Eleventy imports the .tsx templates through Node's loader,
// which needs tsx registered: vitest's module runner cannot do that in-process). One JSON
// argument: { contentDir, outDir, pathPrefix?, kommune?, failOnPage? }; with failOnPage = n, the
// n-th meeting page to render throws (fault injection). Prints one JSON line with the result.
import { register } from "tsx/esm/api";

register();
const { buildSite } = await import("../../src/build/pipeline.ts");
const { contentDir, outDir, pathPrefix, kommune, failOnPage } = JSON.parse(process.argv[2] ?? "{}");
let rendered = 0;
const options = {
  contentDir,
  outDir,
  ...(pathPrefix ? { pathPrefix } : {}),
  ...(kommune ? { kommune } : {}),
  ...(failOnPage
    ? {
        onRenderPage: (url) => {
          rendered += 1;
          if (rendered === failOnPage) throw new Error(`fault injected at ${url}`);
        },
      }
    : {}),
};
try {
  const result = await buildSite(options);
  process.stdout.write(`${JSON.stringify(result.ok ? { ok: true } : { ok: false, problems: result.problems })}\n`);
} catch (error) {
  process.stdout.write(`${JSON.stringify({ ok: false, error: { name: error.name, stage: error.stage, message: error.message } })}\n`);
}
