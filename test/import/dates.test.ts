import { describe, expect, it } from "vitest";
import { findClock, findDates, findTimes, withoutDateAndTime } from "../../src/import/dates.ts";

const isoOf = (text: string) => findDates(text).map((date) => date.iso);

describe("findDates", () => {
  it.each([
    ["Dato: Onsdag den 20. januar 2021 kl. 16-18.", "2021-01-20"],
    ["1. april 2019 kl. 16.00 – 18.00", "2019-04-01"],
    ["Mandag d. 4.4. 2022", "2022-04-04"],
    ["04.04.2022", "2022-04-04"],
    ["Dato: 12/5-2023", "2023-05-12"],
    ["12. marts 2025 - referat fra Udsatterådet", "2025-03-12"],
    ["Referat fra møde i Udsatterådet den 6. september 2023", "2023-09-06"],
    ["Mødet den 6. sept. 2023", "2023-09-06"],
    ["Referat fra Udsatterådet 2025-03-12", "2025-03-12"],
  ])("reads %j as %s", (text, iso) => {
    expect(isoOf(text)).toEqual([iso]);
  });

  it("refuses dates that are not in the calendar", () => {
    expect(isoOf("30. februar 2022 og 31.04.2022")).toEqual([]);
  });

  it("does not read item numbers or amounts as dates", () => {
    expect(isoOf("Punkt 5 vedrørende 20.000 kr. og 3. stik")).toEqual([]);
  });
});

describe("findTimes", () => {
  it.each([
    ["Onsdag den 20. januar 2021 kl. 16-18.", "16:00", "18:00"],
    ["1. april 2019 kl. 16.00 – 18.00", "16:00", "18:00"],
    ["Kl. 15-18, Tolderlundsvej 2, 10. sal, 5000 Odense C.", "15:00", "18:00"],
    ["Tid: 17:00 – 19:00", "17:00", "19:00"],
    ["Mødetidspunkt: Kl. 15.00-17.30", "15:00", "17:30"],
    ["klokken 9:30 til 12", "09:30", "12:00"],
  ])("reads %j as %s-%s", (text, start, end) => {
    expect(findTimes(text)).toMatchObject({ start, end });
  });

  it("reads a start without an end", () => {
    const times = findTimes("Mødet begynder kl. 10.30");
    expect(times?.start).toBe("10:30");
    expect(times?.end).toBeUndefined();
  });

  it("does not read item numbers as a time", () => {
    expect(findTimes("punkt 1-3 og 2.5")).toBeUndefined();
  });
});

describe("withoutDateAndTime", () => {
  it("leaves the venue of a line that also gives the time", () => {
    expect(withoutDateAndTime("Kl. 15-18, Tolderlundsvej 2, 10. sal, 5000 Odense C.")).toBe("Tolderlundsvej 2, 10. sal, 5000 Odense C");
  });
});

describe("findClock", () => {
  it.each([
    ["16.00", "16:00"],
    ["Kl. 13.30", "13:30"],
    ["kl. 9", "09:00"],
    ["Torsdag den 12. januar 2023, 10:00", "10:00"],
  ])("reads the single time in %j as %s", (text, time) => {
    expect(findClock(text)).toBe(time);
  });

  it("reads no time from a date alone", () => {
    expect(findClock("04.04.2022")).toBeUndefined();
    expect(findClock("Mandag d. 4.4. 2022")).toBeUndefined();
  });
});
