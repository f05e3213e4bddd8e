// How the search index's part size and Pagefind's chunk size trade memory against a first search:
// indexes one municipality's built site again under each combination and measures Pagefind's peak
// memory per process (GNU time around the binary), the index's size and what a first search
// transfers in Chromium (scripts/bench/search-transfer.ts). The figures behind the defaults in
// src/search/parts.ts and src/search/pagefind.ts (docs/search.md "Part and chunk size").
//
//   node bin/referat.js build --content bench-out/gen-10000 --kommune noerreaa --out /tmp/noerreaa
//   node --import tsx scripts/bench/search-sizing.ts --site /tmp/noerreaa --content bench-out/gen-10000 \
//     --kommune noerreaa [--parts 0,1000] [--chunks 20000,4000] [--memory 0] [--query tandpleje]
//
// `--parts`: meetings per part (0: no limit by count); `--memory`: MB per Pagefind process
// (REFERAT_SEARCH_MEMORY's meaning; 0: no limit by memory); `--chunks`: chunk sizes.
import { appendFile, chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadArchive } from "../../src/content/load.ts";
import { buildSearchIndex, indexParts } from "../../src/search/index.ts";
import { pagefindBinary } from "../../src/search/pagefind.ts";
import { measureFirstSearch } from "./search-transfer.ts";

const { values } = parseArgs({
  options: {
    site: { type: "string" },
    content: { type: "string" },
    kommune: { type: "string" },
    parts: { type: "string", default: "0" },
    memory: { type: "string", default: "0" },
    chunks: { type: "string", default: "20000" },
    query: { type: "string", default: "tandpleje" },
  },
});
if (!values.site || !values.content || !values.kommune) throw new Error("--site, --content and --kommune are required");
const site = resolve(values.site);
const kommune = values.kommune;
const list = (s: string) => s.split(",").map((v) => Number(v.trim()));

const { archive, problems } = await loadArchive(resolve(values.content), { kommune });
if (problems.length > 0) throw new Error(`${problems.length} problems in the content`);

// GNU time around the real binary: one line "<peak KB> <seconds>" per Pagefind run.
const work = await mkdtemp(join(tmpdir(), "referat-sizing-"));
const log = join(work, "time.log");
const wrapper = join(work, "pagefind");
await writeFile(wrapper, `#!/bin/sh\nexec /usr/bin/time -a -o '${log}' -f '%M %e' '${pagefindBinary()}' "$@"\n`);
await chmod(wrapper, 0o755);
process.env.PAGEFIND_EXTENDED_BINARY_PATH = wrapper;

async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) if (e.isFile()) total += (await stat(join(e.parentPath, e.name))).size;
  return total;
}

console.log("| parts by count | MB per process | chunk | parts | Pagefind peak (max) | index time | index bytes | first search | requests |");
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const partSize of list(values.parts)) {
  for (const memory of list(values.memory)) {
    for (const chunk of list(values.chunks)) {
      const own = join(site, kommune);
      for (const name of await readdir(own)) if (/^pagefind(-\d+)?$/.test(name)) await rm(join(own, name), { recursive: true, force: true });
      await writeFile(log, "");
      const options = {
        siteDir: site,
        archive,
        pathPrefix: "/",
        kommune,
        merge: [],
        cache: false as const,
        indexChunkSize: chunk,
        ...(partSize > 0 ? { partSize } : { partSize: Number.MAX_SAFE_INTEGER }),
        memoryMb: memory > 0 ? memory : 1_000_000,
      };
      const parts = indexParts(options);
      const t0 = performance.now();
      await buildSearchIndex(options);
      const seconds = (performance.now() - t0) / 1000;
      const runs = (await readFile(log, "utf8"))
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((line) => Number(line.split(" ")[0]) * 1024);
      let bytes = 0;
      for (const name of await readdir(own)) if (/^pagefind(-\d+)?$/.test(name)) bytes += await sizeOf(join(own, name));
      const search = await measureFirstSearch(site, "/soeg/", values.query);
      const line = [
        partSize || "–",
        memory || "–",
        chunk,
        parts.length,
        `${(Math.max(...runs) / 1e9).toFixed(2)} GB`,
        `${seconds.toFixed(1)} s`,
        `${(bytes / 1e6).toFixed(1)} MB`,
        `${(search.sentBytes / 1000).toFixed(1)} KB`,
        search.requests,
      ];
      console.log(`| ${line.join(" | ")} |`);
      await appendFile(
        join(work, "parts.log"),
        `${JSON.stringify({ partSize, memory, chunk, parts: parts.map((p) => [p.meetings.length, Math.round(p.bytes / 1e6)]), runs })}\n`,
      );
    }
  }
}
console.log(`(per-run details: each part's meetings and estimated MB, each Pagefind run's peak bytes: ${join(work, "parts.log")})`);
