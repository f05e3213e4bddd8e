// The benchmark's command line (docs/performance.md, "Running the benchmark"), parsed with
// node:util's parseArgs: an unknown option or a missing value stops the benchmark before it runs.
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

export const ROOT = resolve(import.meta.dirname, "../..");

export interface Options {
  sizes: number[];
  only?: "ours" | "baseline";
  out: string;
  keep: boolean;
  seed: number;
  query: string;
  search: boolean;
  watch: boolean;
  profile: boolean;
  regen: boolean;
  watchTimeoutMs: number;
  write: boolean;
  /** --chart-only: redraw docs/bench-scaling.svg from docs/bench-results.json, run nothing. */
  chartOnly: boolean;
  /** --heap MB: run ours with NODE_OPTIONS=--max-old-space-size=MB, stored as `oursLargeHeap`. */
  heapMb?: number;
  /** --part-size N: run ours with REFERAT_SEARCH_PART_SIZE=N (meetings per search index part). */
  partSize?: number;
  /** --nice: run every build at a lower priority (nice -n 10), for a machine shared with other work. */
  nice: boolean;
  /** --repeat N: build each side N times (interleaved) and report the median time, the highest memory. */
  repeat: number;
}

export const OPTIONS = {
  sizes: { type: "string", default: "1000,10000,50000" },
  only: { type: "string" },
  out: { type: "string" },
  keep: { type: "boolean", default: false },
  seed: { type: "string", default: "1" },
  query: { type: "string", default: "tandpleje" },
  "no-search": { type: "boolean", default: false },
  "no-watch": { type: "boolean", default: false },
  profile: { type: "boolean", default: false },
  regen: { type: "boolean", default: false },
  "watch-timeout": { type: "string", default: "600" },
  "no-write": { type: "boolean", default: false },
  "chart-only": { type: "boolean", default: false },
  heap: { type: "string" },
  "part-size": { type: "string" },
  repeat: { type: "string", default: "1" },
  nice: { type: "boolean", default: false },
} as const;

/** What `npm run bench -- --help` prints: every option of OPTIONS (test/bench/options.test.ts checks that none is missing). */
export const USAGE = `npm run bench -- [options]   (docs/performance.md, "Running the benchmark")

Generates archives of the given sizes, builds each with referat and with the baseline (plain
Eleventy, then pagefind --site), and prints and records time, stages, memory and first search.

  --sizes N,N,...      archive sizes in meetings (default 1000,10000,50000)
  --only ours|baseline run one side only
  --out DIR            work folder (default bench-out/); archives are kept there as gen-N/
  --keep               keep the built sites in --out
  --seed N             the generator's seed (default 1)
  --query WORD         the word searched for (default tandpleje)
  --no-search          skip the first-search measurement in Chromium
  --no-watch           skip the npm start (saved change shows) measurement
  --watch-timeout S    how long to wait for a saved change to show (default 600)
  --profile            run our build under node --cpu-prof and store a summary
  --regen              generate the archive again even if a kept one matches
  --no-write           do not update docs/bench-results.json and docs/bench-scaling.svg
  --chart-only         redraw docs/bench-scaling.svg from docs/bench-results.json, run nothing
  --heap MB            run ours with NODE_OPTIONS=--max-old-space-size=MB
  --part-size N        run ours with REFERAT_SEARCH_PART_SIZE=N (meetings per search index part)
  --repeat N           build each side N times, taking turns; report medians and the highest memory
  --nice               run every build at a lower priority (nice -n 10)
  --help, -h           print this and run nothing
`;

/** Whether the arguments ask for the usage (--help or -h) rather than a run. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes("--help") || argv.includes("-h");
}

/** A whole number ≥ 1 from an option's text, or a clear error naming the option. */
function positiveInteger(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1, not "${text}"`);
  return n;
}

/** Parses the benchmark's arguments; throws on an unknown option or a bad value. */
export function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: false });
  const only = values.only;
  if (only !== undefined && only !== "ours" && only !== "baseline") throw new Error(`--only must be "ours" or "baseline", not "${only}"`);
  return {
    sizes: values.sizes.split(",").map((s) => positiveInteger("sizes", s.trim())),
    ...(only !== undefined ? { only } : {}),
    out: resolve(values.out ?? join(ROOT, "bench-out")),
    keep: values.keep,
    seed: positiveInteger("seed", values.seed),
    query: values.query,
    search: !values["no-search"],
    watch: !values["no-watch"],
    profile: values.profile,
    regen: values.regen,
    watchTimeoutMs: positiveInteger("watch-timeout", values["watch-timeout"]) * 1000,
    ...(values.heap !== undefined ? { heapMb: positiveInteger("heap", values.heap) } : {}),
    ...(values["part-size"] !== undefined ? { partSize: positiveInteger("part-size", values["part-size"]) } : {}),
    write: !values["no-write"],
    chartOnly: values["chart-only"],
    repeat: positiveInteger("repeat", values.repeat),
    nice: values.nice,
  };
}
