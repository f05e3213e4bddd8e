import { describe, expect, it } from "vitest";
import { nearestOption, parseCommandArgs, UsageError } from "../../src/cli/args.ts";

/** A command's options, as `referat build` had them when these tests were written. */
const OPTIONS = {
  content: { type: "string", default: "content" },
  out: { type: "string", default: "_site" },
  kommune: { type: "string" },
  "path-prefix": { type: "string" },
  debug: { type: "boolean", default: false },
} as const;

/** The Danish message a wrong command line gets. */
function usageMessage(args: string[]): string {
  try {
    parseCommandArgs(args, OPTIONS);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error("no usage error");
}

describe("parseCommandArgs", () => {
  it("names the option a Danish word stands for: --ud is --out", () => {
    expect(usageMessage(["--ud", "dist"])).toBe("Ukendt tilvalg '--ud'; mente du --out?");
  });

  it("names the nearest option for a typo", () => {
    expect(usageMessage(["--contnet", "x"])).toBe("Ukendt tilvalg '--contnet'; mente du --content?");
    expect(usageMessage(["--path-prefx=/r/"])).toBe("Ukendt tilvalg '--path-prefx'; mente du --path-prefix?");
  });

  it("lists the known options when nothing is near", () => {
    expect(usageMessage(["--zzz"])).toBe("Ukendt tilvalg '--zzz'; kendte tilvalg: --content, --out, --kommune, --path-prefix.");
  });

  it("says that an option needs a value, with an example", () => {
    expect(usageMessage(["--out"])).toBe("Tilvalget --out skal have en værdi efter sig, fx --out _site.");
  });

  it("says that a switch takes no value", () => {
    expect(usageMessage(["--debug=ja"])).toBe("Tilvalget --debug tager ingen værdi; skriv blot --debug.");
  });

  it("explains an argument that is not an option", () => {
    expect(usageMessage(["content"])).toBe(
      "Uventet argument 'content'; kommandoen tager kun tilvalg som --navn værdi. Står der mellemrum i en værdi, så sæt den i anførselstegn.",
    );
  });
});

describe("nearestOption", () => {
  it("suggests nothing for a word far from every option", () => {
    expect(nearestOption("--farve", ["content", "out"])).toBeUndefined();
  });

  it("suggests a Danish word's option only when the command has it", () => {
    expect(nearestOption("--dato", ["date", "kommune"])).toBe("date");
    expect(nearestOption("--dato", ["content", "out"])).toBeUndefined();
  });
});
