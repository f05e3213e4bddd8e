// What a CPR number looks like to a reader, and how to find one in a text however it is spelt.
// The text is first normalised to what a reader sees (character references and escapes decoded,
// invisible characters removed, compatibility digits, dashes and spaces folded to ASCII), with a map
// back to the source so that every finding still points at the line and column where it was
// written; then one pattern is run over it. What is and is not found: docs/trust.md "CPR guard".
import { decodeHTMLStrict } from "entities";

/** One CPR-like number found in a text. */
export interface CprMatch {
  /** The text as written in the source, e.g. "010190-1234", "0101901234" or "010190&#45;1234". */
  match: string;
  /** The ten digits without separator. */
  digits: string;
  /** 0-based offset in the source text (UTF-16 code units). */
  index: number;
  /** 1-based line and column in the source text. */
  line: number;
  col: number;
  /** The number with its last four digits hidden: "010190-****". */
  masked: string;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether DDMMYY is a real date in some century. 29 February needs a leap year: for YY 01–99
 * that is YY divisible by 4 in every century; YY 00 is a leap year in 2000 (not 1900), so it counts.
 */
export function isCprDate(ddmmyy: string): boolean {
  const day = Number(ddmmyy.slice(0, 2));
  const month = Number(ddmmyy.slice(2, 4));
  const year = Number(ddmmyy.slice(4, 6));
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && day === 29) return year % 4 === 0;
  return day <= (DAYS_IN_MONTH[month - 1] as number);
}

// ---------------------------------------------------------------------------------------------
// Normalisation with a map back to the source

/** A text as a reader sees it, with each of its characters traced back to the source. */
export interface NormalisedText {
  /** The normalised text: ASCII digits, '-' for every dash, ' ' for every space, no invisibles. */
  text: string;
  /** The source offset of the normalised character at `index` (index = text.length: the end). */
  sourceStart(index: number): number;
  /** The source offset just after the normalised character at `index`. */
  sourceEnd(index: number): number;
}

// `&#45;`, `&#x2d;`, `&hyphen;`: HTML character references (Markdown decodes the same ones).
const ENTITY = /&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});/y;
// `\x2d`, `\u002d`, `\U0000002d` (YAML double-quoted, JSON), `\-` (Markdown), `\t`.
const ESCAPE = /\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([!-/:-@[-`{-~])|(t))/y;
// `%2D`, `%30`: percent-encoding in addresses, decoded only where it gives a digit, '-' or space.
const PERCENT = /%(2[dD0]|3[0-9])/y;

const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Mn}\p{Me}]$/u;
const DASH = /^[\p{Pd}\u2212\u2043\u02d7\u2796\ufe63\uff0d]$/u;
const SPACE = /^[\p{Zs}\u2028\u2029\u0085]$/u;
const DIGIT = /^\p{Nd}$/u;

/** The value 0–9 of a decimal digit of any script (Unicode keeps each script's 0–9 contiguous). */
function digitValue(cp: number): number {
  let start = cp;
  while (start > cp - 100 && DIGIT.test(String.fromCodePoint(start - 1))) start--;
  // Runs of several scripts' digits back to back (mathematical digits) are 10 apart.
  return (cp - start) % 10;
}

// What each code point folds to, once known: for the BMP a flag (1: itself, 2: something else, in
// `folded`), for the rest the map alone.
const bmpFlags = new Uint8Array(0x10000);
const folded = new Map<number, string>();

function computeFold(cp: number): string {
  let result = "";
  for (const ch of String.fromCodePoint(cp).normalize("NFKC")) {
    const c = ch.codePointAt(0) as number;
    if (ch === "\n" || ch === "\r" || ch === "\t") result += ch;
    else if (INVISIBLE.test(ch)) continue;
    else if (DASH.test(ch)) result += "-";
    else if (SPACE.test(ch)) result += " ";
    else if (c > 0x7f && DIGIT.test(ch)) result += String(digitValue(c));
    else result += ch;
  }
  return result;
}

/** One code point as a reader sees it: "" for an invisible one, "-" for a dash, ASCII for a digit. */
function fold(cp: number): string {
  if (cp < 0x10000) {
    const flag = bmpFlags[cp];
    if (flag === 1) return String.fromCharCode(cp);
    if (flag === 2) return folded.get(cp) as string;
  } else {
    const known = folded.get(cp);
    if (known !== undefined) return known;
  }
  const result = computeFold(cp);
  if (cp < 0x10000) {
    bmpFlags[cp] = result.length === 1 && result.charCodeAt(0) === cp ? 1 : 2;
    if (bmpFlags[cp] === 2) folded.set(cp, result);
  } else {
    folded.set(cp, result);
  }
  return result;
}

/** Whether a BMP code unit stays as it is (ASCII other than controls and `&`, `\`, `%`; known ones). */
function staysAsIs(c: number): boolean {
  if (c < 0x80) return c >= 0x20 ? c !== 0x26 && c !== 0x5c && c !== 0x25 && c !== 0x7f : c === 0x0a || c === 0x0d || c === 0x09;
  if (c >= 0xd800 && c <= 0xdfff) return false;
  const flag = bmpFlags[c];
  if (flag === 0) fold(c);
  return bmpFlags[c] === 1;
}

const IDENTITY: NormalisedText["sourceStart"] = (index) => index;
// Characters that may need work: `&`, `\`, `%`, controls, and everything outside ASCII but the
// Latin-1 letters (which NFKC leaves as they are).
const SPECIAL = /[&\\%\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u00bf\u00d7\u00f7\u0100-\uffff]/g;

/**
 * The text as a reader sees it: HTML character references and backslash escapes (Markdown, YAML,
 * JSON) decoded, `%2D`-style escapes of digits and dashes decoded, invisible and format characters
 * removed, NFKC applied, every dash made '-', every space ' ', every decimal digit ASCII.
 */
export function normaliseForCpr(source: string): NormalisedText {
  // Segments: output offset, source offset, and the source length of a decoded piece (-1: copied).
  const outAt: number[] = [];
  const srcAt: number[] = [];
  const srcLength: number[] = [];
  let out = "";
  let runStart = 0;
  let i = 0;
  const flush = (): void => {
    if (i > runStart) {
      outAt.push(out.length);
      srcAt.push(runStart);
      srcLength.push(-1);
      out += source.slice(runStart, i);
    }
  };
  const piece = (decoded: string, length: number): void => {
    flush();
    let text = "";
    for (const ch of decoded) text += fold(ch.codePointAt(0) as number);
    outAt.push(out.length);
    srcAt.push(i);
    srcLength.push(length);
    out += text;
    i += length;
    runStart = i;
  };
  const length = source.length;
  while (i < length) {
    // Jump to the next character that may need work; most text is ASCII and Latin-1 letters.
    SPECIAL.lastIndex = i;
    if (!SPECIAL.test(source)) break;
    i = SPECIAL.lastIndex - 1;
    const c = source.charCodeAt(i);
    if (staysAsIs(c)) {
      i++;
      continue;
    }
    if (c === 0x26) {
      ENTITY.lastIndex = i;
      const entity = ENTITY.exec(source);
      if (entity) {
        piece(decodeHTMLStrict(entity[0]), entity[0].length);
        continue;
      }
      i++;
      continue;
    }
    if (c === 0x5c) {
      ESCAPE.lastIndex = i;
      const escape = ESCAPE.exec(source);
      if (escape) {
        const hex = escape[1] ?? escape[2] ?? escape[3];
        const cp = hex === undefined ? 0 : parseInt(hex, 16);
        const decoded = hex === undefined ? (escape[4] ?? " ") : cp <= 0x10ffff ? String.fromCodePoint(cp) : "";
        piece(decoded, escape[0].length);
        continue;
      }
      i++;
      continue;
    }
    if (c === 0x25) {
      PERCENT.lastIndex = i;
      const percent = PERCENT.exec(source);
      if (percent) {
        piece(String.fromCharCode(parseInt(percent[1] as string, 16)), percent[0].length);
        continue;
      }
      i++;
      continue;
    }
    const cp = source.codePointAt(i) as number;
    piece(String.fromCodePoint(cp), cp > 0xffff ? 2 : 1);
  }
  if (outAt.length === 0) return { text: source, sourceStart: IDENTITY, sourceEnd: (index) => index + 1 };
  i = length;
  flush();
  const segment = (index: number): number => {
    let low = 0;
    let high = outAt.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((outAt[mid] as number) <= index) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  return {
    text: out,
    sourceStart(index) {
      if (index >= out.length) return source.length;
      const s = segment(index);
      return (srcLength[s] as number) < 0 ? (srcAt[s] as number) + index - (outAt[s] as number) : (srcAt[s] as number);
    },
    sourceEnd(index) {
      if (index >= out.length) return source.length;
      const s = segment(index);
      const length = srcLength[s] as number;
      return length < 0 ? (srcAt[s] as number) + index - (outAt[s] as number) + 1 : (srcAt[s] as number) + length;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The pattern, run over normalised text

// DDMMYY and SSSS with no separator, a hyphen (up to three spaces on either side) or up to three
// spaces; or DD.MM.YY, DD MM YY, DD/MM/YY or DD-MM-YY, then a hyphen and SSSS. Not part of a
// longer run of digits. The date is checked after.
// (The lookbehind comes after the first two digits so that the engine can skip ahead to digits.)
const CPR_PATTERN = /(\d\d)(?<!\d\d\d)(?:(\d{4})(?: {0,3}- {0,3}| {1,3})?(\d{4})|([. /-])(\d\d)\4(\d\d) {0,3}- {0,3}(\d{4}))(?!\d)/g;

/** The ten digits of a pattern match, or undefined when its first six are not a date. */
function digitsOf(m: RegExpMatchArray): string | undefined {
  const first = m[2] !== undefined ? `${m[1]}${m[2]}` : `${m[1]}${m[5]}${m[6]}`;
  if (!isCprDate(first)) return undefined;
  return first + (m[3] ?? m[7]);
}

/** 1-based line and column of source offsets, for offsets given in increasing order. */
class LineCounter {
  private line = 1;
  private lineStart = 0;
  private counted = 0;
  constructor(private readonly text: string) {}
  at(index: number): { line: number; col: number } {
    if (index < this.counted) {
      this.line = 1;
      this.lineStart = 0;
      this.counted = 0;
    }
    for (let i = this.text.indexOf("\n", this.counted); i !== -1 && i < index; i = this.text.indexOf("\n", i + 1)) {
      this.line += 1;
      this.lineStart = i + 1;
    }
    this.counted = index;
    return { line: this.line, col: index - this.lineStart + 1 };
  }
}

/** A match at source offsets [start, end) of `source`. */
function matchAt(source: string, lines: LineCounter, start: number, end: number, digits: string): CprMatch {
  const { line, col } = lines.at(start);
  return { match: source.slice(start, end), digits, index: start, line, col, masked: `${digits.slice(0, 6)}-****` };
}

/** CPR-like numbers in an already normalised text, with their offsets in the normalised text. */
export function findInNormalised(text: string): { start: number; end: number; digits: string }[] {
  const found: { start: number; end: number; digits: string }[] = [];
  for (const m of text.matchAll(CPR_PATTERN)) {
    const digits = digitsOf(m);
    if (digits) found.push({ start: m.index, end: m.index + m[0].length, digits });
  }
  return found;
}

/**
 * Every CPR-like number in `text` as a reader would see it (see normaliseForCpr): DDMMYY-SSSS,
 * DDMMYYSSSS, DDMMYY SSSS, DD.MM.YY-SSSS and their spaced forms, whose DDMMYY is a date.
 * Offsets, lines and columns are those of the source text.
 */
export function scanTextForCpr(text: string): CprMatch[] {
  const normalised = normaliseForCpr(text);
  const lines = new LineCounter(text);
  return findInNormalised(normalised.text).map(({ start, end, digits }) =>
    matchAt(text, lines, normalised.sourceStart(start), normalised.sourceEnd(end - 1), digits),
  );
}

/** `text` with every CPR-like number masked, for printing paths and names that contain one. */
export function maskCpr(text: string): string {
  const matches = scanTextForCpr(text);
  if (matches.length === 0) return text;
  let out = "";
  let at = 0;
  for (const m of matches) {
    out += text.slice(at, m.index) + m.masked;
    at = m.index + m.match.length;
  }
  return out + text.slice(at);
}

// ---------------------------------------------------------------------------------------------
// Candidates: numbers a renderer might assemble from pieces (Markdown emphasis or a code span
// inside the number, a YAML value folded over two lines)

// Digit groups, and what may stand between two groups of one number: at most 12 characters of
// punctuation, spaces and line breaks (after normalisation every digit and dash is ASCII; other
// characters outside ASCII count as letters), a Markdown link destination `](…)` not counted.
const GROUP = /\d+/g;
const LINK_DESTINATION = /\]\([^()\s]*\)/g;
const LETTER = /[A-Za-z\u0080-\uffff]/;

function joins(gap: string): boolean {
  const rest = gap.includes("](") ? gap.replace(LINK_DESTINATION, "]") : gap;
  return rest.length <= 12 && !LETTER.test(rest);
}

/**
 * Places in a normalised text where whole digit groups separated only by punctuation, spaces or
 * line breaks add up to ten digits whose first six are a date. A superset of what any rendering of
 * the text can show as a CPR number: the cheap test for whether a rendering must be looked at.
 */
export function cprCandidates(text: string): { start: number; end: number; digits: string }[] {
  const found: { start: number; end: number; digits: string }[] = [];
  const groups: { start: number; end: number; text: string }[] = [];
  for (const g of text.matchAll(GROUP)) groups.push({ start: g.index, end: g.index + g[0].length, text: g[0] });
  for (let first = 0; first < groups.length; first++) {
    let digits = (groups[first] as { text: string }).text;
    for (let last = first + 1; last < groups.length && digits.length < 10; last++) {
      const previous = groups[last - 1] as { end: number };
      const group = groups[last] as { start: number; end: number; text: string };
      if (!joins(text.slice(previous.end, group.start))) break;
      digits += group.text;
      if (digits.length === 10 && isCprDate(digits.slice(0, 6))) {
        found.push({ start: (groups[first] as { start: number }).start, end: group.end, digits });
      }
    }
  }
  return found;
}

export { LineCounter, matchAt };
