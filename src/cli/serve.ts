// `referat serve` (`npm start`): builds the archive, serves it on localhost only, and updates the
// site and reloads the browser when content/, templates/ or src/ change. The building is done by
// a resident worker process (src/serve/worker.ts) that keeps the validated archive in memory: a
// changed meeting is validated and rendered again alone, with the pages it touches; anything else
// builds the whole site again. A change to templates/ or src/ starts a fresh worker, so new code
// is picked up. A failed update prints its problems and the last good site keeps being served.
// Changes that arrive while the worker is busy are collected and handled right after, together.
import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DEFAULT_HOST, exposedWarning, guardHost, isLoopbackHost, isWildcardHost, listenErrorMessage, bindAddress } from "../serve/host.ts";
import { Overlay, waitingPage } from "../serve/overlay.ts";
import type { ServeSiteOptions } from "../serve/site.ts";
import type { WorkerReply, WorkerRequest } from "../serve/worker.ts";
import { normalisePathPrefix } from "../site/urls.ts";
import { parseCommandArgs, UsageError } from "./args.ts";
import { parseBuildArgs } from "./build.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WORKER = fileURLToPath(new URL("../serve/worker.ts", import.meta.url));

/** The part of @11ty/eleventy-dev-server (shipped with Eleventy) used here. */
interface DevServer {
  readonly server: import("node:http").Server;
  reload(event?: Record<string, unknown>): void;
  sendUpdateNotification(message: unknown): void;
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
  on(event: "all", listener: (event: string, path: string) => void): FileWatcher;
  on(event: "ready", listener: () => void): FileWatcher;
  close(): Promise<void>;
}
interface Chokidar {
  watch(paths: string[], options: Record<string, unknown>): FileWatcher;
}

/** The host the preview binds to unless `--host` says otherwise: never anything but this machine. */
export const SERVE_HOST = DEFAULT_HOST;

/** What the browser is told when the worker ended without an answer (its error is in the terminal). */
const WORKER_GONE = "Byggeprocessen stoppede uventet; se fejlen i terminalen. Den startes igen ved næste ændring.";

/** How long the watcher waits after the last event before acting (an editor's save is several events). */
const SETTLE_MS = 40;

/** The worker process and the answer it owes. */
class Worker {
  private child: ChildProcess;
  private waiting: ((reply: WorkerReply | undefined) => void) | undefined;
  private exited = false;

  constructor(options: ServeSiteOptions) {
    const require = createRequire(import.meta.url);
    this.child = fork(WORKER, [JSON.stringify(options)], {
      cwd: process.cwd(),
      execArgv: ["--import", pathToFileURL(require.resolve("tsx")).href],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.child.on("message", (reply: WorkerReply) => this.answer(reply));
    this.child.on("exit", () => {
      this.exited = true;
      this.answer(undefined);
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  private answer(reply: WorkerReply | undefined): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(reply);
  }

  /** The next reply; undefined if the worker ended first. */
  next(): Promise<WorkerReply | undefined> {
    if (this.exited) return Promise.resolve(undefined);
    return new Promise((done) => (this.waiting = done));
  }

  send(request: WorkerRequest): Promise<WorkerReply | undefined> {
    const reply = this.next();
    this.child.send(request);
    return reply;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((done) => this.child.once("exit", () => done()));
    this.child.kill("SIGTERM");
    await gone;
  }
}

/** Runs `referat serve` until interrupted. */
export async function runServe(args: string[]): Promise<number> {
  const { values } = parseCommandArgs(args, {
    content: { type: "string", default: "content" },
    out: { type: "string", default: "_site" },
    kommune: { type: "string" },
    "path-prefix": { type: "string" },
    "base-url": { type: "string" },
    templates: { type: "string" },
    port: { type: "string", default: "8080" },
    host: { type: "string", default: SERVE_HOST },
    debug: { type: "boolean", default: false },
  });
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port < 1 || port > 65535) throw new UsageError(`--port skal være et portnummer som 8080, men er "${values.port}".`);
  const host = values.host;
  if (!/^(\[[0-9a-fA-F:.]+\]|[0-9a-fA-F:.]+|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?)$/.test(host)) {
    throw new UsageError(`--host skal være en adresse som 127.0.0.1 eller 0.0.0.0, men er "${host}".`);
  }
  const buildArgs = ["--content", values.content, "--out", values.out];
  if (values.kommune) buildArgs.push("--kommune", values.kommune);
  if (values["path-prefix"] !== undefined) buildArgs.push("--path-prefix", values["path-prefix"]);
  if (values["base-url"] !== undefined) buildArgs.push("--base-url", values["base-url"]);
  if (values.templates !== undefined) buildArgs.push("--templates", values.templates);
  if (values.debug) buildArgs.push("--debug");
  const parsedBuild = parseBuildArgs(buildArgs); // the same checks as `referat build`, before anything starts
  const pathPrefix = normalisePathPrefix(parsedBuild.pathPrefix);

  const siteOptions: ServeSiteOptions = {
    contentDir: values.content,
    outDir: values.out,
    pathPrefix,
    ...(values.kommune ? { kommune: values.kommune } : {}),
    ...(parsedBuild.baseUrl ? { baseUrl: parsedBuild.baseUrl } : {}),
    ...(parsedBuild.templates ? { templates: parsedBuild.templates } : {}),
    debug: values.debug,
  };
  const contentRoot = resolve(values.content);
  // A web team's templates (--templates) are code too: a change to them starts a fresh worker.
  const codeDirs = [resolve(ROOT, "templates"), resolve(ROOT, "src"), ...(parsedBuild.templates ? [resolve(parsedBuild.templates)] : [])];
  const isCode = (path: string) => !path.startsWith(contentRoot + sep) && codeDirs.some((dir) => path === dir || path.startsWith(dir + sep));

  // The server first: a busy port (or an address this machine does not have) is a usage error
  // before anything is built, so a second `referat serve` never builds over the first one's site.
  const require = createRequire(import.meta.url);
  const overlay = new Overlay();
  const outDir = resolve(values.out);
  /** Whether the first build has answered: until then (and while there is no site at all) a page says why. */
  let started = false;
  const waiting = (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse, next: Next): unknown => {
    const mode = req.headers["sec-fetch-mode"];
    if ((started && existsSync(outDir)) || (mode && mode !== "navigate")) return next();
    res.statusCode = 503;
    res.setHeader("Retry-After", "2");
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.setHeader("Cache-Control", "no-store");
    return res.end(waitingPage(overlay.lines));
  };
  const EleventyDevServer = require("@11ty/eleventy-dev-server") as DevServerClass;
  const dev = EleventyDevServer.getServer("referat", outDir, {
    pathPrefix,
    liveReload: true,
    domDiff: false,
    showVersion: false,
    portReassignmentRetryCount: 0,
    messageOnStart: () => false,
    logger: { info: () => {}, log: () => {}, error: (m: string) => process.stderr.write(`${m}\n`) },
    middleware: [overlay.middleware, waiting, survivesSwap],
  });
  const server = dev.server;
  // The dev server's own error handler moves to the next port on every interface: not here.
  server.removeAllListeners("error");
  guardHost(server, host, port);
  try {
    await new Promise<void>((ready, fail) => {
      server.once("error", fail);
      server.listen({ port, host: bindAddress(host), exclusive: true }, () => {
        server.off("error", fail);
        ready();
      });
    });
  } catch (error) {
    const message = await listenErrorMessage(error as NodeJS.ErrnoException, port, host);
    await dev.close().catch(() => {});
    if (!message) throw error;
    process.stderr.write(message);
    return 2;
  }
  server.on("error", (error) => process.stderr.write(`Serverfejl: ${error.message}\n`));
  overlay.connect(dev);
  if (!isLoopbackHost(host)) process.stderr.write(exposedWarning(host));

  // Changes are collected from the moment the watcher starts, the first build included: a change
  // while the worker is busy is handled as soon as it is free, never dropped.
  const changed = new Set<string>();
  let codeChanged = false;
  let timer: NodeJS.Timeout | undefined;
  let busy = true; // until the first build is done
  let worker = new Worker(siteOptions);

  /** Tells the browser what the worker answered: the problems, or a reload when the site changed. */
  const show = (reply: WorkerReply | undefined): void => {
    overlay.set(reply ? reply.problems : [WORKER_GONE]);
    if (reply?.type === "done" && reply.reload) dev.reload({ subtype: "html" });
  };

  const drain = async (): Promise<void> => {
    if (busy) return;
    busy = true;
    try {
      while (codeChanged || changed.size > 0 || !worker.alive) {
        let reply: WorkerReply | undefined;
        if (codeChanged || !worker.alive) {
          // New code: a fresh worker builds everything with it (the content changes come along).
          codeChanged = false;
          changed.clear();
          process.stdout.write("Bygger igen …\n");
          await worker.stop();
          worker = new Worker(siteOptions);
          reply = await worker.next();
          if (reply?.type === "ready") reply = { type: "done", reload: reply.ok, failed: !reply.ok, problems: reply.problems };
        } else {
          const paths = [...changed];
          changed.clear();
          reply = await worker.send({ type: "update", paths });
        }
        show(reply);
        if (!reply || (reply.type === "done" && reply.failed)) {
          process.stderr.write("Siden er ikke opdateret: ret fejlene ovenfor. Den sidste gode udgave vises stadig.\n");
          // A worker that ended (bad code) is started again by the next change, not in a loop.
          if (!worker.alive) break;
        }
      }
    } finally {
      busy = false;
    }
  };
  const schedule = (path: string): void => {
    if (isCode(path)) codeChanged = true;
    else changed.add(path);
    clearTimeout(timer);
    timer = setTimeout(() => void drain(), SETTLE_MS);
  };

  const chokidar = require("@11ty/chokidar-with-glob-support") as Chokidar;
  const watcher = chokidar.watch([contentRoot, ...codeDirs], { ignoreInitial: true });
  watcher.on("all", (_event: string, path: string) => schedule(resolve(path)));
  const watching = new Promise<void>((ready) => watcher.on("ready", ready));

  const first = await worker.next(); // the first build (its messages are the worker's own)
  started = true;
  overlay.set(first ? first.problems : [WORKER_GONE]);
  dev.reload({ subtype: "html" }); // a page opened during the first build shows the archive (or its problems)

  // The address is printed once every file is watched: an edit after it always shows.
  await watching;
  const elsewhere = isLoopbackHost(host)
    ? ""
    : isWildcardHost(host)
      ? ` og på denne maskines netværksadresser (port ${port})`
      : ` og på http://${host}:${port}${pathPrefix}`;
  process.stdout.write(
    `Arkivet vises på http://localhost:${port}${pathPrefix}${elsewhere}\nÆndringer i ${values.content}/${parsedBuild.templates ? `, templates/ og ${parsedBuild.templates.replace(/\/$/, "")}/` : " og templates/"} vises straks. Stop med Ctrl+C.\n`,
  );
  busy = false;
  void drain(); // whatever changed during the first build

  await new Promise<void>((stop) => {
    const onSignal = () => stop();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  });
  await watcher.close();
  clearTimeout(timer);
  await worker.stop();
  await dev.close();
  return 0;
}

type Next = () => unknown;

/**
 * A full rebuild swaps the site folder into place with two renames; a request that falls between
 * them finds no file, and the dev server's own file middleware throws instead of answering (which
 * would end `referat serve`). Ask once more a moment later, then answer 503 rather than crash.
 */
export async function survivesSwap(_req: unknown, res: import("node:http").ServerResponse, next: Next): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await next();
      return;
    } catch (error) {
      if (res.headersSent) throw error;
      if (attempt < 3 && (error as NodeJS.ErrnoException).code === "ENOENT") {
        await new Promise((wait) => setTimeout(wait, 100));
        continue;
      }
      res.statusCode = 503;
      res.setHeader("Retry-After", "1");
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end("Arkivet bygges lige nu. Prøv igen om et øjeblik.\n");
      return;
    }
  }
}
