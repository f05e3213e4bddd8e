// Collects problems for one YAML-bearing file, placing each at the key or value it concerns.
// Source positions are computed lazily, at the first problem: valid files never pay for them.
import type * as yaml from "js-yaml";
import type { Problem } from "../report/problem.ts";
import { YamlPositions, type YamlPath } from "./positions.ts";

/** `items[3].attachments[1].file`: positions in lists are counted from 1, as the secretary counts. */
export function formatField(path: YamlPath): string {
  let field = "";
  for (const part of path) {
    if (typeof part === "number") field += `[${part + 1}]`;
    else field += field === "" ? part : `.${part}`;
  }
  return field;
}

/** The path without list positions, e.g. `items.attachments.file`: for per-field tables. */
export function genericPath(path: YamlPath): string {
  return path.filter((part) => typeof part === "string").join(".");
}

/** Gathers the problems of one file. */
export class ProblemReporter {
  readonly problems: Problem[] = [];
  private positions: YamlPositions | undefined;

  constructor(
    /** The file as the user sees it. */
    readonly file: string,
    private readonly source = "",
    private readonly events: readonly yaml.Event[] = [],
    /** Lines in the file before `source` starts. */
    private readonly lineOffset = 0,
  ) {}

  private get located(): YamlPositions {
    this.positions ??= new YamlPositions(this.source, this.events, this.lineOffset);
    return this.positions;
  }

  /** A problem with the value at `path` (or its nearest ancestor, if missing). */
  atValue(path: YamlPath, message: string, field = formatField(path)): void {
    const { line, col } = this.events.length ? this.located.value(path) : { line: 1, col: 1 };
    this.problems.push({ file: this.file, line, col, field, message });
  }

  /** A problem with the key at `path`: unknown or misplaced fields. */
  atKey(path: YamlPath, message: string, field = formatField(path)): void {
    const { line, col } = this.events.length ? this.located.key(path) : { line: 1, col: 1 };
    this.problems.push({ file: this.file, line, col, field, message });
  }

  /** A problem at a known line and column. */
  atLine(line: number, col: number, field: string, message: string): void {
    this.problems.push({ file: this.file, line, col, field, message });
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }
}
