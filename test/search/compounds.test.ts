import { beforeAll, describe, expect, it } from "vitest";
import { compoundParts, conditionTest, loadDanishLexicon, splitCompound, type Lexicon } from "../../src/search/compounds.ts";

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
    "møde", "mødet", "møderne", "kommunen", "beslutning", "beslutningerne", "formanden", "medarbejdere",
    "orientering", "muligheder", "borgernes", "stilling", "deltagere", "virksomheder", "pensionister",
    "dagsorden", "sagsbehandler", "gladsaxe", "christina",
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

  it("splits a page's words fast once the lexicon is loaded", () => {
    const words = "socialtandplejen hjemløseudspil beskæftigelsesudvalget udsatterådet kommunen ".repeat(2000).split(" ");
    const start = performance.now();
    for (const word of words) compoundParts(word, lexicon);
    // About 0.3 s alone; generous for a busy two-core machine running other test files.
    expect(performance.now() - start).toBeLessThan(3000);
  });
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
