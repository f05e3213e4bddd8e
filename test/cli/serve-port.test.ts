// `referat serve` on a port another program holds: a Danish message, exit 2, and nothing built
// (issue 10, item 7: it used to print "listen EADDRINUSE", build over the running server's site
// and then listen on every interface).
import { existsSync } from "node:fs";
import { cp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_CONTENT, freePort, runCli, tempDir } from "../build/helpers.ts";

let work: string;
let busy: Server;
let port: number;

beforeAll(async () => {
  work = await tempDir("serve-port");
  await cp(FIXTURE_CONTENT, join(work, "content"), { recursive: true });
  port = await freePort();
  busy = createServer();
  await new Promise<void>((done) => busy.listen(port, "127.0.0.1", () => done()));
});

afterAll(async () => {
  await new Promise<void>((done) => busy.close(() => done()));
  await rm(work, { recursive: true, force: true });
});

describe("referat serve on a busy port", () => {
  it("says which port is taken and how to choose another, exits 2 and builds nothing", async () => {
    const out = join(work, "site");
    const result = await runCli(["serve", "--content", join(work, "content"), "--out", out, "--port", String(port)]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const suggestion = /--port (\d+)/.exec(result.stderr)?.[1];
    expect(Number(suggestion)).toBeGreaterThan(port);
    expect(result.stderr).toBe(
      `Port ${port} er allerede i brug af et andet program (måske kører referat serve allerede i et andet vindue).\n` +
        `Stop det andet program, eller vælg en anden port med --port, fx: npm start -- --port ${suggestion}` +
        (result.stderr.includes("er ledig") ? ` (port ${suggestion} er ledig)` : "") +
        "\nIntet er bygget.\n",
    );
    expect(existsSync(out)).toBe(false);
  });

  it("refuses a --host that is not an address, with exit 2", async () => {
    const result = await runCli(["serve", "--content", join(work, "content"), "--out", join(work, "site"), "--host", "http://x/"]);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe('--host skal være en adresse som 127.0.0.1 eller 0.0.0.0, men er "http://x/".');
  });
});
