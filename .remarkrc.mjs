// remark's configuration, read by the VS Code extension unifiedjs.vscode-remark (and remark-cli):
// it checks the head of every meeting file in content/ against the JSON Schema generated from the
// loader's own schema (npm run schema), so the editor marks a wrong field while you type.
// What this does and does not do: docs/vejledning.md#hjaelp-i-editoren. Tested in
// test/minutes/json-schema.test.ts.
import remarkFrontmatter from "remark-frontmatter";
import remarkLintFrontmatterSchema from "remark-lint-frontmatter-schema";

export default {
  plugins: [remarkFrontmatter, [remarkLintFrontmatterSchema, { schemas: { "./schema/front-matter.schema.json": ["content/**/*.md"] } }]],
};
