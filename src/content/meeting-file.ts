// One meeting file, from its path to a validated Meeting or its problems: read, validate, check the
// attachments on disk and the placement (date against file name and year folder), and note what the
// CPR guard needs (the CPR-like numbers in the text, the attachment folder's files and their hashes).
// Synchronous and self-contained, so that it runs the same in a worker thread (src/content/worker.ts)
// and in the loader's own thread; the result is plain data.
import { closeSync, lstatSync, readFileSync, readSync } from "node:fs";
import path from "node:path";
import { messages } from "../minutes/messages.ts";
import type { Attachment, Meeting } from "../minutes/model.ts";
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

/** Reads, validates and checks one meeting file. Never throws for bad content. */
export function readMeetingFile(job: MeetingJob): MeetingFileResult {
  const file = displayPath(job.absolutePath);
  const attachmentDir = job.absolutePath.slice(0, -3);
  const read = readContentFile(job.absolutePath, MAX_MEETING_BYTES);
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
  const context = {
    file,
    absolutePath: job.absolutePath,
    sourcePath: job.sourcePath,
    kommune: job.kommune,
    raad: job.raad,
    slug: job.slug,
    year: job.slug.slice(0, 4),
    councilName: job.councilName,
    attachmentDir,
  };
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
  /** Listed files that are links, FIFOs or devices: named at their YAML value, not again in the folder. */
  const reported = new Set<string>();
  if (meeting) {
    const folder = displayPath(attachmentDir);
    const sizeOf = (attachment: Attachment, path: YamlPath) => {
      // The attachment folder itself must be a real folder (the walk saw it), and the file a regular
      // file in it: never a link to something outside the content.
      const kind = job.hasFolder ? kindOfPath(attachment.sourcePath) : undefined;
      if (kind === undefined) {
        result.reporter.atValue(path, messages.missingAttachment(attachment.file, folder));
      } else if (kind !== "file") {
        result.reporter.atValue(path, `bilaget '${attachment.file}' ${notRegularMessage(attachment.sourcePath, kind)}`);
        reported.add(attachment.sourcePath);
      } else {
        attachment.size = lstatSize(attachment.sourcePath);
        const problem = attachmentBytesProblem(attachment.type, readHead(attachment.sourcePath));
        if (problem) result.reporter.atValue(path, messages.attachmentBytes(attachment.file, problem));
      }
    };
    meeting.items.forEach((item, i) => item.attachments.forEach((attachment, j) => sizeOf(attachment, ["items", i, "attachments", j, "file"])));
    if (meeting.importedFrom?.original) sizeOf(meeting.importedFrom.original, ["imported_from", "file"]);
  }
  checkPlacement(job, result);
  const folder: FolderFile[] = [];
  if (job.hasFolder) {
    listAttachmentFolder(attachmentDir, folder, (absolute, message) => {
      if (!reported.has(absolute)) result.reporter.problems.push({ file: maskCpr(displayPath(absolute)), line: 1, col: 1, field: "fil", message });
    });
  }
  const problems = result.reporter.problems;
  const scan: SourceScan = {
    absolutePath: job.absolutePath,
    sourcePath: job.sourcePath,
    cpr: scanSourceForCpr(text, "meeting"),
    cprAllow: meeting ? meeting.cprAllow : (result.cprAllow ?? []),
    folder,
  };
  return { ...(meeting && problems.length === 0 ? { meeting } : {}), problems, scan };
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
 * they are never read. A subfolder that cannot be listed is reported.
 */
function listAttachmentFolder(folder: string, files: FolderFile[], report: (absolute: string, message: string) => void): void {
  const listing = listFolder(folder);
  if (!listing.ok) {
    report(folder, fileMessages.unreadableFolder(listing.code));
    return;
  }
  for (const entry of listing.entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const file = path.join(folder, entry.name);
    const kind = kindOfDirent(entry, folder);
    if (kind === "folder") {
      listAttachmentFolder(file, files, report);
      continue;
    }
    if (kind !== "file") {
      report(file, notRegularMessage(file, kind));
      continue;
    }
    const type = path.extname(file).slice(1).toLowerCase();
    let key: string | undefined;
    if (hasCheckableText(type)) {
      try {
        const fd = openRegularFile(file);
        try {
          key = attachmentKey(type, readFileSync(fd));
        } finally {
          closeSync(fd);
        }
      } catch {
        // The guard reads it again and reports why it cannot.
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
