import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OPTIONS, parseOptions, ROOT, USAGE, wantsHelp } from "../../scripts/bench/options.ts";

describe("the benchmark's options", () => {
  it("defaults to the three sizes, both sides, search and watch measured, results written", () => {
    expect(parseOptions([])).toEqual({
      sizes: [1000, 10000, 50000],
      out: join(ROOT, "bench-out"),
      keep: false,
      seed: 1,
      query: "tandpleje",
      search: true,
      watch: true,
      profile: false,
      regen: false,
      watchTimeoutMs: 600_000,
      write: true,
      chartOnly: false,
      repeat: 1,
      nice: false,
    });
  });

  it("reads the documented options", () => {
    const options = parseOptions([
      "--sizes",
      "200,1000",
      "--only",
      "ours",
      "--no-search",
      "--no-watch",
      "--no-write",
      "--repeat",
      "3",
      "--part-size",
      "500",
      "--heap",
      "16384",
      "--nice",
    ]);
    expect(options).toMatchObject({
      sizes: [200, 1000],
      only: "ours",
      search: false,
      watch: false,
      write: false,
      repeat: 3,
      partSize: 500,
      heapMb: 16384,
      nice: true,
    });
  });

  it("stops on an unknown option, a bad side and a number that is not a whole number of at least 1", () => {
    expect(() => parseOptions(["--size", "1000"])).toThrow("Unknown option '--size'");
    expect(() => parseOptions(["--only", "begge"])).toThrow('--only must be "ours" or "baseline", not "begge"');
    expect(() => parseOptions(["--sizes", "1000,ti"])).toThrow('--sizes must be a whole number of at least 1, not "ti"');
    expect(() => parseOptions(["--repeat", "0"])).toThrow('--repeat must be a whole number of at least 1, not "0"');
  });

  it("names every option in the usage that --help and -h print", () => {
    for (const name of Object.keys(OPTIONS)) expect(USAGE).toContain(`--${name}`);
    expect(wantsHelp(["--sizes", "1000", "--help"])).toBe(true);
    expect(wantsHelp(["-h"])).toBe(true);
    expect(wantsHelp(["--sizes", "1000"])).toBe(false);
  });
});
