// Writing all of a site's open data in one pass, meeting by meeting: each meeting's parts
// (src/data/fragments.ts, from the data cache when it holds them) go to its referat.json, to the
// exports of its municipality and of the site, and to its council's and municipality's calendars,
// which are written as streams. Nothing the size of an export is ever held in memory (at 10,000
// meetings the site's moeder.ndjson alone is 139 MB), and a rebuild makes only the changed
// meetings' parts. The files are the bytes the single-file functions (src/data/exports.ts,
// src/data/calendar.ts) make, which `referat serve` uses for the few files an update touches.
import { open, mkdir, writeFile, type FileHandle } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Council, Kommune, Meeting } from "../minutes/model.ts";
import { announcedEventTexts, announcedMeetings, calendarHead, CALENDAR_END, councilCalendarName, kommuneCalendarName } from "./calendar.ts";
import { ITEMS_CSV_HEAD, MEETINGS_CSV_HEAD } from "./exports.ts";
import { dataOutputPath, listDataJobs, writeDataJobs, type DataSite } from "./files.ts";
import { fragmentKey, type DataCache } from "./cache.ts";
import { fragmentBytes, makeFragments, type FragmentBytes } from "./fragments.ts";
import type { MeetingHistory, RecordContext } from "./record.ts";
import { calendarUrl, exportUrl, recordUrl, type DataLinks } from "./urls.ts";

/** Bytes gathered before a stream's file is written to. */
const BUFFER_BYTES = 1 << 20;
/** Meetings whose parts are read or made at once. */
const BATCH = 64;

/** A file written in large pieces as bytes are added to it. */
class FileStream {
  private parts: Uint8Array[] = [];
  private size = 0;

  private constructor(private readonly handle: FileHandle) {}

  static async create(file: string, head = ""): Promise<FileStream> {
    await mkdir(dirname(file), { recursive: true });
    const stream = new FileStream(await open(file, "w"));
    stream.add(head);
    return stream;
  }

  add(bytes: Uint8Array | string): void {
    const chunk = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
    if (chunk.length === 0) return;
    this.parts.push(chunk);
    this.size += chunk.length;
  }

  async flushIfFull(): Promise<void> {
    if (this.size >= BUFFER_BYTES) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const parts = this.parts;
    this.parts = [];
    this.size = 0;
    await this.handle.writev(parts);
  }

  async close(tail = ""): Promise<void> {
    this.add(tail);
    try {
      await this.flush();
    } finally {
      await this.handle.close();
    }
  }
}

/** The three exports of a municipality or of the site. */
class Exports {
  private constructor(private readonly streams: [ndjson: FileStream, meetings: FileStream, items: FileStream]) {}

  static async create(siteDir: string, kommune?: string): Promise<Exports> {
    const at = (file: "meetingsNdjson" | "meetingsCsv" | "itemsCsv") => join(siteDir, dataOutputPath(exportUrl(file, kommune)));
    return new Exports([
      await FileStream.create(at("meetingsNdjson")),
      await FileStream.create(at("meetingsCsv"), MEETINGS_CSV_HEAD),
      await FileStream.create(at("itemsCsv"), ITEMS_CSV_HEAD),
    ]);
  }

  add(parts: FragmentBytes): void {
    const [ndjson, meetings, items] = this.streams;
    ndjson.add(parts.line);
    meetings.add(parts.meetingRow);
    items.add(parts.itemRows);
  }

  async flushIfFull(): Promise<void> {
    for (const stream of this.streams) await stream.flushIfFull();
  }

  async close(): Promise<void> {
    for (const stream of this.streams) await stream.close();
  }
}

export interface WriteAllOptions {
  links: DataLinks;
  history?: ReadonlyMap<string, MeetingHistory>;
  /** SHA-256 of each published file, by source path. */
  checksums: ReadonlyMap<string, string>;
  /** The data cache, and the code version its keys include; without them every part is made. */
  cache?: { store: DataCache; code: string };
}

/** What writing the open data did. */
export interface DataWritten {
  /** Files written. */
  files: number;
  /** Meetings whose parts were made. */
  made: number;
  /** Meetings whose parts came from the data cache. */
  reused: number;
}

async function writeFileIn(file: string, text: string | Uint8Array): Promise<void> {
  try {
    await writeFile(file, text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
  }
}

/** Writes every data file of the site into `siteDir` (a fresh folder). */
export async function writeAllDataFiles(site: DataSite, siteDir: string, options: WriteAllOptions): Promise<DataWritten> {
  const { links, history, cache } = options;
  const context: RecordContext = { links, checksums: options.checksums, ...(history ? { history } : {}) };
  const calendarOptions = { links, ...(history ? { history } : {}) };
  const written: DataWritten = { files: 0, made: 0, reused: 0 };
  const portal = site.scope.kommune === undefined;

  /** A meeting's parts: from the cache when it holds them, else made (and kept there). */
  const partsOf = async (meeting: Meeting, council: Council, kommune: Kommune): Promise<FragmentBytes> => {
    const key = cache ? fragmentKey(meeting, council, kommune, { code: cache.code, ...context }) : undefined;
    const kept = key && cache ? await cache.store.get(key) : undefined;
    if (kept) {
      written.reused++;
      return kept;
    }
    const made = fragmentBytes(makeFragments(meeting, council, kommune, context));
    written.made++;
    if (key && cache) await cache.store.put(key, made);
    return made;
  };

  // Everything that is not made of meetings' parts (schema, robots.txt, feeds, sitemaps): as `referat serve` makes it.
  const made = new Set([...site.kommuner.flatMap((k) => [calendarUrl(k.slug), ...k.councils.map((c) => calendarUrl(k.slug, c.slug))])]);
  const jobs = listDataJobs(site, { links, ...(history ? { history } : {}), checksums: { byPath: options.checksums } }).filter(
    (job) => !made.has(job.address) && !job.address.endsWith("/referat.json") && !isExport(job.address),
  );
  written.files += await writeDataJobs(jobs, siteDir);

  const all = portal ? await Exports.create(siteDir) : undefined;
  for (const kommune of site.kommuner) {
    const own = await Exports.create(siteDir, kommune.slug);
    const hasEvents = kommune.councils.some((council) => council.meetings.length > 0 || announcedMeetings(council).length > 0);
    const calendar = await FileStream.create(join(siteDir, dataOutputPath(calendarUrl(kommune.slug))), calendarHead(kommuneCalendarName(kommune), hasEvents));
    for (const council of kommune.councils) {
      const events: Uint8Array[] = [];
      for (let start = 0; start < council.meetings.length; start += BATCH) {
        const batch = council.meetings.slice(start, start + BATCH);
        const parts = await Promise.all(batch.map((meeting) => partsOf(meeting, council, kommune)));
        await Promise.all(
          batch.map((meeting, index) => writeFileIn(join(siteDir, dataOutputPath(recordUrl(meeting))), (parts[index] as FragmentBytes).record)),
        );
        for (const part of parts) {
          own.add(part);
          all?.add(part);
          events.push(part.event);
        }
        await own.flushIfFull();
        await all?.flushIfFull();
      }
      written.files += council.meetings.length;
      for (const announced of announcedEventTexts(kommune, council, calendarOptions)) events.push(Buffer.from(announced));
      for (const event of events) calendar.add(event);
      await calendar.flushIfFull();
      await writeFileIn(
        join(siteDir, dataOutputPath(calendarUrl(kommune.slug, council.slug))),
        // As assembleCalendar (src/data/calendar.ts) puts it together, in bytes.
        Buffer.concat([Buffer.from(calendarHead(councilCalendarName(kommune, council), events.length > 0)), ...events, Buffer.from(CALENDAR_END)]),
      );
      written.files++;
    }
    await calendar.close(CALENDAR_END);
    await own.close();
    written.files += 4;
  }
  if (all) {
    await all.close();
    written.files += 3;
  }
  return written;
}

const EXPORT_NAMES = new Set(["moeder.ndjson", "moeder.csv", "punkter.csv"]);

function isExport(address: string): boolean {
  return /\/data\/[^/]+$/.test(address) && EXPORT_NAMES.has(address.slice(address.lastIndexOf("/") + 1));
}
