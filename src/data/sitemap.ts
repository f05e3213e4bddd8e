// sitemap.xml (the sitemaps protocol, https://www.sitemaps.org/protocol.html) and robots.txt.
// A sitemap lists absolute addresses, so it is only made when the site knows its base URL.
import type { Meeting } from "../minutes/model.ts";
import { sitemapUrl, type DataLinks } from "./urls.ts";

/** A page as the sitemap needs it. */
export interface SitemapPage {
  url: string;
  /** The municipality's slug, for the municipality's own sitemap; absent for the portal's pages. */
  kommune?: string;
  meeting?: Meeting;
}

/** Text for XML content or a quoted attribute (the feeds use it too). */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** A `<urlset>` of the pages; `lastmod` from the meeting's history where there is one. */
export function sitemapOf(pages: readonly SitemapPage[], links: DataLinks, lastmod: (meeting?: Meeting) => string | undefined): string {
  const entries = pages.map((page) => {
    const modified = lastmod(page.meeting);
    return `  <url><loc>${escapeXml(links.absolute(page.url))}</loc>${modified ? `<lastmod>${modified}</lastmod>` : ""}</url>\n`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join("")}</urlset>\n`;
}

/** A `<sitemapindex>` of other sitemaps. */
export function sitemapIndex(addresses: readonly string[], links: DataLinks): string {
  const entries = addresses.map((address) => `  <sitemap><loc>${escapeXml(links.absolute(address))}</loc></sitemap>\n`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join("")}</sitemapindex>\n`;
}

/** robots.txt: everything may be read; the sitemap is named when the base URL is known. */
export function robotsTxt(links: DataLinks): string {
  return `User-agent: *\nAllow: /\n${links.origin ? `\nSitemap: ${links.absolute(sitemapUrl())}\n` : ""}`;
}
