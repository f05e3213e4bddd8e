// How a municipality's search index is split into parts. Pagefind holds a whole index in memory
// while it writes it, in proportion to the text it indexes (about 0.45 MB per generated meeting of
// 1,200 words, docs/performance.md), so an index of 15,000 meetings would need about 7 GB. The
// parts are sized by a memory budget for Pagefind (`REFERAT_SEARCH_MEMORY`, MB): each
// part's estimated peak (estimatedBytes, from its meetings' text) stays within it. The search page
// merges the parts in the browser exactly as it merges municipalities (Pagefind's mergeIndex).
// Most municipalities have one part.
//
// Parts are whole years, filled from the oldest meeting: a year goes into the current part while
// the part stays within the budget, and only a year that alone exceeds it is cut by date. An index
// that needs more than one part keeps its newest year (the year of its newest meeting) in a part
// of its own, in front of the older years' parts: a secretary adds the latest minutes and corrects
// recent ones, so most builds change only that part, and Pagefind indexes a year of meetings again
// (about 160 for the benchmark's largest municipality) rather than a budget's worth (about 1,500).
// So old parts stay the same as new meetings are added; the newest part changes (and is the one
// `referat serve` and the index cache index again after most edits), and once a year, when a
// year's first meeting arrives, the year before joins the older parts. An edit moves a boundary
// only when it changes a part's estimate across the budget.
//
// The budget decides the layout, not the machine: the same content and settings give the same
// parts on any machine (the cores only decide how many parts Pagefind indexes at once,
// src/search/index.ts).
//
// The newest part is at `<kommune>/pagefind/`, where an unsplit index is too (what a portal that
// merges this site points at first); the older parts are `<kommune>/pagefind-1/` (oldest),
// `<kommune>/pagefind-2/`, … in date order.
import { statSync } from "node:fs";
import type { Kommune, Meeting } from "../minutes/model.ts";

/**
 * Pagefind's memory by default, in MB, all its processes together (src/search/index.ts
 * `nextPart`): parts of about 1,600 generated meetings, two for
 * the benchmark's largest municipality, each peaking at 0.66 GB, at 194.9 KB for its first search
 * (within the 200 KB target; 550 MB gives three parts at 0.47 GB and 206.9 KB). Measured in
 * docs/search.md, "Part and chunk size".
 */
export const DEFAULT_MEMORY_MB = 800;

/** The environment variable that sets Pagefind's memory, all its processes together, in MB (an operator's setting). */
export const MEMORY_VARIABLE = "REFERAT_SEARCH_MEMORY";

/** The environment variable that caps the Pagefind processes at once (an operator's setting; default: see src/search/index.ts `pagefindProcesses`). */
export const PROCESSES_VARIABLE = "REFERAT_SEARCH_PROCESSES";

/** The environment variable that caps the meetings per part (an operator's setting; no cap by default). */
export const PART_SIZE_VARIABLE = "REFERAT_SEARCH_PART_SIZE";

/**
 * Pagefind's estimated peak, the model behind the budget (fitted to Pagefind 1.6's peak resident
 * memory on the benchmark's archive, docs/search.md "Part and chunk size"): a base for the process
 * and its bundle, plus per meeting a fixed share (its page entry, fragment, filters and metadata)
 * and a share per character of its text (every word's positions, and its compounds' parts).
 */
export const PAGEFIND_BASE_BYTES = 20e6;
const BYTES_PER_MEETING = 40e3;
const BYTES_PER_CHAR = 44;

/** Thrown for a part size or memory budget that is not a whole number in range; the message is Danish. */
export class PartSizeError extends Error {
  override name = "PartSizeError";
}

/** The text of a meeting that Pagefind indexes, in characters (its title, items' titles, texts and public decisions). */
function textLength(meeting: Meeting): number {
  let chars = meeting.title.length;
  for (const item of meeting.items) chars += item.title.length + item.body.length + (item.publicDecision?.length ?? 0);
  return chars;
}

/** A meeting file's bytes per character of its indexed text (front matter and headings), on the benchmark's archive. */
const FILE_BYTES_PER_CHAR = 1.19;

/**
 * A meeting's share of Pagefind's memory, in bytes (see PAGEFIND_BASE_BYTES), from the size of its
 * source file: the build lets go of the items' Markdown once the pages are written, before the
 * search stage, while `referat serve` keeps it, and both must plan the same parts. Where the file
 * cannot be read (a meeting made in memory), from its text.
 */
export function estimatedBytes(meeting: Meeting): number {
  const size = meeting.absolutePath ? statSync(meeting.absolutePath, { throwIfNoEntry: false })?.size : undefined;
  const chars = size !== undefined ? size / FILE_BYTES_PER_CHAR : textLength(meeting);
  return Math.round(BYTES_PER_MEETING + BYTES_PER_CHAR * chars);
}

/** What one part may hold: at most `meetings` meetings, and an estimated Pagefind peak of at most `bytes`. */
export interface PartLimits {
  meetings?: number;
  bytes?: number;
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
  /** Pagefind's estimated peak memory for this part, in bytes (PAGEFIND_BASE_BYTES and estimatedBytes). */
  bytes: number;
}

/**
 * The cap on meetings per part: the given one, else `REFERAT_SEARCH_PART_SIZE`, else none
 * (undefined: the memory budget alone sizes the parts). Throws PartSizeError for a value that is
 * not a whole number of at least 1.
 */
export function resolvePartSize(given: number | undefined, env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (given !== undefined) {
    if (!Number.isInteger(given) || given < 1) throw new PartSizeError(`Søgeindeksets delstørrelse skal være et helt tal på mindst 1, men er ${given}.`);
    return given;
  }
  const raw = env[PART_SIZE_VARIABLE]?.trim();
  if (!raw) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new PartSizeError(`${PART_SIZE_VARIABLE} skal være et helt tal på mindst 1 (møder pr. del af søgeindekset), fx 1000, men er "${raw}".`);
  }
  return Number(raw);
}

/**
 * The Pagefind processes at once: the given number, else `REFERAT_SEARCH_PROCESSES`, else
 * undefined (the default of src/search/index.ts `pagefindProcesses`). Throws PartSizeError for a
 * value that is not a whole number of at least 1.
 */
export function resolveSearchProcesses(given: number | undefined, env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (given !== undefined) {
    if (!Number.isInteger(given) || given < 1) throw new PartSizeError(`Antallet af Pagefind-processer skal være et helt tal på mindst 1, men er ${given}.`);
    return given;
  }
  const raw = env[PROCESSES_VARIABLE]?.trim();
  if (!raw) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) {
    throw new PartSizeError(`${PROCESSES_VARIABLE} skal være et helt tal på mindst 1 (Pagefind-processer på én gang), fx 1, men er "${raw}".`);
  }
  return Number(raw);
}

/** The smallest memory budget accepted, in MB: Pagefind's base and a few meetings. */
export const MIN_MEMORY_MB = 100;

/**
 * Pagefind's memory, all its processes together, in bytes: the given MB, else `REFERAT_SEARCH_MEMORY`, else
 * DEFAULT_MEMORY_MB. Throws PartSizeError for a value that is not a whole number of at least
 * MIN_MEMORY_MB.
 */
export function resolveSearchMemory(givenMb: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  if (givenMb !== undefined) {
    if (!Number.isInteger(givenMb) || givenMb < MIN_MEMORY_MB)
      throw new PartSizeError(`Søgeindeksets hukommelse skal være et helt antal MB på mindst ${MIN_MEMORY_MB}, men er ${givenMb}.`);
    return givenMb * 1e6;
  }
  const raw = env[MEMORY_VARIABLE]?.trim();
  if (!raw) return DEFAULT_MEMORY_MB * 1e6;
  if (!/^\d+$/.test(raw) || Number(raw) < MIN_MEMORY_MB) {
    throw new PartSizeError(
      `${MEMORY_VARIABLE} skal være et helt antal MB på mindst ${MIN_MEMORY_MB} (hukommelse til Pagefind i alt), fx 800, men er "${raw}".`,
    );
  }
  return Number(raw) * 1e6;
}

/** The folder of a municipality's newest (or only) index part, relative to the site root. */
export function newestPartFolder(kommune: string): string {
  return `${kommune}/pagefind/`;
}

/** Whether a folder name in a municipality's folder is one of its index parts. */
export function isPartFolderName(name: string): boolean {
  return /^pagefind(-\d+)?$/.test(name);
}

/**
 * Fills parts with whole years from the oldest: a year joins the current part while the part
 * `fits`; a year that alone does not fit is cut by date into runs that fit (one meeting at least).
 */
function fill<T extends { bytes: number }>(
  years: readonly T[][],
  fits: (count: number, bytes: number) => boolean,
  weight: (list: readonly T[]) => number,
): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  for (const year of years) {
    if (fits(current.length + year.length, weight(current) + weight(year))) {
      current.push(...year);
      continue;
    }
    if (current.length > 0) groups.push(current);
    current = [];
    let bytes = 0;
    for (const entry of year) {
      if (current.length > 0 && !fits(current.length + 1, bytes + entry.bytes)) {
        groups.push(current);
        current = [];
        bytes = 0;
      }
      current.push(entry);
      bytes += entry.bytes;
    }
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/**
 * Splits a municipality's meetings into index parts within `limits` (a number: at most that many
 * meetings), newest part first. A single meeting over the memory budget still gets a part.
 */
export function planParts(kommune: Kommune, limits: number | PartLimits): IndexPart[] {
  const maxMeetings = (typeof limits === "number" ? limits : limits.meetings) ?? Infinity;
  const maxBytes = typeof limits === "number" ? Infinity : (limits.bytes ?? Infinity) - PAGEFIND_BASE_BYTES;
  const meetings = kommune.councils
    .flatMap((council) => council.meetings)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
    .map((meeting) => ({ meeting, bytes: estimatedBytes(meeting) }));
  if (meetings.length === 0) return [];
  type Weighed = (typeof meetings)[number];
  const years: Weighed[][] = [];
  for (const entry of meetings) {
    const last = years.at(-1);
    if (last && last[0]!.meeting.date.slice(0, 4) === entry.meeting.date.slice(0, 4)) last.push(entry);
    else years.push([entry]);
  }
  const weight = (list: readonly Weighed[]) => list.reduce((sum, entry) => sum + entry.bytes, 0);
  const fits = (count: number, bytes: number) => count <= maxMeetings && bytes <= maxBytes;
  // An index that needs more than one part keeps its newest year in a part of its own, in front of
  // the older years' budget-sized parts: the edits and additions of most builds fall in it, and it
  // is all that Pagefind indexes again for them.
  const newestAlone = years.length > 1 && !fits(meetings.length, weight(meetings));
  const groups = [...fill(newestAlone ? years.slice(0, -1) : years, fits, weight), ...(newestAlone ? fill(years.slice(-1), fits, weight) : [])];
  const newest = groups.length - 1;
  return groups
    .map((group, index) => ({
      kommune: kommune.slug,
      id: index === newest ? kommune.slug : `${kommune.slug}-${index + 1}`,
      folder: index === newest ? newestPartFolder(kommune.slug) : `${kommune.slug}/pagefind-${index + 1}/`,
      meetings: group.map((entry) => entry.meeting),
      from: group[0]!.meeting.date,
      to: group.at(-1)!.meeting.date,
      bytes: PAGEFIND_BASE_BYTES + weight(group),
    }))
    .reverse();
}
