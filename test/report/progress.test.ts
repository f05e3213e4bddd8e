import { rm } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURE_CONTENT, runCli, tempDir } from "../build/helpers.ts";
import type { ProgressEvent } from "../../src/build/progress.ts";
import { bar, createProgressReporter, formatDuration, isCi, progressMode } from "../../src/report/progress.ts";

/** A build's events as the pipeline sends them, with `pages` meeting pages. */
function events(pages: number): ProgressEvent[] {
  return [
    { stage: "load", phase: "start" },
    { stage: "load", phase: "end", result: { meetings: pages, kommuner: 2 } },
    { stage: "cpr", phase: "start" },
    { stage: "cpr", phase: "end" },
    { stage: "render", phase: "start", total: pages },
    ...Array.from({ length: pages }, (_, i): ProgressEvent => ({ stage: "render", phase: "step", done: i + 1, total: pages })),
    { stage: "render", phase: "end", result: { pages: pages + 9 } },
    { stage: "copy", phase: "start", total: 3 },
    { stage: "copy", phase: "end", result: { files: 3 } },
    { stage: "search", phase: "start" },
    { stage: "search", phase: "end", result: { parts: 2, reused: 1 } },
    { stage: "links", phase: "start" },
    { stage: "links", phase: "end" },
    { stage: "swap", phase: "start" },
    { stage: "swap", phase: "end" },
  ];
}

function run(mode: "plain" | "bar" | "off", list: ProgressEvent[], clock = () => 0): string {
  let out = "";
  const reporter = createProgressReporter(mode, (text) => (out += text), clock);
  for (const event of list) reporter.listener(event);
  reporter.finish();
  return out;
}

describe("progress output", () => {
  it("is plain in CI, a bar on a terminal, and nothing when piped", () => {
    expect(progressMode({ CI: "true" }, { isTTY: true })).toBe("plain");
    expect(progressMode({ CI: "1" }, {})).toBe("plain");
    expect(progressMode({}, { isTTY: true })).toBe("bar");
    expect(progressMode({ CI: "false" }, { isTTY: true })).toBe("bar");
    expect(progressMode({ TERM: "dumb" }, { isTTY: true })).toBe("off");
    expect(progressMode({}, { isTTY: false })).toBe("off");
    expect(isCi({ CI: "" })).toBe(false);
    expect(isCi({ CI: "0" })).toBe(false);
  });

  it("prints one plain line per stage in CI", () => {
    expect(run("plain", events(4)).split("\n")).toEqual([
      "[1/7] Indholdet er læst: 4 møder i 2 kommuner.",
      "[2/7] Ingen CPR-numre fundet.",
      "[3/7] Siderne er lavet: 13 sider.",
      "[4/7] Bilag og filer er kopieret: 3 filer.",
      "[5/7] Søgeindekset er lavet: 2 dele, 1 genbrugt fra cachen.",
      "[6/7] Alle links virker.",
      "[7/7] Sitet er lagt på plads.",
      "",
    ]);
  });

  it("counts a large site's pages at every tenth in CI, without carriage returns or ANSI", () => {
    const out = run("plain", events(2000));
    const pages = out.split("\n").filter((line) => line.startsWith("[3/7] Siderne:"));
    expect(pages).toEqual([200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800].map((n) => `[3/7] Siderne: ${n} af 2000 møder.`));
    expect(out).not.toMatch(/[\r\x1b]/);
  });

  it("shows nothing on a terminal for a build shorter than a second", () => {
    expect(run("bar", events(4), () => 500)).toBe("");
  });

  it("draws one line in place on a terminal once the build runs long, and wipes it at the end", () => {
    let now = 0;
    const clock = () => now;
    let out = "";
    const reporter = createProgressReporter("bar", (text) => (out += text), clock);
    reporter.listener({ stage: "load", phase: "start" });
    now = 1500;
    reporter.listener({ stage: "render", phase: "start", total: 8 });
    now = 1700;
    reporter.listener({ stage: "render", phase: "step", done: 4, total: 8 });
    now = 2100;
    reporter.listener({ stage: "search", phase: "start" });
    reporter.finish();
    expect(out).toBe(
      "\r\x1b[2K[3/7] Laver siderne [░░░░░░░░░░░░░░░░░░░░░░░░] 0/8 (1 s)" +
        "\r\x1b[2K[3/7] Laver siderne [████████████░░░░░░░░░░░░] 4/8 (1 s)" +
        "\r\x1b[2K[5/7] Laver søgeindekset … (2 s)" +
        "\r\x1b[2K",
    );
  });

  it("writes nothing when off", () => {
    expect(run("off", events(4))).toBe("");
  });

  it("formats a time in Danish", () => {
    expect(formatDuration(420)).toBe("0,4 s");
    expect(formatDuration(12_345)).toBe("12,3 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
    expect(bar(1, 4, 8)).toBe("[██░░░░░░]");
  });
});

describe("referat build's output in CI", () => {
  it("is one plain line per stage on stderr, then one summary line with the time on stdout", async () => {
    const work = await tempDir("progress");
    try {
      const result = await runCli(["build", "--content", FIXTURE_CONTENT, "--out", join(work, "site")], { CI: "true", REFERAT_CACHE_DIR: "off" });
      expect(result.code).toBe(0);
      expect(result.stderr).toBe(
        [
          "[1/7] Indholdet er læst: 4 møder i 2 kommuner.",
          "[2/7] Ingen CPR-numre fundet.",
          "[3/7] Siderne er lavet: 12 sider.",
          "[4/7] Bilag og filer er kopieret: 2 filer.",
          "[5/7] Søgeindekset er lavet: 2 dele.",
          "[6/7] Alle links virker.",
          "[7/7] Sitet er lagt på plads.",
          "",
        ].join("\n"),
      );
      expect(result.stdout.replace(/\(\d+,\d s\)/, "(<tid>)")).toBe(`Bygget: 2 kommuner, 2 råd, 4 møder, 12 sider i ${join(work, "site")} (<tid>).\n`);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
