// Offline link integrity check over a rendered site: every internal href/src/srcset/action must
// name a file of the site (under the path prefix), and every fragment an id in the target page.
// External links are never fetched. Runs after rendering and search indexing, before the new site
// is moved into place, so a broken link stops the build. See docs/trust.md "Link integrity".
// The parts: reading a page (links/page.ts, with the fast reader links/scan.ts), checking pages
// (links/check-pages.ts, shared with the worker pool's threads), the records made while rendering
// (links/records.ts), naming the source file of a problem
// (links/sources.ts).
import { availableParallelism } from "node:os";
import { readdirSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { sortProblems, type Problem } from "../report/problem.ts";
import type { Archive } from "../minutes/model.ts";
import { normalisePathPrefix } from "../site/urls.ts";
import { trustMessages } from "./messages.ts";
import { checkPages, createPageChecker, type CheckerSetup, type PageInfo, type PagesChecked } from "./links/check-pages.ts";
import { parsePageBytes } from "./links/page.ts";
import { nameSources } from "./links/sources.ts";
import { acquirePool, releasePool } from "../workers/pool.ts";
import type { LinkRecords } from "./links/records.ts";

export { createMeetingLinkResolver, type MeetingLinkResolver } from "./meeting-links.ts";
export { parsePage, parsePageBytes, parsePageFully, type ParsedPage } from "./links/page.ts";
export { LinkRecords, LINKS_RECORD } from "./links/records.ts";

export interface LinkCheckOptions {
  siteDir: string;
  archive: Archive;
  pathPrefix: string;
  /** Where paths in problems are relative to (default: the working directory). */
  cwd?: string;
  /** Threads of the worker pool that share the pages to read with this one (default: one when there are many on more than one core, else none). */
  workers?: number;
  /**
   * An update of a site (`referat serve`): only the pages in `dir` are checked, and the files in
   * `dir` take the place of the site's (`siteDir`, as served). `files` lists the site's files, when
   * the caller knows them (else the site is listed).
   */
  update?: { dir: string; files?: Iterable<string> };
  /**
   * The records of the pages made while rendering (src/trust/links/records.ts): a page with a
   * record is checked from it and not read. Pages without one are read and parsed.
   */
  records?: LinkRecords;
}

/**
 * Every file under `dir`, relative with forward slashes. Synchronous: one folder after another
 * costs a third of the same walk through the file system's thread pool (measured at 2,000
 * meetings, 9,209 files: about 100 ms against 300 ms), and the check has nothing else to do meanwhile.
 */
function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (prefix: string) => {
    for (const entry of readdirSync(prefix ? path.join(dir, prefix) : dir, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile() || entry.isSymbolicLink()) files.push(rel);
    }
  };
  walk("");
  return files;
}

/** Below this many pages to read, the work is not shared with the worker pool (a thread's start costs more). */
const WORKER_MIN_PAGES = 2000;

/**
 * Checks every page of `setup` by reading it, sharing the pages with `workers` threads of the
 * worker pool (src/workers/pool.ts): each takes the next unchecked page from a shared counter. A
 * thread that fails fails its request; then this thread checks every page itself.
 */
async function checkAllPages(setup: CheckerSetup, workers: number): Promise<PagesChecked> {
  if (workers === 0 || setup.pages.length === 0) return checkPages(setup);
  const pool = acquirePool();
  try {
    const threads = Array.from({ length: workers }, () => pool.run<PagesChecked>({ kind: "linkPages", setup }));
    // Settled whichever way, before this thread starts on its share: a failure must not go unheard.
    for (const thread of threads) thread.catch(() => undefined);
    const own = checkPages(setup);
    const shared = await Promise.all(threads).catch(() => undefined);
    if (!shared) return checkPages({ ...setup, next: new Int32Array(new SharedArrayBuffer(4)) });
    const results = [own, ...shared];
    // In page order, whichever thread checked a page: the result does not depend on the sharing.
    const order = new Map(setup.pages.map((file, index) => [file, index]));
    const byPage = <T extends { page: PageInfo }>(a: T, b: T) => (order.get(a.page.file) as number) - (order.get(b.page.file) as number);
    return {
      ids: results.flatMap((r) => r.ids),
      found: results.flatMap((r) => r.found).sort(byPage),
      pending: results.flatMap((r) => r.pending).sort(byPage),
    };
  } finally {
    releasePool(pool);
  }
}

/** Returns a problem for every broken internal link, asset or anchor, naming page and source file. */
export async function checkLinks(options: LinkCheckOptions): Promise<Problem[]> {
  const siteDir = path.resolve(options.siteDir);
  const cwd = options.cwd ?? process.cwd();
  const prefix = normalisePathPrefix(options.pathPrefix);
  const update = options.update ? path.resolve(options.update.dir) : undefined;
  const updated = update ? listFiles(update) : [];
  const siteFiles = options.update?.files ? [...options.update.files] : listFiles(siteDir);
  const files = update ? [...new Set([...siteFiles, ...updated])] : siteFiles;
  const pages = (update ? updated : files).filter((file) => /\.html?$/i.test(file)).sort();
  const records = update ? undefined : options.records;
  // Pages with a record are checked from it; the others are read (shared with worker threads when many).
  const unrecorded = records ? pages.filter((file) => !records.has(file)) : pages;
  const setup: CheckerSetup = { siteDir: update ?? siteDir, prefix, files, pages: unrecorded, next: new Int32Array(new SharedArrayBuffer(4)) };
  const workers = options.workers ?? (unrecorded.length >= WORKER_MIN_PAGES ? Math.min(1, availableParallelism() - 1) : 0);
  const read = await checkAllPages(setup, workers);
  /** ids of each page read, kept compactly: "\0id1\0id2\0". */
  const idsByFile = new Map(read.ids);
  /** ids of each recorded page. */
  const recordedIds = new Map<string, ReadonlySet<string>>();
  let { found, pending } = read;
  if (records && unrecorded.length < pages.length) {
    const checker = createPageChecker(prefix, files);
    for (const file of pages) {
      if (!records.has(file)) continue;
      // A record that cannot be read (never, for records made here) means reading the page.
      const parsed = records.get(file) ?? parsePageBytes(readFileSync(path.join(siteDir, file)));
      checker.check(file, parsed);
      recordedIds.set(file, parsed.ids);
    }
    const recorded = checker.result();
    // In page order, whichever way a page was checked: the result does not depend on it.
    const order = new Map(pages.map((file, index) => [file, index]));
    const byPage = <T extends { page: PageInfo }>(a: T, b: T) => (order.get(a.page.file) as number) - (order.get(b.page.file) as number);
    found = [...found, ...recorded.found].sort(byPage);
    pending = [...pending, ...recorded.pending].sort(byPage);
  }
  const hasId = (file: string, id: string): boolean => {
    const recorded = recordedIds.get(file);
    if (recorded) return recorded.has(id);
    return (idsByFile.get(file) ?? "").includes(`\u0000${id}\u0000`);
  };

  // An update's links into pages it did not make: their ids as the site has them.
  if (update) {
    for (const link of pending) {
      if (idsByFile.has(link.targetFile)) continue;
      const bytes = await readFile(path.join(siteDir, link.targetFile)).catch(() => undefined);
      idsByFile.set(link.targetFile, bytes ? `\u0000${[...parsePageBytes(bytes).ids].join("\u0000")}\u0000` : "");
    }
  }
  for (const link of pending) {
    if (!hasId(link.targetFile, link.id)) {
      found.push({
        page: link.page,
        ref: link.ref,
        message: trustMessages.missingAnchor(link.page.address, link.ref.raw, link.id, link.targetAddress),
      });
    }
  }

  return sortProblems(await nameSources(found, options.archive, prefix, cwd));
}
