// Eleventy's `.11ty.tsx` templates: Eleventy imports the module as it would an `.11ty.js`
// template (the process runs under tsx, which compiles the TSX), the module's default export
// returns Preact JSX, and preact-render-to-string turns it into HTML, escaping every string.
// https://www.11ty.dev/docs/languages/jsx/
import { renderToStaticMarkup } from "preact-render-to-string";
import type { VNode } from "preact";
import { pageReady, pageWriterOf } from "./data.ts";

/** The part of Eleventy's UserConfig this adapter uses. */
export interface ExtensionConfig {
  addExtension(extensions: string | string[], options: Record<string, unknown>): void;
  addTemplateFormats(formats: string | string[]): void;
}

/** The doctype Preact cannot print itself. */
export const DOCTYPE = "<!doctype html>\n";

/** Renders a template's result: a Preact tree becomes HTML; a tree rooted in <html> gets a doctype. */
export function renderTemplateResult(result: unknown): string {
  if (typeof result === "string") return result;
  const html = renderToStaticMarkup(result as VNode);
  return html.startsWith("<html") ? `${DOCTYPE}${html}\n` : html;
}

/**
 * Registers `.11ty.tsx` as a template format. A page's HTML becomes UTF-8 bytes; when the site
 * writes its pages itself (SiteData.writePage: the build runs Eleventy dry), the page is written
 * at once and Eleventy keeps an empty string, else the bytes reach Eleventy, which writes them.
 */
export function registerJsxTemplates(eleventyConfig: ExtensionConfig): void {
  eleventyConfig.addExtension(["11ty.tsx"], {
    key: "11ty.js",
    compile() {
      return async function (this: { defaultRenderer(data: unknown): Promise<unknown> }, data: unknown) {
        await pageReady(data);
        // Eleventy renders every page before it writes the first, and holds each page's content
        // until it is done: written here, a page's bytes are garbage as soon as they are on disk.
        // (As UTF-8 bytes outside the JavaScript heap, a page takes half the memory of the string.)
        const bytes = Buffer.from(renderTemplateResult(await this.defaultRenderer(data)), "utf8");
        const writer = pageWriterOf(data);
        if (!writer) return bytes;
        await writer.writePage(writer.outputPath, bytes);
        return "";
      };
    },
  });
  eleventyConfig.addTemplateFormats(["11ty.tsx"]);
}
