// A failed build leaves the previous output exactly as it was (docs/cli.md, "Exit status"), and a removed meeting
// leaves no stale page behind. In-process, through buildSite and its onRenderPage test hook.
import { cp, readdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { register } from "tsx/esm/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BuildStageError, buildSite } from "../../src/build/pipeline.ts";
import { FIXTURE_CONTENT, hashTree, tempDir } from "./helpers.ts";

// Eleventy imports the .11ty.tsx templates itself, with Node's loader: teach it TypeScript.
register();

let work: string;
beforeAll(async () => {
  work = await tempDir("atomic");
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** The folders and links beside the output folder that are not its release folders (src/build/swap.ts). */
async function siblings(dir: string): Promise<string[]> {
  return (await readdir(dirname(dir))).filter((name) => name.startsWith(`${dir.split("/").pop()}.`) && !/\.release-\d+-[0-9a-f]{12}$/.test(name));
}

describe("atomic builds", () => {
  it("leaves the previous output untouched when a page fails to render", async () => {
    const out = join(work, "site");
    const first = await buildSite({ contentDir: FIXTURE_CONTENT, outDir: out });
    expect(first.ok).toBe(true);
    const before = await hashTree(out);

    const rendered: string[] = [];
    const failing = buildSite({
      contentDir: FIXTURE_CONTENT,
      outDir: out,
      pathPrefix: "/anden/",
      onRenderPage(url) {
        rendered.push(url);
        if (url === "/gladsaxe/udsatteraadet/2023-09-06/") throw new Error("Skabelonen fejlede");
      },
    });
    await expect(failing).rejects.toThrow(BuildStageError);
    await expect(failing).rejects.toThrow(/siderne kunne ikke laves/);
    expect(rendered).toContain("/gladsaxe/udsatteraadet/2023-09-06/");
    expect(await hashTree(out)).toEqual(before);
    expect(await siblings(out)).toEqual([]);
  });

  it("writes nothing when the content has errors", async () => {
    const out = join(work, "never");
    const result = await buildSite({ contentDir: join(FIXTURE_CONTENT, "../content-broken"), outDir: out });
    expect(result.ok).toBe(false);
    expect(await readdir(work)).not.toContain("never");
  });

  it("refuses an output folder that holds the content", async () => {
    const result = await buildSite({ contentDir: FIXTURE_CONTENT, outDir: join(FIXTURE_CONTENT, "..") });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.field).toBe("--out");
  });

  it("leaves no stale page of a removed meeting", async () => {
    const content = join(work, "content");
    await cp(FIXTURE_CONTENT, content, { recursive: true });
    const out = join(work, "fresh");
    expect((await buildSite({ contentDir: content, outDir: out })).ok).toBe(true);
    const before = await hashTree(out);
    expect(before["gladsaxe/udsatteraadet/2022-11-21/index.html"]).toBeDefined();

    // The meeting of 2022 goes, and with it the item that followed it up.
    await rm(join(content, "gladsaxe/udsatteraadet/2022"), { recursive: true });
    const meeting = join(content, "gladsaxe/udsatteraadet/2023/2023-09-06.md");
    const { readFile, writeFile } = await import("node:fs/promises");
    const text = await readFile(meeting, "utf8");
    await writeFile(meeting, text.replace("    follows:\n      - /gladsaxe/udsatteraadet/2022-11-21/#punkt-1\n", ""));
    const result = await buildSite({ contentDir: content, outDir: out });
    expect(result.ok ? "ok" : result.problems).toBe("ok");
    const after = await hashTree(out);
    expect(after["gladsaxe/udsatteraadet/2022-11-21/index.html"]).toBeUndefined();
    expect(after["gladsaxe/udsatteraadet/2022/index.html"]).toBeUndefined();
    expect(await siblings(out)).toEqual([]);
  });
});
