// One meeting file, from its path to a validated Meeting or its problems: read, validate, check the
// attachments on disk and the placement (date against file name and year folder), and note what the
// CPR guard needs (the CPR-like numbers in the text, the attachment folder's files and their hashes).
// Synchronous and self-contained, so that it runs the same in a worker thread (src/content/worker.ts)
// and in the loader's own thread; the result is plain data.
import { createHash } from "node:crypto";
import { closeSync, fstatSync, lstatSync, readFileSync, readSync } from "node:fs";
import path from "node:path";
import { messages } from "../minutes/messages.ts";
import type { Attachment, Meeting } from "../minutes/model.ts";
import { fileIdentity, MeetingCache, packOf, type EntryPlace, type MeetingCacheRef, type ValidatedEntry } from "./cache.ts";
import { decodeUtf8 } from "../minutes/parse.ts";
import { MAX_MEETING_BYTES, validateMeetingBytes, validateMeetingText, type MeetingResult } from "../minutes/validate.ts";
import { attachmentBytesProblem, SNIFF_BYTES } from "../trust/attachments.ts";
import { attachmentKey, hasCheckableText, maskCpr, scanSourceForCpr } from "../trust/cpr.ts";
import type { YamlPath } from "../yaml/positions.ts";
import { ProblemReporter } from "../yaml/report.ts";
import { kindOfDirent, kindOfPath, linkTarget, listFolder, openRegularFile, readContentFile, type EntryKind } from "./files.ts";
import { fileMessages } from "./messages.ts";
import { displayPath } from "../report/display-path.ts";
import type { Problem } from "../report/problem.ts";
import type { FolderFile, SourceScan } from "./sources.ts";

/** A meeting file found by the loader's walk. */
export interface MeetingJob {
  absolutePath: string;
  sourcePath: string;
  kommune: string;
  raad: string;
  year: string;
  slug: string;
  councilName: string;
  /** Whether the year folder holds the attachment folder `<slug>/`. */
  hasFolder: boolean;
}

export interface MeetingFileResult {
  /** The meeting, when it has no problems (the loader may still find a duplicate address). */
  meeting?: Meeting;
  problems: Problem[];
  /** What the CPR guard needs; absent when the file could not be read. */
  scan?: SourceScan;
}

const opened = new Map<string, MeetingCache | undefined>();

/** The meeting cache `ref` names, opened once per thread (undefined when it cannot be sealed). */
export function meetingCacheIn(ref: MeetingCacheRef): MeetingCache | undefined {
  const id = `${ref.root}\0${ref.code}`;
  if (!opened.has(id)) opened.set(id, MeetingCache.open(ref));
  return opened.get(id);
}

/** The cache and the pack of the meeting file being read (src/content/cache.ts). */
interface InPack {
  cache: MeetingCache;
  pack: string;
}

/**
 * Reads, validates and checks one meeting file. Never throws for bad content. With a cache of
 * validated meetings (src/content/cache.ts), validation's result is taken from it when it
 * holds the file's key, and kept in it when it does not; the checks on disk run either way. The
 * file is not read at all when the cache has its bytes' hash recorded for the identity lstat finds
 * (and then neither are its attachments whose hashes are recorded so).
 */
export function readMeetingFile(job: MeetingJob, cache?: MeetingCache): MeetingFileResult {
  const file = displayPath(job.absolutePath);
  const place: EntryPlace = { file, absolutePath: job.absolutePath, sourcePath: job.sourcePath, kommune: job.kommune, raad: job.raad, year: job.slug.slice(0, 4), slug: job.slug, councilName: job.councilName };
  const name = `m:${job.absolutePath}`;
  const inPack = cache ? { cache, pack: packOf(job) } : undefined;
  const known = inPack?.cache.knownHash(inPack.pack, name);
  /** Whether the entry was found but a check on disk needs the file validated again. */
  let placed = false;
  if (inPack && known !== undefined) {
    const cached = inPack.cache.get(inPack.pack, inPack.cache.key(place, known));
    if (cached) {
      const result = fromEntry(job, cached, inPack);
      if (result) return result;
      placed = true;
    }
  }
  const read = readContentFile(job.absolutePath, MAX_MEETING_BYTES, inPack !== undefined);
  if (read.kind !== "ok") {
    // Oversize, not a regular file, or vanished between listing and reading: reported without reading it.
    const reporter = new ProblemReporter(file);
    reporter.atLine(1, 1, "fil", read.kind === "missing"
      ? messages.unreadable("den findes ikke")
      : read.kind === "unreadable"
        ? fileMessages.unreadableFile(read.code)
        : read.kind === "not-regular"
          ? notRegularMessage(job.absolutePath, read.entry)
          : `${messages.fileTooLarge(read.size, MAX_MEETING_BYTES, "et møde")}; ${messages.meetingTooLargeHint}`);
    return { problems: reporter.problems };
  }
  const bytes = read.bytes;
  if (!inPack) return validateAndCheck(job, place, bytes);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  inPack.cache.noteHash(inPack.pack, name, read.stats && fileIdentity(read.stats), sha256);
  const key = inPack.cache.key(place, sha256);
  const cached = placed ? undefined : inPack.cache.get(inPack.pack, key);
  if (cached) {
    const result = fromEntry(job, cached, inPack);
    if (result) return result;
    placed = true;
  }
  // A check on disk found a problem (`placed`): it is placed at its YAML value, which needs the file parsed.
  return validateAndCheck(job, place, bytes, placed ? undefined : (entry) => inPack.cache.put(inPack.pack, key, entry), inPack);
}

/**
 * A meeting file's result from its cached validation, with the checks on disk made again; undefined
 * when one of them finds a problem that is placed in the file (the file is then validated again,
 * so that the problem has its line and column exactly as in a build without a cache).
 */
function fromEntry(job: MeetingJob, entry: ValidatedEntry, inPack: InPack): MeetingFileResult | undefined {
  const { meeting } = entry;
  if (entry.date && entry.date !== job.slug.slice(0, 10)) return undefined;
  if (job.slug.slice(0, 4) !== job.year) return undefined;
  let placed = false;
  if (meeting) {
    checkAttachments(job, meeting, () => (placed = true));
    if (placed) return undefined;
  }
  const problems = entry.problems;
  const folder = listFolderOf(job, new Set(), problems, inPack);
  return {
    ...(meeting && problems.length === 0 ? { meeting } : {}),
    problems,
    scan: { absolutePath: job.absolutePath, sourcePath: job.sourcePath, cpr: entry.cpr, cprAllow: meeting ? meeting.cprAllow : entry.cprAllow, folder },
  };
}

/** Validates the file's bytes and checks it on disk; `keep` is given validation's result before the checks on disk. */
function validateAndCheck(job: MeetingJob, place: EntryPlace, bytes: Uint8Array, keep?: (entry: ValidatedEntry) => void, inPack?: InPack): MeetingFileResult {
  const context = { ...place, attachmentDir: job.absolutePath.slice(0, -3) };
  const decoded = decodeUtf8(bytes);
  let result: MeetingResult;
  let text: string;
  if (decoded.ok) {
    result = validateMeetingText(decoded.text, context);
    // The CPR guard reads the file as it is, a byte-order mark included (it shifts line 1's columns).
    text = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? `\uFEFF${decoded.text}` : decoded.text;
  } else {
    result = validateMeetingBytes(bytes, context);
    text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  }
  const meeting = result.meeting;
  const cpr = scanSourceForCpr(text, "meeting");
  const cprAllow = meeting ? meeting.cprAllow : (result.cprAllow ?? []);
  // Kept before the checks on disk change the meeting (attachment sizes) or add problems.
  keep?.({ ...(meeting ? { meeting } : {}), problems: result.reporter.problems, ...(result.date !== undefined ? { date: result.date } : {}), cprAllow, cpr });
  /** Listed files that are links, FIFOs or devices: named at their YAML value, not again in the folder. */
  const reported = new Set<string>();
  if (meeting) {
    checkAttachments(job, meeting, (path, message, absolute) => {
      result.reporter.atValue(path, message);
      if (absolute !== undefined) reported.add(absolute);
    });
  }
  checkPlacement(job, result);
  const problems = result.reporter.problems;
  const folder = listFolderOf(job, reported, problems, inPack);
  return { ...(meeting && problems.length === 0 ? { meeting } : {}), problems, scan: { absolutePath: job.absolutePath, sourcePath: job.sourcePath, cpr, cprAllow, folder } };
}

/**
 * The listed attachments (and the imported original) on disk: each must be a regular file in the
 * attachment folder, of the type its name says; sets each one's size. `report` gets each problem
 * at its YAML path, and the file's path when it is a link, FIFO or device (not named again).
 */
function checkAttachments(job: MeetingJob, meeting: Meeting, report: (path: YamlPath, message: string, notRegular?: string) => void): void {
  const folder = displayPath(job.absolutePath.slice(0, -3));
  const sizeOf = (attachment: Attachment, path: YamlPath) => {
    // The attachment folder itself must be a real folder (the walk saw it), and the file a regular
    // file in it: never a link to something outside the content.
    const kind = job.hasFolder ? kindOfPath(attachment.sourcePath) : undefined;
    if (kind === undefined) {
      report(path, messages.missingAttachment(attachment.file, folder));
    } else if (kind !== "file") {
      report(path, `bilaget '${attachment.file}' ${notRegularMessage(attachment.sourcePath, kind)}`, attachment.sourcePath);
    } else {
      attachment.size = lstatSize(attachment.sourcePath);
      const problem = attachmentBytesProblem(attachment.type, readHead(attachment.sourcePath));
      if (problem) report(path, messages.attachmentBytes(attachment.file, problem));
    }
  };
  meeting.items.forEach((item, i) => item.attachments.forEach((attachment, j) => sizeOf(attachment, ["items", i, "attachments", j, "file"])));
  if (meeting.importedFrom?.original) sizeOf(meeting.importedFrom.original, ["imported_from", "file"]);
}

/** The attachment folder's files for the CPR guard; what cannot be read or published there is added to `problems`. */
function listFolderOf(job: MeetingJob, reported: ReadonlySet<string>, problems: Problem[], inPack?: InPack): FolderFile[] {
  const folder: FolderFile[] = [];
  if (job.hasFolder) {
    const report = (absolute: string, message: string) => {
      if (!reported.has(absolute)) problems.push({ file: maskCpr(displayPath(absolute)), line: 1, col: 1, field: "fil", message });
    };
    listAttachmentFolder(job.absolutePath.slice(0, -3), folder, report, inPack);
  }
  return folder;
}

/** The date must match the file name, and the file name the year folder. */
function checkPlacement(job: MeetingJob, result: MeetingResult): void {
  const nameDate = job.slug.slice(0, 10);
  if (result.date && result.date !== nameDate) {
    result.reporter.atValue(["date"], messages.fileDateMismatch(result.date, `${job.slug}.md`));
  }
  if (job.slug.slice(0, 4) !== job.year) {
    result.reporter.atLine(1, 1, "fil", messages.yearFolderMismatch(job.slug.slice(0, 4), job.year));
  }
}

/** The message for a link, FIFO, socket or device found where a file should be. */
function notRegularMessage(absolute: string, kind: EntryKind): string {
  const target = kind === "symlink" ? linkTarget(absolute) : undefined;
  return fileMessages.notRegular(kind, target === undefined ? undefined : maskCpr(target));
}

function lstatSize(file: string): number {
  return lstatSync(file, { throwIfNoEntry: false })?.size ?? 0;
}

/**
 * Every regular file under the attachment folder (subfolders included), sorted by path, with the
 * CPR guard's key where it has text. Links, FIFOs, sockets and devices are reported and left out:
 * they are never read. A subfolder that cannot be listed is reported. With the cache, a file whose
 * key is recorded for the identity lstat finds is not read (src/content/cache.ts `knownHash`).
 */
function listAttachmentFolder(folder: string, files: FolderFile[], report: (absolute: string, message: string) => void, inPack?: InPack): void {
  const listing = listFolder(folder);
  if (!listing.ok) {
    report(folder, fileMessages.unreadableFolder(listing.code));
    return;
  }
  for (const entry of listing.entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const file = path.join(folder, entry.name);
    const kind = kindOfDirent(entry, folder);
    if (kind === "folder") {
      listAttachmentFolder(file, files, report, inPack);
      continue;
    }
    if (kind !== "file") {
      report(file, notRegularMessage(file, kind));
      continue;
    }
    const type = path.extname(file).slice(1).toLowerCase();
    let key: string | undefined;
    if (hasCheckableText(type)) {
      const name = `a:${file}`;
      key = inPack?.cache.knownHash(inPack.pack, name);
      if (key === undefined) {
        try {
          const fd = openRegularFile(file);
          try {
            const stats = inPack ? fstatSync(fd, { bigint: true }) : undefined;
            key = attachmentKey(type, readFileSync(fd));
            if (inPack && stats) inPack.cache.noteHash(inPack.pack, name, fileIdentity(stats), key);
          } finally {
            closeSync(fd);
          }
        } catch {
          // The guard reads it again and reports why it cannot.
        }
      }
    }
    files.push(key === undefined ? { path: file } : { path: file, key });
  }
}

/** The first SNIFF_BYTES bytes of a regular file (fewer when it is shorter; none when it cannot be read). */
function readHead(file: string): Uint8Array {
  let fd: number | undefined;
  try {
    fd = openRegularFile(file);
    const head = new Uint8Array(SNIFF_BYTES);
    return head.subarray(0, readSync(fd, head, 0, SNIFF_BYTES, 0));
  } catch {
    return new Uint8Array(0);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
