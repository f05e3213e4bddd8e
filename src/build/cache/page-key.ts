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
import type { Council } from "../../minutes/model.ts";
import type { MeetingPage } from "../../site/pages.ts";
import { viewItems } from "../../site/items.ts";
import { followUpsOf } from "../../site/follow-ups.ts";
import { nextMeetingBox } from "../../site/upcoming.ts";

/** Bumped when what goes into a key changes. */
const KEY_FORMAT = 1;

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

/** The part of a page's key that every page of the site shares: the code, the site's context, the footer's municipalities. */
export function siteContextKey(site: SiteData, codeVersion: string): string {
  return createHash("sha256")
    .update(
      serialise({
        format: KEY_FORMAT,
        code: codeVersion,
        pathPrefix: site.pathPrefix,
        scope: site.scope,
        origin: site.origin ?? null,
        footer: site.kommuner.map((k) => [k.slug, k.name, k.accessibilityStatement]),
      }),
    )
    .digest("hex");
}

/** The render cache key of one meeting page (hex). */
export function meetingPageKey(site: SiteData, page: MeetingPage, contextKey: string): string {
  const { meeting } = page;
  const hash = createHash("sha256");
  hash.update(contextKey);
  hash.update("\0");
  hash.update(
    serialise({
      page,
      items: viewItems(meeting, site.meetingIndex),
      followUps: meeting.items.map((item) => followUpsOf(site.followUps, meeting, item)),
      box: nextMeetingBox(meeting, page.following, site.today) ?? null,
      history: site.history?.get(meeting.absolutePath) ?? null,
    }),
  );
  return hash.digest("hex");
}
