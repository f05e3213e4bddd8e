import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBuildArgs } from "../../src/cli/build.ts";
import type { BuildReport, FailedBuildReport } from "../../src/report/json.ts";
import { FIXTURE_CONTENT, ROOT, runCli, tempDir } from "../build/helpers.ts";

describe("referat build --json", () => {
  it("reads --json alone, before another option or last, as standard output, and --json FILE as that file", () => {
    expect(parseBuildArgs(["--json"]).json).toBe("-");
    expect(parseBuildArgs(["--json", "--debug"])).toMatchObject({ json: "-", debug: true });
    expect(parseBuildArgs(["--json", "rapport.json", "--debug"]).json).toBe("rapport.json");
    expect(parseBuildArgs(["--json=rapport.json"]).json).toBe("rapport.json");
    expect(parseBuildArgs([]).json).toBeUndefined();
  });

  it("prints the build's counts, stage times, memory and search parts as JSON on stdout, and the summary on stderr", async () => {
    const out = join(await tempDir("json-report"), "site");
    const result = await runCli(["build", "--content", FIXTURE_CONTENT, "--out", out, "--json"]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as BuildReport;
    expect(result.stderr).toContain(`Bygget: ${report.counts.kommuner} kommuner, `);
    expect(result.stderr).toContain(`${report.counts.meetings} møder, ${report.counts.pages} sider i ${out}`);
    expect(report).toMatchObject({ version: 1, ok: true, outDir: out });
    expect(Object.keys(report.stages)).toEqual(["load", "cpr", "render", "copy", "search", "links", "swap"]);
    for (const stage of Object.values(report.stages)) expect(stage.ms).toBeGreaterThanOrEqual(0);
    expect(report.stages.render.peakRssBytes).toBeGreaterThan(0);
    expect(report.peakRssBytes).toBeGreaterThanOrEqual(report.stages.render.peakRssBytes!);
    expect(report.search?.parts).toBeGreaterThan(0);
    expect(report.search?.reused).toBeLessThanOrEqual(report.search!.parts);
  });

  it("reports the meeting pages and the other pages rendered and taken from the render cache, and the cache folder", async () => {
    const work = await tempDir("json-report-render");
    const env = { REFERAT_CACHE_DIR: join(work, "cache"), REFERAT_CACHE_SECRET: "a secret of at least sixteen bytes" };
    const first = await runCli(["build", "--content", FIXTURE_CONTENT, "--out", join(work, "site"), "--json"], env);
    expect(first.code).toBe(0);
    const cold = JSON.parse(first.stdout) as BuildReport;
    const others = cold.render?.others?.rendered ?? 0;
    expect(others).toBeGreaterThan(0);
    expect(cold.render).toEqual({ rendered: cold.counts.meetings, reused: 0, others: { rendered: others, reused: 0 }, cacheDir: join(work, "cache", "pages") });
    const second = await runCli(["build", "--content", FIXTURE_CONTENT, "--out", join(work, "site"), "--json"], env);
    expect(second.code).toBe(0);
    const warm = JSON.parse(second.stdout) as BuildReport;
    expect(warm.render).toEqual({ rendered: 0, reused: warm.counts.meetings, others: { rendered: 0, reused: others }, cacheDir: join(work, "cache", "pages") });
  });

  it("writes the problems of a build that publishes nothing to the file --json names", async () => {
    const work = await tempDir("json-report-failed");
    const file = join(work, "rapport.json");
    const result = await runCli(["build", "--content", join(ROOT, "test/fixtures/content/date-mismatch"), "--out", join(work, "site"), "--json", file]);
    expect(result.code).toBe(1);
    const report = JSON.parse(await readFile(file, "utf8")) as FailedBuildReport;
    expect(report).toMatchObject({ version: 1, ok: false, outDir: join(work, "site") });
    expect(report.problems.length).toBeGreaterThan(0);
    for (const problem of report.problems) expect(result.stderr).toContain(`${problem.text}\n`);
    expect(report.problems[0]!.text).toBe(
      `${report.problems[0]!.file}:${report.problems[0]!.line}:${report.problems[0]!.col}: ${report.problems[0]!.field}: ${report.problems[0]!.message}`,
    );
  });
});
