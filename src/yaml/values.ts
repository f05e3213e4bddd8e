// Reading parsed YAML defensively, and building typed values from it. Shared by every kind of
// YAML-bearing file, so that rules can look at raw data even when the schema has failed elsewhere.
import type { YamlPath } from "./positions.ts";

/** The raw value at `path`, or undefined. */
export function getAt(raw: unknown, path: YamlPath): unknown {
  let value: unknown = raw;
  for (const part of path) {
    if (Array.isArray(value) && typeof part === "number") value = value[part];
    else if (isRecord(value) && typeof part === "string" && Object.hasOwn(value, part)) value = value[part];
    else return undefined;
  }
  return value;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Drops keys whose value is undefined, so optional fields are absent rather than present-and-empty. */
type StripUndefined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};
export function stripUndefined<T extends object>(value: T): StripUndefined<T> {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}
