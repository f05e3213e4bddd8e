// What the benchmark measures, as docs/bench-results.json keeps it, and how its figures are printed.
import type { GenerateResult } from "./generate.ts";
import type { SearchTransfer } from "./search-transfer.ts";

export interface StageTimes {
  [stage: string]: number;
}

export interface SystemResult {
  ok: boolean;
  error?: string;
  /** Ours with --part-size: the search index part size it was built with. */
  searchPartSize?: number;
  /** Wall time of the whole build in ms (ours: the CLI process; baseline: eleventy + pagefind). */
  totalMs: number;
  /** Per-stage wall time in ms. */
  stages: StageTimes;
  /** The stage compared against plain Eleventy's run (ours: render; baseline: eleventy). */
  renderMs: number;
  peakRssBytes: number;
  /** Peak RSS per command name in the tree (node, pagefind_extend …), each at its own peak. */
  peakByCommand?: Record<string, number>;
  meetingsPerSecond: number;
  outputBytes: number;
  outputFiles: number;
  indexBytes: number;
  indexFiles: number;
  /** Largest single municipality index (ours builds one per municipality). */
  largestIndexBytes?: number;
  perKommuneIndexBytes?: Record<string, number>;
  search?: SearchTransfer & { site: string };
  portalSearch?: SearchTransfer & { site: string };
  /**
   * Ours: the same build again after one meeting changed (the newest meeting of the largest
   * municipality, as a secretary's next commit), into the same folder with the search-index cache
   * the first build filled (src/search/cache.ts).
   */
  rebuild?:
    { meeting: string; totalMs: number; stages: StageTimes; peakRssBytes: number; searchParts?: number; reusedParts?: number; error?: string } | undefined;
  /** With --repeat: every build's figures; the ones above are the medians (time) and the highest (memory). */
  repeats?: { totalMs: number; stages: StageTimes; renderMs: number; peakRssBytes: number }[];
  /** Ours: the municipality-only build used for the search measurement. */
  kommuneBuild?: { kommune: string; meetings: number; totalMs: number; peakRssBytes: number; stages: StageTimes; indexBytes: number; outputBytes: number };
}

export interface SizeResult {
  meetings: number;
  generated: Omit<GenerateResult, "councils">;
  ours?: SystemResult;
  /** Ours again with a larger V8 heap (--heap), to see whether the build completes at all. */
  oursLargeHeap?: SystemResult & { nodeOptions: string };
  baseline?: SystemResult;
  /** The baseline's Eleventy again with a larger V8 heap (--heap). */
  baselineLargeHeap?: SystemResult & { nodeOptions: string };
  /** ok: measured; msToChange absent with ok true means it did not show within the time limit. */
  watch?: { ok: boolean; note: string; msToChange?: number; startupMs?: number; timedOut?: boolean; limitMs?: number } | undefined;
  profile?: unknown;
  measuredAt: string;
}

export interface ResultsFile {
  machine: { cpus: number; memoryGB: number; node: string; platform: string };
  runs: Record<string, SizeResult>;
}

export const MB = 1024 * 1024;
export const fmtMs = (ms: number) => (ms >= 60_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`);
export const fmtMB = (b: number) => (b >= 1024 * MB ? `${(b / 1024 / MB).toFixed(2)} GB` : `${(b / MB).toFixed(0)} MB`);
export const fmtKB = (b: number) => `${(b / 1024).toFixed(0)} KB`;
