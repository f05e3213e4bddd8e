// The example archive in content/ is the first thing a newcomer sees: five real meetings of
// Udsatterådet, cleaned from web scrapes, an OCR'd PDF and a Word export. This test keeps it clean:
// it loads without a single problem, holds the five meetings as they should be, and carries no
// trace of the seeds' site chrome or OCR damage.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadArchive } from "../../src/content/load.ts";
import type { Meeting } from "../../src/minutes/model.ts";

const contentDir = fileURLToPath(new URL("../../content/", import.meta.url));

/** The five meetings: where they lie and what the loader must find in them. */
const MEETINGS = [
  { kommune: "albertslund", raad: "udsatteraadet", date: "2019-04-01", items: 8 },
  { kommune: "roskilde", raad: "udsatteraadet", date: "2021-01-20", items: 8 },
  { kommune: "odense", raad: "raadet-for-socialt-udsatte", date: "2021-11-23", items: 8 },
  { kommune: "gladsaxe", raad: "udsatteraadet", date: "2023-09-06", items: 5 },
  { kommune: "aalborg", raad: "udsatteraadet", date: "2025-03-12", items: 8 },
] as const;

/** Text from the seeds' web pages and Word export that must never reach the archive. */
const CHROME = [
  "Skip til hoved",
  "Spring til indhold",
  "Få teksten læst op",
  "bookmark",
  "_GoBack",
  "Ring til os",
  "Skriv til os",
  "Genveje",
  "Hjem Politik Byråd",
];

/** Marks of the broken OCR of Roskilde's PDF (æ, ø, å read as other letters). */
const OCR_DAMAGE = [
  "Ré&det",
  "Réadet",
  "mgde",
  "radet ",
  "Udsatteradet",
  "sekretzer",
  "Lgvschall",
  "Netveerk",
  "omradeleder",
  "bgd ",
  "eendring",
  "draftes",
  "Drogftelse",
  "spgrg",
  "| arbejdet",
  "p& ",
  "s&fremt",
  "rAdighed",
  "kI-1630",
  "%20punkt",
  "ordingere",
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const textFiles = filesUnder(contentDir).filter((file) => /\.(md|ya?ml|svg)$/.test(file));

describe("the example archive", () => {
  it("has the five meetings and their municipalities where the layout says", () => {
    for (const m of MEETINGS) {
      const year = m.date.slice(0, 4);
      expect(existsSync(join(contentDir, m.kommune, "kommune.yaml")), m.kommune).toBe(true);
      expect(existsSync(join(contentDir, m.kommune, m.raad, year, `${m.date}.md`)), m.date).toBe(true);
    }
    const meetingFiles = filesUnder(contentDir).filter((file) => file.endsWith(".md"));
    expect(meetingFiles).toHaveLength(MEETINGS.length);
  });

  it.each(CHROME)("carries no site chrome from the seeds: %s", (marker) => {
    const found = textFiles.filter((file) => readFileSync(file, "utf8").includes(marker));
    expect(found.map((file) => relative(contentDir, file))).toEqual([]);
  });

  it.each(OCR_DAMAGE)("carries no OCR damage: %s", (marker) => {
    const found = textFiles.filter((file) => readFileSync(file, "utf8").includes(marker));
    expect(found.map((file) => relative(contentDir, file))).toEqual([]);
  });

  it("holds no number that looks like a CPR number", () => {
    const cprLike = /(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}[- ]?\d{4}(?!\d)/;
    const found = textFiles.filter((file) => cprLike.test(readFileSync(file, "utf8")));
    expect(found.map((file) => relative(contentDir, file))).toEqual([]);
  });

  it("has no placeholder attachments: the sources' attachments are not in them, so none is published", () => {
    const published = filesUnder(contentDir).filter((file) => /\/\d{4}-\d{2}-\d{2}\/[^/]+$/.test(file) && !file.endsWith("/original.txt"));
    expect(published.map((file) => relative(contentDir, file))).toEqual([]);
  });

  it("keeps each logo a small neutral mark with a title", () => {
    for (const kommune of new Set(MEETINGS.map((m) => m.kommune))) {
      const file = join(contentDir, kommune, "logo.svg");
      const svg = readFileSync(file, "utf8");
      expect(statSync(file).size, kommune).toBeLessThan(1024);
      expect(svg).toMatch(/<title>[^<]+ Kommune<\/title>/);
    }
  });
});

describe("the example archive, loaded", () => {
  const load = () => loadArchive(contentDir);

  it("loads with no problems and holds the five meetings", async () => {
    const { archive, problems } = await load();
    expect(problems).toEqual([]);

    // In Danish order of their names: "Aalborg" as "Ålborg", after z.
    expect(archive.kommuner.map((k) => k.slug)).toEqual([
      "albertslund",
      "gladsaxe",
      "odense",
      "roskilde",
      "aalborg",
    ]);
    const meetings: Meeting[] = archive.kommuner.flatMap((k) => k.councils.flatMap((c) => c.meetings));
    expect(meetings).toHaveLength(MEETINGS.length);
    for (const expected of MEETINGS) {
      const meeting = meetings.find((m) => m.kommune === expected.kommune && m.date === expected.date);
      expect(meeting, `${expected.kommune} ${expected.date}`).toBeDefined();
      expect(meeting?.raad).toBe(expected.raad);
      expect(meeting?.url).toBe(`/${expected.kommune}/${expected.raad}/${expected.date}/`);
      expect(meeting?.status).toBe("referat");
      expect(meeting?.items).toHaveLength(expected.items);
      expect(meeting?.items.map((item) => item.number)).toEqual(
        Array.from({ length: expected.items }, (_, i) => i + 1),
      );
      expect(meeting?.items.every((item) => !item.closed && item.body.trim() !== "")).toBe(true);
      expect(meeting?.importedFrom?.format).toBeTruthy();
    }
  });

  it("carries the facts the seeds hold in their fields", async () => {
    const { archive } = await load();
    const meeting = (kommune: string) => {
      const found = archive.kommuner.find((k) => k.slug === kommune)?.councils[0]?.meetings[0];
      if (!found) throw new Error(`no meeting for ${kommune}`);
      return found;
    };

    const roskilde = meeting("roskilde");
    expect([roskilde.start, roskilde.end, roskilde.online]).toEqual(["16:00", "18:00", "Zoom"]);
    expect(roskilde.minuteTaker?.name).toBe("Iben Borup Løvschall");
    expect(roskilde.items.map((item) => item.duration)).toEqual([10, 30, 5, 30, 10, 10, 5, 10]);
    expect(roskilde.items[0]?.presenters.map((p) => p.name)).toEqual(["Gitte Dueholm"]);
    expect(roskilde.items[5]?.presenters.map((p) => p.name)).toEqual(["Henning Bentzen", "Danny Pedersen"]);

    const odense = meeting("odense");
    expect(odense.raad).toBe("raadet-for-socialt-udsatte");
    expect([odense.start, odense.end]).toEqual(["15:00", "18:00"]);
    expect(odense.guests.map((g) => [g.name, g.presentFor])).toEqual([
      ["Brian Dybro", [1]],
      ["Henriette Andersen", [4]],
    ]);

    const gladsaxe = meeting("gladsaxe");
    expect(gladsaxe.start).toBeUndefined();
    expect(gladsaxe.nextMeeting).toMatchObject({ date: "2023-11-21", start: "14:00", end: "16:00" });
    expect(gladsaxe.items[1]?.attachments).toEqual([]);
    expect(gladsaxe.items[1]?.unpublishedAttachments).toEqual([{ title: "Slides" }]);
    expect(gladsaxe.attendees.map((a) => a.name)).toEqual(["Mette Andersen", "Kenneth Bjeverskov", "Mette Jensen", "Søren Hvid Karsten", "Lise Meldgaard"]);

    const albertslund = meeting("albertslund");
    expect(albertslund.absentees).toHaveLength(4);
    expect(albertslund.minuteTaker?.name).toBe("Carina Kofoed");
    expect(albertslund.guests.map((g) => g.name)).toEqual(["Lisbeth Andersen"]);
    expect(albertslund.items[2]?.unpublishedAttachments).toEqual([{ title: "Udkast til Udsatterådets årsberetning 2018" }]);

    const aalborg = meeting("aalborg");
    expect(aalborg.items.every((item) => item.kind === "beslutning" && item.editorial.join() === "title")).toBe(true);
    expect(aalborg.venue).toBeUndefined();
    expect(aalborg.attendees).toEqual([{ name: "To rådsmedlemmer", role: "navnene står ikke i referatet" }]);
  });
});

/** Lowercase words of a text, with punctuation and spacing folded away. */
function normalise(text: string): string {
  return text
    .toLocaleLowerCase("da")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The smallest edit distance between `needle` and any stretch of `haystack` (Sellers' algorithm). */
function nearestDistance(needle: string, haystack: string): number {
  let previous = new Array<number>(haystack.length + 1).fill(0);
  for (let i = 1; i <= needle.length; i++) {
    const current = [i];
    for (let j = 1; j <= haystack.length; j++) {
      const cost = needle[i - 1] === haystack[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
    }
    previous = current;
  }
  return Math.min(...previous);
}

/**
 * Whether the source says `text`: word for word (punctuation and case aside), or, for a source read
 * by OCR, within one wrong letter in five (the OCR's "Ngdovernatning" is "Nødovernatning").
 */
function sourceSays(source: string, text: string, ocr: boolean): boolean {
  const needle = normalise(text);
  const haystack = normalise(source);
  if (haystack.includes(needle)) return true;
  return ocr && nearestDistance(needle, haystack) <= Math.floor(needle.length / 5);
}

describe("the example archive says only what its sources say", () => {
  it.each(MEETINGS.map((m) => [`${m.kommune} ${m.date}`, m] as const))("%s: its original is published beside it, and every item title and attachment not marked as the editor's is in it", async (_name, expected) => {
    const { archive } = await loadArchive(contentDir);
    const meeting = archive.kommuner.find((k) => k.slug === expected.kommune)?.councils[0]?.meetings.find((m) => m.date === expected.date);
    const original = meeting?.importedFrom?.original;
    expect(original?.file).toBe("original.txt");
    const source = readFileSync(original?.sourcePath ?? "", "utf8");
    const ocr = /OCR/.test(meeting?.importedFrom?.format ?? "");
    const missing: string[] = [];
    for (const item of meeting?.items ?? []) {
      if (!item.editorial.includes("title") && !sourceSays(source, item.title, ocr)) missing.push(`punkt ${item.number}: ${item.title}`);
      for (const attachment of [...item.attachments, ...item.unpublishedAttachments]) {
        if (!sourceSays(source, attachment.title, ocr)) missing.push(`bilag: ${attachment.title}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("marks an item's kind as the editor's wherever the source gives items no kind", async () => {
    const { archive } = await loadArchive(contentDir);
    const kindsOf = (kommune: string) =>
      archive.kommuner.find((k) => k.slug === kommune)?.councils[0]?.meetings[0]?.items.map((item) => (item.kind ? (item.editorial.includes("kind") ? "redaktion" : "kilde") : "ingen"));
    // Gladsaxe's web page has no items at all; Odense's and Roskilde's name items but no kinds.
    expect(new Set(kindsOf("gladsaxe"))).toEqual(new Set(["ingen"]));
    expect(new Set(kindsOf("odense"))).toEqual(new Set(["redaktion", "ingen"]));
    expect(new Set(kindsOf("roskilde"))).toEqual(new Set(["redaktion"]));
  });

  it("keeps the sources' wording where the editor had changed it", () => {
    const text = (path: string) => readFileSync(join(contentDir, path), "utf8");
    expect(text("aalborg/udsatteraadet/2025/2025-03-12.md")).toContain("## Godkendelse af dagsorden\n\nDagsorden godkendes\n");
    expect(text("aalborg/udsatteraadet/2025/2025-03-12.md")).not.toContain("blev godkendt");
    expect(text("gladsaxe/udsatteraadet/2023/2023-09-06.md")).not.toContain("i rådet");
    expect(text("gladsaxe/udsatteraadet/2023/2023-09-06.md")).toContain("note: Lise vender tilbage omkring lokation med videre.");
  });
});
