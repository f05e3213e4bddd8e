// Pagefind's memory and time in the search stage under different settings: indexes a built site
// again (no cache) with each memory budget and number of processes at once, and samples the
// resident memory of every Pagefind process (/proc, every 50 ms), summed, and of this process.
// The figures behind the defaults in src/search/parts.ts and src/search/index.ts (docs/search.md,
// "Memory: the budget and the processes at once").
//
//   node bin/referat.js build --content bench-out/gen-10000 --out /tmp/site
//   node --import tsx scripts/bench/search-memory.ts --site /tmp/site --content bench-out/gen-10000 \
//     [--kommune noerreaa] --runs 800x2,800x1,400x2
//
// Each run is `<MB per part>x<processes at once>`.
import { readdir, readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadArchive } from "../../src/content/load.ts";
import { buildSearchIndex, indexParts } from "../../src/search/index.ts";

const { values } = parseArgs({
  options: {
    site: { type: "string" },
    content: { type: "string" },
    kommune: { type: "string" },
    runs: { type: "string", default: "800x2,800x1" },
  },
});
if (!values.site || !values.content) throw new Error("--site and --content are required");
const siteDir = resolve(values.site);
const { archive, problems } = await loadArchive(resolve(values.content), values.kommune ? { kommune: values.kommune } : {});
if (problems.length > 0) throw new Error(`${problems.length} problems in the content`);

/** Resident memory of a process in bytes, or 0 when it is gone. */
async function rssOf(pid: string): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The Pagefind processes that are this process's children. */
async function pagefindChildren(): Promise<string[]> {
  const pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name));
  const children: string[] = [];
  for (const pid of pids) {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, "utf8");
      const close = stat.lastIndexOf(")");
      const name = stat.slice(stat.indexOf("(") + 1, close);
      const ppid = stat.slice(close + 2).split(" ")[1];
      if (ppid === String(process.pid) && name.startsWith("pagefind")) children.push(pid);
    } catch {
      // Gone.
    }
  }
  return children;
}

for (const run of values.runs.split(",")) {
  const [mb, processes] = run.split("x").map(Number) as [number, number];
  const options = {
    siteDir,
    archive,
    pathPrefix: "/",
    memoryMb: mb,
    concurrency: processes,
    cache: false as const,
    merge: [],
    ...(values.kommune ? { kommune: values.kommune } : {}),
  };
  const parts = indexParts(options);
  let peakPagefind = 0;
  let peakNode = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const children = await pagefindChildren();
      const sum = (await Promise.all(children.map(rssOf))).reduce((a, b) => a + b, 0);
      peakPagefind = Math.max(peakPagefind, sum);
      peakNode = Math.max(peakNode, process.memoryUsage.rss());
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const start = performance.now();
  const cpu = process.cpuUsage();
  await buildSearchIndex(options);
  const ms = performance.now() - start;
  sampling = false;
  await sampler;
  const used = process.cpuUsage(cpu);
  const gb = (n: number) => (n / 1e9).toFixed(2);
  console.log(
    JSON.stringify({
      run,
      parts: parts.length,
      largest: Math.max(...parts.map((p) => p.meetings.length)),
      seconds: +(ms / 1000).toFixed(1),
      nodeCpuSeconds: +((used.user + used.system) / 1e6).toFixed(1),
      peakPagefindGB: gb(peakPagefind),
      peakNodeGB: gb(peakNode),
      peakSumGB: gb(peakPagefind + peakNode),
    }),
  );
}
