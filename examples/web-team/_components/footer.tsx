// The web team's footer, used on every page instead of the project's own
// (templates/_components/footer.tsx): the same contact details, and links to the two pages this
// folder adds. A file here at the same path as one in templates/ replaces it wherever it is
// imported; this one imports the project's modules by their place in the repository.
import type { Kommune } from "../../../src/minutes/model.ts";
import { formatHours } from "../../../src/site/text.ts";
import { withPrefix } from "../../../src/site/urls.ts";
import { SITE_NAME, type SiteContext } from "../../../src/site/view.ts";

export function Footer({ site, kommune }: { site: SiteContext; kommune?: Kommune | undefined }) {
  const p = (address: string) => withPrefix(site.pathPrefix, address);
  return (
    <footer class="site-footer">
      <div class="site-footer-inner">
        <div class="contact">
          <p class="footer-title">{kommune ? kommune.name : SITE_NAME}</p>
          {kommune && (
            <address>
              {kommune.contact.address && <span class="contact-line">{kommune.contact.address}</span>}
              {kommune.contact.email && (
                <span class="contact-line">
                  E-mail: <a href={`mailto:${kommune.contact.email}`}>{kommune.contact.email}</a>
                </span>
              )}
              {kommune.contact.hours && <span class="contact-line">Åbningstider: {formatHours(kommune.contact.hours)}</span>}
            </address>
          )}
        </div>
        <nav class="footer-nav" aria-label="Om arkivet">
          <ul>
            <li>
              <a href={p("/om-arkivet/")}>Om arkivet</a>
            </li>
            <li>
              <a href={p("/tilgaengelighed/")}>Tilgængelighed</a>
            </li>
            {kommune?.feedback && (
              <li>
                <a href={kommune.feedback}>Giv os feedback</a>
              </li>
            )}
          </ul>
        </nav>
      </div>
    </footer>
  );
}
