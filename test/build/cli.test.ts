import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/args.ts";
import { formatBuildSummary, parseBuildArgs } from "../../src/cli/build.ts";

describe("referat build options", () => {
  it("defaults to content/ in and _site/ out", () => {
    expect(parseBuildArgs([])).toEqual({ contentDir: "content", outDir: "_site", debug: false });
  });

  it("reads every option", () => {
    expect(parseBuildArgs(["--content", "c", "--out", "o", "--kommune", "gladsaxe", "--path-prefix", "/referater/", "--debug"])).toEqual({
      contentDir: "c",
      outDir: "o",
      kommune: "gladsaxe",
      pathPrefix: "/referater/",
      debug: true,
    });
  });

  it("calls unknown flags, bad slugs and URLs as prefixes wrong usage", () => {
    expect(() => parseBuildArgs(["--outt", "x"])).toThrow(UsageError);
    expect(() => parseBuildArgs(["--kommune", "Gladsaxe Kommune"])).toThrow('--kommune skal være en kommunes slug som gladsaxe, men er "Gladsaxe Kommune".');
    expect(() => parseBuildArgs(["--path-prefix", "https://x.dk/referater/"])).toThrow(UsageError);
    expect(() => parseBuildArgs(["--path-prefix", "//x.dk/"])).toThrow(UsageError);
  });

  it("sums a build up in Danish", () => {
    const timings = { load: 0, cpr: 0, render: 0, copy: 0, search: 0, links: 0, swap: 0 };
    expect(formatBuildSummary({ kommuner: 1, councils: 1, meetings: 1, pages: 5, files: 0, timings }, "_site")).toBe(
      "Bygget: 1 kommune, 1 råd, 1 møde, 5 sider i _site.",
    );
  });
});
