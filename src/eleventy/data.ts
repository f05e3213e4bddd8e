// The adapter's data: the build's site data (`SiteData`: the page models and what only the build
// needs, such as the archive and the page writer), and how it is split for Eleventy into what the
// templates see (the global data `referat`, a `SiteView` of src/site/view.ts: view models only)
// and what stays in the adapter (`RenderHooks`: waiting for a page's output folder and its items'
// HTML, writing the page, recording it, the test hook). Eleventy never reads content/ itself.
import type { Archive, Meeting } from "../minutes/model.ts";
import { indexMeetings } from "../site/meeting-index.ts";
import { openBodies, type ItemHtml } from "./item-html.ts";
import { createMeetingLinkResolver } from "../trust/meeting-links.ts";
import { buildListPages, buildMeetingPages, kommunerInScope } from "../site/pages.ts";
import { buildDate } from "../site/upcoming.ts";
import { normalisePathPrefix } from "../site/urls.ts";
import { siteBaseUrl } from "../data/stage.ts";
import type { MeetingHistory } from "../data/record.ts";
import { indexFollowUps } from "../site/follow-ups.ts";
import { SITE_VIEW_FIELDS, type SiteContext, type SiteView } from "../site/view.ts";
import type { SiteScope } from "../site/breadcrumbs.ts";
import { renderMarkdown } from "../render/markdown.ts";
import { guardPage, type TemplateInput } from "./site-templates.ts";

export type { SiteContext, SiteView };
export { siteKommune } from "../site/view.ts";

/** The name of the global data key. */
export const SITE_DATA_KEY = "referat";

/** The build's site data: the view the templates get (`SiteView`), and what only the build uses. */
export interface SiteData extends SiteView {
  archive: Archive;
  history?: ReadonlyMap<string, MeetingHistory>;
  /** For src/render/markdown.ts: links to other meetings written as content paths or addresses. */
  resolveMeetingLink: (href: string, fromSourcePath: string) => string | undefined;
  /** Test hook: called as each meeting page renders; if it throws, rendering fails. */
  onRenderPage?: (url: string) => void;
  /** The open items' HTML, rendered ahead in worker threads (src/eleventy/item-html.ts); absent, the adapter renders the Markdown as each page renders. */
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

/** What the adapter adds to a meeting page's data for its template: the open items' HTML, in item order. */
export interface PageExtras {
  itemHtml: string[];
}

/**
 * The build's side of rendering, kept by the adapter (src/eleventy/jsx.ts) and never in the data
 * templates see: what a page waits for, the HTML of its items, and where its bytes go.
 */
export interface RenderHooks {
  /** Waits until the page may render; for a meeting page, calls the test hook and returns its items' HTML. */
  prepare(data: unknown): Promise<PageExtras | undefined>;
  /** Writes a rendered page (made from `inputPath`) to its output file (the build runs Eleventy dry); absent, Eleventy writes it. */
  write?: (outputPath: string, bytes: Buffer, inputPath: string | undefined) => Promise<void>;
}

/** The meeting page of a page's data (the meeting template's pagination alias `meetingPage`), if it is one. */
function meetingPageOf(data: unknown): { url: string; meeting: Meeting } | undefined {
  const page = (data as { meetingPage?: { url?: unknown; meeting?: unknown } } | undefined)?.meetingPage;
  return page && typeof page.url === "string" && page.meeting && typeof page.meeting === "object" ? (page as { url: string; meeting: Meeting }) : undefined;
}

/**
 * Splits the build's site data for one Eleventy run: the view the templates receive as the global
 * data `referat` (exactly the fields of `SiteView`, frozen, so Eleventy neither copies it into
 * each page's data nor wraps it in a Proxy), and the hooks the adapter keeps.
 */
export function forTemplates(site: SiteData, input?: Pick<TemplateInput, "theirs">): { view: SiteView; hooks: RenderHooks } {
  const view: Record<string, unknown> = {};
  for (const field of SITE_VIEW_FIELDS) if (site[field] !== undefined) view[field] = site[field];
  const { itemHtml, outputReady, onRenderPage, writePage, pathPrefix, resolveMeetingLink } = site;
  const hooks: RenderHooks = {
    async prepare(data) {
      if (outputReady) await outputReady;
      const page = meetingPageOf(data);
      if (!page) return undefined;
      const { meeting } = page;
      if (itemHtml) await itemHtml.ready(meeting);
      onRenderPage?.(page.url);
      const context = { pathPrefix, sourcePath: meeting.sourcePath, resolveMeetingLink };
      return { itemHtml: itemHtml?.take(meeting) ?? openBodies(meeting).map((body) => renderMarkdown(body, context)) };
    },
    ...(writePage
      ? {
          async write(outputPath: string, bytes: Buffer, inputPath: string | undefined) {
            // A page a web team's template made is scanned for CPR numbers as the content is.
            const theirs = inputPath === undefined ? undefined : input?.theirs(inputPath);
            if (theirs) guardPage(theirs, bytes);
            return writePage(outputPath, bytes);
          },
        }
      : {}),
  };
  return { view: Object.freeze(view) as unknown as SiteView, hooks };
}
