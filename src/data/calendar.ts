// iCalendar files of a council's (and a municipality's) meetings, made with ical-generator, so a
// citizen can subscribe in a phone's calendar. Times are in Europe/Copenhagen with the time
// zone's definition (VTIMEZONE) in the file. A meeting without a start time is an all-day event;
// a meeting without an end time has none (nothing is made up). An announced next meeting that is
// not yet in the archive is included as tentative, with the UID the meeting will keep once its
// agenda or minutes are published, so a subscriber's calendar updates it in place.
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { foldLines, ICalEventStatus, type ICalCalendar, type ICalEvent } from "ical-generator";
import { DateTime } from "luxon";
import type { Council, Kommune, Meeting, NextMeeting } from "../minutes/model.ts";
import { meetingUrl } from "../site/urls.ts";
import { meetingDates } from "./feeds.ts";
import type { DataLinks } from "./urls.ts";
import type { MeetingHistory } from "./record.ts";

const ZONE = "Europe/Copenhagen";

export interface CalendarOptions {
  links: DataLinks;
  history?: ReadonlyMap<string, MeetingHistory>;
}

/** A stable UID: the meeting's place in the archive, which an announced meeting shares with its later file. */
function uidOf(kommune: string, raad: string, slug: string): string {
  return `${kommune}-${raad}-${slug}@referatarkiv`;
}

/** A local date and time in Copenhagen as the library wants it (a Luxon DateTime in that zone). */
function local(date: string, time: string): DateTime {
  return DateTime.fromISO(`${date}T${time}`, { zone: ZONE });
}

interface EventInput {
  uid: string;
  summary: string;
  date: string;
  start?: string;
  end?: string;
  location?: string;
  description: string;
  url?: string;
  stamp: Date;
  tentative: boolean;
}

function addEvent(calendar: ICalCalendar, input: EventInput): ICalEvent {
  const common = {
    id: input.uid,
    summary: input.summary,
    description: input.description,
    stamp: input.stamp,
    ...(input.location ? { location: input.location } : {}),
    ...(input.url ? { url: input.url } : {}),
    status: input.tentative ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
  };
  if (input.start) {
    return calendar.createEvent({
      ...common,
      start: local(input.date, input.start),
      ...(input.end && input.end > input.start ? { end: local(input.date, input.end) } : {}),
      timezone: ZONE,
    });
  } else {
    // An all-day event: the date as a calendar date, never shifted by a time zone.
    return calendar.createEvent({ ...common, start: local(input.date, "00:00"), allDay: true, timezone: ZONE });
  }
}

/** `{ location }` where a meeting has a place, else nothing (an event has no empty location). */
function locationOf(venue?: string, online?: string): { location?: string } {
  const location = place(venue, online);
  return location ? { location } : {};
}

function place(venue?: string, online?: string): string | undefined {
  if (venue && online) return `${venue} / online: ${online}`;
  return venue ?? (online ? `Online: ${online}` : undefined);
}

/** Absolute addresses only: a calendar's URL property must be one. */
function absoluteOrNone(links: DataLinks, address: string): string | undefined {
  const url = links.absolute(address);
  return /^https?:\/\//.test(url) ? url : undefined;
}

function meetingEvent(calendar: ICalCalendar, kommune: Kommune, council: Council, meeting: Meeting, options: CalendarOptions): ICalEvent {
  const titles = meeting.items.map((item) => `${item.number}. ${item.title}${item.closed ? " (lukket punkt)" : ""}`);
  const status = meeting.status === "dagsorden" ? "Dagsorden" : "Referat";
  const url = absoluteOrNone(options.links, meetingUrl(meeting));
  return addEvent(calendar, {
    uid: uidOf(kommune.slug, council.slug, meeting.slug),
    summary: `Møde i ${council.name}`,
    date: meeting.date,
    ...(meeting.start ? { start: meeting.start } : {}),
    ...(meeting.end ? { end: meeting.end } : {}),
    ...locationOf(meeting.venue, meeting.online),
    description: [`${status}: ${options.links.absolute(meetingUrl(meeting))}`, "", ...titles].join("\n"),
    ...(url ? { url } : {}),
    stamp: meetingDates(meeting, options.history).updated,
    tentative: false,
  });
}

/** The announced next meetings of a council that are not (yet) in the archive, newest announcement first. */
export function announcedMeetings(council: Council): { next: NextMeeting; from: Meeting }[] {
  const known = new Set(council.meetings.map((m) => m.date));
  const seen = new Set<string>();
  const announced: { next: NextMeeting; from: Meeting }[] = [];
  // Newest meeting first: its announcement is the latest word on a date.
  for (const meeting of council.meetings) {
    const next = meeting.nextMeeting;
    if (!next || known.has(next.date) || seen.has(next.date)) continue;
    seen.add(next.date);
    announced.push({ next, from: meeting });
  }
  return announced;
}

function announcedEvent(calendar: ICalCalendar, kommune: Kommune, council: Council, next: NextMeeting, from: Meeting, options: CalendarOptions): ICalEvent {
  return addEvent(calendar, {
    uid: uidOf(kommune.slug, council.slug, next.date),
    summary: `Møde i ${council.name}`,
    date: next.date,
    ...(next.start ? { start: next.start } : {}),
    ...(next.end ? { end: next.end } : {}),
    ...locationOf(next.venue, next.online),
    description: [`Annonceret i referatet af ${options.links.absolute(meetingUrl(from))}`, ...(next.note ? ["", next.note] : [])].join("\n"),
    stamp: meetingDates(from, options.history).updated,
    tentative: true,
  });
}

/** A calendar as ical-generator makes it (the assembly below gives the same bytes: test/data/calendar.test.ts). */
export function newCalendar(name: string): ICalCalendar {
  return ical({
    name,
    prodId: { company: "referatarkiv", product: "referatarkiv", language: "DA" },
    // No calendar-wide zone: with one, the library writes DTSTAMP in it, but RFC 5545 wants
    // UTC there. Each event names Europe/Copenhagen, and the generator adds its VTIMEZONE.
    timezone: { name: null, generator: getVtimezoneComponent },
  });
}

/** Adds a council's meetings and announced meetings to a calendar, in the order its file lists them. */
export function addCouncil(calendar: ICalCalendar, kommune: Kommune, council: Council, options: CalendarOptions): void {
  for (const meeting of council.meetings) meetingEvent(calendar, kommune, council, meeting, options);
  for (const { next, from } of announcedMeetings(council)) announcedEvent(calendar, kommune, council, next, from, options);
}

// A calendar file is assembled from its events' texts rather than made whole by the library each
// time: an event's text depends only on its meeting (and the links and history), so the build's
// data cache (src/data/cache.ts) keeps it per meeting, and a rebuild makes only the changed
// meeting's event. The library folds each line on its own and writes the time zone's VTIMEZONE
// once before the events when any event names the zone (every event here does), so the parts
// put together are byte for byte the library's whole file.

/**
 * An event's text as the library writes it into a calendar: its lines (`ICalEvent.toString`),
 * folded as the calendar folds its whole text (`foldLines`, line by line). A line of at most 74
 * bytes is never folded, and most lines are that short: only the longer ones go through the
 * library's `foldLines`, which measures every character with a new TextEncoder (most of the time
 * an event took: 0.9 s of 10 s of the open data at 2,000 meetings).
 */
function eventText(event: ICalEvent): string {
  return event
    .toString()
    .split("\r\n")
    .map((line) => (Buffer.byteLength(line) <= 74 ? line : foldLines(line)))
    .join("\r\n");
}

/** A calendar without the time zone generator: for events alone, whose text does not depend on it. */
function bareCalendar(): ICalCalendar {
  return ical({ prodId: { company: "referatarkiv", product: "referatarkiv", language: "DA" }, timezone: { name: null } });
}

/** The VEVENT text of one meeting. */
export function meetingEventText(kommune: Kommune, council: Council, meeting: Meeting, options: CalendarOptions): string {
  return eventText(meetingEvent(bareCalendar(), kommune, council, meeting, options));
}

/** The VEVENT texts of a council's announced meetings (announcedMeetings). */
export function announcedEventTexts(kommune: Kommune, council: Council, options: CalendarOptions): string[] {
  return announcedMeetings(council).map(({ next, from }) => eventText(announcedEvent(bareCalendar(), kommune, council, next, from, options)));
}

let zoneText: string | undefined;

/** The VTIMEZONE of Europe/Copenhagen as the library writes it before the events. */
function zoneDefinition(): string {
  if (zoneText === undefined) {
    const text = (getVtimezoneComponent(ZONE) ?? "").replace(/\r\n/g, "\n").replace(/\n/g, "\r\n").trim();
    zoneText = text ? foldLines(`${text}\r\n`) : "";
  }
  return zoneText;
}

/** The beginning of a calendar file up to its events (its name; the zone when it has events). */
export function calendarHead(name: string, hasEvents: boolean): string {
  const empty = newCalendar(name).toString();
  return empty.slice(0, empty.length - CALENDAR_END.length) + (hasEvents ? zoneDefinition() : "");
}

/** The end of a calendar file. */
export const CALENDAR_END = "END:VCALENDAR";

/** A whole calendar file from its events' texts. */
export function assembleCalendar(name: string, events: readonly string[]): string {
  return calendarHead(name, events.length > 0) + events.join("") + CALENDAR_END;
}

/** The name of a council's calendar. */
export function councilCalendarName(kommune: Kommune, council: Council): string {
  return `${council.name}, ${kommune.name}`;
}

/** The name of a municipality's calendar. */
export function kommuneCalendarName(kommune: Kommune): string {
  return `Råd i ${kommune.name}`;
}

/** The events of one council, in the order its calendar lists them. */
function councilEvents(kommune: Kommune, council: Council, options: CalendarOptions): string[] {
  return [...council.meetings.map((meeting) => meetingEventText(kommune, council, meeting, options)), ...announcedEventTexts(kommune, council, options)];
}

/** The calendar of one council. */
export function councilCalendar(kommune: Kommune, council: Council, options: CalendarOptions): string {
  return assembleCalendar(councilCalendarName(kommune, council), councilEvents(kommune, council, options));
}

/** The calendar of all of a municipality's councils. */
export function kommuneCalendar(kommune: Kommune, options: CalendarOptions): string {
  return assembleCalendar(
    kommuneCalendarName(kommune),
    kommune.councils.flatMap((council) => councilEvents(kommune, council, options)),
  );
}
