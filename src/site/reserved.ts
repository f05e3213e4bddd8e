// The names the build itself writes beside the municipalities and beside a municipality's
// councils. A municipality's folder name becomes its top-level address (`/<kommune>/`) and a
// council's slug its address in the municipality (`/<kommune>/<raad>/`), so neither may be one of
// these: the build would write two things to one place. The loader refuses such a name at `check`
// time (src/content/load.ts). test/site/reserved.test.ts builds a site and checks that every
// name the build writes at these two levels is listed here, so a new output cannot be forgotten.
import { calendarUrl, exportUrl, feedUrl, ROBOTS_URL, SCHEMA_URL, sitemapUrl } from "../data/urls.ts";
import { isPartFolderName } from "../search/parts.ts";
import { assetUrl, portalUrl, searchUrl } from "./urls.ts";

/** The first path segment of a site-relative address: "/soeg/" → "soeg", "/" → "index.html". */
function firstSegment(address: string): string {
  const segment = address.replace(/^\//, "").split("/")[0] ?? "";
  return segment === "" ? "index.html" : segment;
}

/** The first path segment below `/<kommune>/` of an address in a municipality's folder. */
function segmentInKommune(address: string): string {
  return firstSegment(address.replace(/^\/eksempel\//, "/"));
}

/**
 * Names at the top of the site: the front page, the 404 page (templates/404.11ty.tsx), the search
 * page and its list of indexes (/soeg/), the stylesheets and scripts (/assets/), and the open
 * data (src/data/urls.ts: the schema, the exports, the feed, the sitemaps and robots.txt; the
 * portal's own sitemap, src/data/files.ts).
 */
export const RESERVED_TOP_LEVEL: readonly string[] = [
  ...new Set([
    firstSegment(portalUrl()),
    "404.html",
    firstSegment(searchUrl()),
    firstSegment(assetUrl("style.css")),
    firstSegment(SCHEMA_URL),
    firstSegment(exportUrl("meetingsCsv")),
    firstSegment(feedUrl()),
    firstSegment(sitemapUrl()),
    "sitemap-portal.xml",
    firstSegment(ROBOTS_URL),
  ]),
].sort();

/**
 * Names in a municipality's folder besides its councils: its page, its search index (`pagefind/`,
 * and `pagefind-1/`, `pagefind-2/`, … for an index in parts) and its open data (the exports, the
 * feed, the calendar, the sitemap). The logo's name has a dot, which no slug has.
 */
const IN_KOMMUNE = [
  "index.html",
  segmentInKommune(exportUrl("meetingsCsv", "eksempel")),
  segmentInKommune(feedUrl("eksempel")),
  segmentInKommune(calendarUrl("eksempel")),
  segmentInKommune(sitemapUrl("eksempel")),
];
export const RESERVED_IN_KOMMUNE: readonly string[] = [...new Set(IN_KOMMUNE)].sort().concat(["pagefind", "pagefind-1", "pagefind-2", "…"]);

/** Whether a municipality's folder name would collide with what the build writes at the top. */
export function isReservedKommuneName(name: string): boolean {
  return RESERVED_TOP_LEVEL.includes(name);
}

/** Whether a council slug would collide with what the build writes in the municipality's folder. */
export function isReservedCouncilName(name: string): boolean {
  return IN_KOMMUNE.includes(name) || isPartFolderName(name);
}
