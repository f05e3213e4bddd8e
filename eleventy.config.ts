// Eleventy's configuration: wiring only. The build (src/build/pipeline.ts) loads and validates
// content/ first and hands Eleventy the result as global data; Eleventy reads nothing but the
// `.11ty.tsx` templates in templates/. Every decision lives in src/ (see docs/architecture.md).
import { registerJsxTemplates } from "./src/eleventy/jsx.ts";

/** The subset of Eleventy's UserConfig used here (Eleventy ships no types for it). */
interface UserConfig {
  addExtension(extensions: string | string[], options: Record<string, unknown>): void;
  addTemplateFormats(formats: string | string[]): void;
  setTemplateFormats(formats: string | string[]): void;
  ignores: { add(glob: string): void };
  setUseGitIgnore(use: boolean): void;
  setQuietMode(quiet: boolean): void;
  configureTemplateHandling(options: { writeMode?: "sync" | "async" }): void;
}

export default function configure(eleventyConfig: UserConfig): void {
  // Templates only: no Markdown, Nunjucks or Liquid ever runs over anything.
  eleventyConfig.setTemplateFormats([]);
  registerJsxTemplates(eleventyConfig);
  // Stylesheet, fonts and scripts are copied by the build itself (step 4), not processed.
  eleventyConfig.ignores.add("assets/**");
  eleventyConfig.setUseGitIgnore(false);
  eleventyConfig.setQuietMode(true);
  // Pages are written in the file system's threads, not one after another on the main thread.
  eleventyConfig.configureTemplateHandling({ writeMode: "async" });
}
