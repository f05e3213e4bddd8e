// Danish problems from the two ways a YAML-bearing file fails before its own rules run: a YAML
// failure (syntax, an unsafe construct) and a schema issue from zod. Shared by every kind of file
// (meetings in src/minutes/validate.ts, kommune.yaml in src/kommune/validate.ts, portal.yaml);
// each kind passes its own `FieldTables`. The wording comes from the one Danish catalogue,
// src/minutes/messages.ts.
import type { z } from "zod";
import { closestMatch, messages, type ExpectedKind } from "../minutes/messages.ts";
import type { YamlFailure } from "./parse.ts";
import { LineIndex, type YamlPath } from "./positions.ts";
import { ProblemReporter, formatField, genericPath } from "./report.ts";
import { getAt } from "./values.ts";

/** Reports a YAML syntax error or an unsafe construct at its line and column. */
export function reportYamlFailure(reporter: ProblemReporter, source: string, failure: YamlFailure, lineOffset = 0): void {
  const { line, col } = new LineIndex(source, lineOffset).position(failure.offset);
  let message: string;
  if (failure.kind === "anchor" || failure.kind === "alias") message = messages.yamlAnchor(failure.detail);
  else if (failure.kind === "tag") message = messages.yamlTag(failure.detail);
  else if (failure.detail === "duplicated mapping key") message = messages.yamlDuplicateKey(keyAt(source, failure.offset));
  else message = colonInValue(source, failure) ?? messages.yamlSyntax(failure.detail);
  reporter.atLine(line, col, "yaml", message);
}

/**
 * `- title: Høring: Veteranstrategi`: js-yaml reads the second colon as a new key and calls it
 * bad indentation. When the failure points at a `: ` on a line of the form `key: text: text`, the
 * message says to quote the value instead.
 */
function colonInValue(source: string, failure: YamlFailure): string | undefined {
  if (failure.detail !== "bad indentation of a mapping entry") return undefined;
  const lineStart = source.lastIndexOf("\n", failure.offset - 1) + 1;
  const lineEnd = source.indexOf("\n", failure.offset);
  const line = source.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).replace(/\r$/, "");
  const match = /^\s*(?:-\s+)?([A-Za-z_][\w-]*):[ \t]+([^"'\s[{|>#&*!].*)$/.exec(line);
  if (!match) return undefined;
  const [, key = "", rawValue = ""] = match;
  const value = rawValue.replace(/\s+#.*$/, "").trim();
  // The failure must be the colon inside the value, not some other problem on the line.
  const valueStart = lineStart + line.indexOf(rawValue, line.indexOf(":") + 1);
  if (failure.offset < valueStart || source.slice(failure.offset, failure.offset + 1) !== ":") return undefined;
  const quoted = value.includes('"') ? `'${value.replace(/'/g, "''")}'` : `"${value.replace(/\\/g, "\\\\")}"`;
  return messages.yamlColonInValue(key, value, quoted);
}

function keyAt(source: string, offset: number): string {
  const match = /^\s*["']?([^"':\n]+)/.exec(source.slice(offset));
  return match?.[1]?.trim() ?? "?";
}

/** Per-file-kind tables for turning schema issues into messages. */
export interface FieldTables {
  /** Known keys of each object, by generic path (`items.attachments`). */
  knownKeys: Record<string, readonly string[]>;
  /** Hints for missing fields, by generic path. */
  hints: Record<string, string>;
  /** Fields holding dates or times, by generic path: wrong kinds get the date or time message. */
  dates: ReadonlySet<string>;
  times: ReadonlySet<string>;
  /** Fields that are whole numbers above zero. */
  counts: ReadonlySet<string>;
  /** What a non-empty list must hold at least, by generic path ("ét punkt"). */
  minimums: Record<string, string>;
  /** Custom rule messages beyond the shared ones (e.g. kommune.yaml's colour and CVR). */
  rules?: Record<string, (value: unknown) => string>;
  /** The table key of a path; by default the path without list positions. */
  generic?: (path: YamlPath) => string;
}

type Issue = z.core.$ZodIssue;

/** Turns zod issues into problems placed at their YAML keys and values. */
export function reportIssues(reporter: ProblemReporter, issues: readonly Issue[], raw: unknown, tables: FieldTables, prefix: YamlPath = []): Set<string> {
  // A misspelt key is reported once, as unknown with its suggestion, not again as a missing field.
  const suggested = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    const parent = [...prefix, ...(issue.path as (string | number)[])];
    for (const key of issue.keys) {
      const match = closestMatch(key, tables.knownKeys[(tables.generic ?? genericPath)(parent)] ?? []);
      if (match) suggested.add(formatField([...parent, match]));
    }
  }
  for (const issue of issues) {
    const path: YamlPath = [...prefix, ...(issue.path as (string | number)[])];
    const value = getAt(raw, path);
    const generic = (tables.generic ?? genericPath)(path);
    switch (issue.code) {
      case "unrecognized_keys":
        for (const key of issue.keys) {
          const known = tables.knownKeys[generic] ?? [];
          reporter.atKey([...path, key], messages.unknownKey(key, closestMatch(key, known), known));
        }
        break;
      case "invalid_type": {
        if (value === undefined) {
          if (!suggested.has(formatField(path))) reporter.atKey(path, messages.missing(tables.hints[generic]));
        } else if (tables.dates.has(generic)) {
          reporter.atValue(path, messages.badDate(value));
        } else if (tables.times.has(generic)) {
          reporter.atValue(path, messages.badTime(value));
        } else if (tables.counts.has(generic) || issue.expected === "int") {
          reporter.atValue(path, messages.notPositiveInt(value));
        } else {
          const hint = value === null ? tables.hints[generic] : undefined;
          reporter.atValue(path, `${messages.wrongKind(expectedKind(issue.expected), value)}${hint ? `; ${hint}` : ""}`);
        }
        break;
      }
      case "invalid_union": {
        const branches = issue.errors.filter((branch) => !isTopLevelTypeMismatch(branch));
        const [only] = branches;
        if (branches.length === 1 && only) {
          reportIssues(reporter, only, raw, tables, path);
        } else if (value === undefined) {
          reporter.atKey(path, messages.missing(tables.hints[generic]));
        } else if (tables.times.has(generic)) {
          reporter.atValue(path, messages.badTime(value));
        } else {
          const expected = issue.errors.map((branch) => expectedKind((branch[0] as { expected?: string } | undefined)?.expected));
          if (expected.includes("string") && expected.includes("array") && (expected.includes("int") || expected.includes("number"))) {
            reporter.atValue(path, messages.badPresentFor(value));
          } else if (expected.includes("string") && expected.includes("object") && expected.includes("array")) {
            reporter.atValue(path, messages.wrongKind("persons", value));
          } else if (expected.includes("string") && expected.includes("object")) {
            reporter.atValue(path, messages.wrongKind("person", value));
          } else {
            reporter.atValue(path, messages.wrongKind(expected, value));
          }
        }
        break;
      }
      case "invalid_value": {
        const allowed = issue.values.map(String);
        const suggestion = typeof value === "string" ? closestMatch(value, allowed) : undefined;
        reporter.atValue(path, messages.badChoice(allowed, value, suggestion));
        break;
      }
      case "too_small":
        if (issue.origin === "array") reporter.atValue(path, messages.emptyList(tables.minimums[generic] ?? "ét element"));
        else if (issue.origin === "string") reporter.atValue(path, messages.emptyText);
        else reporter.atValue(path, messages.notPositiveInt(value));
        break;
      case "custom": {
        const rule = (issue.params as { rule?: string } | undefined)?.rule ?? "";
        reporter.atValue(path, ruleMessage(rule, value, tables));
        break;
      }
      case "too_big":
        // zod's own text is English ("Too big: expected int to be <=9007199254740991").
        reporter.atValue(path, issue.origin === "number" || issue.origin === "int" ? messages.tooBig(value) : messages.invalidValue(value));
        break;
      default:
        // Never zod's English text: every other code is said the same Danish way.
        reporter.atValue(path, messages.invalidValue(value));
    }
  }
  return suggested;
}

function ruleMessage(rule: string, value: unknown, tables: FieldTables): string {
  const custom = tables.rules?.[rule];
  if (custom) return custom(value);
  switch (rule) {
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? messages.impossibleDate(value) : messages.badDate(value);
    case "time":
      return typeof value === "string" && /^\d{1,2}[:.]\d{2}$/.test(value.trim()) ? messages.impossibleTime(value.trim()) : messages.badTime(value);
    case "presentFor":
      return messages.badPresentFor(value);
    case "address":
      return messages.badAddress(value);
    case "fileName":
      return messages.badFileName(value);
    case "url":
      return messages.badUrl(value);
    case "checksum":
      return messages.badChecksum(value);
    case "nonEmpty":
      return messages.emptyText;
    default:
      return messages.invalidValue(value);
  }
}

function expectedKind(expected: string | undefined): ExpectedKind {
  switch (expected) {
    case "array":
    case "tuple":
      return "array";
    case "object":
    case "record":
      return "object";
    case "number":
      return "number";
    case "int":
      return "int";
    case "boolean":
      return "boolean";
    default:
      return "string";
  }
}

function isTopLevelTypeMismatch(branch: readonly Issue[]): boolean {
  return branch.length === 1 && branch[0]?.code === "invalid_type" && branch[0].path.length === 0;
}
