// A web team's own templates (`--templates DIR`): Eleventy sees their files beside ours, and
// theirs win. Eleventy reads one input folder, so each build makes a folder of links: a link to
// every file of templates/ (its assets aside, which the copy stage publishes), then a link to
// every file of the web team's folder, put over ours where the path is the same. A page template,
// an Eleventy layout (`_includes/`) or a data file of theirs is then simply what Eleventy finds.
// A component or the page frame is not found by Eleventy but imported by our templates
// (`import { Layout } from "./_layout.tsx"`): for those, module resolution hooks
// (override-hooks.mjs) import their file wherever ours is imported, so their `_layout.tsx` or
// `_components/footer.tsx` is used by every page. Their files are code, run with the build's
// rights: see docs/templates.md.
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, symlink } from "node:fs/promises";
import { register } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { scanTextForCpr } from "../trust/cpr.ts";

/** The templates folder of this project. */
export const OUR_TEMPLATES = fileURLToPath(new URL("../../templates/", import.meta.url));

/** Folders of templates/ that are not templates (published by the copy stage), and never linked. */
const NOT_TEMPLATES = new Set(["assets"]);

/** The input folder Eleventy reads for one build, and the web team's folder if there is one. */
export interface TemplateInput {
  /** The folder Eleventy reads. */
  dir: string;
  /** The web team's folder (absolute, real path), when there is one. */
  own?: string;
  /** The web team's file a page was made from (Eleventy's `page.inputPath`), or undefined for a page of ours. */
  theirs(inputPath: string): string | undefined;
  /** Removes the folder of links (nothing when Eleventy reads templates/ itself). */
  close(): Promise<void>;
}

/** Every file under `dir`, relative to it, in a stable order; folders named in `skip` (at the top) are left out. */
export async function filesOf(dir: string, skip: ReadonlySet<string> = new Set()): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .filter((path) => !skip.has(path.split(sep)[0] ?? ""))
    .sort();
}

/** The web team's folder for which the resolution hooks are registered in this process (they cannot be taken back). */
let hooked: string | undefined;

/** Registers the hooks that let the web team's files shadow ours when imported (once a process, for one folder). */
function shadowImports(own: string): void {
  if (hooked === own) return;
  if (hooked !== undefined) throw new Error(`the templates of ${hooked} are already in use in this process; a build with ${own} needs a new process`);
  register(new URL("./override-hooks.mjs", import.meta.url), {
    data: { templates: pathToFileURL(OUR_TEMPLATES).href, own: pathToFileURL(own + sep).href },
  });
  hooked = own;
}

/** The web team's folder as an absolute real path, or a Danish error when it is no folder. */
export async function templatesFolder(dir: string): Promise<string> {
  const absolute = resolve(dir);
  const found = await stat(absolute).catch(() => undefined);
  if (!found?.isDirectory()) throw new Error(`mappen med webholdets skabeloner (--templates) findes ikke: ${dir}`);
  return realpath(absolute);
}

/**
 * Whether a web team's folder replaces a file of ours (a page template, the page frame, a
 * component): its code then runs on our pages and may show any of the site's data, which the
 * render cache's keys of our pages do not follow (src/build/stages.ts puts the whole archive in
 * every key then). A folder that only adds pages replaces nothing.
 */
export async function replacesOurs(templates: string): Promise<boolean> {
  const own = await templatesFolder(templates);
  const ours = new Set(await filesOf(OUR_TEMPLATES, NOT_TEMPLATES));
  return (await filesOf(own)).some((path) => ours.has(path));
}

/** What Eleventy reads: templates/ itself, or, with a web team's folder, a fresh folder of links to ours and theirs. */
export async function prepareTemplateInput(templates?: string): Promise<TemplateInput> {
  if (templates === undefined) return { dir: OUR_TEMPLATES, theirs: () => undefined, close: async () => {} };
  const own = await templatesFolder(templates);
  const ownFiles = await filesOf(own);
  await guardSources(own, ownFiles);
  shadowImports(own);
  const dir = await mkdtemp(join(tmpdir(), "referat-skabeloner-"));
  try {
    const links = new Map<string, string>();
    for (const path of await filesOf(OUR_TEMPLATES, NOT_TEMPLATES)) links.set(path, join(OUR_TEMPLATES, path));
    for (const path of ownFiles) links.set(path, join(own, path));
    for (const [path, target] of links) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await symlink(target, join(dir, path));
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  const theirs = new Set(ownFiles);
  return {
    dir,
    own,
    theirs(inputPath) {
      const path = relative(dir, resolve(inputPath));
      return theirs.has(path) ? join(own, path) : undefined;
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A file's path as the user wrote it: relative to the working folder when it is inside it. */
function shown(file: string): string {
  const path = relative(process.cwd(), file);
  return path && !path.startsWith("..") ? path : file;
}

/** The Danish sentence for a CPR-like number in what a web team wrote (`where`: "her", "på siden, som skabelonen laver,"). */
function cprMessage(where: string, masked: string): string {
  return `${where} står "${masked}", der ligner et CPR-nummer. CPR-numre må ikke offentliggøres: fjern det fra skabelonen`;
}

/** Every text file of the web team's folder is scanned for CPR numbers before anything is rendered (their components' text is on every page). */
async function guardSources(own: string, files: readonly string[]): Promise<void> {
  for (const path of files) {
    const bytes = await readFile(join(own, path));
    if (bytes.includes(0)) continue;
    const [found] = scanTextForCpr(bytes.toString("utf8"));
    if (found) throw new TemplateProblem(`${shown(join(own, path))}:${found.line}:${found.col}: ${cprMessage("her", found.masked)}.`);
  }
}

/** A problem a web team's file has, already in Danish and naming the file. */
export class TemplateProblem extends Error {}

/** Throws a Danish error when a page made from a web team's file holds a CPR-like number. */
export function guardPage(source: string, bytes: Buffer): void {
  const [found] = scanTextForCpr(bytes.toString("utf8"));
  if (found) throw new TemplateProblem(`${shown(source)}: ${cprMessage("på siden, som skabelonen laver,", found.masked)}.`);
}

/** How many lines a file's front matter takes (Nunjucks counts the lines of what follows it). */
function frontMatterLines(file: string): number {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return 0;
  }
  const lines = text.split("\n");
  if (lines[0]?.trim() !== "---") return 0;
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === "---");
  return end < 0 ? 0 : end + 1;
}

/** Every error in the chain: `cause`, Eleventy's `originalError`. */
function* chain(error: unknown, seen = new Set<unknown>()): Generator<unknown> {
  if (error === undefined || error === null || seen.has(error)) return;
  seen.add(error);
  yield error;
  if (typeof error !== "object") return;
  const record = error as { cause?: unknown; originalError?: unknown };
  yield* chain(record.cause, seen);
  yield* chain(record.originalError, seen);
}

/**
 * A failure of Eleventy in a web team's file, in Danish and naming their file (not the folder of
 * links the build made); any other failure as it was. The innermost error says what went wrong.
 */
export function explainTemplateError(error: unknown, input: TemplateInput): unknown {
  const own = input.own;
  if (!own) return error;
  const links = [...chain(error)];
  const known = links.find((link) => link instanceof TemplateProblem);
  if (known) return known;
  const texts = links.map((link) => (link instanceof Error ? `${link.message}\n${link.stack ?? ""}` : String(link)));
  // Their file: a path into the folder of links or into their own folder, in any message or stack.
  const paths = /(?:file:\/\/)?[^\s'"()[\]]*\.(?:11ty\.tsx|tsx|md|njk|json|js|mjs)/g;
  const theirs = (path: string) => {
    const file = path.startsWith("file://") ? fileURLToPath(path) : resolve(path);
    return file.startsWith(own + sep) ? file : input.theirs(file);
  };
  const source = texts.flatMap((text) => [...text.matchAll(paths)].map(([path]) => theirs(path))).find((file) => file !== undefined);
  if (!source) return error;
  const innermost = links.filter((link): link is Error => link instanceof Error).pop();
  // The reason without the paths of the folder of links, and Nunjucks' "[Line 1, Column 16]" as a position.
  let reason = (innermost?.message ?? String(error)).replace(paths, (path) => (theirs(path) ? "" : path));
  let position = "";
  reason = reason.replace(/\[Line (\d+), Column (\d+)\]/, (_, line: string, col: string) => {
    position = `:${Number(line) + frontMatterLines(source)}:${col}`;
    return "";
  });
  reason = reason
    .replace(/\(\s*\)|^[\s:]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return new Error(`${shown(source)}${position}: fejl i webholdets skabelon: ${reason}`, { cause: error });
}
