// The site's header: the name and mark (the municipality's, or the portal's), the search field and
// the main navigation. Part of the frame of every page (templates/_layout.tsx).
import type { Kommune } from "../../src/minutes/model.ts";
import { markLetter } from "../../src/site/look.ts";
import { councilUrl, kommuneUrl, logoUrl, portalUrl, searchUrl, withPrefix } from "../../src/site/urls.ts";
import { SITE_NAME, type SiteContext } from "../../src/site/view.ts";

function Mark({ kommune, pathPrefix }: { kommune?: Kommune | undefined; pathPrefix: string }) {
  const logo = kommune ? logoUrl(kommune) : undefined;
  // The name beside the mark says who it is: the mark itself is decoration (alt="").
  if (logo) return <img class="mark" src={withPrefix(pathPrefix, logo)} alt="" width={40} height={40} />;
  const letter = kommune ? markLetter(kommune.name) : "R";
  return (
    <svg class="mark" viewBox="0 0 40 40" width="40" height="40" aria-hidden="true" focusable="false">
      <rect width="40" height="40" rx="6" fill="currentColor" />
      <text x="20" y="27" text-anchor="middle" font-size="20" font-family="system-ui, sans-serif" font-weight="700" fill="#ffffff">
        {letter}
      </text>
    </svg>
  );
}

export function Header({ site, kommune, searchQuery }: { site: SiteContext; kommune?: Kommune | undefined; searchQuery?: string | undefined }) {
  const p = (address: string) => withPrefix(site.pathPrefix, address);
  const home = kommune && !site.scope.kommune ? kommuneUrl(kommune.slug) : portalUrl();
  return (
    <header class="site-header">
      <div class="site-header-inner">
        <a class="site-name" href={p(home)}>
          <Mark kommune={kommune} pathPrefix={site.pathPrefix} />
          <span>
            <span class="site-name-main">{kommune ? kommune.name : SITE_NAME}</span>
            <span class="site-name-sub">{kommune ? "Referater fra rådene" : "Referater fra kommunernes råd"}</span>
          </span>
        </a>
        {/* On a municipality's page of a site of several, the search is the municipality's (it widens from there). */}
        <form class="site-search" role="search" action={p(searchUrl(kommune && !site.scope.kommune ? kommune.slug : undefined))} method="get">
          <label for="soeg-felt">Søg i referaterne</label>
          <span class="site-search-row">
            <input id="soeg-felt" type="search" name="q" value={searchQuery} autocomplete="off" />
            <button type="submit">Søg</button>
          </span>
        </form>
      </div>
      <nav class="site-nav" aria-label="Hovedmenu">
        <ul>
          {kommune ? (
            <>
              <li>
                <a href={p(home)}>Forside</a>
              </li>
              {kommune.councils.map((council) => (
                <li>
                  <a href={p(councilUrl(kommune.slug, council.slug))}>{council.name}</a>
                </li>
              ))}
            </>
          ) : (
            <li>
              <a href={p(portalUrl())}>Alle kommuner</a>
            </li>
          )}
          <li>
            <a href={p(searchUrl())}>Søg</a>
          </li>
        </ul>
      </nav>
    </header>
  );
}
