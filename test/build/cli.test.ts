import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/args.ts";
import { parseBuildArgs } from "../../src/cli/build.ts";
import { formatBuildSummary, formatMemory, formatTimings } from "../../src/report/build.ts";

describe("referat build options", () => {
  it("defaults to content/ in and _site/ out", () => {
    expect(parseBuildArgs([])).toEqual({ contentDir: "content", outDir: "_site", debug: false });
  });

  it("reads every option", () => {
    expect(parseBuildArgs(["--content", "c", "--out", "o", "--kommune", "gladsaxe", "--path-prefix", "/referater/", "--debug"])).toEqual({
      contentDir: "c",
      outDir: "o",
      kommune: "gladsaxe",
      pathPrefix: "/referater/",
      debug: true,
    });
  });

  it("calls unknown flags, bad slugs and URLs as prefixes wrong usage", () => {
    expect(() => parseBuildArgs(["--outt", "x"])).toThrow(UsageError);
    expect(() => parseBuildArgs(["--kommune", "Gladsaxe Kommune"])).toThrow('--kommune skal være en kommunes slug som gladsaxe, men er "Gladsaxe Kommune".');
    expect(() => parseBuildArgs(["--path-prefix", "https://x.dk/referater/"])).toThrow(UsageError);
    expect(() => parseBuildArgs(["--path-prefix", "//x.dk/"])).toThrow(UsageError);
  });

  it("sums a build up in Danish", () => {
    const timings = { load: 0, cpr: 0, render: 0, copy: 0, search: 0, links: 0, swap: 0 };
    expect(formatBuildSummary({ kommuner: 1, councils: 1, meetings: 1, pages: 5, files: 0, timings }, "_site")).toBe(
      "Bygget: 1 kommune, 1 råd, 1 møde, 5 sider i _site.",
    );
    expect(formatBuildSummary({ kommuner: 2, councils: 3, meetings: 12, pages: 30, files: 0, timings }, "_site", 4_249)).toBe(
      "Bygget: 2 kommuner, 3 råd, 12 møder, 30 sider i _site (4,2 s).",
    );
  });

  it("prints each stage's time, in a form the benchmark reads", () => {
    const timings = { load: 120.4, cpr: 4, render: 2345.6, copy: 7, search: 890, links: 55, swap: 1 };
    expect(formatTimings({ kommuner: 1, councils: 1, meetings: 1, pages: 5, files: 0, timings })).toBe(
      "Tider: indlæsning 120 ms, CPR-tjek 4 ms, sider 2346 ms, filer 7 ms, søgeindeks 890 ms, linktjek 55 ms, flytning 1 ms.",
    );
  });

  it("prints each stage's memory: resident set at its end, heap in use, highest resident set during it", () => {
    const timings = { load: 0, cpr: 0, render: 0, copy: 0, search: 0, links: 0, swap: 0 };
    const MB = 1024 * 1024;
    const at = (rss: number, heapUsed: number, peakRss: number) => ({ rss: rss * MB, heapUsed: heapUsed * MB, peakRss: peakRss * MB });
    const stats = { kommuner: 1, councils: 1, meetings: 1, pages: 5, files: 0, timings };
    expect(formatMemory(stats)).toBe("");
    const memory = { stages: { load: at(412, 300.4, 450), cpr: at(415, 301, 416), render: at(500, 320, 610.6) }, maxRss: 640 * MB };
    expect(formatMemory({ ...stats, memory })).toBe(
      "Hukommelse: indlæsning 412 MB (heap 300 MB, top 450 MB), CPR-tjek 415 MB (heap 301 MB, top 416 MB), sider 500 MB (heap 320 MB, top 611 MB); højst 640 MB.",
    );
  });
});
