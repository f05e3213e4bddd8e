// The search index of one municipality, made again after `referat serve` has updated some of its
// pages, in the background: the browser has been told to reload long before this finishes.
// It runs the build's own indexer (src/search/index.ts), in a process of its own at a lower
// priority (src/serve/search-child.ts), over a scratch folder beside the site whose council
// folders are links to the served ones, then swaps the new index folders (`<kommune>/pagefind/`,
// and `pagefind-N/` for the older parts of a split index, src/search/parts.ts) in for the old.
// The rest of the site is not touched; `soeg/indexes.json` only when the municipality's parts
// changed (a part added or its dates moved).
import { randomBytes } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync, unlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { setPriority } from "node:os";
import { mkdir, readdir, readFile, rename, rm, symlink, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Archive } from "../minutes/model.ts";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildSearchIndex, SEARCH_CONFIG_PATH, type SearchConfig } from "../search/index.ts";
import { isPartFolderName } from "../search/parts.ts";
import { writeAtomically } from "../fs/atomic.ts";

/** The niceness of the indexing process (0 normal, 19 lowest). */
const BACKGROUND_PRIORITY = 10;

export interface SearchRefreshOptions {
  /** The served site. */
  siteDir: string;
  archive: Archive;
  pathPrefix: string;
  kommune: string;
  /**
   * The content folder: index in a separate process at a lower priority, which loads the
   * municipality itself. Without it, the index is made in this process from `archive`.
   */
  contentDir?: string;
  /** Whether the result is still wanted (a full build since it started makes it stale). */
  stillWanted: () => boolean;
}

/** Scratch folders in use, with the links inside them (see `removeScratchSync`). */
const active = new Map<string, string[]>();

/** Removes the scratch folders of refreshes still running, links first (for a worker told to stop). */
export function removeScratchSync(): void {
  for (const child of children) child.kill("SIGKILL");
  for (const [scratch, links] of active) {
    for (const link of links) {
      try {
        unlinkSync(link);
      } catch {
        // already gone
      }
    }
    rmSync(scratch, { recursive: true, force: true });
  }
  active.clear();
}

const CHILD = fileURLToPath(new URL("./search-child.ts", import.meta.url));
/** Indexing processes running (ended by `removeScratchSync`). */
const children = new Set<ChildProcess>();

function runChild(job: { contentDir: string; scratch: string; kommune: string; pathPrefix: string }): Promise<number> {
  const require = createRequire(import.meta.url);
  const child = spawn(process.execPath, ["--import", pathToFileURL(require.resolve("tsx")).href, CHILD, JSON.stringify(job)], {
    cwd: process.cwd(),
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.add(child);
  try {
    if (child.pid !== undefined) setPriority(child.pid, BACKGROUND_PRIORITY);
  } catch {
    // Not allowed here: it runs at normal priority.
  }
  return new Promise((done) => {
    child.on("exit", (code) => {
      children.delete(child);
      done(code ?? 1);
    });
    child.on("error", () => done(1));
  });
}

/** A scratch folder beside the site (a rename into the site must not cross file systems). */
function scratchPath(siteDir: string): string {
  return join(dirname(siteDir), `${basename(siteDir)}.search-${randomBytes(6).toString("hex")}`);
}

/** The index part folders in a municipality's folder. */
async function partFolders(kommuneDir: string): Promise<string[]> {
  try {
    const entries = await readdir(kommuneDir, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && isPartFolderName(e.name))
      .map((e) => e.name)
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

/** Moves each freshly made part into the site, the old one aside; removes parts that are no more. */
async function swapParts(scratch: string, siteDir: string, kommune: string): Promise<void> {
  const fresh = await partFolders(join(scratch, kommune));
  const live = await partFolders(join(siteDir, kommune));
  const aside = join(scratch, "old-parts");
  await mkdir(aside, { recursive: true });
  for (const name of fresh) {
    const target = join(siteDir, kommune, name);
    let hadOld = live.includes(name);
    if (hadOld) {
      try {
        await rename(target, join(aside, name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        hadOld = false;
      }
    }
    try {
      await rename(join(scratch, kommune, name), target);
    } catch (error) {
      if (hadOld) await rename(join(aside, name), target);
      throw error;
    }
  }
  for (const name of live.filter((n) => !fresh.includes(n))) {
    await rename(join(siteDir, kommune, name), join(aside, name)).catch(() => undefined);
  }
}

/** Puts the municipality's fresh list of parts into the site's `soeg/indexes.json`, if it changed. */
async function updateSearchConfig(scratch: string, siteDir: string, kommune: string): Promise<void> {
  const read = async (dir: string) => JSON.parse(await readFile(join(dir, SEARCH_CONFIG_PATH), "utf8")) as SearchConfig;
  let site: SearchConfig;
  try {
    site = await read(siteDir);
  } catch {
    return; // No list to update (the site is being replaced by a full build).
  }
  const mine = (await read(scratch)).indexes;
  const before = site.indexes.filter((entry) => entry.kommune === kommune);
  if (JSON.stringify(before) === JSON.stringify(mine)) return;
  // The fresh parts where the municipality's old ones were (or at the end, for a new municipality).
  const at = site.indexes.findIndex((entry) => entry.kommune === kommune);
  const others = site.indexes.filter((entry) => entry.kommune !== kommune);
  const position = at === -1 ? others.length : site.indexes.slice(0, at).filter((entry) => entry.kommune !== kommune).length;
  const indexes = [...others.slice(0, position), ...mine, ...others.slice(position)];
  await writeAtomically(join(siteDir, SEARCH_CONFIG_PATH), `${JSON.stringify({ ...site, indexes }, null, 2)}\n`);
}

/** Indexes one municipality's served pages again and puts the new index in place. */
export async function refreshSearchIndex(options: SearchRefreshOptions): Promise<boolean> {
  const { siteDir, kommune } = options;
  const scratch = scratchPath(siteDir);
  const links: string[] = [];
  active.set(scratch, links);
  try {
    const kommuneDir = join(siteDir, kommune);
    await mkdir(join(scratch, kommune), { recursive: true });
    for (const entry of await readdir(kommuneDir, { withFileTypes: true })) {
      if (!entry.isDirectory() || isPartFolderName(entry.name)) continue;
      const link = join(scratch, kommune, entry.name);
      await symlink(join(kommuneDir, entry.name), link, "dir");
      links.push(link);
    }
    if (options.contentDir) {
      const code = await runChild({ contentDir: options.contentDir, scratch, kommune, pathPrefix: options.pathPrefix });
      if (code !== 0) {
        if (code === 3) return false; // the content has an error just now: keep the index as it is
        throw new Error(`the indexing process ended with ${code}`);
      }
    } else {
      await buildSearchIndex({ siteDir: scratch, archive: options.archive, pathPrefix: options.pathPrefix, kommune, merge: [] });
    }
    if (!options.stillWanted()) return false;
    await swapParts(scratch, siteDir, kommune);
    await updateSearchConfig(scratch, siteDir, kommune);
    return true;
  } finally {
    // The links first, one by one: nothing below a link into the served site may be removed.
    for (const link of links) await unlink(link).catch(() => undefined);
    await rm(scratch, { recursive: true, force: true });
    active.delete(scratch);
  }
}
