// The CPR guard: no Danish civil registration number (CPR-nummer) may be published. It looks in
// every meeting's source file (front matter and body), its file names and the text of its
// attachments, and in kommune.yaml. What it can and cannot find: docs/trust.md "CPR guard".
import { createHash, randomBytes, scrypt as scryptCallback } from "node:crypto";
import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { sortProblems, type Problem } from "../content/problem.ts";
import { acquirePool, poolSize, releasePool } from "../content/pool.ts";
import { rejectedScans, scanOf, type SourceScan } from "../content/sources.ts";
import { publishedFiles } from "../minutes/files.ts";
import type { Archive } from "../minutes/model.ts";
import { trustMessages, type CprPlace } from "./messages.ts";
import { resolveCacheRoot } from "../build/cache-dir.ts";
import { eachLimited } from "../build/each-limited.ts";

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: string,
  keylen: number,
  options: { N: number; r: number; p: number },
) => Promise<Buffer>;

/** One CPR-like number found in a text. */
export interface CprMatch {
  /** The text as written, e.g. "010190-1234" or "0101901234". */
  match: string;
  /** The ten digits without separator. */
  digits: string;
  /** 0-based offset in the text (UTF-16 code units). */
  index: number;
  /** 1-based line and column. */
  line: number;
  col: number;
  /** The number with its last four digits hidden: "010190-****". */
  masked: string;
}

// Six digits, an optional separator (hyphen of any kind, possibly spaced, or one space), four
// digits; not part of a longer run of digits. This is the cheap prefilter; dates are checked after.
const SPACE = "[ \\u00a0\\u202f]";
const HYPHEN = "[-\\u2010-\\u2015\\u2212]";
const CPR_PATTERN = new RegExp(`(?<!\\d)(\\d{6})(?:${SPACE}?${HYPHEN}${SPACE}?|${SPACE})?(\\d{4})(?!\\d)`, "g");

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether DDMMYY is a real date in some century. 29 February needs a leap year: for YY 01–99
 * that is YY divisible by 4 in every century; YY 00 is a leap year in 2000 (not 1900), so it counts.
 */
export function isCprDate(ddmmyy: string): boolean {
  const day = Number(ddmmyy.slice(0, 2));
  const month = Number(ddmmyy.slice(2, 4));
  const year = Number(ddmmyy.slice(4, 6));
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && day === 29) return year % 4 === 0;
  return day <= (DAYS_IN_MONTH[month - 1] as number);
}

/** Every CPR-like number in `text`: DDMMYY-SSSS, DDMMYYSSSS or DDMMYY SSSS whose DDMMYY is a date. */
export function scanTextForCpr(text: string): CprMatch[] {
  const found: CprMatch[] = [];
  let line = 1;
  let lineStart = 0;
  let counted = 0;
  for (const m of text.matchAll(CPR_PATTERN)) {
    const first = m[1] as string;
    if (!isCprDate(first)) continue;
    const index = m.index;
    for (let i = text.indexOf("\n", counted); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) {
      line += 1;
      lineStart = i + 1;
    }
    counted = index;
    found.push({
      match: m[0],
      digits: first + (m[2] as string),
      index,
      line,
      col: index - lineStart + 1,
      masked: `${first}-****`,
    });
  }
  return found;
}

/** `text` with every CPR-like number masked, for printing paths and names that contain one. */
export function maskCpr(text: string): string {
  return text.replace(CPR_PATTERN, (all, first: string) => (isCprDate(first) ? `${first}-****` : all));
}

/** scrypt cost: 2^14 × 8 × 128 bytes = 16 MiB and some tens of milliseconds per hash. */
const SCRYPT_OPTIONS = { N: 2 ** 14, r: 8, p: 1 };
const ENTRY_PREFIX = "cpr1-";

/**
 * The `cpr_allow` entry that allows the number `digits` (ten digits, no separator) in the meeting
 * `sourcePath` (relative to the content folder, forward slashes): "cpr1-" and 32 hex digits of
 * scrypt(digits, "referatarkiv:cpr_allow:" + sourcePath). Salted by the file, so an entry is
 * useless in another file and a list of hashes cannot be checked against all numbers at once.
 */
export async function cprAllowEntry(digits: string, sourcePath: string): Promise<string> {
  const key = await scrypt(digits, `referatarkiv:cpr_allow:${sourcePath}`, 16, SCRYPT_OPTIONS);
  return ENTRY_PREFIX + key.toString("hex");
}

/** Whether a `cpr_allow` entry has the form the guard prints ("cpr1-" and 32 lowercase hex digits). */
export function isCprAllowEntry(value: string): boolean {
  return /^cpr1-[0-9a-f]{32}$/.test(value);
}

const TEXT_TYPES = new Set(["txt", "md", "markdown", "csv", "tsv", "json", "xml", "html", "htm", "yaml", "yml", "ics"]);

/** Whether the guard reads the text of a file of this type (lowercase extension without the dot). */
export function hasCheckableText(type: string): boolean {
  return type === "pdf" || type === "docx" || TEXT_TYPES.has(type);
}

/** The clean cache's key of an attachment: the SHA-256 of its type and bytes. */
export function attachmentKey(type: string, bytes: Uint8Array): string {
  return createHash("sha256").update(`${type}\u0000`).update(bytes).digest("hex");
}
const EXTRACT_TIMEOUT_MS = 60_000;

/** Text of an attachment by type, as pages (PDF) or one text; undefined for types without text. */
type Extracted = { kind: "pdf"; pages: string[] } | { kind: "document" | "text"; text: string } | undefined;

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gav ikke svar inden for ${ms / 1000} sekunder`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function extractText(bytes: Buffer, type: string): Promise<Extracted> {
  if (type === "pdf") {
    const { extractText: extractPdfText, getDocumentProxy } = await import("unpdf");
    // pdf.js may transfer (detach) the buffer it is given: hand it a copy.
    const data = new Uint8Array(bytes);
    const pdf = await getDocumentProxy(data, { verbosity: 0 });
    try {
      const { text } = await extractPdfText(pdf, { mergePages: false });
      return { kind: "pdf", pages: text };
    } finally {
      await pdf.destroy();
    }
  }
  if (type === "docx") {
    const mammoth = (await import("mammoth")).default;
    const result = await mammoth.extractRawText({ buffer: bytes });
    return { kind: "document", text: result.value };
  }
  if (TEXT_TYPES.has(type)) return { kind: "text", text: bytes.toString("utf8") };
  return undefined;
}

/** The CPR-like numbers in an attachment's text, or why its text could not be read. Plain data. */
export type AttachmentScan =
  | { kind: "pdf"; pages: CprMatch[][] }
  | { kind: "document" | "text"; matches: CprMatch[] }
  | { kind: "none" }
  | { kind: "error"; reason: string };

/** Extracts an attachment's text and scans it (in a worker thread of the loader's pool, or here). */
export async function scanAttachmentBytes(bytes: Buffer, type: string): Promise<AttachmentScan> {
  let extracted: Extracted;
  try {
    extracted = await withTimeout(extractText(bytes, type), EXTRACT_TIMEOUT_MS);
  } catch (error) {
    return { kind: "error", reason: maskCpr(reasonOf(error)) };
  }
  if (!extracted) return { kind: "none" };
  if (extracted.kind === "pdf") return { kind: "pdf", pages: extracted.pages.map((page) => scanTextForCpr(page)) };
  return { kind: extracted.kind, matches: scanTextForCpr(extracted.text) };
}

/** scanAttachmentBytes for a file on disk; a file that cannot be read is an error too. */
export async function scanAttachmentFile(file: string, type: string): Promise<AttachmentScan> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return { kind: "error", reason: maskCpr(reasonOf(error)) };
  }
  return scanAttachmentBytes(bytes, type);
}

/**
 * Attachments already found clean, by the SHA-256 of their type and bytes: extracting the text of
 * thousands of PDFs on every build is the guard's main cost, and a file whose bytes have not
 * changed cannot have gained a number. Only hashes of clean files are kept (never text or
 * numbers); bump the version when the pattern or the extraction changes.
 */
const CACHE_FILE = "cpr-clean-v1.txt";

class CleanCache {
  private readonly known = new Set<string>();
  private readonly added = new Set<string>();

  constructor(private readonly dir: string | undefined) {}

  static async open(dir: string | undefined): Promise<CleanCache> {
    const cache = new CleanCache(dir);
    if (dir) {
      try {
        for (const line of (await readFile(path.join(dir, CACHE_FILE), "utf8")).split("\n")) {
          if (/^[0-9a-f]{64}$/.test(line)) cache.known.add(line);
        }
      } catch {
        // No cache yet, or unreadable: start empty.
      }
    }
    return cache;
  }

  static key(type: string, bytes: Buffer): string {
    return attachmentKey(type, bytes);
  }

  has(key: string): boolean {
    return this.known.has(key);
  }

  add(key: string): void {
    if (!this.known.has(key)) this.added.add(key);
  }

  /** Writes the cache atomically (a temporary file renamed into place); failures are ignored. */
  async save(): Promise<void> {
    if (!this.dir || this.added.size === 0) return;
    try {
      await mkdir(this.dir, { recursive: true });
      const file = path.join(this.dir, CACHE_FILE);
      const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
      await writeFile(temp, [...this.known, ...this.added].join("\n") + "\n");
      await rename(temp, file);
    } catch {
      // A cache is an optimisation only.
    }
  }
}

const TYPE_NAMES: Record<string, string> = { pdf: "PDF", docx: "Word-dokument (.docx)" };

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // The first sentence is the useful part ("Invalid PDF structure"); the rest is often a URL.
  const first = message.replace(/\s+/g, " ").trim().split(/ : |\. /)[0] ?? "";
  return first.replace(/\.$/, "") || "ukendt fejl";
}

async function filesUnder(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder, { recursive: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const name of names.sort()) {
    const file = path.join(folder, name);
    try {
      if ((await stat(file)).isFile()) files.push(file);
    } catch {
      // Vanished or unreadable: the loader reports missing attachments.
    }
  }
  return files;
}

/** The file relative to the working directory, as the loader prints files (src/content/load.ts). */
function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  const shown = relative === "" || path.isAbsolute(relative) ? file : relative;
  return maskCpr(shown.split(path.sep).join("/"));
}

interface Finding {
  file: string;
  line: number;
  col: number;
  match: CprMatch;
  place: CprPlace;
}

/** A meeting file to scan: from the archive, or read by the loader and left out for its problems. */
interface MeetingSource {
  absolutePath: string;
  sourcePath: string;
  cprAllow: readonly string[];
  /** Attachments the meeting lists (they lie in its folder when the meeting is valid). */
  listed: readonly string[];
  /** What the loader saw, when the loader made the archive: then no file is read twice. */
  scan?: SourceScan;
}

/** Extracts and scans an attachment not known to be clean: here, or in the worker pool. */
type Extract = (file: string, type: string, bytes: Buffer | undefined) => Promise<AttachmentScan>;

async function scanMeeting(
  meeting: MeetingSource,
  cwd: string,
  hash: (digits: string, salt: string) => Promise<string>,
  cache: CleanCache,
  extract: Extract,
): Promise<Problem[]> {
  const findings: Finding[] = [];
  const problems: Problem[] = [];
  const meetingFile = displayPath(meeting.absolutePath, cwd);

  // The source file, front matter and body alike (YAML comments too).
  let sourceMatches = meeting.scan?.cpr;
  if (!sourceMatches) {
    let source = "";
    try {
      source = await readFile(meeting.absolutePath, "utf8");
    } catch {
      // The loader has read it; if it has gone since, there is nothing to publish either.
    }
    sourceMatches = scanTextForCpr(source);
  }
  for (const match of sourceMatches) {
    findings.push({ file: meetingFile, line: match.line, col: match.col, match, place: { kind: "text" } });
  }
  for (const match of scanTextForCpr(meeting.sourcePath)) {
    findings.push({ file: meetingFile, line: 1, col: 1, match, place: { kind: "file-name" } });
  }

  // Attachments: everything in the meeting's folder, and any listed attachment elsewhere.
  const folder = meeting.absolutePath.replace(/\.md$/i, "");
  const keys = new Map<string, string>();
  let files: Set<string>;
  if (meeting.scan) {
    files = new Set();
    for (const file of meeting.scan.folder) {
      files.add(file.path);
      if (file.key !== undefined) keys.set(file.path, file.key);
    }
  } else {
    files = new Set(await filesUnder(folder));
  }
  for (const file of meeting.listed) files.add(file);

  for (const file of files) {
    const shown = displayPath(file, cwd);
    const name = path.relative(path.dirname(folder), file).split(path.sep).join("/");
    for (const match of scanTextForCpr(name)) {
      findings.push({ file: shown, line: 1, col: 1, match, place: { kind: "file-name" } });
    }
    const type = path.extname(file).slice(1).toLowerCase();
    if (!hasCheckableText(type)) continue;
    let key = keys.get(file);
    let bytes: Buffer | undefined;
    if (key === undefined) {
      try {
        bytes = await readFile(file);
      } catch (error) {
        problems.push(unreadable(shown, type, maskCpr(reasonOf(error))));
        continue;
      }
      key = CleanCache.key(type, bytes);
    }
    if (cache.has(key)) continue;
    const scanned = await extract(file, type, bytes);
    if (scanned.kind === "error") {
      problems.push(unreadable(shown, type, scanned.reason));
      continue;
    }
    if (scanned.kind === "none") continue;
    const before = findings.length;
    if (scanned.kind === "pdf") {
      scanned.pages.forEach((page, index) => {
        for (const match of page) {
          findings.push({ file: shown, line: 1, col: 1, match, place: { kind: "pdf-page", page: index + 1 } });
        }
      });
    } else if (scanned.kind === "document") {
      for (const match of scanned.matches) {
        findings.push({ file: shown, line: 1, col: 1, match, place: { kind: "document" } });
      }
    } else {
      for (const match of scanned.matches) {
        findings.push({ file: shown, line: match.line, col: match.col, match, place: { kind: "text" } });
      }
    }
    if (findings.length === before) cache.add(key);
  }

  const allowed = new Set(meeting.cprAllow);
  for (const finding of findings) {
    const entry = await hash(finding.match.digits, meeting.sourcePath);
    if (allowed.has(entry)) continue;
    problems.push({
      file: finding.file,
      line: finding.line,
      col: finding.col,
      field: "cpr",
      message: trustMessages.cprInMeeting(
        finding.match.masked,
        finding.place,
        entry,
        finding.file === meetingFile ? undefined : meetingFile,
      ),
    });
  }
  return problems;
}

function unreadable(file: string, type: string, reason: string): Problem {
  return { file, line: 1, col: 1, field: "cpr", message: trustMessages.unreadableAttachment(TYPE_NAMES[type] ?? type, reason) };
}

/** Attachments to extract before the worker pool pays for its start (about a second a worker). */
const POOL_THRESHOLD = 200;

export interface CprScanOptions {
  /**
   * Folder for the cache of clean attachments; false for none. Default: the build's cache folder
   * (src/build/cache-dir.ts: `REFERAT_CACHE_DIR`, else `node_modules/.cache/referatarkiv` under
   * `cwd` when `node_modules` exists there).
   */
  cacheDir?: string | false;
}

/**
 * Returns a problem for every CPR-like number in the archive's meetings (source file, file names,
 * attachment text) and kommune.yaml files, unless the meeting allows it by hash in `cpr_allow`.
 * Never throws for bad content: an unreadable attachment is a problem too.
 */
export async function findCprNumbers(archive: Archive, cwd: string = process.cwd(), options: CprScanOptions = {}): Promise<Problem[]> {
  const cacheDir =
    options.cacheDir === false
      ? undefined
      : (options.cacheDir ?? resolveCacheRoot(process.env, cwd));
  const cache = await CleanCache.open(cacheDir);
  const problems: Problem[] = [];
  const hashes = new Map<string, Promise<string>>();
  const hash = (digits: string, salt: string): Promise<string> => {
    const key = `${salt}\u0000${digits}`;
    let entry = hashes.get(key);
    if (!entry) {
      entry = cprAllowEntry(digits, salt);
      hashes.set(key, entry);
    }
    return entry;
  };

  for (const kommune of archive.kommuner) {
    let text: string;
    try {
      text = await readFile(kommune.sourcePath, "utf8");
    } catch {
      continue;
    }
    for (const match of scanTextForCpr(text)) {
      problems.push({
        file: displayPath(kommune.sourcePath, cwd),
        line: match.line,
        col: match.col,
        field: "cpr",
        message: trustMessages.cprInKommune(match.masked),
      });
    }
  }

  // Every meeting in the archive, and every meeting file the loader read but left out for its
  // problems: a CPR number in a broken file is reported too (by `referat check`).
  const sources: MeetingSource[] = [];
  for (const kommune of archive.kommuner) {
    for (const council of kommune.councils) {
      for (const meeting of council.meetings) {
        const scan = scanOf(meeting);
        sources.push({
          absolutePath: meeting.absolutePath,
          sourcePath: meeting.sourcePath,
          cprAllow: meeting.cprAllow,
          listed: publishedFiles(meeting).map((attachment) => attachment.sourcePath),
          ...(scan ? { scan } : {}),
        });
      }
    }
  }
  for (const scan of rejectedScans(archive)) {
    sources.push({ absolutePath: scan.absolutePath, sourcePath: scan.sourcePath, cprAllow: scan.cprAllow, listed: [], scan });
  }

  // Many attachments not yet known to be clean (a first build): extract them in worker threads.
  let pending = 0;
  for (const source of sources) {
    for (const file of source.scan?.folder ?? []) if (file.key !== undefined && !cache.has(file.key)) pending++;
  }
  const pool = pending >= POOL_THRESHOLD && poolSize() > 1 ? acquirePool() : undefined;
  const extracted = new Map<string, Promise<AttachmentScan>>();
  const extract: Extract = (file, type, bytes) => {
    if (bytes) return scanAttachmentBytes(bytes, type);
    let result = extracted.get(file);
    if (!result) {
      result = pool
        ? pool.run<AttachmentScan>({ kind: "extract", file, type }).catch(() => scanAttachmentFile(file, type))
        : scanAttachmentFile(file, type);
      extracted.set(file, result);
    }
    return result;
  };
  try {
    await eachLimited(sources, pool ? 64 : 16, async (source) => {
      problems.push(...(await scanMeeting(source, cwd, hash, cache, extract)));
    });
  } finally {
    if (pool) releasePool(pool);
  }
  await cache.save();
  return sortProblems(problems);
}
