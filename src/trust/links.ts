// Offline link integrity check over a rendered site: every internal href/src/srcset/action must
// name a file of the site (under the path prefix), and every fragment an id in the target page.
// External links are never fetched. Runs after rendering and search indexing, before the new site
// is moved into place, so a broken link stops the build. See docs/trust.md "Link integrity".
// The parts: reading a page (links/page.ts, with the fast reader links/scan.ts), checking pages
// (links/check-pages.ts, shared with worker threads), naming the source file of a problem
// (links/sources.ts).
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { sortProblems, type Problem } from "../report/problem.ts";
import type { Archive } from "../minutes/model.ts";
import { normalisePathPrefix } from "../site/urls.ts";
import { trustMessages } from "./messages.ts";
import { checkPages, type CheckerSetup, type PageInfo, type PagesChecked } from "./links/check-pages.ts";
import { parsePageBytes } from "./links/page.ts";
import { nameSources } from "./links/sources.ts";

export { createMeetingLinkResolver, type MeetingLinkResolver } from "./meeting-links.ts";
export { parsePage, parsePageBytes, parsePageFully, type ParsedPage } from "./links/page.ts";
/** The entry of a link-check worker thread (src/build/link-worker.mjs). */
export { linkCheckWorkerMain } from "./links/check-pages.ts";

export interface LinkCheckOptions {
  siteDir: string;
  archive: Archive;
  pathPrefix: string;
  /** Where paths in problems are relative to (default: the working directory). */
  cwd?: string;
  /** Worker threads that share the pages with this one (default: one for a large site on more than one core, else none). */
  workers?: number;
  /**
   * An update of a site (`referat serve`): only the pages in `dir` are checked, and the files in
   * `dir` take the place of the site's (`siteDir`, as served). `files` lists the site's files, when
   * the caller knows them (else the site is listed).
   */
  update?: { dir: string; files?: Iterable<string> };
}

/** Every file under `dir`, relative with forward slashes. */
async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return listFiles(dir, rel);
      return entry.isFile() || entry.isSymbolicLink() ? [rel] : [];
    }),
  );
  return nested.flat();
}

/** Below this many pages the work is not shared with a worker thread (starting one costs more). */
const WORKER_MIN_PAGES = 2000;
const WORKER_URL = new URL("../build/link-worker.mjs", import.meta.url);

/** Checks every page, sharing the pages with `workers` worker threads. */
async function checkAllPages(setup: CheckerSetup, workers: number): Promise<PagesChecked> {
  const threads = Array.from({ length: workers }, () => {
    const worker = new Worker(WORKER_URL, { workerData: setup });
    return new Promise<PagesChecked>((resolve, reject) => {
      worker.once("message", (result: PagesChecked) => {
        resolve(result);
        void worker.terminate();
      });
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`link check worker stopped (${code})`)));
    });
  });
  const own = checkPages(setup);
  const results = [own, ...(await Promise.all(threads))];
  // In page order, whichever thread checked a page: the result does not depend on the sharing.
  const order = new Map(setup.pages.map((file, index) => [file, index]));
  const byPage = <T extends { page: PageInfo }>(a: T, b: T) => (order.get(a.page.file) as number) - (order.get(b.page.file) as number);
  return {
    ids: results.flatMap((r) => r.ids),
    found: results.flatMap((r) => r.found).sort(byPage),
    pending: results.flatMap((r) => r.pending).sort(byPage),
  };
}

/** Returns a problem for every broken internal link, asset or anchor, naming page and source file. */
export async function checkLinks(options: LinkCheckOptions): Promise<Problem[]> {
  const siteDir = path.resolve(options.siteDir);
  const cwd = options.cwd ?? process.cwd();
  const prefix = normalisePathPrefix(options.pathPrefix);
  const update = options.update ? path.resolve(options.update.dir) : undefined;
  const updated = update ? await listFiles(update) : [];
  const siteFiles = options.update?.files ? [...options.update.files] : await listFiles(siteDir);
  const files = update ? [...new Set([...siteFiles, ...updated])] : siteFiles;
  const pages = (update ? updated : files).filter((file) => /\.html?$/i.test(file)).sort();
  const setup: CheckerSetup = { siteDir: update ?? siteDir, prefix, files, pages, next: new Int32Array(new SharedArrayBuffer(4)) };
  const workers = options.workers ?? (pages.length >= WORKER_MIN_PAGES ? Math.min(1, availableParallelism() - 1) : 0);
  const { ids, found, pending } = await checkAllPages(setup, workers);
  /** ids of each page, kept compactly: "\0id1\0id2\0". */
  const idsByFile = new Map(ids);

  // An update's links into pages it did not make: their ids as the site has them.
  if (update) {
    for (const link of pending) {
      if (idsByFile.has(link.targetFile)) continue;
      const bytes = await readFile(path.join(siteDir, link.targetFile)).catch(() => undefined);
      idsByFile.set(link.targetFile, bytes ? `\u0000${[...parsePageBytes(bytes).ids].join("\u0000")}\u0000` : "");
    }
  }
  for (const link of pending) {
    const ids = idsByFile.get(link.targetFile) ?? "";
    if (!ids.includes(`\u0000${link.id}\u0000`)) {
      found.push({
        page: link.page,
        ref: link.ref,
        message: trustMessages.missingAnchor(link.page.address, link.ref.raw, link.id, link.targetAddress),
      });
    }
  }

  return sortProblems(await nameSources(found, options.archive, prefix, cwd));
}
