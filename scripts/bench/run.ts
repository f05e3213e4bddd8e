// `npm run bench`: the performance benchmark (docs/performance.md).
//
//   npm run bench -- [--sizes 1000,10000,50000] [--only ours|baseline] [--out bench-out] [--keep]
//                    [--seed 1] [--query tandpleje] [--no-search] [--no-watch] [--profile]
//                    [--regen] [--no-write] [--watch-timeout SECONDS] [--chart-only] [--heap MB]
//                    [--part-size N] [--repeat N] [--nice]
//
// For each size: generate a synthetic archive (scripts/bench/generate.ts; reused when unchanged),
// then build it with ours (`node bin/referat.js build --json FILE`, a subprocess whose figures come
// from that report: build-report.ts), again after one changed meeting with the cache kept, and with the baseline
// (plain Eleventy 3 with one layout, then `pagefind --site`), measuring wall time per stage, peak RSS
// of the whole process tree, output and index size, and the bytes a browser transfers for a first
// search. Prints a table per size, the ratios ours/baseline and PASS/FAIL per target; writes
// docs/bench-results.json (merged with earlier sizes) and docs/bench-scaling.svg.
// Options: options.ts; result shapes: results.ts; the table, targets and chart: report.ts.
// Runs are strictly one at a time, at normal priority (`--nice` lowers it, for a shared machine),
// each started once the disks have settled from the one before (measure.ts, settleDisk).
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, utimesSync } from "node:fs";
import { basename, join } from "node:path";
import { GENERATOR_VERSION, generateArchive, type GenerateResult } from "./generate.ts";
import { duSize, run, setNiceDefault, setSettleDefault, type RunResult } from "./measure.ts";
import { measureFirstSearch } from "./search-transfer.ts";
import { summariseProfiles } from "./profile.ts";
import { parseOptions, ROOT, USAGE, wantsHelp, type Options } from "./options.ts";
import { fmtMB, fmtMs, type ResultsFile, type SizeResult, type StageTimes, type SystemResult } from "./results.ts";
import { table, targets, writeChart } from "./report.ts";
import { reportArgs, searchParts, stageTimes, takeBuildReport } from "./build-report.ts";
const BIN = join(ROOT, "node_modules/.bin");

// ---------------------------------------------------------------------------------------------
// Helpers

function log(message: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function pagefindDirs(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string, depth: number) => {
    if (depth > 3) return;
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      const p = join(d, e.name);
      // A municipality's index, and the older parts of a split one (pagefind-1/, -2/, …).
      if (/^_?pagefind(-\d+)?$/.test(e.name)) found.push(p);
      else walk(p, depth + 1);
    }
  };
  walk(dir, 0);
  return found;
}

function indexSizes(siteDir: string): { bytes: number; files: number; perDir: Record<string, number> } {
  let bytes = 0;
  let files = 0;
  const perDir: Record<string, number> = {};
  for (const d of pagefindDirs(siteDir)) {
    const s = duSize(d);
    bytes += s.bytes;
    files += s.files;
    perDir[d.slice(siteDir.length) || "/"] = s.bytes;
  }
  return { bytes, files, perDir };
}

/** Where a search page lives in a built site: /soeg/ or /<kommune>/soeg/. */
function searchPage(siteDir: string, kommune?: string): string | undefined {
  for (const p of [kommune ? `/${kommune}/soeg/` : undefined, "/soeg/"]) {
    if (p && existsSync(join(siteDir, p, "index.html"))) return p;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Generation (cached beside the content folder, never inside it)

function ensureGenerated(opts: Options, meetings: number): { dir: string; result: GenerateResult } {
  const dir = join(opts.out, `gen-${meetings}`);
  const marker = `${dir}.json`;
  if (!opts.regen && existsSync(marker) && existsSync(dir)) {
    const saved = JSON.parse(readFileSync(marker, "utf8")) as { version: number; seed: number; result: GenerateResult };
    if (saved.version === GENERATOR_VERSION && saved.seed === opts.seed) {
      log(`reusing ${dir} (${saved.result.meetings} meetings)`);
      return { dir, result: saved.result };
    }
  }
  log(`generating ${meetings} meetings into ${dir}`);
  const result = generateArchive({ outDir: dir, meetings, seed: opts.seed });
  writeFileSync(marker, JSON.stringify({ version: GENERATOR_VERSION, seed: opts.seed, result }, null, 2));
  log(`generated ${result.meetings} meetings, ${fmtMB(result.bytes)} in ${result.seconds.toFixed(1)} s`);
  return { dir, result };
}

// ---------------------------------------------------------------------------------------------
// Ours

/** `referat build` on `content` into `out`, writing its JSON report to `<out>.report.json`. */
function oursArgs(content: string, out: string, extra: string[] = []): string[] {
  return [join(ROOT, "bin/referat.js"), "build", "--content", content, "--out", out, "--debug", ...reportArgs(reportFile(out)), ...extra];
}

function reportFile(out: string): string {
  return `${out}.report.json`;
}

function failed(r: RunResult): string | undefined {
  if (r.exitCode === 0) return undefined;
  const tail = (r.stderr || r.stdout).trim().split("\n").slice(-15).join("\n");
  return `exit ${r.exitCode}: ${tail}`;
}

async function runOurs(opts: Options, gen: { dir: string; result: GenerateResult }, size: SizeResult, extras = true): Promise<SystemResult> {
  const out = join(opts.out, `ours-${gen.result.meetings}`);
  rmSync(out, { recursive: true, force: true });
  const profDir = join(opts.out, `prof-${gen.result.meetings}`);
  const nodeArgs = opts.profile ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : [];
  if (opts.profile) rmSync(profDir, { recursive: true, force: true });
  // A cold build: the search-index cache starts empty (the build fills it, which is part of its time).
  const cacheDir = join(opts.out, `cache-${gen.result.meetings}`);
  rmSync(cacheDir, { recursive: true, force: true });
  log(
    `ours: building ${gen.result.meetings} meetings${opts.profile ? " (with --cpu-prof)" : ""}${opts.partSize ? ` (search index parts of at most ${opts.partSize} meetings)` : ""}`,
  );
  const r = await run("node", [...nodeArgs, ...oursArgs(gen.dir, out)], { cwd: ROOT, env: oursEnv(opts, cacheDir) });
  const error = failed(r);
  const stages = stageTimes(takeBuildReport(reportFile(out)));
  log(`ours: ${error ? "FAILED " + error : "done"} in ${fmtMs(r.wallMs)}, peak ${fmtMB(r.peakRssBytes)}`);
  if (opts.profile && existsSync(profDir)) size.profile = summariseProfiles(profDir, ROOT);
  const output = duSize(out);
  const index = indexSizes(out);
  const perKommune: Record<string, number> = {};
  for (const [d, b] of Object.entries(index.perDir)) {
    const kommune = d.split("/").filter(Boolean)[0] ?? "/";
    perKommune[kommune] = (perKommune[kommune] ?? 0) + b;
  }
  const result: SystemResult = {
    ok: !error,
    ...(error ? { error } : {}),
    ...(opts.partSize ? { searchPartSize: opts.partSize } : {}),
    totalMs: r.wallMs,
    stages,
    renderMs: stages.render ?? NaN,
    peakRssBytes: r.peakRssBytes,
    peakByCommand: r.peakByCommand,
    meetingsPerSecond: gen.result.meetings / (r.wallMs / 1000),
    outputBytes: output.bytes,
    outputFiles: output.files,
    indexBytes: index.bytes,
    indexFiles: index.files,
    largestIndexBytes: Math.max(0, ...Object.values(index.perDir)),
    perKommuneIndexBytes: perKommune,
  };
  if (!error && !opts.profile && extras) result.rebuild = await measureRebuild(opts, gen, out, cacheDir);
  rmSync(cacheDir, { recursive: true, force: true });
  if (!error && opts.search && extras) {
    // The portal's search over all municipalities (merged in the browser), when the site has one.
    const portal = searchPage(out);
    if (portal) {
      try {
        log(`ours: first search on the portal ${portal}?q=${opts.query}`);
        result.portalSearch = { site: "portal", ...(await measureFirstSearch(out, portal, opts.query)) };
      } catch (e) {
        log(`ours: portal search failed: ${(e as Error).message}`);
      }
    }
    // A municipality's own site: the largest municipality built alone from the same archive.
    const kommune = Object.entries(gen.result.perKommune).sort((a, b) => b[1] - a[1])[0]![0];
    const kout = join(opts.out, `ours-${gen.result.meetings}-${kommune}`);
    rmSync(kout, { recursive: true, force: true });
    log(`ours: building ${kommune} alone (${gen.result.perKommune[kommune]} meetings) for the search measurement`);
    const kr = await run("node", oursArgs(gen.dir, kout, ["--kommune", kommune]), { cwd: ROOT, env: oursEnv(opts) });
    const kerr = failed(kr);
    if (kerr) log(`ours: --kommune ${kommune} FAILED ${kerr}`);
    else {
      const ki = indexSizes(kout);
      result.kommuneBuild = {
        kommune,
        meetings: gen.result.perKommune[kommune]!,
        totalMs: kr.wallMs,
        peakRssBytes: kr.peakRssBytes,
        stages: stageTimes(takeBuildReport(reportFile(kout))),
        indexBytes: ki.bytes,
        outputBytes: duSize(kout).bytes,
      };
      const page = searchPage(kout, kommune);
      if (page) {
        try {
          log(`ours: first search on ${kommune}'s own site ${page}?q=${opts.query}`);
          result.search = { site: kommune, ...(await measureFirstSearch(kout, page, opts.query)) };
        } catch (e) {
          log(`ours: search measurement failed: ${(e as Error).message}`);
        }
      } else log("ours: no search page (/soeg/) in the municipality build: search not measured");
    }
    if (!opts.keep) rmSync(kout, { recursive: true, force: true });
  }
  if (!opts.keep) rmSync(out, { recursive: true, force: true });
  return result;
}

// ---------------------------------------------------------------------------------------------
// Baseline: plain Eleventy 3, one layout via a directory data file, then Pagefind

function heapEnv(opts: Options): NodeJS.ProcessEnv {
  return opts.heapMb ? { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=${opts.heapMb}`.trim() } : process.env;
}

/**
 * The figures of `first` with the median time (total, and each stage's) and the highest memory of
 * all its runs (`first` and the repeats), and every run's figures under `repeats`.
 */
function summariseRepeats(first: SystemResult, more: SystemResult[], meetings: number): SystemResult {
  const runs = [first, ...more].filter((r) => r.ok);
  if (more.length === 0 || runs.length === 0) return first;
  const median = (values: number[]) => {
    const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
    if (sorted.length === 0) return NaN;
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  const stages: StageTimes = {};
  for (const key of Object.keys(first.stages)) stages[key] = median(runs.map((r) => r.stages[key] ?? NaN));
  const peakByCommand: Record<string, number> = {};
  for (const r of runs) for (const [name, bytes] of Object.entries(r.peakByCommand ?? {})) peakByCommand[name] = Math.max(peakByCommand[name] ?? 0, bytes);
  const totalMs = median(runs.map((r) => r.totalMs));
  return {
    ...first,
    totalMs,
    stages,
    renderMs: median(runs.map((r) => r.renderMs)),
    peakRssBytes: Math.max(...runs.map((r) => r.peakRssBytes)),
    peakByCommand,
    meetingsPerSecond: meetings / (totalMs / 1000),
    repeats: runs.map((r) => ({ totalMs: r.totalMs, stages: r.stages, renderMs: r.renderMs, peakRssBytes: r.peakRssBytes })),
  };
}

/**
 * Our build's environment: the heap (--heap), the search index part size (--part-size), and the
 * search-index cache: `cacheDir`, or none (every other build of ours in the benchmark is cold).
 */
function oursEnv(opts: Options, cacheDir?: string): NodeJS.ProcessEnv {
  const env = { ...heapEnv(opts), REFERAT_CACHE_DIR: cacheDir ?? "off" };
  return opts.partSize ? { ...env, REFERAT_SEARCH_PART_SIZE: String(opts.partSize) } : env;
}

/**
 * Builds again into `out` after changing one meeting, with the cache the first build filled:
 * what a municipality's next build costs (in CI, when the cache folder is kept between runs). The
 * meeting is the newest of the largest municipality; the file is put back afterwards.
 */
async function measureRebuild(opts: Options, gen: { dir: string; result: GenerateResult }, out: string, cacheDir: string): Promise<SystemResult["rebuild"]> {
  const kommune = Object.entries(gen.result.perKommune).sort((a, b) => b[1] - a[1])[0]![0];
  const files = readdirSync(join(gen.dir, kommune), { recursive: true, encoding: "utf8" })
    .filter((f) => /\d{4}-\d{2}-\d{2}(-\d+)?\.md$/.test(f))
    .sort((a, b) => basename(a).localeCompare(basename(b)));
  const file = join(gen.dir, kommune, files.at(-1)!);
  const original = readFileSync(file, "utf8");
  const changed = original.replace(/\n([^\n#|>-][^\n]{20,})\n/, (_, line: string) => `\n${line} Rettet i benchmarkens genopbygning.\n`);
  const meeting = `${kommune}/${files.at(-1)!}`;
  if (changed === original) return { meeting, totalMs: NaN, stages: {}, peakRssBytes: 0, error: "no paragraph to change" };
  writeFileSync(file, changed);
  try {
    log(`ours: building again after a change to ${meeting}, with the search-index cache`);
    const r = await run("node", oursArgs(gen.dir, out), { cwd: ROOT, env: oursEnv(opts, cacheDir) });
    const error = failed(r);
    const report = takeBuildReport(reportFile(out));
    const parts = searchParts(report);
    log(
      `ours: rebuild ${error ? "FAILED " + error : "done"} in ${fmtMs(r.wallMs)}${parts ? `, ${parts.reusedParts} of ${parts.searchParts} index parts from the cache` : ""}`,
    );
    return {
      meeting,
      totalMs: r.wallMs,
      stages: stageTimes(report),
      peakRssBytes: r.peakRssBytes,
      ...parts,
      ...(error ? { error } : {}),
    };
  } finally {
    writeFileSync(file, original);
  }
}

async function runBaseline(opts: Options, gen: { dir: string; result: GenerateResult }): Promise<SystemResult> {
  const out = join(opts.out, `baseline-${gen.result.meetings}`);
  rmSync(out, { recursive: true, force: true });
  const dataFile = join(gen.dir, `${basename(gen.dir)}.11tydata.json`);
  writeFileSync(dataFile, JSON.stringify({ layout: "meeting.njk" }) + "\n");
  let eleventy: RunResult;
  try {
    log(`baseline: eleventy on ${gen.result.meetings} meetings`);
    eleventy = await run(
      join(BIN, "eleventy"),
      [`--config=${join(ROOT, "scripts/bench/baseline/eleventy.config.js")}`, `--input=${gen.dir}`, `--output=${out}`, "--quiet"],
      { cwd: ROOT, env: heapEnv(opts) },
    );
  } finally {
    rmSync(dataFile, { force: true });
  }
  let error = failed(eleventy);
  log(`baseline: eleventy ${error ? "FAILED " + error : "done"} in ${fmtMs(eleventy.wallMs)}, peak ${fmtMB(eleventy.peakRssBytes)}`);
  let pagefind: RunResult | undefined;
  if (!error) {
    log("baseline: pagefind --site");
    pagefind = await run(join(BIN, "pagefind"), ["--site", out], { cwd: ROOT });
    error = failed(pagefind);
    log(`baseline: pagefind ${error ? "FAILED " + error : "done"} in ${fmtMs(pagefind.wallMs)}, peak ${fmtMB(pagefind.peakRssBytes)}`);
  }
  const total = eleventy.wallMs + (pagefind?.wallMs ?? 0);
  const output = duSize(out);
  const index = indexSizes(out);
  const result: SystemResult = {
    ok: !error,
    ...(error ? { error } : {}),
    totalMs: total,
    stages: { eleventy: eleventy.wallMs, ...(pagefind ? { pagefind: pagefind.wallMs } : {}) },
    renderMs: eleventy.wallMs,
    peakRssBytes: Math.max(eleventy.peakRssBytes, pagefind?.peakRssBytes ?? 0),
    peakByCommand: { eleventy: eleventy.peakRssBytes, ...(pagefind ? { pagefind: pagefind.peakRssBytes } : {}) },
    meetingsPerSecond: gen.result.meetings / (total / 1000),
    outputBytes: output.bytes,
    outputFiles: output.files,
    indexBytes: index.bytes,
    indexFiles: index.files,
  };
  if (!error && opts.search) {
    try {
      log(`baseline: first search /soeg/?q=${opts.query} (one index for the whole archive)`);
      result.search = { site: "all", ...(await measureFirstSearch(out, "/soeg/", opts.query)) };
    } catch (e) {
      log(`baseline: search measurement failed: ${(e as Error).message}`);
    }
  }
  if (!opts.keep) rmSync(out, { recursive: true, force: true });
  return result;
}

// ---------------------------------------------------------------------------------------------
// Watch: `npm start` (referat serve) on the archive; change one meeting; time until the served HTML changes.

async function measureWatch(opts: Options, gen: { dir: string; result: GenerateResult }): Promise<SizeResult["watch"]> {
  if (!existsSync(join(ROOT, "src/cli/serve.ts"))) {
    // TODO(bench): `referat serve` (src/cli/serve.ts) has not landed; measure the watch case once it does.
    return { ok: false, note: "TODO: referat serve is not implemented yet; the watch case was not measured" };
  }
  const { spawn } = await import("node:child_process");
  const port = 18_000 + Math.floor(Math.random() * 1000);
  const kommune = Object.keys(gen.result.perKommune)[0]!;
  const serveOut = join(opts.out, `serve-${gen.result.meetings}`);
  rmSync(serveOut, { recursive: true, force: true });
  const serveArgs = [join(ROOT, "bin/referat.js"), "serve", "--content", gen.dir, "--out", serveOut, "--port", String(port)];
  const child = spawn(opts.nice ? "nice" : "node", opts.nice ? ["-n", "10", "node", ...serveArgs] : serveArgs, {
    cwd: ROOT,
    env: { ...process.env, REFERAT_CACHE_DIR: "off" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const t0 = performance.now();
  const base = `http://127.0.0.1:${port}`;
  const fetchText = async (url: string) => {
    try {
      const res = await fetch(url, { headers: { "cache-control": "no-cache" } });
      return res.ok ? await res.text() : undefined;
    } catch {
      return undefined;
    }
  };
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  try {
    // Wait for the first build to be served (up to 20 minutes for large archives).
    let first: string | undefined;
    let meetingPath: string | undefined;
    while (performance.now() - t0 < 20 * 60_000) {
      if (child.exitCode !== null) return { ok: false, note: `referat serve exited (${child.exitCode}): ${output.trim().split("\n").slice(-5).join(" | ")}` };
      const home = await fetchText(`${base}/${kommune}/`);
      if (home) {
        const m = new RegExp(`href="(/${kommune}/[a-z0-9-]+/\\d{4}-\\d{2}-\\d{2}(?:-\\d+)?/)"`).exec(home);
        if (m) {
          meetingPath = m[1];
          first = await fetchText(base + meetingPath);
          if (first) break;
        }
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const startupMs = performance.now() - t0;
    if (!first || !meetingPath) return { ok: false, note: "the dev server did not serve a meeting page within 20 minutes", startupMs };
    const [, , raad, slug] = meetingPath.split("/");
    const file = join(gen.dir, kommune, raad!, slug!.slice(0, 4), `${slug}.md`);
    if (!existsSync(file)) return { ok: false, note: `could not find the source of ${meetingPath}`, startupMs };
    const original = readFileSync(file, "utf8");
    // Change the text of the first item (always open: "Godkendelse af dagsorden"), as a secretary would.
    const marker = `Benchmark-rettelse ${Date.now().toString(36)}.`;
    const changed = original.replace("\nDagsordenen blev godkendt.\n", `\nDagsordenen blev godkendt. ${marker}\n`);
    if (changed === original) return { ok: false, note: `no place to change in ${file}`, startupMs };
    await new Promise((r) => setTimeout(r, 1000)); // let the watcher settle after the first build
    const tChange = performance.now();
    writeFileSync(file, changed);
    let msToChange: number | undefined;
    try {
      while (performance.now() - tChange < opts.watchTimeoutMs) {
        const html = await fetchText(base + meetingPath);
        if (html && html.includes(marker)) {
          msToChange = performance.now() - tChange;
          break;
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    } finally {
      writeFileSync(file, original);
      const now = new Date();
      utimesSync(file, now, now);
    }
    return msToChange === undefined
      ? {
          ok: true,
          timedOut: true,
          limitMs: opts.watchTimeoutMs,
          note: `the change did not show within ${opts.watchTimeoutMs / 1000} s (${meetingPath})`,
          startupMs,
        }
      : { ok: true, note: `changed the text of the first item of ${meetingPath}; polled the page every 25 ms`, msToChange, startupMs };
  } finally {
    stop();
    await new Promise((r) => setTimeout(r, 500));
    if (!opts.keep) {
      // The output and any half-built sibling left by the rebuild we interrupted.
      for (const name of readdirSync(opts.out)) {
        if (name.startsWith(basename(serveOut))) rmSync(join(opts.out, name), { recursive: true, force: true });
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (wantsHelp(process.argv.slice(2))) {
    process.stdout.write(USAGE);
    return;
  }
  const opts = parseOptions(process.argv.slice(2));
  setNiceDefault(opts.nice);
  // Every measured build starts on settled disks (see settleDisk).
  setSettleDefault(true);
  mkdirSync(opts.out, { recursive: true });
  const resultsPath = join(ROOT, "docs/bench-results.json");
  const file: ResultsFile = existsSync(resultsPath)
    ? (JSON.parse(readFileSync(resultsPath, "utf8")) as ResultsFile)
    : { machine: { cpus: 0, memoryGB: 0, node: "", platform: "" }, runs: {} };
  const os = await import("node:os");
  file.machine = { cpus: os.cpus().length, memoryGB: Math.round(os.totalmem() / 1024 ** 3), node: process.version, platform: `${os.type()} ${os.release()}` };

  if (opts.chartOnly) {
    // Redraw docs/bench-scaling.svg from docs/bench-results.json without running anything.
    writeChart(file, join(ROOT, "docs/bench-scaling.svg"));
    for (const t of targets(file.runs)) process.stdout.write(`  ${t.pass === undefined ? "N/A " : t.pass ? "PASS" : "FAIL"}  ${t.name}: ${t.detail}\n`);
    return;
  }
  for (const meetings of opts.sizes) {
    const gen = ensureGenerated(opts, meetings);
    const { councils: _c, ...generated } = gen.result;
    const previous = file.runs[String(meetings)];
    const size: SizeResult = { meetings, generated, measuredAt: new Date().toISOString() };
    // Keep the other system's earlier figures when only one is re-run.
    if (opts.only === "baseline" && previous?.ours) size.ours = previous.ours;
    if (opts.only === "ours" && previous?.baseline) size.baseline = previous.baseline;
    if (previous?.watch && (!opts.watch || meetings !== 10000 || opts.only === "baseline")) size.watch = previous.watch;
    if (previous?.oursLargeHeap) size.oursLargeHeap = previous.oursLargeHeap;
    if (previous?.baselineLargeHeap) size.baselineLargeHeap = previous.baselineLargeHeap;
    if (opts.heapMb) {
      // A diagnostic run: keep the default-heap figures as `ours` and `baseline`.
      if (previous?.ours) size.ours = previous.ours;
      if (previous?.baseline) size.baseline = previous.baseline;
      const nodeOptions = `--max-old-space-size=${opts.heapMb}`;
      if (opts.only !== "baseline") size.oursLargeHeap = { ...(await runOurs(opts, gen, size)), nodeOptions };
      if (opts.only !== "ours") size.baselineLargeHeap = { ...(await runBaseline(opts, gen)), nodeOptions };
    } else {
      if (opts.only !== "baseline") size.ours = await runOurs(opts, gen, size);
      if (opts.only !== "ours") size.baseline = await runBaseline(opts, gen);
      // --repeat: more cold builds of each side, taking turns, for the median.
      const moreOurs: SystemResult[] = [];
      const moreBaseline: SystemResult[] = [];
      for (let i = 2; i <= opts.repeat; i++) {
        log(`repeat ${i} of ${opts.repeat}`);
        if (opts.only !== "baseline") moreOurs.push(await runOurs({ ...opts, search: false }, gen, size, false));
        if (opts.only !== "ours") moreBaseline.push(await runBaseline({ ...opts, search: false }, gen));
      }
      if (size.ours) size.ours = summariseRepeats(size.ours, moreOurs, meetings);
      if (size.baseline) size.baseline = summariseRepeats(size.baseline, moreBaseline, meetings);
    }
    if (opts.watch && meetings === 10000 && opts.only !== "baseline") {
      log("watch: referat serve on the archive; change one meeting; time until the page changes");
      size.watch = await measureWatch(opts, gen);
      log(`watch: ${size.watch?.msToChange !== undefined ? `${(size.watch.msToChange / 1000).toFixed(2)} s` : size.watch?.note}`);
    }
    file.runs[String(meetings)] = size;
    process.stdout.write(
      `\n== ${meetings} meetings (${fmtMB(gen.result.markdownBytes)} of Markdown, ${gen.result.attachments} attachments) ==\n${table(size)}\n\n`,
    );
    if (opts.write) {
      writeFileSync(resultsPath, JSON.stringify(file, null, 2) + "\n");
      writeChart(file, join(ROOT, "docs/bench-scaling.svg"));
    }
  }

  process.stdout.write("Targets\n");
  for (const t of targets(file.runs)) {
    const verdict = t.pass === undefined ? "N/A " : t.pass ? "PASS" : "FAIL";
    process.stdout.write(`  ${verdict}  ${t.name}: ${t.detail}\n`);
  }
  if (opts.write) log(`wrote ${resultsPath} and docs/bench-scaling.svg`);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("scripts/bench/run.ts")) {
  main().catch((e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  });
}
