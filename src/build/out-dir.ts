// Which folders `--out` may name. A build replaces its output folder as a whole, so `--out` must be
// a folder of its own for the built site: never the content, the project's sources, the working
// tree's top level, the home folder or `/`, nor a folder that holds or lies in one of them
// (docs/trust.md "The output folder"). Checked before anything is read (`referat build` and
// `referat serve` exit 2) and again by the pipeline for callers of its API.
import { existsSync, lstatSync, realpathSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join, parse, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** The project's own folder (where package.json, src/ and templates/ are). */
export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/[\\/]$/, "");

/** The project's sources and tools: a build must never write into, over or around them. */
const SOURCE_FOLDERS = ["src", "templates", "scripts", "test", "docs", "bin", ".git", "node_modules"];

/** Whether `inner` is `outer` or lies inside it. */
export function isInside(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}

/** The top of the git working tree that holds `folder`, if any. */
function gitTopLevel(folder: string): string | undefined {
  for (let dir = folder; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

/** `path` with its existing part resolved through links (the rest as written). */
function realPath(path: string): string {
  let existing = path;
  const rest: string[] = [];
  while (!existsSync(existing) && dirname(existing) !== existing) {
    rest.unshift(basename(existing));
    existing = dirname(existing);
  }
  try {
    return join(realpathSync(existing), ...rest);
  } catch {
    return path;
  }
}

interface Guarded {
  path: string;
  /** How the message names it. */
  name: string;
  /** Whether `--out` may lie inside it (a working tree's top level, the home folder) but not be it or hold it. */
  mayHoldOut: boolean;
}

/**
 * Why `outDir` cannot be the output folder, in Danish, or undefined when it can. `contentDir` is
 * the content folder of the build; `cwd` the folder the command runs in.
 */
export function outDirProblem(outDir: string, contentDir: string, cwd: string = process.cwd()): string | undefined {
  const out = resolve(cwd, outDir);
  const guarded: Guarded[] = [];
  const add = (path: string, name: string, mayHoldOut: boolean) => {
    guarded.push({ path, name, mayHoldOut });
    const real = realPath(path);
    if (real !== path) guarded.push({ path: real, name, mayHoldOut });
  };
  add(resolve(cwd, contentDir), "indholdsmappen", false);
  for (const folder of SOURCE_FOLDERS) add(join(PROJECT_ROOT, folder), `projektets ${folder}/`, false);
  add(PROJECT_ROOT, "projektets mappe", true);
  add(cwd, "den mappe, kommandoen køres i", true);
  const top = gitTopLevel(cwd);
  if (top) {
    add(top, "arbejdsmappens øverste niveau", true);
    add(join(top, ".git"), "git-mappen .git", false);
  }
  add(homedir(), "din hjemmemappe", true);
  add(parse(out).root, `rodmappen ${parse(out).root}`, true);

  const shownOut = `--out "${outDir}"`;
  const outs = [...new Set([out, realPath(out)])];
  for (const candidate of outs) {
    for (const { path, name, mayHoldOut } of guarded) {
      const what = `${name} (${path})`;
      if (candidate === path) return `${shownOut} er ${what}; ${WHY}`;
      if (isInside(path, candidate)) return `${shownOut} indeholder ${what}; ${WHY}`;
      if (!mayHoldOut && isInside(candidate, path)) return `${shownOut} ligger i ${what}; ${WHY}`;
    }
  }
  let kind: string | undefined;
  try {
    const stats = lstatSync(out);
    if (!stats.isDirectory() && !stats.isSymbolicLink()) kind = "en fil";
  } catch {
    // Not there yet: the build makes it.
  }
  if (kind) return `${shownOut} er ${kind}, ikke en mappe; ${WHY}`;
  return undefined;
}

const WHY = "hver bygning erstatter --out-mappen helt, så den skal være en mappe kun til det byggede site. Vælg en anden mappe, fx --out _site";
