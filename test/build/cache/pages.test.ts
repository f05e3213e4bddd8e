// The render cache on real files: a page kept by one build is hard-linked into the next build's
// site; an entry changed, replaced or forged behind the builds' back, or one whose links now
// resolve elsewhere, is a miss; extra records come back only with the bytes that were kept.
import { createHash } from "node:crypto";
import { chmod, cp, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sealWith } from "../../../src/build/cache-key.ts";
import { PageCache, type Rendered } from "../../../src/build/cache/pages.ts";
import { tempDir } from "../helpers.ts";

const seal = sealWith(Buffer.from("a secret of at least sixteen bytes"));
const KEY_A = "a".repeat(64);
const KEY_B = "b".repeat(64);

let work: string;

beforeEach(async () => {
  work = await tempDir("page-cache");
});

afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** A page a build wrote into its site folder, as the render stage hands it to the keep stage. */
async function rendered(site: string, key: string, html: string, extra: Partial<Rendered> = {}): Promise<Rendered> {
  const file = join(site, key.slice(0, 4), "index.html");
  await mkdir(join(file, ".."), { recursive: true });
  await writeFile(file, html);
  return { key, file, sha256: sha256(html), links: [], ...extra };
}

/** The cache file of a key's page. */
function entryFile(cacheDir: string, key: string): string {
  return join(cacheDir, key.slice(0, 2), `${key}.html`);
}

/** Keeps two pages in a cache folder, as a first build does. */
async function firstBuild(cacheDir: string): Promise<PageCache> {
  const cache = new PageCache(cacheDir, seal);
  await cache.store([
    await rendered(join(work, "site1"), KEY_A, "<p>A</p>", { links: [["../2024-01-02.md", "/k/r/2024-01-02/"]] }),
    await rendered(join(work, "site1"), KEY_B, "<p>B</p>", { records: { "search-text": "B som tekst" } }),
  ]);
  return cache;
}

describe("the render cache", () => {
  it("puts a kept page into the next build's site as a hard link of the kept file, with the SHA-256 it was kept with", async () => {
    const cacheDir = join(work, "cache");
    await firstBuild(cacheDir);
    const next = new PageCache(cacheDir, seal);
    const target = join(work, "site2", "k", "r", "a", "index.html");
    const restored = await next.restore([{ key: KEY_A, target, resolve: () => "/k/r/2024-01-02/" }]);
    expect(restored.get(KEY_A)).toBe(sha256("<p>A</p>"));
    expect(await readFile(target, "utf8")).toBe("<p>A</p>");
    expect((await stat(target)).ino).toBe((await stat(entryFile(cacheDir, KEY_A))).ino);
    expect((await stat(target)).mode & 0o777).toBe(0o444);
  });

  it("does not use a page whose links resolve differently now", async () => {
    const cacheDir = join(work, "cache");
    await firstBuild(cacheDir);
    const target = join(work, "site2", "a.html");
    const restored = await new PageCache(cacheDir, seal).restore([{ key: KEY_A, target, resolve: () => "/k/r/2024-01-02-2/" }]);
    expect(restored.size).toBe(0);
    await expect(stat(target)).rejects.toThrow();
  });

  it("does not use a page changed in place by its owner, nor one replaced by another file, and removes it from the new site", async () => {
    const cacheDir = join(work, "cache");
    await firstBuild(cacheDir);
    const inPlace = entryFile(cacheDir, KEY_A);
    await chmod(inPlace, 0o644);
    await writeFile(inPlace, "<p>X</p>"); // the same size
    await chmod(inPlace, 0o444);
    const replaced = entryFile(cacheDir, KEY_B);
    await rm(replaced);
    await writeFile(replaced, "<p>Y</p>", { mode: 0o444 });
    const targets = [join(work, "site2", "a.html"), join(work, "site2", "b.html")];
    const restored = await new PageCache(cacheDir, seal).restore([
      { key: KEY_A, target: targets[0]!, resolve: () => "/k/r/2024-01-02/" },
      { key: KEY_B, target: targets[1]! },
    ]);
    expect(restored.size).toBe(0);
    for (const target of targets) await expect(stat(target)).rejects.toThrow();
  });

  it("does not use a page that others may write", async () => {
    const cacheDir = join(work, "cache");
    await firstBuild(cacheDir);
    await chmod(entryFile(cacheDir, KEY_B), 0o666);
    const restored = await new PageCache(cacheDir, seal).restore([{ key: KEY_B, target: join(work, "site2", "b.html") }]);
    expect(restored.size).toBe(0);
  });

  it("uses nothing of a manifest sealed with another secret", async () => {
    const cacheDir = join(work, "cache");
    await firstBuild(cacheDir);
    const other = sealWith(Buffer.from("another secret of sixteen bytes or more"));
    const restored = await new PageCache(cacheDir, other).restore([{ key: KEY_B, target: join(work, "site2", "b.html") }]);
    expect(restored.size).toBe(0);
    expect(new PageCache(cacheDir, other).record(KEY_B, "search-text")).toBeUndefined();
  });

  it("uses a manifest changed behind the build's back for nothing", async () => {
    const cacheDir = join(work, "cache");
    await firstBuild(cacheDir);
    const manifest = join(cacheDir, "manifest");
    await writeFile(manifest, (await readFile(manifest, "utf8")).replace(sha256("<p>B</p>"), sha256("<p>Y</p>")));
    const restored = await new PageCache(cacheDir, seal).restore([{ key: KEY_B, target: join(work, "site2", "b.html") }]);
    expect(restored.size).toBe(0);
  });

  it("uses a cache folder copied elsewhere (as CI restores it) after checking each page's bytes", async () => {
    const cacheDir = join(work, "cache");
    await firstBuild(cacheDir);
    const copied = join(work, "restored-cache");
    await cp(cacheDir, copied, { recursive: true, preserveTimestamps: true });
    const forged = entryFile(copied, KEY_A);
    await chmod(forged, 0o644);
    await writeFile(forged, "<p>X</p>");
    await chmod(forged, 0o444);
    const restored = await new PageCache(copied, seal).restore([
      { key: KEY_A, target: join(work, "site2", "a.html"), resolve: () => "/k/r/2024-01-02/" },
      { key: KEY_B, target: join(work, "site2", "b.html") },
    ]);
    expect([...restored.keys()]).toEqual([KEY_B]);
    expect(await readFile(join(work, "site2", "b.html"), "utf8")).toBe("<p>B</p>");
  });

  it("gives back a page's extra records as they were kept, and none that was changed", async () => {
    const cacheDir = join(work, "cache");
    await firstBuild(cacheDir);
    const next = new PageCache(cacheDir, seal);
    expect(next.record(KEY_B, "search-text")?.toString("utf8")).toBe("B som tekst");
    expect(next.record(KEY_B, "links")).toBeUndefined();
    expect(next.record(KEY_A, "search-text")).toBeUndefined();
    const file = join(cacheDir, KEY_B.slice(0, 2), `${KEY_B}.search-text.rec`);
    await chmod(file, 0o644);
    await writeFile(file, "B som falsk");
    expect(new PageCache(cacheDir, seal).record(KEY_B, "search-text")).toBeUndefined();
  });

  it("keeps the entries a build used, drops those no build used for two weeks, and removes their files", async () => {
    const cacheDir = join(work, "cache");
    await firstBuild(cacheDir);
    const later = Date.now() + 15 * 24 * 60 * 60 * 1000;
    const next = new PageCache(cacheDir, seal);
    await next.restore([{ key: KEY_B, target: join(work, "site2", "b.html") }]);
    await next.store([], later);
    await next.clean(later);
    expect((await readdir(join(cacheDir, KEY_A.slice(0, 2)))).sort()).toEqual([]);
    expect((await readdir(join(cacheDir, KEY_B.slice(0, 2)))).sort()).toEqual([`${KEY_B}.html`, `${KEY_B}.search-text.rec`]);
    const third = await new PageCache(cacheDir, seal).restore([
      { key: KEY_A, target: join(work, "site3", "a.html"), resolve: () => "/k/r/2024-01-02/" },
      { key: KEY_B, target: join(work, "site3", "b.html") },
    ]);
    expect([...third.keys()]).toEqual([KEY_B]);
  });
});
