// Eleventy's `.11ty.tsx` templates: Eleventy imports the module as it would an `.11ty.js`
// template (the process runs under tsx, which compiles the TSX), the module's default export
// returns Preact JSX, and preact-render-to-string turns it into HTML, escaping every string.
// https://www.11ty.dev/docs/languages/jsx/
import { renderToStaticMarkup } from "preact-render-to-string";
import type { VNode } from "preact";
import type { RenderHooks } from "./data.ts";

/** The part of Eleventy's UserConfig this adapter uses. */
export interface ExtensionConfig {
  addExtension(extensions: string | string[], options: Record<string, unknown>): void;
  addTemplateFormats(formats: string | string[]): void;
  addTransform?(name: string, transform: (this: { page?: { outputPath?: unknown; inputPath?: unknown } }, content: unknown) => unknown): void;
}

/** The doctype Preact cannot print itself. */
export const DOCTYPE = "<!doctype html>\n";

/** Renders a template's result: a Preact tree becomes HTML; a tree rooted in <html> gets a doctype. */
export function renderTemplateResult(result: unknown): string {
  if (typeof result === "string") return result;
  const html = renderToStaticMarkup(result as VNode);
  return html.startsWith("<html") ? `${DOCTYPE}${html}\n` : html;
}

/** The output file of a page's data, when it has one (`permalink: false` has none). */
function outputPathOf(data: unknown): string | undefined {
  const outputPath = (data as { page?: { outputPath?: unknown } } | undefined)?.page?.outputPath;
  return typeof outputPath === "string" ? outputPath : undefined;
}

/** The file a page is made from (Eleventy's `page.inputPath`). */
function inputPathOf(data: unknown): string | undefined {
  const inputPath = (data as { page?: { inputPath?: unknown } } | undefined)?.page?.inputPath;
  return typeof inputPath === "string" ? inputPath : undefined;
}

/** Whether the page is wrapped in an Eleventy layout (`layout` in its data): then its HTML is not the page yet. */
function hasLayout(data: unknown): boolean {
  return Boolean((data as { layout?: unknown } | undefined)?.layout);
}

/**
 * Registers `.11ty.tsx` as a template format. With `hooks` (the build's: src/eleventy/data.ts
 * `forTemplates`), a page first waits for what it needs and gets its extra data (a meeting page
 * its items' HTML). A page's HTML becomes UTF-8 bytes; when the build writes its pages itself
 * (`hooks.write`: it runs Eleventy dry), the page is written at once and Eleventy keeps an empty
 * string, else the bytes reach Eleventy, which writes them. A page in an Eleventy layout gives its
 * HTML to the layout, and the finished page is written by a transform, as a page of any other
 * template language (a web team's Markdown or Nunjucks page) is.
 */
export function registerJsxTemplates(eleventyConfig: ExtensionConfig, hooks?: RenderHooks): void {
  const written = new Set<string>();
  eleventyConfig.addExtension(["11ty.tsx"], {
    key: "11ty.js",
    compile() {
      return async function (this: { defaultRenderer(data: unknown): Promise<unknown> }, data: unknown) {
        const extras = hooks ? await hooks.prepare(data) : undefined;
        const html = renderTemplateResult(await this.defaultRenderer(extras ? { ...(data as object), ...extras } : data));
        if (hasLayout(data)) return html;
        // Eleventy renders every page before it writes the first, and holds each page's content
        // until it is done: written here, a page's bytes are garbage as soon as they are on disk.
        // (As UTF-8 bytes outside the JavaScript heap, a page takes half the memory of the string.)
        const bytes = Buffer.from(html, "utf8");
        const outputPath = outputPathOf(data);
        if (!hooks?.write || outputPath === undefined) return bytes;
        written.add(outputPath);
        await hooks.write(outputPath, bytes, inputPathOf(data));
        return "";
      };
    },
  });
  eleventyConfig.addTemplateFormats(["11ty.tsx"]);
  const write = hooks?.write;
  if (write && eleventyConfig.addTransform) {
    // Every other page (in a layout, or of another template language) is written when finished.
    eleventyConfig.addTransform("referat-write-page", async function (content) {
      const outputPath = this.page?.outputPath;
      if (typeof outputPath !== "string" || written.has(outputPath)) return content;
      await write(outputPath, Buffer.isBuffer(content) ? content : Buffer.from(String(content), "utf8"), inputPathOf({ page: this.page }));
      return "";
    });
  }
}
