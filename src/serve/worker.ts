// The process behind `referat serve` that builds and keeps the archive (src/serve/site.ts).
// src/cli/serve.ts forks it (under tsx), sends it batches of changed paths and reloads the
// browser when it answers. A change to templates/ or src/ ends it and forks a fresh one, so new
// code is always what renders.
import { removeTemporaryFoldersSync } from "../build/cleanup.ts";
import { formatUpdateSummary } from "../report/build.ts";
import { removeScratchSync } from "./search.ts";
import { ServeSite, type ServeSiteOptions } from "./site.ts";

/** Parent → worker. */
export type WorkerRequest = { type: "update"; paths: string[] };
/** Worker → parent: after the first build ("ready") and after each update. */
/** `problems`: what the terminal was told of a failure (problem lines, then the count), for the browser. */
export type WorkerReply = { type: "ready"; ok: boolean; problems: string[] } | { type: "done"; reload: boolean; failed: boolean; problems: string[] };

const send = (reply: WorkerReply) => process.send?.(reply);

const options = JSON.parse(process.argv[2] ?? "{}") as ServeSiteOptions;
const site = new ServeSite(options);

process.on("message", (request: WorkerRequest) => {
  if (request.type !== "update") return;
  void (async () => {
    try {
      const result = await site.update(request.paths);
      if (result.kind === "pages") {
        const steps = { indlæsning: result.steps.load, "CPR-tjek": result.steps.cpr, sider: result.steps.render, linktjek: result.steps.links };
        process.stdout.write(`${formatUpdateSummary(result, options.debug ? steps : undefined)}\n`);
      }
      send({
        type: "done",
        reload: result.reload,
        failed: result.kind === "failed" || (result.kind === "full" && !result.reload),
        problems: site.problemLines,
      });
    } catch (error) {
      process.stderr.write(`Der skete en uventet fejl: ${(error as Error).message}\n`);
      if (options.debug) process.stderr.write(`${(error as Error).stack ?? ""}\n`);
      send({ type: "done", reload: false, failed: true, problems: [`Der skete en uventet fejl: ${(error as Error).message}`] });
    }
  })();
});
// Told to stop (new code, Ctrl+C) or left alone: leave no scratch folder of a search refresh behind.
const stop = () => {
  removeScratchSync();
  removeTemporaryFoldersSync();
  process.exit(0);
};
process.on("disconnect", stop);
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

try {
  const ok = await site.fullBuild();
  send({ type: "ready", ok, problems: site.problemLines });
} catch (error) {
  process.stderr.write(`Der skete en uventet fejl: ${(error as Error).message}\n`);
  if (options.debug) process.stderr.write(`${(error as Error).stack ?? ""}\n`);
  send({ type: "ready", ok: false, problems: [`Der skete en uventet fejl: ${(error as Error).message}`] });
}
