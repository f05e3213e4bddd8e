// Running a command and measuring it: wall time, and the peak resident memory of the whole process
// tree (the command and every descendant: Eleventy workers, the Pagefind binary, Chromium …), polled
// from /proc every `intervalMs`. The sum of RSS counts pages shared between processes once per
// process, so it errs on the high side, as a memory target should.
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const PAGE = 4096;

/** pid → [parent pid, command name] for every process on the machine. */
function processTable(): Map<number, [number, string]> {
  const table = new Map<number, [number, string]>();
  for (const name of readdirSync("/proc")) {
    const c = name.charCodeAt(0);
    if (c < 48 || c > 57) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "latin1");
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so split after the last ')'.
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      table.set(Number(name), [Number(rest[1]), stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"))]);
    } catch {
      // the process ended while we looked
    }
  }
  return table;
}

function rssOf(pid: number): number {
  try {
    const statm = readFileSync(`/proc/${pid}/statm`, "latin1");
    return Number(statm.split(" ")[1]) * PAGE;
  } catch {
    return 0;
  }
}

/** The RSS of `root` and all its descendants, in bytes. */
export function treeRss(root: number): { bytes: number; processes: number; byCommand: Map<string, number> } {
  const table = processTable();
  const children = new Map<number, number[]>();
  const byCommand = new Map<string, number>();
  for (const [pid, [ppid]] of table) {
    const list = children.get(ppid);
    if (list) list.push(pid);
    else children.set(ppid, [pid]);
  }
  let bytes = 0;
  let processes = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    const rss = rssOf(pid);
    bytes += rss;
    const comm = table.get(pid)?.[1] ?? "?";
    if (comm !== "nice") byCommand.set(comm, (byCommand.get(comm) ?? 0) + rss);
    processes++;
    for (const child of children.get(pid) ?? []) stack.push(child);
  }
  return { bytes, processes, byCommand };
}

export interface RunResult {
  command: string;
  exitCode: number | null;
  wallMs: number;
  peakRssBytes: number;
  peakProcesses: number;
  /** Peak RSS per command name (e.g. node, pagefind_extend, chromium), each at its own peak. */
  peakByCommand: Record<string, number>;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Poll interval for memory, ms (default 50). */
  intervalMs?: number;
  /**
   * Lower the priority (nice -n 10) so others on the machine keep working (default: see
   * setNiceDefault, off). Off for figures: a niced build yields to every process at normal
   * priority, the kernel's writeback among them, and its render stage measured 11.7–13.5 s at
   * 10,000 meetings against 8.1–10.6 s at normal priority on the same quiet machine.
   */
  nice?: boolean;
  /** Wait for the disks to settle before starting (default: see setSettleDefault, off). */
  settle?: boolean;
  /** Echo the command's output while it runs. */
  echo?: boolean;
  /** Called with each chunk of stdout+stderr and the ms since start (for stage markers). */
  onOutput?: (chunk: string, atMs: number) => void;
}

/** The counters of completed writes and of I/O in progress, over every block device. */
function diskActivity(): string {
  try {
    return readFileSync("/proc/diskstats", "latin1")
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter((f) => f.length > 11 && !/^(loop|ram)/.test(f[2] ?? ""))
      .map((f) => `${f[2]}:${f[7]}:${f[11]}`)
      .join(" ");
  } catch {
    return "";
  }
}

/**
 * Flushes the file system and waits (at most `maxMs`) until the disks have been idle for a second,
 * so that no run starts while the one before is still being written out or deleted (the
 * development machine's root file system is ext4 mounted with `discard`, where deleting an earlier
 * run's hundreds of thousands of files keeps the disk busy for a while). This removes one source
 * of noise, not all: with settled disks, three back-to-back runs at 10,000 meetings still
 * rendered in 11.8, 16.0 and 14.9 s (ours) and 26.7, 17.9 and 27.1 s (plain Eleventy).
 */
export async function settleDisk(maxMs = 120_000): Promise<number> {
  const t0 = performance.now();
  spawnSync("sync");
  let last = diskActivity();
  let quietSince = performance.now();
  while (performance.now() - t0 < maxMs) {
    await new Promise((r) => setTimeout(r, 250));
    const now = diskActivity();
    if (now !== last || / [^ :]+:\d+:[1-9]\d*( |$)/.test(` ${now}`)) {
      last = now;
      quietSince = performance.now();
    } else if (performance.now() - quietSince >= 1000) break;
  }
  return performance.now() - t0;
}

let niceByDefault = false;
let settleByDefault = false;

/** Whether each run waits for the disks to settle first (settleDisk; `npm run bench` does). */
export function setSettleDefault(settle: boolean): void {
  settleByDefault = settle;
}

/** Whether runs are niced unless told otherwise (`npm run bench -- --nice`). */
export function setNiceDefault(nice: boolean): void {
  niceByDefault = nice;
}

/** Runs `command args…` and measures it. Never throws for a non-zero exit; look at exitCode. */
export async function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  if (options.settle ?? settleByDefault) await settleDisk();
  const nice = options.nice ?? niceByDefault;
  const [cmd, argv] = nice ? ["nice", ["-n", "10", command, ...args]] : [command, args];
  const t0 = performance.now();
  const child = spawn(cmd, argv, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let peak = 0;
  let peakProcesses = 0;
  const peakByCommand: Record<string, number> = {};
  const sample = () => {
    if (child.pid === undefined) return;
    const { bytes, processes, byCommand } = treeRss(child.pid);
    for (const [comm, b] of byCommand) if (b > (peakByCommand[comm] ?? 0)) peakByCommand[comm] = b;
    if (bytes > peak) peak = bytes;
    if (processes > peakProcesses) peakProcesses = processes;
  };
  const timer = setInterval(sample, options.intervalMs ?? 50);
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (d: string) => {
    stdout += d;
    options.onOutput?.(d, performance.now() - t0);
    if (options.echo) process.stdout.write(d);
  });
  child.stderr.on("data", (d: string) => {
    stderr += d;
    options.onOutput?.(d, performance.now() - t0);
    if (options.echo) process.stderr.write(d);
  });
  return new Promise((resolve, reject) => {
    child.on("error", (e) => {
      clearInterval(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearInterval(timer);
      resolve({
        command: [command, ...args].join(" "),
        exitCode: code,
        wallMs: performance.now() - t0,
        peakRssBytes: peak,
        peakProcesses,
        peakByCommand,
        stdout,
        stderr,
      });
    });
  });
}

/** Total size of the files under `dir` (bytes) and how many there are. */
export function duSize(dir: string, filter?: (path: string) => boolean): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && (!filter || filter(p))) {
        bytes += statSync(p).size;
        files++;
      }
    }
  };
  walk(dir);
  return { bytes, files };
}
