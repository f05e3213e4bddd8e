// The search in the other shapes a site takes: under a path prefix, for one municipality alone,
// and a portal that merges the index of a site hosted elsewhere (two sites on two ports).
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SearchConfig } from "../../src/search/index.ts";
import { buildTestSite, launchBrowser, resultLinks, searchFor, startStaticServer, type StaticServer } from "./harness.ts";

const CONTENT = join(import.meta.dirname, "../../content");

let dir: string;
let browser: Browser;
let page: Page;
const servers: StaticServer[] = [];
let prefixed: StaticServer;
let gladsaxe: StaticServer;
let odense: StaticServer;
let portal: StaticServer;
let portalDown: StaticServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "referat-search-variants-"));
  await Promise.all([
    buildTestSite({ contentDir: CONTENT, outDir: join(dir, "prefixed/referater"), pathPrefix: "/referater/" }),
    buildTestSite({ contentDir: CONTENT, outDir: join(dir, "gladsaxe"), kommune: "gladsaxe" }),
    buildTestSite({ contentDir: CONTENT, outDir: join(dir, "odense"), kommune: "odense" }),
  ]);
  prefixed = await startStaticServer(join(dir, "prefixed"), { gzip: true, notFound: "referater/404.html" });
  gladsaxe = await startStaticServer(join(dir, "gladsaxe"), { gzip: true });
  // Another host: it must allow other origins to read its index (CORS), as docs/search.md says.
  odense = await startStaticServer(join(dir, "odense"), { gzip: true, cors: true });
  // A portal holding Gladsaxe, whose content/portal.yaml merges Odense's index from that other host.
  await cp(join(CONTENT, "gladsaxe"), join(dir, "portal-content/gladsaxe"), { recursive: true });
  await writeFile(
    join(dir, "portal-content/portal.yaml"),
    `search:\n  merge:\n    - name: Odense Kommune\n      index: ${odense.url}odense/pagefind/\n      site: ${odense.url}\n`,
  );
  await buildTestSite({ contentDir: join(dir, "portal-content"), outDir: join(dir, "portal") });
  portal = await startStaticServer(join(dir, "portal"), { gzip: true });
  // The same portal, also merging a site whose host is down.
  const down = await startStaticServer(join(dir, "odense"), { gzip: true, cors: true });
  const downUrl = down.url;
  await down.close();
  await cp(join(dir, "portal-content"), join(dir, "portal-down-content"), { recursive: true });
  await writeFile(
    join(dir, "portal-down-content/portal.yaml"),
    `search:\n  merge:\n    - name: Odense Kommune\n      index: ${odense.url}odense/pagefind/\n      site: ${odense.url}\n` +
      `    - name: Aarhus Kommune\n      index: ${downUrl}aarhus/pagefind/\n      site: ${downUrl}\n`,
  );
  await buildTestSite({ contentDir: join(dir, "portal-down-content"), outDir: join(dir, "portal-down") });
  portalDown = await startStaticServer(join(dir, "portal-down"), { gzip: true });
  servers.push(prefixed, gladsaxe, odense, portal, portalDown);
  browser = await launchBrowser();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("a site under a path prefix", () => {
  it("searches and links under the prefix", async () => {
    await page.goto(`${prefixed.url}referater/soeg/`);
    await searchFor(page, "Værebro");
    expect((await resultLinks(page)).map((r) => r.url)).toEqual(["/referater/gladsaxe/udsatteraadet/2023-09-06/"]);
    await searchFor(page, "tandpleje");
    const [first] = await resultLinks(page);
    expect(first?.items).toContain("/referater/odense/raadet-for-socialt-udsatte/2021-11-23/#punkt-4");
    await page.locator(".search-result-items a[href$='#punkt-4']").first().click();
    await page.waitForURL(/\/referater\/odense\/raadet-for-socialt-udsatte\/2021-11-23\/#punkt-4$/);
  });

  it("shows the 404 page with working links at an unknown address", async () => {
    const response = await page.goto(`${prefixed.url}referater/findes/ikke/`);
    expect(response?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("Siden findes ikke");
    await page.locator("#ikke-fundet-q").fill("Værebro");
    await page.locator("#ikke-fundet-q").press("Enter");
    await page.waitForURL(/\/referater\/soeg\/\?q=/);
    await page.waitForFunction(() => (document.querySelector("[data-status]")?.textContent ?? "") !== "");
    expect(await page.locator("[data-status]").textContent()).toBe("1 resultat for »Værebro«");
  });
});

describe("a site for one municipality", () => {
  it("has one index and searches only itself", async () => {
    const config = JSON.parse(await readFile(join(dir, "gladsaxe/soeg/indexes.json"), "utf8")) as SearchConfig;
    expect(config.indexes.map((i) => i.bundlePath)).toEqual(["/gladsaxe/pagefind/"]);
    await page.goto(`${gladsaxe.url}soeg/`);
    await searchFor(page, "Værebro");
    expect((await resultLinks(page)).map((r) => r.url)).toEqual(["/gladsaxe/udsatteraadet/2023-09-06/"]);
    expect(await searchFor(page, "veteranstrategi")).toBe("Ingen resultater for »veteranstrategi«");
  });
});

describe("a portal that merges another site's index", () => {
  it("finds meetings on both sites, with the kommune filter", async () => {
    const config = JSON.parse(await readFile(join(dir, "portal/soeg/indexes.json"), "utf8")) as SearchConfig;
    expect(config.indexes).toEqual([
      { id: "gladsaxe", kommune: "gladsaxe", name: "Gladsaxe Kommune", bundlePath: "/gladsaxe/pagefind/", baseUrl: "/" },
      { name: "Odense Kommune", bundlePath: `${odense.url}odense/pagefind/`, baseUrl: odense.url },
    ]);

    odense.reset();
    await page.goto(`${portal.url}soeg/`);
    await searchFor(page, "veteranstrategi");
    expect((await resultLinks(page)).map((r) => r.url)).toEqual([`${odense.url}odense/raadet-for-socialt-udsatte/2021-11-23/`]);
    expect(odense.requests.some((r) => r.path.includes("/odense/pagefind/"))).toBe(true);

    await searchFor(page, "Værebro");
    expect((await resultLinks(page)).map((r) => r.url)).toEqual(["/gladsaxe/udsatteraadet/2023-09-06/"]);

    await searchFor(page, "udsatte");
    expect((await resultLinks(page)).length).toBe(2);
    await page.locator("summary", { hasText: "Afgræns søgningen" }).click();
    await page
      .getByRole("group", { name: "Kommune" })
      .getByLabel(/Odense Kommune/)
      .check();
    await page.waitForFunction(() => /med de valgte filtre/.test(document.querySelector("[data-status]")?.textContent ?? ""));
    expect((await resultLinks(page)).map((r) => r.url)).toEqual([`${odense.url}odense/raadet-for-socialt-udsatte/2021-11-23/`]);

    // The result opens the other site's page at the item.
    await searchFor(page, "tandpleje");
    await page.locator(".search-result-items a[href$='#punkt-4']").first().click();
    await page.waitForURL(`${odense.url}odense/raadet-for-socialt-udsatte/2021-11-23/#punkt-4`);
  });
});

describe("a portal when another site's host is down", () => {
  it("still searches its own and the reachable indexes, and says which site is left out", async () => {
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${portalDown.url}soeg/`);
    expect(await searchFor(page, "Værebro")).toBe("1 resultat for »Værebro«");
    expect((await resultLinks(page)).map((r) => r.url)).toEqual(["/gladsaxe/udsatteraadet/2023-09-06/"]);
    await searchFor(page, "veteranstrategi");
    expect((await resultLinks(page)).map((r) => r.url)).toEqual([`${odense.url}odense/raadet-for-socialt-udsatte/2021-11-23/`]);
    expect(await page.locator("[data-unavailable]").textContent()).toBe("Søgningen omfatter ikke Aarhus Kommune: sitet svarer ikke lige nu.");
    expect(errors).toEqual([]);
  });
});
