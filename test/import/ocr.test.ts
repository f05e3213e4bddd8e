import { beforeAll, describe, expect, it } from "vitest";
import { danishWords, repairLines, repairWord, type WordList } from "../../src/import/ocr.ts";

let words: WordList;
beforeAll(async () => {
  words = await danishWords();
});

describe("repairWord", () => {
  it.each([
    ["radet", "rådet"],
    ["mgde", "møde"],
    ["Ré&det", "Rådet"],
    ["gnsker", "ønsker"],
    ["spgrgsmal", "spørgsmål"],
    ["Beskaeftigelses", "Beskæftigelses"],
    ["hjeelp", "hjælp"],
    ["sekretzer", "sekretær"],
    ["p&", "på"],
    ["omradeleder", "områdeleder"],
  ])("repairs %s to %s", (broken, repaired) => {
    expect(repairWord(broken, words)).toBe(repaired);
  });

  it.each(["er", "andre", "pa", "Meyrowitsch", "SUS", "TinaMaria"])("leaves %s alone (a dictionary word, a name or an abbreviation)", (word) => {
    expect(repairWord(word, words)).toBeUndefined();
  });
});

describe("repairLines", () => {
  it("lists every repair with its count and leaves web addresses as they are", () => {
    const { lines, repairs } = repairLines(["Radet gnsker et mgde.", "Se https://roskilde.dk/moeder og radet."], words);
    expect(lines).toEqual(["Rådet ønsker et møde.", "Se https://roskilde.dk/moeder og rådet."]);
    expect(repairs).toEqual([
      { from: "Radet", to: "Rådet", line: 0, count: 1 },
      { from: "gnsker", to: "ønsker", line: 0, count: 1 },
      { from: "mgde", to: "møde", line: 0, count: 1 },
      { from: "radet", to: "rådet", line: 1, count: 1 },
    ]);
  });

  it("leaves a short abbreviation before a full stop alone", () => {
    expect(repairLines(["vedr. lokaler"], words).lines).toEqual(["vedr. lokaler"]);
  });
});
