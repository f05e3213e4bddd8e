// Every meeting and item of a municipality (or the whole site) in one download: NDJSON (each
// line one meeting's referat.json) and CSV for spreadsheets. The CSV is what Danish Excel opens
// with a double-click: UTF-8 with a byte-order mark (else æ, ø, å break), `;` between fields
// (Danish Excel's list separator, since `,` is the decimal comma), CRLF line ends, and every
// field quoted when it needs to be (csv-stringify).
import { stringify } from "csv-stringify/sync";
import type { MeetingRecord } from "./schema.ts";

const BOM = "\uFEFF";

/** A meeting record's line of the NDJSON export. */
export function ndjsonLine(record: MeetingRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/** One meeting record per line. */
export function meetingsNdjson(records: readonly MeetingRecord[]): string {
  return records.map(ndjsonLine).join("");
}

/**
 * A text that a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`, or after a tab or
 * carriage return) is given a leading apostrophe, as OWASP advises against CSV injection: the
 * content is written by people outside the reader's control.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const CSV_OPTIONS = { delimiter: ";", record_delimiter: "\r\n" } as const;

/** CSV rows (each ended by CRLF), with every text neutralised. Rows stringified apart join to the rows stringified together. */
function csvRows(rows: readonly (readonly (string | number)[])[]): string {
  if (rows.length === 0) return "";
  return stringify(
    rows.map((row) => row.map((value) => (typeof value === "string" ? neutraliseFormula(value) : value))),
    CSV_OPTIONS,
  );
}

/** The columns of moeder.csv, in order (documented in the README). */
export const MEETING_COLUMNS = [
  "kommune",
  "raad",
  "dato",
  "start",
  "slut",
  "status",
  "titel",
  "sted",
  "online",
  "godkendt",
  "punkter",
  "lukkede_punkter",
  "deltagere",
  "afbud",
  "adresse",
  "data",
] as const;

/** The columns of punkter.csv, in order (documented in the README). */
export const ITEM_COLUMNS = ["kommune", "raad", "dato", "status", "nummer", "titel", "type", "lukket", "offentlig_beslutning", "bilag", "adresse"] as const;

/** The beginning of moeder.csv: the byte-order mark and the header row. */
export const MEETINGS_CSV_HEAD = BOM + stringify([[...MEETING_COLUMNS]], CSV_OPTIONS);

/** The beginning of punkter.csv: the byte-order mark and the header row. */
export const ITEMS_CSV_HEAD = BOM + stringify([[...ITEM_COLUMNS]], CSV_OPTIONS);

/** A meeting's row of moeder.csv. */
export function meetingCsvRow(r: MeetingRecord): string {
  return csvRows([
    [
      r.organization.body.name,
      r.organization.name,
      r.date,
      r.startTime ?? "",
      r.endTime ?? "",
      r.meetingState,
      r.name,
      r.location?.description ?? "",
      r.location?.online ?? "",
      r.approved ?? "",
      r.agendaItem.length,
      r.agendaItem.filter((item) => !item.public).length,
      r.attendees.map((p) => p.name).join(", "),
      r.absentees.map((p) => p.name).join(", "),
      r.web,
      r.id,
    ],
  ]);
}

/** A meeting's rows of punkter.csv, one per item; a closed item has only what its page shows (number, title, public decision). */
export function itemCsvRows(r: MeetingRecord): string {
  return csvRows(
    r.agendaItem.map((item) => {
      const open = item.public ? item : undefined;
      return [
        r.organization.body.name,
        r.organization.name,
        r.date,
        r.meetingState,
        item.number,
        item.name,
        open?.kind ?? "",
        item.public ? "nej" : "ja",
        item.public ? "" : (item.resolutionText ?? ""),
        open ? open.auxiliaryFile.length : 0,
        item.id,
      ];
    }),
  );
}

/** One row per meeting. */
export function meetingsCsv(records: readonly MeetingRecord[]): string {
  return MEETINGS_CSV_HEAD + records.map(meetingCsvRow).join("");
}

/** One row per item. */
export function itemsCsv(records: readonly MeetingRecord[]): string {
  return ITEMS_CSV_HEAD + records.map(itemCsvRows).join("");
}
