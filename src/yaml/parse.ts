// Safe YAML for content files: js-yaml 5, CORE schema (dates and times stay strings), and no
// anchors, aliases or tags. js-yaml expands aliases without limit, so a few hundred bytes can grow
// into hundreds of megabytes; we reject them from the event stream, before any value is built.
// The events are kept so that source positions can be computed later, only when a problem needs one.
import * as yaml from "js-yaml";

/** Where in the YAML source something is: 0-based offset. */
export interface YamlFailure {
  kind: "syntax" | "anchor" | "alias" | "tag";
  /** 0-based offset into the source. */
  offset: number;
  /** js-yaml's English reason (syntax) or the anchor, alias or tag text. */
  detail: string;
}

export type YamlParseResult = { ok: true; value: unknown; events: yaml.Event[] } | { ok: false; failure: YamlFailure };

/** Parses one YAML document without anchors, aliases or tags. Never throws for bad YAML. */
export function parseYaml(source: string): YamlParseResult {
  let events: yaml.Event[];
  try {
    events = yaml.parseEvents(source, { maxDepth: 50 });
  } catch (error) {
    return { ok: false, failure: syntaxFailure(error) };
  }
  const unsafe = findUnsafeEvent(source, events);
  if (unsafe) return { ok: false, failure: unsafe };
  try {
    const documents = yaml.constructFromEvents(events, { source, schema: yaml.CORE_SCHEMA, maxAliases: 0 });
    return { ok: true, value: documents[0] ?? null, events };
  } catch (error) {
    return { ok: false, failure: syntaxFailure(error) };
  }
}

function syntaxFailure(error: unknown): YamlFailure {
  if (error instanceof yaml.YAMLException) {
    return { kind: "syntax", offset: error.mark?.position ?? 0, detail: error.reason };
  }
  return { kind: "syntax", offset: 0, detail: error instanceof Error ? error.message : String(error) };
}

/** The first anchor (`&a`), alias (`*a`) or explicit tag (`!x`) in the events, if any. */
function findUnsafeEvent(source: string, events: readonly yaml.Event[]): YamlFailure | undefined {
  for (const event of events) {
    if (event.type === yaml.EVENT_ID.ALIAS) {
      return { kind: "alias", offset: event.anchorStart - 1, detail: source.slice(event.anchorStart - 1, event.anchorEnd) };
    }
    if (event.type === yaml.EVENT_ID.DOCUMENT || event.type === yaml.EVENT_ID.POP) continue;
    if (event.anchorStart !== -1) {
      return { kind: "anchor", offset: event.anchorStart - 1, detail: source.slice(event.anchorStart - 1, event.anchorEnd) };
    }
    if (event.tagStart !== -1) {
      return { kind: "tag", offset: event.tagStart, detail: source.slice(event.tagStart, event.tagEnd) };
    }
  }
  return undefined;
}
