// The editor's JSON Schema: generated from the loader's zod schema, committed, and as strict as
// the loader where JSON Schema can say it. Also the VS Code route the guide documents: remark with
// the repository's .remarkrc.mjs, run here exactly as the unifiedjs.vscode-remark extension runs it.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv } from "ajv";
import { remark } from "remark";
import { VFile } from "vfile";
import { describe, expect, it } from "vitest";
import { FIELD_DESCRIPTIONS, frontMatterJsonSchema, frontMatterJsonSchemaText } from "../../src/minutes/json-schema.ts";
import { splitFrontMatter } from "../../src/minutes/parse.ts";
import { KNOWN_KEYS } from "../../src/minutes/schema.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** The repository's remark configuration, as the editor extension loads it. */
const remarkConfig = ((await import(pathToFileURL(path.join(ROOT, ".remarkrc.mjs")).href)) as { default: { plugins: never[] } }).default;
const FIXTURES = path.join(ROOT, "test/fixtures/minutes");

async function meetingFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

async function head(file: string): Promise<unknown> {
  return splitFrontMatter(await readFile(file, "utf8")).data;
}

const validate = new Ajv({ allErrors: true, strict: false }).compile(frontMatterJsonSchema());

/** ajv's complaints about a head, as `path keyword` pairs. */
function complaints(data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.keyword}`);
}

describe("the front matter's JSON Schema", () => {
  it("is committed as schema/front-matter.schema.json exactly as generated (npm run schema)", async () => {
    expect(await readFile(path.join(ROOT, "schema/front-matter.schema.json"), "utf8")).toBe(frontMatterJsonSchemaText());
  });

  it("accepts the head of every meeting in content/ and of the valid fixtures", async () => {
    const files = [
      ...(await meetingFiles(path.join(ROOT, "content"))),
      ...["valid.md", "every-field.md", "time-as-printed.md", "draft-review.md"].map((name) => path.join(FIXTURES, name)),
    ];
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(complaints(await head(file)), path.relative(ROOT, file)).toEqual([]);
  });

  it("rejects an unknown field, a wrong kind, a missing date, a time that is not one and a file name with a folder", async () => {
    expect(complaints(await head(path.join(FIXTURES, "unknown-key.md")))).toEqual(["/ required", "/ additionalProperties"]);
    expect(complaints(await head(path.join(FIXTURES, "kind-typo.md")))).toEqual(["/items/1/kind enum"]);
    expect(complaints(await head(path.join(FIXTURES, "missing-date.md")))).toEqual(["/ required"]);
    expect(complaints(await head(path.join(FIXTURES, "bad-time-format.md")))).toEqual(["/end pattern"]);
    expect(complaints(await head(path.join(FIXTURES, "attachment-path.md")))).toEqual([
      "/items/1/attachments/0/file pattern",
      "/items/1/attachments type",
      "/items/1/attachments anyOf",
    ]);
    expect(complaints(await head(path.join(FIXTURES, "items-empty.md")))).toEqual(["/items minItems"]);
  });

  it("describes every field of the head in Danish", () => {
    const schema = frontMatterJsonSchema() as { description?: string; properties: Record<string, { description?: string }> };
    expect(schema.description).toBe(FIELD_DESCRIPTIONS[""]);
    for (const key of KNOWN_KEYS[""]!) expect(schema.properties[key]?.description, key).toBe(FIELD_DESCRIPTIONS[key]);
    const item = JSON.stringify(schema.properties.items);
    for (const key of KNOWN_KEYS.items!) expect(item, key).toContain(JSON.stringify(FIELD_DESCRIPTIONS[`items.${key}`]));
  });
});

describe("editor validation through remark (.remarkrc.mjs)", () => {
  /** The messages the VS Code remark extension shows for `text` saved at `relative`. */
  async function remarkMessages(relative: string, text: string): Promise<string[]> {
    const file = new VFile({ path: relative, cwd: ROOT, value: text });
    await remark().use(remarkConfig).process(file);
    return file.messages.map((message) => `${message.line ?? "?"}:${message.column ?? "?"} ${message.reason.split(" • ")[0]}`);
  }

  it("finds nothing to mark in the meetings of content/", async () => {
    for (const file of await meetingFiles(path.join(ROOT, "content"))) {
      expect(await remarkMessages(path.relative(ROOT, file), await readFile(file, "utf8")), file).toEqual([]);
    }
  });

  it("marks a misspelt kind at its line in a meeting file under content/", async () => {
    const text = await readFile(path.join(FIXTURES, "kind-typo.md"), "utf8");
    const line = text.split("\n").findIndex((row) => row.includes("kind: droftelse")) + 1;
    expect(await remarkMessages("content/eksempelby/udsatteraadet/2023/2023-09-06.md", text)).toEqual([
      `${line}:11 Must be equal to one of the allowed values: \`beslutning\`, \`orientering\`, \`drøftelse\`, \`\``,
    ]);
  });

  it("leaves Markdown outside content/ alone", async () => {
    expect(await remarkMessages("docs/x.md", await readFile(path.join(FIXTURES, "kind-typo.md"), "utf8"))).toEqual([]);
  });
});
