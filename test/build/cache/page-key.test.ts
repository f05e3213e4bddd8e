// The render cache's keys on the fixture archive: a changed meeting changes the keys of the pages
// that show it (its own, its year, council and municipality pages, the front page, the search
// pages) and of no other page; with a web team's code on our pages, every key follows the whole
// archive.
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSiteData, type SiteData } from "../../../src/eleventy/data.ts";
import { replacesOurs } from "../../../src/eleventy/site-templates.ts";
import { loadStage } from "../../../src/build/stages.ts";
import { meetingPageKey, otherPageKeys, siteContextKey } from "../../../src/build/cache/page-key.ts";
import type { Archive, Meeting } from "../../../src/minutes/model.ts";
import { FIXTURE_CONTENT, ROOT, tempDir } from "../helpers.ts";

const TODAY = "2025-12-01";
let archive: Archive;
let work: string;

beforeAll(async () => {
  const loaded = await loadStage(FIXTURE_CONTENT, undefined, { cacheDir: false });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  archive = loaded.archive;
  work = await tempDir("page-key");
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** The archive with one meeting replaced by a copy whose first item's text has a new paragraph (as serve puts a new meeting in the old one's place). */
function withEditedMeeting(original: Archive): { archive: Archive; meeting: Meeting } {
  const kommune = original.kommuner.find((k) => k.slug === "gladsaxe")!;
  const council = kommune.councils[0]!;
  const old = council.meetings[0]!;
  const meeting: Meeting = { ...old, items: old.items.map((item, i) => (i === 0 ? { ...item, body: `${item.body}\n\nEt nyt afsnit.` } : item)) };
  const edited = { ...council, meetings: council.meetings.map((m) => (m === old ? meeting : m)) };
  const kommuner = original.kommuner.map((k) => (k === kommune ? { ...k, councils: k.councils.map((c) => (c === council ? edited : c)) } : k));
  return { archive: { ...original, kommuner }, meeting };
}

/** Every page's key by its address. */
function keys(site: SiteData, wholeArchive = false): Map<string, string> {
  const context = siteContextKey(site, "code", wholeArchive);
  const all = new Map<string, string>();
  for (const page of site.meetingPages) all.set(page.url, meetingPageKey(site, page, context));
  const { lists, fixed } = otherPageKeys(site, context);
  for (const [page, key] of lists) all.set(page.url, key);
  for (const page of fixed) all.set(page.output, page.key);
  return all;
}

function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  return [...after.keys()].filter((address) => after.get(address) !== before.get(address)).sort();
}

describe("the render cache's keys", () => {
  it("change for the pages that show an edited meeting, and for no other", () => {
    const site = createSiteData(archive, { today: TODAY });
    const before = keys(site);
    const { archive: edited, meeting } = withEditedMeeting(archive);
    const after = keys(createSiteData(edited, { today: TODAY }));
    // The meeting before it shows it in its "Næste møde" box (the meeting after it links to it by
    // its title and date only, which did not change).
    const previous = site.meetingPages.find((page) => page.following?.url === meeting.url);
    expect(previous).toBeDefined();
    const council = `/gladsaxe/${meeting.raad}/`;
    expect(changed(before, after)).toEqual(
      ["/", "/gladsaxe/", council, `${council}${meeting.year}/`, meeting.url, previous!.url, "soeg/index.html", "soeg/gladsaxe/index.html"].sort(),
    );
  });

  it("of every page follow the whole archive when a web team's code runs on our pages", () => {
    const site = createSiteData(archive, { today: TODAY });
    const after = keys(createSiteData(withEditedMeeting(archive).archive, { today: TODAY }), true);
    const before = keys(site, true);
    expect(changed(before, after)).toEqual([...before.keys()].sort());
  });

  it("follow the whole archive only for a web team's folder that replaces a file of ours", async () => {
    expect(await replacesOurs(join(ROOT, "examples/web-team"))).toBe(true);
    const added = join(work, "only-pages");
    await mkdir(added, { recursive: true });
    await writeFile(join(added, "om.md"), "# Om arkivet\n");
    expect(await replacesOurs(added)).toBe(false);
    const footer = join(work, "footer");
    await cp(added, footer, { recursive: true });
    await mkdir(join(footer, "_components"), { recursive: true });
    await writeFile(join(footer, "_components", "footer.tsx"), "export function Footer() { return null; }\n");
    expect(await replacesOurs(footer)).toBe(true);
  });
});
