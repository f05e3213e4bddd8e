// The search page, /soeg/: the form and the places the results go. templates/assets/search.js
// runs the search with Pagefind's JS API; without JavaScript the page says so in plain Danish.
import { siteKommune, type SiteData } from "../src/eleventy/data.ts";
import { portalCrumbs } from "../src/site/breadcrumbs.ts";
import { portalUrl, searchUrl, withPrefix } from "../src/site/urls.ts";
import { SEARCH_CONFIG_PATH } from "../src/search/index.ts";
import { Layout } from "./_layout.tsx";

interface Data {
  referat: SiteData;
}

export const data = {
  permalink: "soeg/index.html",
  eleventyExcludeFromCollections: true,
};

export default function render({ referat: site }: Data) {
  const kommune = siteKommune(site);
  const p = (address: string) => withPrefix(site.pathPrefix, address);
  const where = kommune ? kommune.name : "kommunernes råd";
  return (
    <Layout
      site={site}
      title="Søg i referaterne"
      description={`Søg i dagsordener og referater fra ${where}.`}
      kommune={kommune}
      breadcrumbs={[...portalCrumbs(site.scope, kommune), { label: "Søg", url: searchUrl() }]}
      scripts={["/assets/search.js"]}
      styles={["/assets/search.css"]}
    >
      <h1>Søg i referaterne</h1>
      <noscript>
        <p class="search-noscript">
          Søgningen virker kun med JavaScript, og det er slået fra i din browser. Du kan stadig finde alle møder fra{" "}
          <a href={p(portalUrl())}>forsiden</a>, hvor de står efter {kommune ? "råd" : "kommune, råd"} og år.
        </p>
      </noscript>
      <div class="search" data-search="" data-config={p(`/${SEARCH_CONFIG_PATH}`)} hidden>
        <form class="search-form" action={p(searchUrl())} method="get">
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
        <p class="search-status" role="status" aria-live="polite" data-status=""></p>
        <ol class="search-results" data-results=""></ol>
        <p class="search-more">
          <button type="button" data-more="" hidden>
            Vis flere resultater
          </button>
        </p>
      </div>
    </Layout>
  );
}
