// The project's own markdown-it instance: raw HTML off, no template language, safe links.
// (Eleventy's default instance turns HTML on; we never hand Markdown to Eleventy.)
import MarkdownIt from "markdown-it";

/** What rendering one item's Markdown needs to know about where it stands. */
export interface MarkdownContext {
  /** The site's path prefix, e.g. "/" or "/referater/". */
  pathPrefix: string;
  /** The meeting's source file, relative to the content folder (`gladsaxe/udsatteraadet/2023/2023-09-06.md`). */
  sourcePath: string;
  /**
   * Resolves a link the secretary wrote to another meeting (a content path such as
   * `../2023/2023-11-21.md#punkt-4` or an address such as `/gladsaxe/udsatteraadet/2023-11-21/`)
   * to a site-relative address without prefix, or undefined when it names no meeting.
   */
  resolveMeetingLink?: (href: string, fromSourcePath: string) => string | undefined;
}

const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** Renders one item's Markdown to HTML. Raw HTML in the source is shown as text. */
export function renderMarkdown(source: string, _context?: MarkdownContext): string {
  return md.render(source);
}
