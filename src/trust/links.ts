// Offline link integrity check over a rendered site. STUB: replaced by the trust work (issue 4).
import type { Problem } from "../content/problem.ts";
import type { Archive } from "../minutes/model.ts";
export { createMeetingLinkResolver, type MeetingLinkResolver } from "./meeting-links.ts";

export interface LinkCheckOptions {
  siteDir: string;
  archive: Archive;
  pathPrefix: string;
}

/** Returns a problem for every broken internal link, asset or anchor, naming page and source file. */
export async function checkLinks(_options: LinkCheckOptions): Promise<Problem[]> {
  return [];
}
