// `referat build`: content in, a static site out. Exit 0 built; 1 content errors or a failed
// stage (the previous site stays as it was); 2 wrong usage.
import { statSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import { cleanUpOnSignals } from "../build/cleanup.ts";
import { outDirProblem } from "../build/out-dir.ts";
import { BuildStageError, buildSite } from "../build/pipeline.ts";
import {
  formatBuildSummary,
  formatMemory,
  formatNothingWritten,
  formatProblemReport,
  formatRenderStats,
  formatDataStats,
  formatSearchStats,
  formatStageFailure,
  formatTimings,
} from "../report/build.ts";
import { createProgressReporter, progressMode } from "../report/progress.ts";
import { parseCommandArgs, UsageError } from "./args.ts";
import { parseBaseUrl } from "../data/urls.ts";
import { buildReport, failedBuildReport, type BuildReport, type FailedBuildReport } from "../report/json.ts";

export const BUILD_OPTIONS = {
  content: { type: "string", default: "content" },
  out: { type: "string", default: "_site" },
  kommune: { type: "string" },
  "path-prefix": { type: "string" },
  "base-url": { type: "string" },
  templates: { type: "string" },
  debug: { type: "boolean", default: false },
  json: { type: "string" },
} as const;

/** `--json` with no file after it: the report goes to standard output. */
const JSON_TO_STDOUT = "-";

/** The options of a build as the command line gave them. */
export interface BuildCommandOptions {
  contentDir: string;
  outDir: string;
  kommune?: string;
  pathPrefix?: string;
  /** `--base-url`: the site's public address (its path, if any, is the path prefix). */
  baseUrl?: string;
  /** `--templates DIR`: a web team's own templates, beside and instead of ours (docs/templates.md). */
  templates?: string;
  debug: boolean;
  /** `--json [FILE]`: write the build's JSON report to FILE, or with no file to stdout (`-`). */
  json?: string;
}

/** Parses `referat build` arguments; throws UsageError on wrong usage. */
export function parseBuildArgs(args: string[]): BuildCommandOptions {
  const { values } = parseCommandArgs(args.flatMap(bareJsonToStdout), BUILD_OPTIONS);
  const kommune = values.kommune;
  if (kommune !== undefined && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(kommune)) {
    throw new UsageError(`--kommune skal være en kommunes slug som gladsaxe, men er "${kommune}".`);
  }
  const prefix = values["path-prefix"];
  if (prefix !== undefined && (/[\s?#\\]/.test(prefix) || /^[a-z][a-z0-9+.-]*:/i.test(prefix) || prefix.startsWith("//"))) {
    throw new UsageError(`--path-prefix skal være en sti som /referater/, men er "${prefix}".`);
  }
  if (values.content === "" || values.out === "") throw new UsageError("--content og --out skal være mapper.");
  let pathPrefix = prefix;
  const baseUrl = values["base-url"];
  if (baseUrl !== undefined) {
    const parsed = parseBaseUrl(baseUrl, prefix);
    if (!parsed.ok) throw new UsageError(`--base-url ${parsed.message}.`);
    pathPrefix ??= parsed.pathPrefix;
  }
  const templates = values.templates;
  if (templates !== undefined && !isFolder(templates))
    throw new UsageError(`--templates skal være en mappe med webholdets skabeloner, men "${templates}" er ikke en mappe.`);
  // The output folder is replaced as a whole: never the content, the sources, the working tree, home or /.
  const outProblem = outDirProblem(values.out, values.content);
  if (outProblem) throw new UsageError(`${outProblem}.`);
  return {
    contentDir: values.content,
    outDir: values.out,
    ...(kommune !== undefined ? { kommune } : {}),
    ...(pathPrefix !== undefined ? { pathPrefix } : {}),
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(templates !== undefined ? { templates } : {}),
    debug: values.debug,
    ...(values.json !== undefined ? { json: values.json } : {}),
  };
}

function isFolder(path: string): boolean {
  try {
    return path !== "" && statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** `--json` is the one option whose value is optional: `--json` alone, or before another option, means stdout. */
function bareJsonToStdout(arg: string, i: number, args: string[]): string[] {
  if (arg !== "--json") return [arg];
  const next = args[i + 1];
  return next === undefined || next.startsWith("--") ? [`--json=${JSON_TO_STDOUT}`] : [arg];
}

/** Runs `referat build` and returns the exit status. */
export async function runBuild(args: string[]): Promise<number> {
  const options = parseBuildArgs(args);
  const started = performance.now();
  const progress = createProgressReporter(progressMode(process.env, process.stderr), (text) => process.stderr.write(text));
  // Ctrl+C or a SIGTERM: the temporary folders go, Pagefind is ended, exit 130 or 143.
  const stopCleaningUp = cleanUpOnSignals((line) => process.stderr.write(line));
  try {
    const { json, ...buildOptions } = options;
    const result = await buildSite({ ...buildOptions, onProgress: progress.listener });
    progress.finish();
    if (!result.ok) {
      for (const line of formatProblemReport(result.problems)) process.stderr.write(`${line}\n`);
      process.stderr.write(`${formatNothingWritten(options.outDir)}\n`);
      if (json !== undefined) await writeReport(json, failedBuildReport(options.outDir, performance.now() - started, result.problems));
      return 1;
    }
    const totalMs = performance.now() - started;
    // With the report on stdout, stdout is the JSON alone: the summary line goes to stderr.
    const human = json === JSON_TO_STDOUT ? process.stderr : process.stdout;
    human.write(`${formatBuildSummary(result.stats, options.outDir, totalMs)}\n`);
    if (json !== undefined) await writeReport(json, buildReport(result.stats, options.outDir, totalMs));
    if (options.debug) {
      human.write(`${formatTimings(result.stats)}\n`);
      const memory = formatMemory(result.stats);
      if (memory) human.write(`${memory}\n`);
      const search = formatSearchStats(result.stats);
      if (search)
        human.write(`${search}
`);
      const render = formatRenderStats(result.stats);
      if (render)
        human.write(`${render}
`);
      const data = formatDataStats(result.stats);
      if (data) human.write(`${data}\n`);
    }
    return 0;
  } catch (error) {
    progress.finish();
    if (!(error instanceof BuildStageError)) throw error;
    process.stderr.write(`${formatStageFailure(error.message)}\n`);
    process.stderr.write(`${formatNothingWritten(options.outDir)}\n`);
    if (options.json !== undefined)
      await writeReport(options.json, failedBuildReport(options.outDir, performance.now() - started, [], formatStageFailure(error.message)));
    if (options.debug) process.stderr.write(`${(error.cause as Error)?.stack ?? error.stack ?? ""}\n`);
    else process.stderr.write("Kør igen med --debug for tekniske detaljer.\n");
    return 1;
  } finally {
    stopCleaningUp();
  }
}

/** Writes the JSON report to stdout (`-`) or to a file (whole, through a temporary file beside it). */
async function writeReport(target: string, report: BuildReport | FailedBuildReport): Promise<void> {
  const text = `${JSON.stringify(report, null, 2)}\n`;
  if (target === JSON_TO_STDOUT) {
    process.stdout.write(text);
    return;
  }
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, target);
}
