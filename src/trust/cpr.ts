// The CPR guard: no Danish civil registration number (CPR-nummer) may be published. It looks in
// every meeting's source file (front matter and body), its file names and the text of its
// attachments, and in kommune.yaml. What it can and cannot find: docs/trust.md "CPR guard".
import { createHash, scrypt as scryptCallback } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { displayPath } from "../report/display-path.ts";
import { sortProblems, type Problem } from "../report/problem.ts";
import { acquirePool, poolSize, releasePool } from "../workers/pool.ts";
import type { LoadScans, SourceScan } from "../content/sources.ts";
import { publishedFiles } from "../minutes/files.ts";
import type { Archive } from "../minutes/model.ts";
import { trustMessages, type CprPlace } from "./messages.ts";
import { maskCpr, scanTextForCpr, type CprMatch } from "./cpr-pattern.ts";
import { scanSourceForCpr } from "./cpr-source.ts";
import { readAttachment, refusedFormat, MAX_CHECK_BYTES, type AttachmentScan } from "./attachment-text.ts";
import { CleanRecord, guardVersion } from "./cpr-record.ts";
import { openCacheSeal, sealWith } from "../build/cache-key.ts";
import { resolveCacheRoot } from "../build/cache-dir.ts";
import { eachLimited } from "../build/each-limited.ts";

const scrypt = promisify(scryptCallback) as (password: string, salt: string, keylen: number, options: { N: number; r: number; p: number }) => Promise<Buffer>;

export { isCprDate, maskCpr, scanTextForCpr, type CprMatch } from "./cpr-pattern.ts";
export { scanSourceForCpr } from "./cpr-source.ts";
export { hasCheckableText, type AttachmentScan } from "./attachment-text.ts";

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

/** The clean record's content key of an attachment: the SHA-256 of its type and bytes. */
export function attachmentKey(type: string, bytes: Uint8Array): string {
  return createHash("sha256").update(`${type}\u0000`).update(bytes).digest("hex");
}
const EXTRACT_TIMEOUT_MS = 60_000;

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

/** Reads every part of an attachment and scans it (in a worker thread of the loader's pool, or here). */
export async function scanAttachmentBytes(bytes: Uint8Array, type: string): Promise<AttachmentScan> {
  try {
    return await withTimeout(readAttachment(bytes, type), EXTRACT_TIMEOUT_MS);
  } catch (error) {
    return { kind: "error", reason: maskCpr(reasonOf(error)) };
  }
}

/** What scanning a file on disk found, and the key (`attachmentKey`) of exactly the bytes scanned. */
export interface FileScan {
  scan: AttachmentScan;
  /** Absent when the file could not be read. */
  key?: string;
}

/** scanAttachmentBytes for a file on disk; a file that cannot be read is an error too. */
export async function scanAttachmentFile(file: string, type: string): Promise<FileScan> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return { scan: { kind: "error", reason: maskCpr(reasonOf(error)) } };
  }
  return { scan: await scanAttachmentBytes(bytes, type), key: attachmentKey(type, bytes) };
}

const TYPE_NAMES: Record<string, string> = {
  pdf: "PDF",
  docx: "Word-dokument (.docx)",
  docm: "Word-dokument (.docm)",
  xlsx: "Excel-regneark (.xlsx)",
  xlsm: "Excel-regneark (.xlsm)",
  pptx: "PowerPoint-præsentation (.pptx)",
  odt: "OpenDocument-tekst (.odt)",
  ods: "OpenDocument-regneark (.ods)",
  odp: "OpenDocument-præsentation (.odp)",
  zip: "zip-arkiv",
  rtf: "RTF-dokument",
};

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // The first sentence is the useful part ("Invalid PDF structure"); the rest is often a URL.
  const first =
    message
      .replace(/\s+/g, " ")
      .trim()
      .split(/ : |\. /)[0] ?? "";
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

/** The file as the loader names files (src/report/display-path.ts), with any CPR-like part masked. */
function shownPath(file: string, cwd: string): string {
  return maskCpr(displayPath(file, cwd));
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

/**
 * Extracts and scans an attachment not known to be clean: here, or in the worker pool. With `bytes`,
 * those are scanned; else the file is read, and the result names the key of the bytes read (which
 * differ from the loader's when the file changed since).
 */
type Extract = (file: string, type: string, bytes: Buffer | undefined) => Promise<FileScan>;

async function scanMeeting(
  meeting: MeetingSource,
  cwd: string,
  hash: (digits: string, salt: string) => Promise<string>,
  cache: CleanRecord,
  extract: Extract,
  checked: Map<string, string>,
): Promise<Problem[]> {
  const findings: Finding[] = [];
  const problems: Problem[] = [];
  const meetingFile = shownPath(meeting.absolutePath, cwd);

  // The source file, front matter and body alike (YAML comments too).
  let sourceMatches = meeting.scan?.cpr;
  if (!sourceMatches) {
    let source = "";
    try {
      source = await readFile(meeting.absolutePath, "utf8");
    } catch {
      // The loader has read it; if it has gone since, there is nothing to publish either.
    }
    sourceMatches = scanSourceForCpr(source, "meeting");
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
  // A file the guard cannot read is refused only when it is published; one left in the folder
  // without being listed is not copied (it is still read for CPR numbers where it can be).
  const published = new Set(meeting.listed.map((file) => path.resolve(file)));

  for (const file of files) {
    const shown = shownPath(file, cwd);
    const name = path.relative(path.dirname(folder), file).split(path.sep).join("/");
    for (const match of scanTextForCpr(name)) {
      findings.push({ file: shown, line: 1, col: 1, match, place: { kind: "file-name" } });
    }
    const type = path.extname(file).slice(1).toLowerCase();
    const isPublished = published.has(path.resolve(file));
    const refused = refusedFormat(type);
    if (refused) {
      if (isPublished) problems.push(problemAt(shown, trustMessages.unreadableFormat(refused, type)));
      continue;
    }
    let key = keys.get(file);
    let bytes: Buffer | undefined;
    if (key === undefined) {
      try {
        bytes = await readFile(file);
      } catch (error) {
        problems.push(unreadable(shown, type, maskCpr(reasonOf(error))));
        continue;
      }
      key = attachmentKey(type, bytes);
    }
    if (cache.has(key)) {
      checked.set(path.resolve(file), key);
      continue;
    }
    const read = await extract(file, type, bytes);
    const scanned = read.scan;
    // The key of the bytes the guard judged: what the copy stage must find again (src/build/copy.ts).
    if (read.key !== undefined) key = read.key;
    if (scanned.kind === "error") {
      problems.push(unreadable(shown, type, scanned.reason));
      continue;
    }
    if (scanned.kind === "refused") {
      if (isPublished) problems.push(problemAt(shown, trustMessages.unreadableFormat(scanned.format, type)));
      continue;
    }
    if (scanned.kind === "too-large") {
      if (isPublished) problems.push(problemAt(shown, trustMessages.tooLargeToCheck(megabytes(scanned.size), megabytes(MAX_CHECK_BYTES))));
      continue;
    }
    for (const finding of scanned.findings) {
      findings.push({ file: shown, line: finding.line, col: finding.col, match: finding.match, place: finding.place });
    }
    checked.set(path.resolve(file), key);
    if (scanned.findings.length === 0) cache.add(key);
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
      message: trustMessages.cprInMeeting(finding.match.masked, finding.place, entry, finding.file === meetingFile ? undefined : meetingFile),
    });
  }
  return problems;
}

function problemAt(file: string, message: string): Problem {
  return { file, line: 1, col: 1, field: "cpr", message };
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MB`;
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
  /**
   * The secret the record's entries are sealed with (src/trust/cpr-record.ts); false for no
   * record. Default: the cache's seal (src/build/cache-key.ts: `REFERAT_CACHE_SECRET`, else the
   * secret file in the user's config folder).
   */
  cacheSecret?: string | false;
  /**
   * What the loader saw of the files (src/content/load.ts `LoadResult.scans`): no file it scanned is
   * read again but the attachments not yet known to be clean, and the files it rejected are checked
   * too. Without it, every meeting's files are read here.
   */
  scans?: Partial<LoadScans>;
}

/** What the CPR guard found, and the attachments it judged. */
export interface CprResult {
  /** A problem for every CPR-like number not allowed, and every attachment that cannot be checked; none is a pass. */
  problems: Problem[];
  /**
   * Each attachment the guard judged (absolute path) with the key (`attachmentKey`) of the bytes it
   * judged: the copy stage publishes only those bytes (src/build/copy.ts). A file with no text to
   * check is not in it.
   */
  checked: ReadonlyMap<string, string>;
}

/**
 * Returns a problem for every CPR-like number in the archive's meetings (source file, file names,
 * attachment text) and kommune.yaml files, unless the meeting allows it by hash in `cpr_allow`.
 * Never throws for bad content: an unreadable attachment is a problem too.
 */
export async function findCprNumbers(archive: Archive, cwd: string = process.cwd(), options: CprScanOptions = {}): Promise<Problem[]> {
  return (await checkCpr(archive, cwd, options)).problems;
}

/** findCprNumbers, with the keys of the attachments judged. */
export async function checkCpr(archive: Archive, cwd: string = process.cwd(), options: CprScanOptions = {}): Promise<CprResult> {
  return (await startCprCheck(archive, cwd, options)).result();
}

/** A CPR check under way: how much it has to extract, and its result. */
export interface CprCheck {
  /** Attachments the loader hashed that the record does not hold as clean: to be read and extracted (none on most rebuilds). */
  pending: number;
  /** Finishes the check (once; later calls give the same promise). */
  result(): Promise<CprResult>;
}

/**
 * The first part of checkCpr: opens the record of clean attachments, checks the kommune.yaml files
 * and counts the attachments to extract, so that a caller can tell a check that is done in a moment
 * (nothing to extract) from one that will take the worker pool a while.
 */
export async function startCprCheck(archive: Archive, cwd: string = process.cwd(), options: CprScanOptions = {}): Promise<CprCheck> {
  const cacheDir = options.cacheDir === false ? undefined : (options.cacheDir ?? resolveCacheRoot(process.env, cwd));
  const seal =
    !cacheDir || options.cacheSecret === false
      ? undefined
      : options.cacheSecret === undefined
        ? openCacheSeal(cacheDir)
        : sealWith(Buffer.from(options.cacheSecret, "utf8"));
  const cache = await CleanRecord.open(cacheDir, seal, await guardVersion());
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
    for (const match of scanSourceForCpr(text, "yaml")) {
      problems.push({
        file: shownPath(kommune.sourcePath, cwd),
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
        const scan = options.scans?.meetings?.get(meeting);
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
  for (const scan of options.scans?.rejected ?? []) {
    sources.push({ absolutePath: scan.absolutePath, sourcePath: scan.sourcePath, cprAllow: scan.cprAllow, listed: [], scan });
  }

  // Many attachments not yet known to be clean (a first build): extract them in worker threads.
  let pending = 0;
  for (const source of sources) {
    for (const file of source.scan?.folder ?? []) if (file.key !== undefined && !cache.has(file.key)) pending++;
  }
  let running: Promise<CprResult> | undefined;
  const result = () => (running ??= finish(sources, pending, cwd, cache, problems, hash));
  return { pending, result };
}

/** The second part of checkCpr: every meeting's files scanned, the record saved. */
async function finish(
  sources: readonly MeetingSource[],
  pending: number,
  cwd: string,
  cache: CleanRecord,
  problems: Problem[],
  hash: (digits: string, salt: string) => Promise<string>,
): Promise<CprResult> {
  const checked = new Map<string, string>();
  const pool = pending >= POOL_THRESHOLD && poolSize() > 1 ? acquirePool() : undefined;
  const extracted = new Map<string, Promise<FileScan>>();
  const extract: Extract = async (file, type, bytes) => {
    if (bytes) return { scan: await scanAttachmentBytes(bytes, type) };
    let result = extracted.get(file);
    if (!result) {
      result = pool ? pool.run<FileScan>({ kind: "extract", file, type }).catch(() => scanAttachmentFile(file, type)) : scanAttachmentFile(file, type);
      extracted.set(file, result);
    }
    return result;
  };
  try {
    await eachLimited(sources, pool ? 64 : 16, async (source) => {
      problems.push(...(await scanMeeting(source, cwd, hash, cache, extract, checked)));
    });
  } finally {
    if (pool) releasePool(pool);
  }
  await cache.save();
  return { problems: sortProblems(problems), checked };
}
