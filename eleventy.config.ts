// Eleventy's configuration: wiring only. The build (src/build/pipeline.ts) loads and validates
// content/ first and hands Eleventy the site's view models as the global data `referat`
// (src/site/view.ts `SiteView`); Eleventy reads nothing but the templates in templates/. Every
// decision lives in src/ (see docs/architecture.md). The build calls this function with its
// render hooks (src/eleventy/data.ts `RenderHooks`: waiting for a page's items' HTML, writing the
// page); the templates never see them.
import type { RenderHooks } from "./src/eleventy/data.ts";
import { registerJsxTemplates } from "./src/eleventy/jsx.ts";

/** The subset of Eleventy's UserConfig used here (Eleventy ships no types for it). */
interface UserConfig {
  addExtension(extensions: string | string[], options: Record<string, unknown>): void;
  addTemplateFormats(formats: string | string[]): void;
  setTemplateFormats(formats: string | string[]): void;
  addTransform(name: string, transform: (this: { page?: { outputPath?: unknown; inputPath?: unknown } }, content: unknown) => unknown): void;
  ignores: { add(glob: string): void };
  setUseGitIgnore(use: boolean): void;
  setQuietMode(quiet: boolean): void;
  configureTemplateHandling(options: { writeMode?: "sync" | "async" }): void;
}

export default function configure(eleventyConfig: UserConfig, hooks?: RenderHooks): void {
  // Eleventy reads only the templates folder (never content/, whose Markdown the build renders
  // itself): our `.11ty.tsx` pages, and a web team's Markdown, Nunjucks and `.11ty.tsx` pages
  // (`--templates`, docs/templates.md), which wear the site's frame through the layout
  // `side.11ty.tsx` in templates/_includes/.
  eleventyConfig.setTemplateFormats(["md", "njk"]);
  registerJsxTemplates(eleventyConfig, hooks);
  // Stylesheet, fonts and scripts are copied by the build itself (step 4), not processed.
  eleventyConfig.ignores.add("assets/**");
  eleventyConfig.setUseGitIgnore(false);
  eleventyConfig.setQuietMode(true);
  // Pages are written in the file system's threads, not one after another on the main thread.
  eleventyConfig.configureTemplateHandling({ writeMode: "async" });
}
