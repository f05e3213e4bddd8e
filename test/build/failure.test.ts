// A stage that fails because of the machine, not the content, says why in Danish
// (src/build/failure.ts): a full disk while Pagefind writes the index (fault injection: a stand-in
// for Pagefind's binary that fails as Pagefind does), and an output folder the build may not write
// to (as an unprivileged user: permissions mean nothing to root). The previous site stays as it was.
import { execFile } from "node:child_process";
import { chmod, mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeFailure, systemReason } from "../../src/build/failure.ts";
import { FIXTURE_CONTENT, hashTree, ROOT, runCli, tempDir } from "./helpers.ts";

let work: string;
beforeAll(async () => {
  work = await tempDir("failure");
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("describeFailure", () => {
  it("finds the system error under Eleventy's wrapping and names it in Danish", () => {
    const cause = Object.assign(new Error("EROFS: read-only file system, mkdir '/mnt/ro/site'"), { code: "EROFS", path: "/mnt/ro/site" });
    const wrapped = Object.assign(new Error("Having trouble rendering 11ty.tsx template ./templates/404.11ty.tsx"), { originalError: cause });
    expect(describeFailure(new Error("outer", { cause: wrapped }))).toBe(
      "drevet kan kun læses, ikke skrives i /mnt/ro/site (EROFS); vælg en mappe på et drev, der kan skrives, med --out",
    );
  });

  it("reads Rust's OS error number in Pagefind's output", () => {
    expect(systemReason(new Error("Pagefind stopped (exit code 101): … (os error 28)"))).toBe(
      "disken er fuld (ENOSPC); frigør plads på disken, eller vælg en mappe på et andet drev med --out",
    );
    expect(systemReason(new Error("x", { cause: ['Os { code: 13, kind: PermissionDenied, message: "Permission denied" }'] }))).toBe(
      "der er ikke adgang til at skrive (EACCES); giv den bruger, der bygger arkivet, skriveadgang til mappen, hvor --out-mappen ligger, eller vælg en anden mappe med --out",
    );
  });

  it("keeps the message of a failure that is not the system's", () => {
    expect(describeFailure(new Error("Skabelonen fejlede"))).toBe("Skabelonen fejlede");
  });
});

describe("a build on a machine that fails it", () => {
  it("reports a full disk during the search index in Danish, not Pagefind's panic, and keeps the previous site", async () => {
    const out = path.join(work, "disk-full");
    expect((await runCli(["build", "--content", FIXTURE_CONTENT, "--out", out], { REFERAT_CACHE_DIR: "off" })).code).toBe(0);
    const before = await hashTree(out);
    const result = await runCli(["build", "--content", FIXTURE_CONTENT, "--out", out], {
      REFERAT_CACHE_DIR: "off",
      PAGEFIND_BINARY_PATH: path.join(ROOT, "test/fixtures/build/pagefind-disk-full.sh"),
    });
    expect(result.stderr).toBe(
      "Bygningen mislykkedes, søgeindekset kunne ikke laves: disken er fuld (ENOSPC); frigør plads på disken, eller vælg en mappe på et andet drev med --out\n" +
        `Intet er skrevet: ${out} er som før.\n` +
        "Kør igen med --debug for tekniske detaljer.\n",
    );
    expect(result.code).toBe(1);
    expect(await hashTree(out)).toEqual(before);
    expect((await readdir(work)).filter((name) => name.includes(".tmp-"))).toEqual([]);
  });

  it("reports an output folder it may not write to in Danish, with the cause", async () => {
    const parent = path.join(work, "skrivebeskyttet");
    await mkdir(parent);
    await chmod(work, 0o755);
    await chmod(parent, 0o555);
    const node = [process.execPath, path.join(ROOT, "bin/referat.js"), "build", "--content", FIXTURE_CONTENT, "--out", path.join(parent, "site")];
    const [command, ...args] = process.getuid?.() === 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", ...node] : node;
    const result = await promisify(execFile)(command as string, args, { cwd: ROOT, env: { ...process.env, CI: "", REFERAT_CACHE_DIR: "off" } }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.stderr.replace(/site\.tmp-\d+-[0-9a-f]+/, "site.tmp-…")).toBe(
      `Bygningen mislykkedes, siderne kunne ikke laves: der er ikke adgang til at skrive i ${parent}/site.tmp-… (EACCES); giv den bruger, der bygger arkivet, skriveadgang til mappen, hvor --out-mappen ligger, eller vælg en anden mappe med --out\n` +
        `Intet er skrevet: ${path.join(parent, "site")} er som før.\n` +
        "Kør igen med --debug for tekniske detaljer.\n",
    );
    expect(result.code).toBe(1);
    expect(await readdir(parent)).toEqual([]);
  });
});
