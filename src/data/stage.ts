// The open-data stage of `referat build` and `referat serve`: hashes the published files, reads
// the meetings' history, and writes every data file (src/data/files.ts) into the site folder.
import type { SiteData } from "../eleventy/data.ts";
import { ChecksumCache, listDataJobs, writeDataJobs, type DataJob, type DataSite } from "./files.ts";
import { readHistory } from "./history.ts";
import type { Meeting } from "../minutes/model.ts";
import type { MeetingRecord } from "./schema.ts";
import { createDataLinks } from "./urls.ts";
import type { DataCache } from "./cache.ts";
import { writeAllDataFiles, type DataWritten } from "./write.ts";

/** The base URL a site's data uses: `--base-url`, else a one-municipality site's kommune.yaml `base_url`. */
export function siteBaseUrl(site: Pick<SiteData, "scope" | "kommuner">, options: { baseUrl?: string }): string | undefined {
  if (options.baseUrl) return options.baseUrl;
  const only = site.scope.kommune ? site.kommuner.find((k) => k.slug === site.scope.kommune) : undefined;
  return only?.baseUrl;
}

/** The data view of the site: its municipalities and every page, for the sitemaps. */
export function dataSite(site: Pick<SiteData, "pathPrefix" | "scope" | "kommuner" | "listPages" | "meetingPages">): DataSite {
  return {
    pathPrefix: site.pathPrefix,
    scope: site.scope,
    kommuner: site.kommuner,
    pages: [
      // A redirect page (a one-municipality site's /<kommune>/) is not a page of its own: not in the sitemap.
      ...site.listPages.filter((page) => page.kind !== "redirect").map((page) => ({ url: page.url, ...(page.kommune ? { kommune: page.kommune.slug } : {}) })),
      ...site.meetingPages.map((page) => ({ url: page.url, kommune: page.kommune.slug, meeting: page.meeting })),
    ],
  };
}

export interface DataStageOptions {
  baseUrl?: string | undefined;
  /** Kept by `referat serve` between updates, so unchanged files are not hashed again. */
  checksums?: ChecksumCache;
  /** SHA-256 of published files already known, by source path (the copy stage hashed them as it copied): not hashed again. */
  known?: ReadonlyMap<string, string>;
  /** Only these data addresses (a serve update); all when absent. */
  only?: ReadonlySet<string>;
  /** Records kept by `referat serve` between updates (src/data/files.ts, DataOptions.records). */
  records?: WeakMap<Meeting, MeetingRecord>;
  write?: (file: string, text: string) => Promise<void>;
  /** The data cache (src/data/cache.ts) and the code version its keys include: a whole site's data is then made only for meetings it does not hold. */
  cache?: { store: DataCache; code: string };
  /** What writing a whole site's data did (meetings whose parts were made, and taken from the cache). */
  onWritten?: (written: DataWritten) => void;
}

/** Reads the history of every meeting of the site into `site.history`, for the pages and the data. */
export async function addHistory(site: SiteData): Promise<void> {
  site.history = await readHistory(site.kommuner.flatMap((k) => k.councils.flatMap((c) => c.meetings.map((m) => m.absolutePath))));
}

/** Writes the site's data files into `siteDir`; returns how many. */
export async function writeDataFiles(site: SiteData, siteDir: string, options: DataStageOptions = {}): Promise<number> {
  const checksums = options.checksums ?? new ChecksumCache();
  const meetings = site.kommuner.flatMap((k) => k.councils.flatMap((c) => c.meetings));
  const [history] = await Promise.all([site.history ?? readHistory(meetings.map((m) => m.absolutePath)), checksums.fill(meetings, options.known)]);
  const links = createDataLinks(site.pathPrefix, options.baseUrl);
  if (!options.only && !options.write) {
    // A whole site into a fresh folder: meeting by meeting, the exports and calendars as streams.
    const written = await writeAllDataFiles(dataSite(site), siteDir, {
      links,
      history,
      checksums: checksums.byPath,
      ...(options.cache ? { cache: options.cache } : {}),
    });
    options.onWritten?.(written);
    return written.files;
  }
  let jobs: DataJob[] = listDataJobs(dataSite(site), { links, history, checksums, ...(options.records ? { records: options.records } : {}) });
  if (options.only) jobs = jobs.filter((job) => options.only!.has(job.address));
  return writeDataJobs(jobs, siteDir, options.write);
}
