// Command-line parsing shared by every `referat` command. Wrong usage exits with status 2, with a
// Danish message that names the nearest known option ("mente du --out?").
import { parseArgs, type ParseArgsConfig } from "node:util";
import { editDistance } from "../minutes/messages.ts";

/** Thrown for wrong usage: the CLI prints the message and the usage text, and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
  /** The command's own usage text, shown instead of the general one. */
  readonly usage: string | undefined;
  constructor(message: string, options?: ErrorOptions & { usage?: string }) {
    super(message, options);
    this.usage = options?.usage;
  }
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Danish words a user may type for an option: `--ud` means `--out`. */
const DANISH_OPTION_NAMES: Record<string, string> = {
  ud: "out",
  output: "out",
  indhold: "content",
  mappe: "content",
  sti: "path-prefix",
  prefix: "path-prefix",
  path: "path-prefix",
  dato: "date",
  skabeloner: "templates",
  skabelon: "templates",
  raad: "raad",
  råd: "raad",
  council: "raad",
  municipality: "kommune",
  hjaelp: "help",
  hjælp: "help",
  fejlsoegning: "debug",
};

/** The Danish messages of wrong usage, in one place so tests can assert them. */
export const usageMessages = {
  unknownOption: (option: string, suggestion: string | undefined, known: readonly string[]) =>
    `Ukendt tilvalg '${option}'; ${suggestion ? `mente du --${suggestion}?` : `kendte tilvalg: ${known.map((name) => `--${name}`).join(", ")}.`}`,
  missingValue: (option: string) => `Tilvalget --${option} skal have en værdi efter sig, fx --${option} ${EXAMPLES[option] ?? "VÆRDI"}.`,
  noValue: (option: string) => `Tilvalget --${option} tager ingen værdi; skriv blot --${option}.`,
  unexpectedArgument: (argument: string) =>
    `Uventet argument '${argument}'; kommandoen tager kun tilvalg som --navn værdi. Står der mellemrum i en værdi, så sæt den i anførselstegn.`,
} as const;

const EXAMPLES: Record<string, string> = {
  content: "content",
  out: "_site",
  kommune: "gladsaxe",
  raad: "udsatteraadet",
  date: "2024-05-14",
  "path-prefix": "/referater/",
  port: "8080",
};

/** The known option closest to `typed` (without dashes), if it is a likely typo or a Danish word for it. */
export function nearestOption(typed: string, known: readonly string[]): string | undefined {
  const word = typed.replace(/^-+/, "").split("=")[0]?.toLowerCase() ?? "";
  const danish = DANISH_OPTION_NAMES[word];
  if (danish && known.includes(danish)) return danish;
  const prefixed = known.filter((name) => word.length >= 2 && name.startsWith(word));
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of known) {
    const distance = editDistance(word, name);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return bestDistance <= (word.length <= 4 ? 1 : 2) ? best : undefined;
}

/** Parses `args` strictly against `options`; unknown flags and missing values become a UsageError in Danish. */
export function parseCommandArgs<O extends Options>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(translateParseError(error as Error & { code?: string }, Object.keys(options)), { cause: error });
  }
}

/** Node's English parseArgs errors, in Danish. */
function translateParseError(error: Error & { code?: string }, known: readonly string[]): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? "";
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
      const option = quoted.split("=")[0] ?? quoted;
      return usageMessages.unknownOption(
        option,
        nearestOption(option, known),
        known.filter((name) => name !== "debug"),
      );
    }
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const option = /--([\w-]+)/.exec(error.message)?.[1] ?? quoted;
      return error.message.includes("does not take an argument") ? usageMessages.noValue(option) : usageMessages.missingValue(option);
    }
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return usageMessages.unexpectedArgument(quoted);
    default:
      return error.message;
  }
}
