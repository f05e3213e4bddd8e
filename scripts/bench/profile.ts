// Summarises V8 CPU profiles (node --cpu-prof) of a build: self time per function and per module
// (a package in node_modules, or a file of ours), and inclusive time per module of ours.
//
//   node --import tsx scripts/bench/profile.ts bench-out/prof-10000
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  file: string;
  totalMs: number;
  topFunctions: { name: string; where: string; selfMs: number; share: number }[];
  topModules: { module: string; selfMs: number; share: number }[];
  /** Inclusive time of our own source files (time with such a frame anywhere on the stack). */
  oursInclusive: { module: string; totalMs: number; share: number }[];
}

function moduleOf(url: string, root: string): string {
  if (!url) return "(native / V8)";
  let path = url.startsWith("file://") ? decodeURIComponent(url.slice(7)) : url;
  if (path.startsWith("node:")) return path;
  const nm = path.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = path.slice(nm + 13).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (path.startsWith(root)) path = path.slice(root.length + 1);
  return path.split("?")[0]!;
}

export function summariseProfile(path: string, root: string): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const fn = new Map<string, { name: string; where: string; us: number }>();
  const mod = new Map<string, number>();
  const oursIncl = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const cf = node.callFrame;
    const where = `${moduleOf(cf.url, root)}:${cf.lineNumber + 1}`;
    const name = cf.functionName || "(anonymous)";
    const key = `${name}@${where}`;
    const f = fn.get(key) ?? { name, where, us: 0 };
    f.us += us;
    fn.set(key, f);
    const m = moduleOf(cf.url, root);
    mod.set(m, (mod.get(m) ?? 0) + us);
    // Inclusive: every distinct file of ours on the stack gets the sample.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const m2 = moduleOf(byId.get(cur)!.callFrame.url, root);
      if ((m2.startsWith("src/") || m2.startsWith("templates/")) && !seen.has(m2)) {
        seen.add(m2);
        oursIncl.set(m2, (oursIncl.get(m2) ?? 0) + us);
      }
    }
  }
  const ms = (us: number) => Math.round(us / 100) / 10;
  const share = (us: number) => Math.round((us / total) * 1000) / 10;
  return {
    file: path,
    totalMs: ms(total),
    topFunctions: [...fn.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, 30)
      .map((f) => ({ name: f.name, where: f.where, selfMs: ms(f.us), share: share(f.us) })),
    topModules: [...mod.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([m, us]) => ({ module: m, selfMs: ms(us), share: share(us) })),
    oursInclusive: [...oursIncl.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([m, us]) => ({ module: m, totalMs: ms(us), share: share(us) })),
  };
}

/** Summaries of every .cpuprofile in `dir` (one per process), largest first. */
export function summariseProfiles(dir: string, root: string): ProfileSummary[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => summariseProfile(join(dir, f), root))
    .sort((a, b) => b.totalMs - a.totalMs);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2] ?? "bench-out/prof-10000";
  for (const s of summariseProfiles(dir, process.cwd())) {
    process.stdout.write(`\n${s.file}: ${(s.totalMs / 1000).toFixed(1)} s of samples\n\nTop modules (self time)\n`);
    for (const m of s.topModules) process.stdout.write(`  ${String(m.share).padStart(5)} %  ${(m.selfMs / 1000).toFixed(1).padStart(7)} s  ${m.module}\n`);
    process.stdout.write("\nOur files (inclusive)\n");
    for (const m of s.oursInclusive) process.stdout.write(`  ${String(m.share).padStart(5)} %  ${(m.totalMs / 1000).toFixed(1).padStart(7)} s  ${m.module}\n`);
    process.stdout.write("\nTop functions (self time)\n");
    for (const f of s.topFunctions)
      process.stdout.write(`  ${String(f.share).padStart(5)} %  ${(f.selfMs / 1000).toFixed(1).padStart(7)} s  ${f.name}  ${f.where}\n`);
  }
}
