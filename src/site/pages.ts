// The flat list of pages the site consists of: pure functions from the validated Archive to page
// models. Eleventy paginates over these lists (size 1), so each page's template does only its own
// small share of the work. Models hold references into the Archive, never copies.
import { formatDate } from "../format/dates.ts";
import type { Council, Item, ItemKind, Kommune, Meeting } from "../minutes/model.ts";
import { councilCrumbs, type Crumb, kommuneCrumbs, meetingCrumbs, meetingLabel, portalCrumbs, type SiteScope, yearCrumbs } from "./breadcrumbs.ts";
import { councilUrl, kommuneUrl, meetingUrl, portalUrl, yearUrl } from "./urls.ts";

interface PageBase {
  /** Site-relative address without prefix, ending in "/". */
  url: string;
  /** The page's own title (h1 and the first part of <title>). */
  title: string;
  /** Meta description. */
  description: string;
  breadcrumbs: Crumb[];
  /** The municipality whose look the page wears; undefined for the neutral portal. */
  kommune?: Kommune;
}

/** "/" when the site holds every municipality. */
export interface PortalPage extends PageBase {
  kind: "portal";
  kommuner: Kommune[];
}

/** "/<kommune>/", and "/" when the site is built for that municipality alone. */
export interface KommunePage extends PageBase {
  kind: "kommune";
  kommune: Kommune;
}

/** The meetings of one year of one council, newest first. */
export interface YearGroup {
  year: string;
  url: string;
  meetings: Meeting[];
}

/** "/<kommune>/<raad>/": the council's meetings by year. */
export interface CouncilPage extends PageBase {
  kind: "council";
  kommune: Kommune;
  council: Council;
  years: YearGroup[];
}

/** "/<kommune>/<raad>/<yyyy>/". */
export interface YearPage extends PageBase {
  kind: "year";
  kommune: Kommune;
  council: Council;
  year: string;
  meetings: Meeting[];
  /** The neighbouring years that have meetings. */
  previousYear?: Crumb;
  nextYear?: Crumb;
}

/** A link to another meeting of the same council. */
export interface MeetingLink {
  url: string;
  label: string;
  title: string;
}

/** "/<kommune>/<raad>/<yyyy-mm-dd>/". */
export interface MeetingPage extends PageBase {
  kind: "meeting";
  kommune: Kommune;
  council: Council;
  meeting: Meeting;
  /** The council's meeting before this one (older), if any. */
  previous?: MeetingLink;
  /** The council's meeting after this one (newer), if any. */
  next?: MeetingLink;
  /** That meeting itself, for the "Næste møde" box (src/site/upcoming.ts `nextMeetingBox`). */
  following?: Meeting;
}

/**
 * "/<kommune>/" of a site built for that municipality alone: the municipality's page is "/", and this
 * address (which links from elsewhere may use) only sends the reader there, so the same page is
 * never published at two addresses.
 */
export interface RedirectPage extends PageBase {
  kind: "redirect";
  kommune: Kommune;
  /** Site-relative address without prefix. */
  target: string;
}

export type ListPage = PortalPage | KommunePage | CouncilPage | YearPage | RedirectPage;

/** How many meetings a municipality's front page lists. */
export const LATEST_COUNT = 10;

/** Newest first: by date, then by slug (a "-2" meeting after the first that day), then by address. */
export function compareNewestFirst(a: Meeting, b: Meeting): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  if (a.slug !== b.slug) return a.slug < b.slug ? 1 : -1;
  return a.url < b.url ? 1 : a.url > b.url ? -1 : 0;
}

/** The municipalities the site holds: all, or the one it is built for. */
export function kommunerInScope(kommuner: readonly Kommune[], scope: SiteScope): Kommune[] {
  return scope.kommune ? kommuner.filter((k) => k.slug === scope.kommune) : [...kommuner];
}

/** The council's meetings grouped by year, newest year and meeting first. */
export function groupByYear(kommune: Kommune, council: Council): YearGroup[] {
  const groups = new Map<string, Meeting[]>();
  for (const meeting of [...council.meetings].sort(compareNewestFirst)) {
    const list = groups.get(meeting.year);
    if (list) list.push(meeting);
    else groups.set(meeting.year, [meeting]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([year, meetings]) => ({ year, url: yearUrl(kommune.slug, council.slug, year), meetings }));
}

function toLink(meeting: Meeting): MeetingLink {
  return { url: meetingUrl(meeting), label: meetingLabel(meeting), title: meeting.title };
}

/** The newest meetings of a municipality across its councils, leaving out those `skip` names (the upcoming ones). */
export function latestMeetings(kommune: Kommune, count = LATEST_COUNT, skip: (meeting: Meeting) => boolean = () => false): Meeting[] {
  return kommune.councils
    .flatMap((c) => c.meetings)
    .filter((m) => !skip(m))
    .sort(compareNewestFirst)
    .slice(0, count);
}

function kommunePage(kommune: Kommune, scope: SiteScope, atRoot: boolean): KommunePage {
  return {
    kind: "kommune",
    url: atRoot ? portalUrl() : kommuneUrl(kommune.slug),
    title: `Referater fra ${kommune.name}`,
    description: `Dagsordener og referater fra rådene i ${kommune.name}: ${kommune.councils.map((c) => c.name).join(", ")}.`,
    breadcrumbs: atRoot ? portalCrumbs(scope, kommune) : kommuneCrumbs(scope, kommune),
    kommune,
  };
}

function meetingDescription(meeting: Meeting, council: Council, kommune: Kommune): string {
  const what = meeting.status === "dagsorden" ? "Dagsorden" : "Referat";
  const titles = meeting.items.map((item: Item) => item.title).join(", ");
  return `${what} fra ${council.name}, ${kommune.name}, ${meetingLabel(meeting)}: ${titles}`;
}

/** Every list page (portal, municipalities, councils, years) of the site, in a stable order. */
export function buildListPages(kommuner: readonly Kommune[], scope: SiteScope): ListPage[] {
  const inScope = kommunerInScope(kommuner, scope);
  const pages: ListPage[] = [];
  const only = scope.kommune ? inScope[0] : undefined;
  if (only) {
    pages.push(kommunePage(only, scope, true));
  } else {
    pages.push({
      kind: "portal",
      url: portalUrl(),
      title: "Referater fra kommunernes råd",
      description: `Dagsordener og referater fra ${inScope.map((k) => k.name).join(", ")}.`,
      breadcrumbs: portalCrumbs(scope),
      kommuner: inScope,
    });
  }
  for (const kommune of inScope) {
    if (only) {
      pages.push({
        kind: "redirect",
        url: kommuneUrl(kommune.slug),
        title: `Referater fra ${kommune.name}`,
        description: `Forsiden for referater fra ${kommune.name}.`,
        breadcrumbs: [],
        kommune,
        target: portalUrl(),
      });
    } else {
      pages.push(kommunePage(kommune, scope, false));
    }
    for (const council of kommune.councils) {
      const years = groupByYear(kommune, council);
      pages.push({
        kind: "council",
        url: councilUrl(kommune.slug, council.slug),
        title: `${council.name}`,
        description: `Dagsordener og referater fra ${council.name} i ${kommune.name}.`,
        breadcrumbs: councilCrumbs(scope, kommune, council),
        kommune,
        council,
        years,
      });
      years.forEach((group, index) => {
        const newer = years[index - 1];
        const older = years[index + 1];
        pages.push({
          kind: "year",
          url: group.url,
          title: `${council.name} ${group.year}`,
          description: `Dagsordener og referater fra ${council.name} i ${kommune.name} i ${group.year}.`,
          breadcrumbs: yearCrumbs(scope, kommune, council, group.year),
          kommune,
          council,
          year: group.year,
          meetings: group.meetings,
          ...(older ? { previousYear: { label: older.year, url: older.url } } : {}),
          ...(newer ? { nextYear: { label: newer.year, url: newer.url } } : {}),
        });
      });
    }
  }
  return pages;
}

/** Every meeting page of the site, in a stable order (municipality, council, newest first). */
export function buildMeetingPages(kommuner: readonly Kommune[], scope: SiteScope): MeetingPage[] {
  const pages: MeetingPage[] = [];
  for (const kommune of kommunerInScope(kommuner, scope)) {
    for (const council of kommune.councils) {
      const meetings = [...council.meetings].sort(compareNewestFirst);
      meetings.forEach((meeting, index) => {
        const newer = meetings[index - 1];
        const older = meetings[index + 1];
        pages.push({
          kind: "meeting",
          url: meetingUrl(meeting),
          title: meetingPageTitle(meeting),
          description: meetingDescription(meeting, council, kommune),
          breadcrumbs: meetingCrumbs(scope, kommune, council, meeting),
          kommune,
          council,
          meeting,
          ...(older ? { previous: toLink(older) } : {}),
          ...(newer ? { next: toLink(newer), following: newer } : {}),
        });
      });
    }
  }
  return pages;
}

/** The meeting's title for <title>: with its date, unless the title already names it. */
export function meetingPageTitle(meeting: Pick<Meeting, "title" | "date" | "slug">): string {
  const label = meetingLabel(meeting);
  return meeting.title.includes(formatDate(meeting.date)) ? meeting.title : `${meeting.title}, ${label}`;
}

/** The distinct kinds of a meeting's open items that the source gave, in the order they first appear. */
export function itemKinds(meeting: Meeting): ItemKind[] {
  const kinds: ItemKind[] = [];
  for (const item of meeting.items) {
    // A kind the source did not give (added by an editor) is not offered as a search filter.
    if (!item.closed && item.kind && !item.editorial.includes("kind") && !kinds.includes(item.kind)) kinds.push(item.kind);
  }
  return kinds;
}
