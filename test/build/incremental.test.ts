// An incremental build is byte for byte a cold build. Real builds of a small generated archive
// (scripts/bench/generate.ts), through the CLI: a cold build fills a cache; after each change, a
// build with that cache (B) and a cold build with an empty cache (C) must give the same files
// with the same bytes, and B must have taken pages from the render cache where the change allows.
// The builds run a copy of the project (its node_modules linked), so that the template change is
// a real change to a template file that no other test sees.
import { chmod, cp, mkdir, readdir, readFile, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateArchive } from "../../scripts/bench/generate.ts";
import { editKeepingSizeAndTimes, hashTree, ROOT, runNodeScript, tempDir, type CliResult } from "./helpers.ts";
import { IDENTITY_SETTLED_MS } from "../../src/content/cache.ts";

/** The project files a build runs from. */
const PROJECT_FILES = ["bin", "src", "templates", "eleventy.config.ts", "package.json", "package-lock.json", "tsconfig.json"];
/** A fixed build date: upcoming and past meetings are told apart by it. */
const SOURCE_DATE_EPOCH = String(Date.UTC(2025, 11, 1) / 1000);

let work: string;
let project: string;
let content: string;
/** The cache the incremental builds keep. */
let warmCache: string;
let runs = 0;
/** The site of the last incremental build. */
let lastWarm = "";

/**
 * At most 16 meetings in a search index part (src/search/parts.ts): the larger municipality
 * (16 meetings in 2024, 9 in 2025) gets its index in two parts, 2024 and the newest year, so that
 * the comparisons cover a split index, and a change to the newest year indexes only that part.
 */
const SEARCH_PART_SIZE = "16";

function build(cacheDir: string, out: string): Promise<CliResult> {
  return runNodeScript(
    "bin/referat.js",
    ["build", "--content", content, "--out", out, "--debug"],
    { REFERAT_CACHE_DIR: cacheDir, SOURCE_DATE_EPOCH, REFERAT_SEARCH_PART_SIZE: SEARCH_PART_SIZE },
    project,
  );
}

/** The search index's parts and those taken from its cache, from the `--debug` line "Søgeindeks: 3 dele, 2 genbrugt …". */
function searchCounts(result: CliResult): { parts: number; reused: number } {
  const match = /Søgeindeks: (\d+) dele?, (\d+) genbrugt/.exec(result.stdout);
  if (!match) throw new Error(`no search counts in:\n${result.stdout}\n${result.stderr}`);
  return { parts: Number(match[1]), reused: Number(match[2]) };
}

/** Meeting pages rendered and taken from the render cache, from the `--debug` line "Sider: 3 af 40 mødesider lavet, 37 genbrugt …". */
function pageCounts(result: CliResult): { rendered: number; reused: number } {
  const match = /Sider: ([\d.]+) af ([\d.]+) mødesider? lavet, ([\d.]+) genbrugt/.exec(result.stdout);
  if (!match) throw new Error(`no page counts in:\n${result.stdout}\n${result.stderr}`);
  const n = (s: string | undefined) => Number((s ?? "").replaceAll(".", ""));
  return { rendered: n(match[1]), reused: n(match[3]) };
}

/**
 * The other pages our templates make (list pages, search pages, the 404 page) rendered and taken
 * from the render cache, from the `--debug` line's "Andre sider: 6 af 20 lavet, 14 genbrugt."
 */
function otherCounts(result: CliResult): { rendered: number; reused: number } {
  const match = /Andre sider: ([\d.]+) af ([\d.]+) lavet, ([\d.]+) genbrugt/.exec(result.stdout);
  if (!match) throw new Error(`no counts of other pages in:\n${result.stdout}\n${result.stderr}`);
  const n = (s: string | undefined) => Number((s ?? "").replaceAll(".", ""));
  return { rendered: n(match[1]), reused: n(match[3]) };
}

/**
 * The open data of a build, from the `--debug` line "Åbne data: 1 af 40 møder lavet, 24 genbrugt
 * fra cachen i …; 17 af 71 datafiler skrevet, 54 genbrugt.": meetings whose parts were made and
 * read from the data cache, and data files written and linked whole from it.
 */
function dataCounts(result: CliResult): { made: number; reused: number; written: number; linked: number } {
  const match =
    /Åbne data: ([\d.]+) af ([\d.]+) møder? lavet, ([\d.]+) genbrugt fra cachen i .*; ([\d.]+) af ([\d.]+) datafiler? skrevet, ([\d.]+) genbrugt\./.exec(
      result.stdout,
    );
  if (!match) throw new Error(`no data counts in:\n${result.stdout}\n${result.stderr}`);
  const n = (s: string | undefined) => Number((s ?? "").replaceAll(".", ""));
  return { made: n(match[1]), reused: n(match[3]), written: n(match[4]), linked: n(match[6]) };
}

/** The data files of a site (src/data/urls.ts DATA_NAMES), and how many of them are never made of meetings' parts (feeds, the schema, robots.txt; no sitemaps without a base URL): those every build writes. */
async function dataFiles(site: string): Promise<{ all: number; alwaysWritten: number }> {
  const files = (await readdir(site, { recursive: true })).map(String);
  const isData = (f: string) => /(^|\/)(referat\.json|feed\.xml|kalender\.ics|robots\.txt|sitemap\.xml)$|(^|\/)data\/[^/]+$|^schema\/meeting\.json$/.test(f);
  const always = files.filter((f) => /(^|\/)(feed\.xml|robots\.txt)$|^schema\/meeting\.json$/.test(f));
  return { all: files.filter(isData).length, alwaysWritten: always.length };
}

/**
 * The data files a change to one meeting of a municipality writes again, besides those every build
 * writes: its referat.json, the municipality's three exports and calendar, the council's calendar,
 * and the site's three exports. Every other data file is linked from the cache.
 */
const FILES_OF_A_CHANGE = 1 + 3 + 1 + 1 + 3;

/** The meeting files of a municipality (the folder of `meeting`'s municipality). */
async function meetingsOfKommune(meeting: string): Promise<number> {
  const kommune = meeting.slice(content.length + 1).split("/")[0]!;
  return (await readdir(join(content, kommune), { recursive: true })).filter((f) => String(f).endsWith(".md")).length;
}

/** Asserts what a warm build did with the open data: parts made and read, and every data file either written (`extraWritten` beyond those always written) or linked. */
async function expectData(warm: CliResult, out: string, expected: { made: number; reused: number; extraWritten: number | "all" }): Promise<void> {
  const counts = dataCounts(warm);
  const files = await dataFiles(out);
  expect(counts.written + counts.linked).toBe(files.all);
  const written = expected.extraWritten === "all" ? files.all : files.alwaysWritten + expected.extraWritten;
  expect(counts).toEqual({ made: expected.made, reused: expected.reused, written, linked: files.all - written });
}

/** Builds with the kept cache (B) and with an empty one (C); both must succeed with the same files and bytes. */
async function warmEqualsCold(): Promise<{ warm: CliResult; out: string }> {
  runs++;
  const warmOut = join(work, `b${runs}`, "site");
  const coldOut = join(work, `c${runs}`, "site");
  const warm = await build(warmCache, warmOut);
  expect(warm.code, warm.stderr).toBe(0);
  const cold = await build(join(work, `empty-cache-${runs}`), coldOut);
  expect(cold.code, cold.stderr).toBe(0);
  const [b, c] = await Promise.all([hashTree(warmOut), hashTree(coldOut)]);
  expect(Object.keys(b).length).toBeGreaterThan(0);
  expect(b).toEqual(c);
  lastWarm = warmOut;
  return { warm, out: warmOut };
}

/** The meeting files of a council, oldest first (their names are their dates). */
async function meetingFiles(council: string): Promise<string[]> {
  const entries = await readdir(council, {
    recursive: true,
    withFileTypes: true,
  });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => join(e.parentPath, e.name))
    .sort((a, b) => (slugOf(a) < slugOf(b) ? -1 : 1));
}

/** A meeting file's slug: its name without `.md` (`2024-05-14`, `2024-05-14-2`). */
function slugOf(file: string): string {
  return file.split("/").at(-1)!.replace(/\.md$/, "");
}

/** The newest meeting of the first council that has no attachment folder (nothing links forward to the newest). */
/** The municipalities' folders of the archive under test, sorted. */
async function kommuneFolders(): Promise<string[]> {
  return (await readdir(content, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

async function newestPlainMeeting(): Promise<string> {
  for (const kommune of (await readdir(content, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()) {
    for (const council of (await readdir(join(content, kommune), { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort()) {
      const files = await meetingFiles(join(content, kommune, council));
      const newest = files.at(-1);
      if (newest && !(await readdir(join(newest, ".."))).includes(slugOf(newest))) return newest;
    }
  }
  throw new Error("no meeting without attachments");
}

beforeAll(async () => {
  work = await tempDir("incremental");
  project = join(work, "project");
  await mkdir(project);
  for (const name of PROJECT_FILES) await cp(join(ROOT, name), join(project, name), { recursive: true });
  await symlink(join(ROOT, "node_modules"), join(project, "node_modules"), "dir");
  content = join(work, "content");
  generateArchive({
    outDir: content,
    meetings: 40,
    kommuner: 2,
    firstYear: 2024,
    lastYear: 2025,
    seed: 7,
  });
  warmCache = join(work, "cache");
  const first = await build(warmCache, join(work, "a", "site"));
  expect(first.code, first.stderr).toBe(0);
  expect(pageCounts(first).reused).toBe(0);
  expect(otherCounts(first).reused).toBe(0);
  expect(dataCounts(first)).toMatchObject({ made: 40, reused: 0, linked: 0 });
}, 600_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

// Each test runs two real builds; a busy CI machine may need a few minutes for them (no timing is asserted).
describe("an incremental build gives the bytes of a cold build", { timeout: 600_000 }, () => {
  it("after nothing changed: every page comes from the cache", async () => {
    const { warm, out } = await warmEqualsCold();
    expect(pageCounts(warm)).toMatchObject({ rendered: 0, reused: 40 });
    expect(otherCounts(warm).rendered).toBe(0);
    // Every data file made of meetings' parts is linked from the cache: no part is even read.
    await expectData(warm, out, { made: 0, reused: 0, extraWritten: 0 });
    expect(searchCounts(warm)).toEqual({ parts: 3, reused: 3 });
  });

  it("after a meeting is edited: that page and its neighbours render, and the lists that show it; the rest come from the cache", async () => {
    const meeting = await newestPlainMeeting();
    const text = await readFile(meeting, "utf8");
    // A paragraph at the end of the first item's section.
    const item = text.indexOf("\n## ");
    const end = text.indexOf("\n## ", item + 1);
    const at = end === -1 ? text.length : end;
    await writeFile(meeting, `${text.slice(0, at)}\n\nEt nyt afsnit, skrevet efter mødet.\n${text.slice(at)}`);
    const { warm, out } = await warmEqualsCold();
    const counts = pageCounts(warm);
    expect(counts.rendered).toBeGreaterThanOrEqual(1);
    expect(counts.rendered).toBeLessThanOrEqual(3);
    // Its year, council and municipality pages, the front page, the site's search page and the
    // municipalities' search pages (one template makes them all, so both render).
    expect(otherCounts(warm).rendered).toBe(7);
    // The open data of a meeting depends on that meeting alone: its parts are made, and the files
    // it is part of are put together again from the parts of its municipality's other meetings.
    await expectData(warm, out, { made: 1, reused: (await meetingsOfKommune(meeting)) - 1, extraWritten: FILES_OF_A_CHANGE });
    const page = meeting.slice(content.length).replace(/\/\d{4}\/([^/]+)\.md$/, "/$1/index.html");
    expect(await readFile(join(out, page), "utf8")).toContain("Et nyt afsnit, skrevet efter mødet.");
    // The meeting is in its municipality's newest year: only that part of the index is made again.
    expect(searchCounts(warm)).toEqual({ parts: 3, reused: 2 });
  });

  it("after a meeting is added in the newest year: only the index part of that year is made again", async () => {
    const meeting = await newestPlainMeeting();
    const date = slugOf(meeting).slice(0, 10);
    const newDate = `${date.slice(0, 4)}-12-30`;
    expect(newDate > date).toBe(true);
    const added = join(meeting, "..", `${newDate}.md`);
    await writeFile(added, (await readFile(meeting, "utf8")).replaceAll(date, newDate));
    const { warm, out } = await warmEqualsCold();
    expect(searchCounts(warm)).toEqual({ parts: 3, reused: 2 });
    await expectData(warm, out, { made: 1, reused: (await meetingsOfKommune(meeting)) - 1, extraWritten: FILES_OF_A_CHANGE });
    // Gone again, so that the next tests start from the 40 meetings.
    await rm(added);
  });

  it("after a meeting is edited in place with its size and modification time kept (the loader reads it again)", async () => {
    const meeting = await newestPlainMeeting();
    // A build once the file's times are old enough for the loader to record its identity (src/content/cache.ts).
    await new Promise((resolve) => setTimeout(resolve, IDENTITY_SETTLED_MS + 100));
    expect((await build(warmCache, join(work, "settled", "site"))).code).toBe(0);
    await editKeepingSizeAndTimes(meeting, "\nEt nyt afsnit, skrevet efter mødet.\n", "\nEt nyt afsnit, skrevet under mødet.\n");
    const { out } = await warmEqualsCold();
    const page = meeting.slice(content.length).replace(/\/\d{4}\/([^/]+)\.md$/, "/$1/index.html");
    expect(await readFile(join(out, page), "utf8")).toContain("Et nyt afsnit, skrevet under mødet.");
  });

  it("after a meeting is added", async () => {
    const meeting = await newestPlainMeeting();
    const date = slugOf(meeting).slice(0, 10);
    const year = String(Number(date.slice(0, 4)) + 1);
    const newDate = `${year}-01-15`;
    await mkdir(join(meeting, "..", "..", year), { recursive: true });
    const text = (await readFile(meeting, "utf8")).replaceAll(date, newDate);
    await writeFile(join(meeting, "..", "..", year, `${newDate}.md`), text);
    const { warm, out } = await warmEqualsCold();
    expect(pageCounts(warm).reused).toBeGreaterThan(30);
    // Its new year page and the year before it (which links to it), its council and municipality
    // pages, the front page, the site's and both municipalities' search pages.
    expect(otherCounts(warm).rendered).toBe(8);
    await expectData(warm, out, { made: 1, reused: (await meetingsOfKommune(meeting)) - 1, extraWritten: FILES_OF_A_CHANGE });
  });

  it("after a meeting is removed", async () => {
    // The meeting the test before added: the content is again what an earlier build saw, whose
    // pages the cache still holds.
    await rm(await newestPlainMeeting());
    const { warm, out } = await warmEqualsCold();
    expect(pageCounts(warm).reused).toBeGreaterThan(30);
    expect(otherCounts(warm).rendered).toBe(0);
    // Likewise every data file of that content: linked, no part read.
    await expectData(warm, out, { made: 0, reused: 0, extraWritten: 0 });
  });

  it("after a meeting file is renamed (the meeting gets a new address)", async () => {
    const meeting = await newestPlainMeeting();
    await rename(meeting, meeting.replace(/\.md$/, "-2.md"));
    const { warm, out } = await warmEqualsCold();
    expect(pageCounts(warm).reused).toBeGreaterThan(30);
    // As after an edit: its year, council and municipality pages, the front page, the search pages.
    expect(otherCounts(warm).rendered).toBe(7);
    await expectData(warm, out, { made: 1, reused: (await meetingsOfKommune(meeting)) - 1, extraWritten: FILES_OF_A_CHANGE });
  });

  it("after a template changes: every page renders again", async () => {
    const template = join(project, "templates", "meeting.11ty.tsx");
    const text = await readFile(template, "utf8");
    expect(text).toContain("Andre møder i ");
    await writeFile(template, text.replace("Andre møder i ", "Flere møder i "));
    const { warm, out } = await warmEqualsCold();
    expect(pageCounts(warm).reused).toBe(0);
    expect(otherCounts(warm).reused).toBe(0);
    // The code version is in every key: the open data is made again too, and every data file written.
    await expectData(warm, out, { made: 40, reused: 0, extraWritten: "all" });
    const pages = (await readdir(out, { recursive: true })).filter((f) => /\d{4}-\d\d-\d\d(-\d)?\/index\.html$/.test(f));
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages.slice(0, 5)) expect(await readFile(join(out, page), "utf8")).not.toContain("Andre møder i ");
  });

  it("after a kommune.yaml changes: that municipality's pages render again, the other's come from the cache", async () => {
    const kommuner = await kommuneFolders();
    const file = join(content, kommuner[0]!, "kommune.yaml");
    const text = await readFile(file, "utf8");
    expect(text).toMatch(/hours: ".*"/);
    await writeFile(file, text.replace(/hours: ".*"/, 'hours: "Mandag–torsdag 9–15"'));
    const { warm, out } = await warmEqualsCold();
    const counts = pageCounts(warm);
    expect(counts.rendered).toBeGreaterThan(0);
    expect(counts.reused).toBeGreaterThan(0);
    // The other municipality's list pages and search page come from the cache; the pages that name
    // every municipality (front page, site search, 404) render again with the changed one's.
    const others = otherCounts(warm);
    expect(others.rendered).toBeGreaterThan(3);
    expect(others.reused).toBeGreaterThan(0);
    // The office hours are on the pages, not in the open data: every data file is linked.
    await expectData(warm, out, { made: 0, reused: 0, extraWritten: 0 });
  });

  it("after a kommune.yaml changes what the open data says (its name): that municipality's data files are written again, the other's linked", async () => {
    const kommuner = await kommuneFolders();
    const file = join(content, kommuner[1]!, "kommune.yaml");
    const text = await readFile(file, "utf8");
    expect(text).toMatch(/^name: .+$/m);
    await writeFile(file, text.replace(/^name: (.+)$/m, "name: $1 og Omegn"));
    const { warm, out } = await warmEqualsCold();
    const meetings = (await readdir(join(content, kommuner[1]!), { recursive: true })).filter((f) => String(f).endsWith(".md")).length;
    const calendars = (await readdir(join(out, kommuner[1]!), { recursive: true })).filter((f) => String(f).endsWith("kalender.ics")).length;
    // Every meeting of the municipality: made again; its referat.json files, exports, calendars and
    // the site's exports written; the other municipality's files linked.
    const counts = dataCounts(warm);
    expect(counts).toMatchObject({ made: meetings, reused: 0 });
    const files = await dataFiles(out);
    expect(counts.written).toBe(files.alwaysWritten + meetings + 3 + calendars + 3);
    expect(counts.linked).toBe(files.all - counts.written);
  });

  it("a cache entry changed or replaced behind the build's back is not used", async () => {
    // The entries of two pages the last build took from the cache: the same files, hard-linked.
    const pages = join(warmCache, "pages");
    const entryOf = new Map<number, string>();
    for (const shard of (await readdir(pages)).filter((name) => /^[0-9a-f]{2}$/.test(name))) {
      for (const name of await readdir(join(pages, shard))) {
        if (name.endsWith(".html")) entryOf.set((await stat(join(pages, shard, name))).ino, join(pages, shard, name));
      }
    }
    const used: string[] = [];
    for (const file of (await readdir(lastWarm, { recursive: true })).filter((f) => /\d{4}-\d\d-\d\d(-\d)?\/index\.html$/.test(f)).sort()) {
      const entry = entryOf.get((await stat(join(lastWarm, file))).ino);
      if (entry) used.push(entry);
    }
    expect(used.length).toBeGreaterThan(2);
    const [inPlace, replaced] = used;
    // One changed in place (the owner may; nobody else can), one replaced by another file.
    await chmod(inPlace!, 0o644);
    const original = await readFile(inPlace!, "utf8");
    await writeFile(inPlace!, original.replace("<main", "<p>FORFALSKET</p><main"));
    await chmod(inPlace!, 0o444);
    const forged = (await readFile(replaced!, "utf8")).replace("<main", "<p>FORFALSKET</p><main");
    await rm(replaced!);
    await writeFile(replaced!, forged, { mode: 0o444 });
    const { warm, out } = await warmEqualsCold();
    expect(pageCounts(warm).rendered).toBe(2);
    for (const file of (await readdir(out, { recursive: true })).filter((f) => f.endsWith(".html"))) {
      expect(await readFile(join(out, file), "utf8")).not.toContain("FORFALSKET");
    }
  });

  it("a data file in the cache changed behind the build's back is not used: it is written again from its meeting's parts", async () => {
    // The cache's copy of a referat.json the last build linked: the same file, hard-linked.
    const files = join(warmCache, "data", "files");
    const entryOf = new Map<number, string>();
    for (const shard of (await readdir(files)).filter((name) => /^[0-9a-f]{2}$/.test(name))) {
      for (const name of await readdir(join(files, shard))) entryOf.set((await stat(join(files, shard, name))).ino, join(files, shard, name));
    }
    const record = (await readdir(lastWarm, { recursive: true })).map(String).find((f) => f.endsWith("referat.json"))!;
    const entry = entryOf.get((await stat(join(lastWarm, record))).ino);
    expect(entry).toBeDefined();
    await chmod(entry!, 0o644);
    const original = await readFile(entry!, "utf8");
    await writeFile(
      entry!,
      original.replace(/"name": "([^"]+)"/, (_m, name: string) => `"name": "${"X".repeat(name.length)}"`),
    );
    await chmod(entry!, 0o444);
    const { warm, out } = await warmEqualsCold();
    await expectData(warm, out, { made: 0, reused: 1, extraWritten: 1 });
    expect(await readFile(join(out, record), "utf8")).not.toMatch(/"name": ?"XXXX/);
  });

  it("a meeting's parts in the data cache changed behind the build's back are not used", async () => {
    const data = join(warmCache, "data");
    const kommune = (await readdir(content, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort()[0]!;
    // A place name in the parts of every meeting of one municipality replaced, their seals kept: the seals no longer fit.
    let forged = 0;
    for (const shard of (await readdir(data)).filter((name) => /^[0-9a-f]{2}$/.test(name))) {
      for (const name of await readdir(join(data, shard))) {
        const entry = join(data, shard, name);
        const text = await readFile(entry, "utf8");
        if (!text.includes(`"/${kommune}/`)) continue;
        const body = text.slice(text.indexOf("\n") + 1);
        await writeFile(
          entry,
          text.slice(0, text.indexOf("\n") + 1) + body.replace(/"name": "([^"]+)"/, (_m, n: string) => `"name": "${"X".repeat(n.length)}"`),
        );
        forged++;
      }
    }
    expect(forged).toBeGreaterThan(0);
    // Without the data files kept whole, every file is put together from the meetings' parts.
    await rm(join(data, "files"), { recursive: true, force: true });
    const { warm, out } = await warmEqualsCold();
    const meetings = (await readdir(join(content, kommune), { recursive: true })).filter((f) => String(f).endsWith(".md")).length;
    const all = (await readdir(content, { recursive: true })).filter((f) => String(f).endsWith(".md")).length;
    await expectData(warm, out, { made: meetings, reused: all - meetings, extraWritten: "all" });
    for (const file of (await readdir(out, { recursive: true })).map(String).filter((f) => f.endsWith(".json") || f.endsWith(".ndjson"))) {
      expect(await readFile(join(out, file), "utf8")).not.toMatch(/"name": ?"XXXX/);
    }
  });
});
