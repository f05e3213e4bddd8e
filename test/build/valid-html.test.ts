// The public site is valid HTML and CSS by the W3C Nu Html Checker (npm vnu-jar, run with the
// machine's Java): every page and stylesheet of the example archive, built for all
// municipalities with a base URL (canonical links, feeds and structured data included), and of
// the test fixture built for one municipality under a path prefix, and of the example archive
// built with the example web team's templates (examples/web-team/: its added pages and footer).
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_CONTENT, listFiles, ROOT, runCli, tempDir } from "./helpers.ts";

const run = promisify(execFile);
const vnu = String(createRequire(import.meta.url)("vnu-jar"));

/** Runs the checker and returns what it printed on stderr (its report), as lines. */
async function report(files: string[], css = false): Promise<string[]> {
  const { stderr } = await run("java", ["-jar", vnu, "--errors-only", "--exit-zero-always", ...(css ? ["--css"] : []), ...files], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return stderr.split("\n").filter((line) => line.trim() !== "");
}

const sites: { name: string; dir: string }[] = [];

beforeAll(async () => {
  const work = await tempDir("vnu");
  const example = join(work, "example");
  const fixture = join(work, "fixture");
  const webTeam = join(work, "web-team");
  const a = await runCli(["build", "--content", join(ROOT, "content"), "--out", example, "--base-url", "https://referater.example.dk/"]);
  expect(a.code, a.stderr).toBe(0);
  const b = await runCli(["build", "--content", FIXTURE_CONTENT, "--out", fixture, "--kommune", "gladsaxe", "--path-prefix", "/referater/"]);
  expect(b.code, b.stderr).toBe(0);
  const c = await runCli(["build", "--content", join(ROOT, "content"), "--out", webTeam, "--templates", join(ROOT, "examples/web-team")]);
  expect(c.code, c.stderr).toBe(0);
  sites.push(
    { name: "the example archive", dir: example },
    { name: "one municipality under a path prefix", dir: fixture },
    { name: "the example archive with a web team's templates", dir: webTeam },
  );
});

describe("the W3C Nu Html Checker", () => {
  it("finds no error in any page or stylesheet", async () => {
    for (const site of sites) {
      const files = await listFiles(site.dir);
      const pages = files.filter((f) => f.endsWith(".html")).map((f) => join(site.dir, f));
      const styles = files.filter((f) => f.endsWith(".css")).map((f) => join(site.dir, f));
      expect(pages.length, site.name).toBeGreaterThan(5);
      expect(await report(pages), `${site.name}: HTML`).toEqual([]);
      expect(await report(styles, true), `${site.name}: CSS`).toEqual([]);
    }
  });
});
