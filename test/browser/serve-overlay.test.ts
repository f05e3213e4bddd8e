// `referat serve` in Chromium: a save that breaks a meeting file shows every problem over the open
// page (the terminal's own lines, announced as an alert, axe-clean), and a save that fixes it
// takes the box away and shows the fixed page, with no reload by hand.
import { AxeBuilder } from "@axe-core/playwright";
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_CONTENT, ROOT, tempDir } from "../build/helpers.ts";
import { startServe, type ServeProcess } from "../build/serve-helpers.ts";
import { launchBrowser } from "./harness.ts";

const MEETING_FILE = "gladsaxe/udsatteraadet/2023/2023-09-06.md";
const MEETING_PAGE = "/gladsaxe/udsatteraadet/2023-09-06/";
const START_TIMEOUT = 120_000;
const CHANGE_TIMEOUT = 30_000;

let work: string;
let meetingPath: string;
let serve: ServeProcess;
let port: number;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  work = await tempDir("serve-overlay");
  const contentDir = join(work, "content");
  await cp(FIXTURE_CONTENT, contentDir, { recursive: true });
  meetingPath = join(contentDir, MEETING_FILE);
  serve = await startServe(["--content", contentDir, "--out", join(work, "site")]);
  port = serve.port;
  browser = await launchBrowser();
  page = await (await browser.newContext()).newPage();
  await serve.waitForOutput("Arkivet vises på", 0, START_TIMEOUT);
}, START_TIMEOUT + 10_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("problems in the browser while referat serve runs", () => {
  it(
    "shows every problem of a broken save over the open page, as the terminal prints them",
    async () => {
      await page.goto(`http://localhost:${port}${MEETING_PAGE}`);
      await expect(page.locator("h1").first().textContent()).resolves.toContain("Referat");
      expect(await page.locator("#referat-fejl").count()).toBe(0);

      const mark = serve.output.length;
      const text = await readFile(meetingPath, "utf8");
      await writeFile(meetingPath, text.replace("date: 2023-09-06", "date: 2023-09-31").replace("kind: beslutning", "kind: beslutnig"));
      await serve.waitForOutput("Siden er ikke opdateret", mark, CHANGE_TIMEOUT);

      const box = page.locator("#referat-fejl");
      await box.waitFor({ state: "visible", timeout: CHANGE_TIMEOUT });
      expect(await box.getAttribute("role")).toBe("alert");
      expect(await box.locator("h2").textContent()).toBe("Siden er ikke opdateret: der er fejl i indholdet");
      const file = relative(ROOT, meetingPath);
      const items = await box.locator("li").allTextContents();
      expect(items).toEqual([
        `${file}:2:7: date: skal være en rigtig dato, men 2023-09-31 findes ikke i kalenderen`,
        `${file}:30:11: items[1].kind: skal være 'beslutning', 'orientering' eller 'drøftelse', men er "beslutnig"; mente du 'beslutning'?`,
      ]);
      // The terminal printed the same lines.
      for (const item of items) expect(serve.output.slice(mark)).toContain(`${item}\n`);
      expect(await box.locator(".referat-fejl-antal").textContent()).toBe("2 fejl fundet i 1 fil.");
      // The last good page is still under it.
      expect(await page.locator("main").textContent()).toContain("Dagsordenen blev godkendt.");

      const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    },
    CHANGE_TIMEOUT * 2,
  );

  it("shows the problems on a page opened while the file is broken", async () => {
    const other = await (await browser.newContext()).newPage();
    await other.goto(`http://127.0.0.1:${port}/gladsaxe/`);
    await other.locator("#referat-fejl li").first().waitFor({ timeout: CHANGE_TIMEOUT });
    expect(await other.locator("#referat-fejl li").count()).toBe(2);
    await other.close();
  });

  it(
    "takes the problems away by itself when the file is fixed, and shows the fix",
    async () => {
      const mark = serve.output.length;
      const text = await readFile(meetingPath, "utf8");
      await writeFile(
        meetingPath,
        text
          .replace("date: 2023-09-31", "date: 2023-09-06")
          .replace("kind: beslutnig", "kind: beslutning")
          .replace("Dagsordenen blev godkendt.", "Dagsordenen blev godkendt efter rettelsen."),
      );
      await serve.waitForOutput("Opdateret:", mark, CHANGE_TIMEOUT);
      await page.waitForFunction(() => document.querySelector("main")?.textContent?.includes("Dagsordenen blev godkendt efter rettelsen."), undefined, {
        timeout: CHANGE_TIMEOUT,
      });
      expect(await page.locator("#referat-fejl").count()).toBe(0);
    },
    CHANGE_TIMEOUT * 2,
  );
});
