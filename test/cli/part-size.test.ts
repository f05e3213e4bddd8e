// REFERAT_SEARCH_PART_SIZE and REFERAT_SEARCH_MEMORY (src/search/parts.ts): a bad value stops
// `referat build` and `referat serve` before any work, with a Danish message and exit status 2.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referat as run } from "./referat.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "referat-part-size-"));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const referat = (env: Record<string, string>, ...args: string[]) => run(args, env);

describe("REFERAT_SEARCH_PART_SIZE", () => {
  it("stops build and serve with a Danish message and exit 2 when it is not a whole number of at least 1", async () => {
    for (const command of ["build", "serve"]) {
      const out = path.join(dir, command);
      const { code, stdout, stderr } = await referat({ REFERAT_SEARCH_PART_SIZE: "mange" }, command, "--out", out);
      expect(stderr).toBe('REFERAT_SEARCH_PART_SIZE skal være et helt tal på mindst 1 (møder pr. del af søgeindekset), fx 1000, men er "mange".\n');
      expect(stdout).toBe("");
      expect(code).toBe(2);
      await expect(readdir(out)).rejects.toThrow();
    }
  });

  it("REFERAT_SEARCH_MEMORY stops build and serve the same way when it is not a whole number of at least 100", async () => {
    for (const command of ["build", "serve"]) {
      const out = path.join(dir, `memory-${command}`);
      const { code, stdout, stderr } = await referat({ REFERAT_SEARCH_MEMORY: "50" }, command, "--out", out);
      expect(stderr).toBe('REFERAT_SEARCH_MEMORY skal være et helt antal MB på mindst 100 (hukommelse til Pagefind i alt), fx 800, men er "50".\n');
      expect(stdout).toBe("");
      expect(code).toBe(2);
      await expect(readdir(out)).rejects.toThrow();
    }
  });

  it("splits the index when set", async () => {
    const out = path.join(dir, "split");
    const { code, stderr } = await referat({ REFERAT_SEARCH_PART_SIZE: "1" }, "build", "--content", "test/fixtures/site/content", "--out", out);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const folders = (await readdir(path.join(out, "gladsaxe"))).filter((name) => name.startsWith("pagefind"));
    expect(folders.length).toBeGreaterThan(1);
  }, 60_000);
});
