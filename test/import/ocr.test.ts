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

  it.each([
    ["ngdberedskab", "nødberedskab"],
    ["Ngdhjaelp", "Nødhjælp"],
    ["sgbredden", "søbredden"],
    ["dgdsfaldet", "dødsfaldet"],
  ])("repairs %s to %s, a compound with a three-letter part", (broken, repaired) => {
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

  it("reads the frequent short words whose OCR spelling is a dictionary word (pa, ar, nar) in a damaged document", () => {
    // An ældreråd's scanned minutes: æ, ø and å are broken throughout.
    const { lines, repairs, damaged } = repairLines(
      [
        "Ældreradet drgftede madordningen pa plejecentrene.",
        "Radet vil fa en status om et ar, nar kommunen har evalueret ordningen.",
        "Formanden sa gerne, at Radet ogsa kan ga med pa besgg.",
      ],
      words,
    );
    expect(damaged).toBe(true);
    expect(lines).toEqual([
      "Ældrerådet drøftede madordningen på plejecentrene.",
      "Rådet vil få en status om et år, når kommunen har evalueret ordningen.",
      "Formanden så gerne, at Rådet også kan gå med på besøg.",
    ]);
    expect(repairs.map((repair) => `${repair.from} → ${repair.to}`)).toEqual(
      expect.arrayContaining(["pa → på", "ar → år", "nar → når", "fa → få", "sa → så", "ga → gå"]),
    );
  });

  it("leaves a document whose æ, ø and å are right as written, and names the unknown words it held back", () => {
    // A handicapråd's web page: the letters are right; the unknown words are a name and a slip.
    const text = [
      "Handicaprådet mødtes på rådhuset i Sønderborg den 3. maj 2023.",
      "Til stede: Jørgen Bækgaard, Mette Sendergaard, Søren Østergaard og Åse Møller.",
      "Rådet drøftede tilgængelighed på stationen og ønsker en høring, når planen er klar. radet tog det til efterretning.",
      "PA-anlægget i salen og pa-systemet bør forbedres; et ar er ikke nok.",
    ];
    const { lines, repairs, held, damaged } = repairLines(text, words);
    expect(damaged).toBe(false);
    expect(lines).toEqual(text);
    expect(repairs).toEqual([]);
    expect(held.map((repair) => `${repair.from} → ${repair.to}`)).toEqual(["Sendergaard → Sendergård", "radet → rådet"]);
  });

  it("leaves a short abbreviation before a full stop alone", () => {
    expect(repairLines(["vedr. lokaler"], words).lines).toEqual(["vedr. lokaler"]);
  });
});
