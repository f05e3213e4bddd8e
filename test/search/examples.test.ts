import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadArchive } from "../../src/content/load.ts";
import { countWords, exportCounts, importCounts, searchExamples } from "../../src/search/examples.ts";

describe("searchExamples", () => {
  it("takes words and a phrase from the example archive's item titles, none beginning another", async () => {
    const { archive } = await loadArchive(join(import.meta.dirname, "../../content"));
    const all = searchExamples(archive.kommuner);
    expect(all).toEqual(["udsatte", "forvaltningen", "socialudvalget", '"socialt frikort"']);
    const roskilde = archive.kommuner.find((k) => k.slug === "roskilde");
    expect(searchExamples(roskilde ? [roskilde] : [])).toEqual(["klagestatistik", "nødovernatning", "udsattepolitik", '"social profil"']);
    expect(searchExamples([])).toEqual([]);
  });

  it("gives after a meeting is replaced in place what a fresh archive with that meeting gives", async () => {
    const dir = join(import.meta.dirname, "../../content");
    const { archive } = await loadArchive(dir);
    const roskilde = archive.kommuner.find((k) => k.slug === "roskilde")!;
    expect(searchExamples([roskilde])).toEqual(["klagestatistik", "nødovernatning", "udsattepolitik", '"social profil"']);
    searchExamples(archive.kommuner);
    // As referat serve does: a new meeting object in the old one's place, here with new item titles.
    const council = roskilde.councils[0]!;
    const before = council.meetings[0]!;
    const titles = ["Vinterberedskab for gadesovere", "Vinterberedskab for gadesovere og varmestuer", "Vinterberedskab i weekenden"];
    const changed = { ...before, items: before.items.map((item, i) => ({ ...item, title: titles[i % titles.length]!, editorial: [], closed: false })) };
    council.meetings[0] = changed;
    const fresh = structuredClone(archive);
    const freshRoskilde = fresh.kommuner.find((k) => k.slug === "roskilde")!;
    expect(searchExamples([roskilde])).toEqual(searchExamples([freshRoskilde]));
    expect(searchExamples(archive.kommuner)).toEqual(searchExamples(fresh.kommuner));
    expect(searchExamples([roskilde])).toContain("vinterberedskab");
    // And back: the counts of the replaced meeting are taken out again.
    council.meetings[0] = before;
    expect(searchExamples([roskilde])).toEqual(["klagestatistik", "nødovernatning", "udsattepolitik", '"social profil"']);
  });

  it("counts a text's words as matching \\p{L}+ in its Danish lowercase does, beyond Latin letters and the first 65,536 characters too", () => {
    const text = [
      "Ældreplejen og BØRN: 12 stk. à 3,5 kr. — «Åbent» hus/fællesspisning; e-mail",
      "ĞİSTANBUL ǅemal µ-meter ºC ª 𝐀𝐁C 𐐀𐐨 x\u0307y",
      "\ud800 lone \udc00 surrogates",
      "ﬁnal Straße ΣΊΣΥΦΟΣ",
    ].join("\n");
    const counted = new Map<string, number>();
    countWords(text, counted);
    const expected = new Map<string, number>();
    for (const word of text.toLocaleLowerCase("da").match(/\p{L}+/gu) ?? []) expected.set(word, (expected.get(word) ?? 0) + 1);
    expect([...counted]).toEqual([...expected]);
    expect(counted.get("ældreplejen")).toBe(1);
  });

  it("gives a municipality's counts to another process (the render cache) only for the meetings they were made of", async () => {
    const { archive } = await loadArchive(join(import.meta.dirname, "../../content"));
    const roskilde = archive.kommuner.find((k) => k.slug === "roskilde")!;
    expect(exportCounts(roskilde)).toBeUndefined();
    const examples = searchExamples([roskilde]);
    const json = exportCounts(roskilde)!;
    expect(json).toBeDefined();
    // Another build's objects for the same meetings: the counts taken over give the same examples.
    const again = structuredClone(roskilde);
    expect(importCounts(again, json)).toBe(true);
    expect(searchExamples([again])).toEqual(examples);
    expect(importCounts(structuredClone(roskilde), "{}")).toBe(false);
    expect(importCounts(structuredClone(roskilde), "ikke json")).toBe(false);
    // A meeting replaced since the counts were made: they are no longer its municipality's as it is.
    const council = roskilde.councils[0]!;
    council.meetings[0] = { ...council.meetings[0]! };
    expect(exportCounts(roskilde)).toBeUndefined();
  });
});
