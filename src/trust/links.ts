// Offline link integrity check over a rendered site: every internal href/src/srcset/action must
// name a file of the site (under the path prefix), and every fragment an id in the target page.
// External links are never fetched. Runs after rendering and search indexing, before the new site
// is moved into place, so a broken link stops the build. See docs/trust.md "Link integrity".
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Parser } from "htmlparser2";
import { sortProblems, type Problem } from "../content/problem.ts";
import type { Archive, Kommune, Meeting } from "../minutes/model.ts";
import { urlScheme } from "../render/markdown.ts";
import { trustMessages } from "./messages.ts";

export { createMeetingLinkResolver, type MeetingLinkResolver } from "./meeting-links.ts";

export interface LinkCheckOptions {
  siteDir: string;
  archive: Archive;
  pathPrefix: string;
  /** Where paths in problems are relative to (default: the working directory). */
  cwd?: string;
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
const PARSE_CONCURRENCY = 16;

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

function normalisePrefix(prefix: string): string {
  const parts = prefix.split("/").filter((part) => part !== "" && part !== ".");
  return parts.length === 0 ? "/" : `/${parts.join("/")}/`;
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

/** What a page holds: its ids (as one string, compact for 10,000s of pages) and its references. */
interface ParsedPage {
  ids: Set<string>;
  duplicateIds: string[];
  refs: Reference[];
  base?: string;
}

function parsePage(html: string): ParsedPage {
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

  const parser = new Parser(
    {
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
            if (value !== undefined && urlScheme(value.trim()) === "data") add(value, "link");
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
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return base === undefined ? { ids, duplicateIds, refs } : { ids, duplicateIds, refs, base };
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

/** The file relative to the working directory, as the loader prints files (src/content/load.ts). */
function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  const shown = relative === "" || path.isAbsolute(relative) ? file : relative;
  return shown.split(path.sep).join("/");
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
export async function checkLinks(options: LinkCheckOptions): Promise<Problem[]> {
  const siteDir = path.resolve(options.siteDir);
  const cwd = options.cwd ?? process.cwd();
  const prefix = normalisePrefix(options.pathPrefix);
  const files = new Set(await listFiles(siteDir));
  const pages = [...files].filter((file) => /\.html?$/i.test(file)).sort();
  const origins = originsOf(options.archive);

  /** ids of each page, kept compactly: "\0id1\0id2\0". */
  const idsByFile = new Map<string, string>();
  const pending: PendingFragment[] = [];
  const found: { page: PageInfo; ref: Reference; message: string }[] = [];

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

  const checkPage = (page: PageInfo, parsed: ParsedPage) => {
    const baseUrl = new URL(page.address, ORIGIN);
    const base = parsed.base ? new URL(parsed.base, baseUrl) : baseUrl;
    const report = (ref: Reference, message: string) => found.push({ page, ref, message });
    for (const id of new Set(parsed.duplicateIds)) {
      report({ raw: `#${id}`, kind: "link" }, trustMessages.duplicateId(page.address, id));
    }
    for (const ref of parsed.refs) {
      const scheme = urlScheme(ref.raw);
      if (scheme !== undefined && (SCRIPT_SCHEMES.has(scheme) || (scheme === "data" && ref.kind === "link"))) {
        report(ref, trustMessages.scriptLink(page.address, ref.raw));
        continue;
      }
      if (scheme !== undefined || ref.raw.startsWith("//") || ref.raw.startsWith("\\\\")) continue; // external
      let url: URL;
      try {
        url = new URL(ref.raw, base);
      } catch {
        report(ref, trustMessages.badEncoding(page.address, ref.raw));
        continue;
      }
      if (url.origin !== ORIGIN) continue;
      if (!url.pathname.startsWith(prefix) && `${url.pathname}/` !== prefix) {
        report(ref, trustMessages.outsidePrefix(page.address, ref.raw, prefix));
        continue;
      }
      const decoded = decodePath(url.pathname.slice(prefix.length));
      const id = decodeFragment(url.hash);
      if (decoded === undefined || id === undefined) {
        report(ref, trustMessages.badEncoding(page.address, ref.raw));
        continue;
      }
      const target = resolveFile(decoded);
      if (target === undefined) {
        report(ref, ref.kind === "asset" ? trustMessages.missingAsset(page.address, ref.raw) : trustMessages.missingTarget(page.address, ref.raw));
        continue;
      }
      if (id === "" || id.toLowerCase() === "top" || !/\.html?$/i.test(target)) continue;
      if (target === page.file) {
        if (!parsed.ids.has(id)) report(ref, trustMessages.missingAnchor(page.address, ref.raw, id, "siden selv"));
      } else {
        pending.push({ page, ref, targetFile: target, targetAddress: addressOf(target, prefix), id });
      }
    }
  };

  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(PARSE_CONCURRENCY, pages.length) }, async () => {
      while (next < pages.length) {
        const file = pages[next++] as string;
        const html = await readFile(path.join(siteDir, file), "utf8");
        const parsed = parsePage(html);
        idsByFile.set(file, `\u0000${[...parsed.ids].join("\u0000")}\u0000`);
        checkPage({ file, address: addressOf(file, prefix) }, parsed);
      }
    }),
  );

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
