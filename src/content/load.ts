// Loads the content folder into a validated Archive. Walks the layout
//   content/<kommune>/kommune.yaml
//   content/<kommune>/<raad>/<yyyy>/<yyyy-mm-dd>(-N).md      (attachments in <yyyy-mm-dd>(-N)/)
// validates every kommune.yaml and meeting, and the rules that span files: the layout itself,
// dates against file names and year folders, councils declared in kommune.yaml, attachments on
// disk, and two meetings with the same address. Never throws for bad content: every problem in
// every file is collected. Files are read with bounded concurrency, each parsed once.
import type { Dirent } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { validateKommuneBytes, type KommuneResult } from "../kommune/validate.ts";
import { messages } from "../minutes/messages.ts";
import type { Archive, Kommune, Meeting } from "../minutes/model.ts";
import { MAX_KOMMUNE_BYTES } from "../kommune/validate.ts";
import { SLUG } from "../kommune/schema.ts";
import { attachmentBytesProblem, extensionOf } from "../trust/attachments.ts";
import { svgProblem } from "../trust/svg.ts";
import { PORTAL_FILE, readPortal } from "./portal.ts";
import { decodeUtf8 } from "../minutes/parse.ts";
import { isReservedCouncilName, isReservedKommuneName, RESERVED_IN_KOMMUNE, RESERVED_TOP_LEVEL } from "../site/reserved.ts";
import { maskCpr, scanTextForCpr, type CprMatch } from "../trust/cpr.ts";
import { kindOfDirent, kindOfPath, linkTarget, listFolder, readContentFile, type EntryKind } from "./files.ts";
import { fileMessages } from "./messages.ts";
import { meetingCacheIn, readMeetingFile, type MeetingFileResult, type MeetingJob } from "./meeting-file.ts";
import { packOf, type MeetingCacheRef } from "./cache.ts";
import { displayPath } from "../report/display-path.ts";
import { acquirePool, poolSize, releasePool } from "../workers/pool.ts";
import type { LoadedBatch } from "./worker.ts";
import type { Problem } from "../report/problem.ts";
import type { LoadScans, SourceScan } from "./sources.ts";
import { compareDanish } from "../../templates/assets/order.js";


export interface LoadOptions {
  /** Load only this kommune (its slug). */
  kommune?: string;
  /**
   * Worker threads to parse the meeting files in, beside this thread; 0 parses them here. Default: one per
   * core but one, and none for fewer than 2,000 files (starting a worker costs more than it saves there).
   */
  workers?: number;
  /**
   * The cache of validated meetings (src/content/cache.ts): each meeting file whose key it
   * holds is read and hashed, not parsed and validated. The checks on disk and across files run anyway.
   */
  cache?: MeetingCacheRef;
}

export interface LoadResult {
  archive: Archive;
  problems: Problem[];
  /** What the loader saw of each file it read, for the CPR guard (src/trust/cpr.ts), which checks the rejected files too. */
  scans: LoadScans;
}

const MEETING_NAME = /^(\d{4})-(\d{2})-(\d{2})(?:-([2-9]|[1-9]\d+))?$/;
const YEAR = /^\d{4}$/;
const LAYOUT = "content/<kommune>/<råd>/<år>/<åååå-mm-dd>.md";

/** Below this many meeting files, starting a worker (about 1.4 s with tsx) costs more than it saves. */
const POOL_THRESHOLD = 2000;
/** Meeting files per message to a worker. */
const BATCH = 32;
/** With a cache, the batches loaded here first to tell a rebuild (nearly all hits: no workers) from a cold load. */
const PROBE_BATCHES = 4;
const PROBE_HIT_RATIO = 0.9;
const NO_MATCHES: readonly CprMatch[] = Object.freeze([]);

/** Loads and validates the whole content folder. */
export async function loadArchive(contentDir: string, options: LoadOptions = {}): Promise<LoadResult> {
  const root = path.resolve(contentDir);
  const problems: Problem[] = [];
  const problemAt = (absolute: string, field: string, message: string, line = 1, col = 1) =>
    problems.push({ file: displayPath(absolute), line, col, field, message });

  const rootListing = listFolder(root);
  if (!rootListing.ok) {
    const missing = rootListing.code === "ENOENT" || rootListing.code === "ENOTDIR";
    problemAt(root, "mappe", missing ? messages.missingContent(displayPath(root)) : fileMessages.unreadableFolder(rootListing.code));
    return { archive: { kommuner: [] }, problems, scans: { meetings: new Map(), rejected: [] } };
  }

  // The portal's settings are content too: checked here, so that `check` and `build` judge them alike
  // (a link or FIFO as portal.yaml is reported there, read as every content file is).
  // The search stage takes what the portal merges from the archive, never reading the file itself.
  const portal = await readPortal(root);
  problems.push(...portal.problems);

  let kommuneDirs: Dirent[] = [];
  for (const entry of visible(rootListing.entries)) {
    const entryPath = path.join(root, entry.name);
    const kind = kindOfDirent(entry, root);
    if (kind === "folder") kommuneDirs.push(entry);
    else if (kind !== "file") {
      if (entry.name !== PORTAL_FILE) notRegular(problemAt, entryPath, kind);
    } else if (entry.name.endsWith(".md")) problemAt(entryPath, "fil", messages.meetingOutsideLayout(LAYOUT));
  }
  if (options.kommune !== undefined) {
    kommuneDirs = kommuneDirs.filter((entry) => entry.name === options.kommune);
    if (kommuneDirs.length === 0) problemAt(path.join(root, options.kommune), "kommune", messages.noKommune(options.kommune));
  }

  const kommuner: { slug: string; result?: KommuneResult; folder: string }[] = [];
  const jobs: MeetingJob[] = [];
  for (const dir of kommuneDirs.sort((a, b) => compare(a.name, b.name))) {
    const folder = path.join(root, dir.name);
    if (!checkName(problemAt, folder, "kommune", dir.name)) continue;
    if (isReservedKommuneName(dir.name)) {
      problemAt(folder, "kommune", fileMessages.reservedKommune(dir.name, RESERVED_TOP_LEVEL));
      continue;
    }
    const walked = walkKommune(root, folder, dir.name, problemAt);
    kommuner.push({ slug: dir.name, folder, ...(walked.result ? { result: walked.result } : {}) });
    problems.push(...(walked.result?.reporter.problems ?? []));
    jobs.push(...walked.jobs);
  }

  const results = await loadMeetingFiles(jobs, options.workers, options.cache);
  // The cache entries of the files validated here are written by the time the load ends.
  if (options.cache) await meetingCacheIn(options.cache)?.flush();
  const byUrl = new Map<string, number[]>();
  jobs.forEach((job, index) => {
    const url = `/${job.kommune}/${job.raad}/${job.slug}/`;
    const group = byUrl.get(url);
    if (group) group.push(index);
    else byUrl.set(url, [index]);
  });
  for (const [url, group] of byUrl) {
    if (group.length < 2) continue;
    for (const index of group) {
      const others = group.filter((other) => other !== index).map((other) => displayPath((jobs[other] as MeetingJob).absolutePath));
      const result = results[index] as MeetingFileResult;
      result.problems.push({ file: displayPath((jobs[index] as MeetingJob).absolutePath), line: 1, col: 1, field: "fil", message: messages.duplicateAddress(url, others.join(", ")) });
    }
  }
  const meetings = new Map<string, Meeting[]>();
  const rejected: SourceScan[] = [];
  const scanned = new Map<Meeting, SourceScan>();
  jobs.forEach((job, index) => {
    const { meeting, problems: fileProblems, scan } = results[index] as MeetingFileResult;
    for (const problem of fileProblems) problems.push(problem);
    if (scan && scan.cpr.length === 0) scan.cpr = NO_MATCHES as CprMatch[];
    if (meeting && fileProblems.length === 0) {
      const key = `${job.kommune}/${job.raad}`;
      const list = meetings.get(key);
      if (list) list.push(meeting);
      else meetings.set(key, [meeting]);
      if (scan) {
        // Share the meeting's strings rather than keep copies.
        scan.absolutePath = meeting.absolutePath;
        scan.sourcePath = meeting.sourcePath;
        scan.cprAllow = meeting.cprAllow;
        scanned.set(meeting, scan);
      }
    } else if (scan) {
      rejected.push(scan);
    }
  });
  results.length = 0;

  const archive: Archive = { kommuner: [], ...(portal.indexes.length > 0 ? { portal: { merge: portal.indexes } } : {}) };
  for (const { slug, result } of kommuner) {
    const kommune: Kommune | undefined = result?.kommune;
    if (!kommune) continue;
    for (const council of kommune.councils) {
      council.meetings = (meetings.get(`${slug}/${council.slug}`) ?? []).sort(newestFirst);
    }
    // Councils, like municipalities, in the site's one order of names (Danish: æ, ø, å after z).
    kommune.councils.sort((a, b) => compareDanish(a.name, b.name) || compare(a.slug, b.slug));
    archive.kommuner.push(kommune);
  }
  archive.kommuner.sort((a, b) => compareDanish(a.name, b.name) || compare(a.slug, b.slug));
  return { archive, problems, scans: { meetings: scanned, rejected } };
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

/** Entries whose names begin with "." (.git, .DS_Store) are not content: never read, never published. */
function visible(entries: readonly Dirent[]): Dirent[] {
  return entries.filter((entry) => !entry.name.startsWith("."));
}

/** Reports a link, FIFO, socket or device where content should be (the path masked: it may hold a CPR number). */
function notRegular(problemAt: ProblemAt, absolute: string, kind: EntryKind): void {
  const target = kind === "symlink" ? linkTarget(absolute) : undefined;
  problemAt(absolute, kind === "folder" ? "mappe" : "fil", fileMessages.notRegular(kind, target === undefined ? undefined : maskCpr(target)));
}

/**
 * A folder name that becomes part of the site's addresses (a municipality's or a council's): a
 * slug, and no CPR number (even a municipality without meetings gets its address). False when
 * the folder is refused; it is then not read further.
 */
function checkName(problemAt: ProblemAt, folder: string, field: string, name: string): boolean {
  const cpr = scanTextForCpr(name)[0];
  if (cpr) {
    problemAt(path.join(path.dirname(folder), maskCpr(name)), field, fileMessages.cprInName(cpr.masked, "mappen"));
    return false;
  }
  if (!SLUG.test(name)) {
    problemAt(folder, field, messages.badSlug(name));
    return false;
  }
  return true;
}

/** A folder's visible entries, or undefined after reporting why it cannot be listed. */
function listOrReport(problemAt: ProblemAt, folder: string): Dirent[] | undefined {
  const listing = listFolder(folder);
  if (!listing.ok) {
    problemAt(folder, "mappe", listing.code === "ENOENT" ? messages.unreadable("mappen er forsvundet under indlæsningen") : fileMessages.unreadableFolder(listing.code));
    return undefined;
  }
  return visible(listing.entries);
}

/** Reads one kommune's kommune.yaml and lists its meeting files, checking the folder layout. */
function walkKommune(root: string, folder: string, slug: string, problemAt: ProblemAt): { result?: KommuneResult; jobs: MeetingJob[] } {
  const entries = listOrReport(problemAt, folder);
  if (!entries) return { jobs: [] };
  const kommuneFile = path.join(folder, "kommune.yaml");
  const read = readContentFile(kommuneFile, MAX_KOMMUNE_BYTES);
  let result: KommuneResult | undefined;
  /** Entries already reported (a link as the logo is named at kommune.yaml's look.logo). */
  const reported = new Set<string>(["kommune.yaml"]);
  if (read.kind === "missing") {
    problemAt(kommuneFile, "fil", messages.missingKommuneFile(displayPath(folder)));
  } else if (read.kind === "too-large") {
    problemAt(kommuneFile, "fil", messages.fileTooLarge(read.size, MAX_KOMMUNE_BYTES, "kommune.yaml"));
  } else if (read.kind === "not-regular") {
    notRegular(problemAt, kommuneFile, read.entry);
  } else if (read.kind === "unreadable") {
    problemAt(kommuneFile, "fil", fileMessages.unreadableFile(read.code));
  } else {
    result = validateKommuneBytes(read.bytes, { file: displayPath(kommuneFile), slug, absolutePath: kommuneFile, folder });
    for (const council of result.councils.keys()) {
      if (isReservedCouncilName(council)) {
        result.reporter.atKey(["councils", council], fileMessages.reservedCouncil(council, slug, RESERVED_IN_KOMMUNE));
        delete result.kommune;
      }
    }
    if (result.logo) {
      const entry = entries.find((e) => e.name === result?.logo);
      const kind = entry ? kindOfDirent(entry, folder) : undefined;
      if (kind !== "file") {
        const logoPath = path.join(folder, result.logo);
        const target = kind === "symlink" ? linkTarget(logoPath) : undefined;
        result.reporter.atValue(
          ["look", "logo"],
          kind === undefined
            ? messages.missingLogo(result.logo, displayPath(folder))
            : `logoet '${result.logo}' ${fileMessages.notRegular(kind, target === undefined ? undefined : maskCpr(target))}`,
        );
        reported.add(result.logo);
        delete result.kommune;
      } else {
        const problem = logoProblem(path.join(folder, result.logo), result.logo);
        if (problem) {
          result.reporter.atValue(["look", "logo"], problem);
          delete result.kommune;
        }
      }
    }
  }

  const jobs: MeetingJob[] = [];
  for (const entry of entries) {
    const entryPath = path.join(folder, entry.name);
    const kind = kindOfDirent(entry, folder);
    if (kind === "file") {
      if (entry.name.endsWith(".md")) problemAt(entryPath, "fil", messages.meetingOutsideLayout(LAYOUT));
      continue;
    }
    if (kind !== "folder") {
      if (!reported.has(entry.name)) notRegular(problemAt, entryPath, kind);
      continue;
    }
    const raad = entry.name;
    if (!checkName(problemAt, entryPath, "råd", raad)) continue;
    const declared = result?.councils;
    if (declared && !declared.has(raad)) {
      problemAt(entryPath, "råd", messages.unknownCouncil(raad, displayPath(kommuneFile), [...declared.keys()]));
    }
    const councilName = declared?.get(raad) ?? raad;
    jobs.push(...walkCouncil(root, entryPath, slug, raad, councilName, problemAt));
  }
  return { ...(result ? { result } : {}), jobs };
}

function walkCouncil(root: string, folder: string, kommune: string, raad: string, councilName: string, problemAt: ProblemAt): MeetingJob[] {
  const jobs: MeetingJob[] = [];
  for (const entry of listOrReport(problemAt, folder) ?? []) {
    const entryPath = path.join(folder, entry.name);
    const kind = kindOfDirent(entry, folder);
    if (kind === "file") {
      if (entry.name.endsWith(".md")) problemAt(entryPath, "fil", messages.meetingOutsideLayout(LAYOUT));
      continue;
    }
    if (kind !== "folder") {
      notRegular(problemAt, entryPath, kind);
      continue;
    }
    if (!YEAR.test(entry.name)) {
      problemAt(entryPath, "mappe", messages.badYearFolder(entry.name));
      continue;
    }
    const yearEntries = listOrReport(problemAt, entryPath);
    if (!yearEntries) continue;
    const kinds = new Map(yearEntries.map((e) => [e.name, kindOfDirent(e, entryPath)] as const));
    const meetingNames = new Set(yearEntries.filter((e) => kinds.get(e.name) === "file" && e.name.endsWith(".md")).map((e) => e.name.slice(0, -3)));
    for (const file of yearEntries) {
      const filePath = path.join(entryPath, file.name);
      const fileKind = kinds.get(file.name) as EntryKind;
      if (fileKind === "folder") {
        if (!meetingNames.has(file.name)) problemAt(filePath, "mappe", messages.orphanAttachmentFolder(file.name));
        continue;
      }
      if (fileKind !== "file") {
        notRegular(problemAt, filePath, fileKind);
        continue;
      }
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
        hasFolder: kinds.get(slug) === "folder",
      });
    }
  }
  return jobs;
}

/**
 * Loads every meeting file, in job order: in worker threads for a large archive (this thread takes
 * batches too, from the start: a worker needs about a second to start), else here.
 */
async function loadMeetingFiles(jobs: readonly MeetingJob[], workers?: number, ref?: MeetingCacheRef): Promise<MeetingFileResult[]> {
  const cache = ref ? meetingCacheIn(ref) : undefined;
  let size = workers ?? (jobs.length < POOL_THRESHOLD || availableParallelism() < 2 ? 0 : poolSize() - 1);
  if (size === 0 || jobs.length === 0) return jobs.map((job) => readMeetingFile(job, cache));
  const results = new Array<MeetingFileResult>(jobs.length);
  const count = Math.ceil(jobs.length / BATCH);
  let next = 0;
  const take = () => (next < count ? next++ : -1);
  // Each pack of the cache (a council's year) is written as soon as all its files are loaded.
  const packs = cache ? jobs.map((job) => packOf(job)) : [];
  const remaining = new Map<string, number>();
  for (const pack of packs) remaining.set(pack, (remaining.get(pack) ?? 0) + 1);
  const loaded = (batch: number) => {
    if (!cache) return;
    for (let i = batch * BATCH; i < Math.min(jobs.length, (batch + 1) * BATCH); i++) {
      const pack = packs[i] as string;
      const left = (remaining.get(pack) ?? 1) - 1;
      remaining.set(pack, left);
      if (left === 0) cache.writePack(pack);
    }
  };
  const here = (batch: number) => {
    for (let i = batch * BATCH; i < Math.min(jobs.length, (batch + 1) * BATCH); i++) results[i] = readMeetingFile(jobs[i] as MeetingJob, cache);
    loaded(batch);
  };
  if (cache && workers === undefined) {
    // A rebuild finds nearly every file in the cache, and then reading here beats starting workers
    // and copying their results back: the first batches tell which kind of load this is.
    const before = cache.hits;
    const probe = Math.min(count, PROBE_BATCHES);
    for (let i = 0; i < probe; i++) here(take());
    if (cache.hits - before >= PROBE_HIT_RATIO * Math.min(jobs.length, probe * BATCH)) size = 0;
    if (size === 0) {
      for (let batch = take(); batch !== -1; batch = take()) here(batch);
      return results;
    }
  }
  const pool = acquirePool(size);
  const viaPool = async () => {
    for (let batch = take(); batch !== -1; batch = take()) {
      const slice = jobs.slice(batch * BATCH, (batch + 1) * BATCH);
      try {
        const answer = await pool.run<LoadedBatch>({ kind: "load", jobs: slice, ...(cache ? { cache: cache.ref } : {}) });
        answer.results.forEach((result, i) => (results[batch * BATCH + i] = result));
        // What the worker added to the cache is written by this thread, with its own.
        if (answer.changes) cache?.merge(answer.changes);
        loaded(batch);
      } catch {
        // A worker that cannot start or has stopped: this thread does the batch.
        here(batch);
      }
    }
  };
  // This thread takes batches too, between the workers' results (it also receives them).
  const meanwhile = async () => {
    for (let batch = take(); batch !== -1; batch = take()) {
      here(batch);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  try {
    await Promise.all([meanwhile(), ...Array.from({ length: size }, viaPool)]);
  } finally {
    releasePool(pool);
  }
  return results;
}

/**
 * Reads and validates one meeting file of `contentDir` exactly as `loadArchive` does (same checks
 * and messages: the file, its attachments on disk, its date against its file name and year
 * folder), for `referat serve`, which re-reads only the file that changed. Checks across files
 * (duplicate addresses, undeclared councils) are not made here. `scan` is what the CPR guard
 * needs of the file, valid or not (src/content/sources.ts).
 */
export async function loadMeetingFile(contentDir: string, absolutePath: string, councilName: string): Promise<{ meeting?: Meeting; problems: Problem[]; scan?: SourceScan }> {
  const root = path.resolve(contentDir);
  const sourcePath = path.relative(root, absolutePath).split(path.sep).join("/");
  const [kommune = "", raad = "", year = "", name = ""] = sourcePath.split("/");
  const slug = name.replace(/\.md$/, "");
  // The folders above it must be real folders of the content (the full load checked them once; a
  // link put in place since then is refused here too).
  const linked: Problem[] = [];
  for (const folder of [kommune, `${kommune}/${raad}`, `${kommune}/${raad}/${year}`]) {
    const absolute = path.join(root, folder);
    const kind = kindOfPath(absolute);
    if (kind !== undefined && kind !== "folder") notRegular((file, field, message) => linked.push({ file: displayPath(file), line: 1, col: 1, field, message }), absolute, kind);
  }
  if (linked.length > 0) return { problems: linked };
  const hasFolder = kindOfPath(absolutePath.slice(0, -3)) === "folder";
  const { meeting, problems, scan } = readMeetingFile({ absolutePath, sourcePath, kommune, raad, year, slug, councilName, hasFolder });
  return { ...(meeting ? { meeting } : {}), problems, ...(scan ? { scan } : {}) };
}

/** Largest logo read: a mark for a page header, not a poster. */
const MAX_LOGO_BYTES = 1024 * 1024;

/** Why the logo file cannot be published (src/trust/svg.ts, src/trust/attachments.ts), if it cannot. */
function logoProblem(file: string, name: string): string | undefined {
  const read = readContentFile(file, MAX_LOGO_BYTES);
  if (read.kind === "missing") return messages.missingLogo(name, displayPath(path.dirname(file)));
  if (read.kind === "too-large") return messages.fileTooLarge(read.size, MAX_LOGO_BYTES, "et logo");
  if (read.kind === "not-regular") return `logoet '${name}' ${fileMessages.notRegular(read.entry)}`;
  if (read.kind === "unreadable") return fileMessages.unreadableFile(read.code);
  const bytes = read.bytes;
  const extension = extensionOf(name);
  if (extension !== "svg") {
    const problem = attachmentBytesProblem(extension, bytes);
    return problem ? messages.logoBytes(name, problem) : undefined;
  }
  const decoded = decodeUtf8(bytes);
  const problem = decoded.ok ? svgProblem(decoded.text) : ({ kind: "notSvg", line: decoded.line } as const);
  return problem ? messages.unsafeLogo(name, problem) : undefined;
}
