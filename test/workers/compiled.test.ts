// Worker code compiled once (src/workers/compiled.mjs): a folder per version of the sources, and
// workers that start from it, or from the TypeScript where there is none.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, rm, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
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
    expect(await pool.run({ kind: "load", jobs: [] }, { name: "load" })).toEqual({ results: [] });
  } finally {
    await pool.destroy();
  }
}

describe("compiled worker code", () => {
  it("bundles every worker module and the command line into the folder named by the sources' hash", async () => {
    const dir = await prepareWorkerCode();
    expect(dir).toBe(codeFolder()?.dir);
    const files = await readdir(dir!);
    for (const name of [...Object.keys(WORKER_MODULES), "cli"]) expect(files).toContain(`${name}.mjs`);
  });

  it("names another folder when any source file, eleventy.config.ts, a script under templates/ or the installed packages change", async () => {
    const root = await mkdtemp(join(tmpdir(), "referat-code-"));
    dirs.push(root);
    await cp(join(ROOT, "src"), join(root, "src"), { recursive: true });
    await cp(join(ROOT, "templates"), join(root, "templates"), { recursive: true });
    await cp(join(ROOT, "eleventy.config.ts"), join(root, "eleventy.config.ts"));
    await cp(join(ROOT, "package-lock.json"), join(root, "package-lock.json"));
    let before = codeFolder(root)!.dir;
    expect(codeFolder(root)!.dir).toBe(before);
    for (const file of ["src/render/markdown.ts", "eleventy.config.ts", "templates/assets/order.js", "templates/_layout.tsx", "package-lock.json"]) {
      await writeFile(join(root, file), file.endsWith(".json") ? " " : "// changed\n", { flag: "a" });
      expect(codeFolder(root)!.dir, file).not.toBe(before);
      before = codeFolder(root)!.dir;
    }
    // Not code: a stylesheet under templates/.
    await writeFile(join(root, "templates/assets/site.css"), "/* changed */\n", { flag: "a" });
    expect(codeFolder(root)!.dir).toBe(before);
  });

  it("refuses to bundle a module the folder's hash does not cover", async () => {
    const root = await mkdtemp(join(tmpdir(), "referat-code-"));
    dirs.push(root);
    for (const part of ["src", "templates", "eleventy.config.ts"]) await cp(join(ROOT, part), join(root, part), { recursive: true });
    await symlink(join(ROOT, "node_modules"), join(root, "node_modules"));
    await mkdir(join(root, "scripts"));
    await writeFile(join(root, "scripts/extra.ts"), "export const extra = 1;\n");
    await writeFile(join(root, "src/cli/main.ts"), 'import { extra } from "../../scripts/extra.ts";\nconsole.log(extra);\n', { flag: "a" });
    const parent = join(root, "code");
    await mkdir(parent);
    await expect(compileInto({ dir: join(parent, "new"), parent }, root)).rejects.toThrow("scripts/extra.ts is bundled but not in the code's hash");
    expect(await readdir(parent)).toEqual([]);
  }, 60_000);

  it("runs the command line from the compiled code, and from the TypeScript with REFERAT_WORKER_CODE=off", async () => {
    const script = `import { loadCli } from ${JSON.stringify(pathToFileURL(join(ROOT, "src/workers/compiled.mjs")).href)};
const { main } = await loadCli();
const status = await main(["--help"]);
console.log(JSON.stringify({ status, compiled: globalThis[Symbol.for("referatarkiv.runs-compiled-code")] === true }));`;
    const run = async (env: NodeJS.ProcessEnv) => {
      const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, env });
      const lines = stdout.trim().split("\n");
      expect(stdout).toContain("Brug: referat <kommando> [tilvalg]");
      return JSON.parse(lines[lines.length - 1] as string);
    };
    const { [CODE_VARIABLE]: _, NODE_OPTIONS: __, ...env } = process.env;
    expect(await run(env)).toEqual({ status: 0, compiled: true });
    expect(await run({ ...env, [CODE_VARIABLE]: "off" })).toEqual({ status: 0, compiled: false });
  }, 60_000);

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
