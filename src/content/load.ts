// Loads the content folder into a validated Archive. Walks the layout
//   content/<kommune>/kommune.yaml
//   content/<kommune>/<raad>/<yyyy>/<yyyy-mm-dd>(-N).md      (attachments in <yyyy-mm-dd>(-N)/)
// validates every kommune.yaml and meeting, and the rules that span files: the layout itself,
// dates against file names and year folders, councils declared in kommune.yaml, attachments on
// disk, and two meetings with the same address. Never throws for bad content: every problem in
// every file is collected. Files are read with bounded concurrency, each parsed once.
import type { Dirent } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { validateKommuneBytes, type KommuneResult } from "../kommune/validate.ts";
import { messages } from "../minutes/messages.ts";
import type { Archive, Kommune, Meeting } from "../minutes/model.ts";
import { MAX_MEETING_BYTES, validateMeetingBytes, type MeetingResult } from "../minutes/validate.ts";
import { MAX_KOMMUNE_BYTES } from "../kommune/validate.ts";
import { SLUG } from "../kommune/schema.ts";
import { ProblemReporter } from "../yaml/report.ts";
import type { Problem } from "./problem.ts";

export interface LoadOptions {
  /** Load only this kommune (its slug). */
  kommune?: string;
  /** How many files to read at once. */
  concurrency?: number;
}

export interface LoadResult {
  archive: Archive;
  problems: Problem[];
}

const MEETING_NAME = /^(\d{4})-(\d{2})-(\d{2})(?:-([2-9]|[1-9]\d+))?$/;
const YEAR = /^\d{4}$/;
const LAYOUT = "content/<kommune>/<råd>/<år>/<åååå-mm-dd>.md";

/** The path as the user should see it: relative to the working directory, forward slashes. */
export function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return (relative === "" ? "." : relative).split(path.sep).join("/");
}

interface MeetingJob {
  absolutePath: string;
  sourcePath: string;
  kommune: string;
  raad: string;
  year: string;
  slug: string;
  councilName: string;
}

interface MeetingOutcome {
  job: MeetingJob;
  result: MeetingResult;
}

/** Loads and validates the whole content folder. */
export async function loadArchive(contentDir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const root = path.resolve(contentDir);
  const problems: Problem[] = [];
  const problemAt = (absolute: string, field: string, message: string, line = 1, col = 1) =>
    problems.push({ file: displayPath(absolute), line, col, field, message });

  const rootEntries = await listDir(root);
  if (!rootEntries) {
    problemAt(root, "mappe", messages.missingContent(displayPath(root)));
    return { archive: { kommuner: [] }, problems };
  }

  let kommuneDirs = rootEntries.filter((entry) => entry.isDirectory() && !entry.name.startsWith("."));
  for (const entry of rootEntries) {
    if (entry.isFile() && entry.name.endsWith(".md")) {
      problemAt(path.join(root, entry.name), "fil", messages.meetingOutsideLayout(LAYOUT));
    }
  }
  if (options.kommune !== undefined) {
    kommuneDirs = kommuneDirs.filter((entry) => entry.name === options.kommune);
    if (kommuneDirs.length === 0) problemAt(path.join(root, options.kommune), "kommune", messages.noKommune(options.kommune));
  }

  const kommuner: { slug: string; result?: KommuneResult; folder: string }[] = [];
  const jobs: MeetingJob[] = [];
  for (const dir of kommuneDirs.sort((a, b) => compare(a.name, b.name))) {
    const folder = path.join(root, dir.name);
    if (!SLUG.test(dir.name)) {
      problemAt(folder, "kommune", messages.badSlug(dir.name));
      continue;
    }
    const walked = await walkKommune(root, folder, dir.name, problemAt);
    kommuner.push({ slug: dir.name, folder, ...(walked.result ? { result: walked.result } : {}) });
    problems.push(...(walked.result?.reporter.problems ?? []));
    jobs.push(...walked.jobs);
  }

  const outcomes = await mapLimit(jobs, options.concurrency ?? 32, loadMeeting);
  const meetings = new Map<string, Meeting[]>();
  const byUrl = new Map<string, MeetingOutcome[]>();
  for (const outcome of outcomes) {
    const { job, result } = outcome;
    checkPlacement(job, result);
    const url = `/${job.kommune}/${job.raad}/${job.slug}/`;
    byUrl.set(url, [...(byUrl.get(url) ?? []), outcome]);
  }
  for (const [url, group] of byUrl) {
    if (group.length < 2) continue;
    for (const { job, result } of group) {
      const others = group.filter((other) => other.job !== job).map((other) => displayPath(other.job.absolutePath));
      result.reporter.atLine(1, 1, "fil", messages.duplicateAddress(url, others.join(", ")));
    }
  }
  for (const { job, result } of outcomes) {
    problems.push(...result.reporter.problems);
    if (result.meeting && result.reporter.ok) {
      const key = `${job.kommune}/${job.raad}`;
      meetings.set(key, [...(meetings.get(key) ?? []), result.meeting]);
    }
  }

  const archive: Archive = { kommuner: [] };
  for (const { slug, result } of kommuner) {
    const kommune: Kommune | undefined = result?.kommune;
    if (!kommune) continue;
    for (const council of kommune.councils) {
      council.meetings = (meetings.get(`${slug}/${council.slug}`) ?? []).sort(newestFirst);
    }
    archive.kommuner.push(kommune);
  }
  return { archive, problems };
}

/** Newest first; a second meeting on one day (`-2`) before the first. */
function newestFirst(a: Meeting, b: Meeting): number {
  return compare(b.date, a.date) || suffix(b.slug) - suffix(a.slug);
}

function suffix(slug: string): number {
  return Number(MEETING_NAME.exec(slug)?.[4] ?? 1);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type ProblemAt = (absolute: string, field: string, message: string) => void;

/** Reads one kommune's kommune.yaml and lists its meeting files, checking the folder layout. */
async function walkKommune(root: string, folder: string, slug: string, problemAt: ProblemAt): Promise<{ result?: KommuneResult; jobs: MeetingJob[] }> {
  const kommuneFile = path.join(folder, "kommune.yaml");
  const bytes = await readCapped(kommuneFile, MAX_KOMMUNE_BYTES);
  let result: KommuneResult | undefined;
  if (bytes === "missing") {
    problemAt(kommuneFile, "fil", messages.missingKommuneFile(displayPath(folder)));
  } else if (typeof bytes === "number") {
    problemAt(kommuneFile, "fil", messages.fileTooLarge(bytes, MAX_KOMMUNE_BYTES, "kommune.yaml"));
  } else {
    result = validateKommuneBytes(bytes, { file: displayPath(kommuneFile), slug, absolutePath: kommuneFile, folder });
    if (result.logo && !(await isFile(path.join(folder, result.logo)))) {
      result.reporter.atValue(["look", "logo"], messages.missingLogo(result.logo, displayPath(folder)));
      delete result.kommune;
    }
  }

  const jobs: MeetingJob[] = [];
  const entries = (await listDir(folder)) ?? [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const entryPath = path.join(folder, entry.name);
    if (entry.isFile()) {
      if (entry.name.endsWith(".md")) problemAt(entryPath, "fil", messages.meetingOutsideLayout(LAYOUT));
      continue;
    }
    if (!entry.isDirectory()) continue;
    const raad = entry.name;
    if (!SLUG.test(raad)) {
      problemAt(entryPath, "råd", messages.badSlug(raad));
      continue;
    }
    const declared = result?.councils;
    if (declared && !declared.has(raad)) {
      problemAt(entryPath, "råd", messages.unknownCouncil(raad, displayPath(kommuneFile), [...declared.keys()]));
    }
    const councilName = declared?.get(raad) ?? raad;
    jobs.push(...(await walkCouncil(root, entryPath, slug, raad, councilName, problemAt)));
  }
  return { ...(result ? { result } : {}), jobs };
}

async function walkCouncil(root: string, folder: string, kommune: string, raad: string, councilName: string, problemAt: ProblemAt): Promise<MeetingJob[]> {
  const jobs: MeetingJob[] = [];
  for (const entry of (await listDir(folder)) ?? []) {
    if (entry.name.startsWith(".")) continue;
    const entryPath = path.join(folder, entry.name);
    if (entry.isFile()) {
      if (entry.name.endsWith(".md")) problemAt(entryPath, "fil", messages.meetingOutsideLayout(LAYOUT));
      continue;
    }
    if (!entry.isDirectory()) continue;
    if (!YEAR.test(entry.name)) {
      problemAt(entryPath, "mappe", messages.badYearFolder(entry.name));
      continue;
    }
    const yearEntries = (await listDir(entryPath)) ?? [];
    const meetingNames = new Set(yearEntries.filter((e) => e.isFile() && e.name.endsWith(".md")).map((e) => e.name.slice(0, -3)));
    for (const file of yearEntries) {
      if (file.name.startsWith(".")) continue;
      const filePath = path.join(entryPath, file.name);
      if (file.isDirectory()) {
        if (!meetingNames.has(file.name)) problemAt(filePath, "mappe", messages.orphanAttachmentFolder(file.name));
        continue;
      }
      if (!file.isFile()) continue;
      if (!file.name.endsWith(".md")) {
        problemAt(filePath, "fil", messages.strayFile(file.name, "bilag hører i mappen med mødets dato, fx 2023-09-06/"));
        continue;
      }
      const slug = file.name.slice(0, -3);
      if (!MEETING_NAME.test(slug)) {
        problemAt(filePath, "fil", messages.badMeetingFileName(file.name));
        continue;
      }
      jobs.push({
        absolutePath: filePath,
        sourcePath: path.relative(root, filePath).split(path.sep).join("/"),
        kommune,
        raad,
        year: entry.name,
        slug,
        councilName,
      });
    }
  }
  return jobs;
}

/** Reads, validates and checks the attachments of one meeting. */
async function loadMeeting(job: MeetingJob): Promise<MeetingOutcome> {
  const file = displayPath(job.absolutePath);
  const attachmentDir = job.absolutePath.slice(0, -3);
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
  const bytes = await readCapped(job.absolutePath, MAX_MEETING_BYTES);
  if (typeof bytes === "number" || bytes === "missing") {
    // Oversize (or vanished between listing and reading): reported without reading the file.
    const reporter = new ProblemReporter(file);
    reporter.atLine(1, 1, "fil", bytes === "missing"
      ? messages.unreadable("den findes ikke, eller der er ikke adgang til den")
      : `${messages.fileTooLarge(bytes, MAX_MEETING_BYTES, "et møde")}; ${messages.meetingTooLargeHint}`);
    return { job, result: { problems: reporter.problems, reporter } };
  }
  const result = validateMeetingBytes(bytes, context);
  const meeting = result.meeting;
  if (meeting) {
    const folder = displayPath(attachmentDir);
    await Promise.all(
      meeting.items.flatMap((item, i) =>
        item.attachments.map(async (attachment, j) => {
          const info = await stat(attachment.sourcePath).catch(() => undefined);
          if (info?.isFile()) attachment.size = info.size;
          else result.reporter.atValue(["items", i, "attachments", j, "file"], messages.missingAttachment(attachment.file, folder));
        }),
      ),
    );
  }
  return { job, result };
}

/**
 * Reads and validates one meeting file of `contentDir` exactly as `loadArchive` does (same checks
 * and messages: the file, its attachments on disk, its date against its file name and year
 * folder), for `referat serve`, which re-reads only the file that changed. Checks across files
 * (duplicate addresses, undeclared councils) are not made here.
 */
export async function loadMeetingFile(contentDir: string, absolutePath: string, councilName: string): Promise<{ meeting?: Meeting; problems: Problem[] }> {
  const root = path.resolve(contentDir);
  const sourcePath = path.relative(root, absolutePath).split(path.sep).join("/");
  const [kommune = "", raad = "", year = "", name = ""] = sourcePath.split("/");
  const job: MeetingJob = { absolutePath, sourcePath, kommune, raad, year, slug: name.replace(/\.md$/, ""), councilName };
  const { result } = await loadMeeting(job);
  checkPlacement(job, result);
  return { ...(result.meeting && result.reporter.ok ? { meeting: result.meeting } : {}), problems: result.reporter.problems };
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

/** The file's bytes; its size when over `cap` (without reading it); "missing" when it cannot be read. */
async function readCapped(file: string, cap: number): Promise<Uint8Array | number | "missing"> {
  let handle;
  try {
    handle = await open(file, "r");
  } catch {
    return "missing";
  }
  try {
    const { size } = await handle.stat();
    if (size > cap) return size;
    return await handle.readFile();
  } catch {
    return "missing";
  } finally {
    await handle.close();
  }
}

async function listDir(folder: string): Promise<Dirent[] | undefined> {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch {
    return undefined;
  }
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
