// `referat serve --templates DIR`: a web team's page is served, and a change saved in their folder
// shows in the served site, as a change to templates/ does (a whole build in a fresh process).
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_CONTENT, ROOT, tempDir } from "../build/helpers.ts";
import { startServe, type ServeProcess } from "../build/serve-helpers.ts";

/** The first build, and a whole build again after a change; builds run in a fresh process and machines are busy. */
const TIMEOUT = 120_000;

let work: string;
let templates: string;
let serve: ServeProcess;

/** Polls until the page at `path` contains `text`. */
function waitForPage(path: string, text: string): Promise<string> {
  return serve.waitFor(`${path} to show "${text}"`, TIMEOUT, async () => {
    const page = await serve.fetchPage(path).catch(() => undefined);
    return page?.status === 200 && page.html.includes(text) ? page.html : undefined;
  });
}

beforeAll(async () => {
  work = await tempDir("serve-templates");
  templates = join(work, "web-team");
  // Inside the repository's examples/ folder only the copy's Markdown page changes; the footer
  // (a .tsx file) stays where tsconfig.json's include compiles it, in examples/web-team/.
  await cp(join(ROOT, "examples/web-team"), templates, { recursive: true, filter: (source) => !source.includes("_components") });
  await cp(FIXTURE_CONTENT, join(work, "content"), { recursive: true });
  serve = await startServe(["--content", join(work, "content"), "--out", join(work, "site"), "--templates", templates], { REFERAT_CACHE_DIR: "off" });
}, TIMEOUT);

afterAll(async () => {
  await serve?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("referat serve with a web team's templates", () => {
  it(
    "serves their page, says it watches their folder, and shows a change saved in it",
    async () => {
      await waitForPage("/om-arkivet/", "<h1>Om arkivet</h1>");
      expect(serve.output).toContain(`templates/ og ${templates}/ vises straks.`);
      const file = join(templates, "om-arkivet.md");
      await writeFile(file, (await readFile(file, "utf8")).replace("# Om arkivet", "# Om arkivet og rådene"));
      await waitForPage("/om-arkivet/", "<h1>Om arkivet og rådene</h1>");
    },
    TIMEOUT * 2,
  );
});
