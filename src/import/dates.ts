// Dates and clock times as Danish minutes write them: "Onsdag den 20. januar 2021 kl. 16-18",
// "1. april 2019 kl. 16.00 – 18.00", "Kl. 15-18", "Mandag d. 4.4. 2022", "04.04.2022", "4/4-2022",
// "2022-04-04", "6. sept. 2023". Pure functions from text to ISO values.
import { isCalendarDate, isClockTime } from "../format/dates.ts";

const MONTHS: Record<string, number> = {
  januar: 1,
  jan: 1,
  februar: 2,
  feb: 2,
  marts: 3,
  mar: 3,
  april: 4,
  apr: 4,
  maj: 5,
  juni: 6,
  jun: 6,
  juli: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  oktober: 10,
  okt: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};

const MONTH_NAMES = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join("|");
const WEEKDAY = "(?:mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)";

/** A date found in a text, as ISO `YYYY-MM-DD`, and where it stood. */
export interface FoundDate {
  iso: string;
  index: number;
  length: number;
}

// "20. januar 2021", "6. sept. 2023", "1 april 2019", "den 4. apr 2022".
const NAMED = new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})\\.?\\s*(${MONTH_NAMES})\\.?\\s*(\\d{4})(?!\\d)`, "giu");
// "04.04.2022", "4.4. 2022", "4/4 2022", "4/4-2022", "4-4-2022".
const NUMERIC = /(?<![\d./-])(\d{1,2})\s?[./-]\s?(\d{1,2})\.?\s?[./\s-]\s?((?:19|20)\d{2})(?![\d])/g;
// "2022-04-04".
const ISO = /(?<!\d)((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)/g;

/** Every date in `text`, in order. Two-digit years are not read: too easily a number of something else. */
export function findDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  const add = (year: number, month: number, day: number, index: number, length: number) => {
    const iso = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    if (!isCalendarDate(iso)) return;
    if (found.some((date) => index < date.index + date.length && date.index < index + length)) return;
    found.push({ iso, index, length });
  };
  for (const m of text.matchAll(NAMED)) {
    add(Number(m[3]), MONTHS[(m[2] as string).toLowerCase()] as number, Number(m[1]), m.index, m[0].length);
  }
  for (const m of text.matchAll(ISO)) add(Number(m[1]), Number(m[2]), Number(m[3]), m.index, m[0].length);
  for (const m of text.matchAll(NUMERIC)) add(Number(m[3]), Number(m[2]), Number(m[1]), m.index, m[0].length);
  return found.sort((a, b) => a.index - b.index);
}

/** A meeting's start and end, either of which may be missing. */
export interface FoundTimes {
  start?: string;
  end?: string;
  index: number;
}

const CLOCK = "(\\d{1,2})(?:[.:](\\d{2}))?";
const DASH = "\\s*(?:-|–|—|til)\\s*";
// "kl. 16-18", "kl. 16.00 – 18.00", "Kl. 15-18", "klokken 9:30 til 12", "fra kl. 10.30".
const KL_RANGE = new RegExp(`\\bkl(?:\\.|okken)?\\s*${CLOCK}(?:${DASH}(?:kl\\.?\\s*)?${CLOCK})?(?![\\d.:]*\\d)`, "iu");
// Without "kl.": "16.00-18.00", "16:00 – 18:00" (both with minutes, so that "1-3" is never a time).
const BARE_RANGE = new RegExp(`(?<![\\d.,/])(\\d{1,2})[.:](\\d{2})${DASH}(\\d{1,2})[.:](\\d{2})(?![\\d.,]*\\d)`, "u");

/** The first clock time or time range in `text`: "kl. 16-18" → 16:00 and 18:00. */
export function findTimes(text: string): FoundTimes | undefined {
  const kl = KL_RANGE.exec(text);
  if (kl) {
    const start = clock(kl[1], kl[2]);
    const end = kl[3] === undefined ? undefined : clock(kl[3], kl[4]);
    if (start && (kl[3] === undefined || end)) return { start, ...(end ? { end } : {}), index: kl.index };
  }
  const bare = BARE_RANGE.exec(text);
  if (bare) {
    const start = clock(bare[1], bare[2]);
    const end = clock(bare[3], bare[4]);
    if (start && end) return { start, end, index: bare.index };
  }
  return undefined;
}

function clock(hours: string | undefined, minutes: string | undefined): string | undefined {
  if (hours === undefined) return undefined;
  const value = `${hours.padStart(2, "0")}:${minutes ?? "00"}`;
  return isClockTime(value) ? value : undefined;
}

/** Text with its weekday, "den"/"d." and date removed, for what is left (the venue, a note). */
export function withoutDateAndTime(text: string): string {
  let rest = text;
  for (const date of findDates(text).reverse()) rest = rest.slice(0, date.index) + rest.slice(date.index + date.length);
  rest = rest.replace(new RegExp(`\\b${WEEKDAY}\\b`, "giu"), "").replace(/(?<!\p{L})(?:den|d\.)(?!\p{L})/giu, "");
  const times = findTimes(rest);
  if (times) {
    const kl = KL_RANGE.exec(rest) ?? BARE_RANGE.exec(rest);
    if (kl) rest = rest.slice(0, kl.index) + rest.slice(kl.index + kl[0].length);
  }
  return rest
    .replace(/^[\s,.;:–—-]+|[\s,;:–—-]+$/g, "")
    .replace(/\.$/, "")
    .replace(/\s{2,}/g, " ")
    .trim();
}

/**
 * One clock time standing alone under a label that says it is a time ("Tid: 16.00", "Start: 10:00",
 * "Slut: kl. 12"): with minutes or after "kl.", and never inside a date.
 */
export function findClock(text: string): string | undefined {
  let rest = text;
  for (const date of findDates(text).reverse()) rest = rest.slice(0, date.index) + rest.slice(date.index + date.length);
  const match = /\bkl(?:\.|okken)?\s*(\d{1,2})(?:[.:](\d{2}))?(?![\d.:]*\d)|(?<![\d.,/])(\d{1,2})[.:](\d{2})(?![\d.,]*\d)/iu.exec(rest);
  if (!match) return undefined;
  return match[1] !== undefined ? clock(match[1], match[2]) : clock(match[3], match[4]);
}
