// A small pool of worker threads (src/content/worker.ts) for the loader and the CPR guard: parsing
// and validating thousands of meeting files, and extracting the text of attachments, are CPU work
// that one thread cannot spread over the machine's cores. Requests and results are plain data,
// structured-cloned. Starting a worker costs a few hundred milliseconds (it loads the compiled
// worker code, src/workers/compiled.mjs, and the packages it uses), so callers use the pool only
// for large jobs; an idle pool stays alive briefly, so that the CPR guard
// right after the loader gets the same workers, and does not keep the process alive.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

interface Task {
  message: unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task?: Task | undefined;
}

const ENTRY = new URL("./worker-entry.mjs", import.meta.url);
const IDLE_MS = 1500;

/** Node flags for the workers: the parent's, without loaders (the entry registers tsx itself). */
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
  return args;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private closed = false;
  private failure: unknown;

  constructor(size: number) {
    for (let i = 0; i < size; i++) this.spawn();
  }

  /** Workers that have started and can take work. */
  get readyCount(): number {
    return this.slots.filter((slot) => slot.ready).length;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Starts more workers until there are `size`. */
  grow(size: number): void {
    for (let i = this.slots.length; i < size && !this.closed; i++) this.spawn();
  }

  private spawn(): void {
    let worker: Worker;
    try {
      worker = new Worker(ENTRY, { execArgv: workerExecArgv() });
    } catch {
      try {
        // Flags a worker may not take (e.g. --expose-gc): start it without the parent's flags.
        worker = new Worker(ENTRY, { execArgv: [] });
      } catch (error) {
        this.failure = error;
        return;
      }
    }
    const slot: Slot = { worker, ready: false };
    this.slots.push(slot);
    worker.on("message", (message: { ready?: true; ok?: boolean; result?: unknown; error?: string }) => {
      if (message.ready) {
        slot.ready = true;
      } else {
        const task = slot.task;
        slot.task = undefined;
        if (message.ok) task?.resolve(message.result);
        else task?.reject(new Error(message.error ?? "worker failed"));
      }
      this.dispatch();
    });
    const fail = (error: unknown) => {
      const index = this.slots.indexOf(slot);
      if (index === -1) return;
      this.slots.splice(index, 1);
      slot.task?.reject(error);
      slot.task = undefined;
      if (this.slots.length === 0) {
        this.failure = error;
        for (const task of this.queue.splice(0)) task.reject(error);
      }
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`worker stopped (${code})`)));
    worker.unref();
  }

  /** Sends one request to the next free worker; resolves with its result. */
  run<R>(message: unknown): Promise<R> {
    if (this.closed || this.slots.length === 0) {
      return Promise.reject(this.failure instanceof Error ? this.failure : new Error("the worker pool is closed", { cause: this.failure }));
    }
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ message, resolve: resolve as (value: unknown) => void, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.task) continue;
      const task = this.queue.shift();
      if (!task) break;
      slot.task = task;
      slot.worker.ref();
      slot.worker.postMessage(task.message);
    }
    // A worker with a task keeps the process alive, and so does every worker while tasks wait (the
    // workers still starting among them: their "ready" must be heard, or a process with nothing
    // else to do would end, exit code 13, with the tasks unanswered). An idle pool does not.
    const waiting = this.queue.length > 0;
    for (const slot of this.slots) {
      if (slot.task || waiting) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  get idle(): boolean {
    return this.queue.length === 0 && this.slots.every((slot) => !slot.task);
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const task of this.queue.splice(0)) task.reject(new Error("the worker pool is closed"));
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }
}

let shared: { pool: WorkerPool; users: number; timer?: NodeJS.Timeout | undefined } | undefined;

/** How many workers to use: one per core, at most `max`. */
export function poolSize(max = 4): number {
  return Math.max(1, Math.min(max, availableParallelism()));
}

/** The shared pool (started, or grown to `size` workers, if need be); give it back with releasePool. */
export function acquirePool(size = poolSize()): WorkerPool {
  if (shared && shared.pool.size === 0) shared = undefined;
  if (!shared) shared = { pool: new WorkerPool(size), users: 0 };
  else shared.pool.grow(size);
  clearTimeout(shared.timer);
  shared.timer = undefined;
  shared.users++;
  return shared.pool;
}

/** Gives the shared pool back; it closes after a short idle time when nobody else uses it. */
export function releasePool(pool: WorkerPool): void {
  if (!shared || shared.pool !== pool) {
    void pool.close();
    return;
  }
  shared.users--;
  if (shared.users > 0) return;
  const current = shared;
  current.timer = setTimeout(() => {
    if (shared === current && current.users === 0) {
      shared = undefined;
      void current.pool.close();
    }
  }, IDLE_MS);
  current.timer.unref();
}
