// `referat check`: validates the content folder without building. Prints every problem, one line
// each (`path:line:col: field: message`), then a count, and exits 1; or a short all-clear and 0.
import { stat } from "node:fs/promises";
import { loadArchive } from "../content/load.ts";
import { displayPath } from "../report/display-path.ts";
import { formatProblemReport } from "../report/build.ts";
import { formatDuration } from "../report/progress.ts";
import { findCprNumbers } from "../trust/cpr.ts";
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
  const { archive, problems } = await loadArchive(contentDir);
  problems.push(...(await findCprNumbers(archive)));
  if (values.debug) {
    process.stderr.write(`Indlæst på ${Math.round(performance.now() - started)} ms.\n`);
  }
  if (problems.length > 0) {
    process.stdout.write(`${formatProblemReport(problems).join("\n")}\n`);
    return 1;
  }
  const meetings = archive.kommuner.reduce((sum, kommune) => sum + kommune.councils.reduce((n, council) => n + council.meetings.length, 0), 0);
  const kommuner = archive.kommuner.length;
  process.stdout.write(
    `Alt i orden: ${meetings} ${meetings === 1 ? "møde" : "møder"} i ${kommuner} ${kommuner === 1 ? "kommune" : "kommuner"} (${formatDuration(performance.now() - started)}).\n`,
  );
  return 0;
}
