// A municipality whose search index is split into parts by period (src/search/parts.ts): the
// search page merges the parts in the browser and answers as the unsplit index does. Both sites
// are built from the same generated archive (one municipality, ten years), one with the default
// part size (one index) and one with parts of at most eight meetings.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateArchive } from "../../scripts/bench/generate.ts";
import type { SearchConfig } from "../../src/search/index.ts";
import { buildTestSite, launchBrowser, resultLinks, startStaticServer, type StaticServer } from "./harness.ts";

let dir: string;
let browser: Browser;
let page: Page;
let whole: StaticServer;
let split: StaticServer;
let kommune: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "referat-split-index-"));
  const content = join(dir, "content");
  const generated = generateArchive({ outDir: content, meetings: 40, kommuner: 1, firstYear: 2016, lastYear: 2025 });
  kommune = Object.keys(generated.perKommune)[0]!;
  await buildTestSite({ contentDir: content, outDir: join(dir, "whole") });
  await buildTestSite({ contentDir: content, outDir: join(dir, "split"), searchPartSize: 8 });
  whole = await startStaticServer(join(dir, "whole"), { gzip: true });
  split = await startStaticServer(join(dir, "split"), { gzip: true });
  browser = await launchBrowser();
  page = await browser.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([whole?.close(), split?.close()]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Opens the search at `query` (a query string) and returns the status and every result, newest first if asked. */
async function searchAll(server: StaticServer, query: string): Promise<{ status: string; urls: string[] }> {
  await page.goto(`${server.url}soeg/${query}`);
  await page.waitForFunction(() => (document.querySelector("[data-status]")?.textContent ?? "") !== "");
  const more = page.locator("[data-more]");
  while (await more.isVisible()) {
    const count = (await resultLinks(page)).length;
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll(".search-result").length > n, count);
  }
  return { status: (await page.locator("[data-status]").textContent()) ?? "", urls: (await resultLinks(page)).map((r) => r.url) };
}

describe("a municipality's index split into parts by period", () => {
  it("writes one bundle per part, listed newest first in soeg/indexes.json", async () => {
    const config = JSON.parse(await readFile(join(dir, "split/soeg/indexes.json"), "utf8")) as SearchConfig;
    expect(config.indexes.length).toBeGreaterThan(3);
    expect(config.indexes[0]).toMatchObject({ id: kommune, bundlePath: `/${kommune}/pagefind/` });
    expect(new Set(config.indexes.map((i) => i.kommune))).toEqual(new Set([kommune]));
    const folders = (await readdir(join(dir, "split", kommune))).filter((name) => name.startsWith("pagefind")).sort();
    expect(folders).toEqual(config.indexes.map((i) => i.bundlePath.split("/")[2]).sort());
    // Newest first, and the periods do not overlap.
    for (let i = 1; i < config.indexes.length; i++) expect(config.indexes[i]!.to! <= config.indexes[i - 1]!.from!).toBe(true);
    const wholeConfig = JSON.parse(await readFile(join(dir, "whole/soeg/indexes.json"), "utf8")) as SearchConfig;
    expect(wholeConfig.indexes.map((i) => i.bundlePath)).toEqual([`/${kommune}/pagefind/`]);
  });

  it("finds the same meetings as the unsplit index, and sorts them newest first across the parts", async () => {
    for (const word of ["tandpleje", "udsatterådet", "handicappolitikken"]) {
      const expected = await searchAll(whole, `?q=${encodeURIComponent(word)}&sortering=nyeste`);
      split.reset();
      const got = await searchAll(split, `?q=${encodeURIComponent(word)}&sortering=nyeste`);
      expect(got.status, word).toBe(expected.status);
      expect(got.urls, word).toEqual(expected.urls);
      // More than one part answered.
      const parts = new Set(split.requests.filter((r) => r.path.includes(".pf_index")).map((r) => r.path.split("/")[2]));
      if (expected.urls.length > 8) expect(parts.size, word).toBeGreaterThan(1);
    }
    const best = await searchAll(split, "?q=tandpleje");
    expect(new Set(best.urls)).toEqual(new Set((await searchAll(whole, "?q=tandpleje")).urls));
  });

  it("filters by year across the parts", async () => {
    const query = `?q=${encodeURIComponent("rådet")}&${new URLSearchParams({ år: "2019" })}`;
    const expected = await searchAll(whole, query);
    const got = await searchAll(split, query);
    expect(got.status).toBe(expected.status);
    expect(new Set(got.urls)).toEqual(new Set(expected.urls));
    expect(got.urls.every((url) => url.includes("/2019-"))).toBe(true);
  });
});
