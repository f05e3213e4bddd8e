// One pool of worker threads for the build's CPU work, shared by its stages: the loader parses and
// validates meeting files in it (src/content/load.ts), the CPR guard extracts the text of
// attachments (src/trust/cpr.ts), the render stage renders items' Markdown ahead of Eleventy
// (src/eleventy/item-html.ts) and the link check reads pages that have no record
// (src/trust/links.ts). Built on tinypool (a small, dependency-free pool of
// worker_threads: it queues tasks, starts threads on demand, replaces a thread that fails and
// rejects its task, keeps idle threads from holding the process open, and stops them after
// IDLE_MS). Sized once for the machine (poolSize); each thread runs src/workers/entry.mjs, which
// loads the esbuild-compiled worker code (src/workers/compiled.mjs), or the TypeScript through tsx
// with REFERAT_WORKER_CODE=off. Requests and results are plain data, structured-cloned.
//
// Two things on top of tinypool:
//   - Urgent requests: the pool hands tinypool no more requests than it has threads, and takes the
//     next from its urgent queue first. A page waiting for its Markdown (urgent) then waits for at
//     most the requests already running, not for the CPR guard's queue of attachments.
//   - A build's data (`BuildData`): what every request of one build needs and is too large to send
//     with each (the addresses every link between meetings resolves against: about 1 MB at 10,000
//     meetings) travels in a SharedArrayBuffer, which a message shares rather than copies, with an
//     id; a thread decodes it once per build (src/workers/build-data.ts).
//
// A task whose thread crashes or cannot start is rejected: every caller then does the work in its
// own thread, so a failed worker costs time, never a hang or a wrong result.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import Tinypool from "tinypool";
import type { WorkerRequest as ContentRequest } from "../content/worker.ts";
import type { PoolRequest } from "./requests.ts";

/** Any request a thread of the pool answers (by `kind`, the function of src/workers/entry.mjs it calls). */
export type WorkerRequest = ContentRequest | PoolRequest;

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
  /**
   * Runs one request in a thread; resolves with its result, rejects when the thread fails. An
   * urgent request runs before every request that is waiting and not urgent.
   */
  run<R>(request: WorkerRequest, options?: { urgent?: boolean }): Promise<R>;
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

/** A request waiting for a thread: it starts when one is free. */
type Waiting = () => void;
const urgentQueue: Waiting[] = [];
const queue: Waiting[] = [];
/** Requests handed to tinypool and not yet settled. */
let running = 0;

/** Hands tinypool waiting requests, urgent ones first, while it has a free thread for them. */
function startWaiting(): void {
  while (running < poolSize()) {
    const next = urgentQueue.shift() ?? queue.shift();
    if (!next) return;
    running++;
    next();
  }
}

const handle: WorkerPool = {
  run<R>(request: WorkerRequest, options: { urgent?: boolean } = {}): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let settled = false;
      let started = false;
      const finish = () => {
        if (settled) return false;
        settled = true;
        inFlight.delete(settle);
        if (started) {
          running--;
          startWaiting();
        }
        return true;
      };
      const settle = (error: Error) => {
        if (finish()) reject(error);
      };
      inFlight.add(settle);
      const start = () => {
        started = true;
        if (settled) {
          running--;
          return;
        }
        const current = pool();
        (current.run(request, { name: request.kind }) as Promise<R>).then(
          (result) => {
            if (finish()) resolve(result);
          },
          (error: unknown) => settle(error instanceof Error ? error : new Error(String(error))),
        );
        watchThreads(current);
      };
      (options.urgent ? urgentQueue : queue).push(start);
      startWaiting();
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
