// The search page's pure logic (templates/assets/search-core.js), without a browser.
import { describe, expect, it } from "vitest";
import {
  answersQuery,
  answersTerm,
  cleanText,
  excerptSegments,
  itemHits,
  parseState,
  searchOptions,
  sortFilterValues,
  stateToQuery,
  statusText,
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

describe("excerpts", () => {
  it("keeps the marks and decodes the text, never parsing markup", () => {
    expect(excerptSegments("Om <mark>boliger</mark> &amp; &lt;script&gt;alert(1)&lt;/script&gt; i dag")).toEqual([
      { text: "Om ", mark: false },
      { text: "boliger", mark: true },
      { text: " & <script>alert(1)</script> i dag", mark: false },
    ]);
    // Pagefind encodes the page's text, so raw tags do not occur; were one there, it would stay
    // text (segments are inserted as text nodes), and only <mark> ever marks.
    expect(excerptSegments('a <img src=x onerror="alert(1)"><mark>b</mark>').every((s) => typeof s.text === "string")).toBe(true);
  });

  it("removes compound parts and marks the compound instead", () => {
    expect(excerptSegments("startet i socialtandplejen ⟦social <mark>tandplejen⟧</mark> og skal")).toEqual([
      { text: "startet i ", mark: false },
      { text: "socialtandplejen", mark: true },
      { text: " og skal", mark: false },
    ]);
    expect(excerptSegments("plejen⟧ er godt og hjemløseudspil ⟦hjemløs")).toEqual([{ text: "er godt og hjemløseudspil", mark: false }]);
    // As the index is written now: the brackets stand apart from the parts.
    expect(excerptSegments("startet i socialtandplejen ⟦ social <mark>tandplejen</mark> ⟧ og skal")).toEqual([
      { text: "startet i ", mark: false },
      { text: "socialtandplejen", mark: true },
      { text: " og skal", mark: false },
    ]);
    expect(excerptSegments("plejen ⟧ er godt og hjemløseudspil ⟦ hjemløs")).toEqual([{ text: "er godt og hjemløseudspil", mark: false }]);
  });

  it("removes compound parts from titles", () => {
    expect(cleanText("4. Opfølgning på Socialtandplejen ⟦social tandplejen tand plejen⟧")).toBe("4. Opfølgning på Socialtandplejen");
    expect(cleanText("4. Opfølgning på Socialtandplejen ⟦ social tandplejen ⟧ i år")).toBe("4. Opfølgning på Socialtandplejen i år");
  });

  it("shows the items a result hits, and not the page itself", () => {
    const subs = [{ url: "/a/" }, { url: "/a/#punkt-2", anchor: { id: "punkt-2" } }, { url: "/a/#x", anchor: { id: "beslutning" } }];
    expect(itemHits(subs).map((s) => s.url)).toEqual(["/a/#punkt-2"]);
  });
});

describe("Pagefind's nearest-word fallback", () => {
  it("accepts a word that begins with the term, or differs by an ending", () => {
    expect(answersTerm("Værebro", "værebro")).toBe(true);
    expect(answersTerm("udspillet", "udspil")).toBe(true);
    expect(answersTerm("beslutningen", "beslutningerne")).toBe(true);
    expect(answersTerm("mødet", "møderne")).toBe(true);
    expect(answersTerm("tandplejen⟧", "tandpleje")).toBe(true);
    expect(answersTerm("Rådet", "radet")).toBe(true);
  });

  it("rejects a shorter word that only shares a beginning", () => {
    expect(answersTerm("være", "værebro")).toBe(false);
    expect(answersTerm("socialt", "socialtandplejen")).toBe(false);
  });

  it("judges a result by the words at its matched locations", () => {
    const data = { content: "Vi var i Værebro og det var godt at være der", locations: [3] };
    expect(answersQuery(data, "værebro")).toBe(true);
    expect(answersQuery({ ...data, locations: [9] }, "værebro")).toBe(false);
    expect(answersQuery(data, "")).toBe(true);
  });
});
