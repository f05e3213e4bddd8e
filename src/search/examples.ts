// Example searches for the empty search page, taken from the archive at build time: the words that
// name the most meetings' items, and a phrase from an item's title. Only titles the municipality
// wrote count (not those an editor added, `editorial: [title]`), and only open items.
import type { Kommune } from "../minutes/model.ts";
import { copyOf } from "./prepare.ts";

/** Words of every agenda, which find everything and show nothing of what an archive is about. */
const AGENDA_WORDS = new Set([
  "godkendelse",
  "dagsorden",
  "dagsordenen",
  "referat",
  "referatet",
  "eventuelt",
  "orientering",
  "orienteringer",
  "meddelelser",
  "næste",
  "møde",
  "mødet",
  "møder",
  "punkt",
  "punkter",
  "sager",
  "sagen",
  "andet",
  "øvrige",
  "siden",
  "sidst",
  "evt",
  "status",
  "beslutning",
  "beslutninger",
  "drøftelse",
  "opfølgning",
  "emner",
  "plan",
  "velkomst",
  "velkommen",
  "præsentation",
  "godkendt",
  "udkast",
  "resten",
  "forslag",
  "januar",
  "februar",
  "marts",
  "april",
  "juni",
  "juli",
  "august",
  "september",
  "oktober",
  "november",
  "december",
]);

/** A title's words in lowercase, as written (letters only). */
function titleWords(title: string): string[] {
  return title.toLocaleLowerCase("da").match(/\p{L}+/gu) ?? [];
}

/** Whether each UTF-16 code unit outside the surrogates is a letter (`\p{L}`). */
const LETTER = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) LETTER[c] = /\p{L}/u.test(String.fromCharCode(c)) ? 1 : 0;

/**
 * Counts the words of a text into `counts`: the words `titleWords` gives, one by one, without
 * making the list (an item's text is most of the archive's bytes: measured on Danish text, about
 * a fifth of the time of matching and counting the list).
 */
export function countWords(text: string, counts: Map<string, number>): void {
  const lower = text.toLocaleLowerCase("da");
  const n = lower.length;
  let start = -1;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? lower.charCodeAt(i) : 0x20;
    let letter: boolean;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      // A character beyond the first 65,536: a letter or not as a whole (a lone surrogate is none).
      letter = /\p{L}/u.test(String.fromCodePoint(lower.codePointAt(i) as number));
      if (letter) {
        if (start < 0) start = i;
        i++;
        continue;
      }
    } else letter = LETTER[c] === 1;
    if (letter) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      const word = lower.slice(start, i);
      counts.set(word, (counts.get(word) ?? 0) + 1);
      start = -1;
    }
  }
}

const collator = new Intl.Collator("da");

/** What one meeting adds to the counts: the words and pairs its titles hold, the words its text mentions. */
interface MeetingWords {
  /** Title words (five letters or more, not agenda words) of its open items. */
  words: Set<string>;
  /** Pairs of such words in a row in one title. */
  pairs: Set<string>;
  /** How often each word occurs in its open items' text. */
  mentions: Map<string, number>;
}

/** Counts over many meetings: in how many meetings' titles a word or pair stands, and how often the text mentions a word. */
interface Counts {
  words: Map<string, number>;
  pairs: Map<string, number>;
  mentions: Map<string, number>;
}

type Meeting = Kommune["councils"][number]["meetings"][number];

function meetingWords(meeting: Meeting): MeetingWords {
  const found: MeetingWords = { words: new Set(), pairs: new Set(), mentions: new Map() };
  for (const item of meeting.items) {
    if (item.closed) continue;
    countWords(item.body, found.mentions);
    if (item.editorial.includes("title")) continue;
    const list = titleWords(item.title);
    for (const [i, word] of list.entries()) {
      if (word.length < 5 || AGENDA_WORDS.has(word)) continue;
      found.words.add(word);
      const next = list[i + 1];
      if (next && next.length >= 5 && !AGENDA_WORDS.has(next)) found.pairs.add(`${word} ${next}`);
    }
  }
  return found;
}

/**
 * Adds `by` to a key's count. A key new to the map goes in as a copy: the words are matches in
 * the items' lowercased text, and V8 keeps a match of 13 characters or more as a view into the
 * whole text, so the counts, which are kept with the archive, kept every item's text in memory
 * after the build let go of it (31.6 MB of 148 MB of heap at 2,000 meetings, before the search
 * stage).
 */
function bump(map: Map<string, number>, key: string, by: number): void {
  const n = map.get(key);
  map.set(n === undefined ? copyOf(key) : key, (n ?? 0) + by);
}

function add(counts: Counts, meeting: MeetingWords, sign: 1 | -1): void {
  for (const word of meeting.words) bump(counts.words, word, sign);
  for (const pair of meeting.pairs) bump(counts.pairs, pair, sign);
  for (const [word, n] of meeting.mentions) bump(counts.mentions, word, sign * n);
}

/**
 * The counts of a municipality, kept with the meetings they were made from, so that a search page
 * rendered again after one meeting changed (`referat serve` puts a new meeting object in the old
 * one's place) reads that meeting's text, not the whole archive's, and the site's search page sums
 * the municipalities' counts the build already made: when the same municipality holds as many meetings as before,
 * those that are other objects now are taken out and put in again. Only the counts are kept (a few
 * maps), not each meeting's words.
 */
const kept = new WeakMap<object, { meetings: Meeting[]; counts: Counts }>();

function countsOf(key: object, meetings: Meeting[]): Counts {
  const before = kept.get(key);
  if (before && before.meetings.length === meetings.length) {
    for (const [i, now] of meetings.entries()) {
      const old = before.meetings[i] as Meeting;
      if (old === now) continue;
      add(before.counts, meetingWords(old), -1);
      add(before.counts, meetingWords(now), 1);
    }
    before.meetings = meetings;
    return before.counts;
  }
  const counts: Counts = { words: new Map(), pairs: new Map(), mentions: new Map() };
  for (const meeting of meetings) add(counts, meetingWords(meeting), 1);
  kept.set(key, { meetings, counts });
  return counts;
}

/** The meetings of a municipality, in the order its counts are kept. */
function meetingsOf(kommune: Kommune): Meeting[] {
  return kommune.councils.flatMap((council) => council.meetings);
}

/** A municipality's counts as this process made them, as JSON (for the render cache: src/build/stages.ts), or undefined if it has made none. */
export function exportCounts(kommune: Kommune): string | undefined {
  const before = kept.get(kommune);
  const meetings = meetingsOf(kommune);
  if (!before || before.meetings.length !== meetings.length || before.meetings.some((meeting, i) => meeting !== meetings[i])) return undefined;
  const { words, pairs, mentions } = before.counts;
  return JSON.stringify({ words: [...words], pairs: [...pairs], mentions: [...mentions] });
}

/**
 * Takes a municipality's counts that an earlier build made of exactly its meetings as they are now
 * (`exportCounts`; the caller checks that, by the meetings' digests). False if the JSON is not counts.
 */
export function importCounts(kommune: Kommune, json: string): boolean {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return false;
  }
  const isEntries = (value: unknown): value is [string, number][] =>
    Array.isArray(value) && value.every((entry) => Array.isArray(entry) && entry.length === 2 && typeof entry[0] === "string" && typeof entry[1] === "number");
  const { words, pairs, mentions } = (parsed ?? {}) as Record<string, unknown>;
  if (!isEntries(words) || !isEntries(pairs) || !isEntries(mentions)) return false;
  kept.set(kommune, { meetings: meetingsOf(kommune), counts: { words: new Map(words), pairs: new Map(pairs), mentions: new Map(mentions) } });
  return true;
}

/**
 * Up to `count` example searches: single words of five letters or more that the most meetings'
 * item titles hold (then those the items' text mentions most; then in Danish alphabetical order),
 * and, when a title holds two such words in a row, the first such pair in that order, as a phrase
 * in quotes. A word that begins another one shown, or is begun by it, is left out.
 */
export function searchExamples(kommuner: readonly Kommune[], count = 4): string[] {
  // Counted per municipality (the site's search page and each municipality's share those counts), then summed.
  const total: Counts = { words: new Map(), pairs: new Map(), mentions: new Map() };
  for (const kommune of kommuner) {
    const counts = countsOf(kommune, meetingsOf(kommune));
    if (kommuner.length === 1) Object.assign(total, counts);
    else
      for (const [name, map] of Object.entries(counts) as [keyof Counts, Map<string, number>][])
        for (const [key, n] of map) total[name].set(key, (total[name].get(key) ?? 0) + n);
  }
  const { mentions } = total;
  const said = (text: string) => Math.min(...text.split(" ").map((word) => mentions.get(word) ?? 0));
  const ranked = (map: Map<string, number>) =>
    [...map]
      .filter(([, n]) => n > 0)
      .sort(([a, x], [b, y]) => y - x || said(b) - said(a) || collator.compare(a, b))
      .map(([text]) => text);
  const phrase = ranked(total.pairs)[0];
  // Words that begin one another ("udsatte", "udsatterådet") find much the same: the first only.
  const examples: string[] = [];
  const taken = phrase ? phrase.split(" ") : [];
  for (const word of ranked(total.words)) {
    if (examples.length >= (phrase ? count - 1 : count)) break;
    if (taken.some((other) => other.startsWith(word) || word.startsWith(other))) continue;
    examples.push(word);
    taken.push(word);
  }
  if (phrase) examples.push(`"${phrase}"`);
  return examples;
}
