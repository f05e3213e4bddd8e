// The reserved names (src/site/reserved.ts) are every name a build writes beside the
// municipalities and beside a municipality's councils: a real build of the site fixture is listed,
// so an output added later without reserving its name fails here.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isReservedCouncilName, isReservedKommuneName, RESERVED_TOP_LEVEL } from "../../src/site/reserved.ts";
import { FIXTURE_CONTENT, runCli } from "../build/helpers.ts";

let work: string;
let site: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "reserved-"));
  site = path.join(work, "site");
  const result = await runCli(["build", "--content", FIXTURE_CONTENT, "--out", site]);
  expect(result.stderr).toBe("");
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("reserved names", () => {
  it("list every name the build writes at the top of the site besides the municipalities", async () => {
    const kommuner = (await readdir(FIXTURE_CONTENT)).filter((name) => !name.includes("."));
    const written = (await readdir(site)).filter((name) => !kommuner.includes(name)).sort();
    expect(written).toEqual(expect.arrayContaining(["404.html", "assets", "index.html", "soeg"]));
    expect(written.filter((name) => !isReservedKommuneName(name))).toEqual([]);
    expect(RESERVED_TOP_LEVEL).toEqual(expect.arrayContaining(written));
  });

  it("cover every name the build writes in a municipality's folder besides its councils and logo", async () => {
    for (const kommune of ["gladsaxe", "eksempelby"]) {
      const councils = await readdir(path.join(FIXTURE_CONTENT, kommune));
      const written = (await readdir(path.join(site, kommune))).filter((name) => !councils.includes(name));
      expect(written.length).toBeGreaterThan(0);
      expect(written.filter((name) => !isReservedCouncilName(name))).toEqual([]);
    }
  });

  it("include the folders of a search index in parts", () => {
    expect(["pagefind", "pagefind-1", "pagefind-12", "index.html", "data"].every(isReservedCouncilName)).toBe(true);
    expect(["pagefinder", "udsatteraadet", "pagefind-"].some(isReservedCouncilName)).toBe(false);
  });
});
