// Items' Markdown rendered to HTML ahead of Eleventy, in worker threads: markdown-it is the
// largest single cost of a meeting page, and the main thread is busy with Eleventy itself. The
// workers run the project's own renderer (src/render/markdown.ts) with the same context the
// template would give it, so a page is byte for byte what rendering in the template makes; the
// meeting template uses the HTML when it is there and renders the Markdown itself otherwise
// (the dev server, tests). Meetings are sent in the order Eleventy renders them, and a page waits
// (src/eleventy/jsx.ts) only for its own meeting's HTML.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { Archive, Meeting } from "../minutes/model.ts";
import type { MeetingPage } from "../site/pages.ts";
import { meetingLinkTargets } from "../trust/meeting-links.ts";

/** What a worker is started with. */
export interface MarkdownWorkerData {
  pathPrefix: string;
  /** [content path, address] of every meeting: what links between meetings resolve against. */
  targets: [string, string][];
}

/** A batch of meetings: [content path, the open items' Markdown]. */
export interface MarkdownJob {
  id: number;
  meetings: [string, string[]][];
}

/** The HTML of each meeting's open items, and what each meeting's links resolved to ([href, address or null]). */
export type MarkdownReply = { id: number; html: string[][]; links: [string, string | null][][] } | { id: number; error: string };

/** The pre-rendered HTML of the open items of meetings. */
export interface ItemHtml {
  /** Settles when the meeting's HTML is ready (or at once when it is not being prepared). */
  ready(meeting: Meeting): Promise<void>;
  /** The HTML of the meeting's open items, in order, handed over once (then forgotten); undefined if not prepared. */
  take(meeting: Meeting): string[] | undefined;
  /** Stops the workers. */
  close(): Promise<void>;
}

/** The bodies of a meeting the template renders: its open items', in order. */
export function openBodies(meeting: Meeting): string[] {
  return meeting.items.filter((item) => !item.closed).map((item) => item.body);
}

const WORKER_URL = new URL("./markdown-worker.mjs", import.meta.url);
/** About this much Markdown per message: large enough to cost little, small enough to start soon. */
const BATCH_CHARS = 256 * 1024;
/** How many batches the workers may be ahead of the last page that asked for its HTML. */
const WINDOW = 8;

export interface PrerenderOptions {
  pathPrefix: string;
  /** Worker threads (default: one per core beyond the main thread's, at least one). */
  workers?: number;
  /** Told what each link to another meeting resolved to, by the content path of the meeting that wrote it. */
  onLink?: (fromSourcePath: string, href: string, resolved: string | undefined) => void;
}

/** Starts rendering the open items of every meeting page, in page order, in worker threads. */
export function prerenderItemHtml(archive: Archive, pages: readonly MeetingPage[], options: PrerenderOptions): ItemHtml {
  const results = new Map<Meeting, string[]>();
  const waiting = new Map<Meeting, Promise<void>>();
  const batchOf = new Map<Meeting, number>();
  const batches: { job: MarkdownJob; meetings: Meeting[]; resolve: () => void; reject: (error: Error) => void }[] = [];

  let current: { meetings: Meeting[]; job: MarkdownJob; chars: number } | undefined;
  const seal = () => {
    if (!current) return;
    const { job, meetings } = current;
    let resolve!: () => void;
    let reject!: (error: Error) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A page that never asks must not turn a failure into an unhandled rejection.
    done.catch(() => {});
    for (const meeting of meetings) {
      waiting.set(meeting, done);
      batchOf.set(meeting, batches.length);
    }
    batches.push({ job, meetings, resolve, reject });
    current = undefined;
  };
  for (const page of pages) {
    const meeting = page.meeting;
    if (waiting.has(meeting) || current?.meetings.includes(meeting)) continue;
    const bodies = openBodies(meeting);
    current ??= { meetings: [], job: { id: batches.length, meetings: [] }, chars: 0 };
    current.meetings.push(meeting);
    current.job.meetings.push([meeting.sourcePath, bodies]);
    current.chars += bodies.reduce((n, body) => n + body.length, 0);
    if (current.chars >= BATCH_CHARS) seal();
  }
  seal();

  const count = Math.max(1, Math.min(options.workers ?? availableParallelism() - 1, batches.length));
  const workerData: MarkdownWorkerData = { pathPrefix: options.pathPrefix, targets: meetingLinkTargets(archive) };
  const workers: Worker[] = [];
  let next = 0;
  let failed: Error | undefined;

  const fail = (error: Error) => {
    failed ??= error;
    for (const batch of batches) batch.reject(failed);
  };
  // Workers stay at most WINDOW batches ahead of the pages that ask: HTML rendered far ahead would
  // only wait in this thread's heap (and be copied on by its garbage collector) until its page came.
  let wanted = 0;
  const idle: Worker[] = [];
  const feed = (worker: Worker) => {
    if (failed || next >= batches.length) {
      void worker.terminate();
      return;
    }
    if (next > wanted + WINDOW) {
      idle.push(worker);
      return;
    }
    worker.postMessage((batches[next++] as (typeof batches)[number]).job);
  };

  if (batches.length > 0) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(WORKER_URL, { workerData });
      worker.unref();
      worker.on("message", (reply: MarkdownReply) => {
        const batch = batches[reply.id];
        if (!batch) return;
        if ("error" in reply) {
          fail(new Error(`Markdown worker: ${reply.error}`));
          return;
        }
        batch.meetings.forEach((meeting, index) => {
          results.set(meeting, reply.html[index] ?? []);
          for (const [href, resolved] of reply.links[index] ?? []) options.onLink?.(meeting.sourcePath, href, resolved ?? undefined);
        });
        // The job's Markdown is no longer needed here.
        batch.job.meetings = [];
        batch.resolve();
        feed(worker);
      });
      worker.on("error", (error) => fail(error));
      worker.on("exit", (code) => {
        if (code !== 0 && next < batches.length) fail(new Error(`Markdown worker stopped (${code})`));
      });
      workers.push(worker);
      feed(worker);
    }
  }

  return {
    ready(meeting) {
      const index = batchOf.get(meeting);
      if (index === undefined) return Promise.resolve();
      if (index > wanted) {
        wanted = index;
        while (idle.length > 0 && next <= wanted + WINDOW) feed(idle.shift() as Worker);
      }
      return waiting.get(meeting) as Promise<void>;
    },
    take(meeting) {
      const html = results.get(meeting);
      if (html) results.delete(meeting);
      return html;
    },
    async close() {
      failed ??= new Error("closed");
      idle.length = 0;
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
