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

// Luxon with a named zone costs about 0.1 ms a call; an archive of 50,000 meetings formats the
// same few thousand dates over and over, so each (format, date) pair is computed once.
const formatted = new Map<string, string>();

function format(date: string, pattern: string): string {
  const key = `${pattern}\u0000${date}`;
  let value = formatted.get(key);
  if (value === undefined) {
    value = parse(date).toFormat(pattern);
    formatted.set(key, value);
  }
  return value;
}

/** "6. september 2023" */
export function formatDate(date: string): string {
  return format(date, "d'.' MMMM yyyy");
}

/** "onsdag den 6. september 2023" */
export function formatLongDate(date: string): string {
  return format(date, "cccc 'den' d'.' MMMM yyyy");
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

/** True for a real calendar date in `YYYY-MM-DD` form (2024-02-30 is not). Plain arithmetic: hot path. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** True for a real 24-hour time in `HH:MM` form (25:00 is not). */
export function isClockTime(value: string): boolean {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  return match !== null && Number(match[1]) < 24 && Number(match[2]) < 60;
}

/**
 * A clock time as a secretary writes it, as `HH:MM`: "16:00", "16.00" (as the site prints it),
 * "9.30", and the number YAML makes of an unquoted 16.00 (16) or 16.30 (16.3). Undefined when it
 * is not a real time of day.
 */
export function readClockTime(value: unknown): string | undefined {
  let hours: number;
  let minutes: number;
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) return undefined;
    hours = Math.floor(value);
    const hundredths = Math.round((value - hours) * 100);
    // 16.3 is 16.30; anything with more than two decimals is not a time.
    if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6) return undefined;
    minutes = hundredths;
  } else if (typeof value === "string") {
    const match = /^(\d{1,2})[:.](\d{2})$/.exec(value.trim());
    if (!match) return undefined;
    hours = Number(match[1]);
    minutes = Number(match[2]);
  } else {
    return undefined;
  }
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

/** RFC 3339 timestamp of a calendar date and optional time in Copenhagen, for feeds and calendars. */
export function toIsoTimestamp(date: string, time = "00:00"): string {
  const parsed = DateTime.fromISO(`${date}T${time}`, { zone: ZONE });
  if (!parsed.isValid) throw new RangeError(`Not a date and time: ${date} ${time}`);
  return parsed.toISO({ suppressMilliseconds: true }) ?? "";
}
