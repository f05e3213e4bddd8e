import { describe, expect, it } from "vitest";
import { followUpsOf, indexFollowUps, openThreads } from "../../src/site/follow-ups.ts";
import { councilAttendance } from "../../src/site/attendance.ts";
import { archiveOf, item, meeting } from "../trust/archive.ts";

describe("follow-up both ways", () => {
  const advice = meeting("by", "raad", "2023-01-10", {
    items: [
      item({ number: 1, title: "Høringssvar om hjemløsestrategien", kind: "beslutning" }),
      item({ number: 2, title: "Anbefalinger om natvarme", kind: "beslutning" }),
    ],
  });
  const later = meeting("by", "raad", "2023-03-14", {
    items: [item({ number: 1, title: "Svar på høringssvaret", follows: ["/by/raad/2023-01-10/#punkt-1"] })],
  });
  const archive = archiveOf([later, advice]);

  it("lists on the earlier item each later item that follows it up", () => {
    const followUps = indexFollowUps(archive.kommuner);
    expect(followUpsOf(followUps, advice, { number: 1 }).map((f) => f.url)).toEqual(["/by/raad/2023-03-14/#punkt-1"]);
    expect(followUpsOf(followUps, advice, { number: 2 })).toEqual([]);
  });

  it("counts as open threads only advice with no follow-up yet", () => {
    const threads = openThreads(archive.kommuner[0]!.councils[0]!, indexFollowUps(archive.kommuner));
    expect(threads.map((t) => t.address)).toEqual(["/by/raad/2023-01-10/#punkt-2"]);
  });
});

describe("attendance", () => {
  it("counts each standing member present, absent, substituted or not mentioned, over the minutes only", () => {
    const archive = archiveOf([
      meeting("by", "raad", "2023-01-10", { attendees: [{ name: "Anna  Holm" }], absentees: [{ name: "Bo Lund", substitute: { name: "Eva Berg" } }] }),
      meeting("by", "raad", "2023-03-14", { attendees: [{ name: "Bo Lund" }], absentees: [{ name: "anna holm" }] }),
      meeting("by", "raad", "2023-05-09", { status: "dagsorden", attendees: [{ name: "Anna Holm" }] }),
      meeting("by", "raad", "2023-06-13", { attendees: [{ name: "Gæst Gæstesen" }] }),
    ]);
    const council = archive.kommuner[0]!.councils[0]!;
    council.members = [{ name: "Anna Holm" }, { name: "Bo Lund" }];
    const { meetings, members } = councilAttendance(council);
    expect(meetings).toBe(3);
    expect(members.map(({ member, ...counts }) => [member.name, counts])).toEqual([
      ["Anna Holm", { present: 1, absent: 1, substituted: 0, notMentioned: 1 }],
      ["Bo Lund", { present: 1, absent: 0, substituted: 1, notMentioned: 1 }],
    ]);
  });
});
