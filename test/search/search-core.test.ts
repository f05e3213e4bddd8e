// The search page's pure logic (templates/assets/search-core.js), without a browser.
import { describe, expect, it } from "vitest";
import {
  answersQuery,
  answersTerm,
  cleanText,
  decodeMarks,
  editDistance,
  excerptOf,
  parseQuery,
  parseState,
  parseVocabulary,
  phraseOccurrences,
  resultView,
  searchOptions,
  sortFilterValues,
  stateToQuery,
  statusText,
  suggest,
  wordForms,
} from "../../templates/assets/search-core.js";

describe("the query string", () => {
  it("reads the query, the order and the filters", () => {
    expect(parseState("?q=+bolig+&sortering=nyeste&kommune=Gladsaxe+Kommune&%C3%A5r=2023&%C3%A5r=2021&ukendt=x")).toEqual({
      q: "bolig",
      sort: "nyeste",
      filters: { kommune: ["Gladsaxe Kommune"], år: ["2023", "2021"] },
    });
    expect(parseState("")).toEqual({ q: "", sort: "relevans", filters: {} });
  });

  it("writes what it reads, so a link opens the same search", () => {
    const query = stateToQuery({ q: "socialt frikort", sort: "nyeste", filters: { råd: ["Udsatterådet"], status: ["referat"] } });
    expect(query).toBe("?q=socialt+frikort&sortering=nyeste&r%C3%A5d=Udsatter%C3%A5det&status=referat");
    expect(parseState(query)).toEqual({ q: "socialt frikort", sort: "nyeste", filters: { råd: ["Udsatterådet"], status: ["referat"] } });
    expect(stateToQuery({ q: "", sort: "relevans", filters: {} })).toBe("");
  });

  it("asks Pagefind for any of a filter's values, and for the date sort", () => {
    expect(searchOptions({ q: "x", sort: "nyeste", filters: { kommune: ["A", "B"] } })).toEqual({
      filters: { kommune: { any: ["A", "B"] } },
      sort: { date: "desc" },
    });
    expect(searchOptions({ q: "x", sort: "relevans", filters: {} })).toEqual({ filters: {} });
  });
});

describe("the announcement", () => {
  it("counts in Danish", () => {
    const state = { q: "bolig", sort: "relevans" as const, filters: {} };
    expect(statusText(12, state)).toBe("12 resultater for »bolig«");
    expect(statusText(1, state)).toBe("1 resultat for »bolig«");
    expect(statusText(0, state)).toBe("Ingen resultater for »bolig«");
    expect(statusText(3, { ...state, filters: { år: ["2023"] } })).toBe("3 resultater for »bolig« med de valgte filtre");
    expect(statusText(5, { q: "", sort: "relevans", filters: { status: ["referat"] } })).toBe("5 møder med de valgte filtre");
  });

  it("lists years newest first and names alphabetically", () => {
    expect(sortFilterValues("år", ["2019", "2025", "2021"])).toEqual(["2025", "2021", "2019"]);
    expect(sortFilterValues("kommune", ["Århus", "Odense", "Aalborg"])).toEqual(["Odense", "Aalborg", "Århus"]);
  });
});

describe("the index's marks", () => {
  it("are read back: a compound's cut and a block's end vanish, a doubled \"^\" is one", () => {
    expect(decodeMarks("Social^tandplejen^")).toBe("Socialtandplejen");
    expect(decodeMarks("2^^3")).toBe("2^3");
    expect(decodeMarks("x^^^")).toBe("x^");
    expect(cleanText("4. Opfølgning på Social^tandplejen^ ")).toBe("4. Opfølgning på Socialtandplejen");
  });

  it("give a compound's forms: the word and its parts", () => {
    expect(wordForms("Frikort^ordningen,")).toEqual(["frikortordningen", "frikort", "ordningen"]);
    expect(wordForms("dagsorden^")).toEqual(["dagsorden"]);
    expect(wordForms("^")).toEqual([]);
  });
});

describe("queries", () => {
  it("read quoted phrases, and ask Pagefind's exact search for a query that is one phrase", () => {
    expect(parseQuery('"socialt frikort"')).toEqual({ words: ["socialt", "frikort"], phrases: [["socialt", "frikort"]], term: '"socialt frikort"' });
    expect(parseQuery("»socialt frikort« Albertslund")).toEqual({
      words: ["socialt", "frikort", "albertslund"],
      phrases: [["socialt", "frikort"]],
      term: "socialt frikort Albertslund",
    });
    expect(parseQuery("bolig")).toEqual({ words: ["bolig"], phrases: [], term: "bolig" });
  });

  it("find a phrase's occurrences, inflected, and never across a gap", () => {
    const tokens = "Et socialt frikort^ og det sociale frikort”. socialt ^| frikort".split(" ");
    expect(phraseOccurrences(tokens, [["socialt", "frikort"]])).toEqual([
      [1, 2],
      [5, 6],
    ]);
  });
});

describe("excerpts", () => {
  const tokens = "^| 2. Fokus på socialt frikort^ ^ Beslutning^ Et socialt frikort kan give Udsatte^rådet^ mulighed ^| # Link".split(" ");

  it("are the page's words around the hits, without marks, and stop at a gap", () => {
    expect(excerptOf(tokens, { marks: [10], length: 30 })).toEqual([
      { text: "2. Fokus på socialt frikort Beslutning Et socialt ", mark: false },
      { text: "frikort", mark: true },
      { text: " kan give Udsatterådet mulighed", mark: false },
    ]);
  });

  it("mark a phrase as one", () => {
    expect(excerptOf(tokens, { marks: [9, 10], length: 4 })).toEqual([
      { text: "Et ", mark: false },
      { text: "socialt frikort", mark: true },
      { text: " kan", mark: false },
    ]);
  });

  it("of a result show its items, those with the phrase first, and mark only forms of the query's words", () => {
    const content =
      "Referat^ ^| 1. Godkendelse^ Lokaler og socialt frikort. Bolbro^ ^| 2. Fokus på socialt frikort^ Et socialt frikort kan ^| 3. Frikort^ordningen^ Om boliger^";
    const anchors = [
      { id: "punkt-1", element: "h2", location: 2, text: "1. Godkendelse^" },
      { id: "punkt-2", element: "h2", location: 10, text: "2. Fokus på socialt frikort^" },
      { id: "punkt-3", element: "h2", location: 20, text: "3. Frikort^ordningen^" },
    ];
    const data = { url: "/a/", content, anchors, locations: [6, 8, 23], meta: {} };
    const phrase = resultView(data, '"socialt frikort"');
    expect(phrase.items.map((item) => item.url)).toEqual(["/a/#punkt-2", "/a/#punkt-1"]);
    expect(phrase.items[0]?.titleSegments).toEqual([
      { text: "2. Fokus på ", mark: false },
      { text: "socialt frikort", mark: true },
    ]);
    expect(phrase.items[0]?.segments.filter((s) => s.mark).map((s) => s.text)).toEqual(["socialt frikort"]);
    // "bolig" is found by Pagefind in "Bolbro" (location 8) too; only "boliger" is marked.
    const bolig = resultView({ ...data, locations: [8, 23] }, "bolig");
    expect(bolig.items.map((item) => [item.url, item.segments.filter((s) => s.mark).map((s) => s.text)])).toEqual([["/a/#punkt-3", ["boliger"]]]);
    // A compound is found by its part, and the whole word is marked.
    const ordning = resultView({ ...data, locations: [21] }, "ordning");
    expect(ordning.items[0]?.titleSegments).toEqual([
      { text: "3. ", mark: false },
      { text: "Frikortordningen", mark: true },
    ]);
  });
});

describe("Pagefind's nearest-word fallback", () => {
  it("accepts a word that begins with the term, or differs by an ending", () => {
    expect(answersTerm("Værebro", "værebro")).toBe(true);
    expect(answersTerm("udspillet", "udspil")).toBe(true);
    expect(answersTerm("beslutningen", "beslutningerne")).toBe(true);
    expect(answersTerm("mødet", "møderne")).toBe(true);
    expect(answersTerm("tandplejen", "tandpleje")).toBe(true);
    expect(answersTerm("Rådet", "radet")).toBe(true);
  });

  it("rejects a shorter word that only shares a beginning", () => {
    expect(answersTerm("være", "værebro")).toBe(false);
    expect(answersTerm("socialt", "socialtandplejen")).toBe(false);
    expect(answersTerm("sørge", "søren")).toBe(false);
    expect(answersTerm("Bolbro", "bolig")).toBe(false);
  });

  it("judges a result by the words at its matched locations", () => {
    const data = { content: "Vi var i Værebro og det var godt at være der", locations: [3] };
    expect(answersQuery(data, "værebro")).toBe(true);
    expect(answersQuery({ ...data, locations: [9] }, "værebro")).toBe(false);
    expect(answersQuery(data, "")).toBe(true);
  });
});

describe("spelling suggestions", () => {
  const vocabulary = parseVocabulary("udsatte 13\nfrikort 5\nsocialt 4\nnødovernatning 4\nværebro 1\nsociale 2\n");

  it("replace each word the archive does not hold by its nearest, the most frequent of the nearest", () => {
    expect(suggest("nødovernating", vocabulary)).toBe("nødovernatning");
    expect(suggest("frikot", vocabulary)).toBe("frikort");
    expect(suggest("socalt frikort", vocabulary)).toBe("socialt frikort");
    expect(suggest('"socalt frikort"', vocabulary)).toBe('"socialt frikort"');
  });

  it("know Danish letters: å, æ, ø written aa, ae, oe, and near letters at half the cost", () => {
    expect(suggest("Vaerebro", vocabulary)).toBe("Værebro");
    expect(suggest("nodovernatning", vocabulary)).toBe("nødovernatning");
    expect(editDistance("nødovernatning", "nodovernatning")).toBe(0.5);
  });

  it("leave words the archive holds, or begins, and suggest nothing far off", () => {
    expect(suggest("frikort", vocabulary)).toBeUndefined();
    expect(suggest("udsat", vocabulary)).toBeUndefined();
    expect(suggest("xyzzyq", vocabulary)).toBeUndefined();
    expect(suggest("frikot", new Map())).toBeUndefined();
  });
});
