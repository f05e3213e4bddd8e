// What the templates receive: the site's view models and nothing else. The adapter
// (src/eleventy/data.ts) hands Eleventy a `SiteView` as the global data `referat`; the templates
// paginate over its page lists and build each page's view with the functions here. The archive
// itself, the page writer, the render cache's recording and the test hooks are the build's and
// stay in the adapter (src/eleventy/data.ts `RenderHooks`), out of what a template can see.
import type { Kommune } from "../minutes/model.ts";
import type { SiteScope } from "./breadcrumbs.ts";
import { followUpsOf, type FollowUps } from "./follow-ups.ts";
import { viewItems, type FollowView, type ItemView } from "./items.ts";
import type { MeetingIndex } from "./meeting-index.ts";
import type { ListPage, MeetingPage, MeetingLink } from "./pages.ts";
import { nextMeetingBox, type NextMeetingBox } from "./upcoming.ts";
import { searchExamples } from "../search/examples.ts";

/** The site's own name, on pages outside any one municipality. */
export const SITE_NAME = "Referatarkiv";

/** Site-wide context: what every page, the Layout included, needs to know. */
export interface SiteContext {
  /** "/" or e.g. "/referater/", always with leading and trailing slash. */
  pathPrefix: string;
  scope: SiteScope;
  /** The municipalities the site holds, by slug. */
  kommuner: Kommune[];
  /** The origin the site is served from (`https://referater.gladsaxe.dk`), when a base URL is known: canonical links. */
  origin?: string;
}

/** When a meeting was published in the archive and last changed (src/data/history.ts), ISO timestamps. */
export interface PublishedDates {
  created: string;
  modified: string;
}

/** The global data `referat` every template receives. */
export interface SiteView extends SiteContext {
  /** The list pages (front page, municipalities, councils, years) the list template paginates over. */
  listPages: ListPage[];
  /** The meeting pages the meeting template paginates over. */
  meetingPages: MeetingPage[];
  /** Every meeting by address: item views resolve the items they follow up through it. */
  meetingIndex: MeetingIndex;
  /** Later items by the earlier item they follow up ("Fulgt op"; src/site/follow-ups.ts). */
  followUps: FollowUps;
  /** The build date, `yyyy-mm-dd` in Copenhagen (src/site/upcoming.ts `buildDate`): what is upcoming and what is past. */
  today: string;
  /** When each meeting (by its file's absolute path) was published and last changed. */
  history?: ReadonlyMap<string, PublishedDates>;
}

/** The fields of a `SiteView`, for the adapter to copy exactly these from the build's site data. */
export const SITE_VIEW_FIELDS = [
  "pathPrefix",
  "scope",
  "kommuner",
  "origin",
  "listPages",
  "meetingPages",
  "meetingIndex",
  "followUps",
  "today",
  "history",
] as const;

/** One meeting page's view: everything its template shows besides the site context and the items' HTML. */
export interface MeetingView {
  page: MeetingPage;
  /** Its items, closed ones reduced to what may be published (src/site/items.ts). */
  items: ItemView[];
  /** Each open item's "Fulgt op" links, by item number. */
  followUps: Map<number, FollowView[]>;
  /** The one "Næste møde" box, if any. */
  box: NextMeetingBox | undefined;
  /** The council's newer meeting, linked on its own only when the box shows another (an announced date the archive lacks). */
  newer: MeetingLink | undefined;
  history: PublishedDates | undefined;
}

/** The view of one meeting page. */
export function meetingView(site: SiteView, page: MeetingPage): MeetingView {
  const { meeting } = page;
  const items = viewItems(meeting, site.meetingIndex);
  const followUps = new Map<number, FollowView[]>();
  for (const item of items) if (!item.closed) followUps.set(item.number, followUpsOf(site.followUps, meeting, item));
  const box = nextMeetingBox(meeting, page.following, site.today);
  return { page, items, followUps, box, newer: box?.kind === "archive" ? undefined : page.next, history: site.history?.get(meeting.absolutePath) };
}

/** The municipality whose look a page outside any municipality wears: the one of a one-municipality site. */
export function siteKommune(site: SiteContext): Kommune | undefined {
  return site.scope.kommune ? site.kommuner.find((k) => k.slug === site.scope.kommune) : undefined;
}

/** The example searches of a search page: of the one municipality it searches, or of the whole site. */
export function searchPageExamples(kommuner: readonly Kommune[]): string[] {
  return searchExamples(kommuner);
}
