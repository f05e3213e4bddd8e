// Helpers for end-to-end builds: run the CLI as a reader would, and read the output.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createServer } from "node:net";
import { mkdtemp, readdir, readFile, stat, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const FIXTURE_CONTENT = join(ROOT, "test/fixtures/site/content");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a Node script of the repository (or of a copy of it at `root`) in a child process, from
 * that root. `CI` is cleared unless `env` sets it, so that a build's output is the same on a CI
 * machine (where CI=true adds progress lines, src/report/progress.ts) as on a developer's.
 */
export function runNodeScript(script: string, args: string[], env: Record<string, string> = {}, root = ROOT): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(root, script), ...args], {
      cwd: root,
      env: { ...process.env, CI: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", fail);
    child.on("close", (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** Runs `referat <args>` in a child process (as `npx referat` would) from the repository root. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runNodeScript("bin/referat.js", args, env);
}

/** A fresh temporary folder. */
export function tempDir(name: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `referat-${name}-`));
}

/** Every file under `dir`, relative, forward slashes, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split("\\").join("/"))
    .sort();
}

/** A map from relative file path to the SHA-256 of its bytes. */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const file of await listFiles(dir)) {
    result[file] = createHash("sha256")
      .update(await readFile(join(dir, file)))
      .digest("hex");
  }
  return result;
}

/** Reads a page of the built site by its address ("/gladsaxe/"). */
export function readPage(siteDir: string, address: string): Promise<string> {
  return readFile(join(siteDir, address, "index.html"), "utf8");
}

/** Every value of href, src and action attributes in an HTML text. */
export function linkTargets(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)].map((m) => m[1] as string);
}

/** A TCP port on 127.0.0.1 that is free right now. */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no port"))));
    });
  });
}

/**
 * Replaces `from` by `to` (same length in bytes) in a file and puts its access and modification
 * times back: an edit only the file's status-change time and bytes tell (src/content/cache.ts).
 */
export async function editKeepingSizeAndTimes(file: string, from: string, to: string): Promise<void> {
  const before = await stat(file);
  const text = await readFile(file, "utf8");
  const changed = text.replace(from, to);
  expect(changed).not.toBe(text);
  expect(Buffer.byteLength(changed)).toBe(before.size);
  await writeFile(file, changed);
  await utimes(file, before.atime, before.mtime);
}
