// iCalendar files of a council's (and a municipality's) meetings, made with ical-generator, so a
// citizen can subscribe in a phone's calendar. Times are in Europe/Copenhagen with the time
// zone's definition (VTIMEZONE) in the file. A meeting without a start time is an all-day event;
// a meeting without an end time has none (nothing is made up). An announced next meeting that is
// not yet in the archive is included as tentative, with the UID the meeting will keep once its
// agenda or minutes are published, so a subscriber's calendar updates it in place.
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import ical, { ICalEventStatus, type ICalCalendar } from "ical-generator";
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

function addEvent(calendar: ICalCalendar, input: EventInput): void {
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
    calendar.createEvent({
      ...common,
      start: local(input.date, input.start),
      ...(input.end && input.end > input.start ? { end: local(input.date, input.end) } : {}),
      timezone: ZONE,
    });
  } else {
    // An all-day event: the date as a calendar date, never shifted by a time zone.
    calendar.createEvent({ ...common, start: local(input.date, "00:00"), allDay: true, timezone: ZONE });
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

function meetingEvent(calendar: ICalCalendar, kommune: Kommune, council: Council, meeting: Meeting, options: CalendarOptions): void {
  const titles = meeting.items.map((item) => `${item.number}. ${item.title}${item.closed ? " (lukket punkt)" : ""}`);
  const status = meeting.status === "dagsorden" ? "Dagsorden" : "Referat";
  const url = absoluteOrNone(options.links, meetingUrl(meeting));
  addEvent(calendar, {
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

function announcedEvent(calendar: ICalCalendar, kommune: Kommune, council: Council, next: NextMeeting, from: Meeting, options: CalendarOptions): void {
  addEvent(calendar, {
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

function newCalendar(name: string): ICalCalendar {
  return ical({
    name,
    prodId: { company: "referatarkiv", product: "referatarkiv", language: "DA" },
    // No calendar-wide zone: with one, the library writes DTSTAMP in it, but RFC 5545 wants
    // UTC there. Each event names Europe/Copenhagen, and the generator adds its VTIMEZONE.
    timezone: { name: null, generator: getVtimezoneComponent },
  });
}

function addCouncil(calendar: ICalCalendar, kommune: Kommune, council: Council, options: CalendarOptions): void {
  for (const meeting of council.meetings) meetingEvent(calendar, kommune, council, meeting, options);
  for (const { next, from } of announcedMeetings(council)) announcedEvent(calendar, kommune, council, next, from, options);
}

/** The calendar of one council. */
export function councilCalendar(kommune: Kommune, council: Council, options: CalendarOptions): string {
  const calendar = newCalendar(`${council.name}, ${kommune.name}`);
  addCouncil(calendar, kommune, council, options);
  return calendar.toString();
}

/** The calendar of all of a municipality's councils. */
export function kommuneCalendar(kommune: Kommune, options: CalendarOptions): string {
  const calendar = newCalendar(`Råd i ${kommune.name}`);
  for (const council of kommune.councils) addCouncil(calendar, kommune, council, options);
  return calendar.toString();
}
