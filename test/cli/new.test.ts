// `referat new` as a secretary runs it: the CLI as a subprocess (no terminal: every argument
// given), and runNew with answers in place of a terminal's prompts.
import { spawn } from "node:child_process";
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runNew, type NewEnvironment, type Prompter } from "../../src/cli/new.ts";
import { UsageError } from "../../src/cli/args.ts";
import { ROOT, runCli, tempDir } from "../build/helpers.ts";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/new/content");

let work: string;
let content: string;
/** The content folder as the CLI prints it (relative to the repository root). */
let shown: string;

beforeEach(async () => {
  work = await tempDir("new");
  content = path.join(work, "content");
  await cp(FIXTURE, content, { recursive: true });
  shown = path.relative(path.resolve(import.meta.dirname, "../.."), content);
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

const MAY = ["--kommune", "eksempelby", "--raad", "udsatteraadet", "--date", "2024-05-14"];

describe("referat new (subprocess, no terminal)", () => {
  it("writes a meeting that passes check and is built into the site", async () => {
    const made = await runCli(["new", "--content", content, ...MAY]);
    expect(made).toEqual({
      code: 0,
      stdout:
        `Oprettet ${shown}/eksempelby/udsatteraadet/2024/2024-05-14.md (referat, 3 deltagere fra kommune.yaml, 3 punkter).\n` +
        "Åbn filen, skriv mødets punkter og tekst, og se det på sitet med npm start. Før du offentliggør: npm run check.\n",
      stderr: "",
    });
    const text = await readFile(path.join(content, "eksempelby/udsatteraadet/2024/2024-05-14.md"), "utf8");
    // Time and place as the previous meeting announced them; the members as attendees.
    expect(text).toContain(
      "# Tid og sted er taget fra referatet af mødet 2024-04-09, der varslede dette møde; ret dem, hvis de ikke passer.\n" +
        '# Hvornår mødet begynder og slutter, fx "16:00".\nstart: "15:00"\nend: "17:00"\n',
    );
    expect(text).toContain("venue: Rådhuset, mødelokale 2\n");
    expect(text).toContain(
      "attendees:\n  - Anna Holm (Kirkens Korshær), formand\n  - Bo Lund\n  - name: Carla Dahl\n    organisation: Brugerrepræsentant, Værestedet\n    role: næstformand\n",
    );
    expect(text.endsWith("---\n\n## Godkendelse af dagsorden\n\n## Godkendelse af referat\n\n## Eventuelt\n")).toBe(true);

    expect(await runCli(["check", "--content", content])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Alt i orden: 2 møder i 1 kommune \([0-9,]+ s\)\.\n$/),
    });
    const out = path.join(work, "_site");
    const built = await runCli(["build", "--content", content, "--out", out]);
    expect(built.code, built.stderr).toBe(0);
    const page = await readFile(path.join(out, "eksempelby/udsatteraadet/2024-05-14/index.html"), "utf8");
    expect(page).toContain("Referat af møde i Udsatterådet den 14. maj 2024");
    for (const words of ["Godkendelse af referat", "Eventuelt", "Carla Dahl", "Rådhuset, mødelokale 2"]) expect(page).toContain(words);
    // Three subprocesses, one a whole build with its search index: room for a busy shared machine.
  }, 600_000);

  it("refuses to overwrite a meeting, and says how to make a second meeting that day", async () => {
    const file = path.join(content, "eksempelby/udsatteraadet/2024/2024-04-09.md");
    const before = await readFile(file, "utf8");
    const result = await runCli(["new", "--content", content, "--kommune", "eksempelby", "--raad", "udsatteraadet", "--date", "2024-04-09"]);
    expect(result).toEqual({
      code: 1,
      stdout: "",
      stderr: `${shown}/eksempelby/udsatteraadet/2024/2024-04-09.md findes allerede og overskrives ikke. Er det et andet møde samme dag, så opret det med --nummer 2 (filen 2024-04-09-2.md).\n`,
    });
    expect(await readFile(file, "utf8")).toBe(before);
    const second = await runCli(["new", "--content", content, "--kommune", "eksempelby", "--raad", "udsatteraadet", "--date", "2024-04-09", "--nummer", "2"]);
    expect(second.code).toBe(0);
    expect(await runCli(["check", "--content", content])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Alt i orden: 2 møder i 1 kommune \([0-9,]+ s\)\.\n$/),
    });
  });

  it("turns an agenda into minutes by one edit of its status line, and says so instead of overwriting it", async () => {
    expect((await runCli(["new", "--content", content, ...MAY, "--dagsorden"])).code).toBe(0);
    const file = path.join(content, "eksempelby/udsatteraadet/2024/2024-05-14.md");
    const again = await runCli(["new", "--content", content, ...MAY]);
    expect(again).toEqual({
      code: 1,
      stdout: "",
      stderr:
        `${shown}/eksempelby/udsatteraadet/2024/2024-05-14.md findes allerede som dagsorden og overskrives ikke. Når mødet er holdt, gør du den til et referat ved at rette ` +
        "status: dagsorden til status: referat i filens hoved og skrive referatet under punkterne (se docs/vejledning.md).\n",
    });
    const agenda = await readFile(file, "utf8");
    expect(agenda).toContain("\nstatus: dagsorden\n");
    await writeFile(file, agenda.replace("\nstatus: dagsorden\n", "\nstatus: referat\n"));
    expect(await runCli(["check", "--content", content])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Alt i orden: 2 møder i 1 kommune \([0-9,]+ s\)\.\n$/),
    });
  });

  it("refuses an unknown municipality with the list of known ones", async () => {
    const result = await runCli(["new", "--content", content, "--kommune", "andeby", "--raad", "udsatteraadet", "--date", "2024-05-14"]);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n")[0]).toBe(`Kommunen 'andeby' findes ikke i ${shown}. Kendte kommuner: eksempelby.`);
  });

  it("refuses an unknown council with the known ones and the lines to add to kommune.yaml", async () => {
    const result = await runCli(["new", "--content", content, "--kommune", "eksempelby", "--raad", "handicapraadet", "--date", "2024-05-14"]);
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n").slice(0, 6)).toEqual([
      `Rådet 'handicapraadet' findes ikke i ${shown}/eksempelby/kommune.yaml. Kendte råd: udsatteraadet, aeldreraadet.`,
      `Er det et nyt råd, så tilføj disse linjer under councils: i ${shown}/eksempelby/kommune.yaml (med rådets navn, som det skal stå på sitet),`,
      "eller kør kommandoen i en terminal, så tilbyder den at gøre det:",
      "  handicapraadet:",
      "    name: Rådets navn",
      "",
    ]);
  });

  it("exits 2 with a Danish usage message when arguments are missing and there is no terminal", async () => {
    const result = await runCli(["new", "--content", content, "--kommune", "eksempelby"]);
    expect(result).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "Der mangler --raad og --date.\n\n" +
        "Brug: referat new --kommune SLUG --raad SLUG --date ÅÅÅÅ-MM-DD [--dagsorden] [--venue STED] [--nummer 2] [--content MAPPE]\n" +
        "Opretter et nyt møde med rådets faste medlemmer og de faste punkter. Kørt i en terminal uden\n" +
        "tilvalg spørger kommandoen om det, der mangler. Vejledning: docs/vejledning.md\n",
    });
  });

  it("asks for a place when the council has no earlier meeting to take it from", async () => {
    const args = ["new", "--content", content, "--kommune", "eksempelby", "--raad", "aeldreraadet", "--date", "2024-05-14"];
    const without = await runCli(args);
    expect(without.code).toBe(2);
    expect(without.stderr.split("\n")[0]).toBe(
      'Mødet skal have et sted. Angiv det med --venue, fx --venue "Rådhuset, mødelokale 2" (eller skriv online: i filen bagefter).',
    );
    expect((await runCli([...args, "--venue", "Plejecentret Solgården"])).code).toBe(0);
    const text = await readFile(path.join(content, "eksempelby/aeldreraadet/2024/2024-05-14.md"), "utf8");
    expect(text).toContain("venue: Plejecentret Solgården\n# referat");
    expect(await runCli(["check", "--content", content])).toMatchObject({ code: 0 });
  });
});

describe("referat new in a real terminal (a pseudo-terminal made by util-linux script)", () => {
  it("asks for the date with today as the default and for the kind, and writes today's meeting", async () => {
    const today = DateTime.now().setZone("Europe/Copenhagen").toISODate()!;
    const command = [process.execPath, path.join(ROOT, "bin/referat.js"), "new", "--content", content, "--kommune", "eksempelby", "--raad", "udsatteraadet"]
      .map((part) => `'${part.replace(/'/g, "'\\''")}'`)
      .join(" ");
    const child = spawn("script", ["-qfec", command, "/dev/null"], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
    let screen = "";
    const waiting: { text: string; done: () => void }[] = [];
    child.stdout.on("data", (chunk: Buffer) => {
      // The prompts draw with escape sequences; what a reader sees is the text between them.
      screen += chunk.toString("utf8").replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "");
      for (const wait of waiting.filter((w) => screen.includes(w.text))) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.done();
      }
    });
    const appears = (text: string) => new Promise<void>((done) => (screen.includes(text) ? done() : waiting.push({ text, done })));
    const exited = new Promise<number>((done) => child.on("close", (code) => done(code ?? -1)));

    await appears(`Mødets dato (ÅÅÅÅ-MM-DD) (${today})`);
    child.stdin.write("\r");
    await appears("Hvad skal filen være?");
    child.stdin.write("\r");
    expect(await exited).toBe(0);
    child.stdin.end();
    expect(screen).toContain(`Oprettet ${shown}/eksempelby/udsatteraadet/${today.slice(0, 4)}/${today}.md (referat, 3 deltagere fra kommune.yaml, 3 punkter).`);
    expect(await readFile(path.join(content, `eksempelby/udsatteraadet/${today.slice(0, 4)}/${today}.md`), "utf8")).toContain(`date: ${today}\n`);
  });
});

/** A terminal's prompts, answered from a list; records what was asked and with which default. */
function answering(answers: (string | boolean)[]): { prompter: Prompter; asked: string[] } {
  const asked: string[] = [];
  const next = () => {
    if (answers.length === 0) throw new Error(`unexpected question after ${asked.join(" | ")}`);
    return answers.shift()!;
  };
  const prompter: Prompter = {
    select: async (message, choices, defaultValue) => {
      asked.push(`${message} [${choices.map((c) => c.name).join("; ")}] (${defaultValue ?? ""})`);
      const answer = next();
      return (answer === "" ? defaultValue : answer) as never;
    },
    input: async (message, defaultValue) => {
      asked.push(`${message} (${defaultValue ?? ""})`);
      const answer = next();
      return answer === "" ? (defaultValue ?? "") : String(answer);
    },
    confirm: async (message, defaultValue) => {
      asked.push(`${message} (${defaultValue ? "ja" : "nej"})`);
      return next() as boolean;
    },
  };
  return { prompter, asked };
}

function terminal(prompter: Prompter, output: string[]): NewEnvironment {
  return { interactive: true, prompter, today: "2024-05-14", out: (text) => output.push(text), err: (text) => output.push(text) };
}

describe("runNew in a terminal", () => {
  it("asks for each missing argument, with the only municipality, today and the kind by date as defaults", async () => {
    const { prompter, asked } = answering(["", "udsatteraadet", "", ""]);
    const output: string[] = [];
    expect(await runNew(["--content", content], terminal(prompter, output))).toBe(0);
    expect(asked).toEqual([
      "Kommune [Eksempelby Kommune (eksempelby)] (eksempelby)",
      "Råd [Udsatterådet (udsatteraadet); Ældrerådet (aeldreraadet); Et nyt råd …] ()",
      "Mødets dato (ÅÅÅÅ-MM-DD) (2024-05-14)",
      "Hvad skal filen være? [Dagsorden (før mødet); Referat (efter mødet)] (referat)",
    ]);
    expect(await readFile(path.join(content, "eksempelby/udsatteraadet/2024/2024-05-14.md"), "utf8")).toContain("status: referat\n");
  });

  it("offers to add an unknown council to kommune.yaml, keeping its comments, then writes the meeting", async () => {
    const kommuneFile = path.join(content, "eksempelby/kommune.yaml");
    const before = await readFile(kommuneFile, "utf8");
    const { prompter, asked } = answering([true, "Handicaprådet", "Rådhuset"]);
    const output: string[] = [];
    const code = await runNew(
      ["--content", content, "--kommune", "eksempelby", "--raad", "handicapraadet", "--date", "2024-06-03"],
      terminal(prompter, output),
    );
    expect(code).toBe(0);
    expect(asked).toEqual([
      `Skal rådet 'handicapraadet' tilføjes i ${shown}/eksempelby/kommune.yaml? (ja)`,
      "Rådets navn, som det skal stå på sitet, fx Ældrerådet ()",
      "Mødested, fx Rådhuset, mødelokale 2 ()",
    ]);
    expect(await readFile(kommuneFile, "utf8")).toBe(
      before.replace(
        "    name: Ældrerådet   # no members listed yet\n",
        "    name: Ældrerådet   # no members listed yet\n  handicapraadet:\n    name: Handicaprådet\n",
      ),
    );
    expect(output[1]).toBe(`Rådet 'handicapraadet' er tilføjet i ${shown}/eksempelby/kommune.yaml.\n`);
    expect(await runCli(["check", "--content", content])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Alt i orden: 2 møder i 1 kommune \([0-9,]+ s\)\.\n$/),
    });
  });

  it("leaves kommune.yaml alone when the secretary declines, and shows the lines to add", async () => {
    const kommuneFile = path.join(content, "eksempelby/kommune.yaml");
    const before = await readFile(kommuneFile, "utf8");
    const { prompter } = answering([false]);
    const output: string[] = [];
    expect(
      await runNew(["--content", content, "--kommune", "eksempelby", "--raad", "handicapraadet", "--date", "2024-06-03"], terminal(prompter, output)),
    ).toBe(2);
    expect(await readFile(kommuneFile, "utf8")).toBe(before);
    expect(output.at(-1)).toContain("  handicapraadet:\n    name: Rådets navn\n");
  });

  it("does not ask when every argument is given", async () => {
    const { prompter, asked } = answering([]);
    expect(await runNew(["--content", content, ...MAY, "--dagsorden"], terminal(prompter, []))).toBe(0);
    expect(asked).toEqual([]);
  });

  it("treats a bad date as wrong usage before asking anything", async () => {
    const { prompter } = answering([]);
    const failure = runNew(["--content", content, "--date", "2024-02-30"], terminal(prompter, []));
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toMatchObject({ message: '--date skal være en rigtig dato som 2024-05-14, men er "2024-02-30".' });
  });
});
