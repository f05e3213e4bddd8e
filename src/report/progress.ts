// What a build shows while it runs. The pipeline reports each stage's start and end and, while
// it renders, each meeting page (ProgressEvent, src/build/progress.ts); a reporter turns that into
// output (the CLI and `referat serve` both use it):
// - "bar" (stderr is a terminal, not CI): one line, rewritten in place, with the stage and, for
//   the pages, a bar and a count; shown only once the build has run for a second, so a small
//   build prints nothing but its summary; wiped before anything else is printed.
// - "plain" (CI is set: GitHub Actions, GitLab CI and most others set CI=true): one plain line per
//   finished stage and, for a large site, the pages at every tenth; no carriage returns, no ANSI.
// - "off" (output piped or redirected outside CI): nothing; the summary line says the rest.
// Hand-written rather than a progress-bar package: one line and a bar are a few lines of code.

import { STAGE_ORDER, type ProgressListener, type ProgressStage, type StageResult } from "../build/progress.ts";

export type ProgressMode = "bar" | "plain" | "off";

/** Whether the environment says it is a CI run (CI=true, CI=1, …; not CI=false or CI=0 or empty). */
export function isCi(env: NodeJS.ProcessEnv): boolean {
  const value = (env.CI ?? "").trim().toLowerCase();
  return value !== "" && value !== "false" && value !== "0";
}

/** Which output suits where the build's messages go. */
export function progressMode(env: NodeJS.ProcessEnv, stream: { isTTY?: boolean }): ProgressMode {
  if (isCi(env)) return "plain";
  if (stream.isTTY && env.TERM !== "dumb") return "bar";
  return "off";
}

const STAGE_NAMES: Record<ProgressStage, string> = {
  load: "Læser indholdet",
  cpr: "Tjekker for CPR-numre",
  render: "Laver siderne",
  copy: "Kopierer bilag og filer",
  search: "Laver søgeindekset",
  links: "Tjekker links",
  swap: "Lægger sitet på plads",
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The plain line for a finished stage. */
export function stageLine(stage: ProgressStage, result: StageResult = {}): string {
  const step = `[${STAGE_ORDER.indexOf(stage) + 1}/${STAGE_ORDER.length}]`;
  switch (stage) {
    case "load":
      return `${step} Indholdet er læst: ${plural(result.meetings ?? 0, "møde", "møder")} i ${plural(result.kommuner ?? 0, "kommune", "kommuner")}.`;
    case "cpr":
      return `${step} Ingen CPR-numre fundet.`;
    case "render":
      return `${step} Siderne er lavet: ${plural(result.pages ?? 0, "side", "sider")}.`;
    case "copy":
      return `${step} Bilag og filer er kopieret: ${plural(result.files ?? 0, "fil", "filer")}.`;
    case "search": {
      const parts = plural(result.parts ?? 0, "del", "dele");
      return `${step} Søgeindekset er lavet: ${parts}${result.reused ? `, ${result.reused} genbrugt fra cachen` : ""}.`;
    }
    case "links":
      return `${step} Alle links virker.`;
    case "swap":
      return `${step} Sitet er lagt på plads.`;
  }
}

/** The plain line for pages rendered so far (a large site, every tenth). */
export function pagesLine(done: number, total: number): string {
  return `[3/${STAGE_ORDER.length}] Siderne: ${done} af ${total} møder.`;
}

/** "[██████░░░░░░░░░░] " for done of total, `width` cells wide. */
export function bar(done: number, total: number, width = 24): string {
  const filled = total > 0 ? Math.min(width, Math.round((done / total) * width)) : 0;
  return `[${"█".repeat(filled)}${"░".repeat(width - filled)}]`;
}

/** A build's time in Danish: "0,4 s", "12,3 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(Math.round(ms / 100) / 10).toFixed(1).replace(".", ",")} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/** How long a build runs before the bar appears, and how often it is redrawn. */
const BAR_DELAY_MS = 1000;
const BAR_INTERVAL_MS = 100;
/** A site with fewer meeting pages than this gets no page counts in plain mode. */
const PLAIN_PAGES_FROM = 1000;

export interface ProgressReporter {
  readonly listener: ProgressListener;
  /** Wipes the bar (if shown): call before printing anything else. */
  finish(): void;
}

/** A reporter writing to `write` (the CLI: stderr) in `mode`. */
export function createProgressReporter(mode: ProgressMode, write: (text: string) => void, clock: () => number = () => performance.now()): ProgressReporter {
  const began = clock();
  if (mode === "off") return { listener: () => {}, finish: () => {} };

  if (mode === "plain") {
    let nextTenth = 1;
    return {
      listener: (event) => {
        if (event.phase === "start" && event.stage === "render") nextTenth = 1;
        if (event.phase === "step" && event.total >= PLAIN_PAGES_FROM && event.done < event.total && event.done >= (event.total * nextTenth) / 10) {
          nextTenth = Math.floor((event.done * 10) / event.total) + 1;
          write(`${pagesLine(event.done, event.total)}\n`);
        }
        if (event.phase === "end") write(`${stageLine(event.stage, event.result)}\n`);
      },
      finish: () => {},
    };
  }

  let shown = false;
  let lastText = "";
  let lastDraw = -Infinity;
  let stage: ProgressStage = "load";
  let counts: { done: number; total: number } | undefined;
  const draw = (force: boolean) => {
    const now = clock();
    if (now - began < BAR_DELAY_MS) return;
    if (!force && now - lastDraw < BAR_INTERVAL_MS) return;
    lastDraw = now;
    const step = `[${STAGE_ORDER.indexOf(stage) + 1}/${STAGE_ORDER.length}]`;
    const count = counts && counts.total > 0 ? ` ${bar(counts.done, counts.total)} ${counts.done}/${counts.total}` : " …";
    const text = `${step} ${STAGE_NAMES[stage]}${count} (${Math.floor((now - began) / 1000)} s)`;
    if (text === lastText) return;
    lastText = text;
    write(`\r\x1b[2K${text}`);
    shown = true;
  };
  // A long stage without steps (the search index) still shows, and its elapsed time moves.
  const timer = setInterval(() => draw(false), BAR_INTERVAL_MS);
  timer.unref();
  return {
    listener: (event) => {
      if (event.phase === "start") {
        stage = event.stage;
        counts = event.total ? { done: 0, total: event.total } : undefined;
        draw(true);
      } else if (event.phase === "step") {
        counts = { done: event.done, total: event.total };
        draw(event.done === event.total);
      }
    },
    finish: () => {
      clearInterval(timer);
      if (shown) write("\r\x1b[2K");
      shown = false;
    },
  };
}
