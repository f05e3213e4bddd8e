// One meeting file, from its path to a validated Meeting or its problems: read, validate, check the
// attachments on disk and the placement (date against file name and year folder), and note what the
// CPR guard needs (the CPR-like numbers in the text, the attachment folder's files and their hashes).
// Synchronous and self-contained, so that it runs the same in a worker thread (src/content/worker.ts)
// and in the loader's own thread; the result is plain data.
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { messages } from "../minutes/messages.ts";
import type { Attachment, Meeting } from "../minutes/model.ts";
import { decodeUtf8 } from "../minutes/parse.ts";
import { MAX_MEETING_BYTES, validateMeetingBytes, validateMeetingText, type MeetingResult } from "../minutes/validate.ts";
import { attachmentBytesProblem, SNIFF_BYTES } from "../trust/attachments.ts";
import { attachmentKey, hasCheckableText, scanTextForCpr } from "../trust/cpr.ts";
import type { YamlPath } from "../yaml/positions.ts";
import { ProblemReporter } from "../yaml/report.ts";
import type { Problem } from "./problem.ts";
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

/** The path as the user should see it: relative to the working directory, forward slashes. */
export function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return (relative === "" ? "." : relative).split(path.sep).join("/");
}

/** Reads, validates and checks one meeting file. Never throws for bad content. */
export function readMeetingFile(job: MeetingJob): MeetingFileResult {
  const file = displayPath(job.absolutePath);
  const attachmentDir = job.absolutePath.slice(0, -3);
  const bytes = readCappedSync(job.absolutePath, MAX_MEETING_BYTES);
  if (typeof bytes === "number" || bytes === "missing") {
    // Oversize (or vanished between listing and reading): reported without reading the file.
    const reporter = new ProblemReporter(file);
    reporter.atLine(1, 1, "fil", bytes === "missing"
      ? messages.unreadable("den findes ikke, eller der er ikke adgang til den")
      : `${messages.fileTooLarge(bytes, MAX_MEETING_BYTES, "et møde")}; ${messages.meetingTooLargeHint}`);
    return { problems: reporter.problems };
  }
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
  if (meeting) {
    const folder = displayPath(attachmentDir);
    const sizeOf = (attachment: Attachment, path: YamlPath) => {
      const info = statSync(attachment.sourcePath, { throwIfNoEntry: false });
      if (info?.isFile()) {
        attachment.size = info.size;
        const problem = attachmentBytesProblem(attachment.type, readHead(attachment.sourcePath));
        if (problem) result.reporter.atValue(path, messages.attachmentBytes(attachment.file, problem));
      } else {
        result.reporter.atValue(path, messages.missingAttachment(attachment.file, folder));
      }
    };
    meeting.items.forEach((item, i) => item.attachments.forEach((attachment, j) => sizeOf(attachment, ["items", i, "attachments", j, "file"])));
    if (meeting.importedFrom?.original) sizeOf(meeting.importedFrom.original, ["imported_from", "file"]);
  }
  checkPlacement(job, result);
  const problems = result.reporter.problems;
  const scan: SourceScan = {
    absolutePath: job.absolutePath,
    sourcePath: job.sourcePath,
    cpr: scanTextForCpr(text),
    cprAllow: meeting ? meeting.cprAllow : (result.cprAllow ?? []),
    folder: job.hasFolder ? listFolder(attachmentDir) : [],
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

/** Every file under the attachment folder, sorted by name, with the CPR guard's key where it has text. */
function listFolder(folder: string): FolderFile[] {
  let names: string[];
  try {
    names = readdirSync(folder, { recursive: true }) as string[];
  } catch {
    return [];
  }
  const files: FolderFile[] = [];
  for (const name of names.sort()) {
    const file = path.join(folder, name);
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) continue;
    const type = path.extname(file).slice(1).toLowerCase();
    let key: string | undefined;
    if (hasCheckableText(type)) {
      try {
        key = attachmentKey(type, readFileSync(file));
      } catch {
        // The guard reads it again and reports why it cannot.
      }
    }
    files.push(key === undefined ? { path: file } : { path: file, key });
  }
  return files;
}

/** The first SNIFF_BYTES bytes of a file (fewer when it is shorter; none when it cannot be read). */
function readHead(file: string): Uint8Array {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const head = new Uint8Array(SNIFF_BYTES);
    return head.subarray(0, readSync(fd, head, 0, SNIFF_BYTES, 0));
  } catch {
    return new Uint8Array(0);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The file's bytes; its size when over `cap` (without reading it); "missing" when it cannot be read. */
function readCappedSync(file: string, cap: number): Uint8Array | number | "missing" {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return "missing";
  }
  try {
    const { size } = fstatSync(fd);
    if (size > cap) return size;
    return readFileSync(fd);
  } catch {
    return "missing";
  } finally {
    closeSync(fd);
  }
}
