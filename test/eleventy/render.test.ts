// Rendering with Eleventy: pages write themselves as they render, in runs of a bounded number of
// meeting pages; the site is the same however the pages are cut into runs.
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadArchive } from "../../src/content/load.ts";
import { createSiteData } from "../../src/eleventy/data.ts";
import { FIXTURE_CONTENT, hashTree, runNodeScript, tempDir } from "../build/helpers.ts";

interface RunnerResult {
  ok: boolean;
  rendered: string[];
  bodies: string[];
  error?: string;
}

/** Renders in a child process (see render-runner.mjs). */
async function run(options: { outDir: string; pagesPerRun?: number; fromArchive?: boolean }): Promise<RunnerResult> {
  const result = await runNodeScript("test/eleventy/render-runner.mjs", [JSON.stringify({ contentDir: FIXTURE_CONTENT, ...options })]);
  const line = result.stdout.trim().split("\n").pop() ?? "";
  if (!line.startsWith("{")) throw new Error(`render runner failed (${result.code}): ${result.stderr}`);
  return JSON.parse(line) as RunnerResult;
}

let work: string;
let meetingUrls: string[];
let listPages: number;
/** One search page per municipality, on a site of several (templates/soeg-kommune.11ty.tsx). */
let kommuneSearchPages: number;
let bodies: string[];

beforeAll(async () => {
  work = await tempDir("render");
  const { archive, problems } = await loadArchive(FIXTURE_CONTENT);
  expect(problems).toEqual([]);
  const site = createSiteData(archive);
  meetingUrls = site.meetingPages.map((page) => page.url);
  listPages = site.listPages.length;
  kommuneSearchPages = site.scope.kommune ? 0 : site.kommuner.length;
  bodies = archive.kommuner.flatMap((k) => k.councils.flatMap((c) => c.meetings.flatMap((m) => m.items.map((i) => i.body))));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("rendering the pages", () => {
  it("makes the same site in one run as in a run per meeting page, each meeting page rendered once, in order", async () => {
    expect(meetingUrls.length).toBeGreaterThan(2);
    const [one, many] = await Promise.all([run({ outDir: join(work, "one") }), run({ outDir: join(work, "many"), pagesPerRun: 1 })]);
    expect(one).toMatchObject({ ok: true, rendered: meetingUrls });
    expect(many).toMatchObject({ ok: true, rendered: meetingUrls });

    const files = await hashTree(join(work, "one"));
    expect(Object.keys(files)).toContain("404.html");
    expect(Object.keys(files)).toContain("soeg/index.html");
    expect(Object.keys(files).filter((file) => file.endsWith(".html"))).toHaveLength(meetingUrls.length + listPages + 2 + kommuneSearchPages);
    expect(await hashTree(join(work, "many"))).toEqual(files);
  });

  it("fails when a page cannot be written", async () => {
    const out = join(work, "unwritable");
    // A folder where the 404 page goes: a page is never written over what is at its place.
    await mkdir(join(out, "404.html"), { recursive: true });
    const result = await run({ outDir: out });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/EEXIST/);
  });

  it("leaves an archive it was given as it was (the dev server builds from its archive again)", async () => {
    const result = await run({ outDir: join(work, "from-archive"), fromArchive: true });
    expect(result).toMatchObject({ ok: true, rendered: meetingUrls });
    expect(result.bodies).toEqual(bodies);
    expect(bodies.some((body) => body.length > 0)).toBe(true);
  });
});
