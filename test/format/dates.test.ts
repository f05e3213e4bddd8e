import { describe, expect, it } from "vitest";
import { formatDate, formatLongDate, formatMeetingDate, formatTimeRange, isCalendarDate, isClockTime } from "../../src/format/dates.ts";

describe("Danish dates", () => {
  it("writes a meeting's date and time as a Danish reader expects", () => {
    expect(formatMeetingDate({ date: "2023-09-06", start: "16:00", end: "18:00" })).toBe("onsdag den 6. september 2023 kl. 16.00–18.00");
  });

  it("leaves out the time when none is known", () => {
    expect(formatMeetingDate({ date: "2021-11-23" })).toBe("tirsdag den 23. november 2021");
    expect(formatTimeRange("15:00")).toBe("kl. 15.00");
  });

  it("writes the short and long forms", () => {
    expect(formatDate("2019-04-01")).toBe("1. april 2019");
    expect(formatLongDate("2025-03-12")).toBe("onsdag den 12. marts 2025");
  });

  it("accepts only real calendar dates and clock times", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2024-02-30")).toBe(false);
    expect(isCalendarDate("2023-9-6")).toBe(false);
    expect(isClockTime("23:59")).toBe(true);
    expect(isClockTime("25:00")).toBe(false);
    expect(isClockTime("9:00")).toBe(false);
  });
});

describe("calendar arithmetic", () => {
  it("knows the leap years of the Gregorian calendar", () => {
    expect(isCalendarDate("2000-02-29")).toBe(true);
    expect(isCalendarDate("1900-02-29")).toBe(false);
    expect(isCalendarDate("2023-02-29")).toBe(false);
    expect(isCalendarDate("2023-04-31")).toBe(false);
    expect(isCalendarDate("2023-13-01")).toBe(false);
    expect(isCalendarDate("2023-00-10")).toBe(false);
    expect(isCalendarDate("2023-12-31")).toBe(true);
  });
});
