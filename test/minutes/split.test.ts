// splitFrontMatter replaced gray-matter with the same few rules: it must split every file as
// gray-matter did with our options (front matter text, body, whether the YAML was parsed at all).
import matter from "gray-matter";
import { describe, expect, it } from "vitest";
import { splitFrontMatter } from "../../src/minutes/parse.ts";

/** What the old splitFrontMatter computed through gray-matter. */
function reference(text: string) {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const hasFrontMatter = /^---[ \t]*\r?\n/.test(source);
  const closed = hasFrontMatter && /\r?\n---[ \t]*(\r?\n|$)/.test(source.slice(3));
  let parsedSource: string | undefined;
  const result = matter(source, {
    engines: {
      yaml: {
        parse: (frontMatter: string): object => {
          parsedSource = frontMatter;
          return {};
        },
      },
    },
  });
  const body = hasFrontMatter && closed ? result.content : hasFrontMatter ? "" : source;
  const prefix = source.slice(0, source.length - body.length);
  return {
    hasFrontMatter,
    closed,
    frontMatter: hasFrontMatter ? (result.matter ?? "") : "",
    parsed: hasFrontMatter ? parsedSource : undefined,
    body,
    bodyLine: prefix.split("\n").length,
  };
}

const CASES = [
  "---\ndate: 2024-01-01\n---\n\n## A\n\ntekst\n",
  "---\r\ndate: 2024-01-01\r\n---\r\n\r\n## A\r\n",
  "\uFEFF---\ndate: 2024-01-01\n---\n## A\n",
  "---   \ndate: x\n---  \nbody",
  "---\ndate: x\n---x\nmore: 1\n---\nbody",
  "---\ndate: x\n----\nbody",
  "---\n---\nbody",
  "---\n# bare kommentar\n  # og en til\n---\nbody",
  "---\n\n\n---\nbody",
  "---\ndate: x\n",
  "---\ndate: x\n---",
  "---\ndate: x\n---\r\n\r\nbody",
  "---\ndate: x\n---\n\n\nbody",
  "ingen forside\n## A\n",
  "",
  "----\ndate: x\n---\n",
  "--- yaml\ndate: x\n---\n",
  "---\ndate: '---'\n  ---\n---\nbody\n---\nmere",
];

describe("splitFrontMatter", () => {
  it.each(CASES.map((text) => [JSON.stringify(text), text]))("splits %s as gray-matter did", (_name, text) => {
    const split = splitFrontMatter(text, "x.md");
    const expected = reference(text);
    expect({
      hasFrontMatter: split.hasFrontMatter,
      closed: split.closed,
      frontMatter: split.frontMatter,
      parsed: split.data === undefined && !split.yamlFailure && split.events.length === 0 ? undefined : split.frontMatter,
      body: split.body,
      bodyLine: split.bodyLine,
    }).toEqual(expected);
  });
});
