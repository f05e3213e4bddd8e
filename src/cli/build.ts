// `referat build`: content in, a static site out. Exit 0 built; 1 content errors or a failed
// stage (the previous site stays as it was); 2 wrong usage.
import { isAbsolute, relative } from "node:path";
import { formatProblem, formatProblemCount, sortProblems } from "../report/problem.ts";
import { cleanUpOnSignals } from "../build/cleanup.ts";
import { outDirProblem } from "../build/out-dir.ts";
import { BuildStageError, buildSite, type BuildStats } from "../build/pipeline.ts";
import { createProgressReporter, formatDuration, progressMode } from "../build/progress.ts";
import { parseCommandArgs, UsageError } from "./args.ts";
import { parseBaseUrl } from "../data/links.ts";

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

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "Bygget: 2 kommuner, 3 råd, 12 møder, 30 sider i _site (4,2 s)." (without `ms`, no time). */
export function formatBuildSummary(stats: BuildStats, outDir: string, ms?: number): string {
  return (
    `Bygget: ${plural(stats.kommuner, "kommune", "kommuner")}, ${plural(stats.councils, "råd", "råd")}, ` +
    `${plural(stats.meetings, "møde", "møder")}, ${plural(stats.pages, "side", "sider")} i ${outDir}${ms === undefined ? "" : ` (${formatDuration(ms)})`}.`
  );
}

/** "Søgeindeks: 8 dele, 7 genbrugt fra cachen i node_modules/.cache/referatarkiv/search." */
export function formatSearchStats(stats: BuildStats): string {
  const search = stats.search;
  if (!search) return "";
  const parts = plural(search.parts, "del", "dele");
  if (!search.cacheDir) return `Søgeindeks: ${parts}, ingen cache.`;
  return `Søgeindeks: ${parts}, ${search.reused} genbrugt fra cachen i ${relativeOrAbsolute(search.cacheDir)}.`;
}

function relativeOrAbsolute(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

/** The stages of a build as the debug lines name them. */
const STAGES: [keyof BuildStats["timings"], string][] = [
  ["load", "indlæsning"],
  ["cpr", "CPR-tjek"],
  ["render", "sider"],
  ["copy", "filer"],
  ["search", "søgeindeks"],
  ["links", "linktjek"],
  ["swap", "flytning"],
];

/** "Tider: indlæsning 120 ms, CPR 4 ms, …" */
export function formatTimings(stats: BuildStats): string {
  const t = stats.timings;
  return `Tider: ${STAGES.map(([key, name]) => `${name} ${Math.round(t[key])} ms`).join(", ")}.`;
}

const MB = 1024 * 1024;
const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;

/**
 * "Hukommelse: indlæsning 412 MB (heap 301 MB, top 450 MB), …; højst 1020 MB.": after each stage
 * the process's resident set (all its threads), the main thread's V8 heap in use, and the highest
 * resident set sampled during the stage; last the process's highest resident set of all. Empty
 * when the build did not measure it.
 */
export function formatMemory(stats: BuildStats): string {
  const memory = stats.memory;
  if (!memory) return "";
  const parts = STAGES.flatMap(([key, name]) => {
    const m = memory.stages[key];
    return m ? [`${name} ${mb(m.rss)} (heap ${mb(m.heapUsed)}, top ${mb(m.peakRss)})`] : [];
  });
  return `Hukommelse: ${parts.join(", ")}; højst ${mb(memory.maxRss)}.`;
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
      const problems = sortProblems(result.problems);
      for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);
      process.stderr.write(`${formatProblemCount(problems)}\n`);
      process.stderr.write(`Intet er skrevet: ${options.outDir} er som før.\n`);
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
    process.stderr.write(`Bygningen mislykkedes, ${error.message}\n`);
    process.stderr.write(`Intet er skrevet: ${options.outDir} er som før.\n`);
    if (options.debug) process.stderr.write(`${(error.cause as Error)?.stack ?? error.stack ?? ""}\n`);
    else process.stderr.write("Kør igen med --debug for tekniske detaljer.\n");
    return 1;
  } finally {
    stopCleaningUp();
  }
}
