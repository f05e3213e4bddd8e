// What Eleventy gets as global data (`referat`): the validated archive, already cut into the flat
// page lists the templates paginate over, and the context every page needs. Eleventy never reads
// content/ itself.
import type { Archive, Kommune } from "../minutes/model.ts";
import type { SiteScope } from "../site/breadcrumbs.ts";
import { indexMeetings, type MeetingIndex } from "../site/meeting-index.ts";
import type { ItemHtml } from "./item-html.ts";
import { createMeetingLinkResolver } from "../trust/meeting-links.ts";
import { buildListPages, buildMeetingPages, kommunerInScope, type ListPage, type MeetingPage } from "../site/pages.ts";
import { buildDate } from "../site/upcoming.ts";
import { normalisePathPrefix } from "../site/urls.ts";
import { siteBaseUrl } from "../data/stage.ts";
import type { MeetingHistory } from "../data/record.ts";
import { indexFollowUps, type FollowUps } from "../site/follow-ups.ts";

/** The name of the global data key. */
export const SITE_DATA_KEY = "referat";

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

/** The global data `referat` (see SITE_DATA_KEY). */
export interface SiteData extends SiteContext {
  archive: Archive;
  listPages: ListPage[];
  meetingPages: MeetingPage[];
  meetingIndex: MeetingIndex;
  /** Later items by the earlier item they follow up ("Fulgt op"; src/site/follow-ups.ts). */
  followUps: FollowUps;
  /** The build date, `yyyy-mm-dd` in Copenhagen (src/site/upcoming.ts `buildDate`): what is upcoming and what is past. */
  today: string;
  /** For src/render/markdown.ts: links to other meetings written as content paths or addresses. */
  resolveMeetingLink: (href: string, fromSourcePath: string) => string | undefined;
  /** When each meeting (by its file's absolute path) was published and last changed (src/data/history.ts). */
  history?: ReadonlyMap<string, MeetingHistory>;
  /** Test hook: called as each meeting page renders; if it throws, rendering fails. */
  onRenderPage?: (url: string) => void;
  /** The open items' HTML, rendered ahead in worker threads (src/eleventy/item-html.ts); absent, the template renders the Markdown. */
  itemHtml?: ItemHtml;
  /** Settles when the output folders of every page exist (src/eleventy/render.ts makes them ahead). */
  outputReady?: Promise<void>;
  /**
   * Writes a page's bytes to its output file as soon as it has rendered (src/eleventy/render.ts,
   * where Eleventy runs dry); settles when the page may go on. Absent, the page's bytes go back to
   * Eleventy, which writes them.
   */
  writePage?: (outputPath: string, bytes: Buffer) => Promise<void>;
}

export interface SiteDataOptions {
  pathPrefix?: string;
  kommune?: string;
  /** `--base-url`; a one-municipality site falls back to its kommune.yaml `base_url`. */
  baseUrl?: string;
  /** The build date (`yyyy-mm-dd`); default `buildDate()`, which honours `SOURCE_DATE_EPOCH`. */
  today?: string;
  onRenderPage?: (url: string) => void;
}

/** Builds the global data for one site from a validated archive. */
export function createSiteData(archive: Archive, options: SiteDataOptions = {}): SiteData {
  const scope: SiteScope = options.kommune ? { kommune: options.kommune } : {};
  const kommuner = kommunerInScope(archive.kommuner, scope);
  const meetingIndex = indexMeetings(kommuner);
  const baseUrl = siteBaseUrl({ scope, kommuner }, options);
  return {
    pathPrefix: normalisePathPrefix(options.pathPrefix),
    scope,
    kommuner,
    ...(baseUrl ? { origin: new URL(baseUrl).origin } : {}),
    archive,
    listPages: buildListPages(kommuner, scope),
    meetingPages: buildMeetingPages(kommuner, scope),
    meetingIndex,
    followUps: indexFollowUps(kommuner, meetingIndex),
    today: options.today ?? buildDate(),
    resolveMeetingLink: createMeetingLinkResolver(archive),
    ...(options.onRenderPage ? { onRenderPage: options.onRenderPage } : {}),
  };
}

/** The municipality whose look a page outside any municipality wears: the one of a one-municipality site. */
export function siteKommune(site: SiteContext): Kommune | undefined {
  return site.scope.kommune ? site.kommuner.find((k) => k.slug === site.scope.kommune) : undefined;
}

/** Where a page writes itself: its output file and the site's writer, or undefined when Eleventy writes it. */
export function pageWriterOf(data: unknown): { outputPath: string; writePage: NonNullable<SiteData["writePage"]> } | undefined {
  const page = data as { [SITE_DATA_KEY]?: SiteData; page?: { outputPath?: unknown } } | undefined;
  const writePage = page?.[SITE_DATA_KEY]?.writePage;
  const outputPath = page?.page?.outputPath;
  return writePage && typeof outputPath === "string" ? { outputPath, writePage } : undefined;
}

/** What a page must wait for before its template runs: its output folder and its meeting's pre-rendered item HTML. */
export async function pageReady(data: unknown): Promise<void> {
  const page = data as { [SITE_DATA_KEY]?: SiteData; meetingPage?: { meeting?: unknown } } | undefined;
  const site = page?.[SITE_DATA_KEY];
  if (!site) return;
  if (site.outputReady) await site.outputReady;
  const meeting = page?.meetingPage?.meeting;
  if (site.itemHtml && meeting) await site.itemHtml.ready(meeting as Parameters<ItemHtml["ready"]>[0]);
}
