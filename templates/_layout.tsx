// The page frame every page wears, the search page and the 404 page included. The header and the
// footer are components of their own (templates/_components/), which a web team can replace one
// at a time (docs/templates.md).
import type { ComponentChildren } from "preact";
import { SITE_NAME, type SiteContext } from "../src/site/view.ts";
import type { Kommune } from "../src/minutes/model.ts";
import type { Crumb } from "../src/site/breadcrumbs.ts";
import { colourClass, COLOUR_STYLESHEET, faviconUrl } from "../src/site/look.ts";
import { assetUrl, logoUrl, withPrefix } from "../src/site/urls.ts";
import { Breadcrumbs } from "./_components/breadcrumbs.tsx";
import { Footer } from "./_components/footer.tsx";
import { Header } from "./_components/header.tsx";

/**
 * Props of `Layout`.
 *
 * - `site`: the global data `referat` (or any SiteContext): path prefix, scope, municipalities.
 * - `title`: the page's own title; `<title>` becomes "title – Kommune name" (or "title – Referatarkiv"
 *   on neutral pages). The page prints its own single `<h1>`.
 * - `description`: the meta description.
 * - `kommune`: the municipality whose name, mark, colour, navigation and footer the page wears;
 *   omit it for the neutral look of the all-municipality portal. For pages outside any one
 *   municipality (search, 404) pass `siteKommune(site)` from src/site/view.ts: it gives the
 *   municipality of a one-municipality site and undefined otherwise.
 * - `breadcrumbs`: the trail, last crumb the page itself (site-relative addresses, no prefix).
 *   May be empty (404).
 * - `scripts`: site-relative addresses (no prefix) of extra JavaScript modules, e.g.
 *   "/assets/search.js"; loaded with `type="module"` at the end of <head> (deferred by nature).
 * - `styles`: site-relative addresses of extra stylesheets after the site's own.
 * - `redirect`: a site-relative address (no prefix) that this page only sends the reader on to: the
 *   page gets `<meta http-equiv="refresh">` and names that address as canonical (src/site/pages.ts
 *   `RedirectPage`).
 * - `searchQuery`: prefills the header search field (the search page passes nothing: it reads ?q= itself).
 * - `url`: the page's own address (site-relative, no prefix): its canonical link and Open Graph
 *   address when the site knows its base URL.
 * - `feeds`: Atom feeds that follow what the page shows, announced with `<link rel="alternate">`.
 * - `structuredData`: schema.org data for search engines (JSON-LD), e.g. a meeting as an Event.
 * - `children`: the page content, placed inside `<main id="indhold">`.
 */
export interface LayoutProps {
  site: SiteContext;
  title: string;
  description: string;
  kommune?: Kommune | undefined;
  breadcrumbs: Crumb[];
  scripts?: string[];
  styles?: string[];
  redirect?: string;
  searchQuery?: string;
  url?: string;
  feeds?: { title: string; href: string }[];
  structuredData?: Record<string, unknown>;
  children?: ComponentChildren;
}

/** JSON for a `<script type="application/ld+json">`: nothing in it can end the element or open a comment. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}

/** The whole HTML document of one page. */
export function Layout(props: LayoutProps) {
  const { site, kommune, title } = props;
  const p = (address: string) => withPrefix(site.pathPrefix, address);
  const fullTitle = `${title} – ${kommune ? kommune.name : SITE_NAME}`;
  return (
    <html lang="da">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={props.description} />
        <meta name="color-scheme" content="light" />
        {site.origin && props.url && <link rel="canonical" href={site.origin + p(props.url)} />}
        <meta property="og:title" content={fullTitle} />
        <meta property="og:description" content={props.description} />
        <meta property="og:type" content={props.structuredData ? "article" : "website"} />
        <meta property="og:locale" content="da_DK" />
        <meta property="og:site_name" content={kommune ? kommune.name : SITE_NAME} />
        {site.origin && props.url && <meta property="og:url" content={site.origin + p(props.url)} />}
        {(props.feeds ?? []).map((feed) => (
          <link rel="alternate" type="application/atom+xml" title={feed.title} href={p(feed.href)} />
        ))}
        {props.structuredData && <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonForScript(props.structuredData) }}></script>}
        {props.redirect && <meta http-equiv="refresh" content={`0; url=${p(props.redirect)}`} />}
        {props.redirect && <link rel="canonical" href={(site.origin ?? "") + p(props.redirect)} />}
        <link rel="icon" href={p(faviconUrl(kommune ? logoUrl(kommune) : undefined))} />
        <link rel="stylesheet" href={p(assetUrl("style.css"))} />
        <link rel="stylesheet" href={p(assetUrl(COLOUR_STYLESHEET))} />
        {(props.styles ?? []).map((href) => (
          <link rel="stylesheet" href={p(href)} />
        ))}
        {(props.scripts ?? []).map((src) => (
          <script type="module" src={p(src)}></script>
        ))}
      </head>
      <body class={kommune ? `look-kommune ${colourClass(kommune)}` : "look-neutral"}>
        <a class="skip-link" href="#indhold">
          Spring til indhold
        </a>
        <Header site={site} kommune={kommune} searchQuery={props.searchQuery} />
        <div class="page">
          <Breadcrumbs crumbs={props.breadcrumbs} pathPrefix={site.pathPrefix} />
          <main id="indhold" tabindex={-1}>
            {props.children}
          </main>
        </div>
        <Footer site={site} kommune={kommune} />
      </body>
    </html>
  );
}
