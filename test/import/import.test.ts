// referat import end to end, as a secretary runs it: each format into an empty content folder,
// then `referat check` on the drafts.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile, mkdir, copyFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Document, Packer, Paragraph } from "docx";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.ts";
import { danishWords } from "../../src/import/ocr.ts";
import { parseYaml } from "../../src/yaml/parse.ts";
import { referat } from "../cli/referat.ts";

/**
 * `referat <args>` run in this process (the Danish dictionary is then read once for the whole
 * file, not once per command), with its output captured. `referat check` runs as its own process.
 */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  if (args[0] === "check") return referat(args);
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  try {
    const code = await main(args);
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

beforeAll(async () => {
  await danishWords();
});

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/import");
const SEEDS = path.join(FIXTURES, "seeds");
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "referat-import-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function frontMatter(file: string): Promise<Record<string, unknown>> {
  const text = await readFile(file, "utf8");
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const parsed = parseYaml(match?.[1] ?? "");
  if (!parsed.ok) throw new Error("bad front matter");
  return parsed.value as Record<string, unknown>;
}

const titles = (front: Record<string, unknown>) => (front.items as { title: string }[]).map((item) => item.title);

const VALID_KOMMUNE = (council: string, name: string) => `name: Eksempelby Kommune
accessibility_statement: https://was.digst.dk/eksempelby-dk
look:
  colour: "#1d4f7a"
councils:
  ${council}:
    name: ${name}
`;

describe("referat import", () => {
  it("imports a plain-text page into a draft at its place, with the original beside it and a draft kommune.yaml", async () => {
    const content = path.join(dir, "content");
    const result = await run([
      "import",
      path.join(SEEDS, "odense-raadet-for-socialt-udsatte-2021-11-23.txt"),
      "--content",
      content,
      "--kommune",
      "odense",
      "--raad",
      "raadet-for-socialt-udsatte",
    ]);
    expect(result.code).toBe(0);
    const target = path.join(content, "odense/raadet-for-socialt-udsatte/2021/2021-11-23.md");
    expect(result.stdout).toContain("odense-raadet-for-socialt-udsatte-2021-11-23.txt → ");
    expect(result.stdout).toContain("odense/raadet-for-socialt-udsatte/2021/2021-11-23.md");
    expect(result.stdout).toContain("    - Dokumentet giver ingen liste over deltagere.");
    const front = await frontMatter(target);
    expect(front).toMatchObject({ date: "2021-11-23", start: "15:00", end: "18:00", venue: "Tolderlundsvej 2, 10. sal, 5000 Odense C", attendees: [] });
    expect(titles(front)).toEqual([
      "Besøg af rådmand Brian Dybro",
      "Nyt siden sidst ved formanden/næstformanden",
      "Høring: Veteranstrategi",
      "Opfølgning på Socialtandplejen",
      "Drøftelse af covid-vaccine til udsatte – 3. stik",
      "Drøftelse af regeringens hjemløseudspil",
      "Nyt fra forvaltningen",
      "Evt.",
    ]);
    const original = front.imported_from as Record<string, string>;
    expect(original).toMatchObject({
      format: "tekst",
      title: "Mødereferat den 23. november 2021",
      file: "original-odense-raadet-for-socialt-udsatte-2021-11-23.txt",
    });
    expect(original.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(existsSync(path.join(content, "odense/raadet-for-socialt-udsatte/2021/2021-11-23", original.file as string))).toBe(true);
    // The page's chrome is gone, and the text of the items is there.
    const text = await readFile(target, "utf8");
    expect(text).not.toContain("Spring til indhold");
    expect(text).toContain("## Høring: Veteranstrategi\n\nBeskæftigelses- og Socialudvalget skal vedtage en ny Veteranstrategi");
    const kommune = await readFile(path.join(content, "odense/kommune.yaml"), "utf8");
    expect(kommune).toContain("name: Odense Kommune\n");
    expect(kommune).toContain("  raadet-for-socialt-udsatte:\n    name: Rådet for Socialt Udsatte\n");
    expect(kommune).toContain(
      '  - Kommunens navn "Odense Kommune" er gættet ud fra mappenavnet "odense" ved importen; ret det, hvis kommunen hedder noget andet.',
    );
  });

  it("leaves an existing meeting alone without --replace and overwrites it with --replace", async () => {
    const content = path.join(dir, "content");
    const seed = path.join(SEEDS, "gladsaxe-udsatteraadet-2023-09-06.txt");
    const args = ["import", seed, "--content", content, "--kommune", "gladsaxe", "--raad", "udsatteraadet"];
    expect((await run(args)).code).toBe(0);
    const target = path.join(content, "gladsaxe/udsatteraadet/2023/2023-09-06.md");
    await writeFile(target, "mine rettelser\n");
    const again = await run(args);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain("gladsaxe/udsatteraadet/2023/2023-09-06.md findes allerede; brug --replace for at overskrive det.");
    expect(await readFile(target, "utf8")).toBe("mine rettelser\n");
    const replaced = await run([...args, "--replace"]);
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain("(overskrevet)");
    expect(await readFile(target, "utf8")).toContain("date: 2023-09-06");
  });

  it("imports every document of a folder", async () => {
    const folder = path.join(dir, "gamle");
    await mkdir(path.join(folder, "side_files"), { recursive: true });
    await copyFile(path.join(FIXTURES, "haderslev-handicapraadet-2022-04-04.txt"), path.join(folder, "a.txt"));
    await copyFile(path.join(FIXTURES, "kolding-integrationsraadet-2023-05-12.txt"), path.join(folder, "b.txt"));
    await writeFile(path.join(folder, "side_files", "style.css"), "body{}");
    const result = await run(["import", folder, "--content", path.join(dir, "content"), "--kommune", "eksempelby", "--raad", "raadet"]);
    expect(result.stdout).toContain("2 udkast skrevet.");
    expect(existsSync(path.join(dir, "content/eksempelby/raadet/2022/2022-04-04.md"))).toBe(true);
    expect(existsSync(path.join(dir, "content/eksempelby/raadet/2023/2023-05-12.md"))).toBe(true);
  });

  it("imports a saved web page without publishing its HTML, with its address and title", async () => {
    const content = path.join(dir, "content");
    const result = await run([
      "import",
      path.join(FIXTURES, "vejle-aeldreraadet-2023-05-12.html"),
      "--content",
      content,
      "--kommune",
      "vejle",
      "--raad",
      "aeldreraadet",
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "Den oprindelige webside lægges ikke ved (HTML kan køre scripts på arkivets side); dens titel og kontrolsum står under imported_from.",
    );
    const front = await frontMatter(path.join(content, "vejle/aeldreraadet/2023/2023-05-12.md"));
    expect(front.imported_from).toMatchObject({
      url: "https://www.vejle.dk/politik/aeldreraadet/referat-12-maj-2023/",
      format: "webside",
      title: "Referat fra Ældrerådets møde 12. maj 2023 | Vejle Kommune",
    });
    expect((front.imported_from as Record<string, unknown>).file).toBeUndefined();
    expect(existsSync(path.join(content, "vejle/aeldreraadet/2023/2023-05-12"))).toBe(false);
    const text = await readFile(path.join(content, "vejle/aeldreraadet/2023/2023-05-12.md"), "utf8");
    for (const chrome of ["cookies", "Spring til indhold", "Del på Facebook", "Forside", "Se også", "dataLayer"]) expect(text).not.toContain(chrome);
    const kommune = await readFile(path.join(content, "vejle/kommune.yaml"), "utf8");
    expect(kommune).toContain("contact:\n  address: Skolegade 1, 7100 Vejle\n  phone: 76 81 00 00\n  email: vejle@vejle.dk\n  cvr: '29189692'\n");
  });

  it("imports a Word file made from the Albertslund seed", async () => {
    const text = await readFile(path.join(SEEDS, "albertslund-udsatteraadet-2019-04-01.txt"), "utf8");
    const document = new Document({ sections: [{ children: text.split("\n").map((line) => new Paragraph(line.replace(/\t/g, " ").trim())) }] });
    const file = path.join(dir, "referat-2019-04-01.docx");
    await writeFile(file, await Packer.toBuffer(document));
    const content = path.join(dir, "content");
    const result = await run(["import", file, "--content", content, "--kommune", "albertslund", "--raad", "udsatteraadet"]);
    expect(result.code).toBe(0);
    const front = await frontMatter(path.join(content, "albertslund/udsatteraadet/2019/2019-04-01.md"));
    expect(front).toMatchObject({
      date: "2019-04-01",
      start: "16:00",
      end: "18:00",
      venue: "Mødelokale 129, Blok A, stueetagen",
      attendees: ["Jette Nyboe", "Allan Høyer", "René Meyrowitsch", "Søren Mogensen", "Ulla Bektas", "Nina Gustavsen", "Helge Bo Jensen"],
      absentees: ["Jannie Hansen", "Martin Freitag", "Sanne Graffe", "Diana Vang"],
      minute_taker: "Carina Kofoed",
    });
    expect(titles(front)).toEqual([
      "Godkendelse af referat og dagsorden",
      "Fokus på socialt frikort",
      "Udkast til Udsatterådets årsberetning 2018",
      "Mødet med Sundheds- og Socialudvalget den 23. maj 2019",
      "Emner udsættes til efteråret",
      "Udsatterådets økonomi",
      "Øvrige orienteringspunkter",
      "Eventuelt",
    ]);
    expect(front.imported_from).toMatchObject({ format: "Word-dokument", file: "original-referat-2019-04-01.docx" });
  });

  it("imports a PDF made from the Roskilde seed, repairing its OCR damage", async () => {
    const text = await readFile(path.join(SEEDS, "roskilde-udsatteraadet-2021-01-20.txt"), "utf8");
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    let page = pdf.addPage([595, 842]);
    let y = 800;
    for (const line of text.split("\n")) {
      if (y < 40) {
        page = pdf.addPage([595, 842]);
        y = 800;
      }
      const clean = line.replace(/\t/g, " ").replace(/[“”]/g, '"').trim();
      if (clean) page.drawText(clean, { x: 40, y, size: 10, font });
      y -= 13;
    }
    const file = path.join(dir, "udsatteraadet-roskilde.pdf");
    await writeFile(file, await pdf.save());
    const content = path.join(dir, "content");
    const result = await run(["import", file, "--content", content, "--kommune", "roskilde", "--raad", "udsatteraadet"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Rettet for OCR-fejl");
    expect(result.stdout).toContain("Ré&det → Rådet (4)");
    const front = await frontMatter(path.join(content, "roskilde/udsatteraadet/2021/2021-01-20.md"));
    expect(front).toMatchObject({ date: "2021-01-20", start: "16:00", end: "18:00", online: "Zoom", minute_taker: "Iben Borup Løvschall" });
    expect(front.staff).toEqual([
      "Christine Vendel Jensen, socialchef",
      "Tina Boel, områdeleder",
      "Iben Borup Løvschall, konsulent og sekretær for Udsatterådet",
    ]);
    expect((front.attendees as string[]).length).toBe(5);
    expect((front.absentees as string[]).length).toBe(6);
    expect(titles(front)).toEqual([
      "Velkommen og godkendelse af dagsorden",
      "Social profil",
      "Nødovernatning",
      "Præsentation og status på socialstrategien",
      "Klagestatistik",
      "Udsattepolitik",
      "Eventuelt",
      "Møder i det nye år",
    ]);
    expect(front.imported_from).toMatchObject({ format: "PDF", file: "original-udsatteraadet-roskilde.pdf" });
    expect((front.review as string[])[0]).toMatch(/^\d+ ord er rettet for OCR-fejl i æ, ø og å \(fx /);
  });

  it("writes a draft with guesses that fails check with the review messages until they are removed", async () => {
    const content = path.join(dir, "content");
    await mkdir(path.join(content, "aalborg"), { recursive: true });
    await writeFile(path.join(content, "aalborg/kommune.yaml"), VALID_KOMMUNE("udsatteraadet", "Udsatterådet"));
    const imported = await run([
      "import",
      path.join(SEEDS, "aalborg-udsatteraadet-2025-03-12.txt"),
      "--content",
      content,
      "--kommune",
      "aalborg",
      "--raad",
      "udsatteraadet",
    ]);
    expect(imported.code).toBe(0);
    const file = path.join(content, "aalborg/udsatteraadet/2025/2025-03-12.md");
    const check = await run(["check", "--content", content]);
    expect(check.code).toBe(1);
    const lines = check.stdout.trim().split("\n");
    const review = (await frontMatter(file)).review as string[];
    expect(review.length).toBeGreaterThanOrEqual(8);
    expect(lines.filter((line) => line.includes(": review[")).length).toBe(review.length);
    expect(
      lines.some(
        (line) =>
          line.includes(`2025-03-12.md:`) && line.includes(`: review[1]: udkastet skal gennemses: "Titlen på punkt 1 ("Punkt 1") er skrevet ved importen`),
      ),
    ).toBe(true);
    expect(lines.at(-1)).toBe(`${review.length} fejl fundet i 1 fil.`);
    // Once the secretary has looked and deleted the review list, the draft passes.
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace(/^review:\n(?: {2}- .*\n)+/m, ""));
    const clean = await run(["check", "--content", content]);
    expect(clean.stdout.startsWith("Alt i orden: 1 møde i 1 kommune")).toBe(true);
    expect(clean.code).toBe(0);
  });

  it("writes guests found in the running text with the items they came for, and the reviewed draft passes check", async () => {
    const content = path.join(dir, "content");
    await mkdir(path.join(content, "odense"), { recursive: true });
    await writeFile(path.join(content, "odense/kommune.yaml"), VALID_KOMMUNE("raadet-for-socialt-udsatte", "Rådet for Socialt Udsatte"));
    const imported = await run([
      "import",
      path.join(SEEDS, "odense-raadet-for-socialt-udsatte-2021-11-23.txt"),
      "--content",
      content,
      "--kommune",
      "odense",
      "--raad",
      "raadet-for-socialt-udsatte",
    ]);
    expect(imported.code).toBe(0);
    const file = path.join(content, "odense/raadet-for-socialt-udsatte/2021/2021-11-23.md");
    const front = await frontMatter(file);
    expect(front.guests).toEqual([
      { name: "Brian Dybro", role: "rådmand", present_for: 1 },
      { name: "Henriette Andersen", present_for: 4 },
    ]);
    expect(front.review).toContain(
      '2 gæster er fundet i teksten, ikke i en liste: Brian Dybro (punkt 1): "Besøg af rådmand Brian Dybro"; Henriette Andersen (punkt 4): "besøg af Henriette Andersen". Kontrollér, at det er gæster (ikke nye medlemmer), deres roller og de punkter, de var med under (present_for).',
    );
    const check = await run(["check", "--content", content]);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('udkastet skal gennemses: "2 gæster er fundet i teksten');
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace(/^review:\n(?: {2}- .*\n)+/m, ""));
    const clean = await run(["check", "--content", content]);
    expect(clean.stdout.startsWith("Alt i orden: 1 møde i 1 kommune")).toBe(true);
    expect(clean.code).toBe(0);
  });

  it("marks a draft kommune.yaml for review so that check fails on it", async () => {
    const content = path.join(dir, "content");
    await run([
      "import",
      path.join(FIXTURES, "kolding-integrationsraadet-2023-05-12.txt"),
      "--content",
      content,
      "--kommune",
      "kolding",
      "--raad",
      "integrationsraadet",
    ]);
    const check = await run(["check", "--content", content]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/kolding\/kommune\.yaml:\d+:5: review\[1\]: /);
    expect(check.stdout).toContain(
      `: review[1]: udkastet skal gennemses: "Kommunens navn "Kolding Kommune" er gættet ud fra mappena…". Sammenlign med det oprindelige dokument, ret det, der er forkert, og slet så linjen fra review`,
    );
  });

  it("adds a missing council to an existing kommune.yaml, marked for review", async () => {
    const content = path.join(dir, "content");
    await mkdir(path.join(content, "kolding"), { recursive: true });
    await writeFile(path.join(content, "kolding/kommune.yaml"), `# Kolding\n${VALID_KOMMUNE("udsatteraadet", "Udsatterådet")}`);
    const result = await run([
      "import",
      path.join(FIXTURES, "kolding-integrationsraadet-2023-05-12.txt"),
      "--content",
      content,
      "--kommune",
      "kolding",
      "--raad",
      "integrationsraadet",
    ]);
    expect(result.stdout).toContain('rådet "Integrationsrådet" (integrationsraadet) er tilføjet; skal gennemses (review).');
    const kommune = await readFile(path.join(content, "kolding/kommune.yaml"), "utf8");
    expect(kommune.startsWith("# Kolding\n")).toBe(true);
    expect(kommune).toContain('councils:\n  integrationsraadet:\n    name: "Integrationsrådet"\n  udsatteraadet:');
    expect(kommune).toContain(
      'review:\n  - "Rådets navn \\"Integrationsrådet\\" (integrationsraadet) er gættet ud fra dokumentet ved importen; ret det, hvis rådet hedder noget andet."\n',
    );
  });

  it("never writes a CPR number into the content folder: it is hidden and the original is not kept", async () => {
    const source = (await readFile(path.join(FIXTURES, "kolding-integrationsraadet-2023-05-12.txt"), "utf8")).replace(
      "Intet.",
      `Borgeren med CPR-nr. ${"0101" + "90"}-${"12" + "34"} har klaget.`,
    );
    const file = path.join(dir, "referat.txt");
    await writeFile(file, source);
    const content = path.join(dir, "content");
    const result = await run(["import", file, "--content", content, "--kommune", "kolding", "--raad", "integrationsraadet"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Dokumentet indeholdt et CPR-nummer; det er erstattet med "[CPR-nummer fjernet]", og originalen er ikke lagt ved.');
    const text = await readFile(path.join(content, "kolding/integrationsraadet/2023/2023-05-12.md"), "utf8");
    expect(text).toContain("Borgeren med CPR-nr. [CPR-nummer fjernet] har klaget.");
    expect(text).not.toContain("1234");
    expect(existsSync(path.join(content, "kolding/integrationsraadet/2023/2023-05-12"))).toBe(false);
  });

  it("reports a document without a date and writes nothing", async () => {
    const file = path.join(dir, "uden-dato.txt");
    await writeFile(file, "Referat\n\n1. Godkendelse af dagsorden\n\nGodkendt.\n");
    const content = path.join(dir, "content");
    const result = await run(["import", file, "--content", content, "--kommune", "eksempelby", "--raad", "raadet"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      "uden-dato.txt: ikke importeret: mødets dato står hverken i dokumentet eller i filnavnet; skriv den i filnavnet (fx 2024-05-14-referat.pdf) og importér igen.",
    );
    expect(existsSync(content)).toBe(false);
  });

  it("refuses wrong usage with exit 2", async () => {
    const result = await run(["import", path.join(SEEDS, "aalborg-udsatteraadet-2025-03-12.txt"), "--raad", "udsatteraadet"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("referat import mangler --kommune SLUG (fx --kommune eksempelby)");
  });
});
