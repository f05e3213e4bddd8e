// One meeting as open data (referat.json): the validated meeting, closed items reduced exactly as
// on the page (src/site/items.ts viewClosedItem), attachments with their addresses, sizes and
// checksums. Pure: the checksums and history are looked up in maps the data stage fills.
import { toIsoTimestamp } from "../format/dates.ts";
import { markdownText } from "../render/markdown.ts";
import type { Absentee, Attachment, Attendee, Council, Item, Kommune, Meeting, Person } from "../minutes/model.ts";
import { viewClosedItem } from "../site/items.ts";
import { attachmentUrl, councilUrl, itemAnchor, kommuneUrl, meetingUrl } from "../site/urls.ts";
import type { AbsenteeRecord, AttendeeRecord, ClosedItemRecord, FileRecord, MeetingRecord, OpenItemRecord, PersonRecord } from "./schema.ts";
import { SCHEMA_URL, type DataLinks, recordUrl } from "./urls.ts";

/** When a meeting was first published and last changed (src/data/history.ts), as RFC 3339 timestamps. */
export interface MeetingHistory {
  created: string;
  modified: string;
}

/** What a record needs besides the meeting: addresses, checksums, history. */
export interface RecordContext {
  links: DataLinks;
  /** SHA-256 (hex) of each published file, by its source path. */
  checksums: ReadonlyMap<string, string>;
  history?: ReadonlyMap<string, MeetingHistory>;
}

const MIME_TYPES: Record<string, string> = {
  pdf: "application/pdf",
  doc: "application/msword",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odp: "application/vnd.oasis.opendocument.presentation",
  txt: "text/plain",
  csv: "text/csv",
  md: "text/markdown",
  rtf: "application/rtf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  mp3: "audio/mpeg",
  mp4: "video/mp4",
};

/** The MIME type of a file type ("pdf" → "application/pdf"); unknown types are plain bytes. */
export function mimeTypeOf(type: string): string {
  return MIME_TYPES[type.toLowerCase()] ?? "application/octet-stream";
}

export function personRecord(person: Person): PersonRecord {
  return {
    name: person.name,
    ...(person.organisation ? { organisation: person.organisation } : {}),
    ...(person.role ? { role: person.role } : {}),
  };
}

function attendeeRecord(attendee: Attendee): AttendeeRecord {
  return { ...personRecord(attendee), ...(attendee.presentFor?.length ? { presentFor: [...attendee.presentFor] } : {}) };
}

function absenteeRecord(absentee: Absentee): AbsenteeRecord {
  return { ...personRecord(absentee), ...(absentee.substitute ? { substitute: personRecord(absentee.substitute) } : {}) };
}

function fileRecord(meeting: Meeting, attachment: Attachment, context: RecordContext): FileRecord {
  const checksum = context.checksums.get(attachment.sourcePath);
  if (checksum === undefined) throw new Error(`No checksum for ${attachment.sourcePath}`);
  return {
    type: "https://schema.oparl.org/1.1/File",
    name: attachment.title,
    fileName: attachment.file,
    mimeType: mimeTypeOf(attachment.type),
    size: attachment.size,
    sha256Checksum: checksum,
    accessUrl: context.links.absolute(attachmentUrl(meeting, attachment)),
  };
}

function itemRecord(meeting: Meeting, item: Item, order: number, context: RecordContext): OpenItemRecord | ClosedItemRecord {
  const id = context.links.absolute(`${meetingUrl(meeting)}#${itemAnchor(item.number)}`);
  if (item.closed) {
    // Exactly what the page shows of a closed item, and nothing else.
    const view = viewClosedItem(item);
    return {
      type: "https://schema.oparl.org/1.1/AgendaItem",
      id,
      number: String(view.number),
      order,
      name: view.title,
      public: false,
      ...(view.publicDecision ? { resolutionText: view.publicDecision } : {}),
    };
  }
  return {
    type: "https://schema.oparl.org/1.1/AgendaItem",
    id,
    number: String(item.number),
    order,
    name: item.title,
    public: true,
    ...(item.kind ? { kind: item.kind } : {}),
    editorial: [...item.editorial],
    presenters: item.presenters.map(personRecord),
    ...(item.duration !== undefined ? { duration: item.duration } : {}),
    conflicts: item.conflicts.map(personRecord),
    follows: item.follows.map((address) => context.links.absolute(address)),
    // What the page shows, not the Markdown source: a note hidden as a reference definition stays hidden.
    text: markdownText(item.body),
    auxiliaryFile: item.attachments.map((attachment) => fileRecord(meeting, attachment, context)),
    unpublishedFiles: item.unpublishedAttachments.map((a) => ({ name: a.title, published: false as const })),
  };
}

/** The licence text of a municipality's data, as kommune.yaml sets it. */
export function licenceText(kommune: Kommune): string | undefined {
  if (!kommune.license) return undefined;
  return kommune.license.url ? `${kommune.license.name} (${kommune.license.url})` : kommune.license.name;
}

/** The open-data record of one meeting. */
export function meetingRecord(meeting: Meeting, council: Council, kommune: Kommune, context: RecordContext): MeetingRecord {
  const { links } = context;
  const history = context.history?.get(meeting.absolutePath);
  const licence = licenceText(kommune);
  const location =
    meeting.venue || meeting.online
      ? { ...(meeting.venue ? { description: meeting.venue } : {}), ...(meeting.online ? { online: meeting.online } : {}) }
      : undefined;
  const next = meeting.nextMeeting;
  const imported = meeting.importedFrom;
  return {
    $schema: links.absolute(SCHEMA_URL),
    type: "https://schema.oparl.org/1.1/Meeting",
    id: links.absolute(recordUrl(meeting)),
    web: links.absolute(meetingUrl(meeting)),
    name: meeting.title,
    meetingState: meeting.status,
    date: meeting.date,
    ...(meeting.start ? { start: toIsoTimestamp(meeting.date, meeting.start) } : {}),
    ...(meeting.start && meeting.end ? { end: toIsoTimestamp(meeting.date, meeting.end) } : {}),
    ...(meeting.start ? { startTime: meeting.start } : {}),
    ...(meeting.end ? { endTime: meeting.end } : {}),
    ...(location ? { location } : {}),
    organization: {
      type: "https://schema.oparl.org/1.1/Organization",
      id: links.absolute(councilUrl(kommune.slug, council.slug)),
      name: council.name,
      body: { name: kommune.name, id: links.absolute(kommuneUrl(kommune.slug)), ...(kommune.website ? { website: kommune.website } : {}) },
    },
    ...(meeting.approved ? { approved: meeting.approved } : {}),
    attendees: meeting.attendees.map(attendeeRecord),
    absentees: meeting.absentees.map(absenteeRecord),
    staff: meeting.staff.map(attendeeRecord),
    guests: meeting.guests.map(attendeeRecord),
    ...(meeting.minuteTaker ? { minuteTaker: personRecord(meeting.minuteTaker) } : {}),
    agendaItem: meeting.items.map((item, index) => itemRecord(meeting, item, index + 1, context)),
    corrections: meeting.corrections.map((c) => ({ date: c.date, text: c.text })),
    ...(next
      ? {
          nextMeeting: {
            date: next.date,
            ...(next.start ? { startTime: next.start } : {}),
            ...(next.end ? { endTime: next.end } : {}),
            ...(next.venue ? { location: next.venue } : {}),
            ...(next.online ? { online: next.online } : {}),
            ...(next.note ? { note: next.note } : {}),
          },
        }
      : {}),
    ...(imported
      ? {
          importedFrom: {
            ...(imported.url ? { url: imported.url } : {}),
            ...(imported.format ? { format: imported.format } : {}),
            ...(imported.title ? { title: imported.title } : {}),
            ...(imported.checksum ? { checksum: imported.checksum } : {}),
            ...(imported.original ? { file: fileRecord(meeting, imported.original, context) } : {}),
          },
        }
      : {}),
    ...(history ? { created: history.created, modified: history.modified } : {}),
    ...(licence ? { license: licence } : {}),
  };
}
