// Adds a council to kommune.yaml by inserting two lines of text under `councils:`, so that the
// secretary's comments, order and spelling stay exactly as written (re-dumping the YAML would lose
// them). Pure: src/cli/new.ts reads the file, checks the result with the validator and writes it.
import { yamlScalar } from "../minutes/template.ts";

/** The lines that declare a council, indented as the file's other councils. */
export function councilLines(slug: string, name: string, indent = "  "): string[] {
  return [`${indent}${slug}:`, `${indent}${indent}name: ${yamlScalar(name)}`];
}

/**
 * kommune.yaml's text with the council added at the end of its `councils:` block, or undefined
 * when the file has no block-style `councils:` to add to (the caller then shows the lines to add).
 */
export function addCouncil(source: string, slug: string, name: string): string | undefined {
  const eol = source.includes("\r\n") ? "\r\n" : "\n";
  const lines = source.split(/\r?\n/);
  const start = lines.findIndex((line) => /^councils:[ \t]*(#.*)?$/.test(line));
  if (start === -1) return undefined;
  // The block runs over indented, blank and comment lines up to the next top-level key.
  let last = start;
  let indent: string | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "") continue;
    if (!/^[ \t]/.test(line)) break;
    last = i;
    if (indent === undefined && !/^\s*#/.test(line)) indent = /^[ ]*/.exec(line)?.[0];
  }
  const added = councilLines(slug, name, indent || "  ");
  lines.splice(last + 1, 0, ...added);
  const text = lines.join(eol);
  return text.endsWith(eol) ? text : `${text}${eol}`;
}
