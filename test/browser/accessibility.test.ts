// axe-core (WCAG 2.0/2.1 A and AA) on every kind of page, the page without JavaScript, and the
// "Læs op" button with and without a Danish voice.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, buildTestSite, launchBrowser, searchFor, startStaticServer, type StaticServer } from "./harness.ts";

const CONTENT = join(import.meta.dirname, "../../content");
const MEETING = "odense/raadet-for-socialt-udsatte/2021-11-23/";

let dir: string;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "referat-a11y-"));
  await buildTestSite({ contentDir: CONTENT, outDir: join(dir, "site") });
  server = await startStaticServer(join(dir, "site"), { gzip: true });
  browser = await launchBrowser();
  context = await browser.newContext();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("axe-core finds no violations", () => {
  it.each([
    ["the portal", ""],
    ["a municipality", "gladsaxe/"],
    ["a council", "gladsaxe/udsatteraadet/"],
    ["a year", "gladsaxe/udsatteraadet/2023/"],
    ["a meeting (Aalborg)", "aalborg/udsatteraadet/2025-03-12/"],
    ["a meeting (Albertslund)", "albertslund/udsatteraadet/2019-04-01/"],
    ["a meeting (Gladsaxe)", "gladsaxe/udsatteraadet/2023-09-06/"],
    ["a meeting (Odense)", MEETING],
    ["a meeting (Roskilde)", "roskilde/udsatteraadet/2021-01-20/"],
    ["the 404 page", "findes/ikke/"],
  ])("on %s", async (_name, path) => {
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("on the search page with results and the filters open", async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}soeg/`);
    await searchFor(page, "udsatte");
    await page.locator("summary", { hasText: "Afgræns søgningen" }).click();
    expect(await page.locator(".search-result").count()).toBeGreaterThan(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it("on the search page with no results", async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}soeg/?q=xyzzy`);
    await page.waitForSelector("[data-search][data-ready]");
    expect(await page.locator("[data-status]").textContent()).toBe("Ingen resultater for »xyzzy«");
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

describe("without JavaScript", () => {
  it("the search page says so in plain Danish and points to the front page", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}soeg/?q=udsatte`);
    expect(await page.locator(".search-noscript").textContent()).toMatch(/^Søgningen virker kun med JavaScript/);
    expect(await page.locator("[data-search]").isVisible()).toBe(false);
    expect(await page.locator(".laes-op").count()).toBe(0);
    await page.goto(`${server.url}${MEETING}`);
    expect(await page.locator("[data-laes-op]").isVisible()).toBe(false);
    await context.close();
  });
});

// A stand-in for the browser's speech synthesis: voices arrive late (as in Chrome), utterances are recorded.
const FAKE_SPEECH = (withDanish: boolean) => `
  (() => {
    const spoken = [];
    let cancelled = 0;
    let voices = [];
    const target = new EventTarget();
    const synth = {
      getVoices: () => voices,
      speak: (u) => spoken.push({ text: u.text, lang: u.lang }),
      cancel: () => { cancelled++; },
      addEventListener: (...a) => target.addEventListener(...a),
      removeEventListener: (...a) => target.removeEventListener(...a),
      speaking: false, pending: false, paused: false,
    };
    Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
    window.__speech = { spoken, cancelled: () => cancelled };
    setTimeout(() => {
      voices = [{ name: "English", lang: "en-GB", localService: true, default: true, voiceURI: "en" }]
        .concat(${withDanish} ? [{ name: "Dansk", lang: "da-DK", localService: true, default: false, voiceURI: "da" }] : []);
      target.dispatchEvent(new Event("voiceschanged"));
    }, 50);
  })();
`;

describe("Læs op", () => {
  it("stays hidden when the browser has no Danish voice", async () => {
    const context = await browser.newContext();
    await context.addInitScript(FAKE_SPEECH(false));
    const page = await context.newPage();
    await page.goto(`${server.url}${MEETING}`);
    await page.waitForTimeout(200);
    expect(await page.locator("[data-laes-op]").isHidden()).toBe(true);
    expect(await page.getByRole("button", { name: "Læs op" }).count()).toBe(0);
    await context.close();
  });

  it("reads the minutes aloud with the Danish voice, and stops", async () => {
    const context = await browser.newContext();
    await context.addInitScript(FAKE_SPEECH(true));
    const page = await context.newPage();
    await page.goto(`${server.url}${MEETING}`);
    const button = page.getByRole("button", { name: "Læs op" });
    await button.waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await button.click();
    const stop = page.getByRole("button", { name: "Stop oplæsning" });
    await stop.waitFor();
    const spoken = await page.evaluate<{ text: string; lang: string }[]>("window.__speech.spoken");
    expect(spoken.length).toBeGreaterThan(5);
    expect(spoken.every((s) => s.lang === "da-DK")).toBe(true);
    expect(spoken.slice(0, 2).map((s) => s.text)).toContain("Referat af møde i Rådet for Socialt Udsatte den 23. november 2021");
    expect(spoken.map((s) => s.text)).toContain("4. Opfølgning på Socialtandplejen");
    // Navigation and the hidden search data are not read.
    expect(spoken.some((s) => /Dagsorden$|^kommune:|Link til punkt/.test(s.text))).toBe(false);

    await stop.click();
    await page.getByRole("button", { name: "Læs op" }).waitFor();
    expect(await page.evaluate("window.__speech.cancelled()")).toBeGreaterThan(0);
    await context.close();
  });
});
