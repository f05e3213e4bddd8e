// `--out` may only name a folder of its own for the built site (src/build/out-dir.ts): never the
// content, the project's sources, the working tree's top level, the home folder or `/`, nor a
// folder that holds or lies in one of them. `referat build` refuses it with exit 2 and touches nothing.
import { mkdir, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outDirProblem, PROJECT_ROOT } from "../../src/build/out-dir.ts";
import { ROOT, runCli, tempDir } from "./helpers.ts";

const WHY = "hver bygning erstatter --out-mappen helt, så den skal være en mappe kun til det byggede site. Vælg en anden mappe, fx --out _site";
const root = ROOT.replace(/\/$/, "");

let work: string;
beforeAll(async () => {
  work = await tempDir("out-dir");
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("outDirProblem", () => {
  it("accepts a folder of its own, in the project or elsewhere", () => {
    expect(outDirProblem("_site", "content", root)).toBeUndefined();
    expect(outDirProblem(path.join(work, "site"), "content", root)).toBeUndefined();
    expect(outDirProblem("../andet-site", "content", root)).toBeUndefined();
  });

  it("refuses the content folder, a folder in it and a folder that holds it", () => {
    expect(outDirProblem("content", "content", root)).toBe(`--out "content" er indholdsmappen (${root}/content); ${WHY}`);
    expect(outDirProblem("content/gladsaxe/site", "content", root)).toBe(`--out "content/gladsaxe/site" ligger i indholdsmappen (${root}/content); ${WHY}`);
    expect(outDirProblem(path.join(work, "a"), path.join(work, "a/b/content"), root)).toBe(
      `--out "${work}/a" indeholder indholdsmappen (${work}/a/b/content); ${WHY}`,
    );
  });

  it.each(["src", "templates", "scripts", "test", "docs", ".git", "node_modules"])("refuses the project's %s and what lies in it", (folder) => {
    expect(outDirProblem(folder, "content", root)).toBe(`--out "${folder}" er projektets ${folder}/ (${PROJECT_ROOT}/${folder}); ${WHY}`);
    expect(outDirProblem(`${folder}/site`, "content", root)).toBe(`--out "${folder}/site" ligger i projektets ${folder}/ (${PROJECT_ROOT}/${folder}); ${WHY}`);
  });

  it("refuses the working tree's top level, the home folder and /, and what holds them", () => {
    expect(outDirProblem(".", "content", root)).toBe(`--out "." indeholder indholdsmappen (${root}/content); ${WHY}`);
    expect(outDirProblem(".", path.join(work, "content"), root)).toBe(`--out "." indeholder projektets src/ (${PROJECT_ROOT}/src); ${WHY}`);
    expect(outDirProblem(homedir(), path.join(work, "content"), work)).toBe(`--out "${homedir()}" er din hjemmemappe (${homedir()}); ${WHY}`);
    expect(outDirProblem("/", path.join(work, "content"), work)).toMatch(/^--out "\/" indeholder /);
    expect(outDirProblem(work, path.join(work, "x", "content"), path.join(work, "x"))).toMatch(new RegExp(`^--out "${work}" indeholder indholdsmappen`));
  });

  it("refuses a folder reached through a link into the content, and a file", async () => {
    await mkdir(path.join(work, "content"), { recursive: true });
    await symlink(path.join(work, "content"), path.join(work, "genvej"));
    expect(outDirProblem(path.join(work, "genvej/site"), path.join(work, "content"), root)).toBe(
      `--out "${work}/genvej/site" ligger i indholdsmappen (${work}/content); ${WHY}`,
    );
    await writeFile(path.join(work, "fil.txt"), "x");
    expect(outDirProblem(path.join(work, "fil.txt"), path.join(work, "content"), root)).toBe(`--out "${work}/fil.txt" er en fil, ikke en mappe; ${WHY}`);
  });
});

describe("referat build --out", () => {
  it("exits 2 with the Danish reason for --out docs, and leaves docs/ as it was", async () => {
    const before = await readdir(path.join(ROOT, "docs"));
    const result = await runCli(["build", "--out", "docs"]);
    expect(result.stderr.split("\n")[0]).toBe(`--out "docs" er projektets docs/ (${PROJECT_ROOT}/docs); ${WHY}.`);
    expect(result.code).toBe(2);
    expect(await readdir(path.join(ROOT, "docs"))).toEqual(before);
  });

  it("exits 2 for an output folder inside the content", async () => {
    const result = await runCli(["build", "--content", "test/fixtures/site/content", "--out", "test/fixtures/site/content/_site"]);
    expect(result.stderr.split("\n")[0]).toBe(`--out "test/fixtures/site/content/_site" ligger i indholdsmappen (${root}/test/fixtures/site/content); ${WHY}.`);
    expect(result.code).toBe(2);
  });
});
