// How long a worker thread takes to start: from starting a thread of the worker pool's entry
// (src/workers/entry.mjs) until it has answered a first, empty request of the loader, loading the TypeScript through tsx
// (REFERAT_WORKER_CODE=off) or the compiled code (src/workers/compiled.mjs). Each start is a
// fresh thread; the figures are the median of `--runs` (default 5), two at a time as the build
// starts them.   node --import tsx scripts/bench/worker-start.ts [--runs 5]
import { parseArgs } from "node:util";
import Tinypool from "tinypool";
import { CODE_VARIABLE, prepareWorkerCode } from "../../src/workers/compiled.mjs";

const { values } = parseArgs({ options: { runs: { type: "string", default: "5" } } });
const runs = Number(values.runs);
const ENTRY = new URL("../../src/workers/entry.mjs", import.meta.url);

async function start(env: NodeJS.ProcessEnv): Promise<number> {
  const t0 = performance.now();
  const pool = new Tinypool({ filename: ENTRY.href, env: env as Record<string, string>, execArgv: [], minThreads: 0, maxThreads: 1 });
  try {
    await pool.run({ kind: "load", jobs: [] }, { name: "load" });
    return performance.now() - t0;
  } finally {
    void pool.destroy();
  }
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const t0 = performance.now();
const dir = await prepareWorkerCode();
console.log(`compiled code: ${dir ?? "none"} (${Math.round(performance.now() - t0)} ms to find or make)`);
for (const [label, env] of [
  ["tsx", { ...process.env, [CODE_VARIABLE]: "off" }],
  ["compiled", { ...process.env, [CODE_VARIABLE]: dir ?? "off" }],
] as const) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(...(await Promise.all([start(env), start(env)])));
  console.log(
    `${label}: median ${Math.round(median(times))} ms, from ${Math.round(Math.min(...times))} to ${Math.round(Math.max(...times))} ms (${times.length} starts, two at a time)`,
  );
}
