// The search page (/soeg/): Pagefind's JS API behind an accessible form. Loads the indexes listed
// in soeg/indexes.json (this site's municipalities and any merged sites), searches as the reader
// types, keeps the search in the address (?q=…) so it can be shared, and announces the number of
// results. Everything shown from the index is inserted as text (see excerptSegments).
import {
  FILTERS,
  answersQuery,
  cleanText,
  filterLabel,
  hasFilters,
  parseQuery,
  parseState,
  parseVocabulary,
  resultView,
  searchOptions,
  sortFilterValues,
  stateToQuery,
  statusText,
  suggest,
} from "./search-core.js";

/** Results shown first: each loads a fragment from the index, so the first search stays small. */
const FIRST_PAGE = 5;
/** Results added by "Vis flere resultater". */
const PAGE_SIZE = 10;
/** A filter Pagefind adds to every page of an index (mergeFilter), naming the index: to search one index alone. */
const INDEX_FILTER = "indeks";

/**
 * @typedef {import("./search-core.js").SearchState} SearchState
 * @typedef {{ id: string, data: () => Promise<ResultData> }} Result
 * @typedef {import("./search-core.js").PageData} ResultData
 * @typedef {{ results: Result[], filters: Record<string, Record<string, number>> }} SearchResponse
 * @typedef {{ bundlePath: string, baseUrl: string, name: string, id?: string, kommune?: string }} IndexEntry
 * @typedef {{ total: number, take: (count: number) => Promise<ResultData[]> }} ResultList
 */

/**
 * Results in Pagefind's order, loaded a page at a time.
 * @param {Result[]} results
 * @returns {ResultList}
 */
function rankedList(results) {
  let next = 0;
  return {
    total: results.length,
    async take(count) {
      const batch = results.slice(next, next + count);
      next += batch.length;
      return Promise.all(batch.map((result) => result.data()));
    },
  };
}

/**
 * Results of several indexes, each already sorted newest first, merged by date as they are taken
 * (Pagefind merges indexes by score, even when asked to sort).
 * @param {Result[][]} lists
 * @returns {ResultList}
 */
function newestList(lists) {
  const heads = lists.map((results) => ({ results, next: 0, data: /** @type {ResultData | undefined} */ (undefined) }));
  return {
    total: lists.reduce((sum, results) => sum + results.length, 0),
    async take(count) {
      /** @type {ResultData[]} */
      const taken = [];
      while (taken.length < count) {
        const open = heads.filter((head) => head.next < head.results.length);
        if (open.length === 0) break;
        await Promise.all(
          open.map(async (head) => {
            head.data ??= await /** @type {Result} */ (head.results[head.next]).data();
          }),
        );
        const date = (/** @type {typeof open[number]} */ head) => head.data?.meta.date ?? "";
        const newest = open.reduce((best, head) => (date(head) > date(best) ? head : best));
        taken.push(/** @type {ResultData} */ (newest.data));
        newest.next++;
        newest.data = undefined;
      }
      return taken;
    },
  };
}

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string>} [attributes]
 * @param {string} [text]
 */
function el(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** @param {HTMLElement} parent @param {import("./search-core.js").Segment[]} segments */
function appendExcerpt(parent, segments) {
  for (const segment of segments) {
    parent.append(segment.mark ? el("mark", {}, segment.text) : document.createTextNode(segment.text));
  }
}

/**
 * A result: its title, date, council and municipality, and the items it hits with an excerpt each
 * (made here from the index's text: see resultView).
 * @param {ResultData} data
 * @param {string} q the query as typed
 */
function renderResult(data, q) {
  const item = el("li", { class: "search-result" });
  const heading = el("h2", { class: "search-result-title" });
  heading.append(el("a", { href: data.url }, cleanText(data.meta.title ?? data.url)));
  item.append(heading);
  const meta = [data.meta.datotekst ?? data.meta.date, data.meta.council, data.meta.municipality].filter(Boolean).join(" · ");
  if (meta) item.append(el("p", { class: "search-result-meta" }, meta));
  const view = resultView(data, q);
  if (view.items.length === 0) {
    const excerpt = el("p", { class: "search-result-excerpt" });
    appendExcerpt(excerpt, view.page);
    item.append(excerpt);
    return item;
  }
  const list = el("ul", { class: "search-result-items", "aria-label": "Punkter med træf" });
  for (const hit of view.items) {
    const entry = el("li");
    const link = el("a", { href: hit.url });
    appendExcerpt(link, hit.titleSegments.length ? hit.titleSegments : [{ text: hit.title, mark: false }]);
    entry.append(link);
    const excerpt = el("p", { class: "search-result-excerpt" });
    appendExcerpt(excerpt, hit.segments);
    entry.append(excerpt);
    list.append(entry);
  }
  item.append(list);
  return item;
}

/**
 * Whether another site's Pagefind index can be read from here (its host answers, and allows it).
 * @param {string} bundlePath
 */
async function answers(bundlePath) {
  try {
    const response = await fetch(`${bundlePath}pagefind-entry.json`, { mode: "cors" });
    return response.ok;
  } catch {
    return false;
  }
}

/** @param {HTMLElement} root */
async function start(root) {
  const form = /** @type {HTMLFormElement} */ (root.querySelector("form"));
  const input = /** @type {HTMLInputElement} */ (form.querySelector("input[name=q]"));
  const sortSelect = /** @type {HTMLSelectElement} */ (form.querySelector("select[name=sortering]"));
  const filterBox = /** @type {HTMLDetailsElement} */ (root.querySelector("[data-filters]"));
  const groups = /** @type {HTMLElement} */ (root.querySelector("[data-filter-groups]"));
  const status = /** @type {HTMLElement} */ (root.querySelector("[data-status]"));
  const list = /** @type {HTMLOListElement} */ (root.querySelector("[data-results]"));
  const more = /** @type {HTMLButtonElement} */ (root.querySelector("[data-more]"));
  const intro = /** @type {HTMLElement | null} */ (root.querySelector("[data-intro]"));
  const widen = /** @type {HTMLAnchorElement | null} */ (root.querySelector("[data-widen]"));
  /** The municipality this page searches alone, if it is one municipality's page. */
  const scope = root.dataset.kommune;
  root.hidden = false;

  let state = parseState(location.search);
  input.value = state.q;
  sortSelect.value = state.sort;

  /** @type {any} */
  let pagefind;
  /** @type {string[]} */
  let indexIds = [];
  /** The folders of the indexes searched (for their vocabularies). @type {string[]} */
  let bundlePaths = [];
  try {
    const response = await fetch(/** @type {string} */ (root.dataset.config));
    if (!response.ok) throw new Error(`${response.status}`);
    /** @type {{ indexes: IndexEntry[] }} */
    const config = await response.json();
    // Each index (a municipality's, or one period's part of a large municipality's) has its own id.
    // One municipality's search page (/soeg/<kommune>/) searches that municipality's indexes only.
    const indexes = scope ? config.indexes.filter((entry) => entry.kommune === scope) : config.indexes;
    indexIds = indexes.map((entry, index) => entry.id ?? entry.kommune ?? `site-${index}`);
    const [primary, ...others] = indexes;
    if (!primary) throw new Error("no index");
    // Another site's index (one without a municipality of this site) may be unreachable: its host
    // down, or not allowing this site to read it (CORS). Pagefind keeps an index that failed to
    // load and then fails every search, so such an index is tried first and left out if it does
    // not answer; the reader is told which.
    const reachable = await Promise.all(others.map((other) => (other.kommune ? true : answers(other.bundlePath))));
    const merged = others.map((other, index) => ({ other, id: indexIds[index + 1] })).filter((_, index) => reachable[index]);
    const missing = [...new Set(others.filter((_, index) => !reachable[index]).map((other) => other.name))];
    pagefind = await import(`${primary.bundlePath}pagefind.js`);
    // noWorker: Pagefind searches on this page's thread, as it did before 1.5, instead of fetching
    // its Web Worker (pagefind-worker.js, about 12 KB gzip, a sixteenth of a first search): a
    // search takes milliseconds of WebAssembly, and the page waits for its answer either way.
    await pagefind.options({ baseUrl: primary.baseUrl, excerptLength: 30, noWorker: true, mergeFilter: { [INDEX_FILTER]: indexIds[0] } });
    // The other municipalities' indexes (and other sites') answer the same search together.
    await Promise.all(merged.map(({ other, id }) => pagefind.mergeIndex(other.bundlePath, { baseUrl: other.baseUrl, mergeFilter: { [INDEX_FILTER]: id } })));
    indexIds = [indexIds[0] ?? "", ...merged.map(({ id }) => id ?? "")];
    bundlePaths = [primary.bundlePath, ...merged.map(({ other }) => other.bundlePath)];
    if (missing.length > 0) {
      const note = el(
        "p",
        { class: "search-unavailable", "data-unavailable": "" },
        `Søgningen omfatter ikke ${missing.join(", ")}: ${missing.length === 1 ? "sitet" : "sitene"} svarer ikke lige nu.`,
      );
      status.before(note);
    }
  } catch (error) {
    status.textContent = "Søgningen kunne ikke indlæses. Prøv igen senere, eller find møderne via forsiden.";
    console.error(error);
    return;
  }

  /** @type {Record<string, Map<string, { input: HTMLInputElement, count: HTMLElement }>>} */
  const boxes = {};
  /** Every value's number of meetings, once the filters are loaded. @type {Record<string, Record<string, number>>} */
  let totals = {};
  /** @type {Promise<void> | undefined} */
  let filtersLoaded;
  /** The search shown now, to count its results per filter value. @type {{ term: string | null, filters: Record<string, unknown> } | undefined} */
  let shownSearch;

  /**
   * Builds the filter groups, loading Pagefind's filter chunks (every value of every filter, in
   * every index) the first time: only when the reader opens "Afgræns søgningen" or the address
   * carries filters, so that a plain first search does not transfer them.
   */
  function loadFilters() {
    filtersLoaded ??= (async () => {
      groups.setAttribute("aria-busy", "true");
      totals = await pagefind.filters();
      for (const [groupIndex, { key, legend }] of FILTERS.entries()) {
        // One municipality's page needs no choice of municipality.
        if (scope && key === "kommune") continue;
        const values = sortFilterValues(key, Object.keys(totals[key] ?? {}));
        for (const value of state.filters[key] ?? []) if (!values.includes(value)) values.push(value);
        if (values.length === 0) continue;
        const fieldset = el("fieldset", { class: "search-filter" });
        fieldset.append(el("legend", {}, legend));
        const options = new Map();
        for (const [valueIndex, value] of values.entries()) {
          const id = `filter-${groupIndex}-${valueIndex}`;
          const box = el("input", { type: "checkbox", id, name: key, value });
          box.checked = (state.filters[key] ?? []).includes(value);
          const label = el("label", { for: id }, `${filterLabel(value)} `);
          const count = el("span", { class: "search-filter-count" });
          label.append(count);
          const row = el("div", { class: "search-filter-option" });
          row.append(box, label);
          fieldset.append(row);
          options.set(value, { input: box, count });
        }
        boxes[key] = options;
        groups.append(fieldset);
      }
      groups.removeAttribute("aria-busy");
      // The counts of the search shown (with every filter chunk loaded, Pagefind counts them all).
      const mine = token;
      const counts = shownSearch ? (await pagefind.search(shownSearch.term, { filters: shownSearch.filters })).filters : totals;
      if (mine === token) showCounts(counts);
    })();
    return filtersLoaded;
  }

  /** @param {Record<string, Record<string, number>>} counts */
  function showCounts(counts) {
    for (const [key, options] of Object.entries(boxes)) {
      for (const [value, { count }] of options) count.textContent = `(${counts[key]?.[value] ?? 0})`;
    }
  }

  /** @returns {SearchState} */
  function readForm() {
    // Before the filters are loaded, the filters are the address's (none, or loaded at once).
    if (Object.keys(boxes).length === 0) return { q: input.value.trim(), sort: sortSelect.value === "nyeste" ? "nyeste" : "relevans", filters: state.filters };
    /** @type {Record<string, string[]>} */
    const filters = {};
    for (const [key, options] of Object.entries(boxes)) {
      const checked = [...options].filter(([, { input: box }]) => box.checked).map(([value]) => value);
      if (checked.length) filters[key] = checked;
    }
    return { q: input.value.trim(), sort: sortSelect.value === "nyeste" ? "nyeste" : "relevans", filters };
  }

  /** @type {ResultList} */
  let results = rankedList([]);
  /** The query whose results are shown: the reader's, or the suggestion's. */
  let shownQuery = "";
  let shown = 0;
  let token = 0;

  async function showMore(focusFirst = false, count = PAGE_SIZE) {
    const mine = token;
    const data = await results.take(count);
    if (mine !== token) return;
    const items = data.map((one) => renderResult(one, shownQuery));
    list.append(...items);
    shown += data.length;
    more.hidden = shown >= results.total;
    if (focusFirst) items[0]?.querySelector("a")?.focus();
  }

  /**
   * The indexes whose hits answer the query. An index that holds no word beginning with a term
   * answers with Pagefind's nearest shorter word ("værebro" → "være"): its best hit shows it.
   * @param {string} term
   * @param {Record<string, unknown>} filters
   */
  async function answeringIndexes(term, filters) {
    /** @type {SearchResponse} */
    const all = await pagefind.search(term, { filters });
    const counts = all.filters[INDEX_FILTER] ?? {};
    const candidates = indexIds.filter((id) => (counts[id] ?? 0) > 0);
    const answers = await Promise.all(
      candidates.map(async (id) => {
        /** @type {SearchResponse} */
        const one = await pagefind.search(term, { filters: { ...filters, [INDEX_FILTER]: id } });
        const best = one.results[0];
        return best ? answersQuery(await best.data(), term) : false;
      }),
    );
    return candidates.filter((_, index) => answers[index]);
  }

  async function run() {
    state = readForm();
    history.replaceState(null, "", `${location.pathname}${stateToQuery(state)}${location.hash}`);
    showScope();
    const mine = ++token;
    if (!state.q && !hasFilters(state)) {
      results = rankedList([]);
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      shownSearch = undefined;
      showSuggestion("", undefined);
      showCounts(totals);
      return;
    }
    const { filters, sort } = searchOptions(state);
    let found = await find(state.q, filters, sort);
    if (mine !== token) return;
    // A query that finds nothing: the archive's nearest words, if they find something.
    /** @type {string | undefined} */
    let suggestion;
    if (state.q && found.results.total === 0) {
      const better = suggest(state.q, await loadVocabulary());
      if (mine !== token) return;
      if (better) {
        const other = await find(better, filters, sort);
        if (mine !== token) return;
        if (other.results.total > 0) {
          suggestion = better;
          found = other;
        }
      }
    }
    results = found.results;
    shownQuery = suggestion ?? state.q;
    showSuggestion(state.q, suggestion);
    if (mine !== token) return;
    shown = 0;
    list.replaceChildren();
    shownSearch = found.shown;
    if (filtersLoaded) showCounts(found.counts);
    await showMore(false, FIRST_PAGE);
    if (mine !== token) return;
    status.textContent = statusText(results.total, { ...state, q: shownQuery });
  }

  /**
   * Searches every index that answers `q` (all, without a query), in the order asked.
   * @param {string} q
   * @param {Record<string, unknown>} filters
   * @param {Record<string, string> | undefined} sort
   */
  async function find(q, filters, sort) {
    const term = q ? parseQuery(q).term || null : null;
    const indexes = term ? await answeringIndexes(term, filters) : indexIds;
    const within = { ...filters, [INDEX_FILTER]: { any: indexes } };
    /** @type {SearchResponse} */
    const search = indexes.length ? await pagefind.search(term, { filters: within }) : { results: [], filters: {} };
    /** @type {ResultList} */
    let found;
    if (sort && indexes.length > 1) {
      /** @type {SearchResponse[]} */
      const perIndex = await Promise.all(indexes.map((id) => pagefind.search(term, { filters: { ...filters, [INDEX_FILTER]: id }, sort })));
      found = newestList(perIndex.map((one) => one.results));
    } else if (sort && indexes.length) {
      found = rankedList((await pagefind.search(term, { filters: within, sort })).results);
    } else {
      found = rankedList(search.results);
    }
    return { results: found, counts: search.filters, shown: { term, filters: within } };
  }

  /** The example searches show while nothing is searched; the link to all municipalities carries the search. */
  function showScope() {
    if (intro) intro.hidden = Boolean(state.q || hasFilters(state));
    if (widen && root.dataset.all) widen.href = `${root.dataset.all}${stateToQuery(state)}`;
  }

  /** @type {Promise<Map<string, number>> | undefined} */
  let vocabulary;
  /** The archive's words with their counts, from every index's words.txt (loaded once, when first needed). */
  function loadVocabulary() {
    vocabulary ??= (async () => {
      const texts = await Promise.all(
        bundlePaths.map(async (bundlePath) => {
          try {
            const response = await fetch(`${bundlePath}words.txt`);
            return response.ok ? await response.text() : "";
          } catch {
            return "";
          }
        }),
      );
      return parseVocabulary(texts.join("\n"));
    })();
    return vocabulary;
  }

  /**
   * Says, above the results, that they are for the suggestion (or removes the line).
   * @param {string} q
   * @param {string | undefined} suggestion
   */
  function showSuggestion(q, suggestion) {
    root.querySelector("[data-suggestion]")?.remove();
    if (!suggestion) return;
    const line = el("p", { class: "search-suggestion", "data-suggestion": "" }, "Mente du ");
    const link = el("a", { href: `${location.pathname}${stateToQuery({ ...state, q: suggestion })}` }, suggestion);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      input.value = suggestion;
      void run();
    });
    line.append(link, `? Der er ingen resultater for »${q}«. Viser resultater for »${suggestion}«.`);
    status.before(line);
  }

  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let typing;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    void run();
  });
  input.addEventListener("input", () => {
    // Start loading the index chunks for what is typed, and search once typing pauses.
    if (input.value.trim()) void pagefind.preload(input.value.trim());
    clearTimeout(typing);
    typing = setTimeout(() => void run(), 300);
  });
  sortSelect.addEventListener("change", () => void run());
  groups.addEventListener("change", () => void run());
  more.addEventListener("click", () => void showMore(true));
  filterBox.addEventListener("toggle", () => {
    if (filterBox.open) void loadFilters();
  });

  // An address with filters shows them, checked (their chunks are needed for the search anyway).
  if (hasFilters(state)) {
    filterBox.open = true;
    await loadFilters();
  }
  showScope();
  if (state.q || hasFilters(state)) await run();
  root.dataset.ready = "true";
}

const root = document.querySelector("[data-search]");
if (root instanceof HTMLElement) void start(root);
