// Worker code compiled once (src/workers/compiled.mjs): a folder per version of the sources, and
// workers that start from it, or from the TypeScript where there is none.
import { cp, mkdir, mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Tinypool from "tinypool";
import { afterAll, describe, expect, it } from "vitest";
import { CODE_VARIABLE, codeFolder, compileInto, prepareWorkerCode, WORKER_MODULES } from "../../src/workers/compiled.mjs";

const ROOT = join(import.meta.dirname, "../..");
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Starts a thread of the worker pool's entry with `env` and has it load an empty batch of meeting files (loading the worker code). */
async function startLoaderWorker(env: NodeJS.ProcessEnv): Promise<void> {
  const pool = new Tinypool({
    filename: new URL("../../src/workers/entry.mjs", import.meta.url).href,
    env: env as Record<string, string>,
    execArgv: [],
    minThreads: 0,
    maxThreads: 1,
  });
  try {
    expect(await pool.run({ kind: "load", jobs: [] }, { name: "load" })).toEqual([]);
  } finally {
    await pool.destroy();
  }
}

describe("compiled worker code", () => {
  it("bundles every worker module into the folder named by the sources' hash", async () => {
    const dir = await prepareWorkerCode();
    expect(dir).toBe(codeFolder()?.dir);
    const files = await readdir(dir!);
    for (const name of Object.keys(WORKER_MODULES)) expect(files).toContain(`${name}.mjs`);
  });

  it("names another folder when any source file changes", async () => {
    const root = await mkdtemp(join(tmpdir(), "referat-code-"));
    dirs.push(root);
    await cp(join(ROOT, "src"), join(root, "src"), { recursive: true });
    const before = codeFolder(root)!.dir;
    expect(codeFolder(root)!.dir).toBe(before);
    await writeFile(join(root, "src/render/markdown.ts"), "// changed\n", { flag: "a" });
    expect(codeFolder(root)!.dir).not.toBe(before);
  });

  it("writes a folder whole, and keeps only the three newest folders of older sources", async () => {
    const parent = await mkdtemp(join(tmpdir(), "referat-code-"));
    dirs.push(parent);
    // Five folders of older sources, the oldest first, and one a stopped run left half-written.
    for (let i = 0; i < 5; i++) {
      await mkdir(join(parent, `old${i}`));
      await utimes(join(parent, `old${i}`), 1000 + i, 1000 + i);
    }
    await mkdir(join(parent, "new.tmp-1-1"));
    await utimes(join(parent, "new.tmp-1-1"), 1000, 1000);
    await compileInto({ dir: join(parent, "new"), parent });
    expect((await readdir(parent)).sort()).toEqual(["new", "old2", "old3", "old4"]);
    for (const name of Object.keys(WORKER_MODULES)) expect(await readdir(join(parent, "new"))).toContain(`${name}.mjs`);
  });

  it("starts a loader worker from the compiled code, and from the TypeScript with REFERAT_WORKER_CODE=off", async () => {
    const dir = await prepareWorkerCode();
    await startLoaderWorker({ ...process.env, [CODE_VARIABLE]: dir });
    await startLoaderWorker({ ...process.env, [CODE_VARIABLE]: "off" });
  });
});
