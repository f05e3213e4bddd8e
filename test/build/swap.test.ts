// The switch to a new site (src/build/swap.ts): the output folder is a link to a release folder
// beside it and is switched by one rename, so a reader never finds it missing; the previous
// release is kept, older ones and what killed builds left are removed, what a running build is
// making is not; an output folder from a build before releases is taken over.
import { fork } from "node:child_process";
import { lstat, mkdir, readdir, readFile, readlink, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeLeftovers, siblingPath, swapIntoPlace } from "../../src/build/swap.ts";
import { tempDir } from "./helpers.ts";

let work: string;
beforeAll(async () => {
  work = await tempDir("swap");
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A finished site beside `out`, with an index.html that says `text`. */
async function newSite(out: string, text: string): Promise<string> {
  const dir = siblingPath(out, "tmp");
  await mkdir(dir);
  await writeFile(path.join(dir, "index.html"), text);
  return dir;
}

const beside = async (dir: string) => (await readdir(dir)).sort();
const RELEASE = new RegExp(`^site\\.release-${process.pid}-[0-9a-f]{12}$`);

describe("swapIntoPlace", () => {
  it("makes the output folder a relative link to a release folder beside it, keeping the previous release", async () => {
    const dir = path.join(work, "releases");
    const out = path.join(dir, "site");
    await mkdir(dir);
    await swapIntoPlace(await newSite(out, "1"), out);
    const first = await readlink(out);
    expect(first).toMatch(RELEASE);
    expect(await beside(dir)).toEqual(["site", first]);

    await swapIntoPlace(await newSite(out, "2"), out);
    const second = await readlink(out);
    expect(await beside(dir)).toEqual(["site", first, second].sort());
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("2");

    await swapIntoPlace(await newSite(out, "3"), out);
    const third = await readlink(out);
    expect(await beside(dir)).toEqual(["site", second, third].sort());
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("3");
  });

  it("takes over an output folder from a build before releases: it becomes the previous release", async () => {
    const dir = path.join(work, "old-style");
    const out = path.join(dir, "site");
    await mkdir(out, { recursive: true });
    await writeFile(path.join(out, "index.html"), "gammel");
    await swapIntoPlace(await newSite(out, "ny"), out);
    expect((await lstat(out)).isSymbolicLink()).toBe(true);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("ny");
    const names = await beside(dir);
    expect(names).toHaveLength(3);
    const contents = await Promise.all(names.filter((name) => RELEASE.test(name)).map((name) => readFile(path.join(dir, name, "index.html"), "utf8")));
    expect(contents.sort()).toEqual(["gammel", "ny"]);
  });

  it("never leaves a moment without a site: a reader in another process always finds the front page", async () => {
    const dir = path.join(work, "reader");
    const out = path.join(dir, "site");
    await mkdir(dir);
    await swapIntoPlace(await newSite(out, "0"), out);
    // The reader looks for the front page as fast as it can until told to stop, and counts misses.
    const script = path.join(work, "reader.cjs");
    await writeFile(
      script,
      `const fs = require("fs");
let misses = 0, reads = 0, stop = false;
process.on("message", () => { stop = true; });
(function loop() {
  for (let i = 0; i < 2000; i++) { reads++; if (!fs.existsSync(${JSON.stringify(path.join(out, "index.html"))})) misses++; }
  if (stop) { process.send({ misses, reads }, () => process.disconnect()); } else setImmediate(loop);
})();
process.send("ready");
`,
    );
    const reader = fork(script);
    await new Promise((ready) => reader.once("message", ready));
    for (let i = 1; i <= 150; i++) await swapIntoPlace(await newSite(out, String(i)), out);
    const counts = new Promise<{ misses: number; reads: number }>((done) => reader.once("message", done as (m: unknown) => void));
    reader.send("stop");
    const { misses, reads } = await counts;
    expect(reads).toBeGreaterThan(0);
    expect(misses).toBe(0);
    expect(await readFile(path.join(out, "index.html"), "utf8")).toBe("150");
  });
});

describe("removeLeftovers", () => {
  it("removes what killed builds left, older releases and folders of older versions, but not what a running build makes", async () => {
    const dir = path.join(work, "leftovers");
    const out = path.join(dir, "site");
    const running = process.ppid; // the test runner's parent: a process that certainly runs
    const names = [
      "site.tmp-999999999-aaaaaaaaaaaa", // a killed build's site half made
      "site.tmp-999999999-bbbbbbbbbbbb.link", // and its link
      "site.release-999999999-cccccccccccc", // an old release
      "site.tmp-0123456789ab", // from a version before releases
      "site.old-0123456789ab",
      `site.tmp-${running}-dddddddddddd`, // a build that still runs
      `site.release-${running}-eeeeeeeeeeee`, // switched to by a build that still runs
      "site.release-999999999-ffffffffffff", // the one kept
      "site.backup", // not the build's
      "andet",
    ];
    for (const name of names) await mkdir(path.join(dir, name), { recursive: true });
    expect(await removeLeftovers(out, ["site.release-999999999-ffffffffffff"])).toEqual([
      "site.old-0123456789ab",
      "site.release-999999999-cccccccccccc",
      "site.tmp-0123456789ab",
      "site.tmp-999999999-aaaaaaaaaaaa",
      "site.tmp-999999999-bbbbbbbbbbbb.link",
    ]);
    expect(await beside(dir)).toEqual([
      "andet",
      "site.backup",
      `site.release-${running}-eeeeeeeeeeee`,
      "site.release-999999999-ffffffffffff",
      `site.tmp-${running}-dddddddddddd`,
    ]);
  });
});
