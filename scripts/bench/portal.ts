// `npm run bench:portal`: a national portal that is not one build (README.md, "Scale beyond one
// machine"). Each municipality builds and hosts its own site and search index; the portal is a small
// site whose search page merges the municipalities' published indexes in the browser.
//
//   npm run bench:portal -- [--meetings 1000] [--query tandpleje] [--out bench-out] [--seed 1]
//                           [--part-size N] [--keep] [--regen] [--no-write]
//
// 1. Generates the synthetic archive of N meetings (scripts/bench/generate.ts), or reuses
//    `<out>/gen-<N>` as `npm run bench` does.
// 2. Builds every municipality alone (`referat build --kommune <slug>`, one subprocess at a time,
//    at normal priority), measuring wall time and peak RSS of the process tree, each into its own folder.
// 3. Serves each municipality on its own 127.0.0.1 port (gzip, CORS, counting bytes), makes a portal:
//    a content folder holding the largest municipality plus a portal.yaml that merges every other
//    municipality's index (all its parts, from its soeg/indexes.json) from its own host; builds and
//    serves the portal.
// 4. Opens the portal's /soeg/?q=<query> in Chromium and counts what every host sent until the
//    results are shown and the network is quiet; records the result addresses and their hosts.
// 5. Prints a table and writes docs/bench-portal.json. Exits non-zero unless the results come from
//    at least two hosts.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureArchive } from "./archive-cache.ts";
import { duSize, run } from "./measure.ts";
import { CHROMIUM_ARGS, serveCounting, type CountingServer } from "./search-transfer.ts";

const ROOT = resolve(import.meta.dirname, "../..");

// ---------------------------------------------------------------------------------------------
// Shapes (docs/bench-portal.json)

export interface IndexEntry {
  id?: string;
  kommune?: string;
  name: string;
  bundlePath: string;
  baseUrl: string;
}

export interface KommuneSite {
  kommune: string;
  name: string;
  meetings: number;
  /** Built with --kommune into this folder. */
  outDir: string;
  buildMs: number;
  peakRssBytes: number;
  peakByCommand: Record<string, number>;
  /** The build's own stage timings (`Tider:` of --debug), ms. */
  stages: Record<string, number>;
  /** The site's soeg/indexes.json. */
  indexes: IndexEntry[];
  /** Bytes of the site's Pagefind folders (`<slug>/pagefind/`, `pagefind-<n>/`). */
  indexBytes: number;
  indexFiles: number;
  siteBytes: number;
  siteFiles: number;
  /** Where it was served during the search (absent for the portal's own municipality). */
  url?: string;
  /** Merged by the portal from its own host (every municipality but the portal's own). */
  merged: boolean;
}

export interface HostTransfer {
  /** "portal" or the municipality's slug. */
  host: string;
  url: string;
  requests: number;
  sentBytes: number;
  rawBytes: number;
  /** Requests by kind, e.g. pagefind-index, pagefind-fragment. */
  byKind: Record<string, { requests: number; sent: number }>;
}

export interface PortalResult {
  url: string;
  /** "portal" or the municipality's slug whose host the address points at ("?" for another). */
  host: string;
  items: string[];
}

export interface PortalSearch {
  url: string;
  query: string;
  resultsShown: boolean;
  msToResults: number;
  status: string;
  /** The number of results the page announces. */
  totalResults: number;
  /** Until the results were shown, summed over every host. */
  requests: number;
  sentBytes: number;
  rawBytes: number;
  /** … and once every host had been quiet for `settleMs`. */
  settledRequests: number;
  settledSentBytes: number;
  settledRawBytes: number;
  perHost: HostTransfer[];
  /** The results on the page after the first search (the page shows 5 first). */
  firstResults: PortalResult[];
  /** The hosts of the first results. */
  firstResultHosts: string[];
  /** When the first results came from one host: "Vis flere resultater" pressed until two hosts show (at most 5 times). */
  more?: { clicks: number; requests: number; sentBytes: number };
  /** Every result shown at the end, and their hosts. */
  results: PortalResult[];
  resultHosts: string[];
  /** Console errors and failed requests in the page, and error answers of the hosts (but /favicon.ico, which the sites do not have). */
  errors: string[];
}

export interface PortalBenchResult {
  meetings: number;
  query: string;
  partSize?: number;
  kommuner: KommuneSite[];
  portal: {
    kommune: string;
    meetings: number;
    merged: string[];
    portalYaml: string;
    buildMs: number;
    peakRssBytes: number;
    stages: Record<string, number>;
    indexes: IndexEntry[];
    indexBytes: number;
    siteBytes: number;
    siteFiles: number;
    url: string;
  };
  search: PortalSearch;
  /** At least two hosts among the results shown. */
  ok: boolean;
}

export interface PortalBenchOptions {
  /** The archive's content folder (one folder per municipality). */
  content: string;
  /** Meetings per municipality slug (generateArchive's perKommune). */
  perKommune: Record<string, number>;
  /** Where the sites are built (`<workDir>/sites/<slug>`, `<workDir>/portal-content`, `<workDir>/portal`). */
  workDir: string;
  query: string;
  /** REFERAT_SEARCH_PART_SIZE for the municipality builds (index in parts). */
  partSize?: number;
  /** How long every host must be quiet before the transfer counts as settled (default 750 ms). */
  settleMs?: number;
  timeoutMs?: number;
  log?: (message: string) => void;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** `Tider: indlæsning 90 ms, CPR-tjek 268 ms, …` of `referat build --debug`. */
export function parseTider(output: string): Record<string, number> {
  const line = output.split("\n").find((l) => l.startsWith("Tider:"));
  const stages: Record<string, number> = {};
  if (!line) return stages;
  for (const m of line.matchAll(/([\p{L}][\p{L}-]*) (\d+) ms/gu)) stages[m[1]!] = Number(m[2]);
  return stages;
}

function readIndexes(siteDir: string): IndexEntry[] {
  return (JSON.parse(readFileSync(join(siteDir, "soeg/indexes.json"), "utf8")) as { indexes: IndexEntry[] }).indexes;
}

/** Bytes of the Pagefind folders the site's indexes.json lists (local ones only). */
function indexSize(siteDir: string, indexes: IndexEntry[]): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of indexes) {
    if (!entry.bundlePath.startsWith("/")) continue;
    const s = duSize(join(siteDir, entry.bundlePath));
    bytes += s.bytes;
    files += s.files;
  }
  return { bytes, files };
}

async function buildSite(content: string, outDir: string, extra: string[], env: NodeJS.ProcessEnv) {
  rmSync(outDir, { recursive: true, force: true });
  const r = await run("node", [join(ROOT, "bin/referat.js"), "build", "--content", content, "--out", outDir, "--debug", ...extra], { cwd: ROOT, env });
  if (r.exitCode !== 0) {
    const tail = (r.stderr || r.stdout).trim().split("\n").slice(-15).join("\n");
    throw new Error(`referat build ${extra.join(" ")} failed (exit ${r.exitCode}):\n${tail}`);
  }
  return r;
}

function kindOf(path: string): string {
  if (path.includes(".pf_fragment")) return "pagefind-fragment";
  if (path.includes(".pf_index")) return "pagefind-index";
  if (path.includes(".pf_filter")) return "pagefind-filter";
  if (path.includes(".pf_meta") || path.endsWith("pagefind-entry.json")) return "pagefind-meta";
  if (path.includes("wasm")) return "pagefind-wasm";
  if (/\.m?js$/.test(path)) return "js";
  if (path.endsWith(".css")) return "css";
  if (path.endsWith(".html")) return "html";
  if (path.endsWith(".json")) return "json";
  return "other";
}

// ---------------------------------------------------------------------------------------------
// The search, counted at every host

interface Host {
  host: string;
  server: CountingServer;
}

/** The origin of `url` mapped to a host's label. */
function hostOf(hosts: Host[], url: string): string {
  try {
    const origin = new URL(url).origin;
    return hosts.find((h) => new URL(h.server.url).origin === origin)?.host ?? "?";
  } catch {
    return "?";
  }
}

async function measurePortalSearch(hosts: Host[], portalUrl: string, query: string, settleMs: number, timeoutMs: number): Promise<PortalSearch> {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const errors: string[] = [];
  try {
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    // A missing file is reported once, with its address, from the hosts' logs below.
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("requestfailed", (r) => errors.push(`${r.url()}: ${r.failure()?.errorText ?? "failed"}`));
    const url = `${portalUrl}/soeg/?q=${encodeURIComponent(query)}`;
    const all = () => hosts.flatMap((h) => h.server.requests);
    const lastAt = () => Math.max(0, ...all().map((r) => r.atMs));
    const sum = (key: "sent" | "raw") => all().reduce((a, r) => a + r[key], 0);
    const waitQuiet = async (deadline: number, t0: number) => {
      for (;;) {
        if (performance.now() - t0 - lastAt() > settleMs || performance.now() > deadline) return;
        await page.waitForTimeout(50);
      }
    };
    for (const h of hosts) h.server.reset();
    const t0 = performance.now();
    const deadline = t0 + timeoutMs;
    await page.goto(url, { waitUntil: "domcontentloaded" });
    let status = "";
    let resultsShown = false;
    while (performance.now() < deadline) {
      status = (await page.textContent("[data-status]")) ?? "";
      if (status.includes(`»${query}«`)) {
        resultsShown = true;
        break;
      }
      if (/kunne ikke indlæses/.test(status)) break;
      await page.waitForTimeout(25);
    }
    const msToResults = performance.now() - t0;
    const requests = all().length;
    const sentBytes = sum("sent");
    const rawBytes = sum("raw");
    await waitQuiet(deadline, t0);
    const settled = { requests: all().length, sent: sum("sent"), raw: sum("raw") };
    const perHost: HostTransfer[] = hosts.map((h) => {
      const byKind: HostTransfer["byKind"] = {};
      for (const r of h.server.requests) {
        const k = (byKind[kindOf(r.path)] ??= { requests: 0, sent: 0 });
        k.requests++;
        k.sent += r.sent;
      }
      return {
        host: h.host,
        url: h.server.url,
        requests: h.server.requests.length,
        sentBytes: h.server.requests.reduce((a, r) => a + r.sent, 0),
        rawBytes: h.server.requests.reduce((a, r) => a + r.raw, 0),
        byKind,
      };
    });
    const readResults = async (): Promise<PortalResult[]> =>
      (
        await page.$$eval(".search-result", (list) =>
          list.map((result) => ({
            url: result.querySelector<HTMLAnchorElement>("h2 a")?.href ?? "",
            items: [...result.querySelectorAll(".search-result-items a")].map((a) => (a as HTMLAnchorElement).href),
          })),
        )
      ).map((r) => ({ ...r, host: hostOf(hosts, r.url) }));
    const distinct = (list: PortalResult[]) => [...new Set(list.map((r) => r.host))];
    const firstResults = await readResults();
    let results = firstResults;
    let more: PortalSearch["more"];
    if (resultsShown && distinct(results).length < 2) {
      // The page shows the best 5 first; when they all come from one host, show more, as a reader would.
      const before = { requests: all().length, sent: sum("sent") };
      let clicks = 0;
      while (clicks < 5 && distinct(results).length < 2 && (await page.isVisible("[data-more]"))) {
        const count = results.length;
        await page.click("[data-more]");
        clicks++;
        await page.waitForFunction((n) => document.querySelectorAll(".search-result").length > n, count, { timeout: 30_000 });
        results = await readResults();
      }
      await waitQuiet(performance.now() + 30_000, t0);
      more = { clicks, requests: all().length - before.requests, sentBytes: sum("sent") - before.sent };
    }
    await context.close();
    for (const h of hosts)
      for (const r of h.server.requests) if (r.status >= 400 && r.path !== "/favicon.ico") errors.push(`${h.host} answered ${r.status} for ${r.path}`);
    const total = /^(\d+) resultat/.exec(status.trim());
    return {
      url: url.slice(portalUrl.length),
      query,
      resultsShown,
      msToResults,
      status,
      totalResults: total ? Number(total[1]) : 0,
      requests,
      sentBytes,
      rawBytes,
      settledRequests: settled.requests,
      settledSentBytes: settled.sent,
      settledRawBytes: settled.raw,
      perHost,
      firstResults,
      firstResultHosts: distinct(firstResults),
      ...(more ? { more } : {}),
      results,
      resultHosts: distinct(results),
      errors,
    };
  } finally {
    await browser.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The flow

/** Builds every municipality alone, serves each, builds and serves a portal merging them, and searches it. */
export async function runPortalBench(options: PortalBenchOptions): Promise<PortalBenchResult> {
  const log = options.log ?? (() => {});
  // Every build cold, as a municipality's first: no search-index cache (src/search/cache.ts).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    REFERAT_CACHE_DIR: "off",
    ...(options.partSize ? { REFERAT_SEARCH_PART_SIZE: String(options.partSize) } : {}),
  };
  const slugs = Object.keys(options.perKommune).sort();
  const largest = Object.entries(options.perKommune).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  if (!largest || slugs.length < 2) throw new Error("the archive needs at least two municipalities");
  mkdirSync(options.workDir, { recursive: true });

  // Each municipality alone, one at a time.
  const kommuner: KommuneSite[] = [];
  for (const kommune of slugs) {
    const outDir = join(options.workDir, "sites", kommune);
    log(`building ${kommune} alone (${options.perKommune[kommune]} meetings)`);
    const r = await buildSite(options.content, outDir, ["--kommune", kommune], env);
    const indexes = readIndexes(outDir);
    const index = indexSize(outDir, indexes);
    const site = duSize(outDir);
    kommuner.push({
      kommune,
      name: indexes[0]?.name ?? kommune,
      meetings: options.perKommune[kommune] ?? 0,
      outDir,
      buildMs: r.wallMs,
      peakRssBytes: r.peakRssBytes,
      peakByCommand: r.peakByCommand,
      stages: parseTider(r.stdout + "\n" + r.stderr),
      indexes,
      indexBytes: index.bytes,
      indexFiles: index.files,
      siteBytes: site.bytes,
      siteFiles: site.files,
      merged: kommune !== largest,
    });
    log(`  ${kommune}: ${(r.wallMs / 1000).toFixed(1)} s, peak ${(r.peakRssBytes / 2 ** 20).toFixed(0)} MB, ${indexes.length} index part(s)`);
  }

  const hosts: Host[] = [];
  try {
    // Every merged municipality on its own host, which must allow other origins (CORS).
    for (const k of kommuner.filter((k) => k.merged)) {
      const server = await serveCounting(k.outDir, { cors: true });
      k.url = `${server.url}/`;
      hosts.push({ host: k.kommune, server });
    }

    // The portal: the largest municipality's content, and the others' indexes from their hosts.
    const portalContent = join(options.workDir, "portal-content");
    rmSync(portalContent, { recursive: true, force: true });
    mkdirSync(portalContent, { recursive: true });
    cpSync(join(options.content, largest), join(portalContent, largest), { recursive: true });
    for (const name of readdirSync(options.content)) {
      // Files beside the municipalities' folders (none today), but never another site's portal.yaml.
      const p = join(options.content, name);
      if (!slugs.includes(name) && name !== "portal.yaml" && !existsSync(join(p, "kommune.yaml"))) cpSync(p, join(portalContent, name), { recursive: true });
    }
    const lines = ["search:", "  merge:"];
    for (const k of kommuner.filter((k) => k.merged)) {
      lines.push(`    - name: ${JSON.stringify(k.name)}`);
      const parts = k.indexes.map((e) => new URL(e.bundlePath, k.url).href);
      if (parts.length === 1) lines.push(`      index: ${parts[0]}`);
      else {
        lines.push("      index:");
        for (const part of parts) lines.push(`        - ${part}`);
      }
      lines.push(`      site: ${k.url}`);
    }
    const portalYaml = lines.join("\n") + "\n";
    writeFileSync(join(portalContent, "portal.yaml"), portalYaml);
    const portalDir = join(options.workDir, "portal");
    log(`building the portal (${largest}, ${options.perKommune[largest]} meetings, merging ${kommuner.length - 1} other hosts)`);
    const pr = await buildSite(portalContent, portalDir, [], env);
    const portalIndexes = readIndexes(portalDir);
    const portalServer = await serveCounting(portalDir);
    hosts.unshift({ host: "portal", server: portalServer });
    const portalSite = duSize(portalDir);

    log(`searching the portal: ${portalServer.url}/soeg/?q=${options.query}`);
    const search = await measurePortalSearch(hosts, portalServer.url, options.query, options.settleMs ?? 750, options.timeoutMs ?? 120_000);
    return {
      meetings: Object.values(options.perKommune).reduce((a, b) => a + b, 0),
      query: options.query,
      ...(options.partSize ? { partSize: options.partSize } : {}),
      kommuner,
      portal: {
        kommune: largest,
        meetings: options.perKommune[largest] ?? 0,
        merged: kommuner.filter((k) => k.merged).map((k) => k.kommune),
        portalYaml,
        buildMs: pr.wallMs,
        peakRssBytes: pr.peakRssBytes,
        stages: parseTider(pr.stdout + "\n" + pr.stderr),
        indexes: portalIndexes,
        indexBytes: indexSize(portalDir, portalIndexes).bytes,
        siteBytes: portalSite.bytes,
        siteFiles: portalSite.files,
        url: `${portalServer.url}/`,
      },
      search,
      ok: search.resultsShown && search.resultHosts.filter((h) => h !== "?").length >= 2,
    };
  } finally {
    await Promise.all(hosts.map((h) => h.server.close()));
  }
}

// ---------------------------------------------------------------------------------------------
// The table

const MB = 2 ** 20;
const fmtS = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const fmtMB = (b: number) => (b >= 1024 * MB ? `${(b / 1024 / MB).toFixed(2)} GB` : `${(b / MB).toFixed(0)} MB`);
const fmtKB = (b: number) => (b >= 10 * MB ? `${(b / MB).toFixed(0)} MB` : b >= MB ? `${(b / MB).toFixed(1)} MB` : `${(b / 1024).toFixed(1)} KB`);

function table(rows: string[][], right: boolean[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function formatReport(result: PortalBenchResult): string {
  const out: string[] = [];
  out.push(`== Portal: ${result.meetings} meetings in ${result.kommuner.length} municipalities, each built and hosted alone ==`);
  const rows = [["municipality", "meetings", "build", "search index", "peak RSS", "index parts", "index", "site", "role"]];
  for (const k of result.kommuner) {
    rows.push([
      k.kommune,
      String(k.meetings),
      fmtS(k.buildMs),
      k.stages["søgeindeks"] !== undefined ? fmtS(k.stages["søgeindeks"]) : "",
      fmtMB(k.peakRssBytes),
      String(k.indexes.length),
      fmtKB(k.indexBytes),
      fmtKB(k.siteBytes),
      k.merged ? "own host, merged" : "in the portal",
    ]);
  }
  const p = result.portal;
  rows.push([
    `portal (${p.kommune})`,
    String(p.meetings),
    fmtS(p.buildMs),
    p.stages["søgeindeks"] !== undefined ? fmtS(p.stages["søgeindeks"]) : "",
    fmtMB(p.peakRssBytes),
    String(p.indexes.filter((e) => e.bundlePath.startsWith("/")).length),
    fmtKB(p.indexBytes),
    fmtKB(p.siteBytes),
    `merges ${p.indexes.length - p.indexes.filter((e) => e.bundlePath.startsWith("/")).length} indexes`,
  ]);
  const sumBuild = result.kommuner.reduce((a, k) => a + k.buildMs, 0);
  const maxRss = Math.max(...result.kommuner.map((k) => k.peakRssBytes));
  out.push(table(rows, [false, true, true, true, true, true, true, true, false]));
  out.push(`Sum of the municipality builds: ${fmtS(sumBuild)} (one machine, one at a time); the largest peak: ${fmtMB(maxRss)}.`);
  const s = result.search;
  out.push("");
  out.push(`== The portal's first search: ${s.url} ==`);
  out.push(`Shown: ${s.resultsShown ? "yes" : "NO"} after ${fmtS(s.msToResults)}: "${s.status}"`);
  out.push(`Until the results were shown: ${s.requests} requests, ${fmtKB(s.sentBytes)} compressed (${fmtKB(s.rawBytes)} uncompressed)`);
  out.push(`Until every host was quiet:   ${s.settledRequests} requests, ${fmtKB(s.settledSentBytes)} compressed (${fmtKB(s.settledRawBytes)} uncompressed)`);
  const hostRows = [["host", "requests", "compressed", "uncompressed", "index", "fragments"]];
  for (const h of s.perHost) {
    const index = (h.byKind["pagefind-index"]?.sent ?? 0) + (h.byKind["pagefind-meta"]?.sent ?? 0);
    hostRows.push([h.host, String(h.requests), fmtKB(h.sentBytes), fmtKB(h.rawBytes), fmtKB(index), fmtKB(h.byKind["pagefind-fragment"]?.sent ?? 0)]);
  }
  out.push(table(hostRows, [false, true, true, true, true, true]));
  out.push(`Results: ${s.totalResults} in all; the first ${s.firstResults.length} from ${s.firstResultHosts.join(", ") || "no host"}`);
  if (s.more) out.push(`"Vis flere resultater" ×${s.more.clicks}: ${s.results.length} shown, ${s.more.requests} more requests, ${fmtKB(s.more.sentBytes)}`);
  out.push(`Hosts in the results shown: ${s.resultHosts.join(", ") || "none"}`);
  for (const r of s.results) out.push(`  ${r.host.padEnd(10)} ${r.url}`);
  if (s.errors.length) out.push(`Errors in the page:\n  ${s.errors.join("\n  ")}`);
  return out.join("\n");
}

// ---------------------------------------------------------------------------------------------
// CLI

interface CliOptions {
  meetings: number;
  query: string;
  out: string;
  seed: number;
  partSize?: number;
  keep: boolean;
  regen: boolean;
  write: boolean;
}

function parseOptions(argv: string[]): CliOptions {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const meetings = Number(value("--meetings") ?? 1000);
  if (!Number.isInteger(meetings) || meetings < 2) throw new Error(`--meetings must be a whole number of at least 2`);
  const partSize = value("--part-size");
  return {
    meetings,
    query: value("--query") ?? "tandpleje",
    out: resolve(value("--out") ?? join(ROOT, "bench-out")),
    seed: Number(value("--seed") ?? 1),
    ...(partSize ? { partSize: Number(partSize) } : {}),
    keep: argv.includes("--keep"),
    regen: argv.includes("--regen"),
    write: !argv.includes("--no-write"),
  };
}

function log(message: string): void {
  process.stdout.write(`[portal ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  // Others' work on the machine slows the builds: the load average at the start goes with the figures.
  const loadAverage = loadavg().map((l) => Math.round(l * 100) / 100);
  const archive = ensureArchive({ out: opts.out, meetings: opts.meetings, seed: opts.seed, regen: opts.regen, log });
  log(`load average at the start: ${loadAverage.join(", ")} (${cpus().length} CPUs)`);
  const workDir = join(opts.out, `portal-${opts.meetings}`);
  let result: PortalBenchResult;
  try {
    result = await runPortalBench({
      content: archive.dir,
      perKommune: archive.result.perKommune,
      workDir,
      query: opts.query,
      ...(opts.partSize ? { partSize: opts.partSize } : {}),
      log,
    });
  } finally {
    if (!opts.keep) rmSync(workDir, { recursive: true, force: true });
  }
  process.stdout.write(`\n${formatReport(result)}\n\n`);
  if (opts.write) {
    const file = join(ROOT, "docs/bench-portal.json");
    const saved = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { runs?: Record<string, unknown> }) : {};
    const key = opts.partSize ? `${opts.meetings}-parts-${opts.partSize}` : String(opts.meetings);
    const data = {
      machine: { cpus: cpus().length, memoryGB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
      runs: { ...(saved.runs ?? {}), [key]: { ...result, measuredAt: new Date().toISOString(), loadAverageAtStart: loadAverage } },
    };
    writeFileSync(file, JSON.stringify(data, null, 2) + "\n");
    log(`wrote ${file}`);
  }
  if (!result.ok) {
    process.stderr.write(
      `ERROR: the portal's search for "${opts.query}" ${result.search.resultsShown ? `showed results from ${result.search.resultHosts.length} host(s) (${result.search.resultHosts.join(", ") || "none"}), not from at least two` : "showed no results"}.\n`,
    );
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  });
}
