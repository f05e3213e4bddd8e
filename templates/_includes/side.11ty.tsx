// The site's frame as an Eleventy layout, for pages a web team adds in their own templates folder
// (`--templates`; docs/templates.md): a Markdown, Nunjucks or `.11ty.tsx` page with
// `layout: side.11ty.tsx` in its front matter gets the header, navigation, breadcrumbs, footer,
// stylesheet and `lang="da"` of every other page, with its own HTML inside <main>.
//
// Front matter it reads: `title` (required: the page's <title> and last breadcrumb; the page
// prints its own <h1>), `description` (the meta description; default the title), `kommune` (the
// slug of the municipality whose look the page wears; default the one of a one-municipality site,
// else the neutral look of the portal).
import { portalCrumbs } from "../../src/site/breadcrumbs.ts";
import { siteKommune, type SiteView } from "../../src/site/view.ts";
import { Layout } from "../_layout.tsx";

interface Data {
  referat: SiteView;
  /** The page's HTML, as Eleventy rendered it. */
  content: string;
  title?: string;
  description?: string;
  kommune?: string;
  page: { url: string | false };
}

export default function render({ referat: site, content, title, description, kommune: slug, page }: Data) {
  if (!title) throw new Error(`siden skal have en titel i sin front matter (title: …) for at bruge side.11ty.tsx`);
  const kommune = slug === undefined ? siteKommune(site) : site.kommuner.find((k) => k.slug === slug);
  if (slug !== undefined && !kommune)
    throw new Error(`kommune i front matter skal være en kommune i arkivet (${site.kommuner.map((k) => k.slug).join(", ")}), men er "${slug}"`);
  const url = typeof page.url === "string" ? page.url : undefined;
  return (
    <Layout
      site={site}
      title={title}
      description={description ?? title}
      kommune={kommune}
      breadcrumbs={[...portalCrumbs(site.scope, kommune), ...(url ? [{ label: title, url }] : [])]}
      {...(url ? { url } : {})}
    >
      <div class="side-text" dangerouslySetInnerHTML={{ __html: content }} />
    </Layout>
  );
}
