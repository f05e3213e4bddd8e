// How a municipality's search index is split into parts by period (src/search/parts.ts).
import { describe, expect, it } from "vitest";
import type { Kommune } from "../../src/minutes/model.ts";
import { DEFAULT_PART_SIZE, isPartFolderName, planParts, resolvePartSize } from "../../src/search/parts.ts";

/** A municipality with two councils and meetings on the given dates (alternating councils). */
function kommuneWith(dates: string[]): Kommune {
  const councils = [
    { slug: "udsatteraadet", meetings: [] as { date: string; url: string }[] },
    { slug: "handicapraadet", meetings: [] as { date: string; url: string }[] },
  ];
  dates.forEach((date, i) => {
    const council = councils[i % 2]!;
    council.meetings.push({ date, url: `/demo/${council.slug}/${date}/` });
  });
  return { slug: "demo", name: "Demo Kommune", councils } as unknown as Kommune;
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

  it("fills parts with whole years from the oldest; the newest part is at pagefind/, the older ones pagefind-1/, -2/", () => {
    const k = kommuneWith([...year(2018, 4), ...year(2019, 3), ...year(2020, 4), ...year(2021, 2), ...year(2022, 2)]);
    expect(summary(k, 7)).toEqual([
      "demo demo/pagefind/ 2022-01-01..2022-01-02 2",
      "demo-2 demo/pagefind-2/ 2020-01-01..2021-01-02 6",
      "demo-1 demo/pagefind-1/ 2018-01-01..2019-01-03 7",
    ]);
  });

  it("cuts only a year that alone exceeds the size, by date", () => {
    const k = kommuneWith([...year(2019, 2), ...year(2020, 7), ...year(2021, 1)]);
    expect(summary(k, 3)).toEqual([
      "demo demo/pagefind/ 2020-01-07..2021-01-01 2",
      "demo-3 demo/pagefind-3/ 2020-01-04..2020-01-06 3",
      "demo-2 demo/pagefind-2/ 2020-01-01..2020-01-03 3",
      "demo-1 demo/pagefind-1/ 2019-01-01..2019-01-02 2",
    ]);
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
  it("takes the given size, else REFERAT_SEARCH_PART_SIZE, else the default", () => {
    expect(resolvePartSize(50, { REFERAT_SEARCH_PART_SIZE: "7" })).toBe(50);
    expect(resolvePartSize(undefined, { REFERAT_SEARCH_PART_SIZE: " 7 " })).toBe(7);
    expect(resolvePartSize(undefined, {})).toBe(DEFAULT_PART_SIZE);
    expect(resolvePartSize(undefined, { REFERAT_SEARCH_PART_SIZE: "" })).toBe(DEFAULT_PART_SIZE);
  });

  it("says in Danish what is wrong with a bad size", () => {
    expect(() => resolvePartSize(undefined, { REFERAT_SEARCH_PART_SIZE: "mange" })).toThrow(
      'REFERAT_SEARCH_PART_SIZE skal være et helt tal på mindst 1 (møder pr. del af søgeindekset), fx 4000, men er "mange".',
    );
    expect(() => resolvePartSize(undefined, { REFERAT_SEARCH_PART_SIZE: "0" })).toThrow("men er \"0\"");
    expect(() => resolvePartSize(0)).toThrow("mindst 1");
  });
});
