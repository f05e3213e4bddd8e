import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { VOCABULARY_FILE, vocabularyOf, wordsOf } from "../../src/search/vocabulary.ts";
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
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
