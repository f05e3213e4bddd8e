// One municipality's search page on a site of several, /soeg/<kommune>/: in the municipality's
// look, searching its meetings only, with a link to widen to all municipalities. Its pages' header
// search leads here. A one-municipality site has only /soeg/ (templates/soeg.11ty.tsx).
import type { Kommune } from "../src/minutes/model.ts";
import { searchPageExamples, type SiteView } from "../src/site/view.ts";
import { kommuneCrumbs } from "../src/site/breadcrumbs.ts";
import { outputPathOf, searchUrl } from "../src/site/urls.ts";
import { Layout } from "./_layout.tsx";
import { SearchPage } from "./_components/search-page.tsx";

interface Data {
  referat: SiteView;
  searchKommune: Kommune;
}

export const data = {
  pagination: { data: "referat.kommuner", size: 1, alias: "searchKommune" },
  permalink: (data: Data) => (data.referat.scope.kommune ? false : outputPathOf(searchUrl(data.searchKommune.slug))),
  eleventyExcludeFromCollections: true,
};

export default function render({ referat: site, searchKommune: kommune }: Data) {
  return (
    <Layout
      site={site}
      title={`Søg i referaterne fra ${kommune.name}`}
      description={`Søg i dagsordener og referater fra ${kommune.name}.`}
      kommune={kommune}
      breadcrumbs={[...kommuneCrumbs(site.scope, kommune), { label: "Søg", url: searchUrl(kommune.slug) }]}
      scripts={["/assets/search.js"]}
      styles={["/assets/search.css"]}
    >
      <SearchPage pathPrefix={site.pathPrefix} scoped={kommune} where={kommune.name} single={false} examples={searchPageExamples([kommune])} />
    </Layout>
  );
}
