// `referat build`: content in, a static site out. Exit 0 built; 1 content errors or a failed
// stage (the previous site stays as it was); 2 wrong usage.
import { cleanUpOnSignals } from "../build/cleanup.ts";
import { outDirProblem } from "../build/out-dir.ts";
import { BuildStageError, buildSite } from "../build/pipeline.ts";
import { formatBuildSummary, formatMemory, formatNothingWritten, formatProblemReport, formatSearchStats, formatStageFailure, formatTimings } from "../report/build.ts";
import { createProgressReporter, progressMode } from "../report/progress.ts";
import { parseCommandArgs, UsageError } from "./args.ts";
import { parseBaseUrl } from "../data/urls.ts";

export const BUILD_OPTIONS = {
  content: { type: "string", default: "content" },
  out: { type: "string", default: "_site" },
  kommune: { type: "string" },
  "path-prefix": { type: "string" },
  "base-url": { type: "string" },
  debug: { type: "boolean", default: false },
} as const;

/** The options of a build as the command line gave them. */
export interface BuildCommandOptions {
  contentDir: string;
  outDir: string;
  kommune?: string;
  pathPrefix?: string;
  /** `--base-url`: the site's public address (its path, if any, is the path prefix). */
  baseUrl?: string;
  debug: boolean;
}

/** Parses `referat build` arguments; throws UsageError on wrong usage. */
export function parseBuildArgs(args: string[]): BuildCommandOptions {
  const { values } = parseCommandArgs(args, BUILD_OPTIONS);
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
  // The output folder is replaced as a whole: never the content, the sources, the working tree, home or /.
  const outProblem = outDirProblem(values.out, values.content);
  if (outProblem) throw new UsageError(`${outProblem}.`);
  return {
    contentDir: values.content,
    outDir: values.out,
    ...(kommune !== undefined ? { kommune } : {}),
    ...(pathPrefix !== undefined ? { pathPrefix } : {}),
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    debug: values.debug,
  };
}

/** Runs `referat build` and returns the exit status. */
export async function runBuild(args: string[]): Promise<number> {
  const options = parseBuildArgs(args);
  const started = performance.now();
  const progress = createProgressReporter(progressMode(process.env, process.stderr), (text) => process.stderr.write(text));
  // Ctrl+C or a SIGTERM: the temporary folders go, Pagefind is ended, exit 130 or 143.
  const stopCleaningUp = cleanUpOnSignals((line) => process.stderr.write(line));
  try {
    const result = await buildSite({ ...options, onProgress: progress.listener });
    progress.finish();
    if (!result.ok) {
      for (const line of formatProblemReport(result.problems)) process.stderr.write(`${line}\n`);
      process.stderr.write(`${formatNothingWritten(options.outDir)}\n`);
      return 1;
    }
    process.stdout.write(`${formatBuildSummary(result.stats, options.outDir, performance.now() - started)}\n`);
    if (options.debug) {
      process.stdout.write(`${formatTimings(result.stats)}\n`);
      const memory = formatMemory(result.stats);
      if (memory) process.stdout.write(`${memory}\n`);
      const search = formatSearchStats(result.stats);
      if (search) process.stdout.write(`${search}\n`);
    }
    return 0;
  } catch (error) {
    progress.finish();
    if (!(error instanceof BuildStageError)) throw error;
    process.stderr.write(`${formatStageFailure(error.message)}\n`);
    process.stderr.write(`${formatNothingWritten(options.outDir)}\n`);
    if (options.debug) process.stderr.write(`${(error.cause as Error)?.stack ?? error.stack ?? ""}\n`);
    else process.stderr.write("Kør igen med --debug for tekniske detaljer.\n");
    return 1;
  } finally {
    stopCleaningUp();
  }
}
