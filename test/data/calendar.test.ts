// The calendars are put together from each event's text (src/data/calendar.ts) so that the data
// cache can keep one meeting's event; the oracle is ical-generator making the whole file at once
// from the same calendar and events, on the example archive and on a generated one.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateArchive } from "../../scripts/bench/generate.ts";
import { loadArchive } from "../../src/content/load.ts";
import {
  addCouncil,
  councilCalendar,
  councilCalendarName,
  kommuneCalendar,
  kommuneCalendarName,
  newCalendar,
  type CalendarOptions,
} from "../../src/data/calendar.ts";
import { createDataLinks } from "../../src/data/urls.ts";
import type { Archive } from "../../src/minutes/model.ts";
import { ROOT, tempDir } from "../build/helpers.ts";

/** Every calendar of the archive, assembled and as the library makes it whole: [address, assembled, whole]. */
function calendars(archive: Archive, options: CalendarOptions): [string, string, string][] {
  const out: [string, string, string][] = [];
  for (const kommune of archive.kommuner) {
    for (const council of kommune.councils) {
      const whole = newCalendar(councilCalendarName(kommune, council));
      addCouncil(whole, kommune, council, options);
      out.push([`${kommune.slug}/${council.slug}`, councilCalendar(kommune, council, options), whole.toString()]);
    }
    const whole = newCalendar(kommuneCalendarName(kommune));
    for (const council of kommune.councils) addCouncil(whole, kommune, council, options);
    out.push([kommune.slug, kommuneCalendar(kommune, options), whole.toString()]);
  }
  return out;
}

let work: string;
beforeAll(async () => {
  work = await tempDir("calendar");
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe("a calendar put together from its events' texts", () => {
  it("is byte for byte ical-generator's whole file, for every calendar of the example archive", async () => {
    const { archive, problems } = await loadArchive(join(ROOT, "content"));
    expect(problems).toEqual([]);
    const all = calendars(archive, { links: createDataLinks("/referater/", "https://referater.eksempel.dk/") });
    expect(all.length).toBeGreaterThan(5);
    for (const [address, assembled, whole] of all) expect(assembled, address).toBe(whole);
    // Without a base URL too (the events then have no URL property).
    for (const [address, assembled, whole] of calendars(archive, { links: createDataLinks("/") })) expect(assembled, address).toBe(whole);
  });

  it("is byte for byte ical-generator's whole file for a generated archive (announced meetings, folded lines)", async () => {
    const content = join(work, "content");
    generateArchive({ outDir: content, meetings: 120, kommuner: 2, seed: 3 });
    const { archive, problems } = await loadArchive(content);
    expect(problems).toEqual([]);
    for (const [address, assembled, whole] of calendars(archive, { links: createDataLinks("/", "https://x.dk/") })) expect(assembled, address).toBe(whole);
  });

  it("of a council without meetings has no time zone and no events, as the library writes it", async () => {
    const { archive } = await loadArchive(join(ROOT, "content"));
    const kommune = archive.kommuner[0]!;
    const council = { ...kommune.councils[0]!, meetings: [] };
    const options = { links: createDataLinks("/") };
    const whole = newCalendar(councilCalendarName(kommune, council));
    addCouncil(whole, kommune, council, options);
    expect(councilCalendar(kommune, council, options)).toBe(whole.toString());
    expect(whole.toString()).not.toContain("VTIMEZONE");
  });

  it("with a meeting without a start time (an all-day event) is byte for byte the library's whole file", async () => {
    const { archive } = await loadArchive(join(ROOT, "content"));
    const kommune = archive.kommuner[0]!;
    const { start: _start, end: _end, ...meeting } = kommune.councils[0]!.meetings[0]!;
    const council = { ...kommune.councils[0]!, meetings: [meeting] };
    const options = { links: createDataLinks("/", "https://x.dk/") };
    const whole = newCalendar(councilCalendarName(kommune, council));
    addCouncil(whole, kommune, council, options);
    expect(whole.toString()).toContain("DTSTART;VALUE=DATE:");
    expect(councilCalendar(kommune, council, options)).toBe(whole.toString());
  });
});
