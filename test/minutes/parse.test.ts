import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem, sortProblems } from "../../src/report/problem.ts";
import { splitFrontMatter, splitSections } from "../../src/minutes/parse.ts";
import { validateMeetingText, type MeetingContext } from "../../src/minutes/validate.ts";
import { renderMarkdown } from "../../src/render/markdown.ts";

const CORPUS = path.resolve(import.meta.dirname, "../fixtures/minutes/closed-leak");
const CANARY = "KANARIE-LUKKET";

function context(name: string): MeetingContext {
  return {
    file: `test/fixtures/minutes/closed-leak/${name}`,
    absolutePath: path.join(CORPUS, name),
    sourcePath: `eksempelby/udsatteraadet/2023/${name}`,
    kommune: "eksempelby",
    raad: "udsatteraadet",
    slug: "2023-09-06",
    year: "2023",
    councilName: "Udsatterådet",
    attachmentDir: path.join(CORPUS, "2023-09-06"),
  };
}

const CLOSED_BODY = (line: number) =>
  `<fil>:${line}:1: ## Personsag: punkt 2 'Personsag' er lukket, så afsnittet skal være tomt; fjern teksten fra filen (indholdet kan være offentligt), og skriv en eventuel offentlig beslutning i public_decision`;
const EXTRA = (line: number) =>
  `<fil>:${line}:1: ## Personsag: afsnittet '## Personsag' svarer ikke til noget punkt i filens hoved; tilføj punktet under items, eller ret overskriften`;
const NESTED = (line: number, col: number, section: string) =>
  `<fil>:${line}:${col}: ## ${section}: en ##-overskrift inde i en liste eller et citat er ikke tilladt: ## begynder et punkt og skal stå først på linjen; brug ### for en underoverskrift`;

// Bodies where a splitter of its own and the renderer disagree about where the closed item
// 'Personsag' begins, each with the canary written where a reader sees the closed item's text.
// What `referat check` says for each: the closed item's section as the page renders it.
const MISSING_LAST = "<fil>:14:12: items[3].title: punkt 3 'Eventuelt' har intet afsnit; tilføj '## Eventuelt' i referatet";

const LEAKS: [string, string[]][] = [
  // The fence reopened after the closed text runs to the end: the rest is the closed item's too.
  ["list-fence.md", [MISSING_LAST, CLOSED_BODY(24)]],
  ["quote-fence.md", [MISSING_LAST, CLOSED_BODY(23)]],
  ["setext-heading.md", [CLOSED_BODY(24), EXTRA(26)]],
  ["lone-cr.md", [CLOSED_BODY(23), EXTRA(25)]],
  ["quote-heading.md", [NESTED(21, 3, "Godkendelse af dagsorden")]],
  ["list-heading.md", [NESTED(19, 3, "Godkendelse af dagsorden")]],
  ["reference-definition.md", [CLOSED_BODY(23)]],
  ["open-fence-in-closed.md", [MISSING_LAST, CLOSED_BODY(22)]],
];

function problemsOf(name: string): { lines: string[]; text: string } {
  const text = readFileSync(path.join(CORPUS, name), "utf8");
  const result = validateMeetingText(text, context(name));
  return { lines: sortProblems(result.problems).map((problem) => formatProblem({ ...problem, file: "<fil>" })), text };
}

describe("splitSections: the sections are the renderer's own", () => {
  it("has a case for every file of the corpus", () => {
    const names = readdirSync(CORPUS)
      .filter((name) => name.endsWith(".md"))
      .sort();
    expect(names).toEqual([...LEAKS.map(([name]) => name), "heading-variants.md", "list-fence-closed.md"].sort());
  });

  it.each(LEAKS)("refuses %s, naming the closed item's text where the page renders it", (name, expected) => {
    expect(problemsOf(name).lines).toEqual(expected);
  });

  // Where the renderer sees the closed heading, the open items' sections as the page renders them
  // hold none of its text, whatever else check says. (A `##` inside a quote or a list is an open
  // item's text on the page too: that is refused above instead.)
  const RENDERED_CLOSED = LEAKS.filter(([name]) => !["quote-heading.md", "list-heading.md"].includes(name));
  it.each(RENDERED_CLOSED)("renders no open section of %s with the closed item's text in it", (name) => {
    const { text } = problemsOf(name);
    const split = splitFrontMatter(text);
    const { sections } = splitSections(split.body, split.bodyLine);
    const open = sections.filter((section) => section.heading !== "Personsag");
    expect(open.length).toBeGreaterThan(0);
    for (const section of open) expect(renderMarkdown(section.body)).not.toContain(CANARY);
  });

  it("accepts a fence inside a list that closes there, its `## ` line being code on the page", () => {
    const name = "list-fence-closed.md";
    const text = readFileSync(path.join(CORPUS, name), "utf8");
    const result = validateMeetingText(text, context(name));
    expect(result.problems).toEqual([]);
    const [first, closed, last] = result.meeting!.items;
    expect(renderMarkdown(first!.body)).toBe(
      '<ul>\n<li>\n<p>Forvaltningen viste et eksempel:</p>\n<pre><code class="language-markdown">## Personsag\n</code></pre>\n</li>\n</ul>\n',
    );
    expect([first!.line, closed!.line, last!.line]).toEqual([17, 25, 27]);
  });

  it("reads closing hashes, an indented heading and an indented code block as the renderer does", () => {
    const name = "heading-variants.md";
    const text = readFileSync(path.join(CORPUS, name), "utf8");
    const split = splitFrontMatter(text);
    const { sections, issues } = splitSections(split.body, split.bodyLine);
    expect(issues).toEqual([]);
    expect(sections).toEqual([
      { heading: "Godkendelse af dagsorden", line: 17, body: "Dagsordenen blev godkendt.\n\n    ## Personsag (kode, ikke en overskrift)", bodyLine: 19 },
      { heading: "Personsag", line: 23, body: "" },
      { heading: "Eventuelt", line: 25, body: "Intet.", bodyLine: 27 },
    ]);
  });

  it("counts a setext level-one heading and one in a quote as level-one headings", () => {
    const { issues } = splitSections("## A\n\nTitel\n=====\n\n> # Citat\n", 10);
    expect(issues).toEqual([
      { kind: "levelOneHeading", line: 12, col: 1 },
      { kind: "levelOneHeading", line: 15, col: 3 },
    ]);
  });
});

describe("splitSections: a section renders on its own as it does in place", () => {
  it("keeps the first line's indentation, so an indented `## ` stays code", () => {
    const { sections } = splitSections("## A\n\n    ## B (kode)\n\n## B\n", 1);
    expect(sections[0]).toEqual({ heading: "A", line: 1, body: "    ## B (kode)", bodyLine: 3 });
    expect(renderMarkdown(sections[0]!.body)).toBe("<pre><code>## B (kode)\n</code></pre>\n");
  });
});
