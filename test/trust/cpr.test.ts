import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadArchive } from "../../src/content/load.ts";
import { formatProblem } from "../../src/content/problem.ts";
import type { Attachment, Meeting } from "../../src/minutes/model.ts";
import { cprAllowEntry, findCprNumbers, isCprAllowEntry, isCprDate, maskCpr, scanTextForCpr } from "../../src/trust/cpr.ts";
import { archiveOf, item, meeting } from "./archive.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const content = path.join(root, "test/fixtures/trust/cpr/content");
const FIXTURES = "test/fixtures/trust/cpr/content/eksempelby/udsatteraadet/2024";
const ALLOW = "cpr1-e7a4cc974be6eeeff69597eb5583b9ce";

/** A meeting of the CPR fixtures, as the loader would give it. */
function fixtureMeeting(date: string, attachments: string[] = [], cprAllow: string[] = []): Meeting {
  const sourcePath = `eksempelby/udsatteraadet/2024/${date}.md`;
  const files: Attachment[] = attachments.map((file) => ({
    file,
    title: file,
    type: path.extname(file).slice(1),
    size: 1,
    sourcePath: path.join(content, `eksempelby/udsatteraadet/2024/${date}`, file),
  }));
  return meeting("eksempelby", "udsatteraadet", date, {
    sourcePath,
    absolutePath: path.join(content, sourcePath),
    items: [item({ attachments: files })],
    cprAllow,
  });
}

async function report(...meetings: Meeting[]): Promise<string[]> {
  const archive = archiveOf(meetings, (slug) => path.join(content, slug, "kommune.yaml"));
  return (await findCprNumbers(archive, root)).map(formatProblem);
}

const hint = (entry: string, meetingFile?: string) =>
  `CPR-numre må ikke offentliggøres: fjern det. Er det ikke et CPR-nummer, så tilføj "${entry}" til cpr_allow i ${
    meetingFile ? `hovedet af ${meetingFile}` : "filens hoved"
  } (cpr_allow: ["${entry}"]).`;

describe("scanTextForCpr", () => {
  it("finds a CPR number in each form, with line, column and mask", () => {
    expect(scanTextForCpr("CPR: 010190-1234\nog 0101901234 og 010190 1234")).toEqual([
      { match: "010190-1234", digits: "0101901234", index: 5, line: 1, col: 6, masked: "010190-****" },
      { match: "0101901234", digits: "0101901234", index: 20, line: 2, col: 4, masked: "010190-****" },
      { match: "010190 1234", digits: "0101901234", index: 34, line: 2, col: 18, masked: "010190-****" },
    ]);
  });

  it("finds numbers written with other hyphens and spaces around the hyphen", () => {
    const found = scanTextForCpr("241275\u20114321, 241275\u20134321, 241275 - 4321, 241275\u00a04321");
    expect(found.map((m) => m.masked)).toEqual(["241275-****", "241275-****", "241275-****", "241275-****"]);
  });

  it("accepts 29 February only in years that are leap years in some century", () => {
    expect(isCprDate("290200")).toBe(true); // 2000 is a leap year (1900 is not)
    expect(isCprDate("290204")).toBe(true);
    expect(isCprDate("290201")).toBe(false);
    expect(isCprDate("290100")).toBe(true);
    expect(isCprDate("300200")).toBe(false);
    expect(isCprDate("310499")).toBe(false);
    expect(isCprDate("311299")).toBe(true);
    expect(isCprDate("000190")).toBe(false);
    expect(isCprDate("011390")).toBe(false);
    expect(isCprDate("010090")).toBe(false);
  });

  it("lets phone numbers, CVR, case numbers, dates, amounts and non-dates pass", () => {
    const text = [
      "39 57 50 00", "+45 39 57 50 00", "3957 5000", "+4539575000", "CVR 62761113", "sagsnr. 27.12.00-A00-1-23",
      "2023-012345", "06.09.2023", "2023-09-06", "1.250.000 kr.", "1250000,00 kr.", "320199-1234", "310299-1234",
      "290201-1234", "12345678901", "00101901234", "010190-12345", "2010190-1234", "2023090612", "1234 0123456789",
    ].join("\n");
    expect(scanTextForCpr(text)).toEqual([]);
  });

  it("masks numbers in names and paths", () => {
    expect(maskCpr("bilag/ansoegning-050505-1234.pdf og 0101901234")).toBe("bilag/ansoegning-050505-****.pdf og 010190-****");
    expect(maskCpr("39 57 50 00")).toBe("39 57 50 00");
  });
});

describe("cpr_allow entries", () => {
  it("are salted by the meeting file, slow to make, and have one form", async () => {
    const a = await cprAllowEntry("0102034567", "eksempelby/udsatteraadet/2024/2024-02-21.md");
    const b = await cprAllowEntry("0102034567", "eksempelby/udsatteraadet/2024/2024-05-15.md");
    expect(a).toBe(ALLOW);
    expect(b).not.toBe(a);
    expect(isCprAllowEntry(a)).toBe(true);
    expect(isCprAllowEntry("0102034567")).toBe(false);
  });
});

describe("findCprNumbers", () => {
  it("finds CPR numbers in the front matter, YAML comments included", async () => {
    const file = `${FIXTURES}/2024-01-10.md`;
    const m = fixtureMeeting("2024-01-10");
    expect(await report(m)).toEqual([
      `${file}:2:20: cpr: Her står "150387-****", der ligner et CPR-nummer. ${hint(await cprAllowEntry("1503871122", m.sourcePath))}`,
      `${file}:9:25: cpr: Her står "290200-****", der ligner et CPR-nummer. ${hint(await cprAllowEntry("2902001234", m.sourcePath))}`,
    ]);
  });

  it("finds CPR numbers in the body in every form", async () => {
    const file = `${FIXTURES}/2024-01-24.md`;
    const m = fixtureMeeting("2024-01-24");
    const h1 = hint(await cprAllowEntry("0101901234", m.sourcePath));
    const h2 = hint(await cprAllowEntry("3112995678", m.sourcePath));
    const h3 = hint(await cprAllowEntry("2412754321", m.sourcePath));
    expect(await report(m)).toEqual([
      `${file}:11:20: cpr: Her står "010190-****", der ligner et CPR-nummer. ${h1}`,
      `${file}:12:17: cpr: Her står "010190-****", der ligner et CPR-nummer. ${h1}`,
      `${file}:12:35: cpr: Her står "311299-****", der ligner et CPR-nummer. ${h2}`,
      `${file}:13:36: cpr: Her står "241275-****", der ligner et CPR-nummer. ${h3}`,
      `${file}:13:66: cpr: Her står "241275-****", der ligner et CPR-nummer. ${h3}`,
    ]);
  });

  it("lets numbers that are not CPR numbers pass", async () => {
    expect(await report(fixtureMeeting("2024-02-07"))).toEqual([]);
  });

  it("allows a number by its hash in the meeting's cpr_allow, and only that number", async () => {
    const m = fixtureMeeting("2024-02-21", [], [ALLOW]);
    expect(await report(m)).toEqual([
      `${FIXTURES}/2024-02-21.md:13:60: cpr: Her står "010203-****", der ligner et CPR-nummer. ${hint(await cprAllowEntry("0102034568", m.sourcePath))}`,
    ]);
  });

  it("does not accept an allow-list entry copied from another meeting", async () => {
    const m = fixtureMeeting("2024-05-15", [], [ALLOW]);
    expect(await report(m)).toEqual([
      `${FIXTURES}/2024-05-15.md:13:26: cpr: Her står "010203-****", der ligner et CPR-nummer. ${hint(await cprAllowEntry("0102034567", m.sourcePath))}`,
    ]);
  });

  it("finds a CPR number in an attachment's file name, and masks it in the path", async () => {
    const m = fixtureMeeting("2024-03-06", ["ansoegning-050505-1234.pdf"]);
    const h = await cprAllowEntry("0505051234", m.sourcePath);
    expect(await report(m)).toEqual([
      `${FIXTURES}/2024-03-06.md:8:26: cpr: Her står "050505-****", der ligner et CPR-nummer. ${hint(h)}`,
      `${FIXTURES}/2024-03-06/ansoegning-050505-****.pdf:1:1: cpr: Filnavnet indeholder "050505-****", der ligner et CPR-nummer. ${hint(h, `${FIXTURES}/2024-03-06.md`)}`,
    ]);
  });

  it("finds a CPR number in the text of a PDF attachment, by page", async () => {
    const m = fixtureMeeting("2024-03-20", ["notat.pdf"]);
    expect(await report(m)).toEqual([
      `${FIXTURES}/2024-03-20/notat.pdf:1:1: cpr: Side 2 indeholder "010190-****", der ligner et CPR-nummer. ${hint(await cprAllowEntry("0101901234", m.sourcePath), `${FIXTURES}/2024-03-20.md`)}`,
    ]);
  });

  it("finds a CPR number in a Word document, even split across runs", async () => {
    const m = fixtureMeeting("2024-04-03", ["referat.docx"]);
    expect(await report(m)).toEqual([
      `${FIXTURES}/2024-04-03/referat.docx:1:1: cpr: Dokumentet indeholder "241275-****", der ligner et CPR-nummer. ${hint(await cprAllowEntry("2412754321", m.sourcePath), `${FIXTURES}/2024-04-03.md`)}`,
    ]);
  });

  it("finds a CPR number in a text attachment, with line and column", async () => {
    const m = fixtureMeeting("2024-04-17", ["deltagere.csv"]);
    expect(await report(m)).toEqual([
      `${FIXTURES}/2024-04-17/deltagere.csv:3:9: cpr: Her står "170845-****", der ligner et CPR-nummer. ${hint(await cprAllowEntry("1708452345", m.sourcePath), `${FIXTURES}/2024-04-17.md`)}`,
    ]);
  });

  it("reports an attachment that cannot be read instead of crashing", async () => {
    const m = fixtureMeeting("2024-05-01", ["oedelagt.pdf", "oedelagt.docx"]);
    expect(await report(m)).toEqual([
      `${FIXTURES}/2024-05-01/oedelagt.docx:1:1: cpr: Bilaget kunne ikke læses som Word-dokument (.docx), så det kan ikke tjekkes for CPR-numre (Can't find end of central directory). Gem det igen som PDF eller Word-dokument (.docx), eller fjern det.`,
      `${FIXTURES}/2024-05-01/oedelagt.pdf:1:1: cpr: Bilaget kunne ikke læses som PDF, så det kan ikke tjekkes for CPR-numre (Invalid PDF structure). Gem det igen som PDF eller Word-dokument (.docx), eller fjern det.`,
    ]);
  });

  it("finds a CPR number in kommune.yaml", async () => {
    const m = meeting("cprby", "udsatteraadet", "2024-01-01", { absolutePath: path.join(content, "cprby/ingen.md") });
    expect(await report(m)).toEqual([
      "test/fixtures/trust/cpr/content/cprby/kommune.yaml:6:16: cpr: Her står \"241275-****\", der ligner et CPR-nummer. CPR-numre må ikke offentliggøres: fjern det. Er det ikke et CPR-nummer, så skriv tallet på en anden måde, fx med punktummer.",
    ]);
  });

  it("checks a large archive quickly when no number needs hashing", async () => {
    const meetings = Array.from({ length: 300 }, (_, i) => {
      const m = fixtureMeeting("2024-02-07");
      return { ...m, slug: `x-${i}` };
    });
    const started = performance.now();
    expect(await report(...meetings)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("remembers attachments found clean by content hash, and never those with a finding", async () => {
    const cacheDir = await mkdtemp(path.join(tmpdir(), "referat-cpr-cache-"));
    try {
      const clean = fixtureMeeting("2024-03-06", ["ansoegning-050505-1234.pdf"]);
      const withNumber = fixtureMeeting("2024-03-20", ["notat.pdf"]);
      const archive = archiveOf([clean, withNumber], (slug) => path.join(content, slug, "kommune.yaml"));
      const first = await findCprNumbers(archive, root, { cacheDir });
      const bytes = await readFile(path.join(content, "eksempelby/udsatteraadet/2024/2024-03-06/ansoegning-050505-1234.pdf"));
      const key = createHash("sha256").update("pdf\u0000").update(bytes).digest("hex");
      expect(await readFile(path.join(cacheDir, "cpr-clean-v1.txt"), "utf8")).toBe(`${key}\n`);
      // The second run finds the same: the file name is still checked, the PDF with a number is read again.
      expect(await findCprNumbers(archive, root, { cacheDir })).toEqual(first);
      expect(first.map((p) => p.file)).toContain(`${FIXTURES}/2024-03-20/notat.pdf`);
      expect(first.map((p) => p.file)).toContain(`${FIXTURES}/2024-03-06/ansoegning-050505-****.pdf`);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  it("scans a meeting file the loader left out for its problems, with its cpr_allow as written", async () => {
    const dir = await mkdtemp(path.join(root, "test/.tmp-cpr-"));
    try {
      const folder = path.join(dir, "by/udsatteraadet/2024");
      await mkdir(path.join(folder, "2024-01-10"), { recursive: true });
      await writeFile(path.join(dir, "by/kommune.yaml"), "name: By\n");
      const sourcePath = "by/udsatteraadet/2024/2024-01-10.md";
      const allowed = await cprAllowEntry("0102034567", sourcePath);
      // No venue and an unknown field: not valid, so not in the archive.
      await writeFile(
        path.join(folder, "2024-01-10.md"),
        `---\ndate: 2024-01-10\nattendees: []\nsted: Rådhuset\ncpr_allow: ["${allowed}"]\nitems:\n  - title: Punkt\n---\n\n## Punkt\n\nBorger 150387-1122 og 010203-4567.\n`,
      );
      await writeFile(path.join(folder, "2024-01-10/bilag-050505-1234.txt"), "tekst\n");
      const { archive, problems } = await loadArchive(dir);
      expect(problems.length).toBeGreaterThan(0);
      expect(archive.kommuner).toEqual([]);
      const file = path.relative(root, path.join(folder, "2024-01-10.md")).split(path.sep).join("/");
      const found = (await findCprNumbers(archive, root, { cacheDir: false })).map(formatProblem);
      const h1 = await cprAllowEntry("1503871122", sourcePath);
      const h2 = await cprAllowEntry("0505051234", sourcePath);
      expect(found).toEqual([
        // 010203-4567 is allowed by the file's own cpr_allow, even though the file is not valid.
        `${file}:12:8: cpr: Her står "150387-****", der ligner et CPR-nummer. ${hint(h1)}`,
        `${file.slice(0, -3)}/bilag-050505-****.txt:1:1: cpr: Filnavnet indeholder "050505-****", der ligner et CPR-nummer. ${hint(h2, file)}`,
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
