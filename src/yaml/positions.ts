// Source positions for YAML paths, computed from js-yaml's event stream. Only built when there is
// a problem to report, so the happy path parses each file once and never walks it twice.
import * as yaml from "js-yaml";

export type YamlPath = readonly (string | number)[];

/** 1-based line and column. */
export interface Position {
  line: number;
  col: number;
}

interface NodeSpan {
  /** Offset of the node's key in its parent mapping, if it has one. */
  key?: number;
  /** Offset where the node's value starts. */
  value: number;
}

/** Converts 0-based offsets of a text into 1-based line and column. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(
    text: string,
    private readonly lineOffset = 0,
  ) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.starts.push(i + 1);
  }
  /** The position of `offset`, shifted by the number of lines before the text in its file. */
  position(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1 + this.lineOffset, col: offset - (this.starts[low] ?? 0) + 1 };
  }
}

function startOf(event: yaml.Event): number {
  switch (event.type) {
    case yaml.EVENT_ID.SCALAR:
      // Quoted scalars: point at the opening quote, as the writer sees it.
      return event.style === yaml.SCALAR_STYLE.SINGLE_QUOTED || event.style === yaml.SCALAR_STYLE.DOUBLE_QUOTED ? event.valueStart - 1 : event.valueStart;
    case yaml.EVENT_ID.MAPPING:
    case yaml.EVENT_ID.SEQUENCE:
      return event.start;
    case yaml.EVENT_ID.ALIAS:
      return event.anchorStart - 1;
    default:
      return 0;
  }
}

/** Maps YAML paths (`["items", 2, "kind"]`) to where their key and value start in the source. */
export class YamlPositions {
  private readonly spans = new Map<string, NodeSpan>();
  private readonly index: LineIndex;

  constructor(source: string, events: readonly yaml.Event[], lineOffset = 0) {
    this.index = new LineIndex(source, lineOffset);
    this.walk(source, events);
  }

  private walk(source: string, events: readonly yaml.Event[]): void {
    type Frame = { kind: "map" | "seq"; path: string; count: number; pendingKey?: { name: string; offset: number } | undefined };
    const stack: Frame[] = [];
    const record = (event: yaml.Event): string | undefined => {
      const parent = stack[stack.length - 1];
      if (!parent) {
        this.spans.set("", { value: startOf(event) });
        return "";
      }
      if (parent.kind === "seq") {
        const path = join(parent.path, parent.count++);
        this.spans.set(path, { value: Math.max(0, startOf(event)) });
        return path;
      }
      if (!parent.pendingKey) {
        // A key. Only scalar keys name fields; complex keys are recorded under their text.
        const name = event.type === yaml.EVENT_ID.SCALAR ? yaml.getScalarValue(source, event) : "?";
        parent.pendingKey = { name, offset: startOf(event) };
        return undefined;
      }
      const path = join(parent.path, parent.pendingKey.name);
      // An empty value (`attendees:` and nothing) has no offset of its own: point at its key.
      const value = startOf(event);
      this.spans.set(path, { key: parent.pendingKey.offset, value: value < 0 ? parent.pendingKey.offset : value });
      parent.pendingKey = undefined;
      return path;
    };
    for (const event of events) {
      switch (event.type) {
        case yaml.EVENT_ID.DOCUMENT:
          break;
        case yaml.EVENT_ID.SCALAR:
        case yaml.EVENT_ID.ALIAS:
          record(event);
          break;
        case yaml.EVENT_ID.MAPPING:
        case yaml.EVENT_ID.SEQUENCE: {
          const parent = stack[stack.length - 1];
          const isKey = parent?.kind === "map" && !parent.pendingKey;
          const path = record(event);
          // A collection used as a key has no path of its own: track it under a throwaway name.
          stack.push({ kind: event.type === yaml.EVENT_ID.MAPPING ? "map" : "seq", path: isKey ? "\0" : (path ?? "\0"), count: 0 });
          break;
        }
        case yaml.EVENT_ID.POP:
          stack.pop();
          break;
      }
    }
  }

  /** Where the value at `path` starts; for a missing path, its nearest existing ancestor. */
  value(path: YamlPath): Position {
    return this.index.position(this.find(path, "value"));
  }

  /** Where the key of `path` starts (its value for sequence entries); nearest ancestor if missing. */
  key(path: YamlPath): Position {
    return this.index.position(this.find(path, "key"));
  }

  private find(path: YamlPath, part: "key" | "value"): number {
    for (let length = path.length; length >= 0; length--) {
      const span = this.spans.get(pathKey(path.slice(0, length)));
      if (!span) continue;
      // The value itself when asked for it; otherwise the key, which names the field in the source.
      return length === path.length && part === "value" ? span.value : (span.key ?? span.value);
    }
    return 0;
  }
}

function join(parent: string, part: string | number): string {
  return parent === "" ? String(part) : `${parent}\u0001${part}`;
}

function pathKey(path: YamlPath): string {
  return path.map(String).join("\u0001");
}
