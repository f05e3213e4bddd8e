// Follow-up both ways: an item names the earlier items it follows up (`follows:`); here the
// reverse, so that the earlier item can show "Fulgt op" with links to each later one, and a
// council page can list its open threads (recommendations and consultation responses nobody has
// followed up yet). Pure functions over the validated archive.
import type { Council, Item, Kommune, Meeting } from "../minutes/model.ts";
import { itemAnchor, meetingUrl } from "./urls.ts";
import { describeFollow, type FollowView } from "./items.ts";
import type { MeetingIndex } from "./meeting-index.ts";

/** Later items by the address they follow up: `/k/r/2023-11-21/#punkt-4`, or a meeting's address for the meeting as a whole. */
export type FollowUps = Map<string, FollowView[]>;

/** The address of an item: `/k/r/<slug>/#punkt-<n>`. */
export function itemAddress(meeting: Meeting, item: Pick<Item, "number">): string {
  return `${meetingUrl(meeting)}#${itemAnchor(item.number)}`;
}

/** Every `follows` in the municipalities, reversed; each list in the order of the later meetings' dates. */
export function indexFollowUps(kommuner: readonly Kommune[], index?: MeetingIndex): FollowUps {
  const followUps: FollowUps = new Map();
  const later: { date: string; target: string; view: FollowView }[] = [];
  for (const kommune of kommuner) {
    for (const council of kommune.councils) {
      for (const meeting of council.meetings) {
        for (const item of meeting.items) {
          if (item.closed) continue;
          for (const target of item.follows) {
            later.push({ date: meeting.date, target: normaliseTarget(target), view: describeFollow(itemAddress(meeting, item), index) });
          }
        }
      }
    }
  }
  later.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  for (const { target, view } of later) {
    const list = followUps.get(target) ?? [];
    if (!list.some((v) => v.url === view.url)) list.push(view);
    followUps.set(target, list);
  }
  return followUps;
}

/** `/k/r/d/#punkt-4` as written, without a trailing `/` before the hash or a missing one after the meeting. */
function normaliseTarget(address: string): string {
  const [path = address, hash] = address.split("#");
  const folder = path.endsWith("/") ? path : `${path}/`;
  return hash ? `${folder}#${hash}` : folder;
}

/** The later items that follow up this item (or its meeting as a whole). */
export function followUpsOf(followUps: FollowUps | undefined, meeting: Meeting, item: Pick<Item, "number">): FollowView[] {
  if (!followUps) return [];
  return [...(followUps.get(itemAddress(meeting, item)) ?? [])];
}

/** Titles that name advice the council gave: recommendations, consultation responses, statements, enquiries. */
const ADVICE = /høring|anbefal|udtalelse|henvendelse/i;

/** An item still waiting for a follow-up: advice the council decided on that no later item follows up. */
export interface OpenThread {
  meeting: Meeting;
  item: Item;
  address: string;
}

/** The council's open threads, newest first: open items of kind `beslutning` whose title names advice, with no follow-up. */
export function openThreads(council: Council, followUps: FollowUps | undefined): OpenThread[] {
  const threads: OpenThread[] = [];
  for (const meeting of council.meetings) {
    if (meeting.status !== "referat") continue;
    for (const item of meeting.items) {
      if (item.closed || item.kind !== "beslutning" || !ADVICE.test(item.title)) continue;
      const address = itemAddress(meeting, item);
      const byMeeting = followUps?.get(meetingUrl(meeting)) ?? [];
      if ((followUps?.get(address)?.length ?? 0) === 0 && byMeeting.length === 0) threads.push({ meeting, item, address });
    }
  }
  return threads;
}
