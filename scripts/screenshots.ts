// The guide's screenshots, taken from the real site: builds the guide's example municipality
// (docs/eksempel/content) with the real pipeline, serves it on 127.0.0.1 and photographs parts of
// its pages in Debian's Chromium (playwright-core, /usr/bin/chromium). `npm run screenshots`
// writes docs/vejledning/*.png; run it again when the pages change, and commit the pictures.
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { buildTestSite, launchBrowser, startStaticServer } from "../test/browser/harness.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const CONTENT = path.join(ROOT, "docs/eksempel/content");
const OUT = path.join(ROOT, "docs/vejledning");

/** One picture: a page, and the part of it from the first selector's top to the last one's bottom. */
interface Shot {
  file: string;
  page: string;
  from: string;
  to?: string;
  /** A phone's width instead of a desktop's. */
  phone?: boolean;
}

const MEETING = "eksempelby/udsatteraadet/2024-05-14/";
export const SHOTS: Shot[] = [
  { file: "moedets-top.png", page: MEETING, from: ".meeting-head", to: ".toc" },
  { file: "deltagere.png", page: MEETING, from: ".people" },
  { file: "punkt-med-bilag.png", page: MEETING, from: "#punkt-2", to: "section.item:has(#punkt-2)" },
  { file: "lukket-punkt.png", page: MEETING, from: "section.item-closed" },
  { file: "rettelser.png", page: MEETING, from: ".corrections" },
  { file: "dagsorden.png", page: "eksempelby/udsatteraadet/2024-06-11/", from: ".meeting-head", to: ".toc" },
  { file: "telefon.png", page: MEETING, from: "body", phone: true },
];

async function shoot(page: Page, base: string, shot: Shot): Promise<void> {
  await page.setViewportSize(shot.phone ? { width: 375, height: 740 } : { width: 960, height: 900 });
  await page.goto(new URL(shot.page, base).href, { waitUntil: "load" });
  const file = path.join(OUT, shot.file);
  if (shot.phone) {
    await page.screenshot({ path: file, fullPage: false });
    return;
  }
  const first = await page.locator(shot.from).first().boundingBox();
  const last = await page
    .locator(shot.to ?? shot.from)
    .first()
    .boundingBox();
  if (!first || !last) throw new Error(`${shot.page}: ${shot.from} or ${shot.to} is not on the page`);
  const top = Math.max(0, first.y - 12);
  const bottom = last.y + last.height + 12;
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: top, width: 960, height: bottom - top } });
}

async function main(): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), "referat-screenshots-"));
  try {
    const site = path.join(work, "_site");
    await buildTestSite({ contentDir: CONTENT, outDir: site });
    await mkdir(OUT, { recursive: true });
    const server = await startStaticServer(site);
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ deviceScaleFactor: 1, reducedMotion: "reduce" });
      for (const shot of SHOTS) {
        await shoot(page, server.url, shot);
        process.stdout.write(`docs/vejledning/${shot.file}\n`);
      }
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
