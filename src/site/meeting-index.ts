// Lookups across the archive that pages need: which meeting an address names.
import type { Council, Kommune, Meeting } from "../minutes/model.ts";
import { meetingLabel } from "./breadcrumbs.ts";

export interface MeetingEntry {
  kommune: Kommune;
  council: Council;
  meeting: Meeting;
  /** "6. september 2023" */
  label: string;
}

/** Meetings by their address ("/gladsaxe/udsatteraadet/2023-09-06/"). */
export type MeetingIndex = ReadonlyMap<string, MeetingEntry>;

/** Indexes every meeting of the given municipalities by address. */
export function indexMeetings(kommuner: readonly Kommune[]): Map<string, MeetingEntry> {
  const index = new Map<string, MeetingEntry>();
  for (const kommune of kommuner) {
    for (const council of kommune.councils) {
      for (const meeting of council.meetings) {
        index.set(meeting.url, { kommune, council, meeting, label: meetingLabel(meeting) });
      }
    }
  }
  return index;
}
