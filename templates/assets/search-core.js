// The search page's pure logic, without the DOM: reading and writing the query string, the
// Danish texts, and turning Pagefind's excerpts into safe segments. Plain JavaScript with JSDoc
// types, served as it is (no build step) and tested directly by vitest (test/search/search-core.test.ts).

/** The filters the meeting pages carry (data-pagefind-filter), in the order the page shows them. */
export const FILTERS = /** @type {const} */ ([
  { key: "kommune", legend: "Kommune" },
  { key: "råd", legend: "Råd" },
  { key: "år", legend: "År" },
  { key: "punkttype", legend: "Punkttype" },
  { key: "status", legend: "Status" },
]);

/** Sort orders: the select's values, and what they ask of Pagefind. */
export const SORTS = /** @type {const} */ ({
  relevans: { label: "Bedste match", sort: undefined },
  nyeste: { label: "Nyeste først", sort: { date: "desc" } },
});

/**
 * @typedef {{ q: string, sort: keyof typeof SORTS, filters: Record<string, string[]> }} SearchState
 * @typedef {{ text: string, mark: boolean }} Segment
 */

/**
 * Reads the search from a query string: `?q=bolig&sortering=nyeste&kommune=Gladsaxe+Kommune&år=2023`.
 * @param {string} search `location.search`
 * @returns {SearchState}
 */
export function parseState(search) {
  const params = new URLSearchParams(search);
  /** @type {Record<string, string[]>} */
  const filters = {};
  for (const { key } of FILTERS) {
    const values = params.getAll(key).filter((value) => value !== "");
    if (values.length) filters[key] = [...new Set(values)];
  }
  const sort = params.get("sortering");
  return {
    q: (params.get("q") ?? "").trim(),
    sort: sort === "nyeste" ? "nyeste" : "relevans",
    filters,
  };
}

/**
 * Writes the search as a query string (with "?"), or "" for an empty search: a link to share.
 * @param {SearchState} state
 */
export function stateToQuery(state) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.sort !== "relevans") params.set("sortering", state.sort);
  for (const { key } of FILTERS) for (const value of state.filters[key] ?? []) params.append(key, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}

/**
 * Pagefind's search options for a state: values within one filter are alternatives (any), filters
 * together narrow (all).
 * @param {SearchState} state
 */
export function searchOptions(state) {
  /** @type {Record<string, { any: string[] }>} */
  const filters = {};
  for (const [key, values] of Object.entries(state.filters)) if (values.length) filters[key] = { any: values };
  /** @type {{ filters: Record<string, { any: string[] }>, sort?: Record<string, string> }} */
  const options = { filters };
  const sort = SORTS[state.sort].sort;
  if (sort) options.sort = sort;
  return options;
}

/** @param {SearchState} state */
export function hasFilters(state) {
  return Object.values(state.filters).some((values) => values.length > 0);
}

/**
 * The announcement after a search: "12 resultater for »bolig«".
 * @param {number} count
 * @param {SearchState} state
 */
export function statusText(count, state) {
  const filtered = hasFilters(state) ? " med de valgte filtre" : "";
  if (!state.q) {
    if (count === 0) return `Ingen møder${filtered}`;
    return `${count} ${count === 1 ? "møde" : "møder"}${filtered}`;
  }
  const what = `for »${state.q}«${filtered}`;
  if (count === 0) return `Ingen resultater ${what}`;
  return `${count} ${count === 1 ? "resultat" : "resultater"} ${what}`;
}

/**
 * How a filter value reads on the page: "referat" → "Referat"; names stay as written.
 * @param {string} value
 */
export function filterLabel(value) {
  return value.charAt(0).toLocaleUpperCase("da") + value.slice(1);
}

/**
 * Sorts filter values for display: years newest first, everything else alphabetically in Danish.
 * @param {string} key
 * @param {string[]} values
 */
export function sortFilterValues(key, values) {
  const collator = new Intl.Collator("da");
  return [...values].sort((a, b) => (key === "år" ? b.localeCompare(a) : collator.compare(a, b)));
}

// The brackets around compound parts added at index time (src/search/prepare.ts).
const PARTS_OPEN = "⟦";
const PARTS_CLOSE = "⟧";

/**
 * Removes the compound parts added at index time from a title or other plain text.
 * @param {string} text
 */
export function cleanText(text) {
  return text.replace(/\s*⟦[^⟧]*(⟧|$)/g, "").trim();
}

const ENTITIES = /** @type {Record<string, string>} */ ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" });

/**
 * Decodes the HTML entities Pagefind writes into excerpts (it encodes the page text before marking).
 * @param {string} text
 */
export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name) => {
    const lower = String(name).toLowerCase();
    if (lower.startsWith("#x")) return safeCodePoint(parseInt(lower.slice(2), 16), whole);
    if (lower.startsWith("#")) return safeCodePoint(parseInt(lower.slice(1), 10), whole);
    return ENTITIES[lower] ?? whole;
  });
}

/** @param {number} code @param {string} fallback */
function safeCodePoint(code, fallback) {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/**
 * Turns a Pagefind excerpt (entity-encoded text with `<mark>` around hits) into plain segments,
 * marked or not, that the page inserts as text: nothing from the index is ever parsed as HTML.
 * Compound parts added at index time are removed, and a hit on a part marks its compound.
 * @param {string} excerpt
 * @returns {Segment[]}
 */
export function excerptSegments(excerpt) {
  /** @type {{ text: string, mark: boolean }[]} */
  const words = [];
  for (const raw of excerpt.split(/\s+/)) {
    if (!raw) continue;
    const mark = /<mark>/i.test(raw);
    // Any tag at all is dropped: only the mark survives, as a flag.
    const text = decodeEntities(raw.replace(/<[^>]*>/g, ""));
    if (text) words.push({ text, mark });
  }
  /** @type {{ text: string, mark: boolean }[]} */
  const kept = [];
  // An excerpt may begin inside a group of parts: drop up to its end.
  const firstClose = words.findIndex((w) => w.text.includes(PARTS_CLOSE));
  const firstOpen = words.findIndex((w) => w.text.includes(PARTS_OPEN));
  let i = firstClose !== -1 && (firstOpen === -1 || firstClose < firstOpen) ? firstClose + 1 : 0;
  for (; i < words.length; i++) {
    const word = /** @type {{ text: string, mark: boolean }} */ (words[i]);
    if (!word.text.startsWith(PARTS_OPEN)) {
      kept.push({ ...word });
      continue;
    }
    let hit = false;
    for (; i < words.length; i++) {
      const part = /** @type {{ text: string, mark: boolean }} */ (words[i]);
      hit ||= part.mark;
      if (part.text.endsWith(PARTS_CLOSE)) break;
    }
    const compound = kept.at(-1);
    if (hit && compound) compound.mark = true;
  }
  /** @type {Segment[]} */
  const segments = [];
  for (const [index, word] of kept.entries()) {
    const space = index > 0 ? " " : "";
    const last = segments.at(-1);
    if (word.mark) {
      // The space before a marked word stays outside the mark.
      if (space && last && !last.mark) last.text += space;
      else if (space) segments.push({ text: space, mark: false });
      segments.push({ text: word.text, mark: true });
    } else if (last && !last.mark) {
      last.text += space + word.text;
    } else {
      segments.push({ text: space + word.text, mark: false });
    }
  }
  return segments;
}

/**
 * The sub-results worth showing: the items (`#punkt-N`) a result hits, best first as Pagefind
 * ranks them, at most `limit`.
 * @template {{ url: string, anchor?: { id?: string } }} T
 * @param {T[]} subResults
 * @param {number} limit
 * @returns {T[]}
 */
export function itemHits(subResults, limit = 3) {
  return subResults.filter((sub) => /^punkt-\d+$/.test(sub.anchor?.id ?? "")).slice(0, limit);
}

// Inflectional endings of Danish nouns, adjectives and verbs: what may follow a shared stem.
const ENDINGS = new Set([
  "e", "n", "r", "s", "t", "en", "er", "es", "et", "ne", "ns", "rs", "ts", "te", "ede", "ene", "ens", "ere",
  "ers", "ets", "nes", "rne", "erne", "enes", "eren", "ernes", "erens", "rnes", "edes", "tes",
]);

/**
 * A word as Pagefind compares it: lowercase, without diacritics (å → a, é → e; æ and ø stay), letters and digits only.
 * @param {string} word
 */
export function normaliseWord(word) {
  return word.toLocaleLowerCase("da").normalize("NFD").replace(/\p{M}/gu, "").replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * Whether a word on the page really answers a search term. When an index holds no word that
 * begins with the term, Pagefind falls back to the longest indexed word that the term begins
 * with: "værebro" then matches "være". Such a hit shares only a beginning with the term, and
 * what is left of the term is more than an inflectional ending.
 * @param {string} pageWord
 * @param {string} term
 */
export function answersTerm(pageWord, term) {
  const word = normaliseWord(pageWord);
  const wanted = normaliseWord(term);
  if (!wanted) return true;
  let common = 0;
  while (common < word.length && common < wanted.length && word[common] === wanted[common]) common++;
  if (common === wanted.length) return true;
  return common >= 3 && ENDINGS.has(wanted.slice(common));
}

/**
 * Whether a loaded result answers every term of the query (see answersTerm), judged by the
 * words at its matched locations.
 * @param {{ locations?: number[], content?: string, raw_content?: string }} data
 * @param {string} query
 */
export function answersQuery(data, query) {
  const terms = query.split(/\s+/).map(normaliseWord).filter(Boolean);
  if (terms.length === 0) return true;
  const words = (data.raw_content ?? data.content ?? "").split(/[^\S\uFEFF]+/);
  const matched = (data.locations ?? []).map((location) => words[location] ?? "");
  // A word may carry compound parts after it ("udspil⟧"): compare the part itself.
  return terms.every((term) => matched.some((word) => answersTerm(word, term)));
}
