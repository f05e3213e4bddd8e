// The bytes a citizen's browser transfers for the first search on the example archive: builds the
// archive (all municipalities, and Gladsaxe alone), serves each with the test harness's counting
// server (gzip for text as a host serves it; Pagefind's chunks and WebAssembly are gzip files
// already and go out as they are), opens /soeg/?q=<word> in Chromium with an empty cache, and
// counts everything the server sent until the results show, the Web Worker's fetches included.
//   npx tsx scripts/search-bytes.ts [word]
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildTestSite, launchBrowser, startStaticServer, type ServedRequest } from "../test/browser/harness.ts";

const CONTENT = join(import.meta.dirname, "../content");
const word = process.argv[2] ?? "udsatte";

interface Figure {
  site: string;
  requests: number;
  raw: number;
  gzip: number;
  searchRaw: number;
  searchGzip: number;
}

function sum(requests: ServedRequest[]): { raw: number; gzip: number } {
  return requests.reduce((t, r) => ({ raw: t.raw + r.rawBytes, gzip: t.gzip + r.bytes }), { raw: 0, gzip: 0 });
}

const dir = await mkdtemp(join(tmpdir(), "referat-search-bytes-"));
const browser = await launchBrowser();
const figures: Figure[] = [];
try {
  const sites = [
    { site: "the portal (5 municipalities, merged indexes)", out: join(dir, "all") },
    { site: "Gladsaxe alone (--kommune gladsaxe)", out: join(dir, "gladsaxe"), kommune: "gladsaxe" },
  ];
  for (const { site, out, kommune } of sites) {
    await buildTestSite({ contentDir: CONTENT, outDir: out, ...(kommune ? { kommune } : {}) });
    const server = await startStaticServer(out, { gzip: true });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}soeg/?q=${encodeURIComponent(word)}`);
    await page.waitForSelector("[data-search][data-ready]");
    const status = await page.locator("[data-status]").textContent();
    const requests = server.requests.filter((r) => !r.path.startsWith("/favicon"));
    const all = sum(requests);
    // The search itself: the search page's script and configuration and Pagefind's files.
    const search = sum(requests.filter((r) => /\/pagefind\/|\/soeg\/indexes\.json|\/assets\/(search|order)/.test(r.path)));
    figures.push({ site, requests: requests.length, raw: all.raw, gzip: all.gzip, searchRaw: search.raw, searchGzip: search.gzip });
    console.error(`${site}: ${status}`);
    await context.close();
    await server.close();
  }
} finally {
  await browser.close();
  await rm(dir, { recursive: true, force: true });
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`First search for »${word}« with an empty cache (bytes sent by the server):\n`);
console.log("| site | requests | everything, uncompressed | everything, gzip | search only, uncompressed | search only, gzip |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
for (const f of figures) {
  console.log(`| ${f.site} | ${f.requests} | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.searchRaw)} | ${kb(f.searchGzip)} |`);
}
console.log(
  "\n'search only' = search.js, search-core.js, order.js, soeg/indexes.json and Pagefind's files; 'everything' adds the page, its stylesheets and logos.",
);
console.log("Pagefind's index chunks and WebAssembly are gzip files on disk: their 'uncompressed' size is what the host sends without compression.");
