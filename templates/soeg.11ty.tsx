// The search page of the whole site, /soeg/ (on a one-municipality site, that municipality's):
// see templates/_components/search-page.tsx.
import { searchPageExamples, siteKommune, type SiteView } from "../src/site/view.ts";
import { portalCrumbs } from "../src/site/breadcrumbs.ts";
import { searchUrl } from "../src/site/urls.ts";
import { Layout } from "./_layout.tsx";
import { SearchPage } from "./_components/search-page.tsx";

interface Data {
  referat: SiteView;
}

export const data = {
  permalink: "soeg/index.html",
  eleventyExcludeFromCollections: true,
};

export default function render({ referat: site }: Data) {
  const kommune = siteKommune(site);
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
      <SearchPage pathPrefix={site.pathPrefix} where={where} single={kommune !== undefined} examples={searchPageExamples(site.kommuner)} />
    </Layout>
  );
}
