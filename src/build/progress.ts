// What a build tells of its progress: the pipeline reports each stage's start and end and, while
// it renders, each meeting page (ProgressEvent) to an optional listener. How that is shown (a bar
// on a terminal, plain lines in CI) is the reporting layer's business: src/report/progress.ts.

/** The stages of a build, in order (the keys of BuildTimings). */
export const STAGE_ORDER = ["load", "cpr", "render", "copy", "search", "links", "swap"] as const;
export type ProgressStage = (typeof STAGE_ORDER)[number];

/**
 * One step of a build. `start` may carry the number of steps (`total`: meeting pages to render,
 * files to copy); `step` says how many are done; `end` carries what the stage made.
 */
export type ProgressEvent =
  | { stage: ProgressStage; phase: "start"; total?: number }
  | { stage: ProgressStage; phase: "step"; done: number; total: number }
  | { stage: ProgressStage; phase: "end"; result?: StageResult };

/** What a finished stage made, for its plain line. */
export interface StageResult {
  meetings?: number;
  kommuner?: number;
  pages?: number;
  files?: number;
  parts?: number;
  reused?: number;
}

export type ProgressListener = (event: ProgressEvent) => void;
