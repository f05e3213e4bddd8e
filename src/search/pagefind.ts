// Pagefind's CLI: the binary of Pagefind's npm package (as the package itself finds it), run over
// a folder of prepared pages. Why not its Node API: that runs `pagefind --service`, which handles
// one message at a time on one thread, so every page is parsed one after the other; the CLI reads
// and parses the pages on all cores. The package is pinned to one exact version (package.json),
// because the build relies on an option only that version is known to honour
// (PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE, below); the version is part of the index cache's key.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { trackChild } from "../build/cleanup.ts";

/** Thrown when Pagefind reports errors; `cause` carries them. */
export class SearchIndexError extends Error {
  override name = "SearchIndexError";
}

/** Where the npm package's Pagefind binary is (as the package itself resolves it). */
export function pagefindBinary(): string {
  const names = ["pagefind_extended", "pagefind"];
  for (const name of names) {
    const fromEnv = process.env[`${name.toUpperCase()}_BINARY_PATH`];
    if (fromEnv) return fromEnv;
  }
  const require = createRequire(import.meta.url);
  const platform = process.platform === "win32" ? "windows" : process.platform;
  const arch = process.env.npm_config_arch || process.arch;
  for (const name of names) {
    try {
      return require.resolve(`@pagefind/${platform}-${arch}/bin/${platform === "windows" ? `${name}.exe` : name}`);
    } catch {
      // Try the next one.
    }
  }
  throw new SearchIndexError(`Pagefind: no binary for ${platform}-${arch} (the package @pagefind/${platform}-${arch} is missing)`);
}

/**
 * The version of the Pagefind binary that runs: its platform package's (`@pagefind/<platform>`,
 * installed in step with `pagefind`, which package.json pins exactly), or undefined for a binary
 * given by path (`PAGEFIND_EXTENDED_BINARY_PATH`) outside such a package.
 */
export function pagefindVersion(): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(dirname(dirname(pagefindBinary())), "package.json"), "utf8")) as { name?: unknown; version?: unknown };
    return typeof manifest.name === "string" && manifest.name.startsWith("@pagefind/") && typeof manifest.version === "string" ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Pagefind's index chunk size: how much of the word index goes into one `index/*.pf_index` file,
 * counted as Pagefind counts it (for each word of the chunk, each page it is on plus its positions
 * there). Pagefind 1.6 reads it from PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE (`pagefind/src/options.rs`;
 * `chunk_index` in `pagefind/src/index/mod.rs` closes a chunk once it holds this much) and defaults
 * to 20,000. A first search loads, from every index part, the chunk that holds the word: with a
 * municipality's index in several parts (src/search/parts.ts) the default chunk made each part add
 * about 28 KB, so the first search outgrew its 200 KB budget. A smaller chunk means smaller chunks
 * and a longer chunk list in the index's metadata: on the benchmark's largest municipality in five
 * parts, 310 KB for a first search at 20,000, 246 KB at 4,000, 227 KB at 2,000, and no less at
 * 1,000 (docs/search.md, "Part and chunk size"). "UNSTABLE": a later Pagefind may rename or drop it, which is why the version is pinned and
 * a test checks that it takes effect (test/search/index.test.ts).
 */
export const INDEX_CHUNK_SIZE = 2000;

/** The environment that gives Pagefind the chunk size (`chunkSize`, default INDEX_CHUNK_SIZE). */
export function pagefindEnv(chunkSize: number = INDEX_CHUNK_SIZE): Record<string, string> {
  return { PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE: String(chunkSize) };
}

/** Runs Pagefind's CLI with `args` (and `env` on top of this process's); rejects with its output when it fails. */
export function runPagefind(args: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(pagefindBinary(), args, { stdio: ["ignore", "pipe", "pipe"], windowsHide: true, env: { ...process.env, ...env } });
    // Ended with the build when it is interrupted (src/build/cleanup.ts).
    trackChild(child);
    let output = "";
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString("utf8")).slice(-8000);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    child.on("error", (error) => reject(new SearchIndexError(`Pagefind could not start: ${error.message}`, { cause: error })));
    child.on("close", (code, signal) => {
      if (code === 0) resolve();
      else reject(new SearchIndexError(`Pagefind stopped (${signal ?? `exit code ${code}`}): ${output.trim()}`, { cause: [output] }));
    });
  });
}

/** A file of a Pagefind bundle: its path in the bundle and its bytes. */
export interface BundleFile {
  path: string;
  bytes: Buffer;
}

const programs = new Map<string, Promise<BundleFile[]>>();

/**
 * The files of a Pagefind bundle that run in the browser (those `keep` accepts: its script, its
 * worker, its WebAssembly), as the binary writes them with `args`: Pagefind run once per process
 * on a page of its own, in a fresh temporary folder (about 50 ms). They are the same for every
 * index the binary makes, so an index part taken from the cache gets them from here, never from
 * the cache (src/search/cache.ts).
 */
export function pagefindProgramFiles(args: readonly string[], keep: (name: string) => boolean): Promise<BundleFile[]> {
  const id = `${pagefindBinary()}\0${args.join("\0")}`;
  let files = programs.get(id);
  if (!files) {
    files = (async () => {
      const dir = await mkdtemp(join(tmpdir(), "referat-pagefind-"));
      try {
        await mkdir(join(dir, "site/side"), { recursive: true });
        await writeFile(join(dir, "site/side/index.html"), '<!doctype html><html lang="da"><body data-pagefind-body><p>side</p></body></html>');
        await runPagefind(["--site", join(dir, "site"), "--output-path", join(dir, "bundle"), ...args]);
        const names = (await readdir(join(dir, "bundle"))).filter(keep).sort();
        if (names.length === 0) throw new SearchIndexError("Pagefind wrote none of its program files");
        return await Promise.all(names.map(async (path) => ({ path, bytes: await readFile(join(dir, "bundle", path)) })));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    })();
    files.catch(() => programs.delete(id));
    programs.set(id, files);
  }
  return files;
}
