import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadArchive } from "../../src/content/load.ts";
import { formatProblem } from "../../src/report/problem.ts";
import type { Attachment, Meeting } from "../../src/minutes/model.ts";
import { attachmentKey, checkCpr, cprAllowEntry, findCprNumbers, isCprAllowEntry, isCprDate, maskCpr, scanTextForCpr } from "../../src/trust/cpr.ts";
import { sealWith } from "../../src/build/cache-key.ts";
import { guardVersion, recordEntry, RECORD_FILE } from "../../src/trust/cpr-record.ts";
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

const sealOf = (secret: string) => sealWith(Buffer.from(secret, "utf8"));

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
      "39 57 50 00",
      "+45 39 57 50 00",
      "3957 5000",
      "+4539575000",
      "CVR 62761113",
      "sagsnr. 27.12.00-A00-1-23",
      "2023-012345",
      "06.09.2023",
      "2023-09-06",
      "1.250.000 kr.",
      "1250000,00 kr.",
      "320199-1234",
      "310299-1234",
      "290201-1234",
      "12345678901",
      "00101901234",
      "010190-12345",
      "2010190-1234",
      "2023090612",
      "1234 0123456789",
    ].join("\n");
    expect(scanTextForCpr(text)).toEqual([]);
  });

  it("finds numbers behind escapes, references, invisible characters, other digits and dashes", () => {
    // [as written, where the number starts (0-based)]: each is shown to a reader as 010190-1234.
    const spellings: [string, number][] = [
      ["010190\\-1234", 0], // Markdown escape
      ["010190&#45;1234", 0],
      ["010190&#x2d;1234", 0],
      ["010190&#X2D;1234", 0],
      ["010190&hyphen;1234", 0],
      ["010190&dash;1234", 0],
      ["010190&minus;1234", 0],
      ["&#48;10190-1234", 0], // a digit as a reference
      ['"010190\\x2d1234"', 1], // YAML and JSON escapes
      ['"010190\\u002d1234"', 1],
      ['"010190\\U0000002d1234"', 1],
      ["010190%2D1234", 0], // percent-encoding in an address
      ["010190\u200b-1234", 0], // zero-width space
      ["0101\u200c90-1234", 0], // zero-width non-joiner
      ["01019\u200d01234", 0], // zero-width joiner
      ["010190\u20601234", 0], // word joiner
      ["01\u00ad0190-1234", 0], // soft hyphen
      ["010190\ufeff-1234", 0], // byte-order mark inside
      ["010190\u034f-1234", 0], // combining grapheme joiner
      ["010190\u2063-1234", 0], // invisible separator
      ["010190-1234\u0301", 0], // combining accent after the last digit
      ["\uff10\uff11\uff10\uff11\uff19\uff10\uff0d\uff11\uff12\uff13\uff14", 0], // full width
      ["\u0660\u0661\u0660\u0661\u0669\u0660-\u0661\u0662\u0663\u0664", 0], // Arabic-Indic
      ["\u06f0\u06f1\u06f0\u06f1\u06f9\u06f0-\u06f1\u06f2\u06f3\u06f4", 0], // Extended Arabic-Indic
      ["\u{1d7ce}\u{1d7cf}\u{1d7ce}\u{1d7cf}\u{1d7d7}\u{1d7ce}-\u{1d7cf}\u{1d7d0}\u{1d7d1}\u{1d7d2}", 0], // mathematical bold
      ["\u{1d7f6}\u{1d7f7}\u{1d7f6}\u{1d7f7}\u{1d7ff}\u{1d7f6}-\u{1d7f7}\u{1d7f8}\u{1d7f9}\u{1d7fa}", 0], // mathematical monospace
      ["010190\u22121234", 0], // minus sign
      ["010190\u20141234", 0], // em dash
      ["010190\u2e3a1234", 0], // two-em dash
      ["010190\ufe631234", 0], // small hyphen-minus
      ["010190\u30fc1234", -1], // Katakana prolonged sound mark: a letter, not a dash
      ["010190 - 1234", 0],
      ["010190  -  1234", 0],
      ["010190\u2009-\u20091234", 0], // thin spaces
      ["010190\u00a0\u00a01234", 0],
      ["01.01.90-1234", 0],
      ["01 01 90-1234", 0],
      ["01/01/90-1234", 0],
      ["01-01-90-1234", 0],
      ["01.01.90 - 1234", 0],
    ];
    for (const [written, at] of spellings) {
      const text = `Borger ${written} i sagen`;
      const found = scanTextForCpr(text);
      if (at === -1) {
        expect(found, written).toEqual([]);
        continue;
      }
      expect(
        found.map((m) => [m.digits, m.masked, m.index, m.col, m.line]),
        written,
      ).toEqual([["0101901234", "010190-****", 7 + at, 8 + at, 1]]);
      // The match is the number as written, from its first digit to its last (a closing quote or a
      // combining mark after it is not part of it), and masking replaces exactly that.
      const match = (found[0] as { match: string }).match;
      expect(written.slice(at, at + match.length), written).toBe(match);
      expect(["", '"', "\u0301"], written).toContain(written.slice(at + match.length));
      expect(maskCpr(text), written).toBe(`Borger ${written.slice(0, at)}010190-****${written.slice(at + match.length)} i sagen`);
    }
  });

  it("still lets dates, times, case numbers and phone numbers written with dots and spaces pass", () => {
    const text = [
      "01.01.1990",
      "01.01.90",
      "kl. 10.00-12.00",
      "2024-06-05 10:00-12:00",
      "27.12.00-A00-1-23",
      "tlf. 12 34 56 78",
      "12.03.24 1400",
      "01 01 1990",
      "1.01.90-1234",
      "01.01.901-234",
      "010190-\n1234",
      "010190\n1234",
      "010190\t1234",
      "010190&amp;#45;1234",
      "010190\\\\-1234",
      "010190%2F1234",
      "010190\u30fc1234",
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

  it("finds numbers as they are published: decoded YAML values and rendered Markdown, at their source line", async () => {
    const file = `${FIXTURES}/2024-06-05.md`;
    const m = fixtureMeeting("2024-06-05");
    const h = hint(await cprAllowEntry("0101901234", m.sourcePath));
    // [line, column, how it is written in the fixture]
    const spellings: [number, number, string][] = [
      [3, 26, "YAML \\x2d escape in a double-quoted value"],
      [4, 24, "YAML \\u002d escape in a flow sequence"],
      [8, 14, "folded YAML value (>-) over two lines"],
      [10, 25, "plain YAML value over two lines"],
      [12, 21, "double-quoted YAML value continued with an escaped line break"],
      [19, 8, "Markdown escape \\-"],
      [20, 9, "&#45;"],
      [20, 30, "&#x2d;"],
      [21, 11, "&hyphen;"],
      [21, 33, "&minus;"],
      [22, 11, "zero-width space"],
      [22, 27, "zero-width joiner"],
      [23, 7, "soft hyphen"],
      [23, 34, "word joiner"],
      [23, 51, "byte-order mark"],
      [24, 13, "full-width digits and hyphen"],
      [25, 9, "Arabic-Indic digits"],
      [26, 12, "mathematical digits"],
      [27, 7, "minus sign"],
      [27, 31, "em dash"],
      [28, 11, "spaces around the hyphen"],
      [29, 9, "DD.MM.YY-SSSS"],
      [29, 36, "DD MM YY-SSSS"],
      [30, 11, "emphasis around the hyphen (**-**)"],
      [30, 36, "a code span around the first six digits"],
      [31, 18, "a paragraph line break after the hyphen"],
      [34, 9, "a block quote over two lines"],
    ];
    expect(await report(m)).toEqual(spellings.map(([line, col]) => `${file}:${line}:${col}: cpr: Her står "010190-****", der ligner et CPR-nummer. ${h}`));
  });

  it("finds numbers behind escapes and folded values in kommune.yaml", async () => {
    const m = meeting("escapeby", "udsatteraadet", "2024-01-01", { absolutePath: path.join(content, "escapeby/ingen.md") });
    const message =
      'cpr: Her står "241275-****", der ligner et CPR-nummer. CPR-numre må ikke offentliggøres: fjern det. Er det ikke et CPR-nummer, så skriv tallet på en anden måde, fx med punktummer.';
    expect(await report(m)).toEqual([
      `test/fixtures/trust/cpr/content/escapeby/kommune.yaml:4:11: ${message}`,
      `test/fixtures/trust/cpr/content/escapeby/kommune.yaml:7:25: ${message}`,
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
      'test/fixtures/trust/cpr/content/cprby/kommune.yaml:6:16: cpr: Her står "241275-****", der ligner et CPR-nummer. CPR-numre må ikke offentliggøres: fjern det. Er det ikke et CPR-nummer, så skriv tallet på en anden måde, fx med punktummer.',
    ]);
  });

  // The guard's time over a larger archive is measured by `npm run bench:micro` (cpr).
  it("finds nothing in 300 meetings that have no number", async () => {
    const meetings = Array.from({ length: 300 }, (_, i) => {
      const m = fixtureMeeting("2024-02-07");
      return { ...m, slug: `x-${i}` };
    });
    expect(await report(...meetings)).toEqual([]);
  });

  it("remembers attachments found clean under the record's key, and never those with a finding", async () => {
    const cacheDir = await mkdtemp(path.join(tmpdir(), "referat-cpr-cache-"));
    try {
      const clean = fixtureMeeting("2024-03-06", ["ansoegning-050505-1234.pdf"]);
      const withNumber = fixtureMeeting("2024-03-20", ["notat.pdf"]);
      const archive = archiveOf([clean, withNumber], (slug) => path.join(content, slug, "kommune.yaml"));
      const options = { cacheDir, cacheSecret: "hemmelighed fra CI-systemet" };
      const first = await findCprNumbers(archive, root, options);
      const bytes = await readFile(path.join(content, "eksempelby/udsatteraadet/2024/2024-03-06/ansoegning-050505-1234.pdf"));
      const contentKey = createHash("sha256").update("pdf\u0000").update(bytes).digest("hex");
      const entry = recordEntry(sealOf("hemmelighed fra CI-systemet"), (await guardVersion()) as string, contentKey);
      expect(await readFile(path.join(cacheDir, RECORD_FILE), "utf8")).toBe(`${entry}\n`);
      // The second run finds the same: the file name is still checked, the PDF with a number is read again.
      expect(await findCprNumbers(archive, root, options)).toEqual(first);
      expect(first.map((p) => p.file)).toContain(`${FIXTURES}/2024-03-20/notat.pdf`);
      expect(first.map((p) => p.file)).toContain(`${FIXTURES}/2024-03-06/ansoegning-050505-****.pdf`);
      // Without a key there is no record: nothing is read from the cache folder or written to it.
      const keyless = await mkdtemp(path.join(tmpdir(), "referat-cpr-cache-"));
      expect(await findCprNumbers(archive, root, { cacheDir: keyless, cacheSecret: false })).toEqual(first);
      expect(await readdir(keyless)).toEqual([]);
      await rm(keyless, { recursive: true, force: true });
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  it("does not let a forged record in the cache folder make an attachment with a CPR number pass", async () => {
    const cacheDir = await mkdtemp(path.join(tmpdir(), "referat-cpr-cache-"));
    try {
      const m = fixtureMeeting("2024-03-20", ["notat.pdf"]);
      const archive = archiveOf([m], (slug) => path.join(content, slug, "kommune.yaml"));
      const bytes = await readFile(path.join(content, "eksempelby/udsatteraadet/2024/2024-03-20/notat.pdf"));
      const contentKey = createHash("sha256").update("pdf\u0000").update(bytes).digest("hex");
      const guard = (await guardVersion()) as string;
      const expected = [
        `${FIXTURES}/2024-03-20/notat.pdf:1:1: cpr: Side 2 indeholder "010190-****", der ligner et CPR-nummer. ${hint(await cprAllowEntry("0101901234", m.sourcePath), `${FIXTURES}/2024-03-20.md`)}`,
      ];
      // What someone who can write the cache folder, but cannot read the build's key, can write:
      // the bare content hash (as the old record kept it, in its old file and in the new one), an
      // entry under a key of their own, and one from another version of the guard.
      await writeFile(path.join(cacheDir, "cpr-clean-v1.txt"), `${contentKey}\n`);
      await writeFile(
        path.join(cacheDir, RECORD_FILE),
        [
          contentKey,
          recordEntry(sealOf("angriberens egen hemmelighed"), guard, contentKey),
          recordEntry(sealOf("hemmelighed fra CI-systemet"), "0".repeat(64), contentKey),
          createHash("sha256").update(`cpr-clean\u0000${guard}\u0000${contentKey}`).digest("hex"),
        ].join("\n") + "\n",
      );
      const found = await findCprNumbers(archive, root, { cacheDir, cacheSecret: "hemmelighed fra CI-systemet" });
      expect(found.map(formatProblem)).toEqual(expected);
      // Only an entry made with the build's own key counts (this is what the key protects).
      await writeFile(path.join(cacheDir, RECORD_FILE), `${recordEntry(sealOf("hemmelighed fra CI-systemet"), guard, contentKey)}\n`);
      expect(await findCprNumbers(archive, root, { cacheDir, cacheSecret: "hemmelighed fra CI-systemet" })).toEqual([]);
      expect((await findCprNumbers(archive, root, { cacheDir, cacheSecret: "en anden hemmelighed, 16+ tegn" })).map(formatProblem)).toEqual(expected);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  it("names the key of the bytes it judged for each attachment, and never records the loader's bytes as clean when the file changed after the load", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "referat-cpr-checked-"));
    const cacheDir = await mkdtemp(path.join(tmpdir(), "referat-cpr-cache-"));
    try {
      await cp(path.join(content, "eksempelby"), path.join(dir, "eksempelby"), { recursive: true });
      const pdf = path.join(dir, "eksempelby/udsatteraadet/2024/2024-03-06/ansoegning-050505-1234.pdf");
      const clean = await readFile(pdf);
      const withNumber = await readFile(path.join(dir, "eksempelby/udsatteraadet/2024/2024-03-20/notat.pdf"));
      await writeFile(pdf, withNumber);
      const { archive, scans } = await loadArchive(dir);
      const options = { cacheDir, cacheSecret: "hemmelighed fra CI-systemet", scans };
      // Handed the loader's scans, the guard judges the bytes the loader hashed.
      const first = await checkCpr(archive, dir, { cacheDir: false, scans });
      expect(first.checked.get(pdf)).toBe(attachmentKey("pdf", withNumber));
      expect(first.problems.some((p) => p.file.endsWith("ansoegning-050505-****.pdf") && p.message.includes("010190-****"))).toBe(true);
      // The file is replaced by clean bytes after the load: the guard reads them and names their key
      // (the copy stage publishes only those bytes), and records them, not the loader's, as clean.
      await writeFile(pdf, clean);
      const replaced = await checkCpr(archive, dir, options);
      expect(replaced.checked.get(pdf)).toBe(attachmentKey("pdf", clean));
      expect(replaced.problems.some((p) => p.file.endsWith("ansoegning-050505-****.pdf") && p.message.includes("010190-****"))).toBe(false);
      // The bytes with the number put back: found again, by the next load and guard.
      await writeFile(pdf, withNumber);
      const again = await loadArchive(dir);
      const found = await checkCpr(again.archive, dir, { ...options, scans: again.scans });
      expect(found.problems.some((p) => p.file.endsWith("ansoegning-050505-****.pdf") && p.message.includes("010190-****"))).toBe(true);
      // Without the loader's scans, the guard reads every file itself and names the same keys.
      expect((await checkCpr(again.archive, dir, { cacheDir: false })).checked.get(pdf)).toBe(attachmentKey("pdf", withNumber));
    } finally {
      await rm(dir, { recursive: true, force: true });
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
      const { archive, problems, scans } = await loadArchive(dir);
      expect(problems.length).toBeGreaterThan(0);
      expect(archive.kommuner).toEqual([]);
      const file = path.relative(root, path.join(folder, "2024-01-10.md")).split(path.sep).join("/");
      const found = (await findCprNumbers(archive, root, { cacheDir: false, scans })).map(formatProblem);
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
