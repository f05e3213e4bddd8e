// Markdown in a thread of the worker pool (src/workers/pool.ts, through src/workers/entry.mjs):
// renders items' Markdown with the project's one renderer (src/render/markdown.ts), exactly as a
// template would in the main thread. See item-html.ts.
import { renderMarkdown, type MarkdownContext } from "../render/markdown.ts";
import { createMeetingLinkResolverFromTargets } from "../trust/meeting-links.ts";
import { readBuildData } from "../workers/build-data.ts";
import type { MarkdownBuildData, MarkdownReply, MarkdownRequest } from "../workers/requests.ts";

/** The HTML of a batch of meetings' open items, and what each meeting's links resolved to (for the render cache, src/build/cache/pages.ts). */
export function render(request: MarkdownRequest): MarkdownReply {
  const { pathPrefix, resolveMeetingLink } = readBuildData(request.build, (value) => {
    const data = value as MarkdownBuildData;
    return { pathPrefix: data.pathPrefix, resolveMeetingLink: createMeetingLinkResolverFromTargets(data.targets) };
  });
  const links: [string, string | null][][] = [];
  const html = request.meetings.map(([sourcePath, bodies]) => {
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
  return { html, links };
}
