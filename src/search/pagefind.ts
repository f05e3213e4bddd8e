// Pagefind's CLI: the binary of Pagefind's npm package (as the package itself finds it), run over
// a folder of prepared pages. Why not its Node API: that runs `pagefind --service`, which handles
// one message at a time on one thread, so every page is parsed one after the other; the CLI reads
// and parses the pages on all cores. The flags are pinned with the package (`pagefind` ~1.6).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

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

/** Runs Pagefind's CLI with `args`; rejects with its output when it fails. */
export function runPagefind(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(pagefindBinary(), args, { stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
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
