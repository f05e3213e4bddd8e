// What lies ahead: the build date, a meeting's "Næste møde" box, and the meetings the council and
// municipality pages list above the past ones. Pure functions of the archive and the build date
// (see `buildDate` for how the date is fixed, so that tests and reproducible builds agree).
import { DateTime } from "luxon";
import type { Council, Meeting, NextMeeting } from "../minutes/model.ts";

const ZONE = "Europe/Copenhagen";

/**
 * The build's date in Copenhagen, `yyyy-mm-dd`: from `SOURCE_DATE_EPOCH` (seconds since 1970, the
 * reproducible-builds convention) when it is a whole number, else from the clock. Upcoming and past
 * meetings are told apart by this date, so a page says what was ahead on the day it was built.
 */
export function buildDate(env: NodeJS.ProcessEnv = process.env, now: number = Date.now()): string {
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  const millis = epoch && /^\d+$/.test(epoch) ? Number(epoch) * 1000 : now;
  return DateTime.fromMillis(millis, { zone: ZONE }).toISODate() ?? "1970-01-01";
}

/** The next meeting as the meeting page shows it: a meeting in the archive, or the announcement. */
export type NextMeetingBox =
  | {
      kind: "archive";
      /** Site-relative address of the meeting, without prefix. */
      url: string;
      meeting: Meeting;
    }
  | {
      kind: "announced";
      announcement: NextMeeting;
      /** True when the announced date is before the build date: the meeting has been held (or not) since. */
      past: boolean;
    };

/**
 * The one "Næste møde" box of a meeting page. `following` is the council's next meeting in the
 * archive. An announcement (`next_meeting`) whose date is that meeting's date is shown as that
 * meeting (linked, with its own time and place); an announcement of another date is shown as
 * announced; without an announcement the following meeting is shown.
 */
export function nextMeetingBox(meeting: Pick<Meeting, "nextMeeting">, following: Meeting | undefined, today: string): NextMeetingBox | undefined {
  const announced = meeting.nextMeeting;
  if (following && (!announced || announced.date === following.date)) return { kind: "archive", url: following.url, meeting: following };
  if (announced) return { kind: "announced", announcement: announced, past: announced.date < today };
  return undefined;
}

/** One entry of a "Kommende møder" list. */
export type UpcomingMeeting =
  | { kind: "archive"; meeting: Meeting }
  | {
      kind: "announced";
      council: Council;
      announcement: NextMeeting;
      /** The newest meeting whose minutes announced it. */
      announcedIn: Meeting;
    };

/** The date of an upcoming entry. */
export function upcomingDate(entry: UpcomingMeeting): string {
  return entry.kind === "archive" ? entry.meeting.date : entry.announcement.date;
}

/** True for an agenda (`status: dagsorden`) of a meeting on or after the build date. */
export function isUpcoming(meeting: Pick<Meeting, "status" | "date">, today: string): boolean {
  return meeting.status === "dagsorden" && meeting.date >= today;
}

/**
 * The councils' meetings from the build date on, soonest first: agendas in the archive, and
 * meetings announced in minutes (`next_meeting`) that the archive does not hold yet. An
 * announcement repeated in several minutes is listed once, from the newest.
 */
export function upcomingMeetings(councils: readonly Council[], today: string): UpcomingMeeting[] {
  const entries: UpcomingMeeting[] = [];
  for (const council of councils) {
    const held = new Set(council.meetings.map((m) => m.date));
    const announced = new Map<string, { announcement: NextMeeting; announcedIn: Meeting }>();
    for (const meeting of council.meetings) {
      if (isUpcoming(meeting, today)) entries.push({ kind: "archive", meeting });
      const next = meeting.nextMeeting;
      if (!next || next.date < today || held.has(next.date)) continue;
      const seen = announced.get(next.date);
      if (!seen || seen.announcedIn.date < meeting.date || (seen.announcedIn.date === meeting.date && seen.announcedIn.slug < meeting.slug)) {
        announced.set(next.date, { announcement: next, announcedIn: meeting });
      }
    }
    for (const { announcement, announcedIn } of announced.values()) entries.push({ kind: "announced", council, announcement, announcedIn });
  }
  return entries.sort((a, b) => {
    const da = upcomingDate(a);
    const db = upcomingDate(b);
    if (da !== db) return da < db ? -1 : 1;
    const ua = a.kind === "archive" ? a.meeting.url : a.council.slug;
    const ub = b.kind === "archive" ? b.meeting.url : b.council.slug;
    return ua < ub ? -1 : ua > ub ? 1 : 0;
  });
}
