// A list of meetings, newest first: date as the link, then council (when mixed), title and status.
import { formatDate, formatLongDate, formatMeetingDate } from "../../src/format/dates.ts";
import type { Meeting } from "../../src/minutes/model.ts";
import { meetingLabel } from "../../src/site/breadcrumbs.ts";
import type { UpcomingMeeting } from "../../src/site/upcoming.ts";
import { meetingUrl, withPrefix } from "../../src/site/urls.ts";
import { Place } from "./place.tsx";

export interface MeetingListProps {
  meetings: Meeting[];
  pathPrefix: string;
  /** Names each meeting's council, for lists across councils. */
  councilName?: (meeting: Meeting) => string;
}

export function MeetingList({ meetings, pathPrefix, councilName }: MeetingListProps) {
  return (
    <ul class="meeting-list">
      {meetings.map((meeting) => (
        <li>
          <a href={withPrefix(pathPrefix, meetingUrl(meeting))}>
            {councilName ? `${councilName(meeting)}, ` : ""}
            {meeting.slug === meeting.date ? formatLongDate(meeting.date) : meetingLabel(meeting)}
          </a>
          {meeting.status === "dagsorden" && <span class="badge badge-agenda">Dagsorden</span>}
          <span class="meeting-list-title">{meeting.title}</span>
        </li>
      ))}
    </ul>
  );
}

export interface UpcomingListProps {
  entries: UpcomingMeeting[];
  pathPrefix: string;
  /** Names each meeting's council, for lists across councils. */
  councilName?: (meeting: Pick<Meeting, "raad">) => string;
}

/**
 * Upcoming meetings, soonest first: an agenda links to its page; a meeting only announced in earlier
 * minutes shows its date, time and place and links to the minutes that announced it.
 */
export function UpcomingList({ entries, pathPrefix, councilName }: UpcomingListProps) {
  return (
    <ul class="meeting-list upcoming-list">
      {entries.map((entry) =>
        entry.kind === "archive" ? (
          <li>
            <a href={withPrefix(pathPrefix, meetingUrl(entry.meeting))}>
              {councilName ? `${councilName(entry.meeting)}, ` : ""}
              {formatMeetingDate(entry.meeting)}
            </a>{" "}
            <span class="badge badge-agenda">Dagsorden</span> <span class="meeting-list-title">{entry.meeting.title}</span>
            <Place place={entry.meeting} class="meeting-list-where" />
          </li>
        ) : (
          <li>
            <span class="meeting-list-date">
              {councilName ? `${councilName(entry.announcedIn)}, ` : ""}
              {formatMeetingDate(entry.announcement)}
            </span>{" "}
            <span class="badge">Annonceret</span>{" "}
            <span class="meeting-list-title">
              Annonceret i{" "}
              <a href={withPrefix(pathPrefix, meetingUrl(entry.announcedIn))}>
                {entry.announcedIn.status === "dagsorden" ? "dagsordenen" : "referatet"} fra {formatDate(entry.announcedIn.date)}
              </a>
              {entry.announcement.note ? `: ${entry.announcement.note}` : ""}
            </span>
            {(entry.announcement.venue || entry.announcement.online) && <Place place={entry.announcement} class="meeting-list-where" />}
          </li>
        ),
      )}
    </ul>
  );
}
