// deploy/deploy.sh on local folders: each deploy is a new release folder and one rename of the
// `current` link, so a reader reading the site all the while never finds it missing or half
// there; --rollback switches back; only the last N releases are kept. Run with rsync when this
// machine has it, and always with the plain copy (REFERAT_DEPLOY_COPY=cp), under dash (POSIX sh).
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { lstat, mkdir, readdir, readFile, readlink, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../build/helpers.ts";

const run = promisify(execFile);
const SCRIPT = join(ROOT, "deploy/deploy.sh");
const SHELL = existsSync("/usr/bin/dash") ? "/usr/bin/dash" : "/bin/sh";
/** Files in each release's pages/ folder: enough that a half copy would show. */
const FILES = 150;
const HAS_RSYNC = await run("sh", ["-c", "command -v rsync"]).then(
  () => true,
  () => false,
);

let work: string;

/** The full text of every file of release `name`. */
const body = (name: string, file: string) => `${name} ${file}\n`.repeat(200);

/** Writes a built site whose every file says which release it is. */
async function makeSite(name: string): Promise<string> {
  const dir = join(work, "sites", name);
  await mkdir(join(dir, "pages"), { recursive: true });
  await writeFile(join(dir, "index.html"), body(name, "index"));
  for (let i = 0; i < FILES; i++) await writeFile(join(dir, "pages", `p${i}.html`), body(name, `p${i}`));
  return dir;
}

async function deploy(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(SHELL, [SCRIPT, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The release `current` points at. */
async function currentRelease(target: string): Promise<string> {
  return (await readlink(join(target, "current"))).replace(/^releases\//, "");
}

/**
 * Reads the site through `current` over and over until `stop` resolves, and returns what it found
 * wrong: a missing link or file, a page list that is not complete, a file that is not whole.
 */
async function readWhile(target: string, names: string[], stop: Promise<unknown>): Promise<{ reads: number; wrong: string[] }> {
  let done = false;
  void stop.finally(() => (done = true));
  const wrong: string[] = [];
  let reads = 0;
  const current = join(target, "current");
  while (!done) {
    try {
      if (!(await lstat(current)).isSymbolicLink()) wrong.push("current is not a link");
      const pages = await readdir(join(current, "pages"));
      if (pages.length !== FILES) wrong.push(`pages/ has ${pages.length} files`);
      const index = await readFile(join(current, "index.html"), "utf8");
      if (!names.some((name) => index === body(name, "index"))) wrong.push("index.html is not whole");
      const file = `p${reads % FILES}`;
      const page = await readFile(join(current, "pages", `${file}.html`), "utf8");
      if (!names.some((name) => page === body(name, file))) wrong.push(`${file}.html is not whole`);
    } catch (error) {
      wrong.push((error as Error).message);
    }
    reads++;
  }
  return { reads, wrong };
}

beforeAll(async () => {
  work = await tempDir("deploy");
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe.each([
  ["the plain copy", "cp"],
  ...(HAS_RSYNC ? [["rsync", "rsync"]] : []),
])("deploy/deploy.sh with %s", (_name, copy) => {
  const env = { REFERAT_DEPLOY_COPY: copy };
  const names = ["a", "b", "c", "d", "e", "f"];
  let target: string;

  it("publishes into a new release and points current at it", async () => {
    target = join(work, `www-${copy}`);
    const site = await makeSite(`a`);
    const result = await deploy([site, target], env);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const release = await currentRelease(target);
    expect(release).toMatch(/^\d{8}T\d{6}Z(-\d{3})?$/);
    expect(result.stdout).toBe(`Udgivet: ${target}/current viser nu udgaven ${release}.\n`);
    expect(await readFile(join(target, "current/index.html"), "utf8")).toBe(body("a", "index"));
  });

  it("switches atomically: a reader never sees a missing or half site, and only the last 3 releases stay", async () => {
    for (const name of names.slice(1)) await makeSite(name);
    const deploys = (async () => {
      for (const name of names.slice(1)) {
        const result = await deploy(["--keep", "3", join(work, "sites", name), target], env);
        expect(result.code, result.stderr).toBe(0);
      }
    })();
    const reader = await readWhile(target, names, deploys);
    await deploys;
    expect(reader.wrong).toEqual([]);
    expect(reader.reads).toBeGreaterThan(10);
    expect(await readFile(join(target, "current/index.html"), "utf8")).toBe(body("f", "index"));
    const releases = (await readdir(join(target, "releases"))).sort();
    expect(releases).toHaveLength(3);
    expect(releases[2]).toBe(await currentRelease(target));
    // No half upload and no temporary link left behind.
    expect((await readdir(join(target, "releases"))).filter((n) => n.startsWith("."))).toEqual([]);
    expect((await readdir(target)).sort()).toEqual(["current", "releases"]);
  });

  it("rolls back to the release before, and then to the one before that, while a reader reads", async () => {
    const releases = (await readdir(join(target, "releases"))).sort();
    const rollbacks = (async () => {
      const first = await deploy(["--rollback", target], env);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toBe(`Rullet tilbage: ${target}/current viser nu udgaven ${releases[1]} (før: ${releases[2]}).\n`);
      expect(await readFile(join(target, "current/index.html"), "utf8")).toBe(body("e", "index"));
      const second = await deploy(["--rollback", target], env);
      expect(second.code, second.stderr).toBe(0);
      expect(await readFile(join(target, "current/index.html"), "utf8")).toBe(body("d", "index"));
    })();
    const reader = await readWhile(target, names, rollbacks);
    await rollbacks;
    expect(reader.wrong).toEqual([]);
  });

  it("refuses to roll back past the oldest release it kept, and changes nothing", async () => {
    const before = await currentRelease(target);
    const result = await deploy(["--rollback", target], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`Der er ingen udgave før ${before} i ${target}/releases.\nIntet er skiftet: ${target}/current er som før.\n`);
    expect(await currentRelease(target)).toBe(before);
  });

  it("prunes to the last N releases at the next deploy after a rollback", async () => {
    const result = await deploy(["--keep", "1", join(work, "sites", "a"), target], env);
    expect(result.code, result.stderr).toBe(0);
    expect(await readdir(join(target, "releases"))).toEqual([await currentRelease(target)]);
    expect(await readFile(join(target, "current/pages/p7.html"), "utf8")).toBe(body("a", "p7"));
  });
});

describe("deploy/deploy.sh to host:folder over ssh", () => {
  /** A stand-in for ssh on PATH: runs the remote command on this machine, as the server would. */
  async function fakeSsh(): Promise<string> {
    const bin = join(work, "fake-bin");
    await mkdir(bin, { recursive: true });
    const script = join(bin, "ssh");
    await writeFile(
      script,
      [
        "#!/bin/sh",
        "# Options (rsync may pass -l USER and the like), then the host, then the command.",
        "user=''",
        'while [ $# -gt 0 ]; do case "$1" in -l) user=$2; shift 2 ;; -p|-o|-i|-F) shift 2 ;; -*) shift ;; *) break ;; esac; done',
        'echo "${user:+$user@}$1" >> "$(dirname "$0")/hosts"',
        "shift",
        'exec sh -c "$*"',
        "",
      ].join("\n"),
      { mode: 0o755 },
    );
    return bin;
  }

  it.each([["the plain copy (tar over ssh)", "cp"], ...(HAS_RSYNC ? [["rsync over ssh", "rsync"]] : [])])("publishes and rolls back with %s", async (_name, copy) => {
    const bin = await fakeSsh();
    const folder = join(work, `remote-${copy}`);
    const env = { REFERAT_DEPLOY_COPY: copy, PATH: `${bin}:${process.env.PATH}` };
    for (const name of ["ra", "rb"]) {
      const result = await deploy([await makeSite(name), `deploy@web1.eksempelby.dk:${folder}`], env);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toBe(`Udgivet: deploy@web1.eksempelby.dk:${folder}/current viser nu udgaven ${await currentRelease(folder)}.\n`);
    }
    expect(await readFile(join(folder, "current/pages/p3.html"), "utf8")).toBe(body("rb", "p3"));
    expect((await readdir(join(folder, "current/pages"))).length).toBe(FILES);
    const back = await deploy(["--rollback", `deploy@web1.eksempelby.dk:${folder}`], env);
    expect(back.code, back.stderr).toBe(0);
    expect(await readFile(join(folder, "current/index.html"), "utf8")).toBe(body("ra", "index"));
    // Everything went through the host named in the target.
    expect(new Set((await readFile(join(bin, "hosts"), "utf8")).trim().split("\n"))).toEqual(new Set(["deploy@web1.eksempelby.dk"]));
  });
});

describe("deploy/deploy.sh refuses", () => {
  it("a folder that is not a built site, and changes nothing", async () => {
    const empty = join(work, "empty");
    await mkdir(empty, { recursive: true });
    const target = join(work, "www-refused");
    const result = await deploy([empty, target]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`${empty} ligner ikke et bygget arkiv (ingen index.html). Byg det først med npm run build.\nIntet er skiftet: ${target}/current er som før.\n`);
    expect(existsSync(target)).toBe(false);
  });

  it("a current folder that is not a link (a site copied there by hand)", async () => {
    const target = join(work, "www-by-hand");
    await mkdir(join(target, "current"), { recursive: true });
    const result = await deploy([await makeSite("g"), target]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${target}/current findes og er ikke et symbolsk link.`);
  });

  it("wrong usage with exit 2", async () => {
    expect((await deploy(["--keep", "0", "x", "y"])).code).toBe(2);
    expect((await deploy(["--bogus"])).code).toBe(2);
    expect((await deploy(["only-one"])).code).toBe(2);
  });
});
