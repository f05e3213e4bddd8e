// Attendance of a council's standing members over its minutes, for councils that opt in
// (`attendance: true` in kommune.yaml: some councils seat user representatives who may not want an
// aggregated page). Only standing members are counted; guests and staff never are.
import type { Council, Person } from "../minutes/model.ts";

export interface MemberAttendance {
  member: Person;
  /** Minutes (status referat) in which the member is listed as present. */
  present: number;
  /** Listed with apologies and nobody standing in. */
  absent: number;
  /** Listed with apologies and a substitute named. */
  substituted: number;
  /** Minutes that do not mention the member at all. */
  notMentioned: number;
}

/** Names compared as a reader would: case, spacing and Unicode form aside. */
function key(name: string): string {
  return name.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase("da");
}

/** Each standing member's attendance over the council's minutes, in the order kommune.yaml lists them. */
export function councilAttendance(council: Council): { meetings: number; members: MemberAttendance[] } {
  const minutes = council.meetings.filter((meeting) => meeting.status === "referat");
  const members = council.members.map((member) => {
    const name = key(member.name);
    const counts: MemberAttendance = { member, present: 0, absent: 0, substituted: 0, notMentioned: 0 };
    for (const meeting of minutes) {
      const absentee = meeting.absentees.find((a) => key(a.name) === name);
      if (meeting.attendees.some((a) => key(a.name) === name)) counts.present++;
      else if (absentee?.substitute) counts.substituted++;
      else if (absentee) counts.absent++;
      else counts.notMentioned++;
    }
    return counts;
  });
  return { meetings: minutes.length, members };
}
