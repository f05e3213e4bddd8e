// One pool of worker threads for the build's CPU work, shared by its stages: the loader parses and
// validates meeting files in it (src/content/load.ts) and the CPR guard extracts the text of
// attachments (src/trust/cpr.ts). Built on tinypool (a small, dependency-free pool of
// worker_threads: it queues tasks, starts threads on demand, replaces a thread that fails and
// rejects its task, keeps idle threads from holding the process open, and stops them after
// IDLE_MS). Sized once for the machine (poolSize); each thread runs src/workers/entry.mjs, which
// loads the esbuild-compiled worker code (src/workers/compiled.mjs), or the TypeScript through tsx
// with REFERAT_WORKER_CODE=off. Requests and results are plain data, structured-cloned.
//
// A task whose thread crashes or cannot start is rejected: every caller then does the work in its
// own thread, so a failed worker costs time, never a hang or a wrong result.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import Tinypool from "tinypool";
import type { WorkerRequest } from "../content/worker.ts";

export type { WorkerRequest };

const ENTRY = new URL("./entry.mjs", import.meta.url);
/** An idle thread stops after this long, so that the CPR guard right after the loader gets the same threads. */
const IDLE_MS = 1500;

/** How many threads to use: one per core, at most `max`. */
export function poolSize(max = 4): number {
  return Math.max(1, Math.min(max, availableParallelism()));
}

/** Node flags for the threads: the parent's, without loaders (the entry loads compiled code, or registers tsx itself). */
function workerExecArgv(): string[] {
  const args: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (/^--(import|loader|experimental-loader|require)$/.test(arg)) {
      i++;
      continue;
    }
    if (/^--(import|loader|experimental-loader|require)=/.test(arg) || arg === "-r") continue;
    args.push(arg);
  }
  if (args.length === 0) return args;
  try {
    // Flags a thread may not take (e.g. --expose-gc) make `new Worker` throw: then none are passed.
    void new Worker("", { eval: true, execArgv: args }).terminate();
    return args;
  } catch {
    return [];
  }
}

/** The pool's threads, as a caller uses them. */
export interface WorkerPool {
  /** Runs one request in a thread; resolves with its result, rejects when the thread fails. */
  run<R>(request: WorkerRequest): Promise<R>;
}

let shared: Tinypool | undefined;
/** Requests sent and not yet answered, with how to fail them. */
const inFlight = new Set<(error: Error) => void>();
/** Threads whose end is watched. */
const watched = new WeakSet<object>();

/**
 * Fails every request in flight and drops the pool (the next request starts a new one). Tinypool
 * answers a request whose handler throws, and one whose thread fails with an error once started;
 * a thread that fails while it starts, or ends without an error (process.exit), would leave its
 * requests waiting for ever: this is what turns those into failures.
 */
function fail(error: Error): void {
  const current = shared;
  shared = undefined;
  for (const reject of [...inFlight]) reject(error);
  inFlight.clear();
  void current?.destroy().catch(() => undefined);
}

function pool(): Tinypool {
  if (shared) return shared;
  const created = new Tinypool({
    filename: ENTRY.href,
    minThreads: 0,
    maxThreads: poolSize(),
    idleTimeout: IDLE_MS,
    execArgv: workerExecArgv(),
  });
  created.on("error", (error: unknown) => {
    if (shared === created) fail(error instanceof Error ? error : new Error(String(error)));
  });
  shared = created;
  return created;
}

/** Watches the pool's threads: one that ends other than by being stopped (exit code 1) fails what is in flight. */
function watchThreads(current: Tinypool): void {
  for (const thread of current.threads as unknown as Worker[]) {
    if (watched.has(thread)) continue;
    watched.add(thread);
    thread.once("exit", (code: number) => {
      if (code !== 1 && shared === current) fail(new Error(`a worker thread stopped (exit code ${code})`));
    });
  }
}

const handle: WorkerPool = {
  run<R>(request: WorkerRequest): Promise<R> {
    const current = pool();
    return new Promise<R>((resolve, reject) => {
      const settle = (error: Error) => {
        inFlight.delete(settle);
        reject(error);
      };
      inFlight.add(settle);
      (current.run(request, { name: request.kind }) as Promise<R>).then(
        (result) => {
          inFlight.delete(settle);
          resolve(result);
        },
        (error: unknown) => settle(error instanceof Error ? error : new Error(String(error))),
      );
      watchThreads(current);
    });
  },
};

/** The process's pool (its threads start as tasks come; `size` is how many the caller keeps busy, for the caller to respect). */
export function acquirePool(_size = poolSize()): WorkerPool {
  return handle;
}

/** Gives the pool back: its threads stop by themselves once idle (IDLE_MS). */
export function releasePool(_pool: WorkerPool): void {}

/** Stops the pool's threads now (a build's end, tests); the next request starts new ones. */
export async function closeWorkerPool(): Promise<void> {
  const current = shared;
  shared = undefined;
  for (const reject of [...inFlight]) reject(new Error("the worker pool is closed"));
  inFlight.clear();
  await current?.destroy();
}
