// Danish dates and times. Dates are calendar-date strings (`YYYY-MM-DD`) and never pass through a
// JS Date in the machine's zone: luxon reads them in Europe/Copenhagen, so a build under any TZ
// prints the same day.
import { DateTime } from "luxon";

const ZONE = "Europe/Copenhagen";

function parse(date: string): DateTime {
  const parsed = DateTime.fromISO(date, { zone: ZONE, locale: "da" });
  if (!parsed.isValid) throw new RangeError(`Not a calendar date: ${date}`);
  return parsed;
}

/** "6. september 2023" */
export function formatDate(date: string): string {
  return parse(date).toFormat("d'.' MMMM yyyy");
}

/** "onsdag den 6. september 2023" */
export function formatLongDate(date: string): string {
  return parse(date).toFormat("cccc 'den' d'.' MMMM yyyy");
}

/** "6. sep. 2023": for lists and tables where space is short. */
export function formatShortDate(date: string): string {
  return parse(date).toFormat("d'.' LLL yyyy");
}

/** The month's Danish name, e.g. "september". */
export function formatMonth(date: string): string {
  return parse(date).toFormat("MMMM");
}

/** "16.00": Danish clock times use a full stop. */
export function formatTime(time: string): string {
  return time.replace(":", ".");
}

/** "kl. 16.00–18.00", "kl. 16.00", or "" when no time is known. */
export function formatTimeRange(start?: string, end?: string): string {
  if (start && end) return `kl. ${formatTime(start)}–${formatTime(end)}`;
  if (start) return `kl. ${formatTime(start)}`;
  return "";
}

/** "onsdag den 6. september 2023 kl. 16.00–18.00" */
export function formatMeetingDate(meeting: { date: string; start?: string; end?: string }): string {
  const time = formatTimeRange(meeting.start, meeting.end);
  return time ? `${formatLongDate(meeting.date)} ${time}` : formatLongDate(meeting.date);
}

/** True for a real calendar date in `YYYY-MM-DD` form (2024-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: ZONE }).isValid;
}

/** True for a real 24-hour time in `HH:MM` form (25:00 is not). */
export function isClockTime(value: string): boolean {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  return match !== null && Number(match[1]) < 24 && Number(match[2]) < 60;
}

/** RFC 3339 timestamp of a calendar date and optional time in Copenhagen, for feeds and calendars. */
export function toIsoTimestamp(date: string, time = "00:00"): string {
  const parsed = DateTime.fromISO(`${date}T${time}`, { zone: ZONE });
  if (!parsed.isValid) throw new RangeError(`Not a date and time: ${date} ${time}`);
  return parsed.toISO({ suppressMilliseconds: true }) ?? "";
}
