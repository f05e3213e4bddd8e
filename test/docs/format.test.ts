// docs/format.md is the content format's reference: every field the schemas accept is documented
// there, so a field added to a schema without its documentation fails here.
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { describe, expect, it } from "vitest";
import { kommuneSchema } from "../../src/kommune/schema.ts";
import { frontMatterSchema } from "../../src/minutes/schema.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every object key a schema accepts, at any depth (through optional, union, list, map and pipe). */
function keysOf(schema: z.ZodType): Set<string> {
  const keys = new Set<string>();
  const walk = (node: z.ZodType): void => {
    const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
    switch (def.type) {
      case "object":
        for (const [key, value] of Object.entries(def.shape as Record<string, z.ZodType>)) {
          keys.add(key);
          walk(value);
        }
        break;
      case "optional":
      case "nullable":
        walk(def.innerType as z.ZodType);
        break;
      case "union":
        for (const option of def.options as z.ZodType[]) walk(option);
        break;
      case "array":
        walk(def.element as z.ZodType);
        break;
      case "record":
        walk(def.valueType as z.ZodType);
        break;
      case "pipe":
        walk(def.in as z.ZodType);
        break;
    }
  };
  walk(schema);
  return keys;
}

describe("docs/format.md", () => {
  it("names every field of a meeting file's head in a table", async () => {
    const text = await readFile(path.join(ROOT, "docs/format.md"), "utf8");
    const keys = [...keysOf(frontMatterSchema)];
    expect(keys).toEqual(expect.arrayContaining(["date", "items", "present_for", "substitute", "published", "checksum", "cpr_allow"]));
    const missing = keys.filter((key) => !new RegExp(`^\\| [^|\\n]*\`([\\w.\\[\\]]*\\.)?${key}\``, "m").test(text));
    expect(missing).toEqual([]);
  });

  it("names every field of kommune.yaml in a table", async () => {
    const text = await readFile(path.join(ROOT, "docs/format.md"), "utf8");
    const keys = [...keysOf(kommuneSchema)];
    expect(keys).toEqual(expect.arrayContaining(["name", "look", "colour", "councils", "attendance", "cvr", "review"]));
    const missing = keys.filter((key) => !new RegExp(`^\\| [^|\\n]*\`([\\w.<>\\[\\]]*\\.)?${key}\``, "m").test(text));
    expect(missing).toEqual([]);
  });

  it("is linked from the README", async () => {
    expect(await readFile(path.join(ROOT, "README.md"), "utf8")).toContain("(docs/format.md)");
  });
});
