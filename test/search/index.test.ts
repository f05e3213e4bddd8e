// buildSearchIndex on a hand-made site (test/fixtures/search/site): what Pagefind is given and
// what it writes, read back from the index files themselves.
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Archive, Meeting } from "../../src/minutes/model.ts";
import { IndexCache } from "../../src/search/cache.ts";
import { buildSearchIndex, searchConfig, type SearchConfig } from "../../src/search/index.ts";
import { archiveOf, meeting } from "../trust/archive.ts";
import { INDEX_CHUNK_SIZE, pagefindVersion, runPagefind } from "../../src/search/pagefind.ts";
import { VOCABULARY_FILE, writeVocabulary } from "../../src/search/vocabulary.ts";

const FIXTURE = join(import.meta.dirname, "../fixtures/search/site");

function meetingOf(slug: string): Meeting {
  return meeting("demo", "raad", slug.slice(0, 10), { slug, title: "Møde", items: [] });
}

const archive: Archive = archiveOf([meetingOf("2024-05-14"), meetingOf("2023-01-10")]);
archive.kommuner[0]!.name = "Demo Kommune";
archive.kommuner[0]!.councils[0]!.name = "Udsatterådet";

interface Fragment {
  url: string;
  content: string;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
  anchors: { id: string; text: string }[];
}

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function fragments(indexDir: string): Promise<Fragment[]> {
  const names = (await files(indexDir)).filter((f) => f.startsWith("fragment/"));
  const decoded = await Promise.all(
    names.map(
      async (name) =>
        JSON.parse(
          gunzipSync(await readFile(join(indexDir, name)))
            .toString("utf8")
            .replace(/^pagefind_dcd/, ""),
        ) as Fragment,
    ),
  );
  return decoded.sort((a, b) => a.url.localeCompare(b.url));
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "referat-index-"));
  for (const name of ["a", "b"]) {
    await cp(FIXTURE, join(dir, name), { recursive: true });
    // No cache: "b" is Pagefind's second run over the same pages, not a copy of "a".
    await buildSearchIndex({ siteDir: join(dir, name), archive, pathPrefix: "/", cache: false });
  }
  // Parts of one meeting each: the 2024 meeting in the newest part, the 2023 one in the older.
  await cp(FIXTURE, join(dir, "split"), { recursive: true });
  await buildSearchIndex({ siteDir: join(dir, "split"), archive, pathPrefix: "/", partSize: 1, cache: false });
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("buildSearchIndex", () => {
  it("writes one index in the municipality's folder, without Pagefind's own UIs", async () => {
    const written = await files(join(dir, "a/demo/pagefind"));
    expect(written).toContain("pagefind.js");
    expect(written).toContain("pagefind-worker.js");
    expect(written).toContain("wasm.da.pagefind");
    expect(written.some((f) => /^pagefind\.da_\w+\.pf_meta$/.test(f))).toBe(true);
    expect(written.filter((f) => f.startsWith("fragment/"))).toHaveLength(2);
    expect(written.some((f) => /ui|highlight|unknown|playground/.test(f))).toBe(false);
  });

  it("indexes only the meeting's content, with its filters, metadata and item anchors", async () => {
    const [older, newer] = await fragments(join(dir, "a/demo/pagefind"));
    expect(newer?.url).toBe("/demo/raad/2024-05-14/");
    expect(newer?.filters).toEqual({
      kommune: ["Demo Kommune"],
      råd: ["Udsatterådet"],
      år: ["2024"],
      status: ["referat"],
      punkttype: ["beslutning"],
    });
    expect(newer?.meta).toMatchObject({ date: "2024-05-14", council: "Udsatterådet", municipality: "Demo Kommune", title: "Referat af møde i Udsatte^rådet^" });
    expect(newer?.anchors.map((a) => a.id)).toEqual(["punkt-1", "punkt-2"]);
    for (const word of ["Navigationsmenuord", "Brødkrummeord", "Indholdsfortegnelsesord", "Sidefodsord", "Spring"]) {
      expect(newer?.content).not.toContain(word);
    }
    expect(older?.filters.status).toEqual(["dagsorden"]);
  });

  it("marks compounds' parts and blocks' ends for Pagefind only, not on the page", async () => {
    const [, newer] = await fragments(join(dir, "a/demo/pagefind"));
    expect(newer?.content).toContain("Tilbuddet i social^tandplejen blev drøftet");
    expect(newer?.content).toContain("hjemløse^udspillet");
    expect(newer?.content).toContain("2. Regeringens hjemløse^udspil^");
    // Titles carry the marks too; the search page reads them back (cleanText).
    expect(newer?.meta.title).toBe("Referat af møde i Udsatte^rådet^");
    expect(newer?.anchors.map((a) => a.text)).toEqual(["1. Social^tandplejen^", "2. Regeringens hjemløse^udspil^"]);
    const page = await readFile(join(dir, "a/demo/raad/2024-05-14/index.html"), "utf8");
    expect(page).not.toContain("^");
  });

  it("writes the search page's list of indexes", async () => {
    const config = JSON.parse(await readFile(join(dir, "a/soeg/indexes.json"), "utf8")) as SearchConfig;
    expect(config).toEqual({ indexes: [{ id: "demo", kommune: "demo", name: "Demo Kommune", bundlePath: "/demo/pagefind/", baseUrl: "/" }] });
    expect(searchConfig({ siteDir: "", archive, pathPrefix: "/referater/" }).indexes[0]).toMatchObject({
      bundlePath: "/referater/demo/pagefind/",
      baseUrl: "/referater/",
    });
    expect(
      searchConfig({
        siteDir: "",
        archive,
        pathPrefix: "/",
        merge: [{ name: "Aarhus Kommune", bundlePath: "https://x.dk/aarhus/pagefind", baseUrl: "https://x.dk" }],
      }).indexes[1],
    ).toEqual({ name: "Aarhus Kommune", bundlePath: "https://x.dk/aarhus/pagefind/", baseUrl: "https://x.dk/" });
  });

  it("splits a municipality with more meetings than the part size into indexes by period", async () => {
    const config = JSON.parse(await readFile(join(dir, "split/soeg/indexes.json"), "utf8")) as SearchConfig;
    expect(config.indexes).toEqual([
      { id: "demo", kommune: "demo", name: "Demo Kommune", bundlePath: "/demo/pagefind/", baseUrl: "/", from: "2024-05-14", to: "2024-05-14" },
      { id: "demo-1", kommune: "demo", name: "Demo Kommune", bundlePath: "/demo/pagefind-1/", baseUrl: "/", from: "2023-01-10", to: "2023-01-10" },
    ]);
    expect((await fragments(join(dir, "split/demo/pagefind"))).map((f) => f.url)).toEqual(["/demo/raad/2024-05-14/"]);
    expect((await fragments(join(dir, "split/demo/pagefind-1"))).map((f) => f.url)).toEqual(["/demo/raad/2023-01-10/"]);
    // Each part is a whole bundle of its own, as the search page loads it.
    for (const part of ["pagefind", "pagefind-1"]) {
      const written = await files(join(dir, "split/demo", part));
      expect(written).toEqual(expect.arrayContaining(["pagefind.js", "pagefind-entry.json", "wasm.da.pagefind"]));
    }
    // The fragments themselves are the same as in the unsplit index.
    const whole = await fragments(join(dir, "a/demo/pagefind"));
    const parts = [...(await fragments(join(dir, "split/demo/pagefind"))), ...(await fragments(join(dir, "split/demo/pagefind-1")))];
    expect(parts.sort((x, y) => x.url.localeCompare(y.url))).toEqual(whole);
    expect((await readdir(join(dir, "split"))).filter((name) => name.startsWith(".search-pages"))).toEqual([]);
  });

  it("gives identical files for the same content", async () => {
    const a = await files(join(dir, "a"));
    expect(await files(join(dir, "b"))).toEqual(a);
    for (const file of a) {
      expect((await readFile(join(dir, "b", file))).equals(await readFile(join(dir, "a", file))), file).toBe(true);
    }
  });

  it("leaves no scratch folder of prepared pages, also when indexing fails", async () => {
    expect((await readdir(join(dir, "a"))).filter((name) => name.startsWith(".search-pages"))).toEqual([]);
    const site = join(dir, "broken");
    await cp(FIXTURE, site, { recursive: true });
    const missing = {
      kommuner: [
        { ...archive.kommuner[0]!, councils: [{ ...archive.kommuner[0]!.councils[0]!, meetings: [meetingOf("2024-05-14"), meetingOf("1999-01-01")] }] },
      ],
    };
    await expect(buildSearchIndex({ siteDir: site, archive: missing, pathPrefix: "/", cache: false })).rejects.toThrow();
    expect((await readdir(site)).filter((name) => name.startsWith(".search-pages"))).toEqual([]);
  });
});

describe("buildSearchIndex with a cache", () => {
  it("indexes again only the parts whose pages changed, and publishes the same index either way", async () => {
    const cache = new IndexCache(join(dir, "cache"));
    const build = async (name: string, edit?: (site: string) => Promise<void>) => {
      await cp(FIXTURE, join(dir, name), { recursive: true });
      await edit?.(join(dir, name));
      return buildSearchIndex({ siteDir: join(dir, name), archive, pathPrefix: "/", partSize: 1, cache });
    };
    // Without the render stage's pages, every page Pagefind reads is read back from the site and prepared.
    expect(await build("c1")).toEqual({ parts: 2, reused: 0, cacheDir: cache.dir, pages: { rendered: 0, stored: 0, read: 2 } });
    expect(await build("c2")).toEqual({ parts: 2, reused: 2, cacheDir: cache.dir, pages: { rendered: 0, stored: 0, read: 2 } });
    for (const part of ["pagefind", "pagefind-1"]) {
      const written = await files(join(dir, "c1/demo", part));
      expect(await files(join(dir, "c2/demo", part))).toEqual(written);
      for (const file of written)
        expect((await readFile(join(dir, "c2/demo", part, file))).equals(await readFile(join(dir, "c1/demo", part, file))), file).toBe(true);
    }
    // The 2024 meeting (the newest part) changes: only that part is indexed again.
    const newer = "demo/raad/2024-05-14/index.html";
    const edited = await build("c3", async (site) => {
      const page = await readFile(join(site, newer), "utf8");
      await writeFile(join(site, newer), page.replace("blev drøftet", "blev vedtaget med ændringen om tandpleje"));
    });
    expect(edited).toEqual({ parts: 2, reused: 1, cacheDir: cache.dir, pages: { rendered: 0, stored: 0, read: 2 } });
    expect((await fragments(join(dir, "c3/demo/pagefind")))[0]?.content).toContain("blev vedtaget med ændringen om tand^pleje");
    expect(await fragments(join(dir, "c3/demo/pagefind-1"))).toEqual(await fragments(join(dir, "c1/demo/pagefind-1")));
    // Its vocabulary, made with the words of the unchanged pages' fragments from the cache, is the one made from every fragment.
    expect((await cache.fragmentWords("demo")).size).toBe((await readdir(join(dir, "c3/demo/pagefind/fragment"))).length);
    const again = join(dir, "c3-vocabulary");
    await cp(join(dir, "c3/demo/pagefind"), again, { recursive: true });
    await writeVocabulary(again);
    expect(await readFile(join(again, VOCABULARY_FILE), "utf8")).toBe(await readFile(join(dir, "c3/demo/pagefind", VOCABULARY_FILE), "utf8"));
    // Back as it was: the first entry is still there.
    expect(await build("c4")).toMatchObject({ parts: 2, reused: 2, cacheDir: cache.dir });
    expect((await fragments(join(dir, "c4/demo/pagefind")))[0]?.content).toContain("blev drøftet");
    expect((await readdir(join(dir, "c4"))).filter((name) => name.startsWith(".search-pages"))).toEqual([]);
  });

  it("publishes nothing of a forged entry: a changed fragment and an added script, with a manifest to match", async () => {
    const cache = new IndexCache(join(dir, "cache-forged"));
    await cp(FIXTURE, join(dir, "f1"), { recursive: true });
    await buildSearchIndex({ siteDir: join(dir, "f1"), archive, pathPrefix: "/", cache });
    const [entry] = await readdir(cache.dir);
    const stored = join(cache.dir, entry!, "files");
    expect((await files(stored)).filter((f) => /\.js$|wasm/.test(f))).toEqual([]);
    const fragment = (await files(stored)).find((f) => f.startsWith("fragment/"))!;
    await rm(join(stored, fragment));
    await writeFile(join(stored, fragment), "FORGED-FRAGMENT");
    await writeFile(join(stored, "pagefind.js"), "/* FORGED-SCRIPT */ alert(document.domain)");
    const manifestFile = join(cache.dir, entry!, "manifest.json");
    const manifest = JSON.parse(await readFile(manifestFile, "utf8")) as { files: { path: string; size: number; sha256: string }[] };
    manifest.files = await Promise.all(
      (await files(stored)).map(async (path) => {
        const bytes = await readFile(join(stored, path));
        return { path, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
      }),
    );
    await writeFile(manifestFile, JSON.stringify(manifest));
    await cp(FIXTURE, join(dir, "f2"), { recursive: true });
    expect(await buildSearchIndex({ siteDir: join(dir, "f2"), archive, pathPrefix: "/", cache })).toMatchObject({ parts: 1, reused: 0 });
    const published = await files(join(dir, "f2/demo/pagefind"));
    expect(published).toEqual(await files(join(dir, "f1/demo/pagefind")));
    for (const file of published) {
      const bytes = await readFile(join(dir, "f2/demo/pagefind", file));
      expect(bytes.equals(await readFile(join(dir, "f1/demo/pagefind", file))), file).toBe(true);
      expect(bytes.includes("FORGED")).toBe(false);
    }
  });

  it("indexes with Pagefind when an entry is damaged", async () => {
    const cache = new IndexCache(join(dir, "cache-damaged"));
    await cp(FIXTURE, join(dir, "d1"), { recursive: true });
    await buildSearchIndex({ siteDir: join(dir, "d1"), archive, pathPrefix: "/", cache });
    const [entry] = await readdir(cache.dir);
    const fragment = (await files(join(cache.dir, entry!, "files"))).find((f) => f.startsWith("fragment/"))!;
    await rm(join(cache.dir, entry!, "files", fragment));
    await writeFile(join(cache.dir, entry!, "files", fragment), "not a fragment");
    await cp(FIXTURE, join(dir, "d2"), { recursive: true });
    expect(await buildSearchIndex({ siteDir: join(dir, "d2"), archive, pathPrefix: "/", cache })).toMatchObject({ parts: 1, reused: 0 });
    expect(await fragments(join(dir, "d2/demo/pagefind"))).toEqual(await fragments(join(dir, "d1/demo/pagefind")));
  });
});

describe("Pagefind's index chunk size", () => {
  // Forty meeting pages of 600 made-up words each: enough word index for several chunks.
  const SYLLABLES = ["ba", "ke", "ti", "mo", "su", "ra", "ne", "lo"];
  const words = SYLLABLES.flatMap((a) => SYLLABLES.flatMap((b) => SYLLABLES.map((c) => `${a}${b}${c}r`)));
  const meetings = Array.from({ length: 40 }, (_, i) => meetingOf(`2024-0${1 + Math.floor(i / 20)}-${String(1 + (i % 20)).padStart(2, "0")}`));
  const many: Archive = { ...archive, kommuner: [{ ...archive.kommuner[0]!, councils: [{ ...archive.kommuner[0]!.councils[0]!, meetings }] }] };
  const page = (n: number) =>
    `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Møde ${n}</title></head><body><main><article data-pagefind-body=""><h1>Møde ${n}</h1><section><h2 id="punkt-1">1. Punkt</h2><p>${Array.from({ length: 600 }, (_, j) => words[(n * 31 + j * 7) % words.length]).join(" ")}</p></section></article></main></body></html>`;
  const writeSite = async (site: string) => {
    for (const [n, m] of meetings.entries()) {
      await mkdir(join(site, m.url), { recursive: true });
      await writeFile(join(site, m.url, "index.html"), page(n));
    }
  };
  const chunks = async (indexDir: string) => {
    const names = (await files(indexDir)).filter((f) => /^index\/.*\.pf_index$/.test(f));
    return Promise.all(names.map(async (name) => (await stat(join(indexDir, name))).size));
  };

  it("cuts the word index into smaller, more numerous chunks than Pagefind's own default", async () => {
    const site = join(dir, "chunks");
    await writeSite(site);
    // Pagefind alone, without the setting, over the same pages.
    await runPagefind(["--site", site, "--output-path", join(dir, "chunks-default"), "--force-language", "da", "--silent"]);
    await buildSearchIndex({ siteDir: site, archive: many, pathPrefix: "/", cache: false });
    const own = await chunks(join(site, "demo/pagefind"));
    const plain = await chunks(join(dir, "chunks-default"));
    expect(plain.length).toBeGreaterThanOrEqual(1);
    expect(own.length).toBeGreaterThan(2 * plain.length);
    expect(Math.max(...own)).toBeLessThan(Math.max(...plain) / 2);
  });

  it("is part of the index cache's key, with Pagefind's version", async () => {
    const cache = new IndexCache(join(dir, "cache-chunks"));
    const build = async (name: string, indexChunkSize?: number) => {
      await cp(FIXTURE, join(dir, name), { recursive: true });
      return buildSearchIndex({ siteDir: join(dir, name), archive, pathPrefix: "/", cache, ...(indexChunkSize ? { indexChunkSize } : {}) });
    };
    expect(await build("k1")).toMatchObject({ reused: 0 });
    expect(await build("k2")).toMatchObject({ reused: 1 });
    expect(await build("k3", INDEX_CHUNK_SIZE * 2)).toMatchObject({ reused: 0 });
    expect(pagefindVersion()).toBe(JSON.parse(await readFile(join(import.meta.dirname, "../../package.json"), "utf8")).dependencies.pagefind);
  });
});
