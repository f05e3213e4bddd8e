// `referat serve` (`npm start`) end to end: a real subprocess on 127.0.0.1, a copied content tree,
// edits as a secretary's editor makes them, and the served page polled until it shows them.
// Also prints (does not assert) how long a one-file change takes to reach the served page.
import { cp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { get } from "node:http";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_CONTENT, tempDir } from "../build/helpers.ts";
import { startServe, type ServeProcess } from "../build/serve-helpers.ts";

const MEETING_FILE = "gladsaxe/udsatteraadet/2023/2023-09-06.md";
const MEETING_PAGE = "/gladsaxe/udsatteraadet/2023-09-06/";
const ORIGINAL = "Dagsordenen blev godkendt.";
/** How long one rebuild may take to show; builds run in a fresh process and machines are busy. */
const CHANGE_TIMEOUT = 30_000;
/** The first build, the dev server and the watcher, before the address is printed. */
const START_TIMEOUT = 90_000;

/** The part of `ws` (shipped with Eleventy's dev server) used to listen as the browser does. */
interface WebSocketLike {
  on(event: "message", listener: (data: Buffer) => void): void;
  on(event: "open" | "close", listener: () => void): void;
  on(event: "error", listener: (error: Error) => void): void;
  close(): void;
}
const WebSocket = createRequire(import.meta.url)("ws") as new (url: string) => WebSocketLike;

let work: string;
let contentDir: string;
let meetingPath: string;
let serve: ServeProcess;
let port: number;
let socket: WebSocketLike | undefined;
const reloads: number[] = [];

/** The meeting page, as a browser opening it would get it. */
const fetchPage = () => serve.fetchPage(MEETING_PAGE, { navigate: true });
const waitFor = <T>(what: string, timeout: number, check: () => T | undefined | Promise<T | undefined>) => serve.waitFor(what, timeout, check);

/** Saves as many editors do: a new file renamed over the old one (the case that once stopped rebuilds). */
async function saveAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, text);
  await rename(temp, path);
}

/** Edits the meeting file and waits until the served page contains `expected`; returns the ms it took. */
async function editAndWait(edit: (text: string) => string, expected: string, save = (text: string) => writeFile(meetingPath, text)): Promise<number> {
  const before = await readFile(meetingPath, "utf8");
  const after = edit(before);
  expect(after).not.toBe(before);
  const started = performance.now();
  await save(after);
  await waitFor(`the page to show "${expected}"`, CHANGE_TIMEOUT, async () => {
    const page = await fetchPage().catch(() => undefined);
    return page?.status === 200 && page.html.includes(expected) ? true : undefined;
  });
  return performance.now() - started;
}

beforeAll(async () => {
  work = await tempDir("serve");
  contentDir = join(work, "content");
  await cp(FIXTURE_CONTENT, contentDir, { recursive: true });
  meetingPath = join(contentDir, MEETING_FILE);
  serve = await startServe(["--content", contentDir, "--out", join(work, "site")]);
  port = serve.port;
}, START_TIMEOUT + 10_000);

afterAll(async () => {
  socket?.close();
  await serve?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe("referat serve", () => {
  it(
    "builds the content, prints the address and serves the meeting page on 127.0.0.1 only",
    async () => {
      const url = await waitFor("the printed address", START_TIMEOUT, () => /Arkivet vises på (http:\/\/\S+)/.exec(serve.output)?.[1]);
      expect(url).toBe(`http://localhost:${port}/`);
      const page = await fetchPage();
      expect(page.status).toBe(200);
      expect(page.html).toContain(ORIGINAL);
      // The live-reload client is injected into the served HTML (not into the built files).
      expect(page.html.includes("reload-client.js"), "the served page loads the live-reload client").toBe(true);
      expect(await readFile(join(work, "site", MEETING_PAGE, "index.html"), "utf8")).not.toContain("reload-client.js");

      // Listen for reloads as the browser does.
      socket = new WebSocket(`ws://127.0.0.1:${port}/`);
      const open = new Promise<void>((done, fail) => {
        socket!.on("open", () => done());
        socket!.on("error", fail);
      });
      socket.on("message", (data) => {
        const message = JSON.parse(data.toString()) as { type?: string };
        if (message.type === "eleventy.reload") reloads.push(Date.now());
      });
      await open;
    },
    START_TIMEOUT + 10_000,
  );

  it("answers a request for another host name with 403 and refuses its live-reload socket (DNS rebinding)", async () => {
    const answer = await new Promise<{ status: number; body: string }>((done, fail) => {
      const request = get({ host: "127.0.0.1", port, path: MEETING_PAGE, headers: { host: `evil.example:${port}` } }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => done({ status: response.statusCode ?? 0, body }));
      });
      request.on("error", fail);
    });
    expect(answer).toEqual({ status: 403, body: `Forkert adresse: referat serve svarer kun på http://localhost:${port}/ (og 127.0.0.1).\n` });
    const refused = await new Promise<string>((done) => {
      const foreign = new (createRequire(import.meta.url)("ws") as new (url: string, options: object) => WebSocketLike)(`ws://127.0.0.1:${port}/`, {
        headers: { host: `evil.example:${port}` },
      });
      foreign.on("open", () => {
        foreign.close();
        done("open");
      });
      foreign.on("error", (error) => done(error.message));
    });
    expect(refused).toBe("Unexpected server response: 403");
  });

  it("cannot be reached on this machine's network addresses", async () => {
    const addresses = Object.values(networkInterfaces())
      .flatMap((list) => list ?? [])
      .filter((a) => !a.internal && a.family === "IPv4");
    for (const { address } of addresses) {
      const error = await new Promise<string>((done) => {
        const socket = connect({ host: address, port }, () => {
          socket.destroy();
          done("connected");
        });
        socket.on("error", (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
      });
      expect(error, address).toBe("ECONNREFUSED");
    }
  });

  it("rebuilds after an edit saved by renaming a new file over the old one, and tells the browser to reload", async () => {
    const ms = await editAndWait(
      (text) => text.replace(ORIGINAL, "Dagsordenen blev godkendt uden bemærkninger."),
      "Dagsordenen blev godkendt uden bemærkninger.",
      (text) => saveAtomically(meetingPath, text),
    );
    console.log(`referat serve: a one-file change (atomic save) showed on the served page after ${(ms / 1000).toFixed(1)} s`);
    await waitFor("a reload message on the live-reload socket", 5_000, () => (reloads.length > 0 ? true : undefined));
  });

  it("does not miss a change saved while the whole site is being built again", async () => {
    // kommune.yaml makes the whole site build again; the meeting is saved while that build runs.
    const mark = serve.output.length;
    const reloadsBefore = reloads.length;
    const kommuneFile = join(contentDir, "gladsaxe/kommune.yaml");
    await writeFile(kommuneFile, `${await readFile(kommuneFile, "utf8")}\n`);
    await waitFor("the full build to start", CHANGE_TIMEOUT, () => (serve.output.slice(mark).includes("Bygger hele sitet igen") ? true : undefined));
    const text = await readFile(meetingPath, "utf8");
    await saveAtomically(meetingPath, text.replace("uden bemærkninger", "under ombygningen"));
    expect(serve.output.slice(mark)).not.toContain("Bygget:"); // still building when the change was saved
    await waitFor("the change saved during the build to show", CHANGE_TIMEOUT, async () => {
      const page = await fetchPage().catch(() => undefined);
      return page?.status === 200 && page.html.includes("Dagsordenen blev godkendt under ombygningen.") ? true : undefined;
    });
    // The page is written before the browser is told to reload: wait for both reloads (the full
    // build's and the update's), so that neither arrives during the next test.
    await waitFor("the two reloads", CHANGE_TIMEOUT, () => (reloads.length >= reloadsBefore + 2 ? true : undefined));
  });

  it("prints the error of a broken date and keeps serving the last good page", async () => {
    const mark = serve.output.length;
    const reloadsBefore = reloads.length;
    const text = await readFile(meetingPath, "utf8");
    // A plain write this time, to the file the previous save replaced.
    await writeFile(meetingPath, text.replace("date: 2023-09-06", "date: 2023-09-31").replace("under ombygningen", "med en ændring"));
    await waitFor("the build to fail", CHANGE_TIMEOUT, () => (serve.output.slice(mark).includes("Siden er ikke opdateret") ? true : undefined));
    const printed = serve.output.slice(mark);
    expect(printed).toMatch(/2023-09-06\.md:2:7: date: skal være en rigtig dato, men 2023-09-31 findes ikke i kalenderen\n/);
    expect(printed).toContain("Den sidste gode udgave vises stadig.");

    const page = await fetchPage();
    expect(page.status).toBe(200);
    expect(page.html).toContain("Dagsordenen blev godkendt under ombygningen.");
    expect(page.html).not.toContain("med en ændring");
    expect(reloads.length).toBe(reloadsBefore);
  });

  it("recovers when the date is fixed", async () => {
    const ms = await editAndWait((text) => text.replace("date: 2023-09-31", "date: 2023-09-06"), "Dagsordenen blev godkendt med en ændring.");
    console.log(`referat serve: the fixed file showed on the served page after ${(ms / 1000).toFixed(1)} s`);
    expect(serve.exited).toBe(false);
  });
});
