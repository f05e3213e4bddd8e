// A list of meetings, newest first: date as the link, then council (when mixed), title and status.
import { formatLongDate } from "../../src/format/dates.ts";
import type { Meeting } from "../../src/minutes/model.ts";
import { meetingLabel } from "../../src/site/breadcrumbs.ts";
import { meetingUrl, withPrefix } from "../../src/site/urls.ts";

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
