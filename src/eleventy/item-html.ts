// Items' Markdown rendered to HTML ahead of Eleventy, in the worker pool's threads
// (src/workers/pool.ts): markdown-it is the largest single cost of a meeting page, and the main
// thread is busy with Eleventy itself. The threads run the project's own renderer
// (src/render/markdown.ts, through src/eleventy/markdown-worker.ts) with the same context the
// template would give it, so a page is byte for byte what rendering in the template makes; the
// meeting template uses the HTML when it is there and renders the Markdown itself otherwise (the
// dev server, tests, and a batch whose request failed). Meetings are sent in the order Eleventy
// renders them, as urgent requests (ahead of the CPR guard's attachments), and a page waits
// (src/eleventy/jsx.ts) only for its own meeting's HTML.
import type { Archive, Meeting } from "../minutes/model.ts";
import type { MeetingPage } from "../site/pages.ts";
import { meetingLinkTargets } from "../trust/meeting-links.ts";
import { shareBuildData } from "../workers/build-data.ts";
import { acquirePool, poolSize, releasePool } from "../workers/pool.ts";
import type { MarkdownBuildData, MarkdownReply } from "../workers/requests.ts";

/** The pre-rendered HTML of the open items of meetings. */
export interface ItemHtml {
  /** Settles when the meeting's HTML is ready (or at once when it is not being prepared). */
  ready(meeting: Meeting): Promise<void>;
  /** The HTML of the meeting's open items, in order, handed over once (then forgotten); undefined if not prepared. */
  take(meeting: Meeting): string[] | undefined;
  /** Sends no more requests (those under way finish in the pool, unheard). */
  close(): Promise<void>;
}

/** The bodies of a meeting the template renders: its open items', in order. */
export function openBodies(meeting: Meeting): string[] {
  return meeting.items.filter((item) => !item.closed).map((item) => item.body);
}

/** About this much Markdown per message: large enough to cost little, small enough to start soon. */
const BATCH_CHARS = 256 * 1024;
/** How many batches the workers may be ahead of the last page that asked for its HTML. */
const WINDOW = 8;

export interface PrerenderOptions {
  pathPrefix: string;
  /** Requests in the pool at once (default: one per pool thread beyond one, at least one, so the CPR guard beside keeps a thread). */
  workers?: number;
  /** Told what each link to another meeting resolved to, by the content path of the meeting that wrote it. */
  onLink?: (fromSourcePath: string, href: string, resolved: string | undefined) => void;
}

/** Starts rendering the open items of every meeting page, in page order, in the worker pool's threads. */
export function prerenderItemHtml(archive: Archive, pages: readonly MeetingPage[], options: PrerenderOptions): ItemHtml {
  const results = new Map<Meeting, string[]>();
  const waiting = new Map<Meeting, Promise<void>>();
  const batchOf = new Map<Meeting, number>();
  const batches: { meetings: Meeting[]; jobs: [string, string[]][]; done: () => void }[] = [];

  let current: { meetings: Meeting[]; jobs: [string, string[]][]; chars: number } | undefined;
  const seal = () => {
    if (!current) return;
    const { jobs, meetings } = current;
    let done!: () => void;
    const ready = new Promise<void>((resolve) => (done = resolve));
    for (const meeting of meetings) {
      waiting.set(meeting, ready);
      batchOf.set(meeting, batches.length);
    }
    batches.push({ jobs, meetings, done });
    current = undefined;
  };
  for (const page of pages) {
    const meeting = page.meeting;
    if (waiting.has(meeting) || current?.meetings.includes(meeting)) continue;
    const bodies = openBodies(meeting);
    current ??= { meetings: [], jobs: [], chars: 0 };
    current.meetings.push(meeting);
    current.jobs.push([meeting.sourcePath, bodies]);
    current.chars += bodies.reduce((n, body) => n + body.length, 0);
    if (current.chars >= BATCH_CHARS) seal();
  }
  seal();

  const pool = batches.length > 0 ? acquirePool() : undefined;
  const count = Math.max(1, Math.min(options.workers ?? poolSize() - 1, batches.length));
  const data: MarkdownBuildData = { pathPrefix: options.pathPrefix, targets: meetingLinkTargets(archive) };
  const build = batches.length > 0 ? shareBuildData(data) : undefined;
  let next = 0;
  let sent = 0;
  let closed = false;
  // Requests stay at most WINDOW batches ahead of the pages that ask: HTML rendered far ahead would
  // only wait in this thread's heap (and be copied on by its garbage collector) until its page came.
  let wanted = 0;
  const feed = () => {
    while (pool && build && !closed && sent < count && next < batches.length && next <= wanted + WINDOW) {
      const batch = batches[next++] as (typeof batches)[number];
      sent++;
      pool
        .run<MarkdownReply>({ kind: "markdown", build, meetings: batch.jobs }, { urgent: true })
        .then(
          (reply) => {
            batch.meetings.forEach((meeting, index) => {
              results.set(meeting, reply.html[index] ?? []);
              for (const [href, resolved] of reply.links[index] ?? []) options.onLink?.(meeting.sourcePath, href, resolved ?? undefined);
            });
          },
          // A failed request (a thread that failed, or Markdown the renderer refused): the template
          // renders these meetings itself, and meets the same error if there is one.
          () => undefined,
        )
        .finally(() => {
          // The batch's Markdown is no longer needed here.
          batch.jobs = [];
          batch.done();
          sent--;
          feed();
        });
    }
  };
  feed();

  return {
    ready(meeting) {
      const index = batchOf.get(meeting);
      if (index === undefined) return Promise.resolve();
      if (index > wanted) {
        wanted = index;
        feed();
      }
      return waiting.get(meeting) as Promise<void>;
    },
    take(meeting) {
      const html = results.get(meeting);
      if (html) results.delete(meeting);
      return html;
    },
    close() {
      if (!closed && pool) releasePool(pool);
      closed = true;
      // Pages that still wait are told the HTML is not coming: their templates render it.
      for (const batch of batches.slice(next)) batch.done();
      return Promise.resolve();
    },
  };
}
