// Step 4 of the build: the files that are copied, not rendered. Attachments lie beside their
// meeting page, logos in their municipality's folder, templates/assets/ under /assets/. Content
// files are copied through a descriptor that never follows a link.
import { createReadStream, createWriteStream, statSync } from "node:fs";
import { cp, mkdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { openRegularFile } from "../content/files.ts";
import { publishedFiles } from "../minutes/files.ts";
import type { Kommune } from "../minutes/model.ts";
import { attachmentOutputPath, logoOutputPath } from "../site/urls.ts";
import { eachLimited } from "./each-limited.ts";

/** One file to copy: absolute source, output path relative to the site folder. */
export interface CopyJob {
  from: string;
  to: string;
}

/** Every attachment and logo of the given municipalities. Closed items never have files copied. */
export function listCopyJobs(kommuner: readonly Kommune[]): CopyJob[] {
  const jobs: CopyJob[] = [];
  for (const kommune of kommuner) {
    const logo = logoOutputPath(kommune);
    if (logo && kommune.look.logoSourcePath) jobs.push({ from: kommune.look.logoSourcePath, to: logo });
    for (const council of kommune.councils) {
      for (const meeting of council.meetings) {
        for (const attachment of publishedFiles(meeting)) {
          jobs.push({ from: attachment.sourcePath, to: attachmentOutputPath(meeting, attachment) });
        }
      }
    }
  }
  return jobs;
}

/** Copies the jobs into `siteDir`, a few at a time. */
export async function copyFiles(jobs: readonly CopyJob[], siteDir: string, concurrency = 16): Promise<void> {
  const made = new Set<string>();
  await eachLimited(jobs, concurrency, async (job) => {
    const target = join(siteDir, job.to);
    const folder = dirname(target);
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    await copyRegularFile(job.from, target);
  });
}

/**
 * Copies a file of the content folder through a descriptor opened without following links
 * (src/content/files.ts): the loader refused links, FIFOs and devices, and a file swapped for one
 * since then is refused here rather than copied from outside the content.
 */
async function copyRegularFile(from: string, to: string): Promise<void> {
  const fd = openRegularFile(from);
  await pipeline(createReadStream("", { fd, autoClose: true }), createWriteStream(to));
}

/**
 * The kinds of file templates/assets/ publishes: what a browser loads as a page's stylesheet,
 * script, image or font. Everything else there (type declarations such as `search-core.d.ts`,
 * source maps, notes, an editor's backup file) stays out of the site.
 */
export const PUBLISHED_ASSET_TYPES: readonly string[] = [".css", ".js", ".mjs", ".svg", ".png", ".ico", ".webp", ".woff2"];

/** True for an asset file the site publishes (by name: dot files and `*.d.ts` never). */
export function isPublishedAsset(name: string): boolean {
  if (name.startsWith(".")) return false;
  const lower = name.toLowerCase();
  return PUBLISHED_ASSET_TYPES.some((type) => lower.endsWith(type));
}

/** Copies the published files of a folder of static assets (stylesheet, scripts) to `<siteDir>/assets/`. */
export async function copyAssets(assetsDir: string, siteDir: string): Promise<void> {
  await cp(assetsDir, join(siteDir, "assets"), {
    recursive: true,
    errorOnExist: false,
    force: true,
    // Folders are walked (their files are filtered in turn); dot folders are not.
    filter: (source) => source === assetsDir || (basename(source).startsWith(".") ? false : isDirectorySync(source) || isPublishedAsset(basename(source))),
  });
}

function isDirectorySync(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
