// What a meeting page shows of each item. A closed item is projected to its number, title and
// public decision before any template sees it: nothing else of it can reach the output
// (docs/format.md, "Closed items": "published as its number, its title, the words 'Lukket punkt'…").
import type { EditorialField, Item, ItemKind, Meeting, Person } from "../minutes/model.ts";
import { formatFileSize, formatFileType, formatItemKind } from "./text.ts";
import { attachmentUrl, itemAnchor } from "./urls.ts";
import type { MeetingIndex } from "./meeting-index.ts";

export interface AttachmentView {
  /** Site-relative address without prefix. */
  url: string;
  title: string;
  file: string;
  /** "PDF" */
  type: string;
  /** "24 kB" */
  size: string;
}

export interface FollowView {
  /** Site-relative address without prefix, with the item anchor if given. */
  url: string;
  /** "Udsatterådet, 21. november 2023, punkt 4: Title", or the address when it names no known meeting. */
  label: string;
}

export interface ClosedItemView {
  closed: true;
  number: number;
  anchor: string;
  title: string;
  publicDecision?: string;
}

export interface OpenItemView {
  closed: false;
  number: number;
  anchor: string;
  title: string;
  kind?: ItemKind;
  /** Who presents the item; empty when nobody is named. */
  presenters: Person[];
  duration?: number;
  attachments: AttachmentView[];
  /** Titles of attachments that exist but are not published. */
  unpublishedAttachments: string[];
  /** Which of title and kind an editor added (shown discreetly). */
  editorial: EditorialField[];
  /** The body has a heading that names the kind ("### Beslutning"): the kind is not labelled again above it. */
  kindInBody: boolean;
  conflicts: Person[];
  follows: FollowView[];
  /** The item's Markdown; rendered by src/render/markdown.ts. */
  body: string;
}

export type ItemView = ClosedItemView | OpenItemView;

/** The only fields of a closed item that may be published. */
export function viewClosedItem(item: Pick<Item, "number" | "title" | "publicDecision">): ClosedItemView {
  return {
    closed: true,
    number: item.number,
    anchor: itemAnchor(item.number),
    title: item.title,
    ...(item.publicDecision ? { publicDecision: item.publicDecision } : {}),
  };
}

/** Names an address of an earlier item for a reader. */
export function describeFollow(address: string, index?: MeetingIndex): FollowView {
  const [path = address, hash] = address.split("#");
  const found = index?.get(path);
  if (!found) return { url: address, label: address };
  const number = hash?.startsWith("punkt-") ? Number(hash.slice("punkt-".length)) : undefined;
  const item = number === undefined ? undefined : found.meeting.items.find((i) => i.number === number);
  let label = `${found.council.name}, ${found.label}`;
  if (item) label += `, punkt ${item.number}: ${item.title}`;
  return { url: address, label };
}

/** The items of a meeting as its page shows them. */
export function viewItems(meeting: Meeting, index?: MeetingIndex): ItemView[] {
  return meeting.items.map((item): ItemView => {
    if (item.closed) return viewClosedItem(item);
    return {
      closed: false,
      number: item.number,
      anchor: itemAnchor(item.number),
      title: item.title,
      ...(item.kind ? { kind: item.kind } : {}),
      presenters: item.presenters,
      ...(item.duration !== undefined ? { duration: item.duration } : {}),
      attachments: item.attachments.map((a) => ({
        url: attachmentUrl(meeting, a),
        title: a.title,
        file: a.file,
        type: formatFileType(a.type),
        size: formatFileSize(a.size),
      })),
      unpublishedAttachments: item.unpublishedAttachments.map((a) => a.title),
      editorial: item.editorial,
      kindInBody: item.kind ? bodyHeadings(item.body).some((h) => sameWords(h, formatItemKind(item.kind as ItemKind))) : false,
      conflicts: item.conflicts,
      follows: item.follows.map((address) => describeFollow(address, index)),
      body: item.body,
    };
  });
}

/**
 * The text of the Markdown headings of an item's body (ATX `### Beslutning` and setext
 * `Beslutning` over `---`), outside fenced code. A line scan: cheap on every item of a large archive.
 */
export function bodyHeadings(body: string): string[] {
  const headings: string[] = [];
  let fence: string | undefined;
  let previous = "";
  for (const line of body.split(/\r?\n/)) {
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (fenceMatch && fenceMatch[1]?.[0] === fence[0] && (fenceMatch[1]?.length ?? 0) >= fence.length) fence = undefined;
      previous = "";
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      previous = "";
      continue;
    }
    const atx = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (atx) headings.push(atx[1] ?? "");
    else if (/^ {0,3}(=+|-+)[ \t]*$/.test(line) && previous.trim() !== "" && !/^ {0,3}([-*+]|\d+[.)])[ \t]/.test(previous)) headings.push(previous.trim());
    previous = atx ? "" : line;
  }
  return headings;
}

/** Equal as words: case, emphasis marks, a trailing colon and spacing aside ("**Beslutning:**" is "Beslutning"). */
function sameWords(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .replace(/[*_`:.]/g, "")
      .replace(/\s+/g, " ")
      .trim()
      .toLocaleLowerCase("da");
  return norm(a) === norm(b);
}
