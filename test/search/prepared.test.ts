// The pages Pagefind reads, made while rendering (src/search/prepared.ts): byte for byte what
// preparing the written pages gives (src/search/prepare.ts `pageForIndex`), kept in a sealed store
// between builds, and a rebuild that indexes a part again reads no page back.
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateArchive } from "../../scripts/bench/generate.ts";
import { sealWith } from "../../src/build/cache-key.ts";
import { pageForIndex } from "../../src/search/prepare.ts";
import { danishSplitOf, PREPARED_FOLDER, PreparedPages, PreparedStore, type PreparedPage } from "../../src/search/prepared.ts";
import { hashTree, ROOT, runNodeScript, tempDir } from "../build/helpers.ts";

let work: string;

beforeAll(async () => {
  work = await tempDir("prepared");
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** Renders the archive in `content` with its pages prepared as they are written, in a child process (see prepared-runner.mjs). */
async function renderWithPrepared(content: string, name: string) {
  const siteDir = join(work, name);
  const result = await runNodeScript("test/search/prepared-runner.mjs", [JSON.stringify({ contentDir: content, outDir: siteDir })]);
  const report = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "{}") as {
    ok: boolean;
    pages: { url: string; output: string; prepared: string | null }[];
    error?: string;
  };
  expect(report.ok, report.error ?? result.stderr).toBe(true);
  return { siteDir, pages: report.pages };
}

describe("pages prepared while rendering", { timeout: 300_000 }, () => {
  for (const [label, content] of [
    ["the example content", join(ROOT, "content")],
    ["a generated archive of 60 meetings", "generated"],
  ] as const) {
    it(`are byte for byte the written pages prepared afterwards: ${label}`, async () => {
      let dir = content;
      if (content === "generated") {
        dir = join(work, "generated-content");
        generateArchive({ outDir: dir, meetings: 60, kommuner: 2, firstYear: 2023, lastYear: 2025, seed: 3 });
      }
      const { siteDir, pages } = await renderWithPrepared(dir, `site-${content === "generated" ? "generated" : "example"}`);
      const splitOf = await danishSplitOf();
      expect(pages.length).toBeGreaterThan(0);
      for (const page of pages) {
        expect(page.prepared, page.url).not.toBeNull();
        const both = [await readFile(page.prepared!), Buffer.from(pageForIndex(await readFile(page.output, "utf8"), splitOf))];
        expect(both[0]!.equals(both[1]!), page.url).toBe(true);
      }
      // Only meeting pages are prepared: one file each.
      expect((await readdir(join(siteDir, PREPARED_FOLDER))).length).toBe(pages.length);
    });
  }
});

describe("PreparedPages.releaseSplitter", () => {
  it("lets go of the splitter once the pages are prepared, and loads it again for a page recorded later", async () => {
    const siteDir = join(work, "release");
    const html = (word: string) => Buffer.from(`<html><body><article data-pagefind-body><p>${word} blev drøftet</p></article></body></html>`);
    let loads = 0;
    const pages = new PreparedPages(
      siteDir,
      [
        { file: join(siteDir, "a/index.html"), url: "/a/" },
        { file: join(siteDir, "b/index.html"), url: "/b/" },
      ],
      () => {
        loads++;
        return danishSplitOf();
      },
    );
    pages.record(join(siteDir, "a/index.html"), html("Socialtandplejen"));
    await pages.releaseSplitter();
    expect(loads).toBe(1);
    await pages.settled();
    pages.record(join(siteDir, "b/index.html"), html("Frikortordningen"));
    await pages.settled();
    expect(loads).toBe(2);
    expect(await readFile(pages.get("/a/")!.file, "utf8")).toBe(pageForIndex(html("Socialtandplejen").toString(), await danishSplitOf()));
    expect(await readFile(pages.get("/b/")!.file, "utf8")).toBe(pageForIndex(html("Frikortordningen").toString(), await danishSplitOf()));
    expect(await readFile(pages.get("/a/")!.file, "utf8")).toContain("Social^tandplejen");
  });
});

describe("PreparedStore", () => {
  let dir: string;
  let page: PreparedPage;
  const seal = sealWith(randomBytes(32));

  beforeAll(async () => {
    dir = join(work, "store");
    await mkdir(join(dir, "build"), { recursive: true });
    await mkdir(join(dir, "scratch"), { recursive: true });
    const file = join(dir, "build", "1.html");
    await writeFile(file, "<html><body><article data-pagefind-body><p>Frikort^ordningen^</p></article></body></html>");
    const { createHash } = await import("node:crypto");
    page = {
      file,
      pageSha256: "a".repeat(64),
      sha256: createHash("sha256")
        .update(await readFile(file))
        .digest("hex"),
    };
    await new PreparedStore(join(dir, "cache"), seal, "code-1").store([page]);
  });

  it("gives back a stored page's bytes at the target, linked from the store", async () => {
    const target = join(dir, "scratch", "a.html");
    const bytes = await new PreparedStore(join(dir, "cache"), seal, "code-1").restore(page.pageSha256, target);
    expect(bytes?.equals(await readFile(page.file))).toBe(true);
    expect((await readFile(target)).equals(await readFile(page.file))).toBe(true);
  });

  it("has nothing for another code version, another page or another secret", async () => {
    const target = join(dir, "scratch", "b.html");
    expect(await new PreparedStore(join(dir, "cache"), seal, "code-2").restore(page.pageSha256, target)).toBeUndefined();
    expect(await new PreparedStore(join(dir, "cache"), seal, "code-1").restore("b".repeat(64), target)).toBeUndefined();
    expect(await new PreparedStore(join(dir, "cache"), sealWith(randomBytes(32)), "code-1").restore(page.pageSha256, target)).toBeUndefined();
    await expect(readFile(target)).rejects.toThrow();
  });

  it("refuses an entry whose bytes changed behind its back, and leaves no file at the target", async () => {
    const store = new PreparedStore(join(dir, "cache2"), seal, "code-1");
    const file = join(dir, "build", "2.html");
    await writeFile(file, "<html><body><p>rigtig</p></body></html>");
    const { createHash } = await import("node:crypto");
    const entry: PreparedPage = {
      file,
      pageSha256: "c".repeat(64),
      sha256: createHash("sha256")
        .update(await readFile(file))
        .digest("hex"),
    };
    await store.store([entry]);
    const key = store.keyOf(entry.pageSha256);
    const stored = join(dir, "cache2", key.slice(0, 2), `${key}.html`);
    await chmod(stored, 0o644);
    await writeFile(stored, "<html><body><p>forfalsket</p></body></html>");
    await chmod(stored, 0o444);
    const target = join(dir, "scratch", "c.html");
    expect(await store.restore(entry.pageSha256, target)).toBeUndefined();
    await expect(readFile(target)).rejects.toThrow();
  });
});

describe("a rebuild that indexes a part again", { timeout: 600_000 }, () => {
  let content: string;
  let project: string;
  const build = async (cache: string, out: string) => {
    const json = `${out}.json`;
    const result = await runNodeScript(
      "bin/referat.js",
      ["build", "--content", content, "--out", out, "--json", json],
      {
        REFERAT_CACHE_DIR: cache,
        REFERAT_SEARCH_PART_SIZE: "15",
        SOURCE_DATE_EPOCH: String(Date.UTC(2025, 11, 1) / 1000),
      },
      project,
    );
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(await readFile(json, "utf8")) as { search: { parts: number; reused: number; pages: { rendered: number; stored: number; read: number } } };
  };

  beforeAll(async () => {
    project = ROOT;
    content = join(work, "rebuild-content");
    generateArchive({ outDir: content, meetings: 40, kommuner: 1, firstYear: 2024, lastYear: 2025, seed: 11 });
  });

  it("takes the other pages of the part from the store, reads none back, and publishes what a cold build does", async () => {
    const cache = join(work, "rebuild-cache");
    const first = await build(cache, join(work, "r1"));
    expect(first.search.pages).toEqual({ rendered: 40, stored: 0, read: 0 });
    // An edit of the newest meeting: its part is indexed again, from one rendered page and the stored rest.
    const files = (await readdir(content, { recursive: true }))
      .filter((f) => f.endsWith(".md"))
      .sort((a, b) => (a.split("/").at(-1)! < b.split("/").at(-1)! ? -1 : 1));
    const newest = join(content, files.at(-1)!);
    await writeFile(newest, `${await readFile(newest, "utf8")}\nEt nyt afsnit om frikortordningen.\n`);
    const warm = await build(cache, join(work, "r2"));
    expect(warm.search.reused).toBe(warm.search.parts - 1);
    expect(warm.search.pages.read).toBe(0);
    expect(warm.search.pages.rendered).toBeGreaterThanOrEqual(1);
    expect(warm.search.pages.stored).toBeGreaterThan(0);
    const cold = await build(join(work, "rebuild-empty-cache"), join(work, "r3"));
    expect(cold.search.reused).toBe(0);
    expect(await hashTree(join(work, "r2"))).toEqual(await hashTree(join(work, "r3")));
    expect((await readdir(join(work, "r2"))).some((name) => name.startsWith(".search"))).toBe(false);
  });
});
