import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addCouncil, councilLines } from "../../src/kommune/add-council.ts";

const KOMMUNE = readFileSync(path.resolve(import.meta.dirname, "../fixtures/new/content/eksempelby/kommune.yaml"), "utf8");

describe("addCouncil", () => {
  it("inserts the council after the last council, keeping every comment, blank line and the keys that follow", () => {
    const updated = addCouncil(KOMMUNE, "handicapraadet", "Handicaprådet");
    const lines = KOMMUNE.split("\n");
    const at = lines.indexOf("    name: Ældrerådet   # no members listed yet") + 1;
    expect(updated).toBe([...lines.slice(0, at), "  handicapraadet:", "    name: Handicaprådet", ...lines.slice(at)].join("\n"));
  });

  it("follows the file's own indentation and line endings", () => {
    const source = "name: X\r\ncouncils:\r\n    raadet:\r\n        name: Rådet\r\n";
    expect(addCouncil(source, "nyt-raad", "Nyt råd: det andet")).toBe(
      "name: X\r\ncouncils:\r\n    raadet:\r\n        name: Rådet\r\n    nyt-raad:\r\n        name: 'Nyt råd: det andet'\r\n",
    );
  });

  it("adds to an empty councils: block at the end of a file without a final line break", () => {
    expect(addCouncil("name: X\ncouncils:", "raadet", "Rådet")).toBe("name: X\ncouncils:\n  raadet:\n    name: Rådet\n");
  });

  it("gives up on a file without a block-style councils: list", () => {
    expect(addCouncil("name: X\ncouncils: {raadet: {name: Rådet}}\n", "nyt", "Nyt")).toBeUndefined();
    expect(addCouncil("name: X\n", "nyt", "Nyt")).toBeUndefined();
  });

  it("writes the two lines a secretary adds by hand", () => {
    expect(councilLines("aeldreraadet", "Rådets navn")).toEqual(["  aeldreraadet:", "    name: Rådets navn"]);
  });
});
