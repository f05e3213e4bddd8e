// A meeting's part of the open data, as text: its referat.json, its line of moeder.ndjson, its
// rows of moeder.csv and punkter.csv, and its event in the calendars. The files of the open data
// are put together from these parts (src/data/write.ts), so that the parts of an unchanged
// meeting can come from the build's cache (src/data/cache.ts) instead of being made again.
import type { Council, Kommune, Meeting } from "../minutes/model.ts";
import { meetingEventText } from "./calendar.ts";
import { itemCsvRows, meetingCsvRow, ndjsonLine } from "./exports.ts";
import { meetingRecord, type RecordContext } from "./record.ts";

/** A meeting's parts of the open data. */
export interface MeetingFragments {
  /** referat.json. */
  record: string;
  /** Its line of moeder.ndjson. */
  line: string;
  /** Its row of moeder.csv. */
  meetingRow: string;
  /** Its rows of punkter.csv. */
  itemRows: string;
  /** Its VEVENT in the calendars. */
  event: string;
}

/** The parts as UTF-8 bytes, as they are written (and kept in the data cache). */
export type FragmentBytes = Record<keyof MeetingFragments, Buffer>;

/** The parts as UTF-8 bytes. */
export function fragmentBytes(parts: MeetingFragments): FragmentBytes {
  return {
    record: Buffer.from(parts.record),
    line: Buffer.from(parts.line),
    meetingRow: Buffer.from(parts.meetingRow),
    itemRows: Buffer.from(parts.itemRows),
    event: Buffer.from(parts.event),
  };
}

/** The parts, in the order a cache entry holds them. */
export const FRAGMENT_PARTS = ["record", "line", "meetingRow", "itemRows", "event"] as const satisfies readonly (keyof MeetingFragments)[];

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Makes a meeting's parts. */
export function makeFragments(meeting: Meeting, council: Council, kommune: Kommune, context: RecordContext): MeetingFragments {
  const record = meetingRecord(meeting, council, kommune, context);
  return {
    record: json(record),
    line: ndjsonLine(record),
    meetingRow: meetingCsvRow(record),
    itemRows: itemCsvRows(record),
    event: meetingEventText(kommune, council, meeting, { links: context.links, ...(context.history ? { history: context.history } : {}) }),
  };
}
