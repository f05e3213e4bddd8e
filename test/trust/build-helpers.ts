// Helpers for the trust tests that build whole sites: run the CLI, list and hash output trees,
// read Pagefind's compressed index files.
import { cp, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { ROOT, runNodeScript } from "../build/helpers.ts";

export { type CliResult, hashTree, listFiles, ROOT, runCli as runReferat } from "../build/helpers.ts";

/** What test/trust/build-runner.mjs reports. */
export type RunnerResult =
  | { ok: true }
  | { ok: false; problems: { file: string; line: number; col: number; field: string; message: string }[] }
  | { ok: false; error: { name: string; stage?: string; message: string } };

/** Runs buildSite in a child process (see build-runner.mjs); `failOnPage` makes the n-th meeting page throw. */
export async function runBuild(options: { contentDir: string; outDir: string; pathPrefix?: string; failOnPage?: number }): Promise<RunnerResult> {
  const result = await runNodeScript("test/trust/build-runner.mjs", [JSON.stringify(options)]);
  const line = result.stdout.trim().split("\n").pop() ?? "";
  if (!line.startsWith("{")) throw new Error(`build runner failed (${result.code}): ${result.stderr}`);
  return JSON.parse(line) as RunnerResult;
}

/** A fresh temporary folder. */
export function tempDir(name: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `referat-trust-${name}-`));
}

/** Copies a fixture content folder to `dest`. */
export async function copyContent(fixture: string, dest: string): Promise<void> {
  await cp(path.join(ROOT, fixture), dest, { recursive: true });
}

/**
 * The text of an output file as a search for leaks must see it: Pagefind's index files
 * (.pf_fragment, .pf_index, .pf_meta, .pf_filter) are gzip-compressed, and once decompressed
 * start with the signature "pagefind_dcd"; everything else is read as is.
 */
export async function readOutput(file: string): Promise<string> {
  const bytes = await readFile(file);
  if (/\.pf_[a-z]+$/.test(file)) {
    const text = gunzipSync(bytes).toString("utf8");
    if (!text.startsWith("pagefind_dcd")) throw new Error(`${file}: not a Pagefind index file`);
    return text;
  }
  return bytes.toString("utf8");
}
