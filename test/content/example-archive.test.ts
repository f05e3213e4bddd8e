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
  { kommune: "gladsaxe", raad: "udsatteraadet", date: "2023-09-06", items: 6 },
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

  it("has small, valid placeholder PDFs as attachments", () => {
    const pdfs = filesUnder(contentDir).filter((file) => file.endsWith(".pdf"));
    expect(pdfs).toHaveLength(2);
    for (const file of pdfs) {
      const bytes = readFileSync(file);
      expect(bytes.length, file).toBeLessThan(5 * 1024);
      const text = bytes.toString("latin1");
      expect(text.startsWith("%PDF-1.")).toBe(true);
      expect(text.trimEnd().endsWith("%%EOF")).toBe(true);
      // Every cross-reference offset points at its object, and startxref at the table.
      const startxref = Number(/startxref\s+(\d+)/.exec(text)?.[1]);
      expect(text.slice(startxref, startxref + 4)).toBe("xref");
      const offsets = [...text.matchAll(/^(\d{10}) 00000 n ?$/gm)].map((match) => Number(match[1]));
      expect(offsets.length).toBeGreaterThan(0);
      offsets.forEach((offset, index) => {
        expect(text.slice(offset).startsWith(`${index + 1} 0 obj`), `${file} object ${index + 1}`).toBe(true);
      });
    }
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
    expect(gladsaxe.items[1]?.attachments.map((a) => [a.file, a.type])).toEqual([
      ["slides-budgetforslag.pdf", "pdf"],
    ]);

    const albertslund = meeting("albertslund");
    expect(albertslund.absentees).toHaveLength(4);
    expect(albertslund.minuteTaker?.name).toBe("Carina Kofoed");
    expect(albertslund.guests.map((g) => g.name)).toEqual(["Lisbeth Andersen"]);
    expect(albertslund.items[2]?.attachments[0]?.size).toBeGreaterThan(0);

    const aalborg = meeting("aalborg");
    expect(aalborg.items.every((item) => item.kind === "beslutning")).toBe(true);
  });
});
