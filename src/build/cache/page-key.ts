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
import type { Council, Meeting } from "../../minutes/model.ts";
import type { MeetingPage } from "../../site/pages.ts";
import { viewItems } from "../../site/items.ts";
import { followUpsOf } from "../../site/follow-ups.ts";
import { nextMeetingBox } from "../../site/upcoming.ts";

/** Bumped when what goes into a key changes. */
const KEY_FORMAT = 2;

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

/** A meeting's digest: the model's meetings hold plain data only (no councils, maps or functions), so plain JSON is all of it. */
function meetingDigest(meeting: Meeting): string {
  return digestOf(meeting, (m) => JSON.stringify(m));
}

/** The render cache key of one meeting page (hex). */
export function meetingPageKey(site: SiteData, page: MeetingPage, contextKey: string): string {
  const { meeting, kommune, council, following, ...rest } = page;
  const hash = createHash("sha256");
  hash.update(contextKey);
  hash.update("\0");
  hash.update(
    serialise({
      // The page model, its large parts by their digests.
      page: {
        ...rest,
        kommune: digestOf(kommune, serialise),
        council: digestOf(council, serialise),
        meeting: meetingDigest(meeting),
        following: following ? meetingDigest(following) : null,
      },
      // The items as the template sees them: their bodies are the meeting's (in its digest above).
      items: viewItems(meeting, site.meetingIndex).map((item) => ({ ...item, body: undefined })),
      followUps: meeting.items.map((item) => followUpsOf(site.followUps, meeting, item)),
      box: nextMeetingBox(meeting, following, site.today) ?? null,
      history: site.history?.get(meeting.absolutePath) ?? null,
    }),
  );
  return hash.digest("hex");
}
