// What a page of the site holds for the link check: its ids, its duplicate ids, every address it
// names (with the agenda item it stands in) and its <base>. Read from htmlparser2's element events,
// or from the same events given faster by `scanPage` (src/trust/links/scan.ts) for the markup the
// project writes itself.
import { Parser } from "htmlparser2";
import { urlScheme } from "../../render/markdown.ts";
import { scanPage, type PageHandlers } from "./scan.ts";

/** An address found in a page. */
export interface Reference {
  /** As written in the page (attribute value, entities decoded, trimmed). */
  raw: string;
  /** "asset" for files the page uses (src, srcset, stylesheets), "link" for links and forms. */
  kind: "link" | "asset";
  /** The item (punkt-N) the address stands in, if any. */
  item?: number;
}

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
/** Elements where data: would open or embed a document (data: images are fine). */
const NAVIGATING = new Set(["a", "area", "form", "button", "iframe", "object", "embed"]);

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
