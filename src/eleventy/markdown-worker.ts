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
    const html = job.meetings.map(([sourcePath, bodies]) => {
      const context: MarkdownContext = { pathPrefix, sourcePath, resolveMeetingLink };
      return bodies.map((body) => renderMarkdown(body, context));
    });
    reply = { id: job.id, html };
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(reply);
});
