// `npm run bench:micro`: the speed of four checks that correctness tests used to time with a limit
// (a limit in a correctness test fails on a loaded machine and passes a slow change on a fast one;
// speed belongs here). Each is run --runs times (default 5) after one warm-up; the median and the
// slowest run are printed, and with --json FILE written as JSON.
//
//   compounds  Danish compound splitting of a page's 10,000 words, the lexicon loaded
//   links      the link check of a site of 1,001 pages linking to each other's anchors
//   cpr        the CPR guard over a generated archive of 300 meetings (scripts/bench/generate.ts)
//   yaml       rejecting a YAML alias bomb (a few hundred bytes that expand to millions of nodes)
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { loadArchive } from "../../src/content/load.ts";
import { validateMeetingText } from "../../src/minutes/validate.ts";
import { compoundParts, loadDanishLexicon } from "../../src/search/compounds.ts";
import { findCprNumbers } from "../../src/trust/cpr.ts";
import { checkLinks } from "../../src/trust/links.ts";
import { linkedPages } from "./linked-pages.ts";
import { generateArchive } from "./generate.ts";

interface Measure {
  name: string;
  what: string;
  /** Prepares the workload (not timed); returns the timed run and a clean-up. */
  setUp(): Promise<{ run: () => unknown; cleanUp?: () => Promise<void> }>;
}

const ALIAS_BOMB = [
  "---",
  "date: 2023-09-06",
  'start: "16:00"',
  'end: "18:00"',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ..."bcdefg".split("").map((name, i) => `${name}: &${name} [${Array.from({ length: 9 }, () => `*${"abcdefg"[i]}`).join(",")}]`),
  "venue: *g",
  "attendees:",
  "  - Anna Holm",
  "items:",
  "  - title: Godkendelse af dagsorden",
  "---",
  "",
  "## Godkendelse af dagsorden",
  "",
].join("\n");

const MEASURES: Measure[] = [
  {
    name: "compounds",
    what: "split 10,000 words into compound parts",
    async setUp() {
      const lexicon = await loadDanishLexicon();
      const words = "socialtandplejen hjemløseudspil beskæftigelsesudvalget udsatterådet kommunen ".repeat(2000).split(" ");
      return { run: () => words.map((word) => compoundParts(word, lexicon)) };
    },
  },
  {
    name: "links",
    what: "check the links of 1,001 pages",
    async setUp() {
      const dir = await mkdtemp(join(tmpdir(), "referat-micro-links-"));
      const files = linkedPages();
      for (const [name, text] of Object.entries(files)) {
        await mkdir(dirname(join(dir, name)), { recursive: true });
        await writeFile(join(dir, name), text);
      }
      return {
        run: async () => {
          const problems = await checkLinks({ siteDir: dir, archive: { kommuner: [] }, pathPrefix: "/" });
          if (problems.length > 0) throw new Error(`the link check found ${problems.length} problems in a site without any`);
        },
        cleanUp: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: "cpr",
    what: "CPR guard over 300 generated meetings",
    async setUp() {
      const dir = await mkdtemp(join(tmpdir(), "referat-micro-cpr-"));
      generateArchive({ outDir: dir, meetings: 300, seed: 1 });
      const { archive, problems } = await loadArchive(dir);
      if (problems.length > 0) throw new Error(`the generated archive has ${problems.length} problems`);
      return {
        run: async () => {
          const found = await findCprNumbers(archive, dir, {});
          if (found.length > 0) throw new Error(`the CPR guard found ${found.length} numbers in an archive without any`);
        },
        cleanUp: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
  {
    name: "yaml",
    what: "reject a YAML alias bomb",
    async setUp() {
      const context = {
        file: "alias-bomb.md",
        absolutePath: join(tmpdir(), "alias-bomb.md"),
        sourcePath: "eksempelby/udsatteraadet/2023/2023-09-06.md",
        kommune: "eksempelby",
        raad: "udsatteraadet",
        slug: "2023-09-06",
        year: "2023",
        councilName: "Udsatterådet",
        attachmentDir: join(tmpdir(), "2023-09-06"),
      };
      return {
        run: () => {
          const result = validateMeetingText(ALIAS_BOMB, context);
          if (result.problems.length === 0) throw new Error("the alias bomb was accepted");
        },
      };
    },
  },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: "string", default: "5" }, only: { type: "string" }, json: { type: "string" } },
    strict: true,
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, not "${values.runs}"`);
  const chosen = values.only === undefined ? MEASURES : MEASURES.filter((m) => values.only!.split(",").includes(m.name));
  if (chosen.length === 0) throw new Error(`--only names none of ${MEASURES.map((m) => m.name).join(", ")}`);
  const results: { name: string; what: string; runs: number; medianMs: number; maxMs: number }[] = [];
  for (const measure of chosen) {
    const { run, cleanUp } = await measure.setUp();
    try {
      await run(); // warm-up: module loading, JIT, the file system's cache
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await run();
        times.push(performance.now() - started);
      }
      const result = { name: measure.name, what: measure.what, runs, medianMs: Math.round(median(times)), maxMs: Math.round(Math.max(...times)) };
      results.push(result);
      process.stdout.write(
        `${measure.name.padEnd(10)} ${measure.what.padEnd(42)} median ${String(result.medianMs).padStart(6)} ms, slowest ${result.maxMs} ms\n`,
      );
    } finally {
      await cleanUp?.();
    }
  }
  if (values.json !== undefined) await writeFile(values.json, `${JSON.stringify({ measuredAt: new Date().toISOString(), results }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
