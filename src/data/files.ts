// The build's open-data stage: every file that is data rather than a page (referat.json beside
// each meeting, the JSON Schema, the exports, the feeds, the calendars, the sitemaps and
// robots.txt), listed as lazy jobs so that `referat serve` can make just the ones a changed meeting
// touches with the same functions the build uses.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { eachLimited } from "../build/each-limited.ts";
import { publishedFiles } from "../minutes/files.ts";
import type { Council, Kommune, Meeting } from "../minutes/model.ts";
import type { SiteScope } from "../site/breadcrumbs.ts";
import { councilCalendar, kommuneCalendar } from "./calendar.ts";
import { itemsCsv, meetingsCsv, meetingsNdjson } from "./exports.ts";
import { councilFeed, kommuneFeed, siteFeed } from "./feeds.ts";
import { calendarUrl, exportUrl, feedUrl, recordUrl, ROBOTS_URL, SCHEMA_URL, sitemapUrl, type DataLinks } from "./urls.ts";
import { meetingRecord, type MeetingHistory } from "./record.ts";
import { meetingJsonSchema, type MeetingRecord } from "./schema.ts";
import { robotsTxt, sitemapIndex, sitemapOf, type SitemapPage } from "./sitemap.ts";

/** What the data files are made from. */
export interface DataSite {
  pathPrefix: string;
  scope: SiteScope;
  kommuner: readonly Kommune[];
  /** Every page of the site (list and meeting pages), for the sitemaps. */
  pages: readonly SitemapPage[];
}

export interface DataOptions {
  links: DataLinks;
  history?: ReadonlyMap<string, MeetingHistory>;
  /** SHA-256 of each published file, by source path (a ChecksumCache, or any map of them). */
  checksums: { readonly byPath: ReadonlyMap<string, string> };
  /**
   * Records already made, by meeting object, kept by `referat serve` between updates: a loaded
   * meeting never changes (a changed file is a new object), and the links, checksums and history
   * of an unchanged meeting stay as they were, so its record does too. The exports of a
   * municipality then read one changed meeting's text, not every meeting's.
   */
  records?: WeakMap<Meeting, MeetingRecord>;
}

/** One data file: its site-relative address and how to make its text. */
export interface DataJob {
  address: string;
  make: () => string;
}

/** The output path (relative to the site folder) of a data file's address. */
export function dataOutputPath(address: string): string {
  return address.replace(/^\//, "");
}

/**
 * SHA-256 of published files, by source path, with the size and modification time they had: a
 * file is hashed again only when it changed (the dev server keeps one cache for its whole run).
 */
export class ChecksumCache {
  private readonly known = new Map<string, { size: number; mtimeMs: number; sha256: string }>();
  readonly byPath = new Map<string, string>();

  /** Hashes every published file of the meetings that is not known yet (or changed); `given` are hashes already made of this build's files. */
  async fill(meetings: readonly Meeting[], given?: ReadonlyMap<string, string>, concurrency = 8): Promise<void> {
    const paths = [...new Set(meetings.flatMap((m) => publishedFiles(m).map((file) => file.sourcePath)))];
    await eachLimited(paths, concurrency, async (path) => {
      const made = given?.get(path);
      if (made !== undefined) {
        this.byPath.set(path, made);
        return;
      }
      const info = await stat(path);
      const cached = this.known.get(path);
      if (cached && cached.size === info.size && cached.mtimeMs === info.mtimeMs) {
        this.byPath.set(path, cached.sha256);
        return;
      }
      const sha256 = await hashFile(path);
      this.known.set(path, { size: info.size, mtimeMs: info.mtimeMs, sha256 });
      this.byPath.set(path, sha256);
    });
  }
}

function hashFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(path)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Every data file of the site, as lazy jobs, in a stable order. */
export function listDataJobs(site: DataSite, options: DataOptions): DataJob[] {
  const { links, history } = options;
  const recordContext = { links, checksums: options.checksums.byPath, ...(history ? { history } : {}) };
  const feedOptions = { links, ...(history ? { history } : {}) };
  const kept = options.records;
  const recordOf = (meeting: Meeting, council: Council, kommune: Kommune): MeetingRecord => {
    let record = kept?.get(meeting);
    if (!record) {
      record = meetingRecord(meeting, council, kommune, recordContext);
      kept?.set(meeting, record);
    }
    return record;
  };
  const records = new Map<Kommune, MeetingRecord[]>();
  const recordsOf = (kommune: Kommune): MeetingRecord[] => {
    let list = records.get(kommune);
    if (!list) {
      list = kommune.councils.flatMap((council) => council.meetings.map((meeting) => recordOf(meeting, council, kommune)));
      records.set(kommune, list);
    }
    return list;
  };
  const jobs: DataJob[] = [];
  const portal = site.scope.kommune === undefined;

  jobs.push({ address: SCHEMA_URL, make: () => json(meetingJsonSchema(links.absolute(SCHEMA_URL))) });
  jobs.push({ address: ROBOTS_URL, make: () => robotsTxt(links) });
  for (const kommune of site.kommuner) {
    for (const council of kommune.councils) {
      for (const meeting of council.meetings) {
        jobs.push({ address: recordUrl(meeting), make: () => json(recordOf(meeting, council, kommune)) });
      }
      jobs.push({ address: feedUrl(kommune.slug, council.slug), make: () => councilFeed(kommune, council, feedOptions) });
      jobs.push({ address: calendarUrl(kommune.slug, council.slug), make: () => councilCalendar(kommune, council, feedOptions) });
    }
    jobs.push({ address: feedUrl(kommune.slug), make: () => kommuneFeed(kommune, feedOptions) });
    jobs.push({ address: calendarUrl(kommune.slug), make: () => kommuneCalendar(kommune, feedOptions) });
    jobs.push({ address: exportUrl("meetingsNdjson", kommune.slug), make: () => meetingsNdjson(recordsOf(kommune)) });
    jobs.push({ address: exportUrl("meetingsCsv", kommune.slug), make: () => meetingsCsv(recordsOf(kommune)) });
    jobs.push({ address: exportUrl("itemsCsv", kommune.slug), make: () => itemsCsv(recordsOf(kommune)) });
  }
  if (portal) {
    const all = () => site.kommuner.flatMap((kommune) => recordsOf(kommune));
    jobs.push({ address: feedUrl(), make: () => siteFeed(site.kommuner, feedOptions) });
    jobs.push({ address: exportUrl("meetingsNdjson"), make: () => meetingsNdjson(all()) });
    jobs.push({ address: exportUrl("meetingsCsv"), make: () => meetingsCsv(all()) });
    jobs.push({ address: exportUrl("itemsCsv"), make: () => itemsCsv(all()) });
  }
  // Sitemaps need absolute addresses: only a site that knows its base URL has them.
  if (links.origin) {
    const lastmod = (meeting?: Meeting) => (meeting ? history?.get(meeting.absolutePath)?.modified : undefined);
    if (portal) {
      jobs.push({ address: sitemapUrl(), make: () => sitemapIndex([...site.kommuner.map((k) => sitemapUrl(k.slug)), PORTAL_SITEMAP], links) });
      jobs.push({
        address: PORTAL_SITEMAP,
        make: () =>
          sitemapOf(
            site.pages.filter((page) => !page.kommune),
            links,
            lastmod,
          ),
      });
      for (const kommune of site.kommuner) {
        jobs.push({
          address: sitemapUrl(kommune.slug),
          make: () =>
            sitemapOf(
              site.pages.filter((page) => page.kommune === kommune.slug),
              links,
              lastmod,
            ),
        });
      }
    } else {
      jobs.push({ address: sitemapUrl(), make: () => sitemapOf(site.pages, links, lastmod) });
    }
  }
  return jobs;
}

/** The sitemap of a portal's own pages (the front page, the search page). */
export const PORTAL_SITEMAP = "/sitemap-portal.xml";

/** The addresses of the data files a change to these meetings can change (for `referat serve`). */
export function affectedDataAddresses(
  changed: readonly { meeting: Meeting; council: Council; kommune: Kommune }[],
  portal: boolean,
  hasOrigin: boolean,
): Set<string> {
  const addresses = new Set<string>();
  for (const { meeting, council, kommune } of changed) {
    addresses.add(recordUrl(meeting));
    addresses.add(feedUrl(kommune.slug, council.slug));
    addresses.add(calendarUrl(kommune.slug, council.slug));
    addresses.add(feedUrl(kommune.slug));
    addresses.add(calendarUrl(kommune.slug));
    addresses.add(exportUrl("meetingsNdjson", kommune.slug));
    addresses.add(exportUrl("meetingsCsv", kommune.slug));
    addresses.add(exportUrl("itemsCsv", kommune.slug));
    if (portal) {
      addresses.add(feedUrl());
      addresses.add(exportUrl("meetingsNdjson"));
      addresses.add(exportUrl("meetingsCsv"));
      addresses.add(exportUrl("itemsCsv"));
    }
    if (hasOrigin) addresses.add(portal ? sitemapUrl(kommune.slug) : sitemapUrl());
  }
  return addresses;
}

/** Makes the jobs' files in `siteDir` with `write` (plain writes in a fresh build, atomic ones in serve). */
export async function writeDataJobs(
  jobs: readonly DataJob[],
  siteDir: string,
  write: (file: string, text: string) => Promise<void> = writeInFolder,
  concurrency = 16,
): Promise<number> {
  await eachLimited(jobs, concurrency, async (job) => {
    await write(join(siteDir, dataOutputPath(job.address)), job.make());
  });
  return jobs.length;
}

async function writeInFolder(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}
