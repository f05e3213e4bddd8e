// Our build's figures, from the JSON report `referat build --json FILE` writes (src/report/json.ts):
// the benchmark reads numbers, never the Danish --debug lines.
import { existsSync, readFileSync, rmSync } from "node:fs";
import type { BuildReport, FailedBuildReport } from "../../src/report/json.ts";
import type { StageTimes } from "./results.ts";

/** The arguments that make `referat build` write its report to `file`. */
export function reportArgs(file: string): string[] {
  return ["--json", file];
}

/** Reads and removes the report a build wrote; undefined when it wrote none (it crashed first). */
export function takeBuildReport(file: string): BuildReport | FailedBuildReport | undefined {
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, "utf8")) as BuildReport | FailedBuildReport;
  rmSync(file, { force: true });
  if (report.version !== 1) throw new Error(`${file}: a build report of version ${String(report.version)}, the benchmark reads version 1`);
  return report;
}

/** Each stage's wall time in ms, in the build's order; none for a failed build. */
export function stageTimes(report: BuildReport | FailedBuildReport | undefined): StageTimes {
  if (!report?.ok) return {};
  return Object.fromEntries(Object.entries(report.stages).map(([stage, figures]) => [stage, figures.ms]));
}

/** The search index's parts and how many came from the cache, where the build made an index. */
export function searchParts(report: BuildReport | FailedBuildReport | undefined): { searchParts: number; reusedParts: number } | undefined {
  return report?.ok && report.search ? { searchParts: report.search.parts, reusedParts: report.search.reused } : undefined;
}
