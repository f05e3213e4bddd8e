import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayPath } from "../../src/report/display-path.ts";
import { formatProblem } from "../../src/report/problem.ts";
import { loadArchive } from "../../src/content/load.ts";
import { readPortal, validatePortal } from "../../src/content/portal.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "referat-portal-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function withPortal(yaml: string | undefined): Promise<string> {
  const folder = await mkdtemp(join(dir, "c-"));
  if (yaml !== undefined) await writeFile(join(folder, "portal.yaml"), yaml);
  return folder;
}

/** What the loader makes of a content folder's portal.yaml: the archive's `portal`, and the problems. */
async function loaded(folder: string) {
  const { archive, problems } = await loadArchive(folder);
  return { portal: archive.portal, problems: problems.map(formatProblem) };
}

describe("readPortal, and the archive's portal from the loader", () => {
  it("reads the other sites' indexes from portal.yaml into the archive", async () => {
    const folder = await withPortal(
      "search:\n  merge:\n    - name: Aarhus Kommune\n      index: https://referater.aarhus.dk/aarhus/pagefind/\n      site: https://referater.aarhus.dk/\n",
    );
    const merge = [{ name: "Aarhus Kommune", bundlePath: "https://referater.aarhus.dk/aarhus/pagefind/", baseUrl: "https://referater.aarhus.dk/" }];
    expect(await readPortal(folder)).toEqual({ indexes: merge, problems: [] });
    expect(await loaded(folder)).toEqual({ portal: { merge }, problems: [] });
  });

  it("reads the parts of another site's split index as one index each", async () => {
    const folder = await withPortal(
      "search:\n  merge:\n    - name: Aarhus Kommune\n      index:\n        - https://x.dk/aarhus/pagefind/\n        - https://x.dk/aarhus/pagefind-1/\n      site: https://x.dk/\n",
    );
    expect((await readPortal(folder)).indexes).toEqual([
      { name: "Aarhus Kommune", bundlePath: "https://x.dk/aarhus/pagefind/", baseUrl: "https://x.dk/" },
      { name: "Aarhus Kommune", bundlePath: "https://x.dk/aarhus/pagefind-1/", baseUrl: "https://x.dk/" },
    ]);
  });

  it("merges nothing without portal.yaml or without search.merge: the archive has no portal", async () => {
    for (const folder of [await withPortal(undefined), await withPortal("search: {}\n")]) {
      expect(await readPortal(folder)).toEqual({ indexes: [], problems: [] });
      expect(await loaded(folder)).toEqual({ portal: undefined, problems: [] });
    }
  });

  it("gives the problems in Danish, each at its line, column and field, and the archive no portal", async () => {
    const folder = await withPortal("search:\n  merge:\n    - name: Aarhus Kommune\n      index: aarhus/pagefind\n      site: https://x.dk/\n");
    const problem = `${displayPath(join(folder, "portal.yaml"))}:4:14: search.merge[1].index: skal være adressen på søgeindekset, fx "https://referater.aarhus.dk/aarhus/pagefind/", eller en liste af adresser på dets dele, men er "aarhus/pagefind"`;
    expect((await readPortal(folder)).problems.map(formatProblem)).toEqual([problem]);
    expect(await loaded(folder)).toEqual({ portal: undefined, problems: [problem] });
  });
});

const problems = (yaml: string) => validatePortal(yaml, "<fil>").problems.map(formatProblem);
const INDEX = (line: number, col: number, found: string, field = "search.merge[1].index") =>
  `<fil>:${line}:${col}: ${field}: skal være adressen på søgeindekset, fx "https://referater.aarhus.dk/aarhus/pagefind/", eller en liste af adresser på dets dele, men er ${found}`;

describe("validatePortal", () => {
  it.each([
    ["/\\\\evil.example/pagefind/", '"/\\\\evil.example/pagefind/"'],
    ["//evil.example/pagefind/", '"//evil.example/pagefind/"'],
    ["/%2F%2Fevil.example/pagefind/", '"/%2F%2Fevil.example/pagefind/"'],
    ["/%252F%252Fevil.example/pagefind/", '"/%252F%252Fevil.example/pagefind/"'],
    ["https:/\\\\evil.example/pagefind/", '"https:/\\\\evil.example/pagefind/"'],
    ["https://user@evil.example/pagefind/", '"https://user@evil.example/pagefind/"'],
    ["javascript:alert(1)//", '"javascript:alert(1)//"'],
    ["/pagefind/\u200b", '"/pagefind/\u200b"'],
  ])("refuses the index address %s, which leaves the site or hides something", (address, found) => {
    const yaml = `search:\n  merge:\n    - name: X\n      index: ${JSON.stringify(address)}\n      site: https://x.dk/\n`;
    expect(problems(yaml)).toEqual([INDEX(4, 14, found)]);
  });

  it("accepts addresses on this site and http(s) addresses of other hosts", () => {
    const yaml = "search:\n  merge:\n    - name: X\n      index: [/x/pagefind/, https://x.dk/a/pagefind/, http://localhost:8081/a/pagefind/]\n      site: /\n";
    expect(validatePortal(yaml, "<fil>")).toEqual({
      indexes: [
        { name: "X", bundlePath: "/x/pagefind/", baseUrl: "/" },
        { name: "X", bundlePath: "https://x.dk/a/pagefind/", baseUrl: "/" },
        { name: "X", bundlePath: "http://localhost:8081/a/pagefind/", baseUrl: "/" },
      ],
      problems: [],
    });
  });

  it("places each problem at its key or value, list positions counted from 1", () => {
    expect(
      problems(
        "search:\n  merge:\n    - name: Aarhus Kommune\n      index: [https://x.dk/aarhus/pagefind/, aarhus/pagefind-1]\n      site: //x.dk/\n    - navn: X\n",
      ),
    ).toEqual([
      INDEX(4, 46, '"aarhus/pagefind-1"'),
      '<fil>:5:13: search.merge[1].site: skal være adressen på sitets forside, fx "https://referater.aarhus.dk/", men er "//x.dk/"',
      "<fil>:6:7: search.merge[2].navn: ukendt felt 'navn'; tilladte felter: name, index, site",
      '<fil>:6:7: search.merge[2].name: skal være kommunens navn, fx "Aarhus Kommune"',
      INDEX(6, 7, "tom", "search.merge[2].index"),
      '<fil>:6:7: search.merge[2].site: skal være adressen på sitets forside, fx "https://referater.aarhus.dk/", men er tom',
    ]);
    expect(problems("search:\n  merge:\n    - name: X\n      index: []\n      site: https://x.dk/\n")).toEqual([INDEX(4, 14, "[]")]);
    expect(problems("search:\n  merge: ja\n")).toEqual(["<fil>:2:10: search.merge: skal være en liste af indeks"]);
    expect(problems("search:\n  merge: [\n")).toEqual(["<fil>:3:1: yaml: YAML-fejl: for lidt indrykning, eller en liste eller et citat er ikke lukket"]);
  });
});
