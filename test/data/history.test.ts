// The history's times: written by hand from Copenhagen's offset, and equal to luxon's ISO form.
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { isoInCopenhagen } from "../../src/data/history.ts";

const luxon = (ms: number) => DateTime.fromMillis(ms, { zone: "Europe/Copenhagen" }).toISO({ suppressMilliseconds: true });

describe("isoInCopenhagen", () => {
  it("gives luxon's ISO time around each change to and from summer time, 1970–2040, and at 5,000 seconds spread over 1970–2039", () => {
    const moments: number[] = [];
    for (let year = 1970; year <= 2040; year++) {
      // The small hours of the last Sundays of March and October (the changes, in the years there are any), each half hour and a second before.
      for (const month of [2, 9]) {
        for (let day = 25; day <= 31; day++) {
          const midnight = Date.UTC(year, month, day);
          if (new Date(midnight).getUTCDay() !== 0) continue;
          for (let t = midnight - 3600_000; t <= midnight + 4 * 3600_000; t += 1800_000) moments.push(t, t - 1000);
        }
      }
    }
    let seed = 12;
    for (let i = 0; i < 5000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      moments.push(Math.floor((seed / 2 ** 31) * 2.2e9) * 1000);
    }
    const mismatched = moments.filter((ms) => isoInCopenhagen(ms) !== luxon(ms));
    expect(mismatched.map((ms) => [ms, isoInCopenhagen(ms), luxon(ms)])).toEqual([]);
    expect(isoInCopenhagen(Date.UTC(2023, 0, 11, 10))).toBe("2023-01-11T11:00:00+01:00");
    expect(isoInCopenhagen(Date.UTC(2023, 6, 11, 10))).toBe("2023-07-11T12:00:00+02:00");
  });
});
