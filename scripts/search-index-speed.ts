// How long the search indexing takes on a larger site, and in which way: Pagefind's Node API
// (as the build uses it: HTML through addHTMLFile with compound parts) one municipality at a time
// or several at once, against Pagefind's CLI run once per municipality, in turn or in parallel.
// Builds the example archive, copies each meeting page `--copies` times (default 400) with a
// distinct word, and times each way.   npx tsx scripts/search-index-speed.ts [--copies 400]
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import * as pagefind from "pagefind";
import type { Archive } from "../src/minutes/model.ts";
import { buildSearchIndex } from "../src/search/index.ts";
import { buildTestSite } from "../test/browser/harness.ts";

const run = promisify(execFile);
const { values } = parseArgs({ options: { copies: { type: "string", default: "400" } } });
const copies = Number(values.copies);
const CONTENT = join(import.meta.dirname, "../content");
const PAGEFIND_CLI = join(import.meta.dirname, "../node_modules/.bin/pagefind");

const dir = await mkdtemp(join(tmpdir(), "referat-index-speed-"));
const site = join(dir, "site");
await buildTestSite({ contentDir: CONTENT, outDir: site });
const { loadArchive } = (await import("../src/content/load.ts")) as {
  loadArchive: (dir: string, options: object) => Promise<{ archive: Archive }>;
};
const { archive } = await loadArchive(CONTENT, {});

// Copies of every meeting page, each with a word of its own, listed in the archive too.
for (const kommune of archive.kommuner) {
  for (const council of kommune.councils) {
    const originals = [...council.meetings];
    for (const meeting of originals) {
      const html = await readFile(join(site, meeting.url, "index.html"), "utf8");
      for (let i = 1; i <= copies; i++) {
        const slug = `${meeting.slug}-${i + 1}`;
        const url = `/${kommune.slug}/${council.slug}/${slug}/`;
        await mkdir(join(site, url), { recursive: true });
        await writeFile(join(site, url, "index.html"), html.replace("</article>", `<p>kopi${i}</p></article>`));
        council.meetings.push({ ...meeting, slug, url });
      }
    }
  }
}
const pages = archive.kommuner.reduce((n, k) => n + k.councils.reduce((m, c) => m + c.meetings.length, 0), 0);

async function time(label: string, work: () => Promise<unknown>): Promise<void> {
  const start = performance.now();
  await work();
  console.log(`| ${label} | ${((performance.now() - start) / 1000).toFixed(1)} s |`);
}

async function fresh(): Promise<string> {
  const target = join(dir, `run-${Math.random().toString(36).slice(2)}`);
  await cp(site, target, { recursive: true });
  return target;
}

async function plainNodeApi(siteDir: string, slug: string): Promise<void> {
  const { index } = await pagefind.createIndex({ forceLanguage: "da" });
  if (!index) throw new Error("no index");
  await index.addDirectory({ path: join(siteDir, slug) });
  await index.writeFiles({ outputPath: join(siteDir, slug, "pagefind") });
  await index.deleteIndex();
}

const slugs = archive.kommuner.map((k) => k.slug);
console.log(`${pages} meeting pages in ${slugs.length} municipalities\n`);
console.log("| way | time |\n| --- | ---: |");
let target = await fresh();
await time("Node API as built (compound parts), one municipality at a time", () =>
  buildSearchIndex({ siteDir: target, archive, pathPrefix: "/", concurrency: 1 }),
);
target = await fresh();
await time("Node API as built (compound parts), all at once", () => buildSearchIndex({ siteDir: target, archive, pathPrefix: "/", concurrency: slugs.length }));
target = await fresh();
await time("Node API addDirectory (no compound parts), one at a time", async () => {
  for (const slug of slugs) await plainNodeApi(target, slug);
  await pagefind.close();
});
target = await fresh();
await time("Node API addDirectory (no compound parts), all at once", async () => {
  await Promise.all(slugs.map((slug) => plainNodeApi(target, slug)));
  await pagefind.close();
});
target = await fresh();
await time("CLI, one municipality at a time", async () => {
  for (const slug of slugs) await run(PAGEFIND_CLI, ["--site", join(target, slug), "--force-language", "da", "--silent"]);
});
target = await fresh();
await time("CLI, all at once (one process each)", () =>
  Promise.all(slugs.map((slug) => run(PAGEFIND_CLI, ["--site", join(target, slug), "--force-language", "da", "--silent"]))),
);
await rm(dir, { recursive: true, force: true });
