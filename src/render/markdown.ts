// The project's own markdown-it instance: raw HTML off, no template language, safe links.
// (Eleventy's default instance turns HTML on; we never hand Markdown to Eleventy.)
// What is safe and why: docs/trust.md "Safe rendering".
import MarkdownIt from "markdown-it";
import type { StateCore, Token } from "markdown-it";
import { withPrefix } from "../site/urls.ts";

/** What rendering one item's Markdown needs to know about where it stands. */
export interface MarkdownContext {
  /** The site's path prefix, e.g. "/" or "/referater/". */
  pathPrefix: string;
  /** The meeting's source file, relative to the content folder (`gladsaxe/udsatteraadet/2023/2023-09-06.md`). */
  sourcePath: string;
  /**
   * Resolves a link the secretary wrote to another meeting (a content path such as
   * `../2023/2023-11-21.md#punkt-4` or an address such as `/gladsaxe/udsatteraadet/2023-11-21/`)
   * to a site-relative address without prefix, or undefined when it names no meeting.
   * `href` arrives as markdown-it normalised it (percent-encoded). The default is
   * `createMeetingLinkResolver(archive)` from src/trust/links.ts.
   */
  resolveMeetingLink?: (href: string, fromSourcePath: string) => string | undefined;
}

/** Schemes a link may use; anything else (javascript:, vbscript:, data:, file:, ftp: …) is shown as text. */
const LINK_SCHEMES = new Set(["http", "https", "mailto", "tel"]);
/** Schemes an image may use besides relative addresses (attachments): no http (mixed content), no data:. */
const IMAGE_SCHEMES = new Set(["https"]);

// Characters browsers drop or ignore inside a URL's scheme, and invisible characters that could
// hide one: C0 controls and space, DEL and C1 controls, soft hyphen, zero-width and bidi marks, BOM.
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class -- a list of single code points, joiners and selectors among them on purpose
  /[\u0000-\u0020\u007f-\u009f\u00ad\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/g;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // Malformed percent-encoding: decode what can be decoded, byte by byte.
    return value.replace(/%[0-9a-f]{2}/gi, (hex) => String.fromCharCode(parseInt(hex.slice(1), 16)));
  }
}

/**
 * The scheme of a URL as a browser would see it through every disguise: entities are already
 * decoded by markdown-it; percent-encoding, whitespace, control and invisible characters are
 * removed before looking. Undefined for a relative address.
 */
export function urlScheme(url: string): string | undefined {
  let value = url;
  // Decode repeatedly (double encoding), but boundedly.
  for (let i = 0; i < 3 && value.includes("%"); i++) value = safeDecode(value);
  value = value.replace(INVISIBLE, "");
  return SCHEME.exec(value)?.[1]?.toLowerCase();
}

/** Whether a link address may be published: a relative address or http(s), mailto, tel. */
export function isSafeLink(url: string): boolean {
  const scheme = urlScheme(url);
  return scheme === undefined || LINK_SCHEMES.has(scheme);
}

/** Whether an image address may be published: a relative address (an attachment) or https. */
export function isSafeImage(url: string): boolean {
  const scheme = urlScheme(url);
  if (scheme === undefined) return !url.startsWith("//"); // protocol-relative could be http
  return IMAGE_SCHEMES.has(scheme);
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
// Links, autolinks, reference definitions and linkify all ask this one function; a refused
// address leaves its Markdown as plain text.
md.validateLink = isSafeLink;

// Images: links are allowed more schemes than images, so images are checked once more. A refused
// image becomes its Markdown as text, as a refused link does.
function refuseUnsafeImages(tokens: Token[], state: StateCore): void {
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.type !== "image") continue;
    const src = token.attrGet("src") ?? "";
    if (isSafeImage(src)) continue;
    const text = new state.Token("text", "", 0);
    text.content = `![${token.content}](${src})`;
    tokens[i] = text;
  }
}

function isRootRelative(href: string): boolean {
  return href.startsWith("/") && !href.startsWith("//") && !href.startsWith("/\\");
}

/** Rewrites links to other meetings and site-relative addresses to the prefixed address. */
function rewriteLinks(tokens: Token[], context: MarkdownContext): void {
  for (const token of tokens) {
    if (token.type !== "link_open" && token.type !== "image") continue;
    const attr = token.type === "image" ? "src" : "href";
    const href = token.attrGet(attr);
    if (href === null || href === "" || href.startsWith("#") || urlScheme(href) !== undefined || href.startsWith("//")) {
      continue;
    }
    const resolved = context.resolveMeetingLink?.(href, context.sourcePath);
    if (resolved !== undefined) token.attrSet(attr, withPrefix(context.pathPrefix, resolved));
    else if (isRootRelative(href)) token.attrSet(attr, withPrefix(context.pathPrefix, href));
  }
}

md.core.ruler.push("referat_links", (state: StateCore) => {
  const context = state.env as MarkdownContext | undefined;
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    refuseUnsafeImages(block.children, state);
    if (context && typeof context.pathPrefix === "string") rewriteLinks(block.children, context);
  }
  return true;
});

/** A heading at the top level of a Markdown text, as the renderer sees it. */
export interface TopHeading {
  /** 1 for `#`, 2 for `##` (ATX or setext). */
  level: number;
  /** The heading's text as markdown-it reads it (closing `#`s removed), untrimmed of inner line breaks. */
  text: string;
  /** 0-based index of its first line in `lines`. */
  start: number;
  /** 0-based index of the line after it (a setext heading spans its underline too). */
  end: number;
}

/** A Markdown text's lines, as markdown-it numbers them, and its headings. */
export interface MarkdownOutline {
  /** The text split into lines after markdown-it's own normalisation (CR LF and lone CR end a line). */
  lines: string[];
  /** Headings outside every container (list, blockquote, code), in order. */
  headings: TopHeading[];
  /** Level-one headings at any depth (in a list or a quote as well), as 0-based line indexes. */
  levelOne: number[];
  /** Level-two headings inside a list or a quote, as 0-based line indexes. */
  nestedLevelTwo: number[];
}

/**
 * The headings of a Markdown text exactly as the renderer's own block parser finds them: the same
 * instance and options as `renderMarkdown`, so that where the loader cuts a meeting's body into
 * items is where the page's headings are. A `## ` inside a fence, a list, a quote or an indented
 * code block is not a heading here, and a setext heading (`Titel` over `---`) is one.
 * Only the block rules run (no inline parsing): headings and their line ranges need nothing more.
 */
export function outlineMarkdown(source: string): MarkdownOutline {
  // markdown-it's `normalize` core rule, which runs before its block parser.
  let text = source;
  if (text.includes("\r")) text = text.replace(/\r\n?/g, "\n");
  if (text.includes("\0")) text = text.replace(/\0/g, "\uFFFD");
  const tokens: Token[] = [];
  md.block.parse(text, md, {}, tokens);
  const headings: TopHeading[] = [];
  const levelOne: number[] = [];
  const nestedLevelTwo: number[] = [];
  tokens.forEach((token, i) => {
    if (token.type !== "heading_open" || !token.map) return;
    const level = Number(token.tag.slice(1));
    if (level === 1) levelOne.push(token.map[0]);
    if (token.level !== 0) {
      if (level === 2) nestedLevelTwo.push(token.map[0]);
      return;
    }
    headings.push({ level, text: tokens[i + 1]?.content ?? "", start: token.map[0], end: token.map[1] });
  });
  return { lines: text.split("\n"), headings, levelOne, nestedLevelTwo };
}

const BRACES = /[{}]/g;
const BRACE_ENTITIES: Record<string, string> = { "{": "&#123;", "}": "&#125;" };

/**
 * Renders one item's Markdown to HTML. Raw HTML in the source is shown as text; unsafe links and
 * images are shown as text; headings get no ids (the page owns `punkt-N`); `{{ }}` and `{% %}`
 * come out literally, with the braces written as character references, so that even a template
 * engine run over the page by mistake could not execute them.
 */
export function renderMarkdown(source: string, context?: MarkdownContext): string {
  // markdown-it hands `env` to every rule; a fresh object per call keeps calls independent.
  const html = md.render(source, context ? { ...context } : {});
  return html.includes("{") || html.includes("}") ? html.replace(BRACES, (c) => BRACE_ENTITIES[c] ?? c) : html;
}

const ALIGNMENTS = new Set(["left", "center", "right"]);

// A table column's alignment: markdown-it writes `style="text-align:right"`, which the site's
// Content-Security-Policy (no 'unsafe-inline' styles, deploy/headers.ts) would refuse; a class
// (`align-right`, styled in templates/assets/style.css) says the same.
md.core.ruler.push("referat_table_align", (state: StateCore) => {
  for (const token of state.tokens) {
    if (token.type !== "th_open" && token.type !== "td_open") continue;
    const style = token.attrGet("style");
    if (style === null) continue;
    token.attrs = (token.attrs ?? []).filter(([name]) => name !== "style");
    const align = /^text-align:(\w+)$/.exec(style)?.[1];
    if (align && ALIGNMENTS.has(align)) token.attrJoin("class", `align-${align}`);
  }
  return true;
});

/**
 * The text a reader sees of an item's Markdown, without markup, for the open data: what
 * renders, and nothing that does not (a reference definition used as a hidden note never
 * renders, so it is never in the text). Blocks are separated by a blank line.
 */
export function markdownText(source: string): string {
  const blocks: string[] = [];
  let current = "";
  const flush = () => {
    if (current.trim() !== "") blocks.push(current.trim());
    current = "";
  };
  for (const token of md.parse(source, {})) {
    if (token.type === "inline") {
      for (const child of token.children ?? []) {
        if (child.type === "text" || child.type === "code_inline") current += child.content;
        else if (child.type === "softbreak" || child.type === "hardbreak") current += "\n";
        else if (child.type === "image") current += child.content;
      }
    } else if (token.type === "fence" || token.type === "code_block") {
      flush();
      current = token.content;
      flush();
    } else if (token.type === "paragraph_close" || token.type === "heading_close" || token.type === "td_close" || token.type === "th_close") {
      if (token.type === "td_close" || token.type === "th_close") current += "\t";
      else flush();
    } else if (token.type === "tr_close") {
      current = current.replace(/\t$/, "");
      flush();
    }
  }
  flush();
  return blocks.join("\n\n");
}

/**
 * The tokens markdown-it makes of `source` with this same instance (the CPR guard reads the text
 * a reader will see from them: src/trust/cpr-source.ts).
 */
export function parseMarkdown(source: string): Token[] {
  return md.parse(source, {});
}
