// Helpers for the trust tests that build whole sites: run the CLI, list and hash output trees,
// read Pagefind's compressed index files.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `referat <args>` as a user would, from the repository root. */
export function runReferat(args: string[]): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin/referat.js"), ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", fail);
    child.on("close", (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** What test/trust/build-runner.mjs reports. */
export type RunnerResult =
  | { ok: true }
  | { ok: false; problems: { file: string; line: number; col: number; field: string; message: string }[] }
  | { ok: false; error: { name: string; stage?: string; message: string } };

/** Runs buildSite in a child process (see build-runner.mjs); `failOnPage` makes the n-th meeting page throw. */
export async function runBuild(options: { contentDir: string; outDir: string; pathPrefix?: string; failOnPage?: number }): Promise<RunnerResult> {
  const result = await new Promise<CliResult>((done, fail) => {
    const child = spawn(process.execPath, [path.join(ROOT, "test/trust/build-runner.mjs"), JSON.stringify(options)], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", fail);
    child.on("close", (code) => done({ code: code ?? -1, stdout, stderr }));
  });
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

/** Every file under `dir`, relative with forward slashes, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

/** File → SHA-256 of its bytes, for byte-identical comparisons. */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const file of await listFiles(dir)) {
    hashes[file] = createHash("sha256").update(await readFile(path.join(dir, file))).digest("hex");
  }
  return hashes;
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
