// How a municipality's search index is split into parts by period (src/search/parts.ts).
import { describe, expect, it } from "vitest";
import type { Kommune } from "../../src/minutes/model.ts";
import { archiveOf, item, meeting } from "../trust/archive.ts";
import {
  DEFAULT_MEMORY_MB,
  estimatedBytes,
  isPartFolderName,
  PAGEFIND_BASE_BYTES,
  planParts,
  resolvePartSize,
  resolveSearchMemory,
  resolveSearchProcesses,
} from "../../src/search/parts.ts";

/** A municipality with two councils and meetings on the given dates (alternating councils). */
function kommuneWith(dates: string[]): Kommune {
  const kommune = archiveOf([meeting("demo", "udsatteraadet", "2000-01-01"), meeting("demo", "handicapraadet", "2000-01-01")]).kommuner[0]!;
  for (const council of kommune.councils) council.meetings = [];
  dates.forEach((date, i) => {
    const council = kommune.councils[i % 2]!;
    council.meetings.push(meeting("demo", council.slug, date, { title: "Møde", items: [] }));
  });
  return kommune;
}

/** `count` meetings in `year`, on distinct days. */
function year(y: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(y, 0, 1 + i));
    return day.toISOString().slice(0, 10);
  });
}

const summary = (k: Kommune, size: number) => planParts(k, size).map((p) => `${p.id} ${p.folder} ${p.from}..${p.to} ${p.meetings.length}`);

describe("planParts", () => {
  it("keeps a municipality within the size in one index at <kommune>/pagefind/", () => {
    const parts = planParts(kommuneWith([...year(2020, 3), ...year(2021, 2)]), 10);
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ id: "demo", folder: "demo/pagefind/", from: "2020-01-01", to: "2021-01-02" });
    expect(parts[0]!.meetings.map((m) => m.date)).toEqual(["2020-01-01", "2020-01-02", "2020-01-03", "2021-01-01", "2021-01-02"]);
  });

  it("fills parts with whole years from the oldest; the newest year is a part of its own at pagefind/, the older ones pagefind-1/, -2/", () => {
    const k = kommuneWith([...year(2018, 4), ...year(2019, 3), ...year(2020, 4), ...year(2021, 3), ...year(2022, 2)]);
    expect(summary(k, 7)).toEqual([
      "demo demo/pagefind/ 2022-01-01..2022-01-02 2",
      "demo-2 demo/pagefind-2/ 2020-01-01..2021-01-03 7",
      "demo-1 demo/pagefind-1/ 2018-01-01..2019-01-03 7",
    ]);
  });

  it("keeps the newest year alone only in an index of more than one part", () => {
    // Two years within the size: one part, as before.
    expect(summary(kommuneWith([...year(2021, 3), ...year(2022, 3)]), 6)).toEqual(["demo demo/pagefind/ 2021-01-01..2022-01-03 6"]);
    // One meeting more: the older year and the newest year, not 6 + 1.
    expect(summary(kommuneWith([...year(2021, 3), ...year(2022, 4)]), 6)).toEqual([
      "demo demo/pagefind/ 2022-01-01..2022-01-04 4",
      "demo-1 demo/pagefind-1/ 2021-01-01..2021-01-03 3",
    ]);
  });

  it("cuts only a year that alone exceeds the size, by date (the newest year too)", () => {
    const k = kommuneWith([...year(2019, 2), ...year(2020, 7), ...year(2021, 4)]);
    expect(summary(k, 3)).toEqual([
      "demo demo/pagefind/ 2021-01-04..2021-01-04 1",
      "demo-5 demo/pagefind-5/ 2021-01-01..2021-01-03 3",
      "demo-4 demo/pagefind-4/ 2020-01-07..2020-01-07 1",
      "demo-3 demo/pagefind-3/ 2020-01-04..2020-01-06 3",
      "demo-2 demo/pagefind-2/ 2020-01-01..2020-01-03 3",
      "demo-1 demo/pagefind-1/ 2019-01-01..2019-01-02 2",
    ]);
  });

  it("changes only the newest part when a meeting is added to, or edited in, the newest year", () => {
    const old = [...year(2015, 5), ...year(2016, 5), ...year(2017, 5)];
    const before = summary(kommuneWith([...old, ...year(2018, 3)]), 10);
    const after = summary(kommuneWith([...old, ...year(2018, 4)]), 10);
    expect(after.slice(1)).toEqual(before.slice(1));
    expect([before[0], after[0]]).toEqual(["demo demo/pagefind/ 2018-01-01..2018-01-03 3", "demo demo/pagefind/ 2018-01-01..2018-01-04 4"]);
  });

  it("puts every meeting in exactly one part, and never more than the size in one", () => {
    const dates = [...year(2006, 40), ...year(2007, 3), ...year(2010, 25), ...year(2011, 26), ...year(2025, 1)];
    for (const size of [1, 2, 5, 13, 25, 26, 60, 1000]) {
      const parts = planParts(kommuneWith(dates), size);
      expect(parts.flatMap((p) => p.meetings.map((m) => m.date)).sort()).toEqual([...dates].sort());
      expect(Math.max(...parts.map((p) => p.meetings.length))).toBeLessThanOrEqual(size);
      expect(new Set(parts.map((p) => p.folder)).size).toBe(parts.length);
      expect(parts.every((p) => isPartFolderName(p.folder.split("/")[1]!))).toBe(true);
    }
  });

  it("keeps the older parts as they are when newer meetings are added", () => {
    const old = [...year(2015, 5), ...year(2016, 5), ...year(2017, 5)];
    const before = summary(kommuneWith(old), 10).slice(1);
    const after = summary(kommuneWith([...old, ...year(2018, 4), ...year(2019, 6)]), 10).slice(1);
    expect(after.slice(-before.length)).toEqual(before);
  });

  it("makes no part for a municipality without meetings", () => {
    expect(planParts(kommuneWith([]), 5)).toEqual([]);
  });
});

describe("resolvePartSize", () => {
  it("takes the given size, else REFERAT_SEARCH_PART_SIZE, else none", () => {
    expect(resolvePartSize(50, { REFERAT_SEARCH_PART_SIZE: "7" })).toBe(50);
    expect(resolvePartSize(undefined, { REFERAT_SEARCH_PART_SIZE: " 7 " })).toBe(7);
    expect(resolvePartSize(undefined, {})).toBeUndefined();
    expect(resolvePartSize(undefined, { REFERAT_SEARCH_PART_SIZE: "" })).toBeUndefined();
  });

  it("says in Danish what is wrong with a bad size", () => {
    expect(() => resolvePartSize(undefined, { REFERAT_SEARCH_PART_SIZE: "mange" })).toThrow(
      'REFERAT_SEARCH_PART_SIZE skal være et helt tal på mindst 1 (møder pr. del af søgeindekset), fx 1000, men er "mange".',
    );
    expect(() => resolvePartSize(undefined, { REFERAT_SEARCH_PART_SIZE: "0" })).toThrow('men er "0"');
    expect(() => resolvePartSize(0)).toThrow("mindst 1");
  });
});

describe("parts sized by memory", () => {
  /** A municipality whose meetings each hold `chars` characters of item text. */
  function kommuneOfText(dates: string[], chars: (date: string) => number): Kommune {
    const meetings = dates.map((date) => meeting("demo", "raad", date, { title: "", items: [item({ title: "", body: "x".repeat(chars(date)) })] }));
    return archiveOf(meetings).kommuner[0]!;
  }
  const dates = [...year(2019, 30), ...year(2020, 30), ...year(2021, 30), ...year(2022, 30)];

  it("keeps each part's estimated peak within the budget, and puts every meeting in one part", () => {
    const k = kommuneOfText(dates, () => 8000);
    const perMeeting = estimatedBytes(k.councils[0]!.meetings[0]!);
    const budget = PAGEFIND_BASE_BYTES + 45 * perMeeting;
    const parts = planParts(k, { bytes: budget });
    expect(parts.map((p) => p.meetings.length)).toEqual([30, 30, 30, 30]);
    expect(parts.every((p) => p.bytes <= budget)).toBe(true);
    expect(parts.flatMap((p) => p.meetings).length).toBe(dates.length);
  });

  it("gives longer minutes smaller parts", () => {
    const budget = PAGEFIND_BASE_BYTES + 100e6;
    const short = planParts(
      kommuneOfText(dates, () => 2000),
      { bytes: budget },
    );
    const long = planParts(
      kommuneOfText(dates, () => 20000),
      { bytes: budget },
    );
    expect(long.length).toBeGreaterThan(short.length);
    expect(long.every((p) => p.bytes <= budget)).toBe(true);
  });

  it("moves no boundary of the older parts when an older meeting's text changes a little", () => {
    const budget = PAGEFIND_BASE_BYTES + 62 * estimatedBytes(kommuneOfText(["2019-01-01"], () => 8000).councils[0]!.meetings[0]!);
    const before = planParts(
      kommuneOfText(dates, () => 8000),
      { bytes: budget },
    ).map((p) => `${p.from}..${p.to}`);
    const after = planParts(
      kommuneOfText(dates, (d) => (d === "2019-01-05" ? 8100 : 8000)),
      { bytes: budget },
    ).map((p) => `${p.from}..${p.to}`);
    expect(after).toEqual(before);
  });

  it("takes the given MB, else REFERAT_SEARCH_MEMORY, else the default, and says in Danish what is wrong", () => {
    expect(resolveSearchMemory(300, { REFERAT_SEARCH_MEMORY: "700" })).toBe(300e6);
    expect(resolveSearchMemory(undefined, { REFERAT_SEARCH_MEMORY: " 700 " })).toBe(700e6);
    expect(resolveSearchMemory(undefined, {})).toBe(DEFAULT_MEMORY_MB * 1e6);
    expect(() => resolveSearchMemory(undefined, { REFERAT_SEARCH_MEMORY: "1GB" })).toThrow(
      'REFERAT_SEARCH_MEMORY skal være et helt antal MB på mindst 100 (hukommelse til Pagefind i alt), fx 800, men er "1GB".',
    );
    expect(() => resolveSearchMemory(50)).toThrow("mindst 100");
  });

  it("takes the given processes at once, else REFERAT_SEARCH_PROCESSES, else none (the default), and says in Danish what is wrong", () => {
    expect(resolveSearchProcesses(2, { REFERAT_SEARCH_PROCESSES: "1" })).toBe(2);
    expect(resolveSearchProcesses(undefined, { REFERAT_SEARCH_PROCESSES: " 1 " })).toBe(1);
    expect(resolveSearchProcesses(undefined, {})).toBeUndefined();
    expect(() => resolveSearchProcesses(undefined, { REFERAT_SEARCH_PROCESSES: "0" })).toThrow(
      'REFERAT_SEARCH_PROCESSES skal være et helt tal på mindst 1 (Pagefind-processer på én gang), fx 1, men er "0".',
    );
    expect(() => resolveSearchProcesses(1.5)).toThrow("Antallet af Pagefind-processer skal være et helt tal på mindst 1, men er 1.5.");
  });
});
