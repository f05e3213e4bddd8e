// `referat serve` (`npm start`): builds the archive, serves it on localhost only, and rebuilds
// and reloads the browser when content/, templates/ or src/ change. Each rebuild runs
// `referat build` in a fresh process, so changed templates and code are picked up; a failed
// rebuild prints its problems and the last good site keeps being served (builds are atomic).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { normalisePathPrefix } from "../site/urls.ts";
import { parseCommandArgs, UsageError } from "./args.ts";
import { parseBuildArgs } from "./build.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = resolve(ROOT, "bin/referat.js");

/** The part of @11ty/eleventy-dev-server (shipped with Eleventy) used here. */
interface DevServer {
  readonly server: import("node:http").Server;
  reload(event?: Record<string, unknown>): void;
  close(): Promise<void>;
}
interface DevServerClass {
  getServer(name: string, dir: string, options: Record<string, unknown>): DevServer;
}
/**
 * The part of @11ty/chokidar-with-glob-support (chokidar 4, shipped with Eleventy) used here.
 * Not node:fs `watch(dir, { recursive: true })`: on Linux, Node 20 loses a file for good once an
 * editor saves it by writing a new file and renaming it over the old one, so only the first save
 * would rebuild.
 */
interface FileWatcher {
  on(event: "all", listener: () => void): FileWatcher;
  on(event: "ready", listener: () => void): FileWatcher;
  close(): Promise<void>;
}
interface Chokidar {
  watch(paths: string[], options: Record<string, unknown>): FileWatcher;
}

/** The host the preview binds to: never anything but this machine. */
export const SERVE_HOST = "127.0.0.1";

function runBuildProcess(buildArgs: string[]): Promise<number> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, "build", ...buildArgs], { stdio: "inherit", cwd: process.cwd() });
    child.on("exit", (code) => done(code ?? 1));
    child.on("error", () => done(1));
  });
}

/** Runs `referat serve` until interrupted. */
export async function runServe(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    content: { type: "string", default: "content" },
    out: { type: "string", default: "_site" },
    kommune: { type: "string" },
    "path-prefix": { type: "string" },
    port: { type: "string", default: "8080" },
    debug: { type: "boolean", default: false },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port skal være et portnummer som 8080, men er "${values.port}".`);
  const buildArgs = ["--content", values.content, "--out", values.out];
  if (values.kommune) buildArgs.push("--kommune", values.kommune);
  if (values["path-prefix"] !== undefined) buildArgs.push("--path-prefix", values["path-prefix"]);
  if (values.debug) buildArgs.push("--debug");
  parseBuildArgs(buildArgs); // the same checks as `referat build`, before anything starts
  const pathPrefix = normalisePathPrefix(values["path-prefix"]);

  await runBuildProcess(buildArgs);

  const require = createRequire(import.meta.url);
  const EleventyDevServer = require("@11ty/eleventy-dev-server") as DevServerClass;
  const dev = EleventyDevServer.getServer("referat", resolve(values.out), {
    pathPrefix,
    liveReload: true,
    domDiff: false,
    showVersion: false,
    messageOnStart: () => false,
    logger: { info: () => {}, log: () => {}, error: (m: string) => process.stderr.write(`${m}\n`) },
  });
  // Bind this machine only (the dev server's own serve() listens on every interface).
  await new Promise<void>((ready, fail) => {
    dev.server.once("error", fail);
    dev.server.listen({ port, host: SERVE_HOST }, () => ready());
  });

  let running = false;
  let pending = false;
  let timer: NodeJS.Timeout | undefined;
  const rebuild = async (): Promise<void> => {
    if (running) {
      pending = true;
      return;
    }
    running = true;
    process.stdout.write("Bygger igen …\n");
    const status = await runBuildProcess(buildArgs);
    if (status === 0) dev.reload({ subtype: "html" });
    else process.stderr.write("Siden er ikke opdateret: ret fejlene ovenfor. Den sidste gode udgave vises stadig.\n");
    running = false;
    if (pending) {
      pending = false;
      void rebuild();
    }
  };
  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => void rebuild(), 200);
  };

  const chokidar = require("@11ty/chokidar-with-glob-support") as Chokidar;
  const watcher = chokidar.watch([resolve(values.content), resolve(ROOT, "templates"), resolve(ROOT, "src")], { ignoreInitial: true });
  watcher.on("all", schedule);
  // The address is printed once every file is watched: an edit after it always rebuilds.
  await new Promise<void>((ready) => watcher.on("ready", ready));
  process.stdout.write(`Arkivet vises på http://localhost:${port}${pathPrefix}\nÆndringer i ${values.content}/ og templates/ bygger siden igen. Stop med Ctrl+C.\n`);

  await new Promise<void>((stop) => {
    const onSignal = () => stop();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  });
  await watcher.close();
  clearTimeout(timer);
  await dev.close();
  return 0;
}
