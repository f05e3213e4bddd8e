// What Pagefind reads of a rendered page: the same HTML and the same words, with marks that only
// Pagefind and the search page read. The page on disk is not changed; only the copy written to the
// scratch folder that Pagefind's CLI indexes is (src/search/index.ts).
//
// The mark is one character, "^" (MARK), and it never adds a word:
// - Between the two parts of a Danish compound: "Frikort^ordningen". Pagefind splits a word at ASCII
//   punctuation and indexes the parts at the word's own position (with a part's share of the word's
//   weight) besides the whole word, so "ordning" finds "Frikortordningen" and a hit is the compound.
// - At the end of every element after which Pagefind adds a full stop to its text ("dagsorden^"
//   instead of "dagsorden."): Pagefind adds one after a block (p, li, h1–h6, …) whose text ends in a
//   letter, which the page does not show.
// - A "^" of the page's own text is written twice ("^^").
// Other block elements (dt, dd, th, …) get a space at their edges, as a reader sees a line break
// there and Pagefind would otherwise join their words. An element Pagefind leaves out
// (data-pagefind-ignore) is preceded by the word "^|" (GAP): the text around it is not one piece. The search page reads the marks back
// (`decodeMarks` in templates/assets/search-core.js): its excerpts are the page's text, word for word.

/** The mark (see above): ASCII punctuation, which Pagefind splits words at and never indexes. */
export const MARK = "^";
/**
 * A word of its own before an element Pagefind leaves out (`data-pagefind-ignore`: the table of
 * contents, an item's anchor link): the page's text there is not Pagefind's, so an excerpt stops.
 */
export const GAP = "^|";

const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

// The page is read as the expression below would split it, left to right: tags, comments and
// raw-text elements (nothing in them is visible text to change), and the text between them.
//   /<!--[\s\S]*?-->|<(script|style|template|textarea)\b[^>]*>[\s\S]*?<\/\1\s*>|<\/?([a-zA-Z][\w-]*)\b[^>]*>/gi
// `addCompoundParts` scans for it by hand, with indexOf, which is several times faster; the unit
// tests hold it to the expression's reading of unclosed comments, raw elements without an end tag,
// tags without ">" and names ending in "-".
const RAW_TEXT_ELEMENTS = ["script", "style", "template", "textarea"] as const;
/** A raw-text element's end tag, `</name\s*>` in any case. */
const RAW_TEXT_END: Record<string, RegExp> = Object.fromEntries(RAW_TEXT_ELEMENTS.map((name) => [name, new RegExp(`</${name}\\s*>`, "gi")]));

// Elements whose text is a value, not content: a filter, meta field or sort key written without
// ":value" (`data-pagefind-filter="kommune"`) takes the element's text, which must stay exactly as
// written. With ":value" or "[attribute]" the value is in the attribute, and the text is content.
const VALUE_ATTRIBUTE = /\sdata-pagefind-(?:filter|meta|sort)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

/** Whether an opening tag makes its text a Pagefind value. */
function takesTextAsValue(tag: string): boolean {
  VALUE_ATTRIBUTE.lastIndex = 0;
  for (let match = VALUE_ATTRIBUTE.exec(tag); match; match = VALUE_ATTRIBUTE.exec(tag)) {
    const value = match[1] ?? match[2] ?? match[3] ?? "";
    // Entries are separated by unescaped commas; an entry without ":" or "[" names a key only.
    const entries = value.includes(",") ? value.split(/(?<!\\),/) : [value];
    if (entries.some((entry) => entry.trim() !== "" && !/[:[]/.test(entry))) return true;
  }
  return false;
}

const HYPHEN = 0x2d;
/**
 * Whether `html` holds "data-pagefind-filter", "-meta" or "-sort" (only their first letter is
 * checked) in any case between `from` and `to`, read without a copy: whether the tag there may
 * take its text as a value.
 */
function mayTakeTextAsValue(html: string, from: number, to: number): boolean {
  // Found by the first hyphen; |0x20 lowercases an ASCII letter and leaves no other character
  // equal to a lowercase letter.
  for (let at = from + 5; at + 10 < to; at++) {
    if (html.charCodeAt(at) !== HYPHEN || html.charCodeAt(at + 9) !== HYPHEN || !matchesLower(html, at - 4, "data") || !matchesLower(html, at + 1, "pagefind"))
      continue;
    const c = html.charCodeAt(at + 10) | 0x20;
    if (c === 0x66 || c === 0x6d || c === 0x73) return true;
  }
  return false;
}

/** Whether `html` at `at` is `word` (ASCII lowercase letters) in any case. */
function matchesLower(html: string, at: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if ((html.charCodeAt(at + i) | 0x20) !== word.charCodeAt(i)) return false;
  return true;
}

/** A `\w` character: ASCII letter, digit or "_". */
function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/** Words of eight letters or more: shorter words cannot hold two parts of four letters. */
const LONG_WORD = /\p{L}{8,}/gu;
// Every long word lies in a run of eight or more characters that are not ASCII non-letters (a
// letter is never an ASCII non-letter): `addCompoundParts` finds these runs by a scan of character
// codes, without Unicode property lookups. A run of only ASCII letters and the Danish and common
// Latin letters (À–ÿ but × and ÷) is one word as it is; any other run is searched with `LONG_WORD`.

/** What one word gives: where in it the mark goes (between its two parts). */
interface Entry {
  cut: number;
}

/** Whether a character can be part of a word's run: not an ASCII non-letter. */
function inRun(c: number): boolean {
  return c >= 0x80 || ((c | 0x20) - 0x61) >>> 0 <= 25;
}

/** Whether a character in a run keeps it plain: an ASCII letter, or À–ÿ but × and ÷. */
function isPlain(c: number): boolean {
  return c < 0x80 || (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7);
}

/**
 * A copy of `html` from `start` to `end` that does not keep the page alive: V8 makes a slice of 13
 * characters or more (and a regular expression's match) a view into the whole string, so a slice
 * kept in a cache keeps its page.
 */
export function copyOf(html: string, start = 0, end: number = html.length): string {
  let copy = "";
  for (let from = start; from < end; from += 4096) {
    const codes: number[] = [];
    for (let i = from; i < end && i < from + 4096; i++) codes.push(html.charCodeAt(i));
    copy += String.fromCharCode(...codes);
  }
  return copy;
}

/**
 * The words that one `splitOf` has been asked about, as written and in lowercase: `splitOf` is
 * asked once for each lowercase word, and a word met again, on any page, is looked up without
 * being lowercased. Kept for as long as the function is.
 *
 * Plain Maps. Until 6 December 2026 the words as written were in a hand-written open-addressing
 * table keyed by a hash computed while scanning, to look a word up without slicing it out of the
 * page. Measured on the 3,141 meeting pages of the benchmark's largest municipality (pageForIndex
 * over every page with a fresh word cache, the splitter's answers memoised, four rounds each, the
 * same output): the table 1.28–1.80 s a round, this Map of slices 1.64–2.40 s, on a machine at load
 * 15 on 2 cores, where rounds of the same code differed by a third. At most about 0.5 CPU-seconds
 * at 10,000 meetings, of a build's 60 or more: not worth a hundred lines of hashing by hand.
 */
class Words {
  /** Words as written (copies, see copyOf), with their entry (null for a word without parts). */
  readonly written = new Map<string, Entry | null>();
  /** Words in lowercase, with their entry. */
  readonly lowercase = new Map<string, Entry | null>();

  constructor(readonly splitOf: (word: string) => readonly string[]) {}

  /** The entry of the word from `start` to `end`, or null when it has no parts. */
  entry(html: string, start: number, end: number): Entry | null {
    const known = this.written.get(html.slice(start, end));
    if (known !== undefined) return known;
    // A copy, not a slice: the word is kept (and, as `splitOf`'s argument, may be kept in a cache).
    const word = copyOf(html, start, end);
    const lower = word.toLowerCase();
    let entry = this.lowercase.get(lower);
    if (entry === undefined) {
      const tail = this.splitOf(lower)[1];
      // The tail is the word's end as written (only the head may lose a linking letter).
      entry = tail && tail.length < lower.length && lower.endsWith(tail) ? { cut: lower.length - tail.length } : null;
      this.lowercase.set(lower, entry);
    }
    this.written.set(word, entry);
    return entry;
  }
}

const wordsOf = new WeakMap<(word: string) => readonly string[], Words>();

/** Void elements by the length of their name. */
const VOID_BY_LENGTH: string[][] = [];
for (const name of VOID_ELEMENTS) (VOID_BY_LENGTH[name.length] ??= []).push(name);

/** Whether the tag name at `start` of `length` is a void element's, in any case. */
function isVoidName(html: string, start: number, length: number): boolean {
  const names = VOID_BY_LENGTH[length];
  if (names === undefined) return false;
  for (const name of names) if (matchesLower(html, start, name)) return true;
  return false;
}

/**
 * The raw-text element whose name is at `at` in any case and ends there (`\b`: no letter, digit or
 * "_" after it), or undefined.
 */
function rawTextElement(html: string, at: number): string | undefined {
  const c = html.charCodeAt(at) | 0x20;
  let name: string;
  if (c === 0x73) name = (html.charCodeAt(at + 1) | 0x20) === 0x63 ? "script" : "style";
  else if (c === 0x74) name = (html.charCodeAt(at + 2) | 0x20) === 0x6d ? "template" : "textarea";
  else return undefined;
  return matchesLower(html, at, name) && !isWordChar(html.charCodeAt(at + name.length)) ? name : undefined;
}

/** Elements after which Pagefind adds a full stop to a text ending in a letter (its SENTENCE_SELECTORS). */
const SENTENCE_ELEMENTS = new Set(["h1", "h2", "h3", "h4", "h5", "h6", "p", "td", "div", "ul", "li", "article", "section"]);
/**
 * Other elements a browser shows as blocks (its text on a line of its own), whose edges Pagefind
 * does not separate: a space keeps their words apart, as a reader sees them.
 */
const OTHER_BLOCK_ELEMENTS = new Set([
  "address",
  "aside",
  "blockquote",
  "caption",
  "dd",
  "details",
  "dialog",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "header",
  "hgroup",
  "hr",
  "legend",
  "main",
  "menu",
  "ol",
  "pre",
  "summary",
  "table",
  "tbody",
  "tfoot",
  "th",
  "thead",
  "tr",
]);
/** `data-pagefind-ignore` on an opening tag. */
const IGNORE_ATTRIBUTE = /\sdata-pagefind-ignore(?=[\s=>/])/i;

/** Whether `html` holds "data-pagefind-i…" in any case between `from` and `to` (read as `mayTakeTextAsValue`). */
function mayBeIgnored(html: string, from: number, to: number): boolean {
  for (let at = from + 5; at + 10 < to; at++) {
    if (html.charCodeAt(at) !== HYPHEN || html.charCodeAt(at + 9) !== HYPHEN || !matchesLower(html, at - 4, "data") || !matchesLower(html, at + 1, "pagefind"))
      continue;
    if ((html.charCodeAt(at + 10) | 0x20) === 0x69) return true;
  }
  return false;
}

/** Either set, by the length of the name. */
const BLOCKS_BY_LENGTH: string[][] = [];
for (const name of [...SENTENCE_ELEMENTS, ...OTHER_BLOCK_ELEMENTS]) (BLOCKS_BY_LENGTH[name.length] ??= []).push(name);

/** The block element whose name is at `start` of `length`, in lowercase, or undefined. */
function blockName(html: string, start: number, length: number): string | undefined {
  const names = BLOCKS_BY_LENGTH[length];
  if (names === undefined) return undefined;
  for (const name of names) if (matchesLower(html, start, name)) return name;
  return undefined;
}

/** The state of one `addCompoundParts` call: the page, the output so far and the open elements. */
class Preparer {
  /** The output before `copied`; the page from `copied` on is still to be copied. */
  out = "";
  copied = 0;
  /** The next "^" of the page at or after the text being read (or -1: none). */
  caret = -2;
  // Open elements, as parallel arrays up to `depth`: the name (where it is in the page, and its
  // length), and whether text inside is a value to leave alone.
  depth = 0;
  readonly nameStarts: number[] = [];
  readonly nameLengths: number[] = [];
  readonly values: boolean[] = [];

  constructor(
    readonly html: string,
    readonly words: Words,
  ) {}

  /** Copies the page up to `at` and adds `text` there. */
  insert(at: number, text: string): void {
    this.out += this.html.slice(this.copied, at) + text;
    this.copied = at;
  }

  /** Whether the text at this point is a Pagefind value. */
  inValue(): boolean {
    return this.depth > 0 && this.values[this.depth - 1]!;
  }

  /** Doubles every "^" of the text from `from` up to `limit` (the text's own, told from the marks). */
  carets(from: number, limit: number): void {
    const html = this.html;
    if (this.caret !== -1 && this.caret < from) this.caret = html.indexOf("^", from);
    while (this.caret !== -1 && this.caret < limit) {
      this.insert(this.caret, MARK);
      this.caret = html.indexOf("^", this.caret + 1);
    }
  }

  /** Handles the word from `start` to `end`: marks the cut between its parts, if it is a compound. */
  word(start: number, end: number): void {
    const entry = this.words.entry(this.html, start, end);
    if (entry !== null) this.insert(start + entry.cut, MARK);
  }

  /** Marks the compounds in the text from `from` to `to`, and doubles its "^". */
  text(from: number, to: number): void {
    const html = this.html;
    // Carets lie outside words (a word is letters), so each word's mark comes after the carets
    // before it: the marks go in in the order of the page.
    let caretFrom = from;
    // A run can begin at `i` (`from`, or after a character in none), and the characters from `i`
    // to `known` are in one. A run of eight or more that begins at `i` or within the next seven
    // covers `i + 7`: when that is in none, none does, and the scan moves on by eight; when the run
    // that covers it begins after `i`, the scan moves on to that run.
    for (let i = from, known = from; i + 8 <= to;) {
      const probe = i + 7;
      if (!inRun(html.charCodeAt(probe))) {
        i = known = probe + 1;
        continue;
      }
      let start = probe;
      while (start > known && inRun(html.charCodeAt(start - 1))) start--;
      if (start > known) {
        i = start;
        known = probe + 1;
        continue;
      }
      // A run of eight or more begins at `i`: read it to its end.
      let plain = true;
      let end = i;
      for (; end <= probe; end++) {
        const c = html.charCodeAt(end);
        if (c >= 0x80 && !isPlain(c)) plain = false;
      }
      for (let c = html.charCodeAt(end); end < to && inRun(c); c = html.charCodeAt(++end)) {
        if (c >= 0x80 && !isPlain(c)) plain = false;
      }
      this.carets(caretFrom, i);
      caretFrom = end;
      if (plain) this.word(i, end);
      else {
        const run = html.slice(i, end);
        LONG_WORD.lastIndex = 0;
        for (let match = LONG_WORD.exec(run); match; match = LONG_WORD.exec(run)) {
          const wordStart = i + match.index;
          const wordEnd = wordStart + match[0].length;
          this.word(wordStart, wordEnd);
        }
      }
      i = known = end + 1;
    }
    this.carets(caretFrom, to);
  }

  /** Handles a tag from `start` to `end`, its name from `nameStart` to `nameEnd`. */
  tag(start: number, end: number, nameStart: number, nameEnd: number, closing: boolean): void {
    const html = this.html;
    const length = nameEnd - nameStart;
    const depth = this.depth;
    const block = blockName(html, nameStart, length);
    if (closing) {
      let at = depth - 1;
      while (at >= 0 && !(this.nameLengths[at] === length && sameName(html, this.nameStarts[at]!, nameStart, length))) at--;
      if (block !== undefined && !this.inValue()) this.insert(start, SENTENCE_ELEMENTS.has(block) ? MARK : " ");
      if (at === -1) return;
      this.depth = at;
      return;
    }
    if (!this.inValue()) {
      // What Pagefind leaves out leaves a gap in its text that an excerpt must not bridge.
      if (mayBeIgnored(html, start, end) && IGNORE_ATTRIBUTE.test(html.slice(start, end))) this.insert(start, ` ${GAP} `);
      else if (block !== undefined && !SENTENCE_ELEMENTS.has(block)) this.insert(start, " ");
    }
    if (html.charCodeAt(end - 2) === 0x2f || isVoidName(html, nameStart, length)) return;
    const value = (depth > 0 && this.values[depth - 1]!) || (mayTakeTextAsValue(html, start, end) && takesTextAsValue(html.slice(start, end)));
    this.nameStarts[depth] = nameStart;
    this.nameLengths[depth] = length;
    this.values[depth] = value;
    this.depth = depth + 1;
  }

  /** Reads the page from `from` on; returns the page with the parts added. */
  run(from: number): string {
    const html = this.html;
    let text = from;
    let gt = -1;
    for (let lt = html.indexOf("<", from); lt !== -1; lt = html.indexOf("<", lt + 1)) {
      // Every token ends at a ">" (the first after "<" for a tag): without one, the rest is text.
      if (gt < lt) gt = html.indexOf(">", lt);
      if (gt === -1) break;
      let c = html.charCodeAt(lt + 1);
      let end = -1;
      if (c === 0x21) {
        // A comment, when closed; "<!" begins no other token.
        if (!html.startsWith("<!--", lt)) continue;
        const close = html.indexOf("-->", lt + 4);
        if (close === -1) continue;
        end = close + 3;
      } else {
        const raw = rawTextElement(html, lt + 1);
        if (raw !== undefined) {
          const close = RAW_TEXT_END[raw]!;
          close.lastIndex = gt + 1;
          if (close.exec(html)) end = close.lastIndex;
        }
        if (end === -1) {
          // A tag: "<" or "</", a letter, more name characters, anything but ">", and ">". The name
          // ends before trailing hyphens (where `\b` holds).
          const closing = c === 0x2f;
          const nameStart = closing ? lt + 2 : lt + 1;
          c = html.charCodeAt(nameStart);
          if (((c | 0x20) - 0x61) >>> 0 > 25) continue;
          let nameEnd = nameStart + 1;
          while (isWordChar((c = html.charCodeAt(nameEnd))) || c === HYPHEN) nameEnd++;
          while (html.charCodeAt(nameEnd - 1) === HYPHEN) nameEnd--;
          if (!this.inValue()) this.text(text, lt);
          this.tag(lt, gt + 1, nameStart, nameEnd, closing);
          text = gt + 1;
          lt = gt;
          continue;
        }
      }
      // A comment or raw-text element: text before it, and nothing inside.
      if (!this.inValue()) this.text(text, lt);
      text = end;
      lt = end - 1;
    }
    if (!this.inValue()) this.text(text, html.length);
    return this.copied === 0 ? html : this.out + html.slice(this.copied);
  }
}

/** Whether the names at `a` and `b` of `length` are the same in lowercase. */
function sameName(html: string, a: number, b: number, length: number): boolean {
  // Name characters are letters, digits, "_" and "-": |0x20 lowercases the letters and keeps the
  // others apart.
  for (let i = 0; i < length; i++) if ((html.charCodeAt(a + i) | 0x20) !== (html.charCodeAt(b + i) | 0x20)) return false;
  return true;
}

/**
 * Returns `html` with the marks Pagefind and the search page read (see the top of this file) in
 * the body's text: between the two parts of every compound, at the end of every element after
 * which Pagefind would add a full stop, doubled for a "^" of the text, and a space at the edges of
 * other block elements. `splitOf` gives a lowercase word's two parts (empty when it is no
 * compound); it is asked once for each word, and its answers are kept for later calls with the same
 * function (for as long as the function is kept). Text in tags' attributes, scripts, styles,
 * comments, and in elements that carry a Pagefind filter, meta or sort value is left alone.
 */
export function addCompoundParts(html: string, splitOf: (word: string) => readonly string[]): string {
  const bodyStart = html.search(/<body\b/i);
  if (bodyStart === -1) return html;
  let words = wordsOf.get(splitOf);
  if (words === undefined) wordsOf.set(splitOf, (words = new Words(splitOf)));
  return new Preparer(html, words).run(bodyStart);
}

const PAGEFIND_BODY = /\sdata-pagefind-body[\s=>/]/i;
const OPEN_OR_CLOSE_TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w-]*)\b[^>]*>/g;
/** Per element name, its opening and closing tags. */
const ELEMENT_TAGS = new Map<string, RegExp>();
/** A Pagefind attribute other than `data-pagefind-ignore` (which only matters inside the body element). */
const PAGEFIND_SETTING = /\sdata-pagefind-(?!ignore[\s=>/])[\w-]+/i;

/**
 * The part of a rendered page that Pagefind reads, when the page has one `data-pagefind-body`
 * element: the page up to and including `<body …>`, that element, and `</body></html>`. Pagefind
 * then indexes nothing outside the element (navigation, footer), so it indexes the same from the
 * shorter page, with less to transfer and parse. The whole page is returned when anything outside
 * the element could matter: a second body element, a Pagefind setting (filter, meta, sort, …)
 * outside it, or a Pagefind attribute on an element around it.
 */
export function pageForPagefind(html: string): string {
  const body = /<body\b[^>]*>/i.exec(html);
  const marker = PAGEFIND_BODY.exec(html);
  if (!body || !marker || marker.index < body.index || PAGEFIND_BODY.test(html.slice(marker.index + marker[0].length))) return html;
  const start = html.lastIndexOf("<", marker.index);
  const name = /^<([a-zA-Z][\w-]*)/.exec(html.slice(start))?.[1]?.toLowerCase();
  if (!name || VOID_ELEMENTS.has(name)) return html;
  // The elements open where the body element begins: none of them may carry a Pagefind attribute.
  const bodyEnd = body.index + body[0].length;
  const open: boolean[] = [];
  const names: string[] = [];
  OPEN_OR_CLOSE_TAG.lastIndex = bodyEnd;
  for (let m = OPEN_OR_CLOSE_TAG.exec(html); m && m.index < start; m = OPEN_OR_CLOSE_TAG.exec(html)) {
    const tag = m[2]?.toLowerCase();
    if (!tag) continue;
    if (m[1]) {
      const at = names.lastIndexOf(tag);
      if (at !== -1) {
        names.length = at;
        open.length = at;
      }
    } else if (!VOID_ELEMENTS.has(tag) && !m[0].endsWith("/>")) {
      names.push(tag);
      open.push(m[0].includes("data-pagefind-"));
    }
  }
  if (open.includes(true) || PAGEFIND_SETTING.test(html.slice(bodyEnd, start))) return html;
  // The end of the element: its matching closing tag.
  let tags = ELEMENT_TAGS.get(name);
  if (!tags) ELEMENT_TAGS.set(name, (tags = new RegExp(`<(/?)${name}\\b[^>]*>`, "gi")));
  tags.lastIndex = start;
  let depth = 0;
  let end = -1;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    if (m[1]) depth--;
    else if (!m[0].endsWith("/>")) depth++;
    if (depth === 0) {
      end = tags.lastIndex;
      break;
    }
  }
  if (end === -1 || PAGEFIND_SETTING.test(html.slice(end))) return html;
  return `${html.slice(0, bodyEnd)}${html.slice(start, end)}</body></html>`;
}

/** What Pagefind is given for a rendered page: the part it reads, with its marks (see above). */
export function pageForIndex(html: string, splitOf: (word: string) => readonly string[]): string {
  return addCompoundParts(pageForPagefind(html), splitOf);
}
