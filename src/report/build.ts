// What a finished build says: the summary line, and with --debug each stage's time and memory
// and the search index's parts. Used by `referat build` and `referat serve` alike.
import { isAbsolute, relative } from "node:path";
import type { BuildStats } from "../build/pipeline.ts";
import { formatProblem, formatProblemCount, sortProblems, type Problem } from "./problem.ts";
import { formatDuration } from "./progress.ts";

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

/**
 * "Sider: 12 af 10.000 mødesider lavet, 9.988 genbrugt fra cachen i node_modules/.cache/referatarkiv/pages.
 * Andre sider: 9 af 700 lavet, 691 genbrugt."
 */
export function formatRenderStats(stats: BuildStats): string {
  const render = stats.render;
  if (!render) return "";
  const number = (n: number) => n.toLocaleString("da-DK");
  const total = render.rendered + render.reused;
  const made = `Sider: ${number(render.rendered)} af ${number(total)} ${total === 1 ? "mødeside" : "mødesider"} lavet`;
  if (!render.cacheDir) return `${made}, ingen cache.`;
  const others = render.others
    ? ` Andre sider: ${number(render.others.rendered)} af ${number(render.others.rendered + render.others.reused)} lavet, ${number(render.others.reused)} genbrugt.`
    : "";
  return `${made}, ${number(render.reused)} genbrugt fra cachen i ${relativeOrAbsolute(render.cacheDir)}.${others}`;
}

/** "Åbne data: 1 af 10.000 møder lavet, 9.999 genbrugt fra cachen i node_modules/.cache/referatarkiv/data; 12 af 10.071 datafiler skrevet, 10.059 genbrugt." */
export function formatDataStats(stats: BuildStats): string {
  const data = stats.data;
  if (!data) return "";
  const number = (n: number) => n.toLocaleString("da-DK");
  const total = data.made + data.reused;
  const made = `Åbne data: ${number(data.made)} af ${number(total)} ${total === 1 ? "møde" : "møder"} lavet`;
  if (!data.cacheDir) return `${made}, ingen cache.`;
  const files = data.linked + data.written;
  return `${made}, ${number(data.reused)} genbrugt fra cachen i ${relativeOrAbsolute(data.cacheDir)}; ${number(data.written)} af ${number(files)} ${files === 1 ? "datafil" : "datafiler"} skrevet, ${number(data.linked)} genbrugt.`;
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

/** A failed build's report: every problem on its own line, sorted (`path:line:col: field: message`), then the count. */
export function formatProblemReport(problems: readonly Problem[]): string[] {
  const sorted = sortProblems(problems);
  return [...sorted.map(formatProblem), formatProblemCount(sorted)];
}

/** What a failed build or update leaves: "Intet er skrevet: _site er som før." */
export function formatNothingWritten(outDir: string): string {
  return `Intet er skrevet: ${outDir} er som før.`;
}

/** A stage that failed for a reason other than the content: "Bygningen mislykkedes, siderne kunne ikke laves: …". */
export function formatStageFailure(message: string): string {
  return `Bygningen mislykkedes, ${message}`;
}

/** What `referat serve` did with a saved change: "Opdateret: 1 møde, 7 sider (212 ms)." (with `steps`, each step's time). */
export function formatUpdateSummary(update: { meetings: number; pages: number; ms: number }, steps?: Readonly<Record<string, number>>): string {
  const stepText = steps
    ? `; ${Object.entries(steps)
        .map(([name, ms]) => `${name} ${Math.round(ms)} ms`)
        .join(", ")}`
    : "";
  return `Opdateret: ${plural(update.meetings, "møde", "møder")}, ${plural(update.pages, "side", "sider")} (${Math.round(update.ms)} ms${stepText}).`;
}
