// The citizen's pages in Chromium: the one "Næste møde" box, upcoming meetings above past ones
// (relative to a build date fixed with SOURCE_DATE_EPOCH), the favicon, the footer of a short
// page, and the one-municipality site's /<kommune>/, which sends the reader to /.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations, buildTestSite, launchBrowser, startStaticServer, type StaticServer } from "./harness.ts";

const CONTENT = join(import.meta.dirname, "../fixtures/site/upcoming");
/** 15 October 2023, 12:00 UTC: the 1 November agenda and the announced 6 December meeting lie ahead. */
const BUILD_DATE_EPOCH = "1697371200";
const COUNCIL = "norddal/udsatteraadet/";

let dir: string;
let site: StaticServer;
let prefixed: StaticServer;
let single: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const previousEpoch = process.env.SOURCE_DATE_EPOCH;

beforeAll(async () => {
  process.env.SOURCE_DATE_EPOCH = BUILD_DATE_EPOCH;
  dir = await mkdtemp(join(tmpdir(), "referat-pages-"));
  await buildTestSite({ contentDir: CONTENT, outDir: join(dir, "site") });
  await buildTestSite({ contentDir: CONTENT, outDir: join(dir, "prefixed/referater"), pathPrefix: "/referater/" });
  await buildTestSite({ contentDir: CONTENT, outDir: join(dir, "single"), kommune: "norddal" });
  site = await startStaticServer(join(dir, "site"));
  prefixed = await startStaticServer(join(dir, "prefixed"), { notFound: "referater/404.html" });
  single = await startStaticServer(join(dir, "single"));
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  page = await context.newPage();
});

afterAll(async () => {
  if (previousEpoch === undefined) delete process.env.SOURCE_DATE_EPOCH;
  else process.env.SOURCE_DATE_EPOCH = previousEpoch;
  await browser?.close();
  await Promise.all([site, prefixed, single].map((s) => s?.close()));
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The page's own h2 headings, without the open-data sections every list page ends with. */
async function listHeadings(p: Page): Promise<string[]> {
  return (await p.locator("main h2").allInnerTexts()).filter((h) => h !== "Abonnér" && h !== "Data");
}

/** How often the visible text of the page says "Næste møde". */
async function nextMeetingMentions(p: Page): Promise<number> {
  const text = await p.locator("body").innerText();
  return (text.match(/Næste møde/g) ?? []).length;
}

describe("the Næste møde box", () => {
  it("links the announced next meeting when the archive holds it, with its date, time and place, once", async () => {
    await page.goto(`${site.url}${COUNCIL}2023-09-06/`);
    const box = page.getByRole("region", { name: "Næste møde" });
    expect(await box.locator("p").allInnerTexts()).toEqual(["onsdag den 1. november 2023 kl. 15.00–17.00 Dagsorden", "Sted: Værestedet Broen, Havnegade 4"]);
    expect(await nextMeetingMentions(page)).toBe(1);
    // The announcement's own note ("Stedet meldes ud senere.") is out of date once the meeting is in the archive.
    expect(await page.locator("body").innerText()).not.toContain("Stedet meldes ud senere.");
    expect(await axeViolations(page)).toEqual([]);
    await box.getByRole("link", { name: "onsdag den 1. november 2023 kl. 15.00–17.00" }).click();
    await page.waitForURL(`${site.url}${COUNCIL}2023-11-01/`);
  });

  it("shows an announced meeting the archive does not hold yet as announced: date, time, place and note", async () => {
    await page.goto(`${site.url}${COUNCIL}2023-11-01/`);
    const box = page.getByRole("region", { name: "Næste møde" });
    expect(await box.locator("p").allInnerTexts()).toEqual([
      "onsdag den 6. december 2023 kl. 16.00–18.00",
      "Sted: Rådhuset, mødelokale 2",
      "Julemøde med frokost.",
    ]);
    expect(await box.getByRole("link").count()).toBe(0);
    expect(await nextMeetingMentions(page)).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("says of a past announcement that the archive lacks the meeting, and links the newer meeting it has", async () => {
    await page.goto(`${site.url}${COUNCIL}2022-11-21/`);
    const box = page.getByRole("region", { name: "Næste møde" });
    expect(await box.locator("p").allInnerTexts()).toEqual([
      "Annonceret til tirsdag den 10. januar 2023 kl. 16.00.",
      "Sekretæren sender en indkaldelse.",
      "Arkivet har hverken dagsorden eller referat fra det møde.",
    ]);
    expect(await nextMeetingMentions(page)).toBe(1);
    const newer = page.getByRole("navigation", { name: "Andre møder i Udsatterådet" }).getByRole("link");
    expect(await newer.innerText()).toBe("Nyere møde →\n6. september 2023");
    expect(await newer.getAttribute("href")).toBe(`/${COUNCIL}2023-09-06/`);
  });
});

describe("upcoming meetings", () => {
  it("are listed on the council page above the years, soonest first, and not again in their year", async () => {
    await page.goto(`${site.url}${COUNCIL}`);
    expect(await listHeadings(page)).toEqual(["Kommende møder", "2023", "2022"]);
    const upcoming = page.locator(".upcoming-list > li");
    expect(await upcoming.allInnerTexts()).toEqual([
      "onsdag den 1. november 2023 kl. 15.00–17.00 Dagsorden\nDagsorden til møde i Udsatterådet den 1. november 2023\n\nSted: Værestedet Broen, Havnegade 4",
      "onsdag den 6. december 2023 kl. 16.00–18.00 Annonceret\nAnnonceret i dagsordenen fra 1. november 2023: Julemøde med frokost.\n\nSted: Rådhuset, mødelokale 2",
    ]);
    expect(await upcoming.first().getByRole("link").getAttribute("href")).toBe(`/${COUNCIL}2023-11-01/`);
    expect(await upcoming.nth(1).getByRole("link").getAttribute("href")).toBe(`/${COUNCIL}2023-11-01/`);
    const years = page.locator(".year-group .meeting-list a");
    expect(await years.evaluateAll((links) => links.map((a) => a.getAttribute("href")))).toEqual([`/${COUNCIL}2023-09-06/`, `/${COUNCIL}2022-11-21/`]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("are listed on the municipality page above the latest meetings", async () => {
    await page.goto(`${site.url}norddal/`);
    expect(await listHeadings(page)).toEqual(["Rådene", "Kommende møder", "Seneste møder"]);
    expect(await page.locator(".upcoming-list > li > :first-child").allInnerTexts()).toEqual([
      "Udsatterådet, onsdag den 1. november 2023 kl. 15.00–17.00",
      "Udsatterådet, onsdag den 6. december 2023 kl. 16.00–18.00",
    ]);
    const latest = page.locator(".meeting-list:not(.upcoming-list) a");
    expect(await latest.evaluateAll((links) => links.map((a) => a.getAttribute("href")))).toEqual([`/${COUNCIL}2023-09-06/`, `/${COUNCIL}2022-11-21/`]);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe("details a citizen notices", () => {
  it("every page names an icon that loads, and no request fails, under a path prefix too", async () => {
    for (const [server, prefix] of [
      [site, "/"],
      [prefixed, "/referater/"],
    ] as const) {
      const failed: string[] = [];
      const listener = (response: import("playwright-core").Response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
      };
      page.on("response", listener);
      for (const path of ["", "norddal/", COUNCIL, `${COUNCIL}2023/`, `${COUNCIL}2023-09-06/`, "soeg/"]) {
        await page.goto(`${server.url}${prefix.slice(1)}${path}`);
        const icon = await page.locator('link[rel="icon"]').getAttribute("href");
        // Norddal has no logo: the portal's own mark.
        expect(icon, path).toBe(`${prefix}assets/maerke.svg`);
        // The icon is an image a browser can draw.
        const size = await page.evaluate(async (href) => {
          const img = new Image();
          img.src = new URL(href, location.href).href;
          await img.decode();
          return [img.naturalWidth, img.naturalHeight];
        }, icon as string);
        expect(size).toEqual([40, 40]);
      }
      page.off("response", listener);
      expect(failed).toEqual([]);
      expect(server.requests.some((r) => r.path.includes("favicon"))).toBe(false);
    }
  });

  it("keeps the footer at the bottom of a short page", async () => {
    await page.setViewportSize({ width: 1280, height: 2000 });
    await page.goto(`${site.url}${COUNCIL}2022/`);
    const footerBottom = await page.locator(".site-footer").evaluate((el) => el.getBoundingClientRect().bottom);
    expect(footerBottom).toBe(2000);
    await page.setViewportSize({ width: 390, height: 844 });
  });

  it("in a one-municipality site, sends /<kommune>/ to / where the municipality's page is", async () => {
    await page.goto(`${single.url}norddal/`);
    await page.waitForURL(single.url);
    expect(await page.locator("h1").innerText()).toBe("Referater fra Norddal Kommune");
    expect(await listHeadings(page)).toEqual(["Rådene", "Kommende møder", "Seneste møder"]);
  });

  it("the redirect page itself names / as canonical, links it, and has no axe violations", async () => {
    const response = await page.request.get(`${single.url}norddal/`);
    const html = await response.text();
    expect(html).toContain('<meta http-equiv="refresh" content="0; url=/"/>');
    expect(html).toContain('<link rel="canonical" href="/"/>');
    expect(html).toContain('Referaterne fra Norddal Kommune findes på <a href="/">forsiden</a>.');
    // Read as a reader whose browser does not follow the refresh: the same page, without it.
    const still = await context.newPage();
    await still.route(`${single.url}norddal/`, (route) =>
      route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: html.replace(/<meta http-equiv="refresh"[^>]*>/, "") }),
    );
    await still.goto(`${single.url}norddal/`);
    expect(await still.locator("h1").innerText()).toBe("Referater fra Norddal Kommune");
    expect(await axeViolations(still)).toEqual([]);
    await still.close();
  });
});
