// axe-core (WCAG 2.0/2.1 A and AA) on the pages a web team's templates folder adds and on a page
// in its footer: the example archive built with examples/web-team/ (docs/templates.md).
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir } from "../build/helpers.ts";
import { axeViolations, launchBrowser, startStaticServer, type StaticServer } from "./harness.ts";

let dir: string;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  dir = await tempDir("web-team-a11y");
  const built = await runCli(["build", "--content", join(ROOT, "content"), "--out", join(dir, "site"), "--templates", join(ROOT, "examples/web-team")], {
    REFERAT_CACHE_DIR: "off",
  });
  expect(built.code, built.stderr).toBe(0);
  server = await startStaticServer(join(dir, "site"), { gzip: true });
  browser = await launchBrowser();
  context = await browser.newContext();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("axe-core finds no violations on a web team's pages", () => {
  it.each([
    ["the added Markdown page", "om-arkivet/"],
    ["the added Nunjucks page", "tilgaengelighed/"],
    ["a meeting page with the web team's footer", "gladsaxe/udsatteraadet/2023-09-06/"],
  ])("on %s", async (_name, path) => {
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
