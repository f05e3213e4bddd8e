// The benchmark's baseline: plain Eleventy 3 on the same Markdown, with one layout and no logic.
// The layout is applied to every meeting by a directory data file that scripts/bench/run.ts writes
// at the root of the generated content folder for the baseline run only
// (`<content>/<name>.11tydata.json` = {"layout": "meeting.njk"}), then removes.
//
//   eleventy --config=scripts/bench/baseline/eleventy.config.js --input=<content> --output=<dir>
//   pagefind --site <dir>
//
// The layout and the search page are virtual templates (files beside this config), so nothing of
// the baseline has to live inside the content folder.
import { readFileSync } from "node:fs";

const here = (name) => readFileSync(new URL(name, import.meta.url), "utf8");

export default function (eleventyConfig) {
  // The generated archives live in bench-out/, which .gitignore lists; Eleventy skips ignored files.
  eleventyConfig.setUseGitIgnore(false);
  eleventyConfig.addTemplate("_includes/meeting.njk", here("./meeting.njk"));
  eleventyConfig.addTemplate("soeg/index.html", here("./soeg.html"), { layout: false, permalink: "/soeg/index.html" });
}
