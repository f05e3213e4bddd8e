// What one changed meeting touches, for `referat serve`: the pages whose HTML can depend on it
// (its own, its neighbours, the meetings that follow up its items, the lists that show it, the
// search pages), the page models made again for its municipality (with the functions
// `createSiteData` uses), and its published files. The update renders those pages through the
// build's render stage (src/serve/site.ts), never by calling templates itself.
import type { SiteData } from "../eleventy/data.ts";
import { publishedFiles } from "../minutes/files.ts";
import type { Kommune, Meeting } from "../minutes/model.ts";
import { indexMeetings } from "../site/meeting-index.ts";
import { indexFollowUps } from "../site/follow-ups.ts";
import { buildListPages, buildMeetingPages, kommunerInScope, type ListPage, type MeetingPage } from "../site/pages.ts";
import { attachmentOutputPath, councilUrl, kommuneUrl, portalUrl, yearUrl } from "../site/urls.ts";

/** The pages whose HTML can depend on the given meetings. */
export interface AffectedPages {
  meetingPages: MeetingPage[];
  listPages: ListPage[];
}

/** Meeting addresses by the address of the meeting they follow up (`follows`), for `affectedPages`. */
export type Followers = Map<string, Set<string>>;

function followedBy(meeting: Meeting): string[] {
  return meeting.items.flatMap((item) => item.follows.map((address) => address.split("#")[0] ?? address));
}

/** Which meetings follow up which: built once, then kept up to date with `updateFollowers`. */
export function indexFollowers(kommuner: readonly Kommune[]): Followers {
  const followers: Followers = new Map();
  for (const kommune of kommuner) {
    for (const council of kommune.councils) {
      for (const meeting of council.meetings) updateFollowers(followers, undefined, meeting);
    }
  }
  return followers;
}

/** Replaces what `before` followed up with what `after` does. */
export function updateFollowers(followers: Followers, before: Meeting | undefined, after: Meeting): void {
  if (before) for (const target of followedBy(before)) followers.get(target)?.delete(before.url);
  for (const target of followedBy(after)) {
    let set = followers.get(target);
    if (!set) followers.set(target, (set = new Set()));
    set.add(after.url);
  }
}

/**
 * The meetings' own pages, their previous and next meetings (the links between them), every
 * meeting page with an item that follows up one of them (the label names the item's title), and
 * the list pages that show them: year, council, municipality and the front page. (The search pages
 * and the 404 page are made by every render: their templates are not paginated.)
 */
export function affectedPages(site: SiteData, changed: readonly Meeting[], followers: Followers, followed: readonly Meeting[] = []): AffectedPages {
  const urls = new Set(changed.map((m) => m.url));
  const meetingUrls = new Set(urls);
  // The items they follow up (before and after the change) show "Fulgt op", and their councils' open threads.
  const targets = new Set(followed.flatMap((m) => followedBy(m)));
  for (const target of targets) meetingUrls.add(target);
  for (const url of urls) for (const follower of followers.get(url) ?? []) meetingUrls.add(follower);
  for (const page of site.meetingPages) {
    if (!urls.has(page.url)) continue;
    if (page.previous) meetingUrls.add(page.previous.url);
    if (page.next) meetingUrls.add(page.next.url);
  }
  const listUrls = new Set([portalUrl()]);
  for (const page of site.meetingPages) if (targets.has(page.url)) listUrls.add(councilUrl(page.kommune.slug, page.council.slug));
  for (const m of changed) {
    listUrls.add(kommuneUrl(m.kommune));
    listUrls.add(councilUrl(m.kommune, m.raad));
    listUrls.add(yearUrl(m.kommune, m.raad, m.year));
  }
  return {
    meetingPages: site.meetingPages.filter((page) => meetingUrls.has(page.url)),
    listPages: site.listPages.filter((page) => listUrls.has(page.url)),
  };
}

/**
 * The site data after meetings of the `touched` municipalities were replaced in the archive (same
 * addresses): their page models and meeting index made again with the functions `createSiteData`
 * uses, the rest kept. The portal's model holds the municipalities themselves, and a change of one
 * meeting changes nothing it shows but through them. The link resolver is kept: it knows each
 * meeting by its content path and address only (src/trust/meeting-links.ts `meetingLinkTargets`),
 * and a replaced meeting keeps both.
 */
export function patchSiteData(site: SiteData, touched: readonly Kommune[]): SiteData {
  const meetingPages = new Map(buildMeetingPages(touched, site.scope).map((page) => [page.url, page]));
  const listPages = new Map(
    buildListPages(touched, site.scope)
      .filter((page) => page.kind !== "portal")
      .map((page) => [page.url, page]),
  );
  const meetingIndex = new Map(site.meetingIndex);
  for (const [url, entry] of indexMeetings(kommunerInScope(touched, site.scope))) meetingIndex.set(url, entry);
  return {
    ...site,
    meetingPages: site.meetingPages.map((page) => meetingPages.get(page.url) ?? page),
    listPages: site.listPages.map((page) => listPages.get(page.url) ?? page),
    meetingIndex,
    followUps: indexFollowUps(site.kommuner, meetingIndex),
  };
}

/** Output paths (relative to the site) and sources of the files the build copies for a meeting. */
export function meetingFiles(meeting: Meeting): Map<string, string> {
  const files = new Map<string, string>();
  for (const attachment of publishedFiles(meeting)) files.set(attachmentOutputPath(meeting, attachment), attachment.sourcePath);
  return files;
}
