// Helpers for tests of `referat serve` (`npm start`): start it as a real subprocess in its own
// process group, follow what it prints, fetch its pages, and stop it and whatever it started.
import { spawn } from "node:child_process";
import { get } from "node:http";
import { join } from "node:path";
import { freePort, ROOT } from "./helpers.ts";

/** A running `referat serve`. */
export interface ServeProcess {
  /** The port it was told to listen on (127.0.0.1). */
  readonly port: number;
  /** Everything it printed so far, stdout and stderr interleaved as they arrived. */
  readonly output: string;
  /** Whether the process has ended. */
  readonly exited: boolean;
  /** Polls `check` every 100 ms until it returns a value other than undefined; fails after `timeout` ms or if the process ends. */
  waitFor<T>(what: string, timeout: number, check: () => T | undefined | Promise<T | undefined>): Promise<T>;
  /** Waits until `text` is printed after position `from` of the output. */
  waitForOutput(text: string, from: number, timeout: number): Promise<void>;
  /** GETs a page of the served site (`navigate`: as a browser opening it, so the dev server adds its reload script). */
  fetchPage(path: string, options?: { navigate?: boolean }): Promise<{ status: number; html: string }>;
  /** SIGTERM to its process group, then, after up to 5 s, SIGKILL to whatever is left in it (a build it started). */
  stop(): Promise<void>;
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Starts `referat serve --port <a free port> <args>` from the repository root, in its own process
 * group (so `stop` ends the server and any build it is running). `env` is added to the
 * environment; `CI` is cleared unless `env` sets it.
 */
export async function startServe(args: readonly string[], env: Record<string, string> = {}): Promise<ServeProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(ROOT, "bin/referat.js"), "serve", "--port", String(port), ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, CI: "", ...env },
  });
  let output = "";
  let exited = false;
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const gone = new Promise<void>((done) =>
    child.on("exit", () => {
      exited = true;
      done();
    }),
  );

  const waitFor = async <T>(what: string, timeout: number, check: () => T | undefined | Promise<T | undefined>): Promise<T> => {
    const deadline = Date.now() + timeout;
    for (;;) {
      const value = await check();
      if (value !== undefined) return value;
      if (exited) throw new Error(`referat serve stopped while waiting for ${what}. Output:\n${output}`);
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}. Output:\n${output}`);
      await sleep(100);
    }
  };

  return {
    port,
    get output() {
      return output;
    },
    get exited() {
      return exited;
    },
    waitFor,
    waitForOutput: (text, from, timeout) => waitFor(`"${text}"`, timeout, () => (output.slice(from).includes(text) ? true : undefined)).then(() => {}),
    // node:http, not fetch: fetch always says sec-fetch-mode: cors, and the dev server adds its
    // reload script only to navigations.
    fetchPage: (path, { navigate = false } = {}) =>
      new Promise((done, fail) => {
        const headers: Record<string, string> = { accept: "text/html", ...(navigate ? { "sec-fetch-mode": "navigate" } : {}) };
        const request = get({ host: "127.0.0.1", port, path, headers, timeout: 10_000 }, (response) => {
          let html = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (html += chunk));
          response.on("end", () => done({ status: response.statusCode ?? 0, html }));
          response.on("error", fail);
        });
        request.on("timeout", () => request.destroy(new Error("timeout")));
        request.on("error", fail);
      }),
    async stop() {
      const pid = child.pid;
      if (pid === undefined || exited) return;
      try {
        process.kill(-pid, "SIGTERM");
      } catch {
        // already gone
      }
      const stopped = await Promise.race([gone.then(() => true), sleep(5_000).then(() => false)]);
      try {
        // Whatever is left in the group (a build it started, or a server that would not stop).
        process.kill(-pid, "SIGKILL");
      } catch {
        // nothing left
      }
      if (!stopped) await gone;
    },
  };
}
