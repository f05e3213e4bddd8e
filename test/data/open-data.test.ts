// The open data, read back as their users' tools read them: referat.json against the published
// JSON Schema (ajv), the exports with a CSV parser, the feeds with an XML parser, the calendars
// with ical.js, the sitemaps against the built pages.
import { cp, readFile, writeFile, access } from "node:fs/promises";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse as parseCsv } from "csv-parse/sync";
import { XMLParser } from "fast-xml-parser";
import ICAL from "ical.js";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_CONTENT, listFiles, readPage, runCli, tempDir } from "../build/helpers.ts";
import { ITEM_COLUMNS, MEETING_COLUMNS } from "../../src/data/exports.ts";

const EPOCH = 1_767_225_600; // 2026-01-01T00:00:00Z
const ORIGIN = "https://referater.example.dk";
let site: string;
let content: string;

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["entry", "link", "url", "sitemap"].includes(name) });

async function readJson(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(join(site, path), "utf8")) as Record<string, unknown>;
}

beforeAll(async () => {
  const work = await tempDir("open-data");
  content = join(work, "content");
  await cp(FIXTURE_CONTENT, content, { recursive: true });
  // Attendance is opt-in per council.
  const kommuneFile = join(content, "gladsaxe/kommune.yaml");
  const yaml = await readFile(kommuneFile, "utf8");
  await writeFile(
    kommuneFile,
    yaml
      .replace("    name: Udsatterådet\n", "    name: Udsatterådet\n    attendance: true\n")
      .replace("look:", "license:\n  name: CC BY 4.0\n  url: https://creativecommons.org/licenses/by/4.0/\nlook:"),
  );
  site = join(work, "site");
  const result = await runCli(["build", "--content", content, "--out", site, "--base-url", `${ORIGIN}/referater/`], { SOURCE_DATE_EPOCH: String(EPOCH) });
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
});

describe("referat.json", () => {
  it("validates every meeting's record against the published schema with ajv", async () => {
    const schema = await readJson("schema/meeting.json");
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    const records = (await listFiles(site)).filter((file) => file.endsWith("/referat.json"));
    expect(records.length).toBe(4);
    for (const file of records) {
      const record = await readJson(file);
      expect(validate(record), `${file}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    expect(schema.$id).toBe(`${ORIGIN}/referater/schema/meeting.json`);
  });

  it("reduces a closed item to number, title and public decision, and gives attachments their address, size and checksum", async () => {
    const record = await readJson("gladsaxe/udsatteraadet/2023-09-06/referat.json");
    const items = record.agendaItem as Record<string, unknown>[];
    const closed = items.find((item) => item.public === false)!;
    expect(Object.keys(closed).sort()).toEqual(
      ["id", "name", "number", "order", "public", "type", ...(closed.resolutionText ? ["resolutionText"] : [])].sort(),
    );
    const withFile = items.find((item) => Array.isArray(item.auxiliaryFile) && (item.auxiliaryFile as unknown[]).length > 0)!;
    const file = (withFile.auxiliaryFile as Record<string, unknown>[])[0]!;
    const bytes = await readFile(join(content, "gladsaxe/udsatteraadet/2023/2023-09-06", file.fileName as string));
    const { createHash } = await import("node:crypto");
    expect(file).toMatchObject({
      size: bytes.length,
      sha256Checksum: createHash("sha256").update(bytes).digest("hex"),
      accessUrl: `${ORIGIN}/referater/gladsaxe/udsatteraadet/2023-09-06/${file.fileName as string}`,
    });
    expect(record.start).toBe("2023-09-06T16:00:00+02:00");
    expect(record.license).toBe("CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)");
  });
});

describe("exports", () => {
  it("holds every meeting's record as one NDJSON line each, newest first", async () => {
    const lines = (await readFile(join(site, "gladsaxe/data/moeder.ndjson"), "utf8")).trimEnd().split("\n");
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.map((r) => r.date)).toEqual(["2023-11-01", "2023-09-06", "2022-11-21"]);
    for (const record of records) {
      const path = new URL(record.id as string).pathname.replace("/referater/", "");
      expect(record).toEqual(await readJson(path));
    }
  });

  it("writes CSV that Danish Excel opens: a byte-order mark, semicolons, CRLF, the documented columns, one row per item", async () => {
    const text = await readFile(join(site, "data/punkter.csv"), "utf8");
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text).toContain("\r\n");
    const rows = parseCsv(text.slice(1), { delimiter: ";" });
    expect(rows[0]).toEqual([...ITEM_COLUMNS]);
    const ndjson = (await readFile(join(site, "data/moeder.ndjson"), "utf8"))
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l) as { agendaItem: unknown[] });
    expect(rows.length - 1).toBe(ndjson.reduce((n, r) => n + r.agendaItem.length, 0));
    const meetings = parseCsv((await readFile(join(site, "data/moeder.csv"), "utf8")).slice(1), { delimiter: ";" });
    expect(meetings[0]).toEqual([...MEETING_COLUMNS]);
    expect(meetings.length - 1).toBe(ndjson.length);
  });
});

describe("feeds", () => {
  it("are Atom with the required fields, stable ids and newest entries first, and are announced on the pages", async () => {
    const feed = xml.parse(await readFile(join(site, "gladsaxe/udsatteraadet/feed.xml"), "utf8")).feed;
    expect(feed["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(feed.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(feed.title).toBe("Udsatterådet, Gladsaxe Kommune: dagsordener og referater");
    expect(feed.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const entries = feed.entry as Record<string, unknown>[];
    expect(entries.length).toBe(3);
    const links = entries.map((e) => (e.link as Record<string, string>[])[0]!["@href"]);
    expect(links).toEqual([
      `${ORIGIN}/referater/gladsaxe/udsatteraadet/2023-11-01/`,
      `${ORIGIN}/referater/gladsaxe/udsatteraadet/2023-09-06/`,
      `${ORIGIN}/referater/gladsaxe/udsatteraadet/2022-11-21/`,
    ]);
    for (const entry of entries) {
      expect(entry.id).toMatch(/^urn:uuid:/);
      expect(entry.title).toBeTruthy();
      expect(entry.updated).toMatch(/Z$/);
    }
    const page = await readPage(site, "gladsaxe/udsatteraadet/2023-09-06");
    expect(page).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Udsatterådet, Gladsaxe Kommune: nye dagsordener og referater" href="/referater/gladsaxe/udsatteraadet/feed.xml"/>',
    );
  });

  it("keep an entry's id when the meeting is corrected", async () => {
    const before = xml.parse(await readFile(join(site, "gladsaxe/udsatteraadet/feed.xml"), "utf8")).feed.entry as Record<string, unknown>[];
    const file = join(content, "gladsaxe/udsatteraadet/2023/2023-09-06.md");
    const text = await readFile(file, "utf8");
    await writeFile(
      file,
      text.replace(
        "    text: Gitte Aagaards titel er rettet.",
        "    text: Gitte Aagaards titel er rettet.\n  - date: 2023-10-06\n    text: Endnu en rettelse.",
      ),
    );
    const again = join(site, "..", "site-2");
    const result = await runCli(["build", "--content", content, "--out", again, "--base-url", `${ORIGIN}/referater/`], { SOURCE_DATE_EPOCH: String(EPOCH) });
    await writeFile(file, text);
    expect(result.code).toBe(0);
    const after = xml.parse(await readFile(join(again, "gladsaxe/udsatteraadet/feed.xml"), "utf8")).feed.entry as Record<string, unknown>[];
    expect(after.map((e) => e.id)).toEqual(before.map((e) => e.id));
  });
});

describe("calendars", () => {
  it("parse with ical.js, define Europe/Copenhagen and put each meeting at its local time", async () => {
    const text = await readFile(join(site, "gladsaxe/udsatteraadet/kalender.ics"), "utf8");
    const calendar = new ICAL.Component(ICAL.parse(text));
    const zone = calendar.getFirstSubcomponent("vtimezone");
    expect(zone?.getFirstPropertyValue("tzid")).toBe("Europe/Copenhagen");
    ICAL.TimezoneService.register(zone!);
    const events = calendar.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
    const september = events.find((e) => e.uid === "gladsaxe-udsatteraadet-2023-09-06@referatarkiv")!;
    expect(september.startDate.toJSDate().toISOString()).toBe("2023-09-06T14:00:00.000Z");
    expect(september.endDate.toJSDate().toISOString()).toBe("2023-09-06T16:00:00.000Z");
    expect(september.startDate.zone.tzid).toBe("Europe/Copenhagen");
    expect(september.summary).toBe("Møde i Udsatterådet");
    for (const event of events) expect(event.component.getFirstPropertyValue("dtstamp")?.toString()).toMatch(/Z$/);
    const council = await readPage(site, "gladsaxe/udsatteraadet");
    expect(council).toContain(`href="webcal://referater.example.dk/referater/gladsaxe/udsatteraadet/kalender.ics"`);
  });
});

describe("sitemaps and canonical addresses", () => {
  it("list only pages that were built, and robots.txt names the sitemap", async () => {
    const index = xml.parse(await readFile(join(site, "sitemap.xml"), "utf8")).sitemapindex;
    const maps = (index.sitemap as { loc: string }[]).map((s) => s.loc);
    expect(maps).toContain(`${ORIGIN}/referater/gladsaxe/sitemap.xml`);
    let pages = 0;
    for (const map of maps) {
      const set = xml.parse(await readFile(join(site, new URL(map).pathname.replace("/referater/", "")), "utf8")).urlset;
      for (const url of set.url as { loc: string }[]) {
        expect(url.loc.startsWith(`${ORIGIN}/referater/`)).toBe(true);
        await access(join(site, new URL(url.loc).pathname.replace("/referater/", ""), "index.html"));
        pages++;
      }
    }
    expect(pages).toBeGreaterThan(5);
    expect(await readFile(join(site, "robots.txt"), "utf8")).toContain(`Sitemap: ${ORIGIN}/referater/sitemap.xml`);
    const page = await readPage(site, "gladsaxe/udsatteraadet/2023-09-06");
    expect(page).toContain(`<link rel="canonical" href="${ORIGIN}/referater/gladsaxe/udsatteraadet/2023-09-06/"/>`);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!) as Record<string, unknown>;
    expect(ld).toMatchObject({ "@type": "Event", startDate: "2023-09-06T16:00:00+02:00", url: `${ORIGIN}/referater/gladsaxe/udsatteraadet/2023-09-06/` });
  });
});

describe("follow-up, history and attendance on the pages", () => {
  it("shows 'Fulgt op' on the earlier item, linking the later one", async () => {
    const earlier = await readPage(site, "gladsaxe/udsatteraadet/2022-11-21");
    expect(earlier).toMatch(
      /<p class="followed-up">Fulgt op: <a href="\/referater\/gladsaxe\/udsatteraadet\/2023-09-06\/#punkt-4">[^<]*Opfølgning på socialtandpleje<\/a><\/p>/,
    );
  });

  it("dates publication and change by SOURCE_DATE_EPOCH outside git", async () => {
    const record = await readJson("gladsaxe/udsatteraadet/2023-09-06/referat.json");
    expect(record.created).toBe("2026-01-01T01:00:00+01:00");
    expect(record.modified).toBe("2026-01-01T01:00:00+01:00");
    const page = await readPage(site, "gladsaxe/udsatteraadet/2023-09-06");
    expect(page).toContain('Offentliggjort i arkivet <time datetime="2026-01-01T01:00:00+01:00">1. januar 2026</time>');
  });

  it("counts the standing members' attendance when the council opts in", async () => {
    const page = await readPage(site, "gladsaxe/udsatteraadet");
    expect(page).toContain('<h2 id="fremmoede">Fremmøde</h2>');
    const other = await readPage(site, "eksempelby/aeldreraadet");
    expect(other).not.toContain("Fremmøde");
  });
});
