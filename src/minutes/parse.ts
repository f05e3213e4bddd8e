// Reading a meeting file: bytes to text (UTF-8, BOM and CRLF accepted), the front matter through
// our safe js-yaml 5 parser (src/yaml/parse.ts), and the body split into its `## ` sections.
// Pure functions: no file system here, so tests and the preview can call them with any text.
import type * as yaml from "js-yaml";
import { outlineMarkdown } from "../render/markdown.ts";
import { parseYaml, type YamlFailure } from "../yaml/parse.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const lenientUtf8 = new TextDecoder("utf-8", { fatal: false });

/** The text of a file, or the first place where it is not valid UTF-8. */
export type DecodeResult = { ok: true; text: string } | { ok: false; line: number; col: number };

/** Decodes UTF-8 strictly and drops a byte-order mark. */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  try {
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    // Find where: the first replacement character of a lenient decode is the first bad byte.
    const text = lenientUtf8.decode(bytes);
    const at = Math.max(0, text.indexOf("\uFFFD"));
    const before = text.slice(0, at);
    const line = before.split("\n").length;
    return { ok: false, line, col: at - before.lastIndexOf("\n") };
  }
}

/** The front matter and body of a meeting file. */
export interface SplitFile {
  /** Whether the file opens with a `---` line. */
  hasFrontMatter: boolean;
  /** Whether a closing `---` line was found. */
  closed: boolean;
  /** The raw front matter text. Offsets in it map to file lines with no shift (it starts on line 1). */
  frontMatter: string;
  /** The parsed front matter value, or undefined when empty or on failure. */
  data: unknown;
  /** The YAML events, kept to compute positions if a problem is found later. */
  events: yaml.Event[];
  /** Set when the front matter is not safe, valid YAML. */
  yamlFailure?: YamlFailure;
  body: string;
  /** 1-based file line of the body's first line. */
  bodyLine: number;
}

/** Splits a meeting file's text into front matter (parsed) and body. */
export function splitFrontMatter(text: string, _file?: string): SplitFile {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const hasFrontMatter = /^---[ \t]*\r?\n/.test(source);
  if (!hasFrontMatter) {
    // No front matter: the whole text is the body (and validation stops at "no front matter").
    return { hasFrontMatter, closed: false, frontMatter: "", data: undefined, events: [], body: source, bodyLine: 1 };
  }
  const closed = /\r?\n---[ \t]*(\r?\n|$)/.test(source.slice(3));
  // What gray-matter did with our options, without its costs (a Buffer copy of every file, its
  // engines for other languages): after the opening `---`, the front matter runs to the first
  // "\n---"; the body starts after it and one line break. A block of nothing but blanks and
  // `#` comment lines is not parsed at all.
  const rest = source.slice(3);
  let close = rest.indexOf("\n---");
  if (close === -1) close = rest.length;
  // A string of its own, not a slice of the whole file: the YAML values (names, titles) are slices
  // of it, and the archive should not keep every file's text alive through them.
  const frontMatter = ` ${rest.slice(0, close)}`.slice(1);
  let content = close === rest.length ? "" : rest.slice(close + 4);
  if (content.charCodeAt(0) === 0x0d) content = content.slice(1);
  if (content.charCodeAt(0) === 0x0a) content = content.slice(1);
  let parsed: { value: unknown; events: yaml.Event[] } | undefined;
  let yamlFailure: YamlFailure | undefined;
  if (frontMatter.replace(/^\s*#[^\n]+/gm, "").trim() !== "") {
    const outcome = parseYaml(frontMatter);
    if (outcome.ok) parsed = { value: outcome.value, events: outcome.events };
    else yamlFailure = outcome.failure;
  }
  const body = closed ? content : "";
  return {
    hasFrontMatter,
    closed,
    frontMatter,
    data: parsed?.value,
    events: parsed?.events ?? [],
    ...(yamlFailure ? { yamlFailure } : {}),
    body,
    bodyLine: countLines(source.slice(0, source.length - body.length)) + 1,
  };
}

function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

/** One `## ` section of the body. */
export interface Section {
  /** The heading text, without `## ` and closing hashes. */
  heading: string;
  /** 1-based file line of the heading. */
  line: number;
  /** The section's Markdown, without blank lines before and white space after it. */
  body: string;
  /** 1-based file line of the first non-blank line under the heading, if any. */
  bodyLine?: number;
}

/** Something wrong with the body's structure, at a file line and column. */
export interface BodyIssue {
  kind: "textBeforeSections" | "levelOneHeading" | "nestedSectionHeading";
  line: number;
  col: number;
}

/**
 * Splits a body into its `## ` sections where the page's renderer sees them: the top-level
 * level-two headings of markdown-it's own block parse (src/render/markdown.ts), not a splitter of
 * our own. A `## ` line inside a fence, a list, a quote or an indented code block is text of the
 * section it stands in, on the page and here alike, and a setext heading (`Titel` over `---`) starts
 * a section on both. So the text checked as a section (a closed item's must be empty) is exactly
 * the text rendered for it. Lines are counted as markdown-it counts them (a lone CR ends a line).
 */
export function splitSections(body: string, firstLine: number): { sections: Section[]; issues: BodyIssue[] } {
  const { lines, headings, levelOne, nestedLevelTwo } = outlineMarkdown(body);
  const sections: Section[] = [];
  const issues: BodyIssue[] = [];
  const level2 = headings.filter((heading) => heading.level === 2);
  const firstSection = level2[0]?.start ?? lines.length;
  const before = lines.slice(0, firstSection).findIndex((text) => text.trim() !== "");
  if (before !== -1) {
    const text = lines[before] ?? "";
    issues.push({ kind: "textBeforeSections", line: firstLine + before, col: text.search(/\S/) + 1 });
  }
  for (const index of levelOne) {
    issues.push({ kind: "levelOneHeading", line: firstLine + index, col: headingColumn(lines[index] ?? "") });
  }
  // A `## ` inside a list or a quote is a level-two heading on the page that starts no item: in a
  // preview it reads as the next item's section. Refused, so that every `##` a reader sees is an item.
  for (const index of nestedLevelTwo) {
    issues.push({ kind: "nestedSectionHeading", line: firstLine + index, col: headingColumn(lines[index] ?? "") });
  }
  issues.sort((a, b) => a.line - b.line || a.col - b.col);
  level2.forEach((heading, i) => {
    const until = level2[i + 1]?.start ?? lines.length;
    const own = lines.slice(heading.end, until);
    const first = own.findIndex((text) => text.trim() !== "");
    sections.push({
      heading: heading.text.trim(),
      line: firstLine + heading.start,
      // Blank lines around it go, but not the first line's indentation: four spaces make a code
      // block on the page, and the section is rendered on its own exactly as it stands there.
      body: first === -1 ? "" : own.slice(first).join("\n").trimEnd(),
      ...(first !== -1 ? { bodyLine: firstLine + heading.end + first } : {}),
    });
  });
  return { sections, issues };
}

/** The 1-based column of a heading's `#`, or of its first character for a setext heading. */
function headingColumn(text: string): number {
  const hash = text.indexOf("#");
  return (hash === -1 ? Math.max(0, text.search(/\S/)) : hash) + 1;
}

// Invisible characters a name may carry from a copy and paste: soft hyphen, zero-width and bidi marks, BOM.
const INVISIBLE_IN_NAME = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/gu;

/**
 * A name as shown: invisible characters removed, every run of white space (spaces, tabs, no-break
 * spaces, line breaks) one space, trimmed. `Anna  Holm` and `Anna\u00a0Holm` are shown as `Anna Holm`.
 */
export function normalisePersonName(name: string): string {
  return name.replace(INVISIBLE_IN_NAME, "").replace(/\s+/gu, " ").trim();
}

/**
 * The key under which two names are the same person: the shown name in Unicode's compatibility
 * form (NFKC: full-width letters, ligatures and composed/decomposed accents alike) and lower case.
 */
export function personKey(name: string): string {
  return normalisePersonName(name.normalize("NFKC")).toLocaleLowerCase("da");
}

/** A person written as text: `Navn (Organisation), rolle`; organisations may hold commas. */
export type ParsedPerson = { ok: true; name: string; organisation?: string; role?: string } | { ok: false; reason: "paren" | "name" };

/** Parses `Anna Holm (Kirkens Korshær), formand` into its parts. */
export function parsePersonText(text: string): ParsedPerson {
  const value = text.trim();
  const open = value.indexOf("(");
  const comma = value.indexOf(",");
  let name: string;
  let organisation: string | undefined;
  let rest: string;
  if (open !== -1 && (comma === -1 || open < comma)) {
    name = value.slice(0, open).trim();
    let depth = 0;
    let close = -1;
    for (let i = open; i < value.length; i++) {
      if (value[i] === "(") depth++;
      else if (value[i] === ")" && --depth === 0) {
        close = i;
        break;
      }
    }
    if (close === -1) return { ok: false, reason: "paren" };
    organisation = value.slice(open + 1, close).trim() || undefined;
    // After the parenthesis: the role, with or without the comma.
    rest = value
      .slice(close + 1)
      .trim()
      .replace(/^,/, "")
      .trim();
  } else if (comma !== -1) {
    name = value.slice(0, comma).trim();
    rest = value.slice(comma + 1).trim();
  } else {
    name = value;
    rest = "";
  }
  if (name === "") return { ok: false, reason: "name" };
  return {
    ok: true,
    name,
    ...(organisation ? { organisation } : {}),
    ...(rest ? { role: rest } : {}),
  };
}

/** Item numbers from "1-3", "1, 3-5", [1, 3] or 2. Assumes the schema accepted the shape. */
export function parsePresentFor(value: string | number | readonly number[]): number[] {
  if (typeof value === "number") return [value];
  if (typeof value !== "string") return [...value];
  const numbers: number[] = [];
  for (const part of value.split(",")) {
    const [from, to] = part.split("-").map((n) => Number(n.trim()));
    if (from === undefined || Number.isNaN(from)) continue;
    const end = to === undefined || Number.isNaN(to) ? from : to;
    // A reversed or huge range is capped: agendas have tens of items, not thousands.
    for (let n = from; n <= end && n - from < 1000; n++) numbers.push(n);
  }
  return numbers;
}
