// `referat import` for one document: read it in its format, repair OCR damage, hide CPR numbers,
// read the draft meeting, write it at its place in the content layout with its original beside it,
// and make a draft kommune.yaml or council entry when they are missing. Returns what it did and
// what it was unsure of; src/cli/import.ts prints it.
import { createHash } from "node:crypto";
import { copyFile, mkdir, readFile, stat } from "node:fs/promises";
import { writeAtomically } from "../fs/atomic.ts";
import path from "node:path";
import { scanTextForCpr } from "../trust/cpr.ts";
import { SLUG } from "../kommune/schema.ts";
import { extractMeeting, type DraftMeeting } from "./extract.ts";
import { repairLines, type Repair, type WordList } from "./ocr.ts";
import { decodeText, docxLines, htmlLines, pdfLines, plainTextLines, type DocumentText } from "./text.ts";
import { addCouncilToKommune, guessCouncilName, guessKommuneName, renderKommuneDraft, renderMeeting, slugify, type OriginalInfo } from "./write.ts";

/** The formats the importer reads, by file extension, with the name `imported_from.format` gets. */
export const FORMATS: Record<string, string> = {
  ".txt": "tekst",
  ".text": "tekst",
  ".html": "webside",
  ".htm": "webside",
  ".docx": "Word-dokument",
  ".pdf": "PDF",
};

/** Originals that are published beside the page. HTML is not: it would run on the site's origin. */
const PUBLISHED_ORIGINALS = new Set([".txt", ".text", ".docx", ".pdf"]);

export interface ImportOptions {
  contentDir: string;
  kommune: string;
  raad: string;
  replace: boolean;
  words: WordList;
}

/** What became of one document. */
export interface ImportResult {
  file: string;
  status: "written" | "replaced" | "exists" | "failed";
  /** The meeting file, relative to the working folder. */
  target?: string;
  /** The guesses, as written to the draft's review list. */
  review: string[];
  /** What the document did not give, and what was left out. */
  notes: string[];
  repairs: Repair[];
  /** Lines about kommune.yaml (created, council added). */
  kommune: string[];
  /** Why the document could not be imported. */
  error?: string;
  draft?: DraftMeeting;
}

/** Reads a document in its format. */
export async function readDocument(file: string, bytes: Uint8Array): Promise<DocumentText> {
  const extension = path.extname(file).toLowerCase();
  switch (extension) {
    case ".txt":
    case ".text":
      return plainTextLines(decodeText(bytes));
    case ".html":
    case ".htm":
      return htmlLines(decodeText(bytes));
    case ".docx":
      return docxLines(bytes);
    case ".pdf":
      return pdfLines(bytes);
    default:
      throw new Error(`unsupported ${extension}`);
  }
}

const CPR_MASK = "[CPR-nummer fjernet]";

/** Imports one document into the content folder. Never throws for a bad document. */
export async function importFile(file: string, options: ImportOptions): Promise<ImportResult> {
  const result: ImportResult = { file, status: "failed", review: [], notes: [], repairs: [], kommune: [] };
  const extension = path.extname(file).toLowerCase();
  const format = FORMATS[extension];
  if (!format) {
    result.error =
      extension === ".doc"
        ? "gamle Word-filer (.doc) kan ikke læses; åbn filen i Word og gem den som .docx"
        : `filtypen "${extension || "(ingen)"}" kan ikke importeres; brug .txt, .html, .htm, .docx eller .pdf`;
    return result;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    result.error = `filen kan ikke læses (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
    return result;
  }
  let document: DocumentText;
  try {
    document = await readDocument(file, bytes);
  } catch (error) {
    result.error = `filen kan ikke læses som ${format} (${(error as Error).message}); er den hel og af den rigtige type?`;
    return result;
  }
  if (!document.lines.some((line) => line.text.trim() !== "")) {
    result.error =
      extension === ".pdf"
        ? "PDF-filen har ingen tekst (den er nok et indscannet billede); kør OCR på den først, fx i en PDF-læser, og importér den igen"
        : "dokumentet har ingen tekst";
    return result;
  }

  // OCR repair, then CPR numbers hidden before anything is read or written.
  const repaired = repairLines(
    document.lines.map((line) => line.text),
    options.words,
  );
  result.repairs = repaired.repairs;
  let cprCount = 0;
  const lines = document.lines.map((line, index) => {
    let text = repaired.lines[index] ?? line.text;
    const found = scanTextForCpr(text);
    for (const match of found.reverse()) {
      text = text.slice(0, match.index) + CPR_MASK + text.slice(match.index + match.match.length);
      cprCount += 1;
    }
    return { ...line, text };
  });

  const draft = extractMeeting(lines, { fileName: path.basename(file), words: options.words, ...(document.title ? { title: document.title } : {}) });
  result.draft = draft;
  result.notes.push(...draft.notes);
  const review = [...draft.review];
  if (cprCount > 0) {
    review.push(
      `Dokumentet indeholdt ${cprCount === 1 ? "et CPR-nummer" : `${cprCount} CPR-numre`}; ${cprCount === 1 ? "det er" : "de er"} erstattet med "${CPR_MASK}", og originalen er ikke lagt ved. Kontrollér, at teksten stadig giver mening.`,
    );
  }
  if (result.repairs.length > 0) {
    const total = result.repairs.reduce((sum, repair) => sum + repair.count, 0);
    const examples = result.repairs
      .slice(0, 3)
      .map((repair) => `${repair.from} → ${repair.to}`)
      .join(", ");
    review.push(`${total} ${total === 1 ? "ord er rettet" : "ord er rettet"} for OCR-fejl i æ, ø og å (fx ${examples}); kontrollér teksten mod originalen.`);
  }
  if (repaired.held.length > 0) {
    const held = repaired.held.map((repair) => `${repair.from} (${repair.to}?)`).join(", ");
    result.notes.push(
      `Dokumentet skriver ellers æ, ø og å rigtigt, så ${repaired.held.length === 1 ? "dette ord er" : "disse ord er"} ikke rettet, skønt ordbogen ikke kender ${repaired.held.length === 1 ? "det" : "dem"}: ${held}.`,
    );
  }
  if (!draft.date) {
    result.error = "mødets dato står hverken i dokumentet eller i filnavnet; skriv den i filnavnet (fx 2024-05-14-referat.pdf) og importér igen";
    result.review = review;
    return result;
  }

  const year = draft.date.slice(0, 4);
  const councilDir = path.join(options.contentDir, options.kommune, options.raad);
  const target = path.join(councilDir, year, `${draft.date}.md`);
  result.target = target;
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (exists && !options.replace) {
    result.status = "exists";
    result.review = review;
    return result;
  }

  // The original: published beside the page when its type is safe to publish and it holds no CPR number.
  const checksum = `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
  const original: OriginalInfo = { format, checksum };
  const originalTitle = document.title ?? draft.title;
  if (originalTitle) original.title = originalTitle;
  if (document.url) original.url = document.url;
  const meetingDir = path.join(councilDir, year, draft.date);
  if (PUBLISHED_ORIGINALS.has(extension) && cprCount === 0) {
    const base = slugify(path.basename(file, path.extname(file))).slice(0, 60) || "dokument";
    original.file = `original-${base}${extension === ".text" ? ".txt" : extension}`;
  } else if (!PUBLISHED_ORIGINALS.has(extension)) {
    result.notes.push("Den oprindelige webside lægges ikke ved (HTML kan køre scripts på arkivets side); dens titel og kontrolsum står under imported_from.");
  }

  const text = renderMeeting(draft, original, review);
  await mkdir(path.dirname(target), { recursive: true });
  if (original.file) {
    await mkdir(meetingDir, { recursive: true });
    await copyFile(file, path.join(meetingDir, original.file));
  }
  await writeAtomically(target, text);
  result.status = exists ? "replaced" : "written";
  result.review = review;
  result.kommune = await ensureKommune(
    options,
    draft,
    lines.slice(0, 40).map((line) => line.text),
  );
  return result;
}

/** Makes a draft kommune.yaml, or adds the council to an existing one; returns what it did. */
async function ensureKommune(options: ImportOptions, draft: DraftMeeting, texts: readonly string[]): Promise<string[]> {
  const file = path.join(options.contentDir, options.kommune, "kommune.yaml");
  const council = guessCouncilName(options.raad, draft, texts);
  let source: string | undefined;
  try {
    source = await readFile(file, "utf8");
  } catch {
    source = undefined;
  }
  if (source === undefined) {
    const kommune = guessKommuneName(options.kommune, draft);
    await writeAtomically(file, renderKommuneDraft(options.kommune, options.raad, kommune, council, draft.contact));
    return [`${file}: nyt udkast til kommunen "${kommune.name}" med rådet "${council.name}"; skal gennemses (review) og udfyldes.`];
  }
  const declared = new RegExp(`^\\s+${options.raad}:\\s*$`, "m");
  if (declared.test(source)) return [];
  const updated = addCouncilToKommune(source, options.raad, council);
  if (updated === undefined) {
    return [
      `${file}: rådet "${options.raad}" mangler under councils, og importen kunne ikke tilføje det sikkert; skriv det selv (${options.raad}: name: ${council.name}).`,
    ];
  }
  await writeAtomically(file, updated);
  return [`${file}: rådet "${council.name}" (${options.raad}) er tilføjet; skal gennemses (review).`];
}

/** Whether a slug is valid for a folder name. */
export function isSlug(value: string): boolean {
  return SLUG.test(value);
}
