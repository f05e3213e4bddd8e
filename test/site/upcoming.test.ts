import { describe, expect, it } from "vitest";
import { buildDate, isUpcoming, nextMeetingBox, upcomingMeetings } from "../../src/site/upcoming.ts";
import { makeArchive } from "./archive-fixture.ts";

function gladsaxe() {
  const council = makeArchive().kommuner.find((k) => k.slug === "gladsaxe")?.councils[0];
  if (!council) throw new Error("fixture");
  const byDate = (date: string) => council.meetings.find((m) => m.date === date) as (typeof council.meetings)[number];
  return { council, byDate };
}

describe("buildDate", () => {
  it("takes the day in Copenhagen from SOURCE_DATE_EPOCH", () => {
    // 2023-10-15 22:30 UTC is already 16 October in Copenhagen (summer time, UTC+2).
    expect(buildDate({ SOURCE_DATE_EPOCH: "1697409000" }, 0)).toBe("2023-10-16");
  });

  it("takes the clock when SOURCE_DATE_EPOCH is absent or not a whole number", () => {
    const noon = Date.UTC(2026, 11, 6, 12);
    expect(buildDate({}, noon)).toBe("2026-12-06");
    expect(buildDate({ SOURCE_DATE_EPOCH: "i går" }, noon)).toBe("2026-12-06");
  });
});

describe("nextMeetingBox", () => {
  it("shows the archive's next meeting when the announcement names its date", () => {
    const { byDate } = gladsaxe();
    const box = nextMeetingBox(byDate("2023-09-06"), byDate("2023-11-01"), "2023-10-15");
    expect(box).toMatchObject({ kind: "archive", url: "/gladsaxe/udsatteraadet/2023-11-01/" });
  });

  it("shows the archive's next meeting when nothing was announced", () => {
    const { byDate } = gladsaxe();
    expect(nextMeetingBox(byDate("2022-11-21"), byDate("2023-09-06"), "2030-01-01")).toMatchObject({
      kind: "archive",
      url: "/gladsaxe/udsatteraadet/2023-09-06/",
    });
  });

  it("shows an announcement of a date the archive lacks, past or not", () => {
    const announced = { nextMeeting: { date: "2023-10-20", start: "16:00" } };
    const { byDate } = gladsaxe();
    expect(nextMeetingBox(announced, byDate("2023-11-01"), "2023-10-15")).toEqual({ kind: "announced", announcement: announced.nextMeeting, past: false });
    expect(nextMeetingBox(announced, undefined, "2023-10-21")).toEqual({ kind: "announced", announcement: announced.nextMeeting, past: true });
    expect(nextMeetingBox({}, undefined, "2023-10-21")).toBeUndefined();
  });
});

describe("upcomingMeetings", () => {
  it("lists agendas from the build date on and announcements the archive does not hold, soonest first", () => {
    const { council, byDate } = gladsaxe();
    byDate("2023-11-01").nextMeeting = { date: "2023-12-06", venue: "Rådhuset" };
    const entries = upcomingMeetings([council], "2023-10-15");
    expect(entries.map((e) => (e.kind === "archive" ? `agenda ${e.meeting.date}` : `announced ${e.announcement.date} in ${e.announcedIn.date}`))).toEqual([
      "agenda 2023-11-01",
      // 2023-09-06 announced 2023-11-01, which the archive holds: not listed twice.
      "announced 2023-12-06 in 2023-11-01",
    ]);
    expect(upcomingMeetings([council], "2023-11-02").map((e) => e.kind)).toEqual(["announced"]);
    expect(upcomingMeetings([council], "2023-12-07")).toEqual([]);
  });

  it("counts only an agenda on or after the build date as upcoming", () => {
    expect(isUpcoming({ status: "dagsorden", date: "2023-11-01" }, "2023-11-01")).toBe(true);
    expect(isUpcoming({ status: "dagsorden", date: "2023-11-01" }, "2023-11-02")).toBe(false);
    expect(isUpcoming({ status: "referat", date: "2023-11-01" }, "2023-10-01")).toBe(false);
  });
});
