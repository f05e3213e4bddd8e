// Writing all of a site's open data in one pass, meeting by meeting: each meeting's parts
// (src/data/fragments.ts, from the data cache when it holds them) go to its referat.json, to the
// exports of its municipality and of the site, and to its council's and municipality's calendars,
// which are written as streams. Nothing the size of an export is ever held in memory (at 10,000
// meetings the site's moeder.ndjson alone is 139 MB), and a rebuild makes only the changed
// meetings' parts. The files are the bytes the single-file functions (src/data/exports.ts,
// src/data/calendar.ts) make, which `referat serve` uses for the few files an update touches.
import { createHash } from "node:crypto";
import { open, mkdir, writeFile, type FileHandle } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Council, Kommune, Meeting } from "../minutes/model.ts";
import { announcedEventTexts, calendarHead, CALENDAR_END, councilCalendarName, kommuneCalendarName } from "./calendar.ts";
import { ITEMS_CSV_HEAD, MEETINGS_CSV_HEAD } from "./exports.ts";
import { dataOutputPath, listDataJobs, writeDataJobs, type DataSite } from "./files.ts";
import { dataFileKey, fragmentKey, type DataCache } from "./cache.ts";
import { fragmentBytes, makeFragments, type FragmentBytes } from "./fragments.ts";
import type { MeetingHistory, RecordContext } from "./record.ts";
import { calendarUrl, exportUrl, recordUrl, type DataLinks } from "./urls.ts";

/** Bytes gathered before a stream's file is written to. */
const BUFFER_BYTES = 1 << 20;
/** Meetings whose parts are read or made at once. */
const BATCH = 64;

/** A file written in large pieces as bytes are added to it, its bytes hashed as they pass. */
class FileStream {
  private parts: Uint8Array[] = [];
  private size = 0;
  private readonly hash = createHash("sha256");

  private constructor(
    readonly file: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(file: string, head = ""): Promise<FileStream> {
    await mkdir(dirname(file), { recursive: true });
    const stream = new FileStream(file, await open(file, "wx"));
    stream.add(head);
    return stream;
  }

  add(bytes: Uint8Array | string): void {
    const chunk = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
    if (chunk.length === 0) return;
    this.parts.push(chunk);
    this.size += chunk.length;
    this.hash.update(chunk);
  }

  async flushIfFull(): Promise<void> {
    if (this.size >= BUFFER_BYTES) await this.flush();
  }

  /** Adds the bytes of `file` after its first `skip` bytes, read in large pieces. */
  async addFile(file: string, skip: number): Promise<void> {
    const handle = await open(file, "r");
    try {
      let position = skip;
      for (;;) {
        const buffer = Buffer.allocUnsafe(BUFFER_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, BUFFER_BYTES, position);
        if (bytesRead === 0) break;
        position += bytesRead;
        this.add(buffer.subarray(0, bytesRead));
        await this.flushIfFull();
      }
    } finally {
      await handle.close();
    }
  }

  private async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const parts = this.parts;
    this.parts = [];
    this.size = 0;
    await this.handle.writev(parts);
  }

  /** Ends the file; returns the SHA-256 of its bytes. */
  async close(tail = ""): Promise<string> {
    this.add(tail);
    try {
      await this.flush();
    } finally {
      await this.handle.close();
    }
    return this.hash.digest("hex");
  }
}

/** The three exports, in the order their parts are kept. */
const EXPORT_KINDS = ["meetingsNdjson", "meetingsCsv", "itemsCsv"] as const;
type ExportKind = (typeof EXPORT_KINDS)[number];
/** The part of a meeting's parts that goes to each export. */
const EXPORT_PART = { meetingsNdjson: "line", meetingsCsv: "meetingRow", itemsCsv: "itemRows" } as const satisfies Record<ExportKind, keyof FragmentBytes>;
/** The beginning of each export. */
const EXPORT_HEAD: Record<ExportKind, string> = { meetingsNdjson: "", meetingsCsv: MEETINGS_CSV_HEAD, itemsCsv: ITEMS_CSV_HEAD };

export interface WriteAllOptions {
  links: DataLinks;
  history?: ReadonlyMap<string, MeetingHistory>;
  /** SHA-256 of each published file, by source path. */
  checksums: ReadonlyMap<string, string>;
  /** The data cache, and the code version its keys include; without them every part is made and every file written. */
  cache?: { store: DataCache; code: string };
}

/** What writing the open data did. */
export interface DataWritten {
  /** Data files in the site. */
  files: number;
  /** Meetings whose parts were made. */
  made: number;
  /** Meetings whose parts came from the data cache. */
  reused: number;
  /** Data files linked whole from the data cache (their key unchanged). */
  linked: number;
  /** Data files written. */
  written: number;
}

/**
 * Writes a new file into the fresh site folder. Never over a file already there (`wx`): a data
 * file linked from the cache is a hard link, and writing through it would change the cache's copy.
 */
async function writeFileIn(file: string, text: string | Uint8Array): Promise<void> {
  try {
    await writeFile(file, text, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text, { flag: "wx" });
  }
}

/** A data file made of meetings' parts, with its key in the data cache (`dataFileKey`). */
interface Planned {
  address: string;
  target: string;
  key?: string;
}

/**
 * Writes every data file of the site into `siteDir` (a fresh folder). With the data cache, a file
 * made of meetings' parts whose key is unchanged (a meeting's referat.json, a municipality's
 * exports and calendars, a council's calendar, the site's exports) is linked from the cache, and
 * only the parts the other files need are read from it or made.
 */
export async function writeAllDataFiles(site: DataSite, siteDir: string, options: WriteAllOptions): Promise<DataWritten> {
  const { links, history, cache } = options;
  const context: RecordContext = { links, checksums: options.checksums, ...(history ? { history } : {}) };
  const calendarOptions = { links, ...(history ? { history } : {}) };
  const written: DataWritten = { files: 0, made: 0, reused: 0, linked: 0, written: 0 };
  const portal = site.scope.kommune === undefined;
  const at = (address: string) => join(siteDir, dataOutputPath(address));

  // Everything that is not made of meetings' parts (schema, robots.txt, feeds, sitemaps): as `referat serve` makes it.
  const made = new Set([...site.kommuner.flatMap((k) => [calendarUrl(k.slug), ...k.councils.map((c) => calendarUrl(k.slug, c.slug))])]);
  const jobs = listDataJobs(site, { links, ...(history ? { history } : {}), checksums: { byPath: options.checksums } }).filter(
    (job) => !made.has(job.address) && !job.address.endsWith("/referat.json") && !isExport(job.address),
  );
  written.files += await writeDataJobs(jobs, siteDir);
  written.written += jobs.length;

  // The plan: every file made of meetings' parts, with its key (with a cache).
  const partKeys = new Map<Meeting, string>();
  if (cache) {
    for (const kommune of site.kommuner)
      for (const council of kommune.councils)
        for (const meeting of council.meetings) partKeys.set(meeting, fragmentKey(meeting, council, kommune, { code: cache.code, ...context }));
  }
  const keyOf = (what: () => string[]) => (cache ? dataFileKey(cache.code, what()) : undefined);
  const planned = (address: string, what: () => string[]): Planned => {
    const key = keyOf(what);
    return { address, target: at(address), ...(key ? { key } : {}) };
  };
  const keysOf = (meetings: readonly Meeting[]) => meetings.map((meeting) => partKeys.get(meeting) as string);
  const announced = new Map<Council, string[]>(
    site.kommuner.flatMap((kommune) => kommune.councils.map((council) => [council, announcedEventTexts(kommune, council, calendarOptions)] as const)),
  );
  const records = new Map<Meeting, Planned>();
  const councilCalendars = new Map<Council, { planned: Planned; head: string }>();
  const kommuneFiles = new Map<Kommune, { exports: Record<ExportKind, Planned>; calendar: Planned; calendarHead: string }>();
  for (const kommune of site.kommuner) {
    const meetings = kommune.councils.flatMap((council) => council.meetings);
    for (const council of kommune.councils) {
      for (const meeting of council.meetings)
        records.set(
          meeting,
          planned(recordUrl(meeting), () => ["record", partKeys.get(meeting) as string]),
        );
      const events = council.meetings.length + (announced.get(council) as string[]).length;
      const head = calendarHead(councilCalendarName(kommune, council), events > 0);
      councilCalendars.set(council, {
        head,
        planned: planned(calendarUrl(kommune.slug, council.slug), () => [
          "calendar",
          head,
          ...keysOf(council.meetings),
          ...(announced.get(council) as string[]),
        ]),
      });
    }
    const hasEvents = kommune.councils.some((council) => council.meetings.length > 0 || (announced.get(council) as string[]).length > 0);
    const head = calendarHead(kommuneCalendarName(kommune), hasEvents);
    kommuneFiles.set(kommune, {
      exports: Object.fromEntries(
        EXPORT_KINDS.map((kind) => [kind, planned(exportUrl(kind, kommune.slug), () => ["export", kind, ...keysOf(meetings)])]),
      ) as Record<ExportKind, Planned>,
      calendarHead: head,
      calendar: planned(calendarUrl(kommune.slug), () => [
        "calendar",
        head,
        ...kommune.councils.flatMap((council) => [...keysOf(council.meetings), ...(announced.get(council) as string[])]),
      ]),
    });
  }
  const siteExports = portal
    ? (Object.fromEntries(
        EXPORT_KINDS.map((kind) => [
          kind,
          planned(exportUrl(kind), () => ["site-export", kind, ...site.kommuner.map((kommune) => kommuneFiles.get(kommune)?.exports[kind].key as string)]),
        ]),
      ) as Record<ExportKind, Planned>)
    : undefined;

  // Every planned file the cache holds unchanged, linked into the site.
  const linked = new Set<string>();
  if (cache) {
    const all = [
      ...records.values(),
      ...[...councilCalendars.values()].map((c) => c.planned),
      ...[...kommuneFiles.values()].flatMap((k) => [...Object.values(k.exports), k.calendar]),
      ...Object.values(siteExports ?? {}),
    ];
    const restored = await cache.store.files.restore(all.flatMap((file) => (file.key ? [{ key: file.key, target: file.target }] : [])));
    for (const file of all) if (file.key && restored.has(file.key)) linked.add(file.address);
    written.linked += linked.size;
  }
  const isLinked = (file: Planned) => linked.has(file.address);
  /** Counts a file written, and remembers it for the cache. */
  const wrote = (file: Planned, sha256: string) => {
    written.written++;
    if (file.key && cache) cache.store.remember(file.key, file.target, sha256);
  };

  /** A meeting's parts: from the cache when it holds them, else made (and kept there). */
  const partsOf = async (meeting: Meeting, council: Council, kommune: Kommune): Promise<FragmentBytes> => {
    const key = partKeys.get(meeting);
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

  const all = siteExports
    ? await Promise.all(
        EXPORT_KINDS.map(async (kind) => (isLinked(siteExports[kind]) ? undefined : FileStream.create(siteExports[kind].target, EXPORT_HEAD[kind]))),
      )
    : undefined;
  for (const kommune of site.kommuner) {
    const files = kommuneFiles.get(kommune) as NonNullable<ReturnType<typeof kommuneFiles.get>>;
    // The municipality's exports and calendar not in the cache: made from all its meetings' parts.
    const own = await Promise.all(
      EXPORT_KINDS.map(async (kind) => (isLinked(files.exports[kind]) ? undefined : FileStream.create(files.exports[kind].target, EXPORT_HEAD[kind]))),
    );
    const calendar = isLinked(files.calendar) ? undefined : await FileStream.create(files.calendar.target, files.calendarHead);
    // The site's exports take the parts a municipality's export is made of now, else its linked file.
    const toAll = EXPORT_KINDS.map((_, index) => (all?.[index] && own[index] ? all[index] : undefined));
    const needAll = own.some((stream) => stream !== undefined) || calendar !== undefined;
    for (const council of kommune.councils) {
      const councilFile = councilCalendars.get(council) as { planned: Planned; head: string };
      const events: Uint8Array[] | undefined = needAll || !isLinked(councilFile.planned) ? [] : undefined;
      for (let start = 0; start < council.meetings.length; start += BATCH) {
        const batch = council.meetings.slice(start, start + BATCH).filter((meeting) => events || !isLinked(records.get(meeting) as Planned));
        const parts = await Promise.all(batch.map((meeting) => partsOf(meeting, council, kommune)));
        await Promise.all(
          batch.map(async (meeting, index) => {
            const record = records.get(meeting) as Planned;
            if (isLinked(record)) return;
            const bytes = (parts[index] as FragmentBytes).record;
            await writeFileIn(record.target, bytes);
            wrote(record, createHash("sha256").update(bytes).digest("hex"));
          }),
        );
        for (const part of parts) {
          EXPORT_KINDS.forEach((kind, index) => {
            own[index]?.add(part[EXPORT_PART[kind]]);
            toAll[index]?.add(part[EXPORT_PART[kind]]);
          });
          events?.push(part.event);
        }
        for (const stream of [...own, ...toAll]) await stream?.flushIfFull();
      }
      written.files += council.meetings.length;
      if (events) {
        for (const text of announced.get(council) as string[]) events.push(Buffer.from(text));
        if (calendar) {
          for (const event of events) calendar.add(event);
          await calendar.flushIfFull();
        }
        if (!isLinked(councilFile.planned)) {
          // As assembleCalendar (src/data/calendar.ts) puts it together, in bytes.
          const bytes = Buffer.concat([Buffer.from(councilFile.head), ...events, Buffer.from(CALENDAR_END)]);
          await writeFileIn(councilFile.planned.target, bytes);
          wrote(councilFile.planned, createHash("sha256").update(bytes).digest("hex"));
        }
      }
      written.files++;
    }
    if (calendar) wrote(files.calendar, await calendar.close(CALENDAR_END));
    for (const [index, kind] of EXPORT_KINDS.entries()) {
      const stream = own[index];
      if (stream) wrote(files.exports[kind], await stream.close());
      // A linked export of the municipality goes into the site's export from its file.
      else await all?.[index]?.addFile(files.exports[kind].target, Buffer.byteLength(EXPORT_HEAD[kind]));
    }
    written.files += 4;
  }
  if (all && siteExports) {
    for (const [index, kind] of EXPORT_KINDS.entries()) {
      const stream = all[index];
      if (stream) wrote(siteExports[kind], await stream.close());
    }
    written.files += 3;
  }
  return written;
}

const EXPORT_NAMES = new Set(["moeder.ndjson", "moeder.csv", "punkter.csv"]);

function isExport(address: string): boolean {
  return /\/data\/[^/]+$/.test(address) && EXPORT_NAMES.has(address.slice(address.lastIndexOf("/") + 1));
}
