// Every meeting and item of a municipality (or the whole site) in one download: NDJSON (each
// line one meeting's referat.json) and CSV for spreadsheets. The CSV is what Danish Excel opens
// with a double-click: UTF-8 with a byte-order mark (else æ, ø, å break), `;` between fields
// (Danish Excel's list separator, since `,` is the decimal comma), CRLF line ends, and every
// field quoted when it needs to be (csv-stringify).
import { stringify } from "csv-stringify/sync";
import type { MeetingRecord } from "./schema.ts";

const BOM = "\uFEFF";

/** One meeting record per line. */
export function meetingsNdjson(records: readonly MeetingRecord[]): string {
  return records.map((record) => `${JSON.stringify(record)}\n`).join("");
}

/**
 * A text that a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`, or after a tab or
 * carriage return) is given a leading apostrophe, as OWASP advises against CSV injection: the
 * content is written by people outside the reader's control.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const safe = rows.map((row) => row.map((value) => (typeof value === "string" ? neutraliseFormula(value) : value)));
  return BOM + stringify([[...header], ...safe], { delimiter: ";", record_delimiter: "\r\n" });
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

/** One row per meeting. */
export function meetingsCsv(records: readonly MeetingRecord[]): string {
  return csv(
    MEETING_COLUMNS,
    records.map((r) => [
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
    ]),
  );
}

/** One row per item; a closed item has only what its page shows (number, title, public decision). */
export function itemsCsv(records: readonly MeetingRecord[]): string {
  const rows: (string | number)[][] = [];
  for (const r of records) {
    for (const item of r.agendaItem) {
      const open = item.public ? item : undefined;
      rows.push([
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
      ]);
    }
  }
  return csv(ITEM_COLUMNS, rows);
}
