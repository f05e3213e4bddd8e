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

const OPTIONS = {
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
