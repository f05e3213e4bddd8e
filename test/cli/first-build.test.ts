// A municipality's first build, with nothing cached: every attachment's text is read by the CPR
// guard in worker threads (src/workers/pool.ts). The workers must keep the process alive while
// they start: a process with nothing else to do once ended there, exit code 13 and no message,
// when the archive was too small for the loader to have started the workers already (under 2,000
// meeting files) but had 200 or more attachments to read.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateArchive } from "../../scripts/bench/generate.ts";
import { referat } from "./referat.ts";

let dir: string;
let attachments = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "referat-first-build-"));
  attachments = generateArchive({ outDir: path.join(dir, "content"), meetings: 600, kommuner: 2 }).attachments;
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("a first build with an empty cache", () => {
  it("reads hundreds of attachments in worker threads and finishes", async () => {
    expect(attachments).toBeGreaterThanOrEqual(200);
    const cache = { REFERAT_CACHE_DIR: path.join(dir, "cache") };
    const check = await referat(["check", "--content", path.join(dir, "content")], cache);
    expect(check.stderr).toBe("");
    expect(check.code).toBe(0);
    // `check` recorded the clean attachments; a build with an empty cache reads them all again.
    const build = await referat(["build", "--content", path.join(dir, "content"), "--out", path.join(dir, "site")], {
      REFERAT_CACHE_DIR: path.join(dir, "cache-2"),
    });
    expect(build.stderr).toBe("");
    expect(build.stdout).toMatch(/^Bygget: 2 kommuner, .* 600 møder/);
    expect(build.code).toBe(0);
  }, 120_000);
});
