// CPR numbers in the content's own files (meeting files and kommune.yaml) as they are published:
// the source as written, normalised (src/trust/cpr-pattern.ts), and where a renderer could put a
// number together from pieces the source keeps apart (emphasis or a code span inside the number,
// a paragraph or YAML value folded over two lines), the text a reader sees: every YAML string
// value as js-yaml decodes it, and the body's text as the project's own markdown-it renders it.
// Every finding points at the source line and column where the number starts.
import * as yaml from "js-yaml";
import { splitFrontMatter } from "../minutes/parse.ts";
import { parseMarkdown } from "../render/markdown.ts";
import { cprCandidates, findInNormalised, LineCounter, matchAt, normaliseForCpr, type CprMatch } from "./cpr-pattern.ts";

/** What kind of source a text is: a meeting file (YAML front matter and Markdown), YAML, or plain text. */
export type CprSourceKind = "meeting" | "yaml" | "text";

/** A piece of text a reader sees, and the source offset it starts at (for findings without a candidate). */
interface Shown {
  text: string;
  offset: number;
}

/** The decoded string values of a YAML text whose first character is at `offset` of the file. */
function yamlValues(source: string, offset: number, events?: readonly yaml.Event[]): Shown[] {
  let list = events;
  if (!list) {
    try {
      list = yaml.parseEvents(source, { maxDepth: 50 });
    } catch {
      return []; // Not valid YAML: the loader reports it, and nothing of it is published.
    }
  }
  const shown: Shown[] = [];
  for (const event of list) {
    if (event.type !== yaml.EVENT_ID.SCALAR) continue;
    try {
      shown.push({ text: yaml.getScalarValue(source, event), offset: offset + Math.max(0, event.valueStart) });
    } catch {
      // A scalar js-yaml cannot decode is not published either.
    }
  }
  return shown;
}

/** The text of a Markdown body as rendered: per block, line breaks inside a paragraph as spaces. */
function markdownText(body: string, offset: number, lineStarts: (line: number) => number): Shown[] {
  const shown: Shown[] = [];
  const bodyLine = lineStarts;
  for (const token of parseMarkdown(body)) {
    const at = token.map ? bodyLine(token.map[0]) : offset;
    if (token.type === "inline") {
      let text = "";
      for (const child of token.children ?? []) {
        if (child.type === "text" || child.type === "code_inline") text += child.content;
        else if (child.type === "softbreak") text += " ";
        else if (child.type === "hardbreak") text += "\n";
        else if (child.type === "image") text += child.content;
        const title = child.attrGet("title");
        if (title) shown.push({ text: title, offset: at });
      }
      shown.push({ text, offset: at });
    } else if (token.type === "code_block" || token.type === "fence") {
      shown.push({ text: token.content, offset: at });
    }
  }
  return shown;
}

/** Offsets of the starts of lines of a text, 0-based lines. */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** The reader's view of a source, for the cases where candidates say it may differ from the source. */
function readerView(text: string, kind: CprSourceKind): Shown[] {
  if (kind === "yaml") return yamlValues(text, 0);
  if (kind !== "meeting") return [];
  const split = splitFrontMatter(text);
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const shown = split.hasFrontMatter ? yamlValues(split.frontMatter, bom + 3, split.yamlFailure ? [] : split.events) : [];
  const bodyStart = text.length - split.body.length;
  const starts = lineStartsOf(split.body);
  shown.push(...markdownText(split.body, bodyStart, (line) => bodyStart + (starts[line] ?? 0)));
  return shown;
}

/**
 * Every CPR-like number in a content file as it is published. `kind` says how it is published:
 * "meeting" (YAML front matter, Markdown body), "yaml" (kommune.yaml) or "text" (as written).
 */
export function scanSourceForCpr(text: string, kind: CprSourceKind): CprMatch[] {
  const normalised = normaliseForCpr(text);
  const lines = new LineCounter(text);
  const strict = findInNormalised(normalised.text);
  const found = strict.map(({ start, end, digits }) => matchAt(text, lines, normalised.sourceStart(start), normalised.sourceEnd(end - 1), digits));
  if (kind === "text") return found;
  // Numbers assembled from pieces: only looked for where whole digit groups, separated by nothing
  // but punctuation and spaces, add up to a CPR-shaped number that the plain scan did not find.
  const candidates = cprCandidates(normalised.text).filter(
    (candidate) => !strict.some((m) => m.digits === candidate.digits && m.start < candidate.end && candidate.start < m.end),
  );
  if (candidates.length === 0) return found;
  const shownAt = new Map<string, number>();
  for (const piece of readerView(text, kind)) {
    const view = normaliseForCpr(piece.text).text;
    for (const m of findInNormalised(view)) if (!shownAt.has(m.digits)) shownAt.set(m.digits, piece.offset);
  }
  if (shownAt.size === 0) return found;
  const reported = new Set(strict.map((m) => m.digits));
  const spans = found.map((m) => ({ start: m.index, end: m.index + m.match.length, digits: m.digits }));
  const before = spans.length;
  for (const candidate of candidates) {
    if (!shownAt.has(candidate.digits)) continue;
    reported.add(candidate.digits);
    spans.push({ start: normalised.sourceStart(candidate.start), end: normalised.sourceEnd(candidate.end - 1), digits: candidate.digits });
  }
  // A number the reader sees that no candidate explains (should not happen): at its piece's start.
  for (const [digits, offset] of shownAt) {
    if (!reported.has(digits)) spans.push({ start: offset, end: offset, digits });
  }
  if (spans.length === before) return found;
  spans.sort((a, b) => a.start - b.start);
  const counter = new LineCounter(text);
  return spans.map(({ start, end, digits }) => matchAt(text, counter, start, end, digits));
}
