// Runs the `referat` command as a user would, from the repository root, for the CLI tests.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "bin/referat.js");

/**
 * Runs `referat <args>` with `env` added to the environment; never throws on a non-zero exit.
 * `CI` is cleared unless `env` sets it: CI=true adds progress lines (src/report/progress.ts).
 */
export async function referat(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, CI: "", ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
