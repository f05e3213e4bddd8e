import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMergedIndexes } from "../../src/search/portal.ts";

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

describe("readMergedIndexes", () => {
  it("reads the other sites' indexes from portal.yaml", async () => {
    const folder = await withPortal(
      "search:\n  merge:\n    - name: Aarhus Kommune\n      index: https://referater.aarhus.dk/aarhus/pagefind/\n      site: https://referater.aarhus.dk/\n",
    );
    expect(await readMergedIndexes(folder)).toEqual([
      { name: "Aarhus Kommune", bundlePath: "https://referater.aarhus.dk/aarhus/pagefind/", baseUrl: "https://referater.aarhus.dk/" },
    ]);
  });

  it("reads the parts of another site's split index as one index each", async () => {
    const folder = await withPortal(
      "search:\n  merge:\n    - name: Aarhus Kommune\n      index:\n        - https://x.dk/aarhus/pagefind/\n        - https://x.dk/aarhus/pagefind-1/\n      site: https://x.dk/\n",
    );
    expect(await readMergedIndexes(folder)).toEqual([
      { name: "Aarhus Kommune", bundlePath: "https://x.dk/aarhus/pagefind/", baseUrl: "https://x.dk/" },
      { name: "Aarhus Kommune", bundlePath: "https://x.dk/aarhus/pagefind-1/", baseUrl: "https://x.dk/" },
    ]);
  });

  it("merges nothing without portal.yaml or without search.merge", async () => {
    expect(await readMergedIndexes(await withPortal(undefined))).toEqual([]);
    expect(await readMergedIndexes(await withPortal("search: {}\n"))).toEqual([]);
  });

  it("says in Danish which field is wrong", async () => {
    const folder = await withPortal("search:\n  merge:\n    - name: Aarhus Kommune\n      index: aarhus/pagefind\n      site: https://x.dk/\n");
    await expect(readMergedIndexes(folder)).rejects.toThrow(
      `${join(folder, "portal.yaml")}: search.merge[0].index: skal være adressen på søgeindekset, fx "https://referater.aarhus.dk/aarhus/pagefind/", eller en liste af adresser på dets dele, men er "aarhus/pagefind"`,
    );
    const badPart = await withPortal("search:\n  merge:\n    - name: Aarhus Kommune\n      index: [https://x.dk/aarhus/pagefind/, aarhus/pagefind-1]\n      site: https://x.dk/\n");
    await expect(readMergedIndexes(badPart)).rejects.toThrow('search.merge[0].index: skal være adressen på søgeindekset');
    const noParts = await withPortal("search:\n  merge:\n    - name: Aarhus Kommune\n      index: []\n      site: https://x.dk/\n");
    await expect(readMergedIndexes(noParts)).rejects.toThrow("men er []");
    await expect(readMergedIndexes(await withPortal("search:\n  merge: ja\n"))).rejects.toThrow("search.merge: skal være en liste af indeks");
  });
});
