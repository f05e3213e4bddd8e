// The pages one changed meeting touches, rendered with the build's own templates and page models
// (templates/*.11ty.tsx through src/eleventy/jsx.ts, exactly as Eleventy calls them), and written
// in place one file at a time, each atomically (a temp file renamed over the old one), so the
// server never sends half a page.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import renderList from "../../templates/lists.11ty.tsx";
import renderMeeting from "../../templates/meeting.11ty.tsx";
import renderSearch from "../../templates/soeg.11ty.tsx";
import renderKommuneSearch from "../../templates/soeg-kommune.11ty.tsx";
import type { SiteData } from "../eleventy/data.ts";
import { renderTemplateResult } from "../eleventy/jsx.ts";
import { publishedFiles } from "../minutes/files.ts";
import type { Kommune, Meeting } from "../minutes/model.ts";
import { indexMeetings } from "../site/links.ts";
import { indexFollowUps } from "../site/follow-ups.ts";
import { buildListPages, buildMeetingPages, kommunerInScope, type ListPage, type MeetingPage } from "../site/pages.ts";
import { createMeetingLinkResolver } from "../trust/meeting-links.ts";
import { copyAtomically, writeAtomically } from "./atomic.ts";
import { attachmentOutputPath, councilUrl, kommuneUrl, outputPathOf, portalUrl, searchUrl, yearUrl } from "../site/urls.ts";

/** The pages whose HTML can depend on the given meetings. */
export interface AffectedPages {
  meetingPages: MeetingPage[];
  listPages: ListPage[];
  /** The municipalities whose search page shows example searches from their meetings (src/search/examples.ts), with the site's. */
  searchKommuner: Kommune[];
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
 * the list pages that show them: year, council, municipality and the front page.
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
  const kommuner = new Set(changed.map((m) => m.kommune));
  return {
    meetingPages: site.meetingPages.filter((page) => meetingUrls.has(page.url)),
    listPages: site.listPages.filter((page) => listUrls.has(page.url)),
    searchKommuner: site.kommuner.filter((k) => kommuner.has(k.slug)),
  };
}

/**
 * The site data after meetings of the `touched` municipalities were replaced in the archive (same
 * addresses): their page models, meeting index and link resolver made again with the functions
 * `createSiteData` uses, the rest kept. The portal's model holds the municipalities themselves,
 * and a change of one meeting changes nothing it shows but through them.
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
    resolveMeetingLink: createMeetingLinkResolver(site.archive),
  };
}

/** The HTML of a meeting page, as the build writes it. */
export function renderMeetingPage(site: SiteData, page: MeetingPage): string {
  return renderTemplateResult(renderMeeting({ referat: site, meetingPage: page }));
}

/** The HTML of a list page, as the build writes it. */
export function renderListPage(site: SiteData, page: ListPage): string {
  return renderTemplateResult(renderList({ referat: site, listPage: page }));
}

/** Output paths (relative to the site) and sources of the files the build copies for a meeting. */
export function meetingFiles(meeting: Meeting): Map<string, string> {
  const files = new Map<string, string>();
  for (const attachment of publishedFiles(meeting)) files.set(attachmentOutputPath(meeting, attachment), attachment.sourcePath);
  return files;
}

/**
 * Brings a meeting's attachments in `siteDir` up to date: copies the new meeting's files (they may
 * have changed on disk) and removes those it no longer has (a full build would not hold them).
 */
export async function updateAttachments(siteDir: string, before: Meeting, after: Meeting): Promise<number> {
  const now = meetingFiles(after);
  for (const [to, from] of now) await copyAtomically(from, join(siteDir, to));
  for (const to of meetingFiles(before).keys()) {
    if (!now.has(to)) await rm(join(siteDir, to), { force: true });
  }
  return now.size;
}

/**
 * The search pages whose example searches the municipalities' meetings give: the site's
 * (/soeg/), and on a site of several each municipality's own (/soeg/<kommune>/).
 */
function searchPages(site: SiteData, kommuner: readonly Kommune[]): [string, string][] {
  if (kommuner.length === 0) return [];
  const pages: [string, string][] = [[outputPathOf(searchUrl()), renderTemplateResult(renderSearch({ referat: site }))]];
  if (!site.scope.kommune) {
    for (const kommune of kommuner) {
      pages.push([outputPathOf(searchUrl(kommune.slug)), renderTemplateResult(renderKommuneSearch({ referat: site, searchKommune: kommune }))]);
    }
  }
  return pages;
}

/** Renders the pages and writes each in place. Returns how many were written. */
export async function writePages(site: SiteData, pages: AffectedPages, siteDir: string): Promise<number> {
  // Render everything first: a template that throws leaves every file as it was.
  const out: [string, string][] = [
    ...pages.meetingPages.map((page): [string, string] => [outputPathOf(page.url), renderMeetingPage(site, page)]),
    ...pages.listPages.map((page): [string, string] => [outputPathOf(page.url), renderListPage(site, page)]),
    ...searchPages(site, pages.searchKommuner),
  ];
  await Promise.all(out.map(([file, html]) => writeAtomically(join(siteDir, file), html)));
  return out.length;
}
