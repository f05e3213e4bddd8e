// `referat new`: starts a meeting file at its right path, with the council's standing members as
// attendees, the usual opening and closing items and Danish comments on every field. Without
// arguments in a terminal it asks for them one by one; without a terminal, missing arguments are
// wrong usage (exit 2). It never overwrites a file. A council not yet in kommune.yaml can be added
// (in a terminal) by inserting two lines, keeping the file's comments. See docs/vejledning.md.
import { readdir, readFile, stat, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { displayPath } from "../report/display-path.ts";
import { formatProblem, sortProblems } from "../report/problem.ts";
import { isCalendarDate, readClockTime } from "../format/dates.ts";
import { addCouncil, councilLines } from "../kommune/add-council.ts";
import { SLUG } from "../kommune/schema.ts";
import { validateKommuneBytes } from "../kommune/validate.ts";
import { splitFrontMatter } from "../minutes/parse.ts";
import { parseYaml } from "../yaml/parse.ts";
import { meetingTemplate, type MemberInput } from "../minutes/template.ts";
import { parseCommandArgs, UsageError } from "./args.ts";

export const NEW_OPTIONS = {
  content: { type: "string", default: "content" },
  kommune: { type: "string" },
  raad: { type: "string" },
  date: { type: "string" },
  dagsorden: { type: "boolean", default: false },
  nummer: { type: "string" },
  venue: { type: "string" },
  debug: { type: "boolean", default: false },
} as const;

/** How `new` asks for what is missing; src/cli/new.ts uses @inquirer, tests pass their answers. */
export interface Prompter {
  select<T extends string>(message: string, choices: readonly { value: T; name: string }[], defaultValue?: T): Promise<T>;
  input(message: string, defaultValue?: string, validate?: (value: string) => true | string): Promise<string>;
  confirm(message: string, defaultValue: boolean): Promise<boolean>;
}

export interface NewEnvironment {
  /** Whether to ask: stdin and stdout are a terminal. */
  interactive: boolean;
  prompter?: Prompter;
  /** Today in Copenhagen, `YYYY-MM-DD`. */
  today: string;
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The Danish messages of `referat new`, in one place so tests can assert them. */
export const newMessages = {
  usage:
    "Brug: referat new --kommune SLUG --raad SLUG --date ÅÅÅÅ-MM-DD [--dagsorden] [--venue STED] [--nummer 2] [--content MAPPE]\n" +
    "Opretter et nyt møde med rådets faste medlemmer og de faste punkter. Kørt i en terminal uden\n" +
    "tilvalg spørger kommandoen om det, der mangler. Vejledning: docs/vejledning.md\n",
  missing: (names: readonly string[]) =>
    `Der mangler ${names
      .map((name) => `--${name}`)
      .join(", ")
      .replace(/, ([^,]*)$/, " og $1")}.`,
  noContent: (dir: string) => `Mappen med indhold findes ikke: ${dir}. Angiv den med --content MAPPE.`,
  noKommuner: (dir: string) => `Der er ingen kommuner i ${dir}: en kommune er en mappe med en kommune.yaml.`,
  unknownKommune: (slug: string, dir: string, known: readonly string[]) => `Kommunen '${slug}' findes ikke i ${dir}. Kendte kommuner: ${known.join(", ")}.`,
  badKommuneFile: (file: string) => `${file} har fejl; ret dem først:`,
  unknownCouncil: (slug: string, file: string, known: readonly string[]) =>
    `Rådet '${slug}' findes ikke i ${file}. Kendte råd: ${known.length ? known.join(", ") : "(ingen)"}.\n` +
    `Er det et nyt råd, så tilføj disse linjer under councils: i ${file} (med rådets navn, som det skal stå på sitet),\n` +
    `eller kør kommandoen i en terminal, så tilbyder den at gøre det:\n${councilLines(slug, "Rådets navn").join("\n")}`,
  badSlug: (option: string, value: string) =>
    `--${option} skal være små bogstaver a-z, cifre og bindestreger (aa for å, oe for ø, ae for æ), men er "${value}".`,
  badDate: (value: string) => `--date skal være en rigtig dato som 2024-05-14, men er "${value}".`,
  badNumber: (value: string) => `--nummer skal være 2 eller mere (dagens andet, tredje … møde), men er "${value}".`,
  exists: (file: string, date: string, next: number) =>
    `${file} findes allerede og overskrives ikke. Er det et andet møde samme dag, så opret det med --nummer ${next} (filen ${date}-${next}.md).`,
  existsAgenda: (file: string) =>
    `${file} findes allerede som dagsorden og overskrives ikke. Når mødet er holdt, gør du den til et referat ved at rette ` +
    `status: dagsorden til status: referat i filens hoved og skrive referatet under punkterne (se docs/vejledning.md).`,
  noVenue: 'Mødet skal have et sted. Angiv det med --venue, fx --venue "Rådhuset, mødelokale 2" (eller skriv online: i filen bagefter).',
  cannotAddCouncil: (file: string) => `${file} har ingen councils:-liste, som rådet kan tilføjes til; tilføj det selv med linjerne ovenfor.`,
  councilAdded: (slug: string, file: string) => `Rådet '${slug}' er tilføjet i ${file}.`,
  created: (file: string, status: string, attendees: number, items: number) =>
    `Oprettet ${file} (${status}, ${attendees} ${attendees === 1 ? "deltager" : "deltagere"} fra kommune.yaml, ${items} punkter).\n` +
    "Åbn filen, skriv mødets punkter og tekst, og se det på sitet med npm start. Før du offentliggør: npm run check.",
} as const;

/** `referat new` from the command line: a prompt stopped with Ctrl+C writes nothing. */
export async function runNewCommand(args: string[]): Promise<number> {
  try {
    return await runNew(args);
  } catch (error) {
    if ((error as Error).name !== "ExitPromptError") throw error;
    process.stderr.write("\nAfbrudt: intet er skrevet.\n");
    return 1;
  }
}

/** Exit status: 0 written, 1 refused (exists, broken kommune.yaml), 2 wrong usage. */
export async function runNew(args: string[], environment: NewEnvironment = defaultEnvironment()): Promise<number> {
  const { values } = parseCommandArgs(args, NEW_OPTIONS);
  const { out, err } = environment;
  const contentDir = values.content;
  const ask = environment.interactive ? (environment.prompter ?? (await inquirerPrompter())) : undefined;

  // Everything that can be checked without asking is checked first.
  for (const option of ["kommune", "raad"] as const) {
    const value = values[option];
    if (value !== undefined && !SLUG.test(value)) throw new UsageError(newMessages.badSlug(option, value), { usage: newMessages.usage });
  }
  if (values.date !== undefined && !isCalendarDate(values.date)) throw new UsageError(newMessages.badDate(values.date), { usage: newMessages.usage });
  if (values.nummer !== undefined && !/^([2-9]|[1-9]\d+)$/.test(values.nummer))
    throw new UsageError(newMessages.badNumber(values.nummer), { usage: newMessages.usage });
  if (!ask) {
    const missing = (["kommune", "raad", "date"] as const).filter((name) => values[name] === undefined);
    if (missing.length > 0) throw new UsageError(newMessages.missing(missing), { usage: newMessages.usage });
  }

  if (!(await stat(contentDir).catch(() => undefined))?.isDirectory()) {
    err(`${newMessages.noContent(displayPath(contentDir))}\n`);
    return 1;
  }
  const kommuner = await listKommuner(contentDir);
  if (kommuner.length === 0) {
    err(`${newMessages.noKommuner(displayPath(contentDir))}\n`);
    return 1;
  }

  // The municipality.
  let kommune = values.kommune;
  if (kommune !== undefined && !kommuner.includes(kommune)) {
    throw new UsageError(newMessages.unknownKommune(kommune, displayPath(contentDir), kommuner), { usage: newMessages.usage });
  }
  kommune ??= await ask!.select(
    "Kommune",
    await Promise.all(kommuner.map(async (slug) => ({ value: slug, name: await kommuneName(contentDir, slug) }))),
    kommuner[0],
  );
  const kommuneFile = path.join(contentDir, kommune, "kommune.yaml");
  let kommuneData = await readKommune(kommuneFile, kommune);
  if (!kommuneData.ok) {
    err(`${newMessages.badKommuneFile(displayPath(kommuneFile))}\n${kommuneData.problems.join("\n")}\n`);
    return 1;
  }

  // The council, perhaps added to kommune.yaml.
  let raad = values.raad;
  const known = [...kommuneData.councils.keys()];
  if (raad === undefined) {
    const NEW = "\u0000ny";
    const chosen = await ask!.select(
      "Råd",
      [...kommuneData.councils].map(([slug, council]) => ({ value: slug, name: `${council.name} (${slug})` })).concat([{ value: NEW, name: "Et nyt råd …" }]),
      known.length === 1 ? known[0] : undefined,
    );
    raad =
      chosen === NEW
        ? await ask!.input("Det nye råds slug (små bogstaver, aa for å, oe for ø, ae for æ), fx aeldreraadet", undefined, (value) =>
            SLUG.test(value) ? true : "Brug små bogstaver a-z, cifre og bindestreger.",
          )
        : chosen;
  }
  if (!kommuneData.councils.has(raad)) {
    const message = newMessages.unknownCouncil(raad, displayPath(kommuneFile), known);
    if (!ask) throw new UsageError(message, { usage: newMessages.usage });
    err(`${message.split("\n")[0]}\n`);
    if (!(await ask.confirm(`Skal rådet '${raad}' tilføjes i ${displayPath(kommuneFile)}?`, true))) {
      err(`${message}\n`);
      return 2;
    }
    const name = await ask.input("Rådets navn, som det skal stå på sitet, fx Ældrerådet", undefined, (value) => (value.trim() ? true : "Skriv rådets navn."));
    const source = await readFile(kommuneFile, "utf8");
    const updated = addCouncil(source, raad, name.trim());
    const reread = updated === undefined ? undefined : readKommuneText(updated, kommuneFile, kommune);
    if (!updated || !reread?.ok || !reread.councils.has(raad)) {
      err(`${newMessages.cannotAddCouncil(displayPath(kommuneFile))}\n${councilLines(raad, name.trim()).join("\n")}\n`);
      return 1;
    }
    await writeFile(kommuneFile, updated);
    out(`${newMessages.councilAdded(raad, displayPath(kommuneFile))}\n`);
    kommuneData = reread;
  }
  const council = kommuneData.councils.get(raad)!;

  // The date and the kind of document.
  const date =
    values.date ??
    (
      await ask!.input("Mødets dato (ÅÅÅÅ-MM-DD)", environment.today, (value) => (isCalendarDate(value.trim()) ? true : "Skriv en rigtig dato som 2024-05-14."))
    ).trim();
  let status: "referat" | "dagsorden" = values.dagsorden ? "dagsorden" : "referat";
  if (ask && !values.dagsorden && (values.kommune === undefined || values.raad === undefined || values.date === undefined)) {
    status = await ask.select(
      "Hvad skal filen være?",
      [
        { value: "dagsorden", name: "Dagsorden (før mødet)" },
        { value: "referat", name: "Referat (efter mødet)" },
      ] as const,
      date > environment.today ? "dagsorden" : "referat",
    );
  }

  // Never overwrite; say how to make a second meeting that day, or how an agenda becomes minutes.
  const slug = values.nummer ? `${date}-${values.nummer}` : date;
  const councilDir = path.join(contentDir, kommune, raad);
  const file = path.join(councilDir, date.slice(0, 4), `${slug}.md`);
  const existing = await readFile(file, "utf8").catch(() => undefined);
  if (existing !== undefined) {
    const isAgenda = /^status:[ \t]*["']?dagsorden["']?[ \t]*(#.*)?$/m.test(splitFrontMatter(existing).frontMatter);
    const next = await nextFreeNumber(path.dirname(file), date);
    err(`${isAgenda && !values.dagsorden ? newMessages.existsAgenda(displayPath(file)) : newMessages.exists(displayPath(file), date, next)}\n`);
    return 1;
  }

  // Place and times: as announced by the previous meeting, else as at the previous meeting.
  const previous = await previousPlace(councilDir, date, slug);
  let venue = values.venue ?? previous?.venue;
  const online = values.venue === undefined ? previous?.online : undefined;
  if (!venue && !online) {
    if (!ask) throw new UsageError(newMessages.noVenue, { usage: newMessages.usage });
    venue = (await ask.input("Mødested, fx Rådhuset, mødelokale 2", undefined, (value) => (value.trim() ? true : "Skriv mødestedet."))).trim();
  }

  const text = meetingTemplate({
    date,
    status,
    councilName: council.name,
    members: council.members,
    ...(venue ? { venue } : {}),
    ...(online ? { online } : {}),
    ...(previous?.start ? { start: previous.start } : {}),
    ...(previous?.end ? { end: previous.end } : {}),
    ...(previous && values.venue === undefined ? { placeSource: previous.source } : {}),
  });
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, text, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    err(`${newMessages.exists(displayPath(file), date, await nextFreeNumber(path.dirname(file), date))}\n`);
    return 1;
  }
  out(`${newMessages.created(displayPath(file), status, council.members.length, 3)}\n`);
  return 0;
}

function defaultEnvironment(): NewEnvironment {
  return {
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    today: DateTime.now().setZone("Europe/Copenhagen").toISODate() ?? "",
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  };
}

/** The prompts of a terminal, with Danish hints. Loaded only when asking. */
async function inquirerPrompter(): Promise<Prompter> {
  const [{ default: select }, { default: input }, { default: confirm }] = await Promise.all([
    import("@inquirer/select"),
    import("@inquirer/input"),
    import("@inquirer/confirm"),
  ]);
  return {
    select: (message, choices, defaultValue) =>
      select({
        message,
        choices: choices.map((choice) => ({ value: choice.value, name: choice.name })),
        ...(defaultValue !== undefined ? { default: defaultValue } : {}),
        theme: { style: { keysHelpTip: () => "↑↓ vælg, Enter bekræfter" } },
      }),
    input: (message, defaultValue, validate) =>
      input({ message, ...(defaultValue !== undefined ? { default: defaultValue } : {}), ...(validate ? { validate } : {}) }),
    confirm: (message, defaultValue) =>
      confirm({ message, default: defaultValue, theme: { keywords: { yes: "ja", no: "nej", error: () => "Svar ja eller nej." } } }),
  };
}

/** Municipalities: folders of the content folder that hold a kommune.yaml. */
async function listKommuner(contentDir: string): Promise<string[]> {
  const entries = await readdir(contentDir, { withFileTypes: true });
  const slugs: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    if ((await stat(path.join(contentDir, entry.name, "kommune.yaml")).catch(() => undefined))?.isFile()) slugs.push(entry.name);
  }
  return slugs.sort();
}

/** "Gladsaxe Kommune (gladsaxe)" for the choice, read leniently: the slug alone if the file is broken. */
async function kommuneName(contentDir: string, slug: string): Promise<string> {
  const parsed = parseYaml(await readFile(path.join(contentDir, slug, "kommune.yaml"), "utf8").catch(() => ""));
  const name = parsed.ok && typeof parsed.value === "object" && parsed.value !== null ? (parsed.value as Record<string, unknown>).name : undefined;
  return typeof name === "string" && name.trim() ? `${name.trim()} (${slug})` : slug;
}

interface CouncilInfo {
  name: string;
  members: MemberInput[];
}
type KommuneRead = { ok: true; councils: Map<string, CouncilInfo> } | { ok: false; problems: string[] };

async function readKommune(file: string, slug: string): Promise<KommuneRead> {
  return readKommuneText(await readFile(file, "utf8"), file, slug);
}

function readKommuneText(text: string, file: string, slug: string): KommuneRead {
  const result = validateKommuneBytes(Buffer.from(text, "utf8"), {
    file: displayPath(file),
    slug,
    absolutePath: path.resolve(file),
    folder: path.dirname(path.resolve(file)),
  });
  if (!result.kommune) return { ok: false, problems: sortProblems(result.problems).map(formatProblem) };
  return {
    ok: true,
    councils: new Map(result.kommune.councils.map((council) => [council.slug, { name: council.name, members: council.members.map(memberInput) }])),
  };
}

/** A validated member back as kommune.yaml would write it: text when that reads back the same. */
function memberInput(person: { name: string; organisation?: string; role?: string }): MemberInput {
  const plain = !/[(),]/.test(person.name) && !/[(),]/.test(person.organisation ?? "") && !/[()]/.test(person.role ?? "");
  if (!plain) return { name: person.name, organisation: person.organisation ?? null, role: person.role ?? null };
  return `${person.name}${person.organisation ? ` (${person.organisation})` : ""}${person.role ? `, ${person.role}` : ""}`;
}

/** The lowest N ≥ 2 for which `<date>-N.md` does not exist yet. */
async function nextFreeNumber(folder: string, date: string): Promise<number> {
  for (let n = 2; ; n++) {
    if (!(await stat(path.join(folder, `${date}-${n}.md`)).catch(() => undefined))) return n;
  }
}

interface Place {
  venue?: string;
  online?: string;
  start?: string;
  end?: string;
  /** Said in the file's comment. */
  source: string;
}

/**
 * The place and times of the council's latest meeting before this one (`slug`), or of the next meeting it
 * announced when that is `date`. Read defensively from the raw head: a broken file gives nothing.
 */
async function previousPlace(councilDir: string, date: string, slug: string): Promise<Place | undefined> {
  const years = ((await readdir(councilDir).catch(() => [])) as string[])
    .filter((name) => /^\d{4}$/.test(name) && name <= date.slice(0, 4))
    .sort()
    .reverse();
  for (const year of years) {
    const files = ((await readdir(path.join(councilDir, year)).catch(() => [])) as string[])
      .filter((name) => /^\d{4}-\d{2}-\d{2}(-\d+)?\.md$/.test(name) && name.slice(0, -3) < slug)
      .sort()
      .reverse();
    for (const name of files) {
      const split = splitFrontMatter(await readFile(path.join(councilDir, year, name), "utf8").catch(() => ""));
      const head = split.data;
      if (typeof head !== "object" || head === null || Array.isArray(head)) continue;
      const raw = head as Record<string, unknown>;
      const next = raw.next_meeting as Record<string, unknown> | undefined;
      const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : undefined);
      const announced = typeof next === "object" && next !== null && next.date === date;
      const from = announced ? next : raw;
      const place: Place = {
        source: announced ? `fra referatet af mødet ${name.slice(0, 10)}, der varslede dette møde` : `fra mødet ${name.slice(0, 10)}`,
      };
      const venue = text(from.venue) ?? (announced ? text(raw.venue) : undefined);
      const online = text(from.online);
      const start = readClockTime(from.start);
      const end = readClockTime(from.end);
      if (venue) place.venue = venue;
      if (online) place.online = online;
      if (start) place.start = start;
      if (end) place.end = end;
      if (venue || online || start || end) return place;
    }
  }
  return undefined;
}
