// What Pagefind reads of a rendered page: the same HTML, with the parts of Danish compounds added
// after each compound as `⟦ part part ⟧`. The page on disk is not changed; only the copy written to
// the scratch folder that Pagefind's CLI indexes is (src/search/index.ts). The search page removes the bracketed parts from excerpts
// and titles again and highlights the compound instead (templates/assets/search-core.js).

/** Brackets around added parts: characters that Danish minutes do not use, and that Pagefind keeps in its content. */
export const PARTS_OPEN = "⟦";
export const PARTS_CLOSE = "⟧";

const VOID_ELEMENTS = new Set([
  "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
]);

// Tags, comments and raw-text elements: nothing in them is visible text to change.
const TOKEN = /<!--[\s\S]*?-->|<(script|style|template|textarea)\b[^>]*>[\s\S]*?<\/\1\s*>|<\/?([a-zA-Z][\w-]*)\b[^>]*>/gi;

// Elements whose text is a value, not content: a filter, meta field or sort key written without
// ":value" (`data-pagefind-filter="kommune"`) takes the element's text, which must stay exactly as
// written. With ":value" or "[attribute]" the value is in the attribute, and the text is content.
const VALUE_ATTRIBUTE = /\sdata-pagefind-(?:filter|meta|sort)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

/** Whether an opening tag makes its text a Pagefind value. */
function takesTextAsValue(tag: string): boolean {
  if (!tag.includes("data-pagefind-") && !/data-pagefind-/i.test(tag)) return false;
  for (const match of tag.matchAll(VALUE_ATTRIBUTE)) {
    const value = match[1] ?? match[2] ?? match[3] ?? "";
    // Entries are separated by unescaped commas; an entry without ":" or "[" names a key only.
    if (value.split(/(?<!\\),/).some((entry) => entry.trim() !== "" && !/[:[]/.test(entry))) return true;
  }
  return false;
}

/** Words of eight letters or more: shorter words cannot hold two parts of four letters. */
const LONG_WORD = /\p{L}{8,}/gu;
/**
 * Runs of eight or more characters that are not ASCII non-letters: every long word lies in one
 * (a letter is never an ASCII non-letter). Found without Unicode property lookups, which made
 * `LONG_WORD` over all text the costliest step; a run of only ASCII letters and the Danish and
 * common Latin letters is one word as it is, any other run is searched with `LONG_WORD`.
 */
const CANDIDATE = /[^\x00-\x40\x5b-\x60\x7b-\x7f]{8,}/g;
const PLAIN_WORD = /^[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]+$/;

/** The words of eight letters or more in `text`, with their positions (as LONG_WORD finds them). */
function* longWords(text: string): Generator<{ word: string; index: number }> {
  CANDIDATE.lastIndex = 0;
  for (let run = CANDIDATE.exec(text); run; run = CANDIDATE.exec(text)) {
    if (PLAIN_WORD.test(run[0])) {
      yield { word: run[0], index: run.index };
      continue;
    }
    const found = [...run[0].matchAll(LONG_WORD)];
    for (const match of found) yield { word: match[0], index: run.index + match.index };
  }
}

/**
 * Returns `html` with the parts of every compound in the body's text added after it, as
 * ` ⟦ part part ⟧` (after the whole heading, for a word in a heading). `partsOf` gives the parts of a lowercase word (empty when it is no compound).
 * Text in tags' attributes, scripts, styles, comments, and in elements that carry a Pagefind
 * filter, meta or sort value is left alone.
 */
export function addCompoundParts(html: string, partsOf: (word: string) => readonly string[]): string {
  const bodyStart = html.search(/<body\b/i);
  if (bodyStart === -1) return html;
  const out: string[] = [html.slice(0, bodyStart)];
  // Stack of open elements: whether text inside is a value to leave alone; for a heading, the
  // parts of its words, added after it (a heading's text is a title: Pagefind's page title and
  // sub-result titles stay as written, while a hit on a part still falls in the heading's section).
  const stack: { name: string; value: boolean; heading?: string[] }[] = [];
  const inValue = () => stack.at(-1)?.value ?? false;
  const heading = () => stack.findLast((e) => e.heading)?.heading;
  const cache = new Map<string, readonly string[]>();
  // The brackets stand apart from the parts: Pagefind indexes a word with a bracket attached as one
  // more word (and, as measured, 24 % more memory and 17 % more time for the whole index).
  const group = (parts: readonly string[]) => (parts.length ? ` ${PARTS_OPEN} ${parts.join(" ")} ${PARTS_CLOSE}` : "");

  // The text with each compound's parts after it (or, inside a heading, kept for after the heading).
  // Most text holds no compound: it is returned as it is, without building a new string.
  const addParts = (text: string) => {
    if (text.length < 8) return text;
    const pending = heading();
    let out = "";
    let last = 0;
    for (const match of longWords(text)) {
      const lower = match.word.toLowerCase();
      let parts = cache.get(lower);
      if (parts === undefined) cache.set(lower, (parts = partsOf(lower)));
      if (parts.length === 0) continue;
      if (pending) {
        pending.push(...parts);
        continue;
      }
      const end = match.index + match.word.length;
      out += text.slice(last, end) + group(parts);
      last = end;
    }
    return last === 0 ? text : out + text.slice(last);
  };

  let last = bodyStart;
  TOKEN.lastIndex = bodyStart;
  for (let match = TOKEN.exec(html); match; match = TOKEN.exec(html)) {
    const text = html.slice(last, match.index);
    out.push(inValue() ? text : addParts(text));
    out.push(match[0]);
    last = TOKEN.lastIndex;
    const name = match[2]?.toLowerCase();
    if (!name) continue;
    if (match[0].startsWith("</")) {
      let at = stack.length - 1;
      while (at >= 0 && stack[at]!.name !== name) at--;
      if (at === -1) continue;
      const closed = stack[at]?.heading;
      stack.length = at;
      if (closed?.length) {
        const pending = heading();
        if (pending) pending.push(...closed);
        else out.push(group(closed));
      }
    } else if (!VOID_ELEMENTS.has(name) && !match[0].endsWith("/>")) {
      const value = inValue() || takesTextAsValue(match[0]);
      stack.push(/^h[1-6]$/.test(name) && !value ? { name, value, heading: [] } : { name, value });
    }
  }
  const rest = html.slice(last);
  out.push(inValue() ? rest : addParts(rest));
  return out.join("");
}

const PAGEFIND_BODY = /\sdata-pagefind-body[\s=>/]/i;
const OPEN_OR_CLOSE_TAG = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w-]*)\b[^>]*>/g;
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
      if (at !== -1) { names.length = at; open.length = at; }
    } else if (!VOID_ELEMENTS.has(tag) && !m[0].endsWith("/>")) {
      names.push(tag);
      open.push(m[0].includes("data-pagefind-"));
    }
  }
  if (open.includes(true) || PAGEFIND_SETTING.test(html.slice(bodyEnd, start))) return html;
  // The end of the element: its matching closing tag.
  const tags = new RegExp(`<(/?)${name}\\b[^>]*>`, "gi");
  tags.lastIndex = start;
  let depth = 0;
  let end = -1;
  for (let m = tags.exec(html); m; m = tags.exec(html)) {
    if (m[1]) depth--;
    else if (!m[0].endsWith("/>")) depth++;
    if (depth === 0) { end = tags.lastIndex; break; }
  }
  if (end === -1 || PAGEFIND_SETTING.test(html.slice(end))) return html;
  return `${html.slice(0, bodyEnd)}${html.slice(start, end)}</body></html>`;
}

/** What Pagefind is given for a rendered page: the part it reads, with the parts of compounds added. */
export function pageForIndex(html: string, partsOf: (word: string) => readonly string[]): string {
  return addCompoundParts(pageForPagefind(html), partsOf);
}
