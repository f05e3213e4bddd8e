// The build's cache through `referat build` (src/build/cache-dir.ts, src/search/cache.ts):
// REFERAT_CACHE_DIR names it, `--debug` tells how many index parts came from it, `off` turns it
// off, and a build from the cache publishes the same search index as one without.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referat } from "./referat.ts";

const CONTENT = "test/fixtures/site/content";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "referat-cli-cache-"));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function files(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

describe("REFERAT_CACHE_DIR", () => {
  it("reuses the index parts of an earlier build of the same pages", async () => {
    const cache = path.join(dir, "cache");
    const build = (out: string, cacheDir: string) =>
      referat(["build", "--content", CONTENT, "--out", path.join(dir, out), "--debug"], { REFERAT_CACHE_DIR: cacheDir });

    const first = await build("first", cache);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const parts = Number(/Søgeindeks: (\d+) dele?, 0 genbrugt fra cachen i /.exec(first.stdout)?.[1]);
    expect(parts).toBeGreaterThan(0);

    const second = await build("second", cache);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`Søgeindeks: ${parts} ${parts === 1 ? "del" : "dele"}, ${parts} genbrugt fra cachen i ${path.join(cache, "search")}.`);
    // Every cache of the build is in the same folder: the CPR guard's record of clean attachments,
    // the open data's parts, the attachments as published, the validated meetings, the rendered
    // meeting pages, the index parts, the pages prepared for the index.
    expect((await readdir(cache)).sort()).toEqual(["cpr-clean-v2.txt", "data", "files", "meetings", "pages", "search", "search-pages"]);
    expect(second.stdout).toMatch(/Sider: 0 af (\d+) mødesider? lavet, \1 genbrugt fra cachen i /);
    expect(second.stdout).toContain(` genbrugt fra cachen i ${path.join(cache, "pages")}.`);

    const none = await build("none", "off");
    expect(none.code).toBe(0);
    expect(none.stdout).toContain(`Søgeindeks: ${parts} ${parts === 1 ? "del" : "dele"}, ingen cache.`);

    // The same index files, fragment for fragment, whether Pagefind made them now or before.
    const indexFiles = async (out: string) => (await files(path.join(dir, out))).filter((f) => /(^|\/)pagefind(-\d+)?\/(fragment|index)\//.test(f));
    const written = await indexFiles("none");
    expect(written.length).toBeGreaterThan(0);
    expect(await indexFiles("second")).toEqual(written);
    for (const file of written) {
      expect((await readFile(path.join(dir, "second", file))).equals(await readFile(path.join(dir, "none", file))), file).toBe(true);
    }
  }, 120_000);
});
