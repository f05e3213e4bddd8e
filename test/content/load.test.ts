import { execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, rename, rm, symlink } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadArchive } from "../../src/content/load.ts";
import { formatProblem, sortProblems } from "../../src/report/problem.ts";

const TREES = path.resolve(import.meta.dirname, "../fixtures/content");

/** Problem lines of a fixture tree, with the tree's path replaced by a placeholder. */
async function problemLines(tree: string): Promise<string[]> {
  const { problems } = await loadArchive(path.join(TREES, tree));
  const shown = path.relative(process.cwd(), path.join(TREES, tree)).split(path.sep).join("/");
  return sortProblems(problems).map((problem) => formatProblem(problem).replaceAll(shown, "<content>"));
}

// Cross-file rules: each tree and the exact lines `referat check` prints for it.
const BAD_TREES: [string, string[]][] = [
  ["duplicate-address", [
    "<content>/eksempelby/udsatteraadet/2023/2023-09-06.md:1:1: fil: mødet får samme adresse (/eksempelby/udsatteraadet/2023-09-06/) som <content>/eksempelby/udsatteraadet/2024/2023-09-06.md; to møder kan ikke have samme adresse, så ret datoen eller filnavnet",
    "<content>/eksempelby/udsatteraadet/2024/2023-09-06.md:1:1: fil: filen ligger i mappen 2024, men mødet er fra 2023; flyt den til mappen 2023",
    "<content>/eksempelby/udsatteraadet/2024/2023-09-06.md:1:1: fil: mødet får samme adresse (/eksempelby/udsatteraadet/2023-09-06/) som <content>/eksempelby/udsatteraadet/2023/2023-09-06.md; to møder kan ikke have samme adresse, så ret datoen eller filnavnet",
  ]],
  ["undeclared-council", [
    "<content>/eksempelby/aeldreraadet:1:1: råd: rådet 'aeldreraadet' findes ikke i <content>/eksempelby/kommune.yaml; kendte råd: udsatteraadet. Er det et nyt råd, så tilføj det under councils: i <content>/eksempelby/kommune.yaml med to linjer, \"  aeldreraadet:\" og \"    name: Rådets navn\" (som navnet skal stå på sitet); ellers ret mappens navn",
  ]],
  ["missing-attachment", [
    "<content>/eksempelby/udsatteraadet/2023/2023-09-06.md:9:15: items[1].attachments[1].file: bilaget 'notat.pdf' findes ikke; læg filen i mappen <content>/eksempelby/udsatteraadet/2023/2023-09-06/",
  ]],
  ["wrong-layout", [
    "<content>/eksempelby/referat.md:1:1: fil: et møde skal ligge som content/<kommune>/<råd>/<år>/<åååå-mm-dd>.md",
    "<content>/eksempelby/udsatteraadet/2023-09-06.md:1:1: fil: et møde skal ligge som content/<kommune>/<råd>/<år>/<åååå-mm-dd>.md",
    "<content>/eksempelby/udsatteraadet/2023/2023-09-06-1.md:1:1: fil: filnavnet '2023-09-06-1.md' skal være mødets dato, fx 2023-09-06.md (eller 2023-09-06-2.md for dagens andet møde)",
    "<content>/eksempelby/udsatteraadet/2023/2023-09-07:1:1: mappe: mappen '2023-09-07' med bilag hører ikke til noget møde; der findes ingen 2023-09-07.md ved siden af",
    "<content>/eksempelby/udsatteraadet/2023/6-sept.md:1:1: fil: filnavnet '6-sept.md' skal være mødets dato, fx 2023-09-06.md (eller 2023-09-06-2.md for dagens andet møde)",
    "<content>/eksempelby/udsatteraadet/2023/referat.pdf:1:1: fil: filen 'referat.pdf' ligger forkert; bilag hører i mappen med mødets dato, fx 2023-09-06/",
    "<content>/eksempelby/udsatteraadet/moeder:1:1: mappe: mappen 'moeder' skal hedde et årstal, fx 2023, og indeholde årets møder",
    "<content>/eksempelby/Ældrerådet:1:1: råd: skal være små bogstaver a-z, cifre og bindestreger (aa for å, oe for ø, ae for æ), men er \"Ældrerådet\"",
  ]],
  ["date-mismatch", [
    "<content>/eksempelby/udsatteraadet/2023/2023-09-06.md:2:7: date: datoen 2023-09-07 passer ikke til filnavnet 2023-09-06.md; ret datoen eller omdøb filen",
    "<content>/eksempelby/udsatteraadet/2024/2023-11-01.md:1:1: fil: filen ligger i mappen 2024, men mødet er fra 2023; flyt den til mappen 2023",
  ]],
  // Files whose bytes are a page (HTML, SVG) under a harmless name, or not what their name says,
  // and logos that run script: the loader reads the first bytes of every published file.
  ["unsafe-files", [
    "<content>/forklaedeby/kommune.yaml:5:9: look.logo: logoet 'logo.png' begynder som en webside eller SVG, ikke som sin filtype; en browser kan vise det som en side og køre kode fra det. Gem logoet igen som PNG",
    "<content>/forklaedeby/udsatteraadet/2023/2023-09-06.md:10:15: items[1].attachments[1].file: filen 'notat.pdf' begynder som en webside (HTML, SVG eller XML), ikke som sin filtype; en browser kan vise den som en side og køre kode fra den. Åbn filen, og gem den igen som PDF",
    "<content>/forklaedeby/udsatteraadet/2023/2023-09-06.md:12:15: items[1].attachments[2].file: filen 'foto.png' begynder som en webside (HTML, SVG eller XML), ikke som sin filtype; en browser kan vise den som en side og køre kode fra den. Åbn filen, og gem den igen som PDF",
    "<content>/forklaedeby/udsatteraadet/2023/2023-09-06.md:14:15: items[1].attachments[3].file: filen 'tabel.csv' begynder som en webside (HTML, SVG eller XML), ikke som sin filtype; en browser kan vise den som en side og køre kode fra den. Åbn filen, og gem den igen som PDF",
    "<content>/forklaedeby/udsatteraadet/2023/2023-09-06.md:16:15: items[1].attachments[4].file: filen 'tom.txt' begynder som en webside (HTML, SVG eller XML), ikke som sin filtype; en browser kan vise den som en side og køre kode fra den. Åbn filen, og gem den igen som PDF",
    "<content>/forklaedeby/udsatteraadet/2023/2023-09-06.md:18:15: items[1].attachments[5].file: filen 'forkert.pdf' er ikke en PDF-fil, som navnet siger; åbn den, og gem den igen som PDF",
    "<content>/scriptby/kommune.yaml:5:9: look.logo: logoet 'logo.svg' (linje 5) indeholder elementet <script>, som kan køre kode, hente noget udefra eller vise en side. En SVG-fil kan køre kode på sitet, så logoet må kun tegne: fjern det fra filen, eller gem logoet som PNG",
  ]],
  // portal.yaml is content: check judges it as build does, with positions.
  ["portal-bad", [
    "<content>/portal.yaml:4:14: search.merge[1].index: skal være adressen på søgeindekset, fx \"https://referater.aarhus.dk/aarhus/pagefind/\", eller en liste af adresser på dets dele, men er \"/\\evil.example/pagefind/\"",
    "<content>/portal.yaml:5:13: search.merge[1].site: skal være adressen på sitets forside, fx \"https://referater.aarhus.dk/\", men er \"//evil.example/\"",
  ]],
  ["kommune-errors", [
    "<content>/lysby/kommune.yaml:2:10: website: skal være en webadresse, der begynder med https://, men er \"www.lysby.dk\"",
    "<content>/lysby/kommune.yaml:5:11: look.colour: farven #7fb3d5 har kun kontrast 2,26:1 mod hvid, men skal have mindst 4,5:1 (WCAG AA), så tekst og knapper kan læses; vælg en mørkere farve, fx #567a91",
    "<content>/lysby/kommune.yaml:6:9: look.logo: logoet 'logo.svg' findes ikke i <content>/lysby/",
    "<content>/lysby/kommune.yaml:8:10: contact.email: skal være en e-mailadresse som kommunen@eksempelby.dk, men er \"kommunen(at)lysby.dk\"",
    "<content>/lysby/kommune.yaml:9:8: contact.cvr: skal være et CVR-nummer på 8 cifre, fx \"12345678\", men er \"1234567\"",
    "<content>/lysby/kommune.yaml:10:3: contact.telefon: ukendt felt 'telefon'; mente du 'phone'?",
    "<content>/lysby/kommune.yaml:14:5: councils.udsatteraadet.medlemmer: ukendt felt 'medlemmer'; mente du 'members'?",
    "<content>/mangelby/kommune.yaml:1:1: accessibility_statement: feltet mangler; skriv adressen på kommunens tilgængelighedserklæring (webtilgængelighedsloven)",
    "<content>/mangelby/kommune.yaml:1:1: name: feltet mangler; skriv navnet",
    "<content>/mangelby/kommune.yaml:3:11: look.colour: skal være en farve som \"#1d4f7a\" (# og 6 hexcifre), men er \"blå\"",
    "<content>/mangelby/kommune.yaml:4:11: councils: skal have mindst ét råd, men er tom",
    "<content>/tyndby/kommune.yaml:6:3: councils.Udsatte Rådet: skal være små bogstaver a-z, cifre og bindestreger (aa for å, oe for ø, ae for æ), men er \"Udsatte Rådet\"",
    "<content>/uden-fil/kommune.yaml:1:1: fil: kommunen <content>/uden-fil/ mangler sin kommune.yaml med navn, farve, tilgængelighedserklæring og råd",
    "<content>/yamlby/kommune.yaml:5:1: yaml: YAML-fejl: for lidt indrykning, eller en liste eller et citat er ikke lukket",
  ]],
  // Names the build writes itself (src/site/reserved.ts), at check time rather than as a clash in the build.
  ["reserved-names", [
    "<content>/eksempelby/kommune.yaml:8:3: councils.pagefind: 'pagefind' er et navn, sitet selv bruger i kommunens mappe (/eksempelby/pagefind), så et råd kan ikke hedde det; giv rådet et andet navn her, fx pagefind-raadet, og omdøb rådets mappe. Reserverede navne: data, feed.xml, index.html, kalender.ics, sitemap.xml, pagefind, pagefind-1, pagefind-2, …",
    "<content>/eksempelby/kommune.yaml:10:3: councils.pagefind-2: 'pagefind-2' er et navn, sitet selv bruger i kommunens mappe (/eksempelby/pagefind-2), så et råd kan ikke hedde det; giv rådet et andet navn her, fx pagefind-2-raadet, og omdøb rådets mappe. Reserverede navne: data, feed.xml, index.html, kalender.ics, sitemap.xml, pagefind, pagefind-1, pagefind-2, …",
    "<content>/soeg:1:1: kommune: 'soeg' er et navn, sitet selv bruger øverst (/soeg), så en kommune kan ikke hedde det; omdøb mappen, fx til soeg-kommune. Reserverede navne: 404.html, assets, data, feed.xml, index.html, robots.txt, schema, sitemap-portal.xml, sitemap.xml, soeg",
  ]],
  // A municipality's folder name is its address even without meetings; the number is masked in the report too.
  ["cpr-in-folder-name", [
    "<content>/010190-****:1:1: kommune: navnet indeholder \"010190-****\", der ligner et CPR-nummer, og navnet bliver en del af sidernes adresser; CPR-numre må ikke offentliggøres: omdøb mappen",
  ]],
];

describe("loadArchive", () => {
  it.each(BAD_TREES)("reports every problem in the %s tree", async (tree, expected) => {
    expect(await problemLines(tree)).toEqual(expected);
  });

  it("loads a valid tree into the exact expected archive", async () => {
    const root = path.join(TREES, "valid");
    const { archive, problems } = await loadArchive(root);
    expect(problems).toEqual([]);
    const eksempelby = path.join(root, "eksempelby");
    const meetingBase = {
      kommune: "eksempelby",
      raad: "udsatteraadet",
      venue: "Rådhuset",
      status: "referat",
      attendees: [{ name: "Anna Holm", organisation: "Kirkens Korshær", role: "formand" }],
      absentees: [],
      staff: [],
      guests: [],
      corrections: [],
      cprAllow: [],
    };
    const item = (number: number, title: string, line: number, attachments: unknown[] = []) => ({
      number,
      title,
      closed: false,
      presenters: [],
      attachments,
      conflicts: [],
      follows: [],
      unpublishedAttachments: [],
      editorial: [],
      body: "Godkendt.",
      line,
    });
    expect(archive).toEqual({
      kommuner: [
        {
          slug: "andeby",
          name: "Andeby Kommune",
          accessibilityStatement: "https://was.digst.dk/andeby-dk",
          look: { colour: "#000000" },
          contact: {},
          councils: [
            {
              kommune: "andeby",
              slug: "udsatteraadet",
              name: "Udsatterådet",
              members: [],
              meetings: [
                {
                  ...meetingBase,
                  kommune: "andeby",
                  slug: "2021-05-05",
                  year: "2021",
                  url: "/andeby/udsatteraadet/2021-05-05/",
                  sourcePath: "andeby/udsatteraadet/2021/2021-05-05.md",
                  absolutePath: path.join(root, "andeby/udsatteraadet/2021/2021-05-05.md"),
                  date: "2021-05-05",
                  title: "Referat af møde i Udsatterådet den 5. maj 2021",
                  items: [item(1, "Godkendelse af dagsorden", 10)],
                },
              ],
            },
          ],
          sourcePath: path.join(root, "andeby/kommune.yaml"),
        },
        {
          slug: "eksempelby",
          name: "Eksempelby Kommune",
          website: "https://www.eksempelby.dk",
          accessibilityStatement: "https://was.digst.dk/eksempelby-dk",
          look: { colour: "#1d4f7a", logo: "logo.svg", logoSourcePath: path.join(eksempelby, "logo.svg") },
          contact: { email: "kommunen@eksempelby.dk", cvr: "12345678" },
          councils: [
            {
              kommune: "eksempelby",
              slug: "udsatteraadet",
              name: "Udsatterådet",
              members: [{ name: "Anna Holm", organisation: "Kirkens Korshær" }],
              meetings: [
                {
                  ...meetingBase,
                  slug: "2024-01-10",
                  year: "2024",
                  url: "/eksempelby/udsatteraadet/2024-01-10/",
                  sourcePath: "eksempelby/udsatteraadet/2024/2024-01-10.md",
                  absolutePath: path.join(eksempelby, "udsatteraadet/2024/2024-01-10.md"),
                  date: "2024-01-10",
                  title: "Ekstraordinært møde",
                  items: [item(1, "Godkendelse af dagsorden", 11)],
                },
                {
                  ...meetingBase,
                  slug: "2023-09-06-2",
                  year: "2023",
                  url: "/eksempelby/udsatteraadet/2023-09-06-2/",
                  sourcePath: "eksempelby/udsatteraadet/2023/2023-09-06-2.md",
                  absolutePath: path.join(eksempelby, "udsatteraadet/2023/2023-09-06-2.md"),
                  date: "2023-09-06",
                  status: "dagsorden",
                  title: "Dagsorden til møde i Udsatterådet den 6. september 2023",
                  items: [item(1, "Godkendelse af dagsorden", 11)],
                },
                {
                  ...meetingBase,
                  slug: "2023-09-06",
                  year: "2023",
                  url: "/eksempelby/udsatteraadet/2023-09-06/",
                  sourcePath: "eksempelby/udsatteraadet/2023/2023-09-06.md",
                  absolutePath: path.join(eksempelby, "udsatteraadet/2023/2023-09-06.md"),
                  date: "2023-09-06",
                  title: "Referat af møde i Udsatterådet den 6. september 2023",
                  items: [
                    item(1, "Godkendelse af dagsorden", 14),
                    item(2, "Budget 2024", 18, [
                      {
                        file: "budget.pdf",
                        title: "Budgetforslag",
                        type: "pdf",
                        size: 1310,
                        sourcePath: path.join(eksempelby, "udsatteraadet/2023/2023-09-06/budget.pdf"),
                      },
                    ]),
                  ],
                },
              ],
            },
            {
              kommune: "eksempelby",
              slug: "aeldreraadet",
              name: "Ældrerådet",
              members: [],
              meetings: [
                {
                  ...meetingBase,
                  raad: "aeldreraadet",
                  slug: "2022-03-01",
                  year: "2022",
                  url: "/eksempelby/aeldreraadet/2022-03-01/",
                  sourcePath: "eksempelby/aeldreraadet/2022/2022-03-01.md",
                  absolutePath: path.join(eksempelby, "aeldreraadet/2022/2022-03-01.md"),
                  date: "2022-03-01",
                  title: "Referat af møde i Ældrerådet den 1. marts 2022",
                  items: [item(1, "Godkendelse af dagsorden", 10)],
                },
              ],
            },
          ],
          sourcePath: path.join(eksempelby, "kommune.yaml"),
        },
      ],
    });
  });

  it("loads one kommune alone with the kommune option", async () => {
    const { archive, problems } = await loadArchive(path.join(TREES, "valid"), { kommune: "andeby" });
    expect(problems).toEqual([]);
    expect(archive.kommuner.map((kommune) => kommune.slug)).toEqual(["andeby"]);
  });

  it("reports a kommune option that names no kommune", async () => {
    const { problems } = await loadArchive(path.join(TREES, "valid"), { kommune: "ukendtby" });
    expect(problems.map((p) => p.message)).toEqual(["kommunen 'ukendtby' findes ikke i indholdet"]);
  });

  it("reports a missing content folder as a problem instead of throwing", async () => {
    const { archive, problems } = await loadArchive(path.join(TREES, "findes-ikke"));
    expect(archive).toEqual({ kommuner: [] });
    expect(problems.map((p) => p.field)).toEqual(["mappe"]);
  });

  it("loads the example archive that ships with the project without problems", async () => {
    const { archive, problems } = await loadArchive(path.resolve(import.meta.dirname, "../../content"));
    expect(problems.map(formatProblem)).toEqual([]);
    expect(archive.kommuner.length).toBeGreaterThan(0);
  });

  it("gives the same archive and problems when the files are parsed in worker threads", async () => {
    for (const tree of [path.join(TREES, "valid"), path.resolve(import.meta.dirname, "../../content"), TREES]) {
      const here = await loadArchive(tree, { workers: 0 });
      const inWorkers = await loadArchive(tree, { workers: 2 });
      expect(JSON.stringify(inWorkers)).toBe(JSON.stringify(here));
    }
  }, 60_000);
});

// Files from outside the content folder (docs/trust.md "Files from outside content/"): a link, a
// FIFO or a socket anywhere in the content is refused with a problem and never followed or read.
// The tree is a copy of the valid fixture in a temporary folder, where each test makes its own.
describe("loadArchive and what is not a regular file", () => {
  const link = (target: string) =>
    `er en genvej (symbolsk link) til ${target}, ikke en almindelig fil eller mappe; arkivet følger aldrig genveje, så intet uden for indholdsmappen bliver offentliggjort. Læg selve filen eller mappen her i stedet for genvejen, eller fjern genvejen`;
  const FIFO = "er en navngivet pipe (FIFO), ikke en almindelig fil; den kan hverken læses eller offentliggøres. Fjern den fra indholdsmappen";
  const EKS = "<content>/eksempelby";
  const YEAR = `${EKS}/udsatteraadet/2023`;

  /** The problem lines of a copy of the valid tree after `change` (given the copy's content folder). */
  async function linesAfter(change: (root: string) => Promise<void> | void): Promise<string[]> {
    const work = await mkdtemp(path.join(tmpdir(), "load-files-"));
    const root = path.join(work, "content");
    try {
      await cp(path.join(TREES, "valid"), root, { recursive: true });
      await change(root);
      const { problems } = await loadArchive(root);
      const shown = path.relative(process.cwd(), root).split(path.sep).join("/");
      return sortProblems(problems).map((problem) => formatProblem(problem).replaceAll(shown, "<content>"));
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  const mkfifo = (file: string) => execFileSync("mkfifo", [file]);
  /** Replaces a file or folder of the tree by a link to `target`. */
  const replaceByLink = async (root: string, inside: string, target: string) => {
    await rm(path.join(root, inside), { recursive: true });
    await symlink(target, path.join(root, inside));
  };

  it("refuses a listed attachment that is a link to a file outside the content, at its YAML value", async () => {
    const lines = await linesAfter((root) => replaceByLink(root, "eksempelby/udsatteraadet/2023/2023-09-06/budget.pdf", "/etc/passwd"));
    expect(lines).toEqual([`${YEAR}/2023-09-06.md:10:15: items[2].attachments[1].file: bilaget 'budget.pdf' ${link("/etc/passwd")}`]);
  });

  it("refuses a link among the unlisted files of an attachment folder, and a FIFO in a subfolder", async () => {
    const lines = await linesAfter(async (root) => {
      const folder = path.join(root, "eksempelby/udsatteraadet/2023/2023-09-06");
      await symlink("/etc/hostname", path.join(folder, "noter.txt"));
      await mkdir(path.join(folder, "mere"));
      mkfifo(path.join(folder, "mere/ror"));
    });
    expect(lines).toEqual([
      `${YEAR}/2023-09-06/mere/ror:1:1: fil: ${FIFO}`,
      `${YEAR}/2023-09-06/noter.txt:1:1: fil: ${link("/etc/hostname")}`,
    ]);
  });

  it("refuses a linked attachment folder, and its files are missing, not read through the link", async () => {
    const lines = await linesAfter(async (root) => {
      await rename(path.join(root, "eksempelby/udsatteraadet/2023/2023-09-06"), path.join(root, "../elsewhere"));
      await symlink("../../../../elsewhere", path.join(root, "eksempelby/udsatteraadet/2023/2023-09-06"));
    });
    expect(lines).toEqual([
      `${YEAR}/2023-09-06:1:1: fil: ${link("../../../../elsewhere")}`,
      `${YEAR}/2023-09-06.md:10:15: items[2].attachments[1].file: bilaget 'budget.pdf' findes ikke; læg filen i mappen ${YEAR}/2023-09-06/`,
    ]);
  });

  it("refuses a linked meeting file instead of skipping it", async () => {
    const lines = await linesAfter((root) => replaceByLink(root, "eksempelby/udsatteraadet/2024/2024-01-10.md", "../2023/2023-09-06-2.md"));
    expect(lines).toEqual([`${EKS}/udsatteraadet/2024/2024-01-10.md:1:1: fil: ${link("../2023/2023-09-06-2.md")}`]);
  });

  it("refuses a linked year folder, council folder and municipality folder instead of skipping them", async () => {
    const lines = await linesAfter(async (root) => {
      await replaceByLink(root, "eksempelby/udsatteraadet/2024", "/tmp");
      await replaceByLink(root, "eksempelby/aeldreraadet", "/srv");
      await replaceByLink(root, "andeby", "/home");
    });
    expect(lines).toEqual([
      `<content>/andeby:1:1: fil: ${link("/home")}`,
      `${EKS}/aeldreraadet:1:1: fil: ${link("/srv")}`,
      `${EKS}/udsatteraadet/2024:1:1: fil: ${link("/tmp")}`,
    ]);
  });

  it("refuses kommune.yaml as a link to /dev/zero and as a FIFO, without reading either", async () => {
    const lines = await linesAfter(async (root) => {
      await replaceByLink(root, "eksempelby/kommune.yaml", "/dev/zero");
      await rm(path.join(root, "andeby/kommune.yaml"));
      mkfifo(path.join(root, "andeby/kommune.yaml"));
    });
    expect(lines).toEqual([
      `<content>/andeby/kommune.yaml:1:1: fil: ${FIFO}`,
      `${EKS}/kommune.yaml:1:1: fil: ${link("/dev/zero")}`,
    ]);
  });

  it("refuses a logo that is a link, at look.logo in kommune.yaml", async () => {
    const lines = await linesAfter((root) => replaceByLink(root, "eksempelby/logo.svg", "/etc/passwd"));
    expect(lines).toEqual([`${EKS}/kommune.yaml:6:9: look.logo: logoet 'logo.svg' ${link("/etc/passwd")}`]);
  });

  it("refuses a link or a socket beside the municipalities (portal.yaml, any name)", async () => {
    const server = createServer();
    try {
      const lines = await linesAfter(async (root) => {
        await symlink("/etc/passwd", path.join(root, "portal.yaml"));
        await new Promise<void>((done) => server.listen(path.join(root, "stik"), done));
      });
      expect(lines).toEqual([
        `<content>/portal.yaml:1:1: fil: ${link("/etc/passwd")}`,
        "<content>/stik:1:1: fil: er en socket, ikke en almindelig fil; den kan hverken læses eller offentliggøres. Fjern den fra indholdsmappen",
      ]);
    } finally {
      server.close();
    }
  });
});
