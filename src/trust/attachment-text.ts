// Everything of an attachment that is published with it, as text for the CPR guard: not only what a
// viewer shows first (a PDF's pages, a Word document's body) but every part a reader of the file
// can open — headers, footers, footnotes, comments, tracked deletions, document properties,
// a PDF's information, XMP metadata, annotations, form fields, bookmarks and embedded files, the
// text metadata of images — and the text of plain-text files in any of the encodings Windows
// writes. Types it cannot read are refused with a reason. Which types are read how, and what is
// not seen: docs/trust.md "CPR guard".
import JSZip from "jszip";
import type { PDFWorker } from "unpdf/pdfjs";
import { maskCpr, scanTextForCpr, type CprMatch } from "./cpr-pattern.ts";
import type { AttachmentPart, CprPlace, RefusedFormat } from "./messages.ts";

/** One CPR-like number in an attachment: where, and (for plain text) its line and column. */
export interface AttachmentFinding {
  place: CprPlace;
  line: number;
  col: number;
  match: CprMatch;
}

/** What the guard found in an attachment, or why it could not read it. Plain data (crosses threads). */
export type AttachmentScan =
  | { kind: "scanned"; findings: AttachmentFinding[] }
  | { kind: "error"; reason: string }
  | { kind: "refused"; format: RefusedFormat }
  | { kind: "too-large"; size: number };

/** How the guard reads a type. */
type Reader = "pdf" | "zip" | "text" | "markup" | "rtf" | "image" | "binary" | "sniff";

// Office Open XML and OpenDocument files (and zip itself) are zips of XML parts.
const ZIP_TYPES = new Set([
  "docx",
  "docm",
  "dotx",
  "dotm",
  "xlsx",
  "xlsm",
  "xltx",
  "xltm",
  "pptx",
  "pptm",
  "ppsx",
  "ppsm",
  "potx",
  "odt",
  "ott",
  "ods",
  "ots",
  "odp",
  "otp",
  "odg",
  "epub",
  "zip",
]);
const TEXT_TYPES = new Set(["txt", "md", "markdown", "csv", "tsv", "json", "yaml", "yml", "ics", "vcf", "log"]);
const MARKUP_TYPES = new Set(["xml", "html", "htm", "xhtml", "svg"]);
const IMAGE_TYPES = new Set(["png", "jpg", "jpeg", "gif", "webp", "tif", "tiff", "bmp", "heic", "heif", "avif", "ico"]);
// Binary formats of old Office and similar programs: text in them may be compressed or in pieces.
const OLD_OFFICE_TYPES = new Set(["doc", "dot", "xls", "xlt", "ppt", "pps", "pot", "msg", "wps", "wpd", "pub", "vsd"]);
// Compressed archives other than zip: their contents cannot be read without unpacking them.
const COMPRESSED_TYPES = new Set(["7z", "rar", "gz", "tgz", "bz2", "xz", "zst", "cab", "lz", "lzma", "z"]);

function readerOf(type: string): Reader | RefusedFormat {
  if (type === "pdf") return "pdf";
  if (ZIP_TYPES.has(type)) return "zip";
  if (TEXT_TYPES.has(type)) return "text";
  if (MARKUP_TYPES.has(type)) return "markup";
  if (type === "rtf") return "rtf";
  if (IMAGE_TYPES.has(type)) return "image";
  if (OLD_OFFICE_TYPES.has(type)) return "old-office";
  if (COMPRESSED_TYPES.has(type)) return "compressed";
  if (type === "") return "sniff";
  return "binary";
}

/** Why the guard refuses attachments of this type (lowercase extension without the dot), if it does. */
export function refusedFormat(type: string): RefusedFormat | undefined {
  const reader = readerOf(type);
  return reader === "old-office" || reader === "compressed" ? reader : undefined;
}

/** Whether the guard reads attachments of this type (every type it does not refuse by name). */
export function hasCheckableText(type: string): boolean {
  return refusedFormat(type) === undefined;
}

/** The largest attachment the guard reads, and the most it inflates from one attachment's zips. */
export const MAX_CHECK_BYTES = 256 * 1024 * 1024;
const MAX_INFLATED_BYTES = 512 * 1024 * 1024;
/** How deep files embedded in files are followed (a zip in a PDF in a docx …). */
const MAX_DEPTH = 4;

/** What one attachment's scan shares across its parts. */
interface Context {
  depth: number;
  inflated: number;
  findings: AttachmentFinding[];
  /** Place and digits of what has been recorded at places without line and column. */
  reported: Set<string>;
}

/**
 * Records matches at a place: plain-text places keep their line and column; other places are 1:1,
 * and there a number is reported once per place.
 */
function record(context: Context, place: CprPlace, matches: CprMatch[], positioned = false): void {
  for (const match of matches) {
    if (!positioned) {
      const key = `${JSON.stringify(place)}\u0000${match.digits}`;
      if (context.reported.has(key)) continue;
      context.reported.add(key);
    }
    context.findings.push({ place, line: positioned ? match.line : 1, col: positioned ? match.col : 1, match });
  }
}

const part = (p: AttachmentPart): CprPlace => ({ kind: "part", part: p });

// ---------------------------------------------------------------------------------------------
// Text

const utf8 = new TextDecoder("utf-8");
const utf16le = new TextDecoder("utf-16le");
const utf16be = new TextDecoder("utf-16be");

/** Text in UTF-8 or UTF-16 (with or without a byte-order mark, as Notepad and Excel write "Unicode"). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8.decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16le.decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be.decode(bytes.subarray(2));
  // No mark: UTF-16 shows as zero bytes in every other position.
  const sample = Math.min(bytes.length, 4096) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < sample; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  if (sample >= 4 && odd > sample / 8 && even < odd / 4) return utf16le.decode(bytes);
  if (sample >= 4 && even > sample / 8 && odd < even / 4) return utf16be.decode(bytes);
  return utf8.decode(bytes);
}

// Tags, comments, CDATA, processing instructions and declarations of HTML and XML.
const TAG = /<!--([\s\S]*?)-->|<!\[CDATA\[([\s\S]*?)\]\]>|<\?[\s\S]*?\?>|<![^>]*>|<\/?([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /[\w.:-]+\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
// Elements that end a line of text (paragraphs, cells, breaks) in HTML, Office Open XML and OpenDocument.
const BREAKS = new Set([
  "p",
  "br",
  "cr",
  "tab",
  "tc",
  "tr",
  "td",
  "th",
  "c",
  "si",
  "row",
  "h",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "div",
  "table",
  "list-item",
  "table-cell",
  "table-row",
  "line-break",
  "txbxcontent",
  "footnote",
  "endnote",
  "comment",
  "title",
  "section",
  "article",
  "header",
  "footer",
  "ul",
  "ol",
  "dt",
  "dd",
  "blockquote",
  "pre",
]);

/** The text of markup with tags removed (runs of a paragraph joined), and what hides in tags. */
function markupText(markup: string, everyTagBreaks: boolean): { text: string; hidden: string } {
  const hidden: string[] = [];
  const text = markup.replace(TAG, (_all, comment?: string, cdata?: string, name?: string, attributes?: string) => {
    if (comment !== undefined) {
      hidden.push(comment);
      return "\n";
    }
    if (cdata !== undefined) return cdata;
    if (name === undefined) return "\n";
    if (attributes) for (const a of attributes.matchAll(ATTRIBUTE)) hidden.push((a[1] ?? a[2]) as string);
    const local = name.slice(name.lastIndexOf(":") + 1).toLowerCase();
    if (local === "s" && name.includes(":")) return " "; // OpenDocument's <text:s/> is a space
    return everyTagBreaks || BREAKS.has(local) ? "\n" : "";
  });
  return { text, hidden: hidden.join("\n") };
}

/** A text file's numbers with line and column; for markup also the numbers tags split. */
function scanPlainText(bytes: Uint8Array, markup: boolean, context: Context, at: CprPlace | undefined): void {
  const text = decodeText(bytes);
  const matches = scanTextForCpr(text);
  record(context, at ?? { kind: "text" }, matches, at === undefined);
  if (!markup) return;
  const seen = new Set(matches.map((m) => m.digits));
  const { text: shown } = markupText(text, false);
  record(
    context,
    at ?? { kind: "document" },
    scanTextForCpr(shown).filter((m) => !seen.has(m.digits)),
  );
}

// ---------------------------------------------------------------------------------------------
// Office Open XML and OpenDocument (zips of XML parts)

/** The place in a document that a zip entry is. */
function placeOfEntry(name: string): CprPlace {
  const lower = name.toLowerCase();
  const base = lower.slice(lower.lastIndexOf("/") + 1);
  const number = Number(/(\d+)\.xml$/.exec(base)?.[1] ?? "0");
  if (lower === "word/document.xml" || lower === "content.xml") return { kind: "document" };
  if (/^word\/header\d*\.xml$/.test(lower) || lower === "styles.xml") return part({ kind: "header" });
  if (/^word\/footer\d*\.xml$/.test(lower)) return part({ kind: "footer" });
  if (lower === "word/footnotes.xml") return part({ kind: "footnote" });
  if (lower === "word/endnotes.xml") return part({ kind: "endnote" });
  if (/(^|\/)comments[^/]*\.xml$|threadedcomments|\/persons?\//.test(lower)) return part({ kind: "comment" });
  if (lower.startsWith("docprops/") || lower === "meta.xml") return part({ kind: "properties" });
  if (lower === "xl/sharedstrings.xml" || lower.startsWith("xl/worksheets/") || lower === "xl/workbook.xml") return part({ kind: "sheet" });
  if (/^ppt\/slides\/slide\d+\.xml$/.test(lower)) return part({ kind: "slide", number });
  if (/^ppt\/notesslides\/notesslide\d+\.xml$/.test(lower)) return part({ kind: "notes", number });
  if (/\.(xml|rels|vml)$/.test(lower)) return part({ kind: "hidden" });
  return part({ kind: "embedded", name: maskCpr(name.slice(name.lastIndexOf("/") + 1)) });
}

/** A zip entry's bytes, inflated within the attachment's budget. */
function inflate(entry: JSZip.JSZipObject, context: Context): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stream = entry.nodeStream("nodebuffer");
    stream
      .on("data", (chunk: Buffer) => {
        size += chunk.length;
        context.inflated += chunk.length;
        if (context.inflated > MAX_INFLATED_BYTES) {
          stream.pause();
          reject(new Error(`indholdet fylder udpakket over ${MAX_INFLATED_BYTES / 1024 / 1024} MB`));
          return;
        }
        chunks.push(chunk);
      })
      .on("error", (error: Error) => reject(error))
      .on("end", () => resolve(Buffer.concat(chunks, size)));
  });
}

/** An XML part: its text (runs joined), and separately what hides in attributes and comments. */
function scanXmlPart(xml: string, place: CprPlace, context: Context, name: string): void {
  const properties = place.kind === "part" && place.part.kind === "properties";
  const { text, hidden } = markupText(xml, properties);
  const matches = scanTextForCpr(text);
  if (matches.length > 0 && /^word\//.test(name) && /<w:(delText|moveFrom)\b/.test(xml)) {
    // Which of them only tracked deletions hold: not in the text once they are left out.
    const visible = markupText(xml.replace(/<w:delText\b[^>]*>[\s\S]*?<\/w:delText>|<w:moveFrom\b[^>]*>[\s\S]*?<\/w:moveFrom>/g, ""), false);
    const shown = new Set(scanTextForCpr(visible.text).map((m) => m.digits));
    record(
      context,
      place,
      matches.filter((m) => shown.has(m.digits)),
    );
    record(
      context,
      part({ kind: "deleted" }),
      matches.filter((m) => !shown.has(m.digits)),
    );
  } else {
    record(context, place, matches);
  }
  const seen = new Set(matches.map((m) => m.digits));
  record(
    context,
    properties ? place : part({ kind: "hidden" }),
    scanTextForCpr(hidden).filter((m) => !seen.has(m.digits)),
  );
}

async function scanZip(bytes: Uint8Array, context: Context, nested: CprPlace | undefined): Promise<void> {
  const zip = await JSZip.loadAsync(bytes, { checkCRC32: false });
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    const place = nested ?? placeOfEntry(entry.name);
    // Names of the parts are in the file too.
    record(context, nested ?? part({ kind: "embedded", name: maskCpr(entry.name) }), scanTextForCpr(entry.name));
    const data = await inflate(entry, context);
    const isXml = /\.(xml|rels|vml|xhtml|html?)$/i.test(entry.name) || startsWithMarkup(data);
    if (isXml) {
      scanXmlPart(decodeText(data), place, context, entry.name);
      continue;
    }
    const inner = nested ?? part({ kind: "embedded", name: maskCpr(entry.name.slice(entry.name.lastIndexOf("/") + 1)) });
    await scanEmbedded(data, extensionOf(entry.name), context, inner);
  }
}

function startsWithMarkup(data: Uint8Array): boolean {
  let i = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
  while (i < data.length && i < 64 && (data[i] === 0x20 || data[i] === 0x0a || data[i] === 0x0d || data[i] === 0x09)) i++;
  return data[i] === 0x3c;
}

function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot + 1).toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// PDF

/** The strings in a plain object (annotation, metadata), a few levels deep. */
function stringsOf(value: unknown, out: string[], depth = 0): string[] {
  if (depth > 5 || value === null || value === undefined) return out;
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out, depth + 1);
  else if (typeof value === "object" && !ArrayBuffer.isView(value)) {
    for (const v of Object.values(value as Record<string, unknown>)) stringsOf(v, out, depth + 1);
  }
  return out;
}

/** Files inside a plain object (a file attachment annotation's `file`). */
function filesOf(value: unknown, out: { name: string; content: Uint8Array }[], depth = 0): typeof out {
  if (depth > 4 || value === null || typeof value !== "object") return out;
  const record = value as Record<string, unknown>;
  if (record.content instanceof Uint8Array) {
    const name = record.filename ?? record.rawFilename;
    out.push({ name: typeof name === "string" ? name : "", content: record.content });
    return out;
  }
  for (const v of Object.values(record)) filesOf(v, out, depth + 1);
  return out;
}

function scanStrings(strings: string[], place: CprPlace, context: Context, seen?: Set<string>): void {
  const matches = scanTextForCpr(strings.join("\n"));
  record(context, place, seen ? matches.filter((m) => !seen.has(m.digits)) : matches);
  if (seen) for (const m of matches) seen.add(m.digits);
}

/**
 * One pdf.js worker for every PDF this thread reads. pdf.js sets up a worker (in Node, a "fake"
 * one on the same thread, with its message ports and handlers) for each document that is not
 * given one, and that set-up was most of the cost of opening a small PDF: 1.2–1.7 ms of 3.7–5.3 ms
 * a document (400 of the benchmark's attachments, read twice in turns, on a loaded machine: shared
 * worker 0.64–0.72 × the time, the same text). pdf.js keeps documents apart on a worker by their
 * id, and `destroy()` of a document leaves a worker it was given alone.
 */
let sharedPdfWorker: Promise<PDFWorker> | undefined;

function pdfWorker(): Promise<PDFWorker> {
  sharedPdfWorker ??= (async () => {
    const { getResolvedPDFJS } = await import("unpdf");
    const { PDFWorker } = await getResolvedPDFJS();
    return new PDFWorker({ verbosity: 0 });
  })();
  return sharedPdfWorker;
}

async function scanPdf(bytes: Uint8Array, context: Context, nested: CprPlace | undefined): Promise<void> {
  const { extractText, getDocumentProxy } = await import("unpdf");
  const worker = await pdfWorker();
  // pdf.js may transfer (detach) the buffer it is given: hand it a copy.
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, worker });
  const at = (place: CprPlace) => nested ?? place;
  try {
    const { text } = await extractText(pdf, { mergePages: false });
    text.forEach((page, index) => record(context, at({ kind: "pdf-page", page: index + 1 }), scanTextForCpr(page)));

    const fields = new Set<string>();
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const annotations = (await page.getAnnotations({ intent: "display" })) as Record<string, unknown>[];
      for (const annotation of annotations) {
        const form = typeof annotation.fieldType === "string";
        const place = at(part(form ? { kind: "form-field", page: number } : { kind: "annotation", page: number }));
        scanStrings(stringsOf(annotation, []), place, context, form ? fields : undefined);
        for (const file of filesOf(annotation.file, [])) await scanAttached(file, context, nested);
      }
    }
    // Form fields without a widget on any page still hold their values.
    const fieldObjects = await pdf.getFieldObjects();
    if (fieldObjects) scanStrings(stringsOf(fieldObjects, []), at(part({ kind: "form-field" })), context, fields);

    const meta = await pdf.getMetadata();
    scanStrings(stringsOf(meta.info, []), at(part({ kind: "pdf-info" })), context);
    const xmp: unknown = meta.metadata?.getRaw();
    if (typeof xmp === "string" && xmp !== "") {
      const { text: xmpText, hidden } = markupText(xmp, true);
      scanStrings([xmpText, hidden], at(part({ kind: "xmp" })), context);
    }

    const outline = await pdf.getOutline();
    if (outline) scanStrings(stringsOf(outline, []), at(part({ kind: "outline" })), context);

    const attachments = (await pdf.getAttachments()) as Record<string, unknown> | null;
    for (const file of filesOf(attachments ?? {}, [])) await scanAttached(file, context, nested);
  } finally {
    await pdf.destroy();
  }
}

/** A file attached to a PDF: its name and contents. */
async function scanAttached(file: { name: string; content: Uint8Array }, context: Context, nested: CprPlace | undefined): Promise<void> {
  const place = nested ?? part({ kind: "pdf-attachment", name: maskCpr(file.name) });
  record(context, place, scanTextForCpr(file.name));
  await scanEmbedded(file.content, extensionOf(file.name), context, place);
}

// ---------------------------------------------------------------------------------------------
// RTF

const cp1252 = new TextDecoder("windows-1252");
// Destinations whose contents are not text: pictures, embedded objects' data, fonts' binary data.
const BINARY_DESTINATIONS = new Set(["pict", "objdata", "datastore", "themedata", "colorschememapping", "blipuid", "fontemb", "passwordhash"]);
const LINE_WORDS = new Set(["par", "line", "row", "cell", "sect", "page", "tab", "column"]);

/** The text of an RTF document: control words dropped, \'xx and \uN decoded, pictures skipped. */
export function rtfText(rtf: string): string {
  let out = "";
  const stack: { skip: boolean; uc: number }[] = [];
  let state = { skip: false, uc: 1 };
  let pendingSkip = 0;
  let i = 0;
  const emit = (text: string) => {
    if (pendingSkip > 0) {
      pendingSkip--;
      return;
    }
    if (!state.skip) out += text;
  };
  while (i < rtf.length) {
    const c = rtf[i] as string;
    if (c === "{") {
      stack.push(state);
      state = { ...state };
      i++;
    } else if (c === "}") {
      state = stack.pop() ?? { skip: false, uc: 1 };
      i++;
    } else if (c === "\\") {
      const next = rtf[i + 1] ?? "";
      if (next === "'") {
        emit(cp1252.decode(new Uint8Array([parseInt(rtf.slice(i + 2, i + 4), 16) || 0x3f])));
        i += 4;
        continue;
      }
      const word = /^([a-zA-Z]{1,32})(-?\d{1,10})? ?/.exec(rtf.slice(i + 1, i + 45));
      if (!word) {
        // A control symbol: \\ \{ \} literally, \~ no-break space, \- soft hyphen, \_ no-break hyphen.
        const symbols: Record<string, string> = { "\\": "\\", "{": "{", "}": "}", "~": "\u00a0", "-": "\u00ad", _: "\u2011" };
        if (next in symbols) emit(symbols[next] as string);
        else if (next === "\n" || next === "\r") emit("\n");
        i += 2;
        continue;
      }
      i += 1 + word[0].length;
      const name = word[1] as string;
      const param = word[2] === undefined ? undefined : Number(word[2]);
      if (name === "bin" && param !== undefined) i += Math.max(0, param);
      else if (name === "u" && param !== undefined) {
        emit(String.fromCharCode(param < 0 ? param + 65536 : param));
        pendingSkip = state.uc;
      } else if (name === "uc" && param !== undefined) state.uc = param;
      else if (BINARY_DESTINATIONS.has(name)) state.skip = true;
      else if (LINE_WORDS.has(name)) emit(name === "tab" ? "\t" : "\n");
    } else {
      if (c !== "\r" && c !== "\n") emit(c);
      i++;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Images and other binary files

const NUMBERISH = /[0-9\uff10-\uff19]|&#|\\u/;

/** The printable strings of binary data (as `strings` finds them), in Latin-1, UTF-8 and UTF-16. */
export function printableStrings(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const runs: string[] = [];
  const take = (text: string, pattern: RegExp, needsWide: boolean) => {
    for (const m of text.matchAll(pattern)) {
      if (NUMBERISH.test(m[0]) && (!needsWide || /[^\x00-\x7f]/.test(m[0]))) runs.push(m[0]);
    }
  };
  take(buffer.toString("latin1"), /[\t\x20-\x7e\xa0-\xff]{10,}/g, false);
  const wide = /[\t\x20-\x7e\xa0-\u024f\u0660-\u0669\u06f0-\u06f9\u2010-\u2015\u2212\u200b-\u200d\u2060\ufeff\uff0d-\uff19]{10,}/g;
  take(buffer.toString("utf8"), wide, true);
  for (const offset of [0, 1]) {
    const even = buffer.subarray(offset, offset + ((buffer.length - offset) & ~1));
    take(even.toString("utf16le"), wide, false);
    const swapped = Buffer.from(even);
    swapped.swap16();
    take(swapped.toString("utf16le"), wide, false);
  }
  return runs.join("\n");
}

/** A file inside a file: read by what its bytes are, as deep as MAX_DEPTH. */
async function scanEmbedded(bytes: Uint8Array, type: string, context: Context, place: CprPlace): Promise<void> {
  if (context.depth >= MAX_DEPTH) {
    record(context, place, scanTextForCpr(printableStrings(bytes)));
    return;
  }
  context.depth++;
  try {
    await scanBytes(bytes, sniff(bytes, type), context, place);
  } catch {
    // Not what it claims to be: its printable strings are still checked.
    record(context, place, scanTextForCpr(printableStrings(bytes)));
  } finally {
    context.depth--;
  }
}

/** The reader for bytes whose type the name does not say (no extension, or inside another file). */
function sniff(bytes: Uint8Array, type: string): Reader | "unknown" {
  const head = Buffer.from(bytes.subarray(0, 8)).toString("latin1");
  if (head.startsWith("%PDF")) return "pdf";
  if (head.startsWith("PK\u0003\u0004")) return "zip";
  if (head.startsWith("{\\rtf")) return "rtf";
  const reader = readerOf(type);
  if (reader !== "sniff" && reader !== "pdf" && reader !== "zip" && reader !== "rtf" && reader !== "old-office" && reader !== "compressed") {
    return reader;
  }
  if (type !== "" && reader !== "sniff") return "binary";
  // Text when it decodes without control characters other than line breaks and tabs.
  const sample = decodeText(bytes.subarray(0, 65536));
  return /[\u0000-\u0008\u000e-\u001f\ufffd]/.test(sample) ? "unknown" : "text";
}

async function scanBytes(bytes: Uint8Array, reader: Reader | "unknown", context: Context, nested: CprPlace | undefined): Promise<void> {
  switch (reader) {
    case "pdf":
      return scanPdf(bytes, context, nested);
    case "zip":
      return scanZip(bytes, context, nested);
    case "text":
    case "markup":
      return scanPlainText(bytes, reader === "markup", context, nested);
    case "rtf":
      record(context, nested ?? { kind: "document" }, scanTextForCpr(rtfText(decodeText(bytes))));
      return;
    case "image":
      record(context, nested ?? part({ kind: "image-metadata" }), scanTextForCpr(printableStrings(bytes)));
      return;
    case "binary":
    case "sniff":
    case "unknown":
      record(context, nested ?? part({ kind: "file-data" }), scanTextForCpr(printableStrings(bytes)));
      return;
  }
}

/**
 * Reads every part of an attachment of type `type` (lowercase extension without the dot) and finds
 * the CPR-like numbers in it. Never throws: a file that cannot be read is an error to report.
 */
export async function readAttachment(bytes: Uint8Array, type: string): Promise<AttachmentScan> {
  const refused = refusedFormat(type);
  if (refused) return { kind: "refused", format: refused };
  if (bytes.length > MAX_CHECK_BYTES) return { kind: "too-large", size: bytes.length };
  let reader = readerOf(type) as Reader;
  if (reader === "sniff") {
    const sniffed = sniff(bytes, type);
    if (sniffed === "unknown") return { kind: "refused", format: "unknown" };
    reader = sniffed;
  }
  const context: Context = { depth: 0, inflated: 0, findings: [], reported: new Set() };
  await scanBytes(bytes, reader, context, undefined);
  return { kind: "scanned", findings: context.findings };
}
