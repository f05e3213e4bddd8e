import { describe, expect, it } from "vitest";
import { meetingTemplate } from "../../src/minutes/template.ts";
import { validateMeetingText, type MeetingContext } from "../../src/minutes/validate.ts";

const CONTEXT: MeetingContext = {
  file: "<fil>",
  absolutePath: "/content/eksempelby/udsatteraadet/2024/2024-05-14.md",
  sourcePath: "eksempelby/udsatteraadet/2024/2024-05-14.md",
  kommune: "eksempelby",
  raad: "udsatteraadet",
  slug: "2024-05-14",
  year: "2024",
  councilName: "Udsatterådet",
  attachmentDir: "/content/eksempelby/udsatteraadet/2024/2024-05-14",
};

describe("meetingTemplate", () => {
  it("writes a meeting that validates, with the members as attendees and the three usual items", () => {
    const text = meetingTemplate({
      date: "2024-05-14",
      status: "referat",
      councilName: "Udsatterådet",
      members: ["Anna Holm (Kirkens Korshær), formand", { name: "Carla Dahl", organisation: "Brugerrepræsentant, Værestedet", role: null }],
      venue: "Rådhuset: mødelokale 2",
      start: "15:00",
    });
    const result = validateMeetingText(text, CONTEXT);
    expect(result.problems).toEqual([]);
    expect(result.meeting?.attendees).toEqual([
      { name: "Anna Holm", organisation: "Kirkens Korshær", role: "formand" },
      { name: "Carla Dahl", organisation: "Brugerrepræsentant, Værestedet" },
    ]);
    expect(result.meeting?.items.map((item) => [item.title, item.kind ?? null])).toEqual([
      ["Godkendelse af dagsorden", "beslutning"],
      ["Godkendelse af referat", "beslutning"],
      ["Eventuelt", null],
    ]);
    expect([result.meeting?.venue, result.meeting?.start, result.meeting?.end, result.meeting?.status]).toEqual([
      "Rådhuset: mødelokale 2",
      "15:00",
      undefined,
      "referat",
    ]);
  });

  it("writes an agenda that says how it becomes minutes, and attendees: [] when kommune.yaml names no members", () => {
    const text = meetingTemplate({ date: "2024-05-14", status: "dagsorden", councilName: "Ældrerådet", members: [], online: "Teams" });
    expect(text).toContain("# dagsorden: offentliggjort før mødet. Når mødet er holdt, rettes linjen til status: referat.\nstatus: dagsorden\n");
    expect(text).toContain("attendees: []\n");
    expect(text).not.toContain("approved");
    const result = validateMeetingText(text, CONTEXT);
    expect(result.problems).toEqual([]);
    expect(result.meeting?.status).toBe("dagsorden");
  });

  it("comments every field it writes in Danish", () => {
    const text = meetingTemplate({
      date: "2024-05-14",
      status: "referat",
      councilName: "Udsatterådet",
      members: ["Bo Lund"],
      venue: "Rådhuset",
      start: "16:00",
      end: "18:00",
    });
    const head = text.split("\n---\n")[0]!.split("\n").slice(1);
    // Each field line has a comment line above it (directly, or above its group).
    for (const field of ["date:", "start:", "venue:", "status:", "attendees:", "items:"]) {
      const at = head.findIndex((line) => line.startsWith(field));
      const above = head
        .slice(0, at)
        .reverse()
        .find((line) => line.trim() !== "" && !/^(start|end|date):/.test(line));
      expect(above, field).toMatch(/^# /);
    }
  });
});
