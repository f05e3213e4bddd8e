// `referat serve`'s resident side (src/serve/site.ts), in-process: a change to one meeting is
// validated and rendered again alone, and the site it leaves is byte-identical to a full build of
// the same content (search index included, once its background refresh is done).
import { cp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { register } from "tsx/esm/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/build/pipeline.ts";
import { ServeSite } from "../../src/serve/site.ts";
import { FIXTURE_CONTENT, hashTree, readPage, tempDir } from "../build/helpers.ts";

// Eleventy (the full builds) imports the .11ty.tsx templates itself, with Node's loader: teach it TypeScript.
register();

let work: string;
let content: string;
let siteDir: string;
let site: ServeSite;
let printed = "";
let fullBuilds = 0;

const OLD_MEETING = "gladsaxe/udsatteraadet/2022/2022-11-21.md";
const MEETING = "gladsaxe/udsatteraadet/2023/2023-09-06.md";
const ATTACHMENT = "gladsaxe/udsatteraadet/2023/2023-09-06/notat-natvarme.pdf";

async function edit(file: string, change: (text: string) => string): Promise<string> {
  const path = join(content, file);
  const before = await readFile(path, "utf8");
  const after = change(before);
  expect(after).not.toBe(before);
  await writeFile(path, after);
  return path;
}

/** Builds the same content from scratch with `referat build`'s pipeline and compares every file. */
async function expectSameAsFullBuild(): Promise<void> {
  await site.searchSettled();
  expect((await readdir(work)).filter((name) => name.includes(".search-") || name.includes(".tmp-"))).toEqual([]);
  const fresh = join(work, `full-${++fullBuilds}`);
  const result = await buildSite({ contentDir: content, outDir: fresh });
  expect(result.ok).toBe(true);
  const [served, built] = await Promise.all([hashTree(siteDir), hashTree(fresh)]);
  expect(Object.keys(served)).toEqual(Object.keys(built));
  for (const file of Object.keys(built)) expect(served[file], file).toBe(built[file]);
}

beforeAll(async () => {
  work = await tempDir("serve-incremental");
  content = join(work, "content");
  siteDir = join(work, "site");
  await cp(FIXTURE_CONTENT, content, { recursive: true });
  site = new ServeSite({ contentDir: content, outDir: siteDir, pathPrefix: "/", out: (t) => (printed += t), err: (t) => (printed += t) });
  expect(await site.fullBuild(), printed).toBe(true);
});

afterAll(async () => {
  await site?.searchSettled();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("referat serve: incremental update", () => {
  it("renders the changed meeting and the pages that show it, byte-identical to a full build", async () => {
    // The 2023 meeting follows up item 1 of this one: its label carries the item's new title.
    const path = await edit(OLD_MEETING, (text) =>
      text.replaceAll("Socialtandpleje", "Socialtandpleje for hjemløse").replace(/\n\n([^\n#-][^\n]*)\n/, "\n\n$1 Tilføjet i en test.\n"),
    );
    const result = await site.update([path]);
    expect(result).toMatchObject({ kind: "pages", reload: true, meetings: 1 });
    expect(await readPage(siteDir, "/gladsaxe/udsatteraadet/2022-11-21/")).toContain("Tilføjet i en test.");
    expect(await readPage(siteDir, "/gladsaxe/udsatteraadet/2023-09-06/")).toContain("punkt 1: Socialtandpleje for hjemløse");
    await expectSameAsFullBuild();
  });

  it("keeps the last good page when an edit is broken, prints the problem, and shows both edits once it is fixed", async () => {
    const pageBefore = await readPage(siteDir, "/gladsaxe/udsatteraadet/2023-09-06/");
    const mark = printed.length;
    const broken = await edit(MEETING, (text) =>
      text.replace("date: 2023-09-06", "date: 2023-09-31").replace("Dagsordenen blev godkendt.", "Dagsordenen blev godkendt i går."),
    );
    expect(await site.update([broken])).toEqual({ kind: "failed", reload: false });
    expect(printed.slice(mark)).toMatch(/2023-09-06\.md:2:7: date: skal være en rigtig dato, men 2023-09-31 findes ikke i kalenderen\n/);
    expect(await readPage(siteDir, "/gladsaxe/udsatteraadet/2023-09-06/")).toBe(pageBefore);

    // Another meeting changes meanwhile; the broken one is tried again with it, so neither shows yet.
    const other = await edit(OLD_MEETING, (text) => text.replace("Tilføjet i en test.", "Rettet i en test."));
    expect((await site.update([other])).kind).toBe("failed");
    expect(await readPage(siteDir, "/gladsaxe/udsatteraadet/2022-11-21/")).not.toContain("Rettet i en test.");

    const fixed = await edit(MEETING, (text) => text.replace("date: 2023-09-31", "date: 2023-09-06"));
    expect(await site.update([fixed])).toMatchObject({ kind: "pages", meetings: 2 });
    expect(await readPage(siteDir, "/gladsaxe/udsatteraadet/2023-09-06/")).toContain("Dagsordenen blev godkendt i går.");
    expect(await readPage(siteDir, "/gladsaxe/udsatteraadet/2022-11-21/")).toContain("Rettet i en test.");
    await expectSameAsFullBuild();
  });

  it("copies a changed attachment and shows its new size", async () => {
    const path = join(content, ATTACHMENT);
    const bytes = await readFile(path);
    await writeFile(path, Buffer.concat([bytes, Buffer.alloc(40_000, 32)]));
    expect(await site.update([path])).toMatchObject({ kind: "pages", meetings: 1 });
    expect(await readFile(join(siteDir, "gladsaxe/udsatteraadet/2023-09-06/notat-natvarme.pdf"))).toEqual(await readFile(path));
    await expectSameAsFullBuild();
  });

  it("ignores an editor's temp file that is already gone, and builds everything for a new meeting", async () => {
    expect(await site.update([join(content, `${MEETING}.tmp-1234`), join(content, "gladsaxe/.#2023-09-06.md")])).toEqual({ kind: "nothing", reload: false });
    // A temp file still there when the update starts, renamed over the meeting a moment later.
    const temp = join(content, `${MEETING}.tmp-5678`);
    const meeting = join(content, MEETING);
    await writeFile(temp, (await readFile(meeting, "utf8")).replace("Dagsordenen blev godkendt i går.", "Dagsordenen blev godkendt via en temp-fil."));
    const updating = site.update([temp, meeting]);
    await rename(temp, meeting);
    expect(await updating).toMatchObject({ kind: "pages", meetings: 1 });
    expect(await readPage(siteDir, "/gladsaxe/udsatteraadet/2023-09-06/")).toContain("via en temp-fil");
    await edit(MEETING, (text) => text.replace("via en temp-fil", "i går"));
    const added = join(content, "gladsaxe/udsatteraadet/2023/2023-12-06.md");
    await writeFile(
      added,
      (await readFile(join(content, MEETING), "utf8"))
        .replace("date: 2023-09-06", "date: 2023-12-06")
        .replace(/\n {6}- file: notat-natvarme\.pdf\n {8}title: Notat om natvarme/, ""),
    );
    expect(await site.update([added])).toEqual({ kind: "full", reload: true });
    expect(await readPage(siteDir, "/gladsaxe/udsatteraadet/2023-12-06/")).toContain("Dagsordenen blev godkendt i går.");
    await expectSameAsFullBuild();
  });

  it("with a path prefix and one municipality, still byte-identical", async () => {
    const scopedDir = join(work, "scoped");
    const scoped = new ServeSite({
      contentDir: content,
      outDir: scopedDir,
      pathPrefix: "/referater/",
      kommune: "gladsaxe",
      out: () => {},
      err: (t) => (printed += t),
    });
    expect(await scoped.fullBuild()).toBe(true);
    const path = await edit(MEETING, (text) => text.replace("Dagsordenen blev godkendt i går.", "Dagsordenen blev godkendt i forgårs."));
    expect(await scoped.update([path, join(content, "eksempelby/kommune.yaml")])).toMatchObject({ kind: "pages", meetings: 1 });
    await scoped.searchSettled();
    const fresh = join(work, "scoped-full");
    expect((await buildSite({ contentDir: content, outDir: fresh, kommune: "gladsaxe", pathPrefix: "/referater/" })).ok).toBe(true);
    expect(await hashTree(scopedDir)).toEqual(await hashTree(fresh));
  });

  it("with the index split into parts, refreshes them and stays byte-identical", async () => {
    const splitDir = join(work, "split");
    process.env.REFERAT_SEARCH_PART_SIZE = "1";
    try {
      const split = new ServeSite({ contentDir: content, outDir: splitDir, pathPrefix: "/", kommune: "gladsaxe", out: () => {}, err: (t) => (printed += t) });
      expect(await split.fullBuild()).toBe(true);
      const parts = (await readdir(join(splitDir, "gladsaxe"))).filter((name) => name.startsWith("pagefind"));
      expect(parts.length).toBeGreaterThan(1);
      const path = await edit(MEETING, (text) => text.replace("Dagsordenen blev godkendt i forgårs.", "Dagsordenen blev godkendt i dag."));
      expect(await split.update([path])).toMatchObject({ kind: "pages", meetings: 1 });
      await split.searchSettled();
      const fresh = join(work, "split-full");
      expect((await buildSite({ contentDir: content, outDir: fresh, kommune: "gladsaxe" })).ok).toBe(true);
      expect(await hashTree(splitDir)).toEqual(await hashTree(fresh));
      expect((await readdir(work)).filter((name) => name.includes(".search-"))).toEqual([]);
    } finally {
      delete process.env.REFERAT_SEARCH_PART_SIZE;
    }
  });
});
