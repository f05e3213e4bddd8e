// What a meeting page's bytes depend on, as one hash: the key of the render cache
// (src/build/cache/pages.ts). The page model (src/site/pages.ts) is pure, so hashing what the
// meeting template receives captures everything that page shows: the meeting itself, its
// neighbours (previous and next links, the following meeting of the "Næste møde" box), its
// council and municipality (names, look, contact, the councils' names for the navigation), the
// site's context, the items as the template sees them (with the follow-up links resolved against
// the archive) and the meeting's publishing history. What a page cannot know before it renders
// (which links to other meetings its Markdown writes) is recorded while it renders and checked
// against the new archive before a cached page is used (pages.ts).
//
// Not in the key, on purpose: the build date (`today`) only through the box it decides, so a
// page does not go stale every midnight; other municipalities only by what every page shows of
// them (the footer's accessibility statements). Council objects are hashed without their list of
// meetings (the page model reaches the other meetings only through the links above).
import { createHash } from "node:crypto";
import type { SiteData } from "../../eleventy/data.ts";
import type { Council, Kommune, Meeting } from "../../minutes/model.ts";
import type { ListPage, MeetingPage } from "../../site/pages.ts";
import { outputPathOf, searchUrl } from "../../site/urls.ts";
import { describeFollow } from "../../site/items.ts";
import { followUpsOf, openThreads } from "../../site/follow-ups.ts";
import { nextMeetingBox } from "../../site/upcoming.ts";
import { meetingDigest } from "../../minutes/digest.ts";

/** Bumped when what goes into a key changes. */
const KEY_FORMAT = 3;

function isCouncil(value: object): value is Council {
  return Array.isArray((value as Council).meetings) && Array.isArray((value as Council).members) && typeof (value as Council).slug === "string";
}

/** JSON of a value with every council cut off from its meetings (they reach a page only as links). */
function serialise(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v) && isCouncil(v)) {
      const { meetings: _meetings, ...rest } = v;
      return rest;
    }
    if (v instanceof Map) return [...v.entries()];
    if (typeof v === "function") return undefined;
    return v;
  });
}

/**
 * The part of a page's key that every page of the site shares: the code, the site's context, the
 * footer's municipalities; with `wholeArchive` (a web team's code runs on our pages and may show
 * anything: src/eleventy/site-templates.ts `replacesOurs`), every municipality and meeting too,
 * so that any change to the content renders every page again.
 */
export function siteContextKey(site: SiteData, codeVersion: string, wholeArchive = false): string {
  return createHash("sha256")
    .update(
      serialise({
        format: KEY_FORMAT,
        code: codeVersion,
        pathPrefix: site.pathPrefix,
        scope: site.scope,
        origin: site.origin ?? null,
        footer: site.kommuner.map((k) => [k.slug, k.name, k.accessibilityStatement]),
        ...(wholeArchive ? { archive: site.kommuner.map((k) => [digestOf(k, serialise), k.councils.map((c) => meetingsDigest(c.meetings))]) } : {}),
      }),
    )
    .digest("hex");
}

/**
 * SHA-256 (hex) of an object's JSON, kept per object: a municipality, a council or a meeting is
 * part of many pages' keys (every page of its council, its neighbours' boxes), and hashed once.
 * The model's objects are plain data and never change once loaded (serve puts a new meeting object
 * in the old one's place), so an object's digest stays right as long as the object lives.
 */
const digests = new WeakMap<object, string>();

function digestOf(value: object, json: (value: object) => string): string {
  let digest = digests.get(value);
  if (digest === undefined) {
    digest = createHash("sha256").update(json(value)).digest("hex");
    digests.set(value, digest);
  }
  return digest;
}

/** The render cache key of one meeting page (hex). */
export function meetingPageKey(site: SiteData, page: MeetingPage, contextKey: string): string {
  const { meeting, kommune, council, following, ...rest } = page;
  const hash = createHash("sha256");
  hash.update(contextKey);
  hash.update("\0");
  const box = nextMeetingBox(meeting, following, site.today);
  // Plain JSON: every model object in it is replaced by its digest above (a replacer function
  // would cost more than the rest of the key).
  hash.update(
    JSON.stringify({
      // The page model, its large parts by their digests.
      page: {
        ...rest,
        kommune: digestOf(kommune, serialise),
        council: digestOf(council, serialise),
        meeting: meetingDigest(meeting),
        following: following ? meetingDigest(following) : null,
      },
      // The items as the template sees them (src/site/items.ts viewItems) are the meeting's own
      // (in its digest above) but for the meetings their follow-ups point to, looked up in the
      // archive: those descriptions are what the key needs of them.
      follows: meeting.items.map((item) => (item.closed ? [] : item.follows.map((address) => describeFollow(address, site.meetingIndex)))),
      followUps: meeting.items.map((item) => followUpsOf(site.followUps, meeting, item)),
      // The box shows the following meeting (in its digest above) or the announcement.
      box: box?.kind === "archive" ? { ...box, meeting: meetingDigest(box.meeting) } : (box ?? null),
      history: site.history?.get(meeting.absolutePath) ?? null,
    }),
  );
  return hash.digest("hex");
}

/** The digest of a list of meetings: their digests in order. */
function meetingsDigest(meetings: readonly Meeting[]): string {
  const hash = createHash("sha256");
  for (const meeting of meetings) hash.update(meetingDigest(meeting));
  return hash.digest("hex");
}

function isKommune(value: object): value is Kommune {
  return Array.isArray((value as Kommune).councils) && typeof (value as Kommune).slug === "string";
}

function isMeeting(value: object): value is Meeting {
  return Array.isArray((value as Meeting).items) && typeof (value as Meeting).sourcePath === "string";
}

/**
 * A page's model as JSON with its large parts by their digests: a municipality or council by its
 * own digest (without meetings), a meeting by its digest.
 */
function serialiseModel(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (key === "" || !v || typeof v !== "object" || Array.isArray(v)) return v;
    if (isCouncil(v)) return `council:${digestOf(v, serialise)}`;
    if (isKommune(v)) return `kommune:${digestOf(v, serialise)}`;
    if (isMeeting(v)) return `meeting:${meetingDigest(v)}`;
    return v;
  });
}

/** A page of the site made by one of our templates that is neither a meeting nor a list page (the search pages, the 404 page). */
export interface FixedPage {
  /** The template that makes it (in the templates folder). */
  template: string;
  /** Its output file, relative to the site's folder. */
  output: string;
  key: string;
  /** A search page: its example searches are counted from the items of every meeting it searches. */
  search: boolean;
  /** The municipality whose meetings alone a search page counts (its own search page, or the site's of a one-municipality site). */
  kommune?: Kommune;
}

/**
 * The render cache keys of the pages other than meeting pages (hex): each list page's, by page,
 * and the search pages and the 404 page. A key holds the page's model and what its template reads
 * of the site beyond it:
 *   - a year page: its meetings (in its model), its council and municipality (names, look, the
 *     councils' names for the navigation);
 *   - a council page: every meeting of the council (the years, the meetings to come as of
 *     `today`, attendance) and its items that no later item follows up (from anywhere in the
 *     archive: the open threads themselves are in the key);
 *   - a municipality's page (and its redirect): every meeting of the municipality (the councils'
 *     counts, the latest and the coming meetings as of `today`);
 *   - the portal: every meeting of the site (every council's count);
 *   - a municipality's search page: every meeting of the municipality (its example searches come
 *     from their items); the site's search page: every meeting of the site;
 *   - the 404 page: the site's context and municipalities.
 * The digests of a council's and a municipality's meetings are made once per call (serve puts a
 * new meeting in an old one's place in the same arrays, so they are not kept on the arrays).
 */
export function otherPageKeys(site: SiteData, contextKey: string): { lists: Map<ListPage, string>; fixed: FixedPage[] } {
  const councils = new Map<Council, string>();
  const councilWithMeetings = (council: Council): string => {
    let digest = councils.get(council);
    if (digest === undefined) councils.set(council, (digest = `${digestOf(council, serialise)}:${meetingsDigest(council.meetings)}`));
    return digest;
  };
  const kommuner = new Map<Kommune, string>();
  const kommuneWithMeetings = (kommune: Kommune): string => {
    let digest = kommuner.get(kommune);
    if (digest === undefined) kommuner.set(kommune, (digest = `${digestOf(kommune, serialise)}:${kommune.councils.map(councilWithMeetings).join(":")}`));
    return digest;
  };
  const key = (what: string, inputs: unknown) => createHash("sha256").update(contextKey).update(`\0${what}\0`).update(serialiseModel(inputs)).digest("hex");
  const lists = new Map<ListPage, string>();
  for (const page of site.listPages) {
    const extra: Record<string, unknown> = {};
    if (page.kind === "council") {
      extra.meetings = councilWithMeetings(page.council);
      extra.today = site.today;
      extra.threads = openThreads(page.council, site.followUps).map((thread) => thread.address);
    } else if (page.kind === "kommune" || page.kind === "redirect") {
      extra.meetings = kommuneWithMeetings(page.kommune);
      extra.today = site.today;
    } else if (page.kind === "portal") {
      extra.meetings = site.kommuner.map(kommuneWithMeetings);
    }
    lists.set(page, key(`list:${page.kind}`, { page, extra }));
  }
  const only = site.kommuner.length === 1 ? site.kommuner[0] : undefined;
  const fixed: FixedPage[] = [
    { template: "404.11ty.tsx", output: "404.html", key: key("404", { kommuner: site.kommuner }), search: false },
    {
      template: "soeg.11ty.tsx",
      output: outputPathOf(searchUrl()),
      key: key("soeg", { kommuner: site.kommuner, all: site.kommuner.map(kommuneWithMeetings) }),
      search: true,
      ...(only ? { kommune: only } : {}),
    },
  ];
  if (!site.scope.kommune) {
    for (const kommune of site.kommuner) {
      fixed.push({
        template: "soeg-kommune.11ty.tsx",
        output: outputPathOf(searchUrl(kommune.slug)),
        key: key("soeg-kommune", { kommune, all: kommuneWithMeetings(kommune) }),
        search: true,
        kommune,
      });
    }
  }
  return { lists, fixed };
}
