// How a municipality's search index is split into parts. Pagefind holds a whole index in memory
// while it writes it (about 0.45 MB per generated meeting of 1,200 words, docs/performance.md), so
// an index of 15,000 meetings would need about 7 GB. A municipality with more meetings than the
// part size gets one index per period instead; the search page merges them in the browser exactly
// as it merges municipalities (Pagefind's mergeIndex). Most municipalities have one part.
//
// Parts are whole years, filled from the oldest meeting: a year goes into the current part while
// the part stays within the size, and only a year that alone exceeds it is cut by date. So old
// parts stay the same as new meetings are added; only the newest part grows (and is the one
// `referat serve` indexes again after most edits).
//
// The newest part is at `<kommune>/pagefind/`, where an unsplit index is too (what a portal that
// merges this site points at first); the older parts are `<kommune>/pagefind-1/` (oldest),
// `<kommune>/pagefind-2/`, … in date order.
import type { Kommune, Meeting } from "../minutes/model.ts";

/** Meetings per index part by default: about 1.8 GB of Pagefind memory for generated meetings. */
export const DEFAULT_PART_SIZE = 4000;

/** The environment variable that sets the part size for a build (an operator's setting). */
export const PART_SIZE_VARIABLE = "REFERAT_SEARCH_PART_SIZE";

/** Thrown for a part size that is not a whole number of at least 1; the message is Danish. */
export class PartSizeError extends Error {
  override name = "PartSizeError";
}

export interface IndexPart {
  /** The municipality's slug. */
  kommune: string;
  /**
   * Names the part among all indexes of the site: the slug for the newest (or only) part,
   * `<slug>-<n>` for the older ones.
   */
  id: string;
  /** The index folder, relative to the site root, e.g. `noerreaa/pagefind/`. */
  folder: string;
  /** The part's meetings, oldest first. */
  meetings: Meeting[];
  /** The first and last meeting date (`YYYY-MM-DD`). */
  from: string;
  to: string;
}

/**
 * The part size to use: the given one, else `REFERAT_SEARCH_PART_SIZE`, else the default.
 * Throws PartSizeError for a value that is not a whole number of at least 1.
 */
export function resolvePartSize(given: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  if (given !== undefined) {
    if (!Number.isInteger(given) || given < 1) throw new PartSizeError(`Søgeindeksets delstørrelse skal være et helt tal på mindst 1, men er ${given}.`);
    return given;
  }
  const raw = env[PART_SIZE_VARIABLE]?.trim();
  if (!raw) return DEFAULT_PART_SIZE;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new PartSizeError(`${PART_SIZE_VARIABLE} skal være et helt tal på mindst 1 (møder pr. del af søgeindekset), fx 4000, men er "${raw}".`);
  }
  return Number(raw);
}

/** The folder of a municipality's newest (or only) index part, relative to the site root. */
export function newestPartFolder(kommune: string): string {
  return `${kommune}/pagefind/`;
}

/** Whether a folder name in a municipality's folder is one of its index parts. */
export function isPartFolderName(name: string): boolean {
  return /^pagefind(-\d+)?$/.test(name);
}

/** Splits a municipality's meetings into index parts of at most `size` meetings, newest part first. */
export function planParts(kommune: Kommune, size: number): IndexPart[] {
  const meetings = kommune.councils
    .flatMap((council) => council.meetings)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  if (meetings.length === 0) return [];
  const years: Meeting[][] = [];
  for (const meeting of meetings) {
    const last = years.at(-1);
    if (last && last[0]!.date.slice(0, 4) === meeting.date.slice(0, 4)) last.push(meeting);
    else years.push([meeting]);
  }
  const groups: Meeting[][] = [];
  let current: Meeting[] = [];
  for (const year of years) {
    if (current.length + year.length <= size) {
      current.push(...year);
      continue;
    }
    if (current.length > 0) groups.push(current);
    let rest = year;
    while (rest.length > size) {
      groups.push(rest.slice(0, size));
      rest = rest.slice(size);
    }
    current = [...rest];
  }
  if (current.length > 0) groups.push(current);
  const newest = groups.length - 1;
  return groups
    .map((group, index) => ({
      kommune: kommune.slug,
      id: index === newest ? kommune.slug : `${kommune.slug}-${index + 1}`,
      folder: index === newest ? newestPartFolder(kommune.slug) : `${kommune.slug}/pagefind-${index + 1}/`,
      meetings: group,
      from: group[0]!.date,
      to: group.at(-1)!.date,
    }))
    .reverse();
}
