// Writes schema/front-matter.schema.json, the JSON Schema of a meeting file's head, from the zod
// schema the loader validates with (src/minutes/json-schema.ts). `npm run schema`; the test
// test/minutes/json-schema.test.ts fails when the committed file is out of date.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { frontMatterJsonSchemaText } from "../src/minutes/json-schema.ts";

const file = path.resolve(import.meta.dirname, "../schema/front-matter.schema.json");
await writeFile(file, frontMatterJsonSchemaText());
process.stdout.write(`Skrev ${path.relative(process.cwd(), file)}.\n`);
