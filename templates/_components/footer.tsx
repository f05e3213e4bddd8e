// The site's footer: the municipality's contact details, opening hours, accessibility statement
// and feedback link, or on the portal's pages every municipality's accessibility statement. Part
// of the frame of every page (templates/_layout.tsx).
import type { Kommune } from "../../src/minutes/model.ts";
import { formatHours } from "../../src/site/text.ts";
import { SITE_NAME, type SiteContext } from "../../src/site/view.ts";

export function Footer({ site, kommune }: { site: SiteContext; kommune?: Kommune | undefined }) {
  if (!kommune) {
    return (
      <footer class="site-footer">
        <div class="site-footer-inner">
          <p class="footer-title">{SITE_NAME}</p>
          <nav aria-label="Tilgængelighedserklæringer" class="footer-nav">
            <p>Tilgængelighedserklæringer:</p>
            <ul>
              {site.kommuner.map((k) => (
                <li>
                  <a href={k.accessibilityStatement}>{k.name}</a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </footer>
    );
  }
  const c = kommune.contact;
  return (
    <footer class="site-footer">
      <div class="site-footer-inner">
        <div class="contact">
          <p class="footer-title">{kommune.name}</p>
          <address>
            {c.address && <span class="contact-line">{c.address}</span>}
            {c.phone && (
              <span class="contact-line">
                Telefon: <a href={`tel:${c.phone.replace(/\s+/g, "")}`}>{c.phone}</a>
              </span>
            )}
            {c.email && (
              <span class="contact-line">
                E-mail: <a href={`mailto:${c.email}`}>{c.email}</a>
              </span>
            )}
            {c.hours && <span class="contact-line">Åbningstider: {formatHours(c.hours)}</span>}
            {c.cvr && <span class="contact-line">CVR: {c.cvr}</span>}
            {kommune.website && (
              <span class="contact-line">
                <a href={kommune.website}>{kommune.website.replace(/^https?:\/\//, "").replace(/\/$/, "")}</a>
              </span>
            )}
          </address>
        </div>
        <nav class="footer-nav" aria-label="Om sitet">
          <ul>
            <li>
              <a href={kommune.accessibilityStatement}>Tilgængelighedserklæring</a>
            </li>
            {kommune.feedback && (
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
