// Offline link integrity check over a rendered site: every internal href/src/srcset/action must
// name a file of the site (under the path prefix), and every fragment an id in the target page.
// External links are never fetched. Runs after rendering and search indexing, before the new site
// is moved into place, so a broken link stops the build. See docs/trust.md "Link integrity".
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { parentPort, Worker, workerData } from "node:worker_threads";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Parser } from "htmlparser2";
import { displayPath } from "../report/display-path.ts";
import { sortProblems, type Problem } from "../report/problem.ts";
import type { Archive, Kommune, Meeting } from "../minutes/model.ts";
import { urlScheme } from "../render/markdown.ts";
import { trustMessages } from "./messages.ts";
import { normalisePathPrefix } from "../site/urls.ts";

/** `fn` with its answers kept per argument (undefined answers too). */
function memoise<T>(fn: (key: string) => T): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    if (answers.has(key)) return answers.get(key) as T;
    const answer = fn(key);
    answers.set(key, answer);
    return answer;
  };
}


export { createMeetingLinkResolver, type MeetingLinkResolver } from "./meeting-links.ts";

export interface LinkCheckOptions {
  siteDir: string;
  archive: Archive;
  pathPrefix: string;
  /** Where paths in problems are relative to (default: the working directory). */
  cwd?: string;
  /** Worker threads that share the pages with this one (default: one for a large site on more than one core, else none). */
  workers?: number;
  /**
   * An update of a site (`referat serve`): only the pages in `dir` are checked, and the files in
   * `dir` take the place of the site's (`siteDir`, as served). `files` lists the site's files, when
   * the caller knows them (else the site is listed).
   */
  update?: { dir: string; files?: Iterable<string> };
}

/** An address found in a page. */
interface Reference {
  /** As written in the page (attribute value, entities decoded, trimmed). */
  raw: string;
  /** "asset" for files the page uses (src, srcset, stylesheets), "link" for links and forms. */
  kind: "link" | "asset";
  /** The item (punkt-N) the address stands in, if any. */
  item?: number;
}

/** A fragment to look up in another page once every page has been read. */
interface PendingFragment {
  page: PageInfo;
  ref: Reference;
  targetFile: string;
  targetAddress: string;
  id: string;
}

interface PageInfo {
  /** Output file, relative to the site folder with forward slashes: "a/b/index.html". */
  file: string;
  /** Address as served, with prefix: "/referater/a/b/". */
  address: string;
}

const ORIGIN = "http://site.invalid";
const PUNKT = /^punkt-(\d+)$/;
const HEADING = /^h[1-6]$/;
const SECTIONING = new Set(["section", "article"]);

/** Attributes holding one address, by element. */
const URL_ATTRIBUTES: Record<string, { attr: string; kind: Reference["kind"] }[]> = {
  a: [{ attr: "href", kind: "link" }],
  area: [{ attr: "href", kind: "link" }],
  link: [{ attr: "href", kind: "asset" }],
  img: [{ attr: "src", kind: "asset" }],
  source: [{ attr: "src", kind: "asset" }],
  script: [{ attr: "src", kind: "asset" }],
  iframe: [{ attr: "src", kind: "link" }],
  embed: [{ attr: "src", kind: "asset" }],
  video: [
    { attr: "src", kind: "asset" },
    { attr: "poster", kind: "asset" },
  ],
  audio: [{ attr: "src", kind: "asset" }],
  track: [{ attr: "src", kind: "asset" }],
  input: [{ attr: "src", kind: "asset" }],
  object: [{ attr: "data", kind: "asset" }],
  form: [{ attr: "action", kind: "link" }],
  button: [{ attr: "formaction", kind: "link" }],
  use: [
    { attr: "href", kind: "asset" },
    { attr: "xlink:href", kind: "asset" },
  ],
  image: [
    { attr: "href", kind: "asset" },
    { attr: "xlink:href", kind: "asset" },
  ],
};
/** `<link rel>` values that are navigation, not a file the page loads. */
const LINK_RELS_AS_LINKS = new Set(["canonical", "alternate", "prev", "next", "search", "help", "license", "author"]);
/** Schemes that run code or smuggle a document: never in the output (the renderer refuses them). */
const SCRIPT_SCHEMES = new Set(["javascript", "vbscript", "livescript"]);
/** Elements where data: would open or embed a document (data: images are fine). */
const NAVIGATING = new Set(["a", "area", "form", "button", "iframe", "object", "embed"]);

/** Every file under `dir`, relative with forward slashes. */
async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return listFiles(dir, rel);
      return entry.isFile() || entry.isSymbolicLink() ? [rel] : [];
    }),
  );
  return nested.flat();
}

/** The address a file is served at: "a/b/index.html" → "/p/a/b/", "404.html" → "/p/404.html". */
function addressOf(file: string, prefix: string): string {
  return prefix + file.replace(/(^|\/)index\.html$/, "$1");
}

function srcsetUrls(value: string): string[] {
  return value
    .split(",")
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? "")
    .filter((url) => url !== "");
}

/** What a page holds: its ids, duplicate ids, references and <base>. */
export interface ParsedPage {
  ids: Set<string>;
  duplicateIds: string[];
  refs: Reference[];
  base?: string;
}

/** The element events a page's collector listens to: htmlparser2's `onopentag` and `onclosetag`. */
export interface PageHandlers {
  onopentag(name: string, attribs: Record<string, string>): void;
  onclosetag(name: string): void;
}

/** Collects a page's ids and references from element events (from htmlparser2 or `scanPage`). */
function createCollector(): { handlers: PageHandlers; result(): ParsedPage } {
  const ids = new Set<string>();
  const duplicateIds: string[] = [];
  const refs: Reference[] = [];
  const seen = new Set<string>();
  let base: string | undefined;
  // Open elements. An item's scope is the section (or article) around its punkt-N id; it ends
  // when that element closes. `itemDepth` is the stack length with that element open.
  const stack: string[] = [];
  let item: number | undefined;
  let itemDepth = -1;

  const add = (raw: string | undefined, kind: Reference["kind"]) => {
    if (raw === undefined) return;
    const value = raw.trim();
    const key = `${kind}\u0000${item ?? ""}\u0000${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    refs.push(item === undefined ? { raw: value, kind } : { raw: value, kind, item });
  };

  const handlers: PageHandlers = {
    onopentag(name, attribs) {
      stack.push(name);
      const id = attribs.id;
      if (id !== undefined && id !== "") {
        if (ids.has(id)) duplicateIds.push(id);
        ids.add(id);
        const punkt = PUNKT.exec(id);
        if (punkt) {
          item = Number(punkt[1]);
          const section = stack.findLastIndex((tag) => SECTIONING.has(tag));
          // No section around it: a heading's id names its parent, any other element itself.
          itemDepth = section !== -1 ? section + 1 : HEADING.test(name) ? stack.length - 1 : stack.length;
        }
      }
      if (name === "a" && attribs.name) ids.add(attribs.name);
      if (name === "base" && attribs.href !== undefined && base === undefined) base = attribs.href.trim();
      const attrs = URL_ATTRIBUTES[name];
      if (attrs) {
        for (const { attr, kind } of attrs) {
          let k = kind;
          if (name === "link") {
            const rels = (attribs.rel ?? "").toLowerCase().split(/\s+/);
            if (rels.some((rel) => rel === "preconnect" || rel === "dns-prefetch")) continue;
            if (rels.some((rel) => LINK_RELS_AS_LINKS.has(rel))) k = "link";
          }
          add(attribs[attr], k);
        }
      }
      if (attribs.srcset !== undefined) for (const url of srcsetUrls(attribs.srcset)) add(url, "asset");
      if (attribs.imagesrcset !== undefined) for (const url of srcsetUrls(attribs.imagesrcset)) add(url, "asset");
      // Remember where a data: address sits, for the script check.
      if (NAVIGATING.has(name)) {
        for (const attr of ["href", "src", "action", "formaction", "data"]) {
          const value = attribs[attr];
          // A scheme needs a colon, written or percent-encoded.
          if (value !== undefined && (value.includes(":") || value.includes("%")) && urlScheme(value.trim()) === "data") add(value, "link");
        }
      }
    },
    onclosetag() {
      if (item !== undefined && stack.length <= itemDepth) {
        item = undefined;
        itemDepth = -1;
      }
      stack.pop();
    },
  };
  return { handlers, result: () => (base === undefined ? { ids, duplicateIds, refs } : { ids, duplicateIds, refs, base }) };
}

/** Parses a page with htmlparser2: any HTML at all. */
export function parsePageFully(html: string): ParsedPage {
  const collector = createCollector();
  const parser = new Parser(collector.handlers, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true });
  parser.write(html);
  parser.end();
  return collector.result();
}

/** What a page holds, read with `scanPage` when it can and with htmlparser2 when it cannot. */
export function parsePage(html: string): ParsedPage {
  const collector = createCollector();
  return scanPage(html, collector.handlers) ? collector.result() : parsePageFully(html);
}

/** `parsePage` for a page's bytes (UTF-8): scanned as Latin-1, decoded only where needed. */
export function parsePageBytes(bytes: Buffer): ParsedPage {
  const collector = createCollector();
  return scanPage(bytes.toString("latin1"), collector.handlers, bytes) ? collector.result() : parsePageFully(bytes.toString("utf8"));
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
  ...["p", "h1", "h2", "h3", "h4", "h5", "h6", "address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "main", "nav", "ol", "pre", "section", "table", "ul"].map(
    (tag): [string, Set<string>] => [tag, P_TAG],
  ),
]);
const VOID_ELEMENTS = new Set(["area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img", "input", "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr"]);
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

function decodePath(pathname: string): string | undefined {
  try {
    return pathname.split("/").map(decodeURIComponent).join("/");
  } catch {
    return undefined;
  }
}

function decodeFragment(hash: string): string | undefined {
  try {
    return decodeURIComponent(hash.replace(/^#/, ""));
  } catch {
    return undefined;
  }
}

/** Where a page came from: the meeting file, kommune.yaml, or nothing (a page of the site itself). */
interface Origin {
  meeting?: Meeting;
  kommune?: Kommune;
}

function originsOf(archive: Archive): Map<string, Origin> {
  const origins = new Map<string, Origin>();
  for (const kommune of archive.kommuner) {
    origins.set(`/${kommune.slug}/`, { kommune });
    for (const council of kommune.councils) {
      for (const meeting of council.meetings) origins.set(meeting.url, { meeting, kommune });
    }
  }
  return origins;
}

/** Line and column of the first of `needles` found in `text`, at or after line `fromLine` if there, else anywhere. */
function locate(text: string, needles: string[], fromLine: number): { line: number; col: number } | undefined {
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const from = lineStarts[Math.max(0, fromLine - 1)] ?? 0;
  // The most exact needle wins, first within the item, then anywhere (front matter).
  for (const needle of needles) {
    if (needle === "") continue;
    for (const start of [from, 0]) {
      const index = text.indexOf(needle, start);
      if (index === -1) continue;
      let line = 1;
      while (line < lineStarts.length && (lineStarts[line] as number) <= index) line += 1;
      return { line, col: index - (lineStarts[line - 1] as number) + 1 };
    }
  }
  return undefined;
}

/** Returns a problem for every broken internal link, asset or anchor, naming page and source file. */
/** A problem found on a page, before its source is named. */
interface Found {
  page: PageInfo;
  ref: Reference;
  message: string;
}

/** What checking some of the pages gave: each page's ids, its problems, and fragments to look up in other pages. */
interface PagesChecked {
  /** [page file, its ids as "\0id1\0id2\0"] */
  ids: [string, string][];
  found: Found[];
  pending: PendingFragment[];
}

interface CheckerSetup {
  siteDir: string;
  prefix: string;
  /** Every file of the site, relative with forward slashes. */
  files: string[];
  /** The pages, in order. */
  pages: string[];
  /** [0]: the index of the next page to check, shared by every thread that checks. */
  next: Int32Array;
}

/** Checks pages, taking the next unchecked one until none is left (several threads can share the work). */
function checkPages(setup: CheckerSetup): PagesChecked {
  const { siteDir, prefix, pages, next } = setup;
  const files = new Set(setup.files);
  const ids: [string, string][] = [];
  const pending: PendingFragment[] = [];
  const found: Found[] = [];

  /** The site file an address names, or undefined. */
  const resolveFile = (decoded: string): string | undefined => {
    if (decoded === "" || decoded.endsWith("/")) {
      const index = `${decoded}index.html`;
      return files.has(index) ? index : undefined;
    }
    if (files.has(decoded)) return decoded;
    if (files.has(`${decoded}/index.html`)) return `${decoded}/index.html`;
    return undefined;
  };

  // Most addresses recur on page after page (the stylesheet, the navigation, "#punkt-3"): what
  // does not depend on the page is worked out once per address.
  type Resolved = { ok: false; problem: "bad" | "outside" } | { ok: true; decoded: string; id: string } | undefined;
  const resolveUrl = (raw: string, base: URL): Resolved => {
    let url: URL;
    try {
      url = new URL(raw, base);
    } catch {
      return { ok: false, problem: "bad" };
    }
    if (url.origin !== ORIGIN) return undefined; // external
    if (!url.pathname.startsWith(prefix) && `${url.pathname}/` !== prefix) return { ok: false, problem: "outside" };
    const decoded = decodePath(url.pathname.slice(prefix.length));
    const id = decodeFragment(url.hash);
    if (decoded === undefined || id === undefined) return { ok: false, problem: "bad" };
    return { ok: true, decoded, id };
  };
  const schemeOf = memoise(urlScheme);
  /** Path-absolute addresses ("/a/b/#x"): the same wherever they stand (without a <base>). */
  const absolute = new Map<string, Resolved>();
  /** Fragments ("#x"): the id they name, or null when badly encoded. */
  const fragments = new Map<string, string | null>();
  const targetOf = memoise(resolveFile);

  const checkPage = (page: PageInfo, parsed: ParsedPage) => {
    const baseUrl = new URL(page.address, ORIGIN);
    const base = parsed.base ? new URL(parsed.base, baseUrl) : baseUrl;
    // The page's own address, for fragments (a fragment never changes the path).
    const self = parsed.base ? undefined : resolveUrl("", base);
    const report = (ref: Reference, message: string) => found.push({ page, ref, message });
    for (const id of new Set(parsed.duplicateIds)) {
      report({ raw: `#${id}`, kind: "link" }, trustMessages.duplicateId(page.address, id));
    }
    for (const ref of parsed.refs) {
      const raw = ref.raw;
      const scheme = schemeOf(raw);
      if (scheme !== undefined && (SCRIPT_SCHEMES.has(scheme) || (scheme === "data" && ref.kind === "link"))) {
        report(ref, trustMessages.scriptLink(page.address, raw));
        continue;
      }
      if (scheme !== undefined || raw.startsWith("//") || raw.startsWith("\\\\")) continue; // external
      let resolved: Resolved;
      if (self?.ok && raw.startsWith("#")) {
        let id = fragments.get(raw);
        if (id === undefined) {
          id = decodeFragment(new URL(raw, ORIGIN).hash) ?? null;
          fragments.set(raw, id);
        }
        resolved = id === null ? { ok: false, problem: "bad" } : { ok: true, decoded: self.decoded, id };
      } else if (!parsed.base && raw.startsWith("/") && !raw.startsWith("/\\")) {
        if (absolute.has(raw)) resolved = absolute.get(raw);
        else {
          resolved = resolveUrl(raw, base);
          absolute.set(raw, resolved);
        }
      } else {
        resolved = resolveUrl(raw, base);
      }
      if (resolved === undefined) continue; // another origin
      if (!resolved.ok) {
        report(ref, resolved.problem === "bad" ? trustMessages.badEncoding(page.address, raw) : trustMessages.outsidePrefix(page.address, raw, prefix));
        continue;
      }
      const { decoded, id } = resolved;
      const target = targetOf(decoded);
      if (target === undefined) {
        report(ref, ref.kind === "asset" ? trustMessages.missingAsset(page.address, raw) : trustMessages.missingTarget(page.address, raw));
        continue;
      }
      if (id === "" || id.toLowerCase() === "top" || !/\.html?$/i.test(target)) continue;
      if (target === page.file) {
        if (!parsed.ids.has(id)) report(ref, trustMessages.missingAnchor(page.address, raw, id, "siden selv"));
      } else {
        pending.push({ page, ref, targetFile: target, targetAddress: addressOf(target, prefix), id });
      }
    }
  };

  // Pages are read one after another: a synchronous read costs a fraction of an asynchronous
  // one (no thread-pool round trips), and there is nothing else for this thread to do meanwhile.
  for (let index = Atomics.add(next, 0, 1); index < pages.length; index = Atomics.add(next, 0, 1)) {
    const file = pages[index] as string;
    const parsed = parsePageBytes(readFileSync(path.join(siteDir, file)));
    ids.push([file, `\u0000${[...parsed.ids].join("\u0000")}\u0000`]);
    checkPage({ file, address: addressOf(file, prefix) }, parsed);
  }
  return { ids, found, pending };
}

/** The entry of a link-check worker thread (src/build/link-worker.ts). */
export function linkCheckWorkerMain(): void {
  const setup = workerData as CheckerSetup;
  parentPort?.postMessage(checkPages(setup));
}

/** Below this many pages the work is not shared with a worker thread (starting one costs more). */
const WORKER_MIN_PAGES = 2000;
const WORKER_URL = new URL("../build/link-worker.mjs", import.meta.url);

/** Checks every page, sharing the pages with `workers` worker threads. */
async function checkAllPages(setup: CheckerSetup, workers: number): Promise<PagesChecked> {
  const threads = Array.from({ length: workers }, () => {
    const worker = new Worker(WORKER_URL, { workerData: setup });
    return new Promise<PagesChecked>((resolve, reject) => {
      worker.once("message", (result: PagesChecked) => {
        resolve(result);
        void worker.terminate();
      });
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`link check worker stopped (${code})`)));
    });
  });
  const own = checkPages(setup);
  const results = [own, ...(await Promise.all(threads))];
  // In page order, whichever thread checked a page: the result does not depend on the sharing.
  const order = new Map(setup.pages.map((file, index) => [file, index]));
  const byPage = <T extends { page: PageInfo }>(a: T, b: T) => (order.get(a.page.file) as number) - (order.get(b.page.file) as number);
  return {
    ids: results.flatMap((r) => r.ids),
    found: results.flatMap((r) => r.found).sort(byPage),
    pending: results.flatMap((r) => r.pending).sort(byPage),
  };
}

/** Returns a problem for every broken internal link, asset or anchor, naming page and source file. */
export async function checkLinks(options: LinkCheckOptions): Promise<Problem[]> {
  const siteDir = path.resolve(options.siteDir);
  const cwd = options.cwd ?? process.cwd();
  const prefix = normalisePathPrefix(options.pathPrefix);
  const update = options.update ? path.resolve(options.update.dir) : undefined;
  const updated = update ? await listFiles(update) : [];
  const siteFiles = options.update?.files ? [...options.update.files] : await listFiles(siteDir);
  const files = update ? [...new Set([...siteFiles, ...updated])] : siteFiles;
  const pages = (update ? updated : files).filter((file) => /\.html?$/i.test(file)).sort();
  const origins = originsOf(options.archive);
  const setup: CheckerSetup = { siteDir: update ?? siteDir, prefix, files, pages, next: new Int32Array(new SharedArrayBuffer(4)) };
  const workers = options.workers ?? (pages.length >= WORKER_MIN_PAGES ? Math.min(1, availableParallelism() - 1) : 0);
  const { ids, found, pending } = await checkAllPages(setup, workers);
  /** ids of each page, kept compactly: "\0id1\0id2\0". */
  const idsByFile = new Map(ids);

  // An update's links into pages it did not make: their ids as the site has them.
  if (update) {
    for (const link of pending) {
      if (idsByFile.has(link.targetFile)) continue;
      const bytes = await readFile(path.join(siteDir, link.targetFile)).catch(() => undefined);
      idsByFile.set(link.targetFile, bytes ? `\u0000${[...parsePageBytes(bytes).ids].join("\u0000")}\u0000` : "");
    }
  }
  for (const link of pending) {
    const ids = idsByFile.get(link.targetFile) ?? "";
    if (!ids.includes(`\u0000${link.id}\u0000`)) {
      found.push({
        page: link.page,
        ref: link.ref,
        message: trustMessages.missingAnchor(link.page.address, link.ref.raw, link.id, link.targetAddress),
      });
    }
  }

  // Name the source: the meeting file (at the link's line when it can be found), kommune.yaml,
  // or the page itself for pages made from no single file.
  const sources = new Map<string, Promise<string>>();
  const readSource = (file: string) => {
    let text = sources.get(file);
    if (!text) {
      text = readFile(file, "utf8").catch(() => "");
      sources.set(file, text);
    }
    return text;
  };
  const problems: Problem[] = [];
  for (const { page, ref, message } of found) {
    const siteAddress = `/${page.address.slice(prefix.length)}`;
    const origin = origins.get(siteAddress) ?? origins.get(`/${siteAddress.split("/")[1] ?? ""}/`);
    const meeting = origins.get(siteAddress)?.meeting;
    if (meeting) {
      const itemOf = ref.item === undefined ? undefined : meeting.items.find((i) => i.number === ref.item);
      const text = await readSource(meeting.absolutePath);
      const unprefixed = ref.raw.startsWith(prefix) ? `/${ref.raw.slice(prefix.length)}` : ref.raw;
      const [pathPart = ""] = unprefixed.split(/[?#]/);
      const lastSegment = decodePath(pathPart.replace(/\/$/, "").split("/").pop() ?? "") ?? "";
      const needles = [ref.raw, unprefixed, pathPart.length > 1 ? pathPart : "", lastSegment.length > 3 ? lastSegment : ""];
      const at = locate(text, needles, itemOf?.line ?? 1) ?? (itemOf ? { line: itemOf.line, col: 1 } : { line: 1, col: 1 });
      // Fields as the loader names them: `items[2]` in the front matter (follows, attachments),
      // `## Title` for an item's section, `link` elsewhere on the page.
      let field = "link";
      if (itemOf) field = at.line < itemOf.line ? `items[${meeting.items.indexOf(itemOf) + 1}]` : `## ${itemOf.title}`;
      problems.push({ file: displayPath(meeting.absolutePath, cwd), line: at.line, col: at.col, field, message });
    } else if (origin?.kommune) {
      problems.push({ file: displayPath(origin.kommune.sourcePath, cwd), line: 1, col: 1, field: "link", message });
    } else {
      problems.push({ file: page.address, line: 1, col: 1, field: "link", message });
    }
  }
  return sortProblems(problems);
}
