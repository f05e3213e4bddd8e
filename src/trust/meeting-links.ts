// Links a secretary writes from one meeting to another (or to an attachment), resolved to the
// site address. Secretaries write them either as content paths, which also work in a Markdown
// preview on GitHub (`../2023/2023-11-21.md#punkt-4`, `2024-05-14/notat.pdf`), or as addresses
// (`/gladsaxe/udsatteraadet/2023-11-21/#punkt-4`). The renderer adds the path prefix.
import { posix } from "node:path";
import type { Archive, Meeting } from "../minutes/model.ts";

/** Resolves `href` written in the meeting `fromSourcePath` to a site-relative address without prefix. */
export type MeetingLinkResolver = (href: string, fromSourcePath: string) => string | undefined;

function decodePath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}

/** The address of a meeting page: `/<kommune>/<raad>/<slug>/` (docs/format.md, "Addresses"). */
function meetingAddress(meeting: Meeting): string {
  return meeting.url || `/${meeting.kommune}/${meeting.raad}/${meeting.slug}/`;
}

/**
 * The default resolver of an archive: content paths relative to the meeting's file, content
 * paths from the content root (`/gladsaxe/udsatteraadet/2023/2023-11-21.md`) and meeting
 * addresses. Attachments written as content paths (`2024-05-14/notat.pdf`) resolve to the
 * attachment beside the meeting page. Anything else is undefined (the link check judges it).
 */
export function createMeetingLinkResolver(archive: Archive): MeetingLinkResolver {
  return createMeetingLinkResolverFromTargets(meetingLinkTargets(archive));
}

/** Every meeting of an archive as [content path, address]: all a resolver needs (small enough to send to a worker). */
export function meetingLinkTargets(archive: Archive): [sourcePath: string, address: string][] {
  const targets: [string, string][] = [];
  for (const kommune of archive.kommuner) {
    for (const council of kommune.councils) {
      for (const meeting of council.meetings) targets.push([meeting.sourcePath, meetingAddress(meeting)]);
    }
  }
  return targets;
}

/** The resolver of `createMeetingLinkResolver`, from the archive's `meetingLinkTargets`. */
export function createMeetingLinkResolverFromTargets(targets: readonly (readonly [string, string])[]): MeetingLinkResolver {
  // A meeting is known by its content path and by its address (later entries win, as before).
  const bySource = new Map<string, string>();
  const byAddress = new Map<string, string>();
  for (const [sourcePath, address] of targets) {
    bySource.set(sourcePath, address);
    byAddress.set(address, address);
  }

  return (href, fromSourcePath) => {
    const cut = href.search(/[?#]/);
    const rawPath = cut === -1 ? href : href.slice(0, cut);
    const suffix = cut === -1 ? "" : href.slice(cut);
    // Only the fragment is kept: a query string means nothing on a static page.
    const fragment = suffix.includes("#") ? suffix.slice(suffix.indexOf("#")) : "";
    const path = decodePath(rawPath);
    if (path === undefined || path === "") return undefined;

    if (path.startsWith("/")) {
      const address = path.endsWith("/") ? path : `${path}/`;
      const meeting = byAddress.get(address) ?? byAddress.get(path.replace(/index\.html$/, ""));
      if (meeting !== undefined) return meeting + fragment;
      if (!path.endsWith(".md")) return undefined;
    }

    const target = path.startsWith("/") ? posix.normalize(path.slice(1)) : posix.normalize(posix.join(posix.dirname(fromSourcePath), path));
    if (target.startsWith("../")) return undefined;

    const meeting = bySource.get(target);
    if (meeting !== undefined) return meeting + fragment;

    // An attachment: <dir>/<slug>/<file> beside <dir>/<slug>.md.
    const folder = posix.dirname(target);
    const owner = bySource.get(`${folder}.md`);
    if (owner !== undefined) return owner + encodeURIComponent(posix.basename(target)) + fragment;
    return undefined;
  };
}
