// The search page's body: the form, what can be searched with a few example searches from the
// archive, and the places the results go. templates/assets/search.js runs the search with
// Pagefind's JS API; without JavaScript the page says so in plain Danish. Rendered at /soeg/ (the
// whole site) and, on a site of several municipalities, at /soeg/<kommune>/ (one municipality, in
// its look: where its pages' header search leads).
import type { Kommune } from "../../src/minutes/model.ts";
import { portalUrl, SEARCH_CONFIG_PATH, searchUrl, withPrefix } from "../../src/site/urls.ts";

export interface SearchPageProps {
  pathPrefix: string;
  /** The municipality this page searches alone (only on a site of several). */
  scoped?: Kommune | undefined;
  /** Whose meetings the page searches, for its texts: "Gladsaxe Kommune" or "kommunernes råd". */
  where: string;
  /** Whether the site holds one municipality (its front page lists by council and year). */
  single: boolean;
  /** Example searches from the archive (src/search/examples.ts). */
  examples: string[];
}

export function SearchPage({ pathPrefix, scoped, where, single, examples }: SearchPageProps) {
  const p = (address: string) => withPrefix(pathPrefix, address);
  const here = p(scoped ? searchUrl(scoped.slug) : searchUrl());
  // The page is at least a screen high from its first paint: the footer starts below the fold, so
  // the form appearing and the results arriving never move it on screen (Lighthouse counted those
  // moves as a layout shift of 0.40, a fifth of the search page's performance score).
  return (
    <div class="search-page">
      <h1>Søg i referaterne</h1>
      <noscript>
        <p class="search-noscript">
          Søgningen virker kun med JavaScript, og det er slået fra i din browser. Du kan stadig finde alle møder fra <a href={p(portalUrl())}>forsiden</a>, hvor
          de står efter {single ? "råd" : "kommune, råd"} og år.
        </p>
      </noscript>
      <div
        class="search"
        data-search=""
        data-config={p(`/${SEARCH_CONFIG_PATH}`)}
        {...(scoped ? { "data-kommune": scoped.slug, "data-all": p(searchUrl()) } : {})}
        hidden
      >
        {scoped && (
          <p class="search-scope" data-scope="">
            Søger i {scoped.name}.{" "}
            <a href={p(searchUrl())} data-widen="">
              Søg i alle kommuner
            </a>
          </p>
        )}
        <form class="search-form" action={here} method="get">
          <div class="search-field">
            <label for="soeg-q">Søgeord</label>
            <div class="search-field-row">
              <input id="soeg-q" name="q" type="search" autocomplete="off" spellcheck={false} />
              <button type="submit">Søg</button>
            </div>
          </div>
          <div class="search-sort">
            <label for="soeg-sortering">Rækkefølge</label>
            <select id="soeg-sortering" name="sortering">
              <option value="relevans">Bedste match</option>
              <option value="nyeste">Nyeste først</option>
            </select>
          </div>
          <details class="search-filters" data-filters="">
            <summary>Afgræns søgningen</summary>
            <div class="search-filter-groups" data-filter-groups=""></div>
          </details>
        </form>
        <div class="search-intro" data-intro="">
          <p>
            Søg i dagsordener og referater fra {where}: punkternes titler og tekst, beslutninger og deltagere. Alle ord skal findes, og et ord finder også sine
            bøjninger og de sammensatte ord, det indgår i. Sæt anførselstegn om flere ord for at finde dem lige efter hinanden.
          </p>
          {examples.length > 0 && (
            <>
              <h2 class="search-examples-title">Prøv for eksempel</h2>
              <ul class="search-examples">
                {examples.map((example) => (
                  <li>
                    <a href={`${here}?${new URLSearchParams({ q: example }).toString()}`}>{example}</a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <p class="search-status" role="status" aria-live="polite" data-status=""></p>
        <ol class="search-results" data-results=""></ol>
        <p class="search-more">
          <button type="button" data-more="" hidden>
            Vis flere resultater
          </button>
        </p>
      </div>
    </div>
  );
}
