// A Markdown worker thread: renders items' Markdown with the project's one renderer
// (src/render/markdown.ts), exactly as a template would in the main thread. See item-html.ts.
import { parentPort, workerData } from "node:worker_threads";
import { renderMarkdown, type MarkdownContext } from "../render/markdown.ts";
import { createMeetingLinkResolverFromTargets } from "../trust/meeting-links.ts";
import type { MarkdownJob, MarkdownReply, MarkdownWorkerData } from "./item-html.ts";

const { pathPrefix, targets } = workerData as MarkdownWorkerData;
const resolveMeetingLink = createMeetingLinkResolverFromTargets(targets);

parentPort?.on("message", (job: MarkdownJob) => {
  let reply: MarkdownReply;
  try {
    // What each meeting's links resolved to, for the render cache (src/build/cache/pages.ts).
    const links: [string, string | null][][] = [];
    const html = job.meetings.map(([sourcePath, bodies]) => {
      const asked: [string, string | null][] = [];
      links.push(asked);
      const record = (href: string, from: string) => {
        const resolved = resolveMeetingLink(href, from);
        asked.push([href, resolved ?? null]);
        return resolved;
      };
      const context: MarkdownContext = { pathPrefix, sourcePath, resolveMeetingLink: record };
      return bodies.map((body) => renderMarkdown(body, context));
    });
    reply = { id: job.id, html, links };
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(reply);
});
