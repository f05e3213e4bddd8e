// `referat`: the command line. Dispatches to one module per command; exit status 0 success,
// 1 content errors, 2 wrong usage. No stack trace unless --debug.
import { PartSizeError, resolvePartSize, resolveSearchMemory, resolveSearchProcesses } from "../search/parts.ts";
import { UsageError } from "./args.ts";

/** Each command's lines of the usage text: what it does and every option it takes. */
export const COMMAND_USAGE: Record<string, string> = {
  build: `  build   Byg arkivet: tjek indholdet, lav siderne og søgeindekset
          --content MAPPE      indholdet (standard: content)
          --out MAPPE          hvor sitet skrives (standard: _site)
          --kommune SLUG       byg kun én kommune, som sit eget site
          --path-prefix STI    sitet ligger under en understi, fx /referater/
          --base-url URL       sitets offentlige adresse, fx https://kommune.dk/referater/
          --templates MAPPE    webholdets egne skabeloner og sider ved siden af projektets
          --json [FIL]         byggeriets tal som JSON på stdout, eller i FIL
`,
  check: `  check   Tjek indholdet uden at bygge
          --content MAPPE
`,
  serve: `  serve   Byg og vis arkivet på http://localhost:8080 med automatisk genindlæsning
          --content MAPPE  --out MAPPE  --kommune SLUG  --path-prefix STI  --base-url URL
          --templates MAPPE
          --port NUMMER
          --host ADRESSE       fx 0.0.0.0: vis arkivet for andre på netværket (kun
                               på et netværk, du stoler på; standard: kun denne maskine)
`,
  import: `  import  Gør gamle referater (.txt, .html, .docx, .pdf) til udkast: referat import FIL… eller MAPPE
          --kommune SLUG --raad SLUG (påkrævet)  --content MAPPE  --replace overskriver
`,
  new: `  new     Opret et nyt møde med rådets faste medlemmer og de faste punkter
          --kommune SLUG  --raad SLUG  --date ÅÅÅÅ-MM-DD  [--dagsorden]  [--venue STED]
          [--nummer 2]  [--content MAPPE]; i en terminal spørges der om det, der mangler
`,
};

const COMMON_USAGE = `Fælles: --debug viser tekniske detaljer ved fejl; --help viser denne tekst.
Miljø:  REFERAT_SEARCH_MEMORY=MB     hukommelse til Pagefind i alt; en større kommunes
                                    søgeindeks deles efter periode (standard 800)
        REFERAT_SEARCH_PART_SIZE=N  højst N møder i én del af søgeindekset (standard: ingen grænse)
        REFERAT_SEARCH_PROCESSES=N  højst N Pagefind-processer på én gang (standard: kernerne, højst 4)
`;

export const USAGE = `Brug: referat <kommando> [tilvalg]

Kommandoer:
${Object.values(COMMAND_USAGE).join("")}
${COMMON_USAGE}`;

/** `referat <command> --help`: that command's lines and the common ones. */
export function commandUsage(name: string): string {
  return `Brug: referat ${name} [tilvalg]\n\n${COMMAND_USAGE[name] ?? ""}\n${COMMON_USAGE}`;
}

/** What asks for help among a command's arguments (the Danish words too, as the option parser knows them). */
const HELP_FLAGS = new Set(["--help", "-h", "--hjaelp", "--hjælp"]);

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  build: async () => (await import("./build.ts")).runBuild,
  check: async () => (await import("./check.ts")).runCheck,
  serve: async () => (await import("./serve.ts")).runServe,
  import: async () => (await import("./import.ts")).runImport,
  new: async () => (await import("./new.ts")).runNewCommand,
};

/** Runs the CLI with `argv` (without node and script) and returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes("--debug");
  const [name, ...rest] = argv;
  if (!name || HELP_FLAGS.has(name)) {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  if (name === "help" || (name in commands && rest.some((arg) => HELP_FLAGS.has(arg)))) {
    // `referat help build`, `referat build --help`: the command's help, whatever else was typed.
    const command = name === "help" ? rest[0] : name;
    process.stdout.write(command && COMMAND_USAGE[command] ? commandUsage(command) : USAGE);
    return 0;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`Ukendt kommando "${name}".\n\n${USAGE}`);
    return 2;
  }
  if (name === "build" || name === "serve") {
    try {
      resolvePartSize(undefined);
      resolveSearchMemory(undefined);
      resolveSearchProcesses(undefined);
    } catch (error) {
      if (!(error instanceof PartSizeError)) throw error;
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
  }
  try {
    const run = await load();
    return await run(rest);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${error.usage ?? USAGE}`);
      return 2;
    }
    process.stderr.write(`Der skete en uventet fejl: ${(error as Error).message}\n`);
    if (debug) process.stderr.write(`${(error as Error).stack ?? ""}\n`);
    else process.stderr.write("Kør igen med --debug for tekniske detaljer.\n");
    return 1;
  }
}
