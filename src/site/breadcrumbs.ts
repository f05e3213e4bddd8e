// Breadcrumbs: where a page stands in the archive. The last crumb is the page itself
// (rendered with aria-current="page").
import { formatDate } from "../format/dates.ts";
import type { Council, Kommune, Meeting } from "../minutes/model.ts";
import { councilUrl, kommuneUrl, meetingUrl, portalUrl, yearUrl } from "./urls.ts";

/** One step of the trail; `url` is site-relative without prefix. */
export interface Crumb {
  label: string;
  url: string;
}

/** Whether the site holds every municipality (a portal at "/") or one alone. */
export interface SiteScope {
  /** Set when the site is built for one municipality (`--kommune`). */
  kommune?: string;
}

function root(scope: SiteScope, kommune?: Kommune): Crumb[] {
  // Built for one municipality, the municipality is the start, at "/" (its /<kommune>/ only
  // redirects there: src/site/pages.ts `RedirectPage`); otherwise the portal is.
  if (scope.kommune) return kommune ? [{ label: kommune.name, url: portalUrl() }] : [];
  const portal: Crumb = { label: "Alle kommuner", url: portalUrl() };
  return kommune ? [portal, { label: kommune.name, url: kommuneUrl(kommune.slug) }] : [portal];
}

/** The trail of the portal ("/"), which in a one-municipality site is that municipality. */
export function portalCrumbs(scope: SiteScope, kommune?: Kommune): Crumb[] {
  if (scope.kommune && kommune) return [{ label: kommune.name, url: portalUrl() }];
  return [{ label: "Alle kommuner", url: portalUrl() }];
}

/** Alle kommuner › Gladsaxe Kommune */
export function kommuneCrumbs(scope: SiteScope, kommune: Kommune): Crumb[] {
  return root(scope, kommune);
}

/** … › Udsatterådet */
export function councilCrumbs(scope: SiteScope, kommune: Kommune, council: Council): Crumb[] {
  return [...root(scope, kommune), { label: council.name, url: councilUrl(kommune.slug, council.slug) }];
}

/** … › Udsatterådet › 2023 */
export function yearCrumbs(scope: SiteScope, kommune: Kommune, council: Council, year: string): Crumb[] {
  return [...councilCrumbs(scope, kommune, council), { label: year, url: yearUrl(kommune.slug, council.slug, year) }];
}

/** … › Udsatterådet › 2023 › 6. september 2023 */
export function meetingCrumbs(scope: SiteScope, kommune: Kommune, council: Council, meeting: Meeting): Crumb[] {
  return [...yearCrumbs(scope, kommune, council, meeting.year), { label: meetingLabel(meeting), url: meetingUrl(meeting) }];
}

/** "6. september 2023", or "6. september 2023, møde 2" for a second meeting that day. */
export function meetingLabel(meeting: Pick<Meeting, "date" | "slug">): string {
  const suffix = meeting.slug.slice(meeting.date.length).replace(/^-/, "");
  return suffix ? `${formatDate(meeting.date)}, møde ${suffix}` : formatDate(meeting.date);
}
