// A build stopped by SIGINT (Ctrl+C) or SIGTERM removes its temporary folder, ends Pagefind and
// exits 130 or 143, leaving the previous site as it was (src/build/cleanup.ts). The build is held
// in its search stage by a stand-in for Pagefind's binary that never ends (fault injection), so
// the signal certainly arrives while the temporary folder exists.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_CONTENT, hashTree, ROOT, runCli, tempDir } from "./helpers.ts";

let work: string;
let out: string;
let before: Record<string, string>;
/** Stand-ins for Pagefind that a failed test might leave running. */
const started: number[] = [];
beforeAll(async () => {
  work = await tempDir("signals");
  out = path.join(work, "site");
  expect((await runCli(["build", "--content", FIXTURE_CONTENT, "--out", out], { REFERAT_CACHE_DIR: "off" })).code).toBe(0);
  before = await hashTree(out);
});
afterAll(async () => {
  for (const pid of started) if (isRunning(pid)) process.kill(pid, "SIGKILL");
  await rm(work, { recursive: true, force: true });
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("a build that is interrupted", () => {
  it.each([
    ["SIGINT", 130],
    ["SIGTERM", 143],
  ] as const)("by %s removes its temporary folder, ends Pagefind and exits %i", async (signal, status) => {
    const mark = path.join(work, `pagefind-${signal}.pid`);
    const child = spawn(process.execPath, [path.join(ROOT, "bin/referat.js"), "build", "--content", FIXTURE_CONTENT, "--out", out], {
      cwd: ROOT,
      env: {
        ...process.env,
        CI: "",
        REFERAT_CACHE_DIR: "off",
        PAGEFIND_BINARY_PATH: path.join(ROOT, "test/fixtures/build/pagefind-hangs.sh"),
        REFERAT_TEST_MARK: mark,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((done) => child.on("close", (code) => done(code)));
    // Wait until Pagefind runs: the build is in its search stage, its temporary folder beside the output.
    while (!existsSync(mark) || (await readFile(mark, "utf8")).trim() === "") await sleep(25);
    const pagefind = Number((await readFile(mark, "utf8")).trim());
    started.push(pagefind);
    expect((await readdir(work)).filter((name) => name.startsWith("site.tmp-"))).toHaveLength(1);

    child.kill(signal);
    expect(await exited).toBe(status);
    expect(stderr).toBe("Bygningen blev afbrudt; intet er ændret, og de midlertidige mapper er fjernet.\n");
    expect((await readdir(work)).filter((name) => name.includes(".tmp-"))).toEqual([]);
    expect(await hashTree(out)).toEqual(before);
    // Pagefind was ended with the build (it is reaped by init once its parent is gone).
    while (isRunning(pagefind)) await sleep(25);
  });
});
