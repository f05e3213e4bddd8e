// `referat check`: validates the content folder without building. It runs the build's own stages
// up to before rendering (src/build/stages.ts: load, then the CPR guard), so it reports exactly
// the problems `referat build` would stop at before it renders, in the same order. Prints every
// problem, one line each (`path:line:col: field: message`), then a count, and exits 1; or a short
// all-clear and 0. (The link check needs the rendered pages: only `build` and `serve` run it.)
import { stat } from "node:fs/promises";
import { cprStage, loadStage } from "../build/stages.ts";
import { displayPath } from "../report/display-path.ts";
import { formatProblemReport } from "../report/build.ts";
import { formatDuration } from "../report/progress.ts";
import { parseCommandArgs } from "./args.ts";

/** Runs `referat check` with the arguments after the command name; returns the exit status. */
export async function runCheck(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    content: { type: "string", default: "content" },
    debug: { type: "boolean", default: false },
  });
  const contentDir = values.content ?? "content";
  const info = await stat(contentDir).catch(() => undefined);
  if (!info?.isDirectory()) {
    process.stderr.write(`Mappen med indhold findes ikke: ${displayPath(contentDir)}. Angiv den med --content MAPPE.\n`);
    return 1;
  }
  const started = performance.now();
  const loaded = await loadStage(contentDir);
  const problems = loaded.ok ? (await cprStage(loaded.archive, loaded.scans)).problems : loaded.problems;
  if (values.debug) {
    process.stderr.write(`Indlæst på ${Math.round(performance.now() - started)} ms.\n`);
  }
  if (problems.length > 0) {
    process.stdout.write(`${formatProblemReport(problems).join("\n")}\n`);
    return 1;
  }
  if (!loaded.ok) return 1; // a failed load always has problems
  const { archive } = loaded;
  const meetings = archive.kommuner.reduce((sum, kommune) => sum + kommune.councils.reduce((n, council) => n + council.meetings.length, 0), 0);
  const kommuner = archive.kommuner.length;
  process.stdout.write(
    `Alt i orden: ${meetings} ${meetings === 1 ? "møde" : "møder"} i ${kommuner} ${kommuner === 1 ? "kommune" : "kommuner"} (${formatDuration(performance.now() - started)}).\n`,
  );
  return 0;
}
