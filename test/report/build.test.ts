import { describe, expect, it } from "vitest";
import { formatNothingWritten, formatProblemReport, formatStageFailure, formatUpdateSummary } from "../../src/report/build.ts";

describe("the reports of a build and an update", () => {
  it("lists problems sorted by file, line and column, then counts them", () => {
    const lines = formatProblemReport([
      { file: "content/b.md", line: 2, col: 1, field: "date", message: "skal være en dato" },
      { file: "content/a.md", line: 9, col: 3, field: "items[1].kind", message: "skal være beslutning" },
      { file: "content/a.md", line: 4, col: 7, field: "venue", message: "mangler" },
    ]);
    expect(lines).toEqual([
      "content/a.md:4:7: venue: mangler",
      "content/a.md:9:3: items[1].kind: skal være beslutning",
      "content/b.md:2:1: date: skal være en dato",
      "3 fejl fundet i 2 filer.",
    ]);
  });

  it("says that nothing was written, and why a stage failed", () => {
    expect(formatNothingWritten("_site")).toBe("Intet er skrevet: _site er som før.");
    expect(formatStageFailure("siderne kunne ikke laves: disken er fuld")).toBe("Bygningen mislykkedes, siderne kunne ikke laves: disken er fuld");
  });

  it("sums up an update, with each step's time when asked", () => {
    expect(formatUpdateSummary({ meetings: 1, pages: 7, ms: 212.4 })).toBe("Opdateret: 1 møde, 7 sider (212 ms).");
    expect(formatUpdateSummary({ meetings: 2, pages: 1, ms: 80 }, { indlæsning: 10.2, sider: 40.6 })).toBe(
      "Opdateret: 2 møder, 1 side (80 ms; indlæsning 10 ms, sider 41 ms).",
    );
  });
});
