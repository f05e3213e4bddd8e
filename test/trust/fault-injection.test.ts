// A failed build leaves the previous output untouched (docs/cli.md, "Exit status"): whether rendering throws
// halfway, the content fails validation, the CPR guard or the link check; and a successful build
// leaves no stale page behind.
import { existsSync } from "node:fs";
import { readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatProblem } from "../../src/report/problem.ts";
import { copyContent, hashTree, ROOT, runBuild, runReferat, tempDir } from "./build-helpers.ts";

let work: string;
let content: string;
let site: string;
let baseline: Record<string, string>;
/** What lies beside the site after the first build: `site` (a link) and its release folder. */
let besideBaseline: string[];
/** Problems name files relative to the working directory (the repository root). */
const shown = (text: string) => text.replaceAll(path.relative(ROOT, work), "<work>");
const MEETINGS = "kanaryby/raadet/2024";

beforeAll(async () => {
  work = await tempDir("fault");
  content = path.join(work, "content");
  site = path.join(work, "site");
  await copyContent("test/fixtures/trust/canary/content", content);
  expect(await runBuild({ contentDir: content, outDir: site })).toEqual({ ok: true });
  baseline = await hashTree(site);
  besideBaseline = (await readdir(work)).sort();
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** The previous site is byte for byte as it was, and no temporary folder is left beside it. */
async function expectPreviousOutputIntact(): Promise<void> {
  expect(await hashTree(site)).toEqual(baseline);
  expect((await readdir(work)).sort()).toEqual(besideBaseline);
}

/** Adds a meeting file for the duration of `run`. */
async function withMeeting(name: string, text: string, run: () => Promise<void>): Promise<void> {
  const file = path.join(content, MEETINGS, name);
  await writeFile(file, text);
  try {
    await run();
  } finally {
    await rm(file, { force: true });
  }
}

const meetingFile = (date: string, title: string, body: string) =>
  `---\ndate: ${date}\nvenue: Rådhuset\nattendees: []\nitems:\n  - title: ${title}\n---\n\n## ${title}\n\n${body}\n`;

describe("a build that fails", () => {
  it("while rendering, halfway, leaves the previous output byte-identical and no temporary folder", async () => {
    const result = await runBuild({ contentDir: content, outDir: site, failOnPage: 2 });
    expect(result.ok).toBe(false);
    expect("error" in result && result.error.name).toBe("BuildStageError");
    expect("error" in result && result.error.stage).toBe("render");
    expect("error" in result && result.error.message).toMatch(/^siderne kunne ikke laves: /);
    await expectPreviousOutputIntact();
  });

  it("validation leaves the previous output intact", async () => {
    await withMeeting("2024-03-06.md", meetingFile("2024-03-06", "Punkt", "Tekst.").replace("venue: Rådhuset\n", ""), async () => {
      const result = await runBuild({ contentDir: content, outDir: site });
      expect(result.ok).toBe(false);
      expect("problems" in result && result.problems.map(formatProblem).map(shown)).toEqual([
        expect.stringMatching(/^<work>\/content\/kanaryby\/raadet\/2024\/2024-03-06\.md:\d+:\d+: /),
      ]);
      await expectPreviousOutputIntact();
    });
  });

  it("the link check leaves the previous output intact and names the meeting file and line", async () => {
    await withMeeting("2024-03-06.md", meetingFile("2024-03-06", "Opfølgning", "Se [det gamle møde](../2019/2019-01-01.md#punkt-2)."), async () => {
      const result = await runBuild({ contentDir: content, outDir: site });
      expect("problems" in result && result.problems.map(formatProblem).map(shown)).toEqual([
        "<work>/content/kanaryby/raadet/2024/2024-03-06.md:11:21: ## Opfølgning: Siden /kanaryby/raadet/2024-03-06/ linker til ../2019/2019-01-01.md#punkt-2, som ikke findes i det byggede site. Ret adressen, eller fjern linket.",
      ]);
      await expectPreviousOutputIntact();
    });
  });

  it("because of a CPR number stops `referat build` with exit 1 and writes nothing", async () => {
    await withMeeting("2024-03-06.md", meetingFile("2024-03-06", "Sag", "Borgeren (010190-1234) klagede."), async () => {
      const fresh = path.join(work, "fresh");
      for (const out of [site, fresh]) {
        const result = await runReferat(["build", "--content", content, "--out", out]);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe("");
        const lines = shown(result.stderr).split("\n");
        expect(lines[0]).toMatch(
          /^<work>\/content\/kanaryby\/raadet\/2024\/2024-03-06\.md:11:11: cpr: Her står "010190-\*\*\*\*", der ligner et CPR-nummer\. CPR-numre må ikke offentliggøres: fjern det\. Er det ikke et CPR-nummer, så tilføj "cpr1-[0-9a-f]{32}" til cpr_allow i filens hoved \(cpr_allow: \["cpr1-[0-9a-f]{32}"\]\)\.$/,
        );
        expect(lines.slice(1)).toEqual(["1 fejl fundet i 1 fil.", `Intet er skrevet: ${out} er som før.`, ""]);
        expect(result.stderr).not.toContain("1234");
      }
      expect(existsSync(fresh)).toBe(false);
      await expectPreviousOutputIntact();
    });
  });
});

describe("a build that succeeds", () => {
  it("leaves no stale page of a removed meeting", async () => {
    await withMeeting("2024-03-20.md", meetingFile("2024-03-20", "Orientering", "Kort orientering."), async () => {
      expect(await runBuild({ contentDir: content, outDir: site })).toEqual({ ok: true });
      expect(existsSync(path.join(site, "kanaryby/raadet/2024-03-20/index.html"))).toBe(true);
    });
    expect(await runBuild({ contentDir: content, outDir: site })).toEqual({ ok: true });
    expect(existsSync(path.join(site, "kanaryby/raadet/2024-03-20"))).toBe(false);
    expect(Object.keys(await hashTree(site))).toEqual(Object.keys(baseline));
    // Beside the site: its release and the previous one (src/build/swap.ts), no temporary folder.
    const beside = (await readdir(work)).sort();
    expect(beside.filter((name) => !/^site\.release-\d+-[0-9a-f]{12}$/.test(name))).toEqual(["content", "site"]);
    expect(beside).toHaveLength(4);
  });
});
