// `referat <command> --help` and `referat help <command>`: the command's own usage, exit 0, listing
// every option the command accepts (read from the command itself, as docs/cli.md's test does).
import { afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.ts";

const COMMANDS = ["build", "check", "serve", "new", "import"] as const;

/** Runs the CLI in-process; returns its exit status and what it wrote. */
async function run(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { status: await main(argv), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

/** The options `referat <command>` says it knows, from its message for an unknown option. */
async function knownOptions(command: string): Promise<string[]> {
  const { status, stderr } = await run([command, "--qqqqqqqqqq"]);
  expect(status).toBe(2);
  return (/kendte tilvalg: ([^\n]+)\./.exec(stderr)?.[1] ?? "").split(", ");
}

describe("referat <command> --help", () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(COMMANDS)("referat %s --help prints that command's usage with every option it accepts, exit 0", async (command) => {
    const options = await knownOptions(command);
    expect(options).toContain("--content");
    const { status, stdout, stderr } = await run([command, "--help"]);
    expect(status).toBe(0);
    expect(stderr).toBe("");
    expect(stdout.startsWith(`Brug: referat ${command} [tilvalg]\n`)).toBe(true);
    expect(options.filter((option) => !new RegExp(`${option}\\b`).test(stdout))).toEqual([]);
    expect(stdout).toContain("--debug");
  });

  it("takes -h and the Danish --hjælp, after other options too", async () => {
    for (const argv of [
      ["build", "-h"],
      ["build", "--out", "x", "--hjælp"],
      ["build", "--hjaelp"],
    ]) {
      const { status, stdout } = await run(argv);
      expect(status, argv.join(" ")).toBe(0);
      expect(stdout.startsWith("Brug: referat build [tilvalg]\n")).toBe(true);
    }
  });

  it("referat help <command> prints the same as referat <command> --help", async () => {
    expect((await run(["help", "serve"])).stdout).toBe((await run(["serve", "--help"])).stdout);
  });

  it("an unknown command with --help is still wrong usage, exit 2", async () => {
    const { status, stderr } = await run(["bygg", "--help"]);
    expect(status).toBe(2);
    expect(stderr).toContain('Ukendt kommando "bygg".');
  });

  it("the general usage lists every command's options", async () => {
    const { status, stdout } = await run(["--help"]);
    expect(status).toBe(0);
    for (const command of COMMANDS) {
      const options = await knownOptions(command);
      expect(
        options.filter((option) => !stdout.includes(option)),
        command,
      ).toEqual([]);
    }
  });
});
