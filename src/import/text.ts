// The text of an old document as lines, whatever its format: plain text, a saved web page, a Word
// file (through mammoth's HTML) or a PDF with a text layer (through unpdf). What the extractor
// (src/import/extract.ts) needs besides the words is kept: blank lines between paragraphs, headings,
// table cells, list items, and which lines are site chrome (navigation, header, footer).
import { Parser } from "htmlparser2";

/** One line of a document's text. */
export interface TextLine {
  /** The text, without surrounding spaces; "" for a blank line. Table cells are joined by a tab. */
  text: string;
  /** 1–6 for a heading (HTML h1–h6, a Word heading, a PDF line in a larger font). */
  heading?: number;
  /** A list item (HTML li): the text has no bullet of its own. */
  listItem?: boolean;
  /** Inside a page's navigation, header, footer or other chrome: not part of the minutes. */
  chrome?: boolean;
}

/** A document's text and what its format says about it. */
export interface DocumentText {
  lines: TextLine[];
  /** The page's or file's own title (HTML <title>, PDF metadata), when it has one. */
  title?: string;
  /** The address a saved web page came from (canonical link, og:url, "saved from url"). */
  url?: string;
}

/** Decodes a text file: UTF-8 (with or without BOM), else Windows-1252, the old Danish default. */
export function decodeText(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("windows-1252").decode(bytes);
  }
  return text.replace(/^\uFEFF/, "");
}

/** Plain text: one line per line; tab-separated columns stay as tabs. */
export function plainTextLines(text: string): DocumentText {
  const lines = text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => ({ text: cleanLine(line) }));
  return { lines };
}

/** Spaces tidied, tabs kept as column separators, invisible characters removed. */
export function cleanLine(line: string): string {
  return (
    line
      // eslint-disable-next-line no-misleading-character-class -- single invisible code points, the joiner among them on purpose
      .replace(/[\u200b\u200c\u200d\u2060\ufeff]/g, "")
      .replace(/\[bookmark: [^\]]*\]/g, "")
      .replace(/[ \u00a0\u202f\u2007]+/g, " ")
      .split("\t")
      .map((cell) => cell.trim())
      .filter((cell) => cell !== "")
      .join("\t")
      .trim()
  );
}

const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "dd",
  "details",
  "dialog",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "thead",
  "tfoot",
  "tr",
  "ul",
  "caption",
]);
/** Elements whose content is never text of the minutes. */
const SKIPPED = new Set(["script", "style", "noscript", "template", "svg", "iframe", "object", "button", "select", "textarea", "head"]);
/** Elements that hold a site's chrome, by tag, ARIA role or a telling class or id. */
const CHROME_TAGS = new Set(["nav", "header", "footer", "aside", "form"]);
const CHROME_ROLES = new Set(["navigation", "banner", "contentinfo", "search", "complementary"]);
const CHROME_NAMES =
  /(^|[\s_-])(cookie\w*|consent|breadcrumbs?|brødkrumme\w*|skip-?link\w*|share|social-?share|some|del-?paa|footer|site-?header|header|navigation|nav|menu|sidebar)($|[\s_-])/i;

/** A saved web page (or mammoth's HTML of a Word file) as lines. */
export function htmlLines(html: string, options: { wordParagraphs?: boolean } = {}): DocumentText {
  const lines: TextLine[] = [];
  let current = "";
  let heading: number | undefined;
  let listItem = false;
  let skipDepth = 0;
  let title = "";
  let inTitle = false;
  let url: string | undefined;
  // One entry per open element: whether it started chrome, and whether it is a table cell.
  const stack: { tag: string; chrome: boolean; skip: boolean }[] = [];
  let chromeDepth = 0;
  let paragraphStart = -1;

  const saved = /saved from url=\(\d+\)(\S+)/i.exec(html);
  if (saved?.[1] && /^https?:\/\//.test(saved[1])) url = saved[1];

  const flush = () => {
    const text = cleanLine(current);
    current = "";
    if (text === "") {
      // A Word file's paragraphs follow each other like lines; its empty paragraphs are its blank lines.
      if (!options.wordParagraphs && lines.length > 0 && lines[lines.length - 1]?.text !== "") lines.push({ text: "" });
    } else {
      const line: TextLine = { text };
      if (heading) line.heading = heading;
      if (listItem) line.listItem = true;
      if (chromeDepth > 0) line.chrome = true;
      lines.push(line);
    }
    heading = undefined;
    listItem = false;
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const tag = name.toLowerCase();
        if (tag === "title") inTitle = true;
        if (tag === "link" && /\bcanonical\b/i.test(attributes.rel ?? "") && /^https?:\/\//.test(attributes.href ?? "")) url ??= attributes.href;
        if (tag === "meta" && attributes.property === "og:url" && /^https?:\/\//.test(attributes.content ?? "")) url ??= attributes.content;
        const skip = SKIPPED.has(tag) || attributes.hidden !== undefined || attributes["aria-hidden"] === "true";
        const names = `${attributes.class ?? ""} ${attributes.id ?? ""}`;
        const chrome = CHROME_TAGS.has(tag) || CHROME_ROLES.has((attributes.role ?? "").toLowerCase()) || CHROME_NAMES.test(names);
        stack.push({ tag, chrome, skip });
        if (skip) skipDepth += 1;
        if (chrome) chromeDepth += 1;
        if (skipDepth > 0) return;
        if (BLOCK.has(tag) || tag === "br") flush();
        if (tag === "p") paragraphStart = lines.length;
        if (/^h[1-6]$/.test(tag)) heading = Number(tag.slice(1));
        if (tag === "li") listItem = true;
        if (tag === "td" || tag === "th") current += "\t";
      },
      ontext(text) {
        if (inTitle) title += text;
        if (skipDepth > 0) return;
        current += text.replace(/[\r\n]+/g, " ");
      },
      onclosetag(name) {
        const tag = name.toLowerCase();
        if (tag === "title") inTitle = false;
        // Pop up to the matching element (htmlparser2 closes unclosed children implicitly).
        let index = stack.length - 1;
        while (index >= 0 && stack[index]?.tag !== tag) index -= 1;
        if (index < 0) return;
        const wasSkipped = skipDepth > 0;
        while (stack.length > index) {
          const open = stack.pop();
          if (open?.skip) skipDepth -= 1;
          if (open?.chrome) {
            if (!wasSkipped && BLOCK.has(open.tag)) flush();
            chromeDepth -= 1;
          }
        }
        if (wasSkipped) return;
        // An empty paragraph is a blank line of its own (Word users space their text with them).
        const emptyParagraph = tag === "p" && cleanLine(current) === "" && lines.length === paragraphStart;
        if (BLOCK.has(tag) || /^h[1-6]$/.test(tag)) flush();
        if (emptyParagraph && lines.length === paragraphStart) lines.push({ text: "" });
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  const cleanTitle = cleanLine(title);
  return { lines, ...(cleanTitle ? { title: cleanTitle } : {}), ...(url ? { url } : {}) };
}

/** A Word file: mammoth turns its paragraphs, headings, lists and tables into HTML. */
export async function docxLines(bytes: Uint8Array): Promise<DocumentText> {
  const mammoth = (await import("mammoth")).default;
  // Empty paragraphs are kept: Word users set items apart with them, as plain text does with blank lines.
  const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { ignoreEmptyParagraphs: false });
  const text = htmlLines(result.value, { wordParagraphs: true });
  return { lines: text.lines };
}

/**
 * A PDF's text layer: the text items of each page grouped into lines by their position, a blank
 * line where the gap between lines is larger than usual, and a larger font as a heading.
 */
export async function pdfLines(bytes: Uint8Array): Promise<DocumentText> {
  const { extractTextItems, getDocumentProxy, getMeta } = await import("unpdf");
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { items } = await extractTextItems(pdf);
  let title: string | undefined;
  try {
    const meta = await getMeta(pdf);
    const info = meta.info as Record<string, unknown>;
    if (typeof info.Title === "string" && info.Title.trim()) title = info.Title.trim();
  } catch {
    // A PDF without readable metadata still has its text.
  }
  const lines: TextLine[] = [];
  const sizes: number[] = [];
  const pages = items.map((page) => {
    const rows: { y: number; size: number; parts: { x: number; width: number; str: string }[] }[] = [];
    for (const item of page) {
      if (item.str === "" && !item.hasEOL) continue;
      const row = rows.find((candidate) => Math.abs(candidate.y - item.y) < Math.max(2, item.fontSize * 0.4));
      if (row) {
        row.parts.push({ x: item.x, width: item.width, str: item.str });
        row.size = Math.max(row.size, item.fontSize);
      } else rows.push({ y: item.y, size: item.fontSize, parts: [{ x: item.x, width: item.width, str: item.str }] });
    }
    rows.sort((a, b) => b.y - a.y);
    for (const row of rows) sizes.push(row.size);
    return rows;
  });
  const body = median(sizes);
  for (const rows of pages) {
    let previous: { y: number; size: number } | undefined;
    for (const row of rows) {
      const parts = row.parts.sort((a, b) => a.x - b.x);
      let joined = "";
      parts.forEach((part, index) => {
        const before = parts[index - 1];
        // Items that do not touch are separate words; a wide gap is a column (a tab).
        if (before && part.x > before.x + before.width + row.size * 2) joined += "\t";
        else if (before && part.x > before.x + before.width + 0.5 && !/\s$/.test(joined) && !/^\s/.test(part.str)) joined += " ";
        joined += part.str;
      });
      const text = cleanLine(joined);
      if (text === "") continue;
      if (previous && previous.y - row.y > Math.max(previous.size, row.size) * 1.8) lines.push({ text: "" });
      const line: TextLine = { text };
      if (body > 0 && row.size >= body * 1.25) line.heading = row.size >= body * 1.6 ? 1 : 2;
      lines.push(line);
      previous = row;
    }
    lines.push({ text: "" });
  }
  return { lines, ...(title ? { title } : {}) };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}
