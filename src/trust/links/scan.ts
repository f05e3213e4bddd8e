// A fast reader for the markup this project writes: the element events htmlparser2 7 gives,
// for the pages of the site itself, and `false` for anything else, which the caller then reads
// with htmlparser2 itself (src/trust/links/page.ts).
// Why a reader of our own beside htmlparser2: it is 4 to 5 times as fast. Measured on the example
// archive's 28 built pages (6.3 KB each, all accepted by this reader; 200 rounds, median of 5, on
// the shared 2-core machine, 6 Dec 2026), the same events cost 0.020 ms a page with this reader,
// 0.081 ms with htmlparser2 7.2 and 0.097 ms with htmlparser2 10.1 (so upgrading is no way out);
// with the link check's collector, 0.057 against 0.156 ms a page. With the byte-level reading it
// took the link check of a 10,000-meeting build from 6.7 s to 1.9 s (docs/performance.md).

/** The element events a page's collector listens to: htmlparser2's `onopentag` and `onclosetag`. */
export interface PageHandlers {
  onopentag(name: string, attribs: Record<string, string>): void;
  onclosetag(name: string): void;
}

// htmlparser2 7's rules (lib/Parser.js), for `scanPage` to give the same events.
const P_TAG = new Set(["p"]);
const FORM_TAGS = new Set(["input", "option", "optgroup", "select", "button", "datalist", "textarea"]);
const DDT_TAGS = new Set(["dd", "dt"]);
const RTP_TAGS = new Set(["rt", "rp"]);
const TABLE_SECTION_TAGS = new Set(["thead", "tbody"]);
const OPEN_IMPLIES_CLOSE = new Map<string, Set<string>>([
  ["tr", new Set(["tr", "th", "td"])],
  ["th", new Set(["th"])],
  ["td", new Set(["thead", "th", "td"])],
  ["body", new Set(["head", "link", "script"])],
  ["li", new Set(["li"])],
  ["option", new Set(["option"])],
  ["optgroup", new Set(["optgroup", "option"])],
  ["dd", DDT_TAGS],
  ["dt", DDT_TAGS],
  ["rt", RTP_TAGS],
  ["rp", RTP_TAGS],
  ["tbody", TABLE_SECTION_TAGS],
  ["tfoot", TABLE_SECTION_TAGS],
  ...["select", "input", "output", "button", "datalist", "textarea"].map((tag): [string, Set<string>] => [tag, FORM_TAGS]),
  ...[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "address",
    "article",
    "aside",
    "blockquote",
    "details",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "pre",
    "section",
    "table",
    "ul",
  ].map((tag): [string, Set<string>] => [tag, P_TAG]),
]);
const VOID_ELEMENTS = new Set([
  "area",
  "base",
  "basefont",
  "br",
  "col",
  "command",
  "embed",
  "frame",
  "hr",
  "img",
  "input",
  "isindex",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);
/** Elements whose content is text to the tokenizer, up to their end tag. */
const RAW_TEXT = new Set(["script", "style", "title"]);
/** The character references the renderers write in attribute values; any other sends the page to htmlparser2. */
const SIMPLE_ENTITY = /&(?:(amp|lt|gt|quot);|#39;)|&/g;
const ENTITY_TEXT: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"' };

/** The attributes the collector reads (createCollector); `scanPage` keeps no others. */
const READ_ATTRIBUTES = new Set(["id", "name", "href", "rel", "src", "srcset", "imagesrcset", "poster", "data", "action", "formaction", "xlink:href"]);
const UPPER = /[A-Z]/;

/** Tag and attribute names as htmlparser2 gives them (lower case). */
function lowerName(name: string): string {
  return UPPER.test(name) ? name.toLowerCase() : name;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 12 || c === 13;
}

function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Decodes an attribute value, or undefined when it holds a reference other than the simple ones. */
function decodeSimple(value: string): string | undefined {
  if (!value.includes("&")) return value;
  let unknown = false;
  const decoded = value.replace(SIMPLE_ENTITY, (match, name: string | undefined) => {
    if (match === "&#39;") return "'";
    if (name) return ENTITY_TEXT[name] as string;
    unknown = true;
    return match;
  });
  return unknown ? undefined : decoded;
}

/** Whether an attribute name of `length` starting with `first` can be one of READ_ATTRIBUTES (no string made otherwise). */
function mayBeRead(first: number, length: number): boolean {
  switch (first | 0x20) {
    case 105: // id, imagesrcset
      return length === 2 || length === 11;
    case 110: // name
    case 104: // href
      return length === 4;
    case 114: // rel
      return length === 3;
    case 115: // src, srcset
      return length === 3 || length === 6;
    case 112: // poster
      return length === 6;
    case 100: // data
      return length === 4;
    case 97: // action
      return length === 6;
    case 102: // formaction
    case 120: // xlink:href
      return length === 10;
    default:
      return false;
  }
}

const NON_ASCII = /[\u0080-\uffff]/;
const NO_ATTRIBUTES: Record<string, string> = Object.freeze({});

/**
 * A fast reader for the markup this project writes (Preact and markdown-it: quoted attributes,
 * escaped text, no comments): gives the element events htmlparser2 would give, in the same order
 * (implied end tags, void elements, self-closing tags, raw-text elements), with the attributes the
 * collector reads. Returns false at the first thing outside that subset (a comment, an unquoted
 * value, an unusual character reference, a stray "<" or end tag, a name that is not ASCII); the
 * caller then reads the page with htmlparser2 instead.
 *
 * `html` is either the page's text, or, with `bytes`, the page's bytes read as Latin-1 (one
 * character a byte, cheap to make): an attribute value outside ASCII is then decoded from the
 * bytes as UTF-8.
 */
export function scanPage(html: string, handlers: PageHandlers, bytes?: Buffer): boolean {
  const stack: string[] = [];
  const length = html.length;
  let i = html.indexOf("<");
  while (i !== -1) {
    const c = html.charCodeAt(i + 1);
    if (c === 47) {
      // An end tag. The usual case, the innermost open element's, is matched without a string.
      let j = i + 2;
      if (!isAlpha(html.charCodeAt(j))) return false;
      const top = stack[stack.length - 1];
      if (top !== undefined && html.charCodeAt(i + 2 + top.length) === 62 && html.startsWith(top, i + 2)) {
        handlers.onclosetag(stack.pop() as string);
        i = html.indexOf("<", i + 3 + top.length);
        continue;
      }
      while (j < length) {
        const d = html.charCodeAt(j);
        if (d === 62 || isSpace(d)) break;
        if (d === 47 || d >= 128) return false;
        j++;
      }
      const name = lowerName(html.slice(i + 2, j));
      const gt = html.indexOf(">", j);
      if (gt === -1) return false;
      if (VOID_ELEMENTS.has(name)) {
        if (name === "br") return false;
      } else {
        const pos = stack.lastIndexOf(name);
        if (pos === -1) {
          if (name === "p") return false;
        } else {
          while (stack.length > pos) handlers.onclosetag(stack.pop() as string);
        }
      }
      i = html.indexOf("<", gt + 1);
      continue;
    }
    if (c === 33) {
      // "<!doctype html>"; a comment or CDATA goes to htmlparser2.
      if (html.charCodeAt(i + 2) === 45 || html.charCodeAt(i + 2) === 91) return false;
      const gt = html.indexOf(">", i + 2);
      if (gt === -1) return false;
      i = html.indexOf("<", gt + 1);
      continue;
    }
    if (!isAlpha(c)) return false;
    // A start tag: its name, then its attributes.
    let j = i + 1;
    while (j < length) {
      const d = html.charCodeAt(j);
      if (d === 62 || isSpace(d) || d === 47) break;
      if (d >= 128) return false;
      j++;
    }
    const name = lowerName(html.slice(i + 1, j));
    let attribs = NO_ATTRIBUTES;
    let selfClosing = false;
    for (;;) {
      while (j < length && isSpace(html.charCodeAt(j))) j++;
      if (j >= length) return false;
      const d = html.charCodeAt(j);
      if (d === 62) {
        j++;
        break;
      }
      if (d === 47) {
        if (html.charCodeAt(j + 1) !== 62) return false;
        selfClosing = true;
        j += 2;
        break;
      }
      const nameStart = j;
      while (j < length) {
        const e = html.charCodeAt(j);
        if (e === 61 || e === 62 || e === 47 || isSpace(e)) break;
        if (e >= 128) return false;
        j++;
      }
      const nameEnd = j;
      while (j < length && isSpace(html.charCodeAt(j))) j++;
      let valueStart = -1;
      let valueEnd = -1;
      if (html.charCodeAt(j) === 61) {
        j++;
        while (j < length && isSpace(html.charCodeAt(j))) j++;
        const q = html.charCodeAt(j);
        if (q !== 34 && q !== 39) return false;
        const close = html.indexOf(q === 34 ? '"' : "'", j + 1);
        if (close === -1) return false;
        valueStart = j + 1;
        valueEnd = close;
        j = close + 1;
      }
      // Only the attributes the collector reads are kept (the first of a name wins, as in htmlparser2).
      if (!mayBeRead(html.charCodeAt(nameStart), nameEnd - nameStart)) continue;
      const attr = lowerName(html.slice(nameStart, nameEnd));
      if (!READ_ATTRIBUTES.has(attr) || Object.hasOwn(attribs, attr)) continue;
      let raw = valueStart === -1 ? "" : html.slice(valueStart, valueEnd);
      if (bytes && NON_ASCII.test(raw)) raw = bytes.toString("utf8", valueStart, valueEnd);
      const decoded = decodeSimple(raw);
      if (decoded === undefined) return false;
      if (attribs === NO_ATTRIBUTES) attribs = {};
      attribs[attr] = decoded;
    }
    const implied = OPEN_IMPLIES_CLOSE.get(name);
    if (implied) {
      while (stack.length > 0 && implied.has(stack[stack.length - 1] as string)) handlers.onclosetag(stack.pop() as string);
    }
    const isVoid = VOID_ELEMENTS.has(name);
    if (!isVoid) stack.push(name);
    handlers.onopentag(name, attribs);
    if (isVoid) {
      handlers.onclosetag(name);
    } else if (selfClosing) {
      if (stack[stack.length - 1] === name) {
        handlers.onclosetag(name);
        stack.pop();
      }
    } else if (RAW_TEXT.has(name)) {
      // Text up to the element's end tag, which the loop then reads.
      const end = indexOfEndTag(html, name, j);
      if (end === -1) return false;
      i = end;
      continue;
    }
    i = html.indexOf("<", j);
  }
  return true;
}

/** Where `</name` (any case) followed by the end of the tag name starts, at or after `from`; -1 if nowhere. */
function indexOfEndTag(html: string, name: string, from: number): number {
  let at = html.indexOf("</", from);
  while (at !== -1) {
    if (html.slice(at + 2, at + 2 + name.length).toLowerCase() === name) {
      const after = html.charCodeAt(at + 2 + name.length);
      if (after === 62 || isSpace(after)) return at;
      return -1;
    }
    at = html.indexOf("</", at + 2);
  }
  return -1;
}
