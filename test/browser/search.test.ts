// The example archive's search in a real browser: Pagefind's indexes per municipality, merged on
// /soeg/, Danish stemming, compound parts, filters, sorting, item anchors and the keyboard.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestSite, launchBrowser, resultLinks, searchFor, startStaticServer, type StaticServer } from "./harness.ts";

const CONTENT = join(import.meta.dirname, "../../content");

let dir: string;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "referat-search-"));
  await buildTestSite({ contentDir: CONTENT, outDir: join(dir, "site") });
  server = await startStaticServer(join(dir, "site"), { gzip: true });
  browser = await launchBrowser();
  context = await browser.newContext();
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function openSearch(query = ""): Promise<void> {
  await page.goto(`${server.url}soeg/${query ? `?q=${encodeURIComponent(query)}` : ""}`);
  await page.waitForSelector("[data-search][data-ready]");
}

describe("the search page", () => {
  it.each([
    ["TinaMaria", "/aalborg/udsatteraadet/2025-03-12/"],
    ["socialt frikort", "/albertslund/udsatteraadet/2019-04-01/"],
    ["Værebro", "/gladsaxe/udsatteraadet/2023-09-06/"],
    ["veteranstrategi", "/odense/raadet-for-socialt-udsatte/2021-11-23/"],
    ["nødovernatning", "/roskilde/udsatteraadet/2021-01-20/"],
  ])("finds the meeting with »%s«", async (query, url) => {
    await openSearch();
    const status = await searchFor(page, query);
    expect(status).toMatch(/^1 resultat for »/);
    expect((await resultLinks(page)).map((r) => r.url)).toEqual([url]);
  });

  it("finds a word by its inflected form (Danish stemming)", async () => {
    await openSearch();
    await searchFor(page, "veteranstrategien");
    expect((await resultLinks(page))[0]?.url).toBe("/odense/raadet-for-socialt-udsatte/2021-11-23/");
    await searchFor(page, "frikortet");
    expect((await resultLinks(page))[0]?.url).toBe("/albertslund/udsatteraadet/2019-04-01/");
  });

  it("finds a compound by its part, and shows the compound highlighted", async () => {
    await openSearch();
    await searchFor(page, "tandpleje");
    const [first] = await resultLinks(page);
    expect(first?.items).toContain("/odense/raadet-for-socialt-udsatte/2021-11-23/#punkt-4");
    const marks = await page.locator(".search-result").first().locator("mark").allTextContents();
    expect(marks.some((m) => /socialtandplejen/i.test(m))).toBe(true);
    // The marks in the index never show.
    expect(await page.locator("[data-results]").textContent()).not.toMatch(/\^/);

    await searchFor(page, "udspil");
    expect((await resultLinks(page)).flatMap((r) => r.items)).toContain("/odense/raadet-for-socialt-udsatte/2021-11-23/#punkt-6");
  });

  it("opens a shared link with ?q= and keeps the address up to date", async () => {
    await openSearch("Værebro");
    expect(await page.locator("#soeg-q").inputValue()).toBe("Værebro");
    expect(await page.locator("[data-status]").textContent()).toBe("1 resultat for »Værebro«");
    await searchFor(page, "nødovernatning");
    expect(new URL(page.url()).searchParams.get("q")).toBe("nødovernatning");
  });

  it("narrows the results with a filter, and shows the filter in the address", async () => {
    await openSearch();
    await searchFor(page, "udsatte");
    const all = await resultLinks(page);
    expect(all.length).toBeGreaterThan(1);
    await page.locator("summary", { hasText: "Afgræns søgningen" }).click();
    await page
      .getByRole("group", { name: "Kommune" })
      .getByLabel(/Gladsaxe Kommune/)
      .check();
    await page.waitForFunction(() => /med de valgte filtre/.test(document.querySelector("[data-status]")?.textContent ?? ""));
    const narrowed = await resultLinks(page);
    expect(narrowed.map((r) => r.url)).toEqual(["/gladsaxe/udsatteraadet/2023-09-06/"]);
    expect(new URL(page.url()).searchParams.getAll("kommune")).toEqual(["Gladsaxe Kommune"]);

    // The same address opens the same narrowed search.
    await page.goto(page.url());
    await page.waitForSelector("[data-search][data-ready]");
    expect((await resultLinks(page)).map((r) => r.url)).toEqual(["/gladsaxe/udsatteraadet/2023-09-06/"]);
    expect(await page.getByLabel(/Gladsaxe Kommune/).isChecked()).toBe(true);
  });

  it("lists every meeting of a filter without a query, newest first when asked", async () => {
    await page.goto(`${server.url}soeg/?status=referat&sortering=nyeste`);
    await page.waitForSelector("[data-search][data-ready]");
    expect(await page.locator("[data-status]").textContent()).toBe("5 møder med de valgte filtre");
    const dates = (await resultLinks(page)).map((r) => r.url.match(/\d{4}-\d\d-\d\d/)?.[0]);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it("opens a result at the item it hits", async () => {
    await openSearch("tandpleje");
    await page.locator(".search-result-items a[href$='#punkt-4']").first().click();
    await page.waitForURL(/\/odense\/raadet-for-socialt-udsatte\/2021-11-23\/#punkt-4$/);
    await expect.poll(() => page.locator("#punkt-4").evaluate((h) => h.matches(":target"))).toBe(true);
    // In view (after any smooth scrolling).
    await expect
      .poll(async () => {
        const box = await page.locator("#punkt-4").boundingBox();
        return box !== null && box.y >= 0 && box.y < (page.viewportSize()?.height ?? 720);
      })
      .toBe(true);
  });

  it("comes from the header's search form on any page", async () => {
    await page.goto(`${server.url}`);
    await page.locator("#soeg-felt").fill("Værebro");
    await page.locator("#soeg-felt").press("Enter");
    await page.waitForURL(/\/soeg\/\?q=V%C3%A6rebro$/);
    await page.waitForFunction(() => (document.querySelector("[data-status]")?.textContent ?? "") !== "");
    expect(await page.locator("[data-status]").textContent()).toBe("1 resultat for »Værebro«");
  });

  it("searches the municipality from its pages' header, in its look, and widens to all municipalities", async () => {
    await page.goto(`${server.url}albertslund/udsatteraadet/`);
    await page.locator("#soeg-felt").fill("udsatte");
    await page.locator("#soeg-felt").press("Enter");
    await page.waitForURL(/\/soeg\/albertslund\/\?q=udsatte$/);
    await page.waitForSelector("[data-search][data-ready]");
    await page.waitForFunction(() => (document.querySelector("[data-status]")?.textContent ?? "") !== "");
    expect(await page.locator(".site-name-main").textContent()).toBe("Albertslund Kommune");
    expect(await page.locator("[data-scope]").textContent()).toBe("Søger i Albertslund Kommune. Søg i alle kommuner");
    expect(await page.locator("[data-status]").textContent()).toBe("1 resultat for »udsatte«");
    expect((await resultLinks(page)).map((r) => r.url)).toEqual(["/albertslund/udsatteraadet/2019-04-01/"]);
    // Its filters are the municipality's: no choice of municipality, its own council.
    await page.locator("summary", { hasText: "Afgræns søgningen" }).click();
    await page.getByRole("group", { name: "Råd" }).waitFor();
    expect(await page.getByRole("group", { name: "Kommune" }).count()).toBe(0);
    expect(await page.getByRole("group", { name: "Råd" }).getByRole("checkbox").count()).toBe(1);
    // Widening keeps the search.
    await page.getByRole("link", { name: "Søg i alle kommuner" }).click();
    await page.waitForURL(/\/soeg\/\?q=udsatte$/);
    await page.waitForSelector("[data-search][data-ready]");
    await page.waitForFunction(() => (document.querySelector("[data-status]")?.textContent ?? "") !== "");
    expect((await resultLinks(page)).length).toBe(5);
  });

  it("explains, on the empty page, what can be searched, with example searches from the archive that find something", async () => {
    await openSearch();
    const intro = page.locator("[data-intro]");
    expect(await intro.isVisible()).toBe(true);
    expect(await intro.locator("p").first().textContent()).toMatch(/^Søg i dagsordener og referater fra kommunernes råd: /);
    const examples = await intro.locator(".search-examples a").allTextContents();
    expect(examples.length).toBeGreaterThanOrEqual(3);
    expect(examples.some((example) => example.startsWith('"'))).toBe(true);
    for (const example of examples) {
      await openSearch();
      await page.locator(".search-examples").getByRole("link", { name: example, exact: true }).click();
      await page.waitForSelector("[data-search][data-ready]");
      await page.waitForFunction(() => (document.querySelector("[data-status]")?.textContent ?? "") !== "");
      expect(await page.locator("[data-status]").textContent()).toMatch(/^\d+ resultat(er)? for »/);
      expect(await intro.isVisible()).toBe(false);
    }
  });

  it("escapes what the index holds: an excerpt shows text, never markup", async () => {
    await openSearch();
    await searchFor(page, "udsatte");
    const html = await page.locator("[data-results]").innerHTML();
    // Only the tags the page itself makes.
    const tags = new Set([...html.matchAll(/<([a-z0-9]+)/g)].map((m) => m[1]));
    for (const tag of tags) expect(["li", "h2", "a", "p", "ul", "mark"]).toContain(tag);
  });
});

describe("phrases", () => {
  it("find the items holding a quoted phrase, those first, with the phrase marked", async () => {
    await openSearch('"socialt frikort"');
    expect(await page.locator("[data-status]").textContent()).toBe('1 resultat for »"socialt frikort"«');
    const [result] = await resultLinks(page);
    expect(result?.url).toBe("/albertslund/udsatteraadet/2019-04-01/");
    // Item 2, "Fokus på socialt frikort", first; item 1 holds the phrase too.
    expect(result?.items.slice(0, 3).sort()).toEqual([
      "/albertslund/udsatteraadet/2019-04-01/#punkt-1",
      "/albertslund/udsatteraadet/2019-04-01/#punkt-2",
      "/albertslund/udsatteraadet/2019-04-01/#punkt-4",
    ]);
    expect(result?.items[0]).toBe("/albertslund/udsatteraadet/2019-04-01/#punkt-2");
    const items = page.locator(".search-result-items > li");
    for (const item of await items.all()) {
      expect((await item.locator("mark").allTextContents()).some((mark) => /^social[te]? frikort/i.test(mark))).toBe(true);
    }
  });

  it("find nothing when the words are there but not in that order", async () => {
    await openSearch('"frikort socialt"');
    expect(await page.locator("[data-status]").textContent()).toBe('Ingen resultater for »"frikort socialt"«');
  });
});

describe("misspellings", () => {
  it.each([
    ["nødovernating", "nødovernatning", "/roskilde/udsatteraadet/2021-01-20/"],
    ["frikot", "frikort", "/albertslund/udsatteraadet/2019-04-01/"],
    ["socalt frikort", "socialt frikort", "/albertslund/udsatteraadet/2019-04-01/"],
  ])("»%s« finds nothing, so the results of »%s« are shown, and said to be", async (typed, meant, url) => {
    await openSearch(typed);
    expect(await page.locator("[data-suggestion]").textContent()).toBe(
      `Mente du ${meant}? Der er ingen resultater for »${typed}«. Viser resultater for »${meant}«.`,
    );
    expect(await page.locator("[data-status]").textContent()).toMatch(new RegExp(`^\\d+ resultat(er)? for »${meant}«$`));
    expect((await resultLinks(page)).map((r) => r.url)).toContain(url);
    // The suggestion is a link that searches it.
    await page.locator("[data-suggestion] a").click();
    await page.waitForFunction((q) => new URL(location.href).searchParams.get("q") === q, meant);
    await expect.poll(() => page.locator("[data-suggestion]").count()).toBe(0);
  });

  it("suggests nothing for a word far from every word of the archive", async () => {
    await openSearch("xyzzyq");
    expect(await page.locator("[data-status]").textContent()).toBe("Ingen resultater for »xyzzyq«");
    expect(await page.locator("[data-suggestion]").count()).toBe(0);
  });
});

describe("axe-core finds no violations (wcag2a, wcag2aa, wcag21a, wcag21aa)", () => {
  async function violations(): Promise<string[]> {
    const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  }

  it("on the empty search page with its example searches", async () => {
    await openSearch();
    expect(await page.locator(".search-examples a").count()).toBeGreaterThan(0);
    expect(await violations()).toEqual([]);
  });

  it("on a municipality's search page with results", async () => {
    await page.goto(`${server.url}soeg/gladsaxe/?q=udsatte`);
    await page.waitForSelector("[data-search][data-ready]");
    expect(await page.locator(".search-result").count()).toBeGreaterThan(0);
    expect(await violations()).toEqual([]);
  });

  it("with a spelling suggestion and a phrase's results", async () => {
    await openSearch("frikot");
    await page.locator("[data-suggestion]").waitFor();
    expect(await violations()).toEqual([]);
    await openSearch('"socialt frikort"');
    expect(await violations()).toEqual([]);
  });
});

describe("the keyboard", () => {
  it("moves focus to the main content with the skip link", async () => {
    await page.goto(`${server.url}gladsaxe/udsatteraadet/`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe("Spring til indhold");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("indhold");
  });

  it("types a search, runs it and opens a result with Tab and Enter only", async () => {
    await openSearch();
    await page.locator("#soeg-q").focus();
    await page.keyboard.type("Værebro");
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => (document.querySelector("[data-status]")?.textContent ?? "").includes("»Værebro«"));
    let onResult = false;
    for (let i = 0; i < 40 && !onResult; i++) {
      await page.keyboard.press("Tab");
      onResult = await page.evaluate(() => document.activeElement?.closest(".search-result") != null);
    }
    expect(onResult).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/gladsaxe\/udsatteraadet\/2023-09-06\//);
  });
});

describe("the first search's bytes", () => {
  it("are counted at the server, worker requests included", async () => {
    const fresh = await browser.newContext();
    const first = await fresh.newPage();
    server.reset();
    await first.goto(`${server.url}soeg/?q=${encodeURIComponent("udsatte")}`);
    await first.waitForSelector("[data-search][data-ready]");
    const { sent, raw } = server.bytes();
    const pagefind = server.requests.filter((r) => r.path.includes("/pagefind/"));
    console.log(
      `first search on the example archive: ${raw} bytes uncompressed, ${sent} bytes gzip (${server.requests.length} requests, ${pagefind.length} from Pagefind's worker and API)`,
    );
    expect(pagefind.some((r) => r.path.includes(".pf_fragment"))).toBe(true);
    // The filters' chunks wait until the reader opens "Afgræns søgningen".
    expect(pagefind.filter((r) => r.path.includes(".pf_filter"))).toEqual([]);
    server.reset();
    await first.locator("summary", { hasText: "Afgræns søgningen" }).click();
    await first
      .getByRole("group", { name: "Kommune" })
      .getByLabel(/Gladsaxe Kommune/)
      .waitFor();
    expect(server.requests.some((r) => r.path.includes(".pf_filter"))).toBe(true);
    expect(sent).toBeLessThan(400_000);
    await fresh.close();
  });
});
