// The link check from what rendering recorded (src/trust/links/records.ts) against the check that
// reads and parses every page (the oracle): on real sites made by the build's own stages (the
// example archive, and a generated archive with broken links, anchors and attachments planted in
// meetings and a web team's page beside them), both report exactly the same problems, in the
// same words and at the same positions, for a cold build and for a warm one whose pages and
// records come from the render cache.
import { appendFile, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateArchive } from "../../scripts/bench/generate.ts";
import { runNodeScript } from "../build/helpers.ts";
import { formatProblem, type Problem } from "../../src/report/problem.ts";
import { decodeRecord, encodeRecord } from "../../src/trust/links/records.ts";
import { parsePageBytes } from "../../src/trust/links/page.ts";
import { ROOT, tempDir } from "./build-helpers.ts";

let work: string;

beforeAll(async () => {
  work = await tempDir("links-records");
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

interface Checked {
  recorded: Problem[];
  parsed: Problem[];
  pages: number;
  unrecorded: string[];
  rendered: number;
  reused: number;
  removed?: string;
}

/** Makes a site with the build's stages and checks its links both ways (test/trust/links-records-runner.mjs). */
async function makeAndCheck(options: {
  contentDir: string;
  siteDir: string;
  pathPrefix: string;
  cacheDir?: string;
  templates?: string;
  removeFirstPdf?: boolean;
  extraPage?: { file: string; html: string };
  store?: boolean;
}): Promise<Checked> {
  const result = await runNodeScript("test/trust/links-records-runner.mjs", [JSON.stringify({ ...options, cwd: work })]);
  const line = result.stdout.trim().split("\n").pop() ?? "";
  if (!line.startsWith("{")) throw new Error(`runner failed (${result.code}): ${result.stderr}`);
  return JSON.parse(line) as Checked;
}

/** The recorded check's problems, once they are asserted to be exactly the parsing check's. */
function agreed(checked: Checked): string[] {
  expect(checked.recorded.map(formatProblem)).toEqual(checked.parsed.map(formatProblem));
  expect(checked.recorded).toEqual(checked.parsed);
  return checked.recorded.map(formatProblem);
}

describe("a record", () => {
  it("gives back exactly what parsing the page gives", () => {
    const html =
      '<!doctype html><html lang="da"><head><base href="/b/"><link rel="stylesheet" href="/s.css"></head><body><a href="#x" id="x">x</a><a id="x"></a>' +
      '<section id="punkt-2"><h2>2</h2><a href="../a.pdf">a</a><img srcset="/1.png 1x, /2.png 2x" alt=""></section><a href="/æ/" name="n">æ</a></body></html>';
    const parsed = parsePageBytes(Buffer.from(html));
    expect(decodeRecord(encodeRecord(parsed))).toEqual(parsed);
  });

  it("is refused when it is not exactly a record", () => {
    expect(decodeRecord("{}")).toBeUndefined();
    expect(decodeRecord("not json")).toBeUndefined();
    expect(decodeRecord('{"v":1,"i":[],"d":[],"r":[["/a/",2,0]],"b":null}')).toBeUndefined();
    expect(decodeRecord('{"v":1,"i":[1],"d":[],"r":[],"b":null}')).toBeUndefined();
    expect(decodeRecord('{"v":1,"i":[],"d":[],"r":[],"b":null}')).toEqual({ ids: new Set(), duplicateIds: [], refs: [] });
  });
});

describe("the link check from rendering's records", () => {
  it("reports what the parsing check reports on the example archive, every page recorded", async () => {
    const checked = await makeAndCheck({ contentDir: path.join(ROOT, "content"), siteDir: path.join(work, "example", "site"), pathPrefix: "/referater/" });
    expect(checked.pages).toBeGreaterThan(10);
    expect(checked.unrecorded).toEqual([]);
    expect(agreed(checked)).toEqual([]);
  });

  it("reports the planted problems exactly as the parsing check does, cold and warm with the render cache", async () => {
    const contentDir = path.join(work, "generated", "content");
    generateArchive({ outDir: contentDir, meetings: 40, seed: 3, kommuner: 2 });
    // Broken links planted in meetings: to a meeting that does not exist, to a missing anchor in
    // another meeting and in the meeting itself, to an image that is not there.
    const files = (await readdir(contentDir, { recursive: true })).filter((f) => f.endsWith(".md")).sort();
    expect(files.length).toBeGreaterThan(10);
    const [first, second, third] = files.slice(0, 3).map((f) => path.join(contentDir, f)) as [string, string, string];
    const other = path.relative(path.dirname(second), first).split(path.sep).join("/");
    await appendFile(second, `\nSe [det forrige møde](${other}#punkt-99) og [et møde der ikke findes](../2001/2001-01-01.md).\n`);
    await appendFile(third, "\nSe [punkt 42](#punkt-42) og ![kortet](kort.png).\n");
    // A web team's page beside the project's, with a link to a page that is not there.
    const templates = path.join(work, "generated", "templates");
    await mkdir(templates, { recursive: true });
    await writeFile(
      path.join(templates, "om-arkivet.md"),
      '---\nlayout: side.11ty.tsx\ntitle: Om arkivet\n---\n\n# Om arkivet\n\nSe [forsiden]({{ "/" | url }}) og [den gamle side]({{ "/gammel-side/" | url }}).\n',
    );
    const cacheDir = path.join(work, "generated", "cache");
    // An attachment the site lacks (removed after it was copied) and a page written without a record.
    const planted = { pathPrefix: "/p/", cacheDir, templates, removeFirstPdf: true, store: true };

    const cold = await makeAndCheck({ ...planted, contentDir, siteDir: path.join(work, "generated", "cold") });
    expect(cold.unrecorded).toEqual([]);
    expect(cold.reused).toBe(0);
    const problems = agreed(cold);
    const joined = problems.join("\n");
    expect(joined).toContain("har intet anker #punkt-99");
    expect(joined).toContain("men siden selv har intet anker #punkt-42");
    expect(joined).toContain("linker til ../2001/2001-01-01.md, som ikke findes i det byggede site.");
    expect(joined).toContain("bruger filen kort.png, som ikke findes i det byggede site.");
    expect(joined).toContain("linker til /p/gammel-side/, som ikke findes i det byggede site.");
    expect(cold.removed).toBeDefined();
    expect(joined).toContain(`${(cold.removed as string).split("/").pop()}, som ikke findes i det byggede site.`);

    // Warm: the pages and their records from the render cache, one meeting changed (rendered again).
    await appendFile(first, "\nEn ny linje.\n");
    const warm = await makeAndCheck({ ...planted, contentDir, siteDir: path.join(work, "generated", "warm") });
    expect(warm.unrecorded).toEqual([]);
    expect(warm.rendered).toBeGreaterThan(0);
    expect(warm.reused).toBeGreaterThan(files.length - 5);
    expect(agreed(warm)).toEqual(problems);
  });

  it("reads a page that has no record, and reports its problems as the parsing check does", async () => {
    const checked = await makeAndCheck({
      contentDir: path.join(ROOT, "content"),
      siteDir: path.join(work, "unrecorded", "site"),
      pathPrefix: "/",
      extraPage: { file: "ekstra.html", html: '<!doctype html><html lang="da"><head><title>x</title></head><body><a href="/mangler/">x</a></body></html>' },
    });
    expect(checked.unrecorded).toEqual(["ekstra.html"]);
    expect(agreed(checked)).toEqual([
      "/ekstra.html:1:1: link: Siden /ekstra.html linker til /mangler/, som ikke findes i det byggede site. Ret adressen, eller fjern linket.",
    ]);
  });
});
