// The cache of built index parts (src/search/cache.ts) on real folders: keys, a stored entry
// restored file for file, damaged and forged entries refused, and the per-part limit.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sealWith } from "../../src/build/cache-key.ts";
import { CACHE_VARIABLE, ENTRIES_PER_PART, IndexCache, PartKey, resolveCacheDir } from "../../src/search/cache.ts";
import { nextPart, pagefindProcesses } from "../../src/search/index.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "referat-cache-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function tree(root: string): Promise<Record<string, string>> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const e of entries.filter((x) => x.isFile())) {
    files[relative(root, join(e.parentPath, e.name))] = await readFile(join(e.parentPath, e.name), "utf8");
  }
  return files;
}

/** A folder shaped like a Pagefind bundle. */
async function bundle(root: string, marker: string): Promise<void> {
  await mkdir(join(root, "fragment"), { recursive: true });
  await mkdir(join(root, "index"), { recursive: true });
  await writeFile(join(root, "pagefind.js"), "// pagefind");
  await writeFile(join(root, "pagefind-entry.json"), `{"marker":"${marker}"}`);
  await writeFile(join(root, "fragment/da_1.pf_fragment"), `fragment ${marker} æøå`);
  await writeFile(join(root, "index/da_2.pf_index"), `index ${marker}`);
}

function key(pages: [string, string][], program: unknown = { binary: "pagefind", size: 1 }): string {
  const k = new PartKey(program);
  for (const [url, bytes] of pages) k.addPage(url, bytes);
  return k.digest();
}

describe("resolveCacheDir", () => {
  it("uses `search/` in REFERAT_CACHE_DIR, which `off` turns off", () => {
    expect(resolveCacheDir({ [CACHE_VARIABLE]: "/srv/cache" }, dir)).toBe("/srv/cache/search");
    for (const off of ["off", "OFF", "0", "false", "no"]) expect(resolveCacheDir({ [CACHE_VARIABLE]: off }, dir)).toBeUndefined();
  });

  it("defaults to node_modules/.cache/referatarkiv where the command runs, and to none without node_modules", async () => {
    expect(resolveCacheDir({}, dir)).toBeUndefined();
    await mkdir(join(dir, "node_modules"));
    expect(resolveCacheDir({}, dir)).toBe(join(dir, "node_modules/.cache/referatarkiv/search"));
  });
});

describe("PartKey", () => {
  it("depends on every page's address and bytes and on the program, not on the order pages come in", () => {
    const a = key([
      ["/k/r/2024-01-01/", "<p>a</p>"],
      ["/k/r/2024-02-01/", "<p>b</p>"],
    ]);
    expect(
      key([
        ["/k/r/2024-02-01/", "<p>b</p>"],
        ["/k/r/2024-01-01/", "<p>a</p>"],
      ]),
    ).toBe(a);
    expect(
      key([
        ["/k/r/2024-01-01/", "<p>a</p>"],
        ["/k/r/2024-02-01/", "<p>c</p>"],
      ]),
    ).not.toBe(a);
    expect(
      key([
        ["/k/r/2024-01-01/", "<p>a</p>"],
        ["/k/r/2024-02-02/", "<p>b</p>"],
      ]),
    ).not.toBe(a);
    expect(key([["/k/r/2024-01-01/", "<p>a</p>"]])).not.toBe(a);
    expect(
      key(
        [
          ["/k/r/2024-01-01/", "<p>a</p>"],
          ["/k/r/2024-02-01/", "<p>b</p>"],
        ],
        { binary: "pagefind", size: 2 },
      ),
    ).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("IndexCache", () => {
  it("restores a stored index file for file, and misses any other key", async () => {
    const cache = new IndexCache(join(dir, "cache"));
    await bundle(join(dir, "built"), "one");
    await cache.store("noerreaa", "a1", join(dir, "built"));
    expect(await cache.restore("noerreaa", "a1", join(dir, "site/pagefind"))).toBe(true);
    // Every data file; Pagefind's script is never kept (src/search/index.ts writes it from the binary).
    const { "pagefind.js": script, ...data } = await tree(join(dir, "built"));
    expect(script).toBe("// pagefind");
    expect(await tree(join(dir, "site/pagefind"))).toEqual(data);
    expect(await cache.restore("noerreaa", "b2", join(dir, "other"))).toBe(false);
    expect(await cache.restore("noerreaa-1", "a1", join(dir, "other"))).toBe(false);
    await expect(stat(join(dir, "other"))).rejects.toThrow();
    // Nothing half-written is left beside the entries.
    expect((await readdir(join(dir, "cache"))).filter((name) => name.startsWith("."))).toEqual([]);
  });

  it("keeps its entry intact when the site's copy is deleted", async () => {
    const cache = new IndexCache(join(dir, "cache"));
    await bundle(join(dir, "built"), "one");
    await cache.store("k", "a1", join(dir, "built"));
    await rm(join(dir, "built"), { recursive: true });
    expect(await cache.restore("k", "a1", join(dir, "site"))).toBe(true);
    await rm(join(dir, "site"), { recursive: true });
    expect(await cache.restore("k", "a1", join(dir, "site"))).toBe(true);
    expect(await readFile(join(dir, "site/fragment/da_1.pf_fragment"), "utf8")).toBe("fragment one æøå");
  });

  it("refuses a damaged entry, leaving nothing behind, so that Pagefind runs instead", async () => {
    const cache = new IndexCache(join(dir, "cache"));
    await bundle(join(dir, "built"), "one");
    await cache.store("k", "a1", join(dir, "built"));
    const [entry] = await readdir(join(dir, "cache"));
    // A file changed: the check catches it.
    const stored = join(dir, "cache", entry!, "files/index/da_2.pf_index");
    await rm(stored);
    await writeFile(stored, "index two");
    expect(await cache.restore("k", "a1", join(dir, "site"))).toBe(false);
    await expect(stat(join(dir, "site"))).rejects.toThrow();
    // A file gone.
    await rm(stored);
    expect(await cache.restore("k", "a1", join(dir, "site"))).toBe(false);
    // A manifest that is not one.
    await writeFile(join(dir, "cache", entry!, "manifest.json"), "{");
    expect(await cache.restore("k", "a1", join(dir, "site"))).toBe(false);
    await expect(stat(join(dir, "site"))).rejects.toThrow();
  });

  it(`keeps the ${ENTRIES_PER_PART} most recently used entries of a part, and other parts' entries`, async () => {
    const cache = new IndexCache(join(dir, "cache"));
    await bundle(join(dir, "built"), "x");
    await cache.store("k-1", "0dd", join(dir, "built"));
    const keys = ["aa", "bb", "cc"];
    for (const [i, k] of keys.entries()) {
      await cache.store("k", k, join(dir, "built"));
      // Made a minute apart, "aa" first.
      const when = new Date(Date.now() - (keys.length - i) * 60_000);
      await utimes(join(dir, "cache", `k--${k}`, "manifest.json"), when, when);
    }
    // "aa" is used again: "bb" is now the least recently used, and goes when "dd" comes.
    expect(await cache.restore("k", "aa", join(dir, "site"))).toBe(true);
    await cache.store("k", "dd", join(dir, "built"));
    expect((await readdir(join(dir, "cache"))).sort()).toEqual(["k--aa", "k--cc", "k--dd", "k-1--0dd"]);
  });

  it("removes what a stopped build left over an hour ago, and nothing newer", async () => {
    const cache = new IndexCache(join(dir, "cache"));
    await bundle(join(dir, "built"), "one");
    await mkdir(join(dir, "cache/.tmp-k--old-1234/files"), { recursive: true });
    await mkdir(join(dir, "cache/.old-k--aa-5678"), { recursive: true });
    await mkdir(join(dir, "cache/.tmp-k--new-9abc"), { recursive: true });
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(join(dir, "cache/.tmp-k--old-1234"), twoHoursAgo, twoHoursAgo);
    await utimes(join(dir, "cache/.old-k--aa-5678"), twoHoursAgo, twoHoursAgo);
    await cache.store("k", "a1", join(dir, "built"));
    expect((await readdir(join(dir, "cache"))).sort()).toEqual([".tmp-k--new-9abc", "k--a1"]);
  });

  it("lets two builds store the same entry at once", async () => {
    const cache = new IndexCache(join(dir, "cache"));
    await bundle(join(dir, "built"), "one");
    await Promise.all([cache.store("k", "a1", join(dir, "built")), new IndexCache(join(dir, "cache")).store("k", "a1", join(dir, "built"))]);
    expect(await readdir(join(dir, "cache"))).toEqual(["k--a1"]);
    expect(await cache.restore("k", "a1", join(dir, "site"))).toBe(true);
  });

  it("is only ever a shortcut: a cache folder that cannot be written fails nothing", async () => {
    await writeFile(join(dir, "file"), "not a folder");
    const cache = new IndexCache(join(dir, "file/cache"));
    await bundle(join(dir, "built"), "one");
    await expect(cache.store("k", "a1", join(dir, "built"))).resolves.toBeUndefined();
    expect(await cache.restore("k", "a1", join(dir, "site"))).toBe(false);
  });
});

describe("IndexCache against whoever can write the cache folder", () => {
  /** Rewrites an entry's files and its manifest's sizes and hashes to match, as a forger would. */
  async function forge(entry: string, change: (files: string) => Promise<void>): Promise<void> {
    await change(join(entry, "files"));
    const manifest = JSON.parse(await readFile(join(entry, "manifest.json"), "utf8")) as { files: { path: string; size: number; sha256: string }[] };
    const paths = Object.keys(await tree(join(entry, "files"))).sort();
    manifest.files = await Promise.all(
      paths.map(async (path) => {
        const bytes = await readFile(join(entry, "files", path));
        return { path, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
      }),
    );
    await writeFile(join(entry, "manifest.json"), JSON.stringify(manifest));
  }

  it("never stores the files that run in the browser", async () => {
    const cache = new IndexCache(join(dir, "cache"));
    await bundle(join(dir, "built"), "one");
    await writeFile(join(dir, "built/pagefind-worker.js"), "// worker");
    await writeFile(join(dir, "built/wasm.da.pagefind"), "wasm");
    await cache.store("k", "a1", join(dir, "built"));
    expect(Object.keys(await tree(join(dir, "cache/k--a1/files"))).sort()).toEqual(["fragment/da_1.pf_fragment", "index/da_2.pf_index", "pagefind-entry.json"]);
  });

  it("refuses a forged entry: a changed index file with a manifest rewritten to match", async () => {
    const cache = new IndexCache(join(dir, "cache"));
    await bundle(join(dir, "built"), "one");
    await cache.store("k", "a1", join(dir, "built"));
    await forge(join(dir, "cache/k--a1"), (files) => writeFile(join(files, "fragment/da_1.pf_fragment"), "forged"));
    expect(await cache.restore("k", "a1", join(dir, "site"))).toBe(false);
    await expect(stat(join(dir, "site"))).rejects.toThrow();
  });

  it("refuses a forged entry that adds a script to the bundle", async () => {
    const cache = new IndexCache(join(dir, "cache"));
    await bundle(join(dir, "built"), "one");
    await cache.store("k", "a1", join(dir, "built"));
    await forge(join(dir, "cache/k--a1"), (files) => writeFile(join(files, "pagefind.js"), "alert(document.domain)"));
    expect(await cache.restore("k", "a1", join(dir, "site"))).toBe(false);
    await expect(stat(join(dir, "site"))).rejects.toThrow();
  });

  it("refuses an entry sealed under another secret, or moved to another key", async () => {
    await bundle(join(dir, "built"), "one");
    await new IndexCache(join(dir, "cache"), sealWith(randomBytes(32))).store("k", "a1", join(dir, "built"));
    expect(await new IndexCache(join(dir, "cache")).restore("k", "a1", join(dir, "site"))).toBe(false);
    const cache = new IndexCache(join(dir, "cache2"));
    await cache.store("k", "a1", join(dir, "built"));
    await rename(join(dir, "cache2/k--a1"), join(dir, "cache2/k--b2"));
    expect(await cache.restore("k", "b2", join(dir, "site"))).toBe(false);
    expect(await cache.restore("k", "a1", join(dir, "site"))).toBe(false);
  });

  it("neither stores nor restores without a seal", async () => {
    await bundle(join(dir, "built"), "one");
    const unsealed = new IndexCache(join(dir, "cache"), null);
    await unsealed.store("k", "a1", join(dir, "built"));
    await expect(stat(join(dir, "cache"))).rejects.toThrow();
    await new IndexCache(join(dir, "cache")).store("k", "a1", join(dir, "built"));
    expect(await unsealed.restore("k", "a1", join(dir, "site"))).toBe(false);
  });
});

describe("nextPart", () => {
  const MB = 1e6;
  const part = (name: string, mb: number) => ({ name, bytes: mb * MB });
  const [big, mid, small, tiny] = [part("big", 400), part("mid", 300), part("small", 150), part("tiny", 60)];

  it("starts the first waiting part when none runs", () => {
    expect(nextPart([big, mid], [], 400 * MB, 2)).toBe(big);
  });

  it("runs parts side by side while together they stay within the one budget", () => {
    expect(nextPart([mid, small], [big], 400 * MB, 2)).toBeUndefined();
    expect(nextPart([mid, small], [big], 600 * MB, 2)).toBe(small);
    expect(nextPart([mid, small], [big], 700 * MB, 2)).toBe(mid);
    expect(nextPart([big], [mid, small], 800 * MB, 3)).toBeUndefined();
    expect(nextPart([big, tiny], [mid, small], 600 * MB, 3)).toBe(tiny);
  });

  it("never runs more processes than allowed", () => {
    expect(nextPart([tiny], [small], 400 * MB, 1)).toBeUndefined();
    expect(nextPart([tiny], [tiny, tiny], 400 * MB, 2)).toBeUndefined();
  });
});

describe("pagefindProcesses", () => {
  it("is the cores, at most four, and no more than half the memory holds", () => {
    expect(pagefindProcesses(400e6, 2, 24e9)).toBe(2);
    expect(pagefindProcesses(400e6, 16, 64e9)).toBe(4);
    expect(pagefindProcesses(400e6, 8, 1.2e9)).toBe(1);
    expect(pagefindProcesses(400e6, 1, 24e9)).toBe(1);
  });
});

describe("IndexCache.fragmentWords", () => {
  it("gives the words stored with the part's last entry, and nothing for a words file changed behind its back", async () => {
    const cache = new IndexCache(join(dir, "cache"), sealWith(randomBytes(32)));
    await bundle(join(dir, "built"), "a");
    const words = new Map([["a".repeat(64), "bolig bolig ældre"]]);
    const k = key([["/a/", "A"]]);
    await cache.store("demo", k, join(dir, "built"), words);
    expect(await cache.fragmentWords("demo")).toEqual(words);
    expect(await cache.fragmentWords("other")).toEqual(new Map());
    // Restoring the entry never puts the words file into the site.
    expect(await cache.restore("demo", k, join(dir, "site"))).toBe(true);
    expect(Object.keys(await tree(join(dir, "site"))).sort()).toEqual(["fragment/da_1.pf_fragment", "index/da_2.pf_index", "pagefind-entry.json"]);
    const { gzipSync } = await import("node:zlib");
    await writeFile(join(dir, "cache", `demo--${k}`, "fragment-words.gz"), gzipSync(`${"a".repeat(64)} forfalsket\n`));
    expect(await cache.fragmentWords("demo")).toEqual(new Map());
  });
});
