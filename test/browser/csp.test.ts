// The example archive under its own Content-Security-Policy and the other hosting headers
// (deploy/headers.json, through src/hosting/headers.ts), in Chromium: every page type loads and
// the search works with zero CSP violations, and each response carries the headers and cache
// rule the nginx and Apache examples send.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CACHE_IMMUTABLE, CACHE_OTHER, CONTENT_SECURITY_POLICY, headersFor } from "../../src/hosting/headers.ts";
import { buildTestSite, launchBrowser, resultLinks, searchFor, startStaticServer, type StaticServer } from "./harness.ts";

const CONTENT = join(import.meta.dirname, "../../content");

let dir: string;
let server: StaticServer;
let browser: Browser;
let page: Page;
/** Every CSP violation: the document's securitypolicyviolation events and Chromium's console reports (workers included). */
const violations: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "referat-csp-"));
  await buildTestSite({ contentDir: CONTENT, outDir: join(dir, "site") });
  server = await startStaticServer(join(dir, "site"), { gzip: true, headers: headersFor });
  browser = await launchBrowser();
  const context = await browser.newContext();
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const list = ((window as unknown as { __csp?: string[] }).__csp ??= []);
      list.push(`${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  page = await context.newPage();
  page.on("console", (message) => {
    const text = message.text();
    if (/Content.Security.Policy|Refused to/i.test(text)) violations.push(`console: ${text}`);
  });
  page.on("worker", (worker) =>
    worker.on("console", (message) => /Content.Security.Policy|Refused to/i.test(message.text()) && violations.push(`worker: ${message.text()}`)),
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The violations the page recorded since it loaded, with those seen on the console. */
async function pageViolations(): Promise<string[]> {
  const own = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
  return [...own, ...violations];
}

describe("the site under its own Content-Security-Policy", () => {
  it.each([
    ["the portal", "/"],
    ["a municipality", "/gladsaxe/"],
    ["a council", "/gladsaxe/udsatteraadet/"],
    ["a year", "/gladsaxe/udsatteraadet/2023/"],
    ["a meeting", "/gladsaxe/udsatteraadet/2023-09-06/"],
    ["the not-found page", "/findes-ikke/"],
  ])("loads %s with no violation", async (_name, path) => {
    const response = await page.goto(`${server.url.slice(0, -1)}${path}`);
    expect(response?.headers()["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    await page.waitForLoadState("networkidle");
    // The stylesheets applied: the colour comes from assets/farver.css, not a style attribute.
    const colour = await page.evaluate(() => getComputedStyle(document.body).getPropertyValue("--farve").trim());
    expect(colour).toMatch(/^#[0-9a-f]{6}$/);
    expect(await pageViolations()).toEqual([]);
  });

  it("searches with no violation (Pagefind's worker and WebAssembly included)", async () => {
    await page.goto(`${server.url}soeg/`);
    await page.waitForSelector("[data-search][data-ready]");
    const status = await searchFor(page, "Værebro");
    expect(status).toMatch(/^1 resultat for »/);
    expect((await resultLinks(page)).map((r) => r.url)).toEqual(["/gladsaxe/udsatteraadet/2023-09-06/"]);
    expect(await pageViolations()).toEqual([]);
  });

  it("would see a violation (the check itself works)", async () => {
    await page.goto(`${server.url}gladsaxe/`);
    await page.evaluate(() => {
      const probe = document.createElement("p");
      probe.setAttribute("style", "color: red");
      document.body.append(probe);
    });
    await page.waitForFunction(() => ((window as unknown as { __csp?: string[] }).__csp ?? []).length > 0);
    expect((await pageViolations())[0]).toMatch(/^style-src-attr inline /);
    violations.length = 0;
  });

  it("sends Pagefind's hashed files with a cache for good, and everything else with no-cache", () => {
    const sent = server.requests.map((r) => r.path);
    const hashed = sent.filter((path) => /\.pf_(fragment|index|filter|meta)$/.test(path));
    expect(hashed.length).toBeGreaterThan(0);
    for (const path of hashed) expect(headersFor(path)["Cache-Control"], path).toBe(CACHE_IMMUTABLE);
    for (const path of [
      "/",
      "/soeg/",
      "/gladsaxe/pagefind/pagefind-entry.json",
      "/gladsaxe/pagefind/wasm.da.pagefind",
      "/gladsaxe/pagefind/pagefind.js",
      "/assets/style.css",
    ]) {
      expect(headersFor(path)["Cache-Control"], path).toBe(CACHE_OTHER);
    }
  });
});
