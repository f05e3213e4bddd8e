// `referat serve --templates DIR`: a web team's page is served, and a change saved in their folder
// shows in the served site, as a change to templates/ does (a whole build in a fresh process).
import { spawn, type ChildProcess } from "node:child_process";
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { get } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_CONTENT, freePort, ROOT, tempDir } from "../build/helpers.ts";

/** The first build, and a whole build again after a change; builds run in a fresh process and machines are busy. */
const TIMEOUT = 120_000;

let work: string;
let templates: string;
let port: number;
let server: ChildProcess | undefined;
let output = "";
let exited = false;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** GETs a page of the served site. */
function fetchPage(path: string): Promise<{ status: number; html: string }> {
  return new Promise((done, fail) => {
    const request = get({ host: "127.0.0.1", port, path, headers: { accept: "text/html" }, timeout: 10_000 }, (response) => {
      let html = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (html += chunk));
      response.on("end", () => done({ status: response.statusCode ?? 0, html }));
      response.on("error", fail);
    });
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", fail);
  });
}

/** Polls until the page at `path` contains `text`. */
async function waitForPage(path: string, text: string): Promise<string> {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const page = await fetchPage(path).catch(() => undefined);
    if (page?.status === 200 && page.html.includes(text)) return page.html;
    if (exited) throw new Error(`referat serve stopped. Output:\n${output}`);
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${path} to show "${text}". Output:\n${output}`);
    await sleep(200);
  }
}

beforeAll(async () => {
  work = await tempDir("serve-templates");
  templates = join(work, "web-team");
  // Inside the repository's examples/ folder only the copy's Markdown page changes; the footer
  // (a .tsx file) stays where tsconfig.json's include compiles it, in examples/web-team/.
  await cp(join(ROOT, "examples/web-team"), templates, { recursive: true, filter: (source) => !source.includes("_components") });
  await cp(FIXTURE_CONTENT, join(work, "content"), { recursive: true });
  port = await freePort();
  server = spawn(
    process.execPath,
    [join(ROOT, "bin/referat.js"), "serve", "--content", join(work, "content"), "--out", join(work, "site"), "--port", String(port), "--templates", templates],
    { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CI: "", REFERAT_CACHE_DIR: "off" } },
  );
  server.stdout!.on("data", (chunk) => (output += chunk));
  server.stderr!.on("data", (chunk) => (output += chunk));
  server.on("exit", () => (exited = true));
}, TIMEOUT);

afterAll(async () => {
  if (server?.pid !== undefined && !exited) {
    const gone = new Promise<void>((done) => server!.once("exit", () => done()));
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
    await Promise.race([gone, sleep(5_000)]);
    try {
      process.kill(-server.pid, "SIGKILL");
    } catch {
      // nothing left
    }
  }
  if (work) await rm(work, { recursive: true, force: true });
});

describe("referat serve with a web team's templates", () => {
  it(
    "serves their page, says it watches their folder, and shows a change saved in it",
    async () => {
      await waitForPage("/om-arkivet/", "<h1>Om arkivet</h1>");
      expect(output).toContain(`templates/ og ${templates}/ vises straks.`);
      const file = join(templates, "om-arkivet.md");
      await writeFile(file, (await readFile(file, "utf8")).replace("# Om arkivet", "# Om arkivet og rådene"));
      await waitForPage("/om-arkivet/", "<h1>Om arkivet og rådene</h1>");
    },
    TIMEOUT * 2,
  );
});
