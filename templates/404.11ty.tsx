// The page a host shows for an address that does not exist (/404.html): it says so in plain
// Danish and offers the search and the front page. Every link is absolute (with the path prefix),
// because the host serves this page at any missing address.
import { siteKommune, type SiteView } from "../src/site/view.ts";
import { portalUrl, searchUrl, withPrefix } from "../src/site/urls.ts";
import { Layout } from "./_layout.tsx";

interface Data {
  referat: SiteView;
}

export const data = {
  permalink: "404.html",
  eleventyExcludeFromCollections: true,
};

export default function render({ referat: site }: Data) {
  const kommune = siteKommune(site);
  const p = (address: string) => withPrefix(site.pathPrefix, address);
  return (
    <Layout site={site} title="Siden findes ikke" description="Siden findes ikke i arkivet." kommune={kommune} breadcrumbs={[]} styles={["/assets/search.css"]}>
      <h1>Siden findes ikke</h1>
      <p class="lead">Vi kan ikke finde den side, du leder efter. Måske er adressen skrevet forkert, eller også er siden flyttet.</p>
      <form class="not-found-search" action={p(searchUrl())} method="get">
        <label for="ikke-fundet-q">Søg efter mødet eller emnet</label>
        <div class="search-field-row">
          <input id="ikke-fundet-q" name="q" type="search" autocomplete="off" />
          <button type="submit">Søg</button>
        </div>
      </form>
      <p>
        Eller gå til <a href={p(portalUrl())}>forsiden</a>
        {kommune ? ` for ${kommune.name}` : ""}, hvor alle møder står efter {kommune ? "råd" : "kommune, råd"} og år.
      </p>
    </Layout>
  );
}
