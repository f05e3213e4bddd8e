// The project's own markdown-it instance: raw HTML off, no template language, safe links.
// (Eleventy's default instance turns HTML on; we never hand Markdown to Eleventy.)
import MarkdownIt from "markdown-it";

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** Renders one item's Markdown to HTML. Raw HTML in the source is shown as text. */
export function renderMarkdown(source: string): string {
  return md.render(source);
}
