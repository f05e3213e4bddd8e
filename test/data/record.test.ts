import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { neutraliseFormula } from "../../src/data/exports.ts";
import { stableId } from "../../src/data/feeds.ts";
import { readHistory } from "../../src/data/history.ts";
import { parseBaseUrl } from "../../src/data/urls.ts";
import { markdownText } from "../../src/render/markdown.ts";
import { runCli, tempDir } from "../build/helpers.ts";

describe("an item's text in the open data", () => {
  it("is what renders: a reference definition used as a hidden note is left out, markup is gone", () => {
    const source = "Rådet **drøftede** [sagen](https://eksempel.dk).\n\n[//]: # (intern note, der ikke vises)\n\n- et punkt\n- et andet\n";
    expect(markdownText(source)).toBe("Rådet drøftede sagen.\n\net punkt\n\net andet");
  });
});

describe("CSV exports", () => {
  it("defuse a text a spreadsheet would run as a formula", () => {
    expect(neutraliseFormula('=HYPERLINK("https://evil.example","klik")')).toBe(`'=HYPERLINK("https://evil.example","klik")`);
    expect(neutraliseFormula("+45 39 57 50 00")).toBe("'+45 39 57 50 00");
    expect(neutraliseFormula("Godkendelse af dagsorden")).toBe("Godkendelse af dagsorden");
  });
});

describe("feed entry ids", () => {
  it("are name-based UUIDs: the same address and status always give the same id", () => {
    expect(stableId("/by/raad/2023-01-10/#referat")).toBe(stableId("/by/raad/2023-01-10/#referat"));
    expect(stableId("/by/raad/2023-01-10/#referat")).not.toBe(stableId("/by/raad/2023-01-10/#dagsorden"));
    expect(stableId("/by/raad/2023-01-10/#referat")).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("--base-url", () => {
  it("takes its path as the path prefix, and refuses one that disagrees with --path-prefix", () => {
    expect(parseBaseUrl("https://kommune.dk/referater")).toEqual({ ok: true, origin: "https://kommune.dk", pathPrefix: "/referater/" });
    expect(parseBaseUrl("https://kommune.dk/referater/", "/andet/")).toEqual({
      ok: false,
      message: "siger stien /referater/, men --path-prefix siger /andet/; udelad --path-prefix, eller gør dem ens",
    });
  });

  it("is a usage error with exit 2 when it is not a web address", async () => {
    const result = await runCli(["build", "--base-url", "referater.kommune.dk"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--base-url skal være en webadresse som https://referater.eksempelby.dk/, men er "referater.kommune.dk".');
  });
});

describe("history", () => {
  it("dates a meeting by its first and last commit, and by its file time when it has changes not committed", async () => {
    const repo = await tempDir("history");
    const file = join(repo, "content/by/raad/2023/2023-01-10.md");
    const other = join(repo, "content/by/raad/2023/2023-03-14.md");
    await mkdir(join(repo, "content/by/raad/2023"), { recursive: true });
    const git = (args: string[], date: string) =>
      execFileSync("git", args, {
        cwd: repo,
        env: {
          ...process.env,
          GIT_AUTHOR_DATE: date,
          GIT_COMMITTER_DATE: date,
          GIT_AUTHOR_NAME: "t",
          GIT_AUTHOR_EMAIL: "t@t",
          GIT_COMMITTER_NAME: "t",
          GIT_COMMITTER_EMAIL: "t@t",
        },
      });
    git(["init", "-q"], "2023-01-11T10:00:00Z");
    await writeFile(file, "første\n");
    await writeFile(other, "andet\n");
    git(["add", "."], "2023-01-11T10:00:00Z");
    git(["commit", "-qm", "første"], "2023-01-11T10:00:00Z");
    await writeFile(file, "rettet\n");
    git(["commit", "-qam", "rettet"], "2023-02-01T09:30:00Z");
    await writeFile(other, "ikke gemt i git\n");
    const history = await readHistory([file, other], {});
    expect(history.get(file)).toEqual({ created: "2023-01-11T11:00:00+01:00", modified: "2023-02-01T10:30:00+01:00" });
    expect(history.get(other)?.created).toBe("2023-01-11T11:00:00+01:00");
    expect(history.get(other)?.modified).not.toBe("2023-01-11T11:00:00+01:00");
    // Reproducible builds clamp every time to SOURCE_DATE_EPOCH.
    const clamped = await readHistory([file, other], { SOURCE_DATE_EPOCH: String(Date.UTC(2023, 0, 20) / 1000) });
    expect(clamped.get(file)).toEqual({ created: "2023-01-11T11:00:00+01:00", modified: "2023-01-20T01:00:00+01:00" });
    expect(clamped.get(other)?.modified).toBe("2023-01-20T01:00:00+01:00");
  });
});
