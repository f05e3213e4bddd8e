// The search page's pure logic, without the DOM: reading and writing the query string, the
// Danish texts, and turning Pagefind's excerpts into safe segments. Plain JavaScript with JSDoc
// types, served as it is (no build step) and tested directly by vitest (test/search/search-core.test.ts).
import { compareDanish } from "./order.js";

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
 * Sorts filter values for display: years newest first, everything else in the site's one order of
 * names (order.js: Danish, as the lists).
 * @param {string} key
 * @param {string[]} values
 */
export function sortFilterValues(key, values) {
  return [...values].sort((a, b) => (key === "år" ? b.localeCompare(a) : compareDanish(a, b)));
}

// The index's text carries marks that only Pagefind and this page read (src/search/prepare.ts):
// "^" between the parts of a compound ("Frikort^ordningen"), "^" at the end of a block (where
// Pagefind would add a full stop), "^^" for a "^" of the page's own text, and the word "^|" where
// Pagefind left something of the page out (an excerpt never spans it).

/** The word that marks a gap in the index's text. */
const GAP = "^|";

/**
 * A word or text of the index as the page shows it: without its marks.
 * @param {string} text
 */
export function decodeMarks(text) {
  return text.replace(/\^\^?/g, (mark) => (mark.length === 2 ? "^" : ""));
}

/**
 * A title or other plain text from the index, as the page shows it: without marks, one space
 * between words.
 * @param {string} text
 */
export function cleanText(text) {
  return decodeMarks(text).replace(/\s+/g, " ").trim();
}

/**
 * The forms a word of the index is found by: the word, and each part of a compound.
 * @param {string} token a word of the index's text, marks included
 * @returns {string[]} normalised (see normaliseWord), without empty forms
 */
export function wordForms(token) {
  const whole = normaliseWord(decodeMarks(token));
  const parts = token
    .replace(/\^\^/g, "\u0000")
    .split("^")
    .map((part) => normaliseWord(part.replace(/\u0000/g, "^")));
  const forms = [whole];
  if (parts.filter(Boolean).length > 1) for (const part of parts) if (part && !forms.includes(part)) forms.push(part);
  return forms.filter(Boolean);
}

/**
 * A query read for this page: its words (normalised), its quoted phrases (each a list of normalised
 * words), and what Pagefind is asked. A query that is one phrase in quotes is Pagefind's exact
 * search (pages with the words in that order); in any other query the quotes are dropped for
 * Pagefind, and the page puts the items holding a phrase first.
 * @param {string} q
 * @returns {{ words: string[], phrases: string[][], term: string }}
 */
export function parseQuery(q) {
  /** @type {string[][]} */
  const phrases = [];
  const unquoted = q.replace(/[“”„«»]/g, '"');
  for (const match of unquoted.matchAll(/"([^"]*)"/g)) {
    const words = (match[1] ?? "").split(/\s+/).map(normaliseWord).filter(Boolean);
    if (words.length > 1) phrases.push(words);
  }
  const plain = unquoted.replace(/"/g, " ").replace(/\s+/g, " ").trim();
  const words = plain.split(" ").map(normaliseWord).filter(Boolean);
  const onePhrase = /^\s*"[^"]+"\s*$/.test(unquoted) && phrases.length === 1;
  return { words, phrases, term: onePhrase ? `"${plain}"` : plain };
}

/**
 * Where each phrase occurs in a list of the index's words: the positions of its words.
 * @param {string[]} tokens
 * @param {string[][]} phrases
 * @returns {number[][]} one entry per occurrence
 */
export function phraseOccurrences(tokens, phrases) {
  /** @type {number[][]} */
  const found = [];
  for (const phrase of phrases) {
    // Words without letters or digits (a dash, a stray mark) are skipped, as a reader skips them.
    for (let start = 0; start < tokens.length; start++) {
      /** @type {number[]} */
      const at = [];
      let i = start;
      for (const word of phrase) {
        while (i < tokens.length && tokens[i] !== GAP && wordForms(/** @type {string} */ (tokens[i])).length === 0 && at.length > 0) i++;
        const token = tokens[i];
        if (token === undefined || !phraseWordMatches(token, word)) break;
        at.push(i);
        i++;
      }
      if (at.length === phrase.length) found.push(at);
    }
  }
  return found;
}

/**
 * Whether a word of the index is a phrase's word: the same word, or it with an inflectional ending
 * (a compound's last part counts, "Frikortordningen" for "ordningen").
 * @param {string} token
 * @param {string} word normalised
 */
function phraseWordMatches(token, word) {
  const forms = wordForms(token);
  return forms.some(
    (form, index) =>
      (index === 0 || index === forms.length - 1) &&
      (form === word || (form.startsWith(word) && ENDINGS.has(form.slice(word.length))) || isInflectionOf(form, word)),
  );
}

/**
 * Whether two normalised words share a stem and differ only by inflectional endings.
 * @param {string} a
 * @param {string} b
 */
function isInflectionOf(a, b) {
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  if (common < 3) return false;
  const restA = a.slice(common);
  const restB = b.slice(common);
  return (restA === "" || ENDINGS.has(restA)) && (restB === "" || ENDINGS.has(restB));
}

/** Words shown in an excerpt. */
export const EXCERPT_LENGTH = 30;

/**
 * An excerpt of the index's text, as the page shows it: the words from `from` to `to` around the
 * densest run of `marks`, without the index's marks, with the words at `marks` marked. Every
 * excerpt is a piece of the page's text, word for word.
 * @param {string[]} tokens the index's text split at white space (Pagefind's word positions)
 * @param {{ from?: number, to?: number, marks: number[], length?: number }} options
 * @returns {Segment[]}
 */
export function excerptOf(tokens, { from = 0, to = tokens.length, marks, length = EXCERPT_LENGTH }) {
  const inRange = [...new Set(marks)].filter((at) => at >= from && at < to).sort((a, b) => a - b);
  let start = from;
  if (inRange.length > 0) {
    // The window of `length` words holding the most marks, begun a little before its first.
    let best = 0;
    let bestCount = 0;
    for (let i = 0; i < inRange.length; i++) {
      let count = 0;
      for (let j = i; j < inRange.length && /** @type {number} */ (inRange[j]) < /** @type {number} */ (inRange[i]) + length; j++) count++;
      if (count > bestCount) {
        best = i;
        bestCount = count;
      }
    }
    const first = /** @type {number} */ (inRange[best]);
    // The piece of text between gaps that holds it.
    let pieceFrom = first;
    while (pieceFrom > from && tokens[pieceFrom - 1] !== GAP) pieceFrom--;
    let pieceTo = first;
    while (pieceTo < to && tokens[pieceTo] !== GAP) pieceTo++;
    from = pieceFrom;
    to = pieceTo;
    start = Math.max(from, first - Math.floor(length / 4));
  } else {
    while (start < to && tokens[start] === GAP) start++;
    let end = start;
    while (end < to && tokens[end] !== GAP) end++;
    to = end;
  }
  const end = Math.min(to, start + length);
  start = Math.max(from, Math.min(start, end - length));
  const marked = new Set(inRange);
  /** @type {{ text: string, mark: boolean }[]} */
  const words = [];
  for (let i = start; i < end; i++) {
    const token = tokens[i] ?? "";
    const text = token === GAP ? "" : decodeMarks(token);
    if (text) words.push({ text, mark: marked.has(i) });
  }
  return joinSegments(words);
}

/**
 * Words joined by single spaces into segments, marked or not; a space before a marked word stays
 * outside the mark, and marked words in a row share one.
 * @param {{ text: string, mark: boolean }[]} words
 * @returns {Segment[]}
 */
function joinSegments(words) {
  /** @type {Segment[]} */
  const segments = [];
  for (const [index, word] of words.entries()) {
    const space = index > 0 ? " " : "";
    const last = segments.at(-1);
    if (word.mark) {
      // Marked words in a row (a phrase) are one mark.
      if (last && last.mark) last.text += space + word.text;
      else {
        if (space && last) last.text += space;
        segments.push({ text: word.text, mark: true });
      }
    } else if (last && !last.mark) {
      last.text += space + word.text;
    } else {
      segments.push({ text: space + word.text, mark: false });
    }
  }
  return segments;
}

/**
 * @typedef {{ id?: string, element?: string, location: number, text?: string }} Anchor
 * @typedef {{ url: string, content?: string, locations?: number[], anchors?: Anchor[], meta: Record<string, string | undefined> }} PageData
 * @typedef {{ url: string, title: string, titleSegments: Segment[], segments: Segment[], phrase: boolean }} ItemView
 */

/**
 * What a result shows: the items (`#punkt-N`) it hits, best first (those holding a quoted phrase,
 * then those hit by more of the query's words), at most `limit`, each with its excerpt; or, when no
 * item is hit, one excerpt of the page. Only words that are forms of the query's words are marked:
 * of Pagefind's hits, those whose word (or a part of the compound) begins with a query word or
 * differs from it by inflectional endings only; and a phrase's words where they occur in order.
 * @param {PageData} data
 * @param {string} q the query as typed
 * @param {number} [limit]
 * @returns {{ items: ItemView[], page: Segment[] }}
 */
export function resultView(data, q, limit = 3) {
  const tokens = (data.content ?? "").split(/[\r\n\s]+/g);
  const { words, phrases } = parseQuery(q);
  const occurrences = phraseOccurrences(tokens, phrases);
  const phraseAt = new Set(occurrences.flat());
  /** @type {Map<number, Set<string>>} which query words each hit answers */
  const hits = new Map();
  for (const at of data.locations ?? []) {
    const forms = wordForms(tokens[at] ?? "");
    const answered = words.filter((word) => forms.some((form) => answersTerm(form, word)));
    if (answered.length > 0) hits.set(at, new Set(answered));
  }
  // A phrase's words answer the query's words they are.
  for (const phrase of phrases) {
    for (const occurrence of phraseOccurrences(tokens, [phrase])) {
      for (const [i, at] of occurrence.entries()) {
        const answered = hits.get(at) ?? new Set();
        answered.add(/** @type {string} */ (phrase[i]));
        hits.set(at, answered);
      }
    }
  }
  const anchors = (data.anchors ?? []).filter((a) => /^h\d$/i.test(a.element ?? "") || a.id).sort((a, b) => a.location - b.location);
  const base = data.url.split("#")[0] ?? data.url;
  /** @type {(ItemView & { rank: number[] })[]} */
  const items = [];
  for (const [index, anchor] of anchors.entries()) {
    if (!/^punkt-\d+$/.test(anchor.id ?? "")) continue;
    const from = anchor.location;
    const to = anchors[index + 1]?.location ?? tokens.length;
    const inItem = [...hits.keys()].filter((at) => at >= from && at < to);
    if (inItem.length === 0) continue;
    const phraseCount = occurrences.filter((at) => /** @type {number} */ (at[0]) >= from && /** @type {number} */ (at[0]) < to).length;
    const phrase = phraseCount > 0;
    // With a phrase, its occurrences are what the excerpt shows.
    const marks = phrase ? inItem.filter((at) => phraseAt.has(at)) : inItem;
    const answered = new Set(inItem.flatMap((at) => [.../** @type {Set<string>} */ (hits.get(at))]));
    if (phrases.length > 0 && !phrase && answered.size < words.length) continue;
    // The item's title is its first words (the heading Pagefind anchors it at).
    const titleEnd = from + (anchor.text ?? "").split(/\s+/).filter(Boolean).length;
    const inTitle = marks.some((at) => at < titleEnd);
    // The title is the item's link (its hits marked there too); the excerpt is of the item's text.
    items.push({
      url: `${base}#${anchor.id}`,
      title: cleanText(anchor.text ?? anchor.id ?? ""),
      titleSegments: excerptOf(tokens, { from, to: titleEnd, marks, length: titleEnd - from }),
      segments: excerptOf(tokens, { from: titleEnd, to, marks }),
      phrase,
      rank: [phrase ? 1 : 0, answered.size, inTitle ? 1 : 0, phraseCount, inItem.length, -from],
    });
  }
  items.sort((a, b) => {
    for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return /** @type {number} */ (b.rank[i]) - /** @type {number} */ (a.rank[i]);
    return 0;
  });
  const shown = items.slice(0, limit).map(({ rank: _rank, ...item }) => item);
  const page = shown.length === 0 ? excerptOf(tokens, { marks: [...hits.keys()] }) : [];
  return { items: shown, page };
}

// Inflectional endings of Danish nouns, adjectives and verbs: what may follow a shared stem.
const ENDINGS = new Set([
  "e",
  "n",
  "r",
  "s",
  "t",
  "en",
  "er",
  "es",
  "et",
  "ne",
  "ns",
  "rs",
  "ts",
  "te",
  "ede",
  "ene",
  "ens",
  "ere",
  "ers",
  "ets",
  "nes",
  "rne",
  "erne",
  "enes",
  "eren",
  "ernes",
  "erens",
  "rnes",
  "edes",
  "tes",
]);

/**
 * A word as Pagefind compares it: lowercase, without diacritics (å → a, é → e; æ and ø stay), letters and digits only.
 * @param {string} word
 */
export function normaliseWord(word) {
  return word
    .toLocaleLowerCase("da")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/**
 * Whether a word on the page really answers a search term. When an index holds no word that
 * begins with the term, Pagefind falls back to the longest indexed word that the term begins
 * with: "værebro" then matches "være". A word answers the term when it begins with it, or when
 * the two differ by inflectional endings only ("mødet" for "møderne"); "være" for "værebro" and
 * "sørge" for "søren" do not.
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
  return isInflectionOf(word, wanted);
}

/**
 * Whether a loaded result answers every term of the query (see answersTerm), judged by the
 * words at its matched locations.
 * @param {{ locations?: number[], content?: string }} data
 * @param {string} query
 */
export function answersQuery(data, query) {
  const terms = query.split(/\s+/).map(normaliseWord).filter(Boolean);
  if (terms.length === 0) return true;
  const words = (data.content ?? "").split(/[\r\n\s]+/g);
  // A compound is found by its parts too ("Frikort^ordningen" for "ordning").
  const matched = (data.locations ?? []).flatMap((location) => wordForms(words[location] ?? ""));
  return terms.every((term) => matched.some((word) => answersTerm(word, term)));
}

// Spelling suggestions ("Mente du …?"), from the archive's own vocabulary: each index's words.txt
// (src/search/vocabulary.ts), lines of a word and how often it occurs, most frequent first.

/**
 * Reads vocabulary files (several joined are one): each word with its count, counts of a word
 * in several files added.
 * @param {string} text
 * @returns {Map<string, number>}
 */
export function parseVocabulary(text) {
  /** @type {Map<string, number>} */
  const words = new Map();
  for (const line of text.split("\n")) {
    const [word, count] = line.split(" ");
    if (word) words.set(word, (words.get(word) ?? 0) + (Number(count) || 1));
  }
  return words;
}

// Letters Danish writers confuse: a substitution between them costs half.
const NEAR = new Set(["aå", "åa", "aæ", "æa", "eæ", "æe", "oø", "øo", "oå", "åo", "iy", "yi", "uy", "yu", "ck", "kc", "sz", "zs"]);

/**
 * The cost of turning `a` into `b`: insertions, deletions, substitutions and swaps of neighbours
 * (optimal string alignment), a substitution between near letters (å/a, ø/o, æ/e …) at half.
 * Stops early, returning more than `limit`, once every way costs more.
 * @param {string} a
 * @param {string} b
 * @param {number} limit
 */
export function editDistance(a, b, limit = Infinity) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  /** @type {number[][]} */
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) /** @type {number[]} */ (d[0])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = /** @type {number[]} */ (d[i]);
    const above = /** @type {number[]} */ (d[i - 1]);
    let best = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const x = a[i - 1];
      const y = b[j - 1];
      const substitution = x === y ? 0 : NEAR.has(`${x}${y}`) ? 0.5 : 1;
      let cost = Math.min(/** @type {number} */ (above[j]) + 1, /** @type {number} */ (row[j - 1]) + 1, /** @type {number} */ (above[j - 1]) + substitution);
      if (i > 1 && j > 1 && x === b[j - 2] && a[i - 2] === y) cost = Math.min(cost, /** @type {number} */ (/** @type {number[]} */ (d[i - 2])[j - 2]) + 1);
      row[j] = cost;
      if (cost < best) best = cost;
    }
    if (best > limit) return limit + 1;
  }
  return /** @type {number} */ (/** @type {number[]} */ (d[a.length])[b.length]);
}

/**
 * Old spellings and keyboards without æ, ø, å: "aa" is "å", "ae" "æ", "oe" "ø".
 * @param {string} word
 */
function danishLetters(word) {
  return word.replace(/aa/g, "å").replace(/ae/g, "æ").replace(/oe/g, "ø");
}

/**
 * The archive's word nearest to a word it does not hold, or undefined: the fewest edits (at most
 * 1 for words up to 5 letters, 2 up to 9, else 3), then the most frequent.
 * @param {string} word lowercase
 * @param {Map<string, number>} vocabulary
 */
export function nearestWord(word, vocabulary) {
  const limit = word.length <= 5 ? 1 : word.length <= 9 ? 2 : 3;
  const spelled = danishLetters(word);
  /** @type {string | undefined} */
  let best;
  let bestCost = limit + 1;
  let bestCount = 0;
  for (const [candidate, count] of vocabulary) {
    if (Math.abs(candidate.length - word.length) > limit + 1) continue;
    const cost = Math.min(editDistance(word, candidate, limit), spelled === word ? Infinity : editDistance(spelled, candidate, limit));
    if (cost < bestCost || (cost === bestCost && count > bestCount)) {
      best = candidate;
      bestCost = cost;
      bestCount = count;
    }
  }
  return bestCost <= limit ? best : undefined;
}

/**
 * A better query for one that finds nothing: each word that the archive does not hold (as a word,
 * or the beginning of one) replaced by its nearest word; quotes kept. Undefined when no word changes.
 * @param {string} q
 * @param {Map<string, number>} vocabulary
 */
export function suggest(q, vocabulary) {
  if (vocabulary.size === 0) return undefined;
  const words = [...vocabulary.keys()];
  let changed = false;
  const better = q.replace(/\p{L}+/gu, (written) => {
    const word = written.toLocaleLowerCase("da");
    if (word.length < 4 || vocabulary.has(word) || words.some((known) => known.startsWith(word))) return written;
    const nearest = nearestWord(word, vocabulary);
    if (!nearest) return written;
    changed = true;
    return written === word ? nearest : nearest.charAt(0).toLocaleUpperCase("da") + nearest.slice(1);
  });
  return changed ? better : undefined;
}
