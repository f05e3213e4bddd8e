import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { VOCABULARY_FILE, vocabularyOf, wordsOf, writeVocabulary } from "../../src/search/vocabulary.ts";
import { buildTestSite } from "../browser/harness.ts";

describe("the vocabulary", () => {
  it("reads the index's text without its marks, words of four letters or more", () => {
    expect(wordsOf("^| 2. Fokus på Social^tandplejen^ og 2^^3 frikort.")).toEqual(["fokus", "socialtandplejen", "frikort"]);
  });

  it("lists the most frequent words first, then alphabetically, and keeps at most the size asked", () => {
    expect(vocabularyOf(["bolig boliger bolig", "Bolig ældre ældre"])).toBe("bolig 3\nældre 2\nboliger 1\n");
    expect(vocabularyOf(["bolig boliger bolig"], 1)).toBe("bolig 2\n");
  });

  it("is written beside each index, from its pages' text", async () => {
    const dir = await mkdtemp(join(tmpdir(), "referat-vocabulary-"));
    try {
      const content = join(import.meta.dirname, "../../content");
      await buildTestSite({ contentDir: content, outDir: join(dir, "site"), kommune: "roskilde" });
      const words = await readFile(join(dir, "site/roskilde/pagefind", VOCABULARY_FILE), "utf8");
      expect(words.split("\n")).toEqual(expect.arrayContaining(["nødovernatning 2", "vinternødovernatning 2"]));
      expect(words).not.toMatch(/\^/);
      // Made again with every fragment's words known (as the index cache keeps them), the same file;
      // a fragment's words are taken from what is known, by the SHA-256 of the fragment file.
      const index = join(dir, "site/roskilde/pagefind");
      const known = await writeVocabulary(index);
      expect(await readFile(join(index, VOCABULARY_FILE), "utf8")).toBe(words);
      const copy = join(dir, "copy");
      await cp(index, copy, { recursive: true });
      await writeVocabulary(copy, known);
      expect(await readFile(join(copy, VOCABULARY_FILE), "utf8")).toBe(words);
      const first = (await readdir(join(index, "fragment"))).sort()[0]!;
      const sha256 = createHash("sha256")
        .update(await readFile(join(index, "fragment", first)))
        .digest("hex");
      await writeVocabulary(copy, new Map([[sha256, "kendtord kendtord kendtord"]]));
      expect(await readFile(join(copy, VOCABULARY_FILE), "utf8")).toMatch(/^kendtord 3$/m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
