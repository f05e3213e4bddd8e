// Reading a meeting file: bytes to text (UTF-8, BOM and CRLF accepted), the front matter through
// our safe js-yaml 5 parser (src/yaml/parse.ts), and the body split into its `## ` sections.
// Pure functions: no file system here, so tests and the preview can call them with any text.
import type * as yaml from "js-yaml";
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
  const frontMatter = (` ${rest.slice(0, close)}`).slice(1);
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
  /** The section's Markdown, trimmed. */
  body: string;
  /** 1-based file line of the first non-blank line under the heading, if any. */
  bodyLine?: number;
}

/** Something wrong with the body's structure, at a file line and column. */
export interface BodyIssue {
  kind: "textBeforeSections" | "levelOneHeading";
  line: number;
  col: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const H2 = /^ {0,3}##(?:[ \t]+(.*?))?[ \t]*$/;
const H1 = /^ {0,3}#(?:[ \t]|$)/;

/** Splits a body into `## ` sections, ignoring headings inside fenced code blocks. */
export function splitSections(body: string, firstLine: number): { sections: Section[]; issues: BodyIssue[] } {
  const sections: Section[] = [];
  const issues: BodyIssue[] = [];
  const lines = body.split(/\r?\n/);
  let fence: { char: string; length: number } | undefined;
  let current: { heading: string; line: number; lines: string[]; bodyLine?: number } | undefined;
  let reportedTextBefore = false;
  const finish = () => {
    if (!current) return;
    sections.push({
      heading: current.heading,
      line: current.line,
      body: current.lines.join("\n").trim(),
      ...(current.bodyLine !== undefined ? { bodyLine: current.bodyLine } : {}),
    });
  };
  lines.forEach((text, index) => {
    const line = firstLine + index;
    const fenceMatch = FENCE.exec(text);
    if (fence) {
      if (fenceMatch && fenceMatch[1]?.[0] === fence.char && (fenceMatch[1]?.length ?? 0) >= fence.length && fenceMatch[2]?.trim() === "") {
        fence = undefined;
      }
    } else if (fenceMatch && !(fenceMatch[1]?.[0] === "`" && fenceMatch[2]?.includes("`"))) {
      fence = { char: fenceMatch[1]?.[0] ?? "`", length: fenceMatch[1]?.length ?? 3 };
    } else {
      const h2 = H2.exec(text);
      if (h2) {
        finish();
        const heading = (h2[1] ?? "").replace(/(^|[ \t]+)#+$/, "").trim();
        current = { heading, line, lines: [] };
        return;
      }
      if (H1.test(text)) {
        issues.push({ kind: "levelOneHeading", line, col: text.indexOf("#") + 1 });
      }
    }
    if (current) {
      current.lines.push(text);
      if (current.bodyLine === undefined && text.trim() !== "") current.bodyLine = line;
    } else if (text.trim() !== "" && !reportedTextBefore) {
      reportedTextBefore = true;
      issues.push({ kind: "textBeforeSections", line, col: text.search(/\S/) + 1 });
    }
  });
  finish();
  return { sections, issues };
}

/** A person written as text: `Navn (Organisation), rolle`; organisations may hold commas. */
export type ParsedPerson =
  | { ok: true; name: string; organisation?: string; role?: string }
  | { ok: false; reason: "paren" | "name" };

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
    rest = value.slice(close + 1).trim().replace(/^,/, "").trim();
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
  if (Array.isArray(value)) return [...value];
  const numbers: number[] = [];
  for (const part of (value as string).split(",")) {
    const [from, to] = part.split("-").map((n) => Number(n.trim()));
    if (from === undefined || Number.isNaN(from)) continue;
    const end = to === undefined || Number.isNaN(to) ? from : to;
    // A reversed or huge range is capped: agendas have tens of items, not thousands.
    for (let n = from; n <= end && n - from < 1000; n++) numbers.push(n);
  }
  return numbers;
}
