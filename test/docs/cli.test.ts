// docs/cli.md is the command line's reference: every option a command accepts is documented in
// that command's section. The options are read from the CLI itself: an unknown option makes each
// command list the options it knows, as a user would see them.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const COMMANDS = ["build", "check", "serve", "new", "import"] as const;

/** The options `referat <command>` says it knows, from its message for an unknown option. */
async function knownOptions(command: string): Promise<string[]> {
  let stderr = "";
  const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  let status: number;
  try {
    status = await main([command, "--qqqqqqqqqq"]);
  } finally {
    spy.mockRestore();
  }
  expect(status).toBe(2);
  const listed = /kendte tilvalg: ([^\n]+)\./.exec(stderr)?.[1];
  expect(listed, stderr).toBeDefined();
  return (listed ?? "").split(", ");
}

/** The text of `## referat <command>` in docs/cli.md, up to the next `## `. */
function section(text: string, command: string): string {
  const start = text.indexOf(`\n## referat ${command}\n`);
  expect(start, `docs/cli.md has no section "## referat ${command}"`).toBeGreaterThan(-1);
  const end = text.indexOf("\n## ", start + 1);
  return text.slice(start, end === -1 ? undefined : end);
}

describe("docs/cli.md", () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(COMMANDS)("documents every option of referat %s in its section", async (command) => {
    const text = await readFile(path.join(ROOT, "docs/cli.md"), "utf8");
    const options = await knownOptions(command);
    expect(options).toContain("--content");
    const own = section(text, command);
    expect(options.filter((option) => !own.includes(`\`${option}`))).toEqual([]);
  });

  it("documents --debug, which every command takes, and every exit status main returns", async () => {
    const text = await readFile(path.join(ROOT, "docs/cli.md"), "utf8");
    expect(text).toContain("| `--debug` |");
    for (const status of ["0", "1", "2", "130, 143"]) expect(text).toContain(`\n| ${status} |`);
  });

  it("is linked from the README", async () => {
    expect(await readFile(path.join(ROOT, "README.md"), "utf8")).toContain("(docs/cli.md)");
  });
});
