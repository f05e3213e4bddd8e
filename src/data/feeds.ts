// Atom feeds (RFC 4287) of new agendas and minutes: per council, per municipality, for the whole
// site. Written here rather than with a feed library: the libraries (feed, eleventy-plugin-rss)
// need absolute addresses, and a site built without --base-url has only site-relative ones,
// which Atom allows (resolved against the feed's own address). An entry's id is a name-based
// UUID (RFC 4122 v5) of the meeting's address and status: it does not change when the meeting
// is corrected or the site moves host, and the minutes of a meeting whose agenda was in the
// feed arrive as a new entry. `updated` is the meeting's last change (its history), so a
// corrected meeting rises in a reader without becoming a new entry.
import { createHash } from "node:crypto";
import { formatLongDate } from "../format/dates.ts";
import type { Council, Kommune, Meeting } from "../minutes/model.ts";
import { compareNewestFirst } from "../site/pages.ts";
import { councilUrl, kommuneUrl, meetingUrl, portalUrl } from "../site/urls.ts";
import { feedUrl, type DataLinks } from "./urls.ts";
import { escapeXml } from "./sitemap.ts";
import type { MeetingHistory } from "./record.ts";

/** Entries in one feed: the newest meetings. A reader polls often; the archive keeps the rest. */
export const FEED_ENTRIES = 50;

export interface FeedMeeting {
  meeting: Meeting;
  council: Council;
  kommune: Kommune;
}

export interface FeedOptions {
  links: DataLinks;
  history?: ReadonlyMap<string, MeetingHistory>;
}

const STATUS_WORD: Record<Meeting["status"], string> = { dagsorden: "Dagsorden", referat: "Referat" };

/** When the meeting was published and last changed: its history, else its own dates. */
export function meetingDates(meeting: Meeting, history?: ReadonlyMap<string, MeetingHistory>): { published: Date; updated: Date } {
  const known = history?.get(meeting.absolutePath);
  if (known) return { published: new Date(known.created), updated: new Date(known.modified) };
  // Without history: the meeting's date, its approval or its latest correction (noon UTC, so the
  // calendar day is the same in Copenhagen).
  const days = [meeting.date, meeting.approved, ...meeting.corrections.map((c) => c.date)].filter((d): d is string => d !== undefined).sort();
  const at = (day: string) => new Date(`${day}T12:00:00Z`);
  return { published: at(meeting.date), updated: at(days[days.length - 1] ?? meeting.date) };
}

/** The entry's text: status, date and the item titles (a closed item by its title only, as on the page). */
function entryContent(meeting: Meeting): string {
  const items = meeting.items.map((item) => `<li>${item.number}. ${escapeXml(item.title)}${item.closed ? " (lukket punkt)" : ""}</li>`).join("");
  return `<p>${STATUS_WORD[meeting.status]} · ${escapeXml(formatLongDate(meeting.date))}</p><ol>${items}</ol>`;
}

/** A name-based UUID (version 5, URL namespace) as a URN: the same name gives the same id. */
export function stableId(name: string): string {
  const namespace = Buffer.from("6ba7b8119dad11d180b400c04fd430c8", "hex");
  const hash = createHash("sha1").update(namespace).update(`referatarkiv:${name}`).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** RFC 3339 in UTC, whole seconds. */
function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** One Atom feed of the given meetings (any order; the newest FEED_ENTRIES are kept). */
export function atomFeed(title: string, address: string, self: string, meetings: readonly FeedMeeting[], options: FeedOptions): string {
  const { links, history } = options;
  const newest = [...meetings].sort((a, b) => compareNewestFirst(a.meeting, b.meeting)).slice(0, FEED_ENTRIES);
  const entries = newest.map(({ meeting, council, kommune }) => ({ meeting, council, kommune, ...meetingDates(meeting, history) }));
  const updated = entries.reduce((latest, e) => (e.updated > latest ? e.updated : latest), new Date("2000-01-01T00:00:00Z"));
  const lines = [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="da">`,
    `  <id>${stableId(self)}</id>`,
    `  <title>${escapeXml(title)}</title>`,
    `  <updated>${timestamp(updated)}</updated>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(links.absolute(address))}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(links.absolute(self))}"/>`,
  ];
  for (const { meeting, council, kommune, published, updated: changed } of entries) {
    const by = `${council.name}, ${kommune.name}`;
    lines.push(
      `  <entry>`,
      `    <id>${stableId(`${meeting.url}#${meeting.status}`)}</id>`,
      `    <title>${escapeXml(`${STATUS_WORD[meeting.status]}: ${by}, ${formatLongDate(meeting.date)}`)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(links.absolute(meetingUrl(meeting)))}"/>`,
      `    <published>${timestamp(published)}</published>`,
      `    <updated>${timestamp(changed)}</updated>`,
      `    <author><name>${escapeXml(by)}</name></author>`,
      `    <content type="html">${escapeXml(entryContent(meeting))}</content>`,
      `  </entry>`,
    );
  }
  lines.push(`</feed>`, ``);
  return lines.join("\n");
}

/** The feed of one council. */
export function councilFeed(kommune: Kommune, council: Council, options: FeedOptions): string {
  const meetings = council.meetings.map((meeting) => ({ meeting, council, kommune }));
  return atomFeed(
    `${council.name}, ${kommune.name}: dagsordener og referater`,
    councilUrl(kommune.slug, council.slug),
    feedUrl(kommune.slug, council.slug),
    meetings,
    options,
  );
}

/** The feed of all of a municipality's councils. */
export function kommuneFeed(kommune: Kommune, options: FeedOptions): string {
  const meetings = kommune.councils.flatMap((council) => council.meetings.map((meeting) => ({ meeting, council, kommune })));
  return atomFeed(`${kommune.name}: dagsordener og referater`, kommuneUrl(kommune.slug), feedUrl(kommune.slug), meetings, options);
}

/** The feed of the whole site. */
export function siteFeed(kommuner: readonly Kommune[], options: FeedOptions): string {
  const meetings = kommuner.flatMap((kommune) => kommune.councils.flatMap((council) => council.meetings.map((meeting) => ({ meeting, council, kommune }))));
  return atomFeed("Referatarkiv: dagsordener og referater", portalUrl(), feedUrl(), meetings, options);
}
