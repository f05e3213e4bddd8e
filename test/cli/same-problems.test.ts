// `referat check`, `referat build` and `referat serve` judge content with the same stages, so they
// report the same problems, in the same order, for the same broken archive: check prints them on
// stdout, build on stderr, serve on stderr and in the browser's overlay (its first build, and an
// update of one meeting).
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { register } from "tsx/esm/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServeSite } from "../../src/serve/site.ts";
import { FIXTURE_CONTENT, ROOT, tempDir } from "../build/helpers.ts";
import { referat } from "./referat.ts";

// Eleventy (serve's builds) imports the .11ty.tsx templates itself, with Node's loader: teach it TypeScript.
register();

const MEETING = "gladsaxe/udsatteraadet/2023/2023-09-06.md";
const OTHER = "gladsaxe/udsatteraadet/2022/2022-11-21.md";

type Edit = [file: string, change: (text: string) => string];

/** Broken archives: each a list of edits to a copy of the fixture content. */
const CASES: Record<string, Edit[]> = {
  // The file fails validation and holds a CPR number: both are reported (the guard reads rejected files too).
  "a broken meeting with a CPR number": [
    [
      MEETING,
      (text) =>
        text.replace("date: 2023-09-06", "date: 2023-09-31").replace("Dagsordenen blev godkendt.", "Dagsordenen blev godkendt. Borgeren 010190-1234 deltog."),
    ],
  ],
  "a valid meeting with a CPR number": [
    [MEETING, (text) => text.replace("Dagsordenen blev godkendt.", "Dagsordenen blev godkendt. Borgeren 010190-1234 deltog.")],
  ],
  "a broken meeting and a CPR number in another": [
    [MEETING, (text) => text.replace("kind: beslutning", "kind: besluting")],
    [OTHER, (text) => text.replace(/\n\n([^\n#-][^\n]*)\n/, "\n\n$1 Sagsnr. 150387-1122.\n")],
  ],
  "a broken portal.yaml": [["portal.yaml", () => "search:\n  merge:\n    - index: ftp://andet.dk/pagefind/\n"]],
};

/** A meeting whose text links to an address inside the site that no page has. */
const BROKEN_LINK: [Edit] = [
  [MEETING, (text) => text.replace("Dagsordenen blev godkendt.", "Dagsordenen blev godkendt. Se [det gamle referat](/gladsaxe/udsatteraadet/1999-01-01/).")],
];

let work: string;

beforeAll(async () => {
  work = await tempDir("same-problems");
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** A copy of the fixture content with the edits made; its path relative to the repository root (as the CLI is run from there). */
async function brokenArchive(name: string, edits: Edit[]): Promise<string> {
  const content = join(work, name.replaceAll(" ", "-"), "content");
  await cp(FIXTURE_CONTENT, content, { recursive: true });
  for (const [file, change] of edits) {
    const path = join(content, file);
    const before = await readFile(path, "utf8").catch(() => "");
    const after = change(before);
    expect(after, file).not.toBe(before);
    await writeFile(path, after);
  }
  return content;
}

/** The problem lines of a report (everything before the count line), with the count. */
function problemLines(text: string): string[] {
  const lines = text.split("\n");
  const count = lines.findIndex((line) => /^\d+ fejl fundet i \d+ fil(er)?\.$/.test(line));
  expect(count, text).toBeGreaterThan(0);
  return lines.slice(0, count + 1);
}

describe("check, build and serve report the same problems", () => {
  for (const [name, edits] of Object.entries(CASES)) {
    it(`for ${name}`, async () => {
      const content = await brokenArchive(name, edits);
      const arg = relative(ROOT, content);
      const checked = await referat(["check", "--content", arg]);
      expect(checked.code).toBe(1);
      const expected = problemLines(checked.stdout);

      const built = await referat(["build", "--content", arg, "--out", relative(ROOT, join(content, "..", "site"))]);
      expect(built.code).toBe(1);
      expect(problemLines(built.stderr)).toEqual(expected);

      // serve's first build: the same lines on stderr and for the browser, from the repository root as the CLI runs.
      const cwd = process.cwd();
      process.chdir(ROOT);
      let printed = "";
      try {
        const site = new ServeSite({
          contentDir: arg,
          outDir: relative(ROOT, join(content, "..", "served")),
          pathPrefix: "/",
          out: () => {},
          err: (text) => (printed += text),
        });
        expect(await site.fullBuild()).toBe(false);
        expect(site.problemLines).toEqual(expected);
        expect(problemLines(printed)).toEqual(expected);
      } finally {
        process.chdir(cwd);
      }
    });
  }

  it("for an update of one meeting that links to a page the site does not have", async () => {
    // The link check runs after rendering: `check` cannot see this; `build` and serve's update report it alike.
    const [[file, change]] = BROKEN_LINK;
    const content = await brokenArchive("link-update", []);
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      const arg = relative(ROOT, content);
      const site = new ServeSite({ contentDir: arg, outDir: relative(ROOT, join(content, "..", "served")), pathPrefix: "/", out: () => {}, err: () => {} });
      expect(await site.fullBuild()).toBe(true);
      const page = await readFile(join(content, "..", "served", "gladsaxe/udsatteraadet/2023-09-06/index.html"), "utf8");
      const path = join(content, file);
      await writeFile(path, change(await readFile(path, "utf8")));
      expect(await site.update([path])).toEqual({ kind: "failed", reload: false });
      // The last good page stays.
      expect(await readFile(join(content, "..", "served", "gladsaxe/udsatteraadet/2023-09-06/index.html"), "utf8")).toBe(page);
      const built = await referat(["build", "--content", arg, "--out", relative(ROOT, join(content, "..", "site"))]);
      expect(built.code).toBe(1);
      expect(site.problemLines).toEqual(problemLines(built.stderr));
      expect(site.problemLines).toHaveLength(2);
      // Fixed, the meeting is tried again and shows.
      await writeFile(path, (await readFile(path, "utf8")).replace("/1999-01-01/", "/2022-11-21/"));
      expect(await site.update([path])).toMatchObject({ kind: "pages", meetings: 1 });
      expect(await readFile(join(content, "..", "served", "gladsaxe/udsatteraadet/2023-09-06/index.html"), "utf8")).toContain("det gamle referat");
      await site.searchSettled();
    } finally {
      process.chdir(cwd);
    }
  });

  it("for an update of one meeting that breaks it and adds a CPR number", async () => {
    const content = await brokenArchive("update", []);
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      const arg = relative(ROOT, content);
      const site = new ServeSite({ contentDir: arg, outDir: relative(ROOT, join(content, "..", "served")), pathPrefix: "/", out: () => {}, err: () => {} });
      expect(await site.fullBuild()).toBe(true);
      const [[file, change]] = CASES["a broken meeting with a CPR number"] as [Edit];
      const path = join(content, file);
      await writeFile(path, change(await readFile(path, "utf8")));
      expect(await site.update([path])).toEqual({ kind: "failed", reload: false });
      const checked = await referat(["check", "--content", arg]);
      expect(site.problemLines).toEqual(problemLines(checked.stdout));
      await site.searchSettled();
    } finally {
      process.chdir(cwd);
    }
  });
});
