// What a real client measures: builds the example archive, serves it on 127.0.0.1 (gzip, as a host
// serves it), and runs Lighthouse 12 (its default mobile profile: a mid-range phone, simulated slow
// 4G and CPU throttling) in Debian's Chromium on three pages: the front page, a meeting page and a
// search with results. Prints the four scores per page, the audits that cost points, and exits 1
// when a page falls below the targets (performance 95, accessibility, best practices and SEO 100).
// Nothing leaves the machine: the browser runs with its background networking off.
//   npm run lighthouse [-- --runs 3]
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { buildTestSite, CHROMIUM_ARGS, startStaticServer } from "../test/browser/harness.ts";

const CONTENT = join(import.meta.dirname, "../content");
const CHROMIUM = "/usr/bin/chromium";
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
type Category = (typeof CATEGORIES)[number];

/** The lowest score (0–100) each category may have. */
export const TARGETS: Record<Category, number> = { performance: 95, accessibility: 100, "best-practices": 100, seo: 100 };

/** The pages measured: a citizen's first page, a meeting, and a search that shows results. */
export const PAGES = [
  { name: "forsiden", path: "" },
  { name: "et møde", path: "odense/raadet-for-socialt-udsatte/2021-11-23/" },
  { name: "en søgning med resultater", path: "soeg/?q=udsatte" },
] as const;

/** The browser tests' flags (test/browser/harness.ts), and no default apps or extensions in Lighthouse's profile. */
const CHROME_FLAGS = [...CHROMIUM_ARGS, "--disable-default-apps", "--disable-extensions"];

/** The metrics behind the performance score, as Lighthouse prints them. */
const METRICS = ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"] as const;
const METRIC_LABELS: Record<(typeof METRICS)[number], string> = {
  "first-contentful-paint": "FCP",
  "largest-contentful-paint": "LCP",
  "total-blocking-time": "TBT",
  "cumulative-layout-shift": "CLS",
  "speed-index": "SI",
};

interface Measured {
  scores: Record<Category, number>;
  /** Audits that cost points, per category: "id (score)". */
  losses: string[];
  /** "FCP 0.9 s, LCP 1.2 s, …" */
  metrics: string;
}

interface PageScores extends Measured {
  name: string;
}

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} skal være et helt tal ≥ 1.`);
    process.exit(2);
  }
  return value;
}

async function measure(url: string, port: number): Promise<Measured> {
  const result = await lighthouse(url, { port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] });
  if (!result) throw new Error(`Lighthouse gav intet resultat for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const scores = {} as Record<Category, number>;
  const losses: string[] = [];
  for (const category of CATEGORIES) {
    const entry = lhr.categories[category];
    scores[category] = Math.round((entry?.score ?? 0) * 100);
    for (const ref of entry?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
        losses.push(`${category}: ${ref.id} (${audit.score}${audit.displayValue ? `, ${audit.displayValue}` : ""})`);
      }
    }
  }
  const metrics = METRICS.map((id) => `${METRIC_LABELS[id]} ${lhr.audits[id]?.displayValue ?? "?"}`).join(", ");
  return { scores, losses, metrics };
}

/** The run with the median performance score of several (Lighthouse's own advice for noisy machines). */
function median(runs: Measured[]): Measured {
  const sorted = [...runs].sort((a, b) => a.scores.performance - b.scores.performance);
  return sorted[Math.floor((sorted.length - 1) / 2)] as Measured;
}

const runs = argument("runs", 3);
const dir = await mkdtemp(join(tmpdir(), "referat-lighthouse-"));
let chrome: chromeLauncher.LaunchedChrome | undefined;
let server: Awaited<ReturnType<typeof startStaticServer>> | undefined;
let failed = false;
try {
  await buildTestSite({ contentDir: CONTENT, outDir: join(dir, "site") });
  server = await startStaticServer(join(dir, "site"), { gzip: true });
  chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, logLevel: "error" });
  const results: PageScores[] = [];
  for (const page of PAGES) {
    const measured = [];
    for (let i = 0; i < runs; i++) measured.push(await measure(`${server.url}${page.path}`, chrome.port));
    results.push({ name: page.name, ...median(measured) });
  }
  // Lighthouse's simulated throttling scales the CPU time it observes: on a busy machine the
  // performance score falls with the load, so the load is printed beside the scores.
  console.log(`Belastning under målingen: ${loadavg()[0]?.toFixed(1)} (1 min) på ${cpus().length} kerner.`);
  console.log(
    `Lighthouse ${(await import("lighthouse/package.json", { with: { type: "json" } })).default.version}, mobil, Chromium (${CHROMIUM}), median af ${runs} kørsel${runs === 1 ? "" : "er"}:`,
  );
  console.log("side | ydeevne | tilgængelighed | god praksis | SEO");
  for (const r of results) {
    const below = CATEGORIES.filter((c) => r.scores[c] < TARGETS[c]);
    if (below.length > 0) failed = true;
    console.log(`${r.name} | ${CATEGORIES.map((c) => `${r.scores[c]}${r.scores[c] < TARGETS[c] ? "!" : ""}`).join(" | ")}`);
    console.log(`  ${r.metrics}`);
    for (const loss of r.losses) console.log(`  ${loss}`);
  }
  console.log(
    failed ? "Under målet (ydeevne 95, de andre 100): se ! ovenfor." : "Alle sider når målet (ydeevne ≥ 95, tilgængelighed, god praksis og SEO 100).",
  );
} finally {
  chrome?.kill();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
