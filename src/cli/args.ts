// Command-line parsing shared by every `referat` command. Wrong usage exits with status 2.
import { parseArgs, type ParseArgsConfig } from "node:util";

/** Thrown for wrong usage: the CLI prints the message and the usage text, and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parses `args` strictly against `options`; unknown flags and missing values become a UsageError. */
export function parseCommandArgs<O extends Options>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message, { cause: error });
  }
}
