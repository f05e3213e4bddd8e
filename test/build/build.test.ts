// End to end: `referat build` over real fixture files, read back as a reader would.
import { existsSync } from "node:fs";
import { cp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, FIXTURE_CONTENT, hashTree, linkTargets, listFiles, readPage, runCli, tempDir } from "./helpers.ts";

let work: string;
let site: string;
const TIME_ZONES = ["America/Los_Angeles", "Pacific/Kiritimati"];
/** The builds the tests below read, run side by side: name → result. */
const builds = new Map<string, CliResult>();

function out(name: string): string {
  return join(work, name);
}

beforeAll(async () => {
  work = await tempDir("build");
  site = out("site");
  const plan: [string, string[], Record<string, string>][] = [
    ["site", [], {}],
    // With --debug, which changes nothing in the site.
    ["again", ["--debug"], {}],
    ["prefixed", ["--path-prefix", "referater"], {}],
    ["one", ["--kommune", "gladsaxe"], {}],
    ...TIME_ZONES.map((tz): [string, string[], Record<string, string>] => [`tz-${tz.replace("/", "-")}`, [], { TZ: tz }]),
  ];
  const results = await Promise.all(plan.map(([name, args, env]) => runCli(["build", "--content", FIXTURE_CONTENT, "--out", out(name), ...args], env)));
  plan.forEach(([name], index) => builds.set(name, results[index] as CliResult));
  const first = builds.get("site") as CliResult;
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/^Bygget: 2 kommuner, 2 råd, 4 møder, \d+ sider i /);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const MEETING = "/gladsaxe/udsatteraadet/2023-09-06/";

describe("the built site", () => {
  it("has a page at each kind of page address in docs/format.md: portal, municipality, council, year, meeting", async () => {
    for (const address of [
      "/",
      "/gladsaxe/",
      "/gladsaxe/udsatteraadet/",
      "/gladsaxe/udsatteraadet/2023/",
      "/gladsaxe/udsatteraadet/2022/",
      MEETING,
      "/gladsaxe/udsatteraadet/2023-11-01/",
      "/gladsaxe/udsatteraadet/2022-11-21/",
      "/eksempelby/",
      "/eksempelby/aeldreraadet/",
      "/eksempelby/aeldreraadet/2024/",
      "/eksempelby/aeldreraadet/2024-05-14/",
    ]) {
      expect(existsSync(join(site, address, "index.html")), address).toBe(true);
    }
    expect(existsSync(join(site, "assets/style.css"))).toBe(true);
    expect(existsSync(join(site, "gladsaxe/logo.svg"))).toBe(true);
  });

  it("gives every page lang=da, one h1, a skip link, the header search and labelled breadcrumbs", async () => {
    const pages = (await listFiles(site)).filter((f) => f.endsWith("index.html"));
    expect(pages.length).toBeGreaterThanOrEqual(12);
    for (const file of pages) {
      const html = await readFile(join(site, file), "utf8");
      expect(html, file).toMatch(/^<!doctype html>\n<html lang="da">/);
      expect(html.match(/<h1[ >]/g)?.length, file).toBe(1);
      expect(html, file).toContain('<a class="skip-link" href="#indhold">Spring til indhold</a>');
      expect(html, file).toContain('<main id="indhold"');
      // A municipality's pages search that municipality (/soeg/<kommune>/); the others, the whole site.
      const kommune = file.startsWith("soeg/") ? file.split("/")[1] : file.split("/")[0];
      const action = kommune && kommune !== "index.html" ? `/soeg/${kommune}/` : "/soeg/";
      expect(html, file).toContain(`<form class="site-search" role="search" action="${action}" method="get"><label for="soeg-felt">Søg i referaterne</label>`);
      expect(html, file).toContain('<input id="soeg-felt" type="search" name="q"');
      if (!file.startsWith("soeg/") && file !== "404.html") {
        expect(html, file).toMatch(/<nav class="breadcrumbs" aria-label="Brødkrummer"[^>]*>.*aria-current="page"/);
      }
    }
  });

  it("writes the meeting's date and time in Danish and states its approval", async () => {
    const html = await readPage(site, MEETING);
    expect(html).toContain("onsdag den 6. september 2023 kl. 16.00–18.00");
    expect(html).toContain("Godkendt den 4. oktober 2023");
    expect(html).toContain("Sted: Medborgerhuset, Torvet 3");
    expect(html).toContain("<title>Referat af møde i Udsatterådet den 6. september 2023 – Gladsaxe Kommune</title>");
  });

  it("gives every item an anchor #punkt-N with a visible link to it", async () => {
    const html = await readPage(site, MEETING);
    for (const n of [1, 2, 3, 4]) {
      expect(html).toContain(`<h2 id="punkt-${n}">${n}. `);
      expect(html).toContain(
        `href="#punkt-${n}" data-pagefind-ignore><span aria-hidden="true">#</span><span class="visually-hidden">Link til punkt ${n}</span>`,
      );
    }
    expect(html).toContain('<nav class="toc" aria-label="Punkter på dagsordenen"');
  });

  it("shows who was there: roles, partial presence, substitutes, staff, guests, minute taker", async () => {
    const html = await readPage(site, MEETING);
    expect(html).toContain("<li>Anna Holm (Kirkens Korshær), formand</li>");
    expect(html).toContain("<li>Carla Dahl (Brugerrepræsentant), til stede under punkt 1–3</li>");
    expect(html).toContain("<dt>Afbud</dt><dd><ul><li>Dennis Berg (SAND), stedfortræder: Eva Berg</li>");
    expect(html).toContain("<dt>Fra forvaltningen</dt><dd><ul><li>Frederik Møller (Socialforvaltningen), konsulent</li>");
    expect(html).toContain("<dt>Gæster</dt><dd><ul><li>Gitte Aagaard, gadesygeplejerske</li><li>Hans Berg (Socialtandplejen), til stede under punkt 4</li>");
    expect(html).toContain("<dt>Referent</dt><dd><ul><li>Frederik Møller</li>");
  });

  it("shows an item's kind (unless a heading of its text names it), presenter, duration and conflicts, and escapes raw HTML", async () => {
    const html = await readPage(site, MEETING);
    // Item 2 is a drøftelse whose text starts with "### Drøftelse": the kind reads once, as that heading.
    expect(html).toContain('<p class="item-meta"><span>v/ Anna Holm</span><span aria-hidden="true"> · </span><span>30 minutter</span></p>');
    expect(html).toContain('<p class="conflicts">Inhabil: Bo Lund</p>');
    expect(html).toContain('<span>Orientering</span><span aria-hidden="true"> · </span><span>v/ Frederik Møller og Hans Berg (Socialtandplejen)</span>');
    expect(html).toContain("&lt;b&gt;Fed&lt;/b&gt;");
    expect(html).not.toContain("<b>Fed</b>");
    expect(html).toContain("<h3>Drøftelse</h3>");
    expect(html).toContain('<a href="/gladsaxe/udsatteraadet/2022-11-21/#punkt-1">Udsatterådet, 21. november 2022, punkt 1: Socialtandpleje</a>');
  });

  it("copies an attachment beside its meeting and names its type and size", async () => {
    const source = join(FIXTURE_CONTENT, "gladsaxe/udsatteraadet/2023/2023-09-06/notat-natvarme.pdf");
    const copied = join(site, "gladsaxe/udsatteraadet/2023-09-06/notat-natvarme.pdf");
    expect(await readFile(copied)).toEqual(await readFile(source));
    expect((await stat(source)).size).toBe(22_597);
    const html = await readPage(site, MEETING);
    expect(html).toContain('<a href="/gladsaxe/udsatteraadet/2023-09-06/notat-natvarme.pdf">Notat om natvarme</a> <span class="file-info">(PDF, 23 kB)</span>');
  });

  it("publishes a closed item as number, title, 'Lukket punkt' and its public decision only", async () => {
    const html = await readPage(site, MEETING);
    const section = html.slice(html.indexOf('<h2 id="punkt-3">'), html.indexOf('<h2 id="punkt-4">'));
    expect(section).toContain("3. Ansættelsessag");
    expect(section).toContain('<p class="closed-label">Lukket punkt</p>');
    expect(section).toContain("Rådet tiltrådte indstillingen.");
    expect(section).not.toMatch(/Beslutning<\/span>|item-meta|item-body|attachments/);
  });

  it("shows corrections, the announced next meeting as the archive's meeting, and links to the previous meeting", async () => {
    const html = await readPage(site, MEETING);
    expect(html).toContain("<h2>Rettelser</h2><ul><li><strong>5. oktober 2023:</strong> Gitte Aagaards titel er rettet.</li>");
    // next_meeting announces 2023-11-01, which the archive holds: one box, linking it with its own time and place.
    expect(html).toContain(
      '<h2 id="naeste-moede">Næste møde</h2><p class="next-meeting-when"><a href="/gladsaxe/udsatteraadet/2023-11-01/">onsdag den 1. november 2023 kl. 16.00–18.00</a> <span class="badge badge-agenda">Dagsorden</span></p><p class="next-meeting-where"><span>Sted: Medborgerhuset, Torvet 3</span></p></section>',
    );
    expect(html.match(/Næste møde/g)).toHaveLength(1);
    expect(html).toContain('href="/gladsaxe/udsatteraadet/2022-11-21/" rel="prev"');
    expect(html).not.toContain('rel="next"');
  });

  it("marks an agenda clearly as an agenda", async () => {
    const html = await readPage(site, "/gladsaxe/udsatteraadet/2023-11-01/");
    expect(html).toContain("Dette er dagsordenen til et kommende møde, ikke et godkendt referat");
    expect(html).toContain('data-pagefind-filter="status:dagsorden"');
  });

  it("breadcrumbs lead from the portal to the meeting", async () => {
    const html = await readPage(site, MEETING);
    expect(html).toContain(
      '<ol><li><a href="/">Alle kommuner</a></li><li><a href="/gladsaxe/">Gladsaxe Kommune</a></li><li><a href="/gladsaxe/udsatteraadet/">Udsatterådet</a></li><li><a href="/gladsaxe/udsatteraadet/2023/">2023</a></li><li><a href="/gladsaxe/udsatteraadet/2023-09-06/" aria-current="page">6. september 2023</a></li></ol>',
    );
  });

  it("marks the meeting content for Pagefind with filters, metadata and a sort key", async () => {
    const html = await readPage(site, MEETING);
    expect(html).toContain('<article class="meeting" data-pagefind-body data-pagefind-sort="date:2023-09-06">');
    for (const attribute of [
      'data-pagefind-filter="kommune:Gladsaxe Kommune"',
      'data-pagefind-filter="råd:Udsatterådet"',
      'data-pagefind-filter="år:2023"',
      'data-pagefind-filter="status:referat"',
      'data-pagefind-filter="punkttype:beslutning"',
      'data-pagefind-filter="punkttype:drøftelse"',
      'data-pagefind-filter="punkttype:orientering"',
      'data-pagefind-meta="date:2023-09-06"',
      'data-pagefind-meta="council:Udsatterådet"',
      'data-pagefind-meta="municipality:Gladsaxe Kommune"',
      'data-pagefind-meta="datotekst:onsdag den 6. september 2023 kl. 16.00–18.00"',
    ]) {
      expect(html).toContain(attribute);
    }
    expect(html).toContain('<div class="laes-op" data-laes-op hidden></div>');
    expect(html.match(/data-pagefind-body/g)?.length).toBe(1);
    const list = await readPage(site, "/gladsaxe/");
    expect(list).not.toContain("data-pagefind-body");
  });

  it("wears the municipality's look and footer", async () => {
    const html = await readPage(site, "/gladsaxe/");
    expect(html).toContain('<body class="look-kommune farve-gladsaxe">');
    expect(await readFile(join(site, "assets/farver.css"), "utf8")).toContain(".farve-gladsaxe{--farve:#00677f}\n");
    expect(html).toContain('<img class="mark" src="/gladsaxe/logo.svg" alt width="40"');
    expect(html).toContain('<a href="https://was.digst.dk/gladsaxe-dk">Tilgængelighedserklæring</a>');
    expect(html).toContain('<a href="https://gladsaxe.dk/kontakt">Giv os feedback</a>');
    expect(html).toContain("CVR: 62761113");
    const other = await readPage(site, "/eksempelby/");
    expect(other).toContain('<svg class="mark"');
    expect(other).not.toContain("Giv os feedback");
    const portal = await readPage(site, "/");
    expect(portal).toContain('<body class="look-neutral">');
  });
});

describe("builds", () => {
  it("puts every link and asset under the path prefix", async () => {
    const prefixed = out("prefixed");
    expect(builds.get("prefixed")?.stderr).toBe("");
    expect(builds.get("prefixed")?.code).toBe(0);
    const pages = (await listFiles(prefixed)).filter((f) => f.endsWith(".html"));
    for (const file of pages) {
      const html = await readFile(join(prefixed, file), "utf8");
      for (const target of linkTargets(html)) {
        if (/^(https?:|mailto:|tel:|#)/.test(target)) continue;
        expect(target, `${file}: ${target}`).toMatch(/^\/referater\//);
      }
    }
    // Addresses stay the same: the prefix is where the folder is hosted.
    expect(existsSync(join(prefixed, "gladsaxe/udsatteraadet/2023-09-06/index.html"))).toBe(true);
  });

  it("builds one municipality alone, with it at /", async () => {
    const one = out("one");
    expect(builds.get("one")?.code).toBe(0);
    expect(existsSync(join(one, "eksempelby"))).toBe(false);
    const front = await readPage(one, "/");
    expect(front).toContain("<h1>Referater fra Gladsaxe Kommune</h1>");
    expect(front).not.toContain("Eksempelby");
    expect(front).not.toContain("Alle kommuner");
    // The municipality's own address only sends the reader to /: one page, one address.
    const own = await readPage(one, "/gladsaxe/");
    expect(own).toContain('<meta http-equiv="refresh" content="0; url=/"/><link rel="canonical" href="/"/>');
    expect(own).not.toContain("Seneste møder");
  });

  it("publishes of templates/assets/ only what a browser loads: no type declarations or other leftovers", async () => {
    const assets = (await listFiles(join(site, "assets"))).sort();
    expect(assets.length).toBeGreaterThan(0);
    for (const file of assets) expect(file).toMatch(/^[^.][^/]*\.(css|js|mjs|svg|png|ico|webp|woff2)$/);
    expect(assets).not.toContain("search-core.d.ts");
  });

  it("is deterministic: two builds of the same content are byte-identical", async () => {
    expect(builds.get("again")?.code).toBe(0);
    expect(await hashTree(out("again"))).toEqual(await hashTree(site));
  });

  it("prints with --debug each stage's time and memory, the index parts, the pages and the open data reused, after the summary", () => {
    const lines = (builds.get("again") as CliResult).stdout.split("\n");
    expect(lines[0]).toMatch(/^Bygget: /);
    expect(lines[1]).toMatch(/^Tider: indlæsning \d+ ms, CPR-tjek \d+ ms, sider \d+ ms, filer \d+ ms, søgeindeks \d+ ms, linktjek \d+ ms, flytning \d+ ms\.$/);
    const stage = (name: string) => `${name} \\d+ MB \\(heap \\d+ MB, top \\d+ MB\\)`;
    expect(lines[2]).toMatch(
      new RegExp(`^Hukommelse: ${["indlæsning", "CPR-tjek", "sider", "filer", "søgeindeks", "linktjek", "flytning"].map(stage).join(", ")}; højst \\d+ MB\\.$`),
    );
    // The index parts, and how many came from the search-index cache (test/global-setup.ts makes one).
    expect(lines[3]).toMatch(/^Søgeindeks: \d+ dele?, \d+ genbrugt fra cachen i .+\.$/);
    // The meeting pages, and how many came from the render cache (src/build/cache/pages.ts).
    expect(lines[4]).toMatch(/^Sider: \d+ af \d+ mødesider? lavet, \d+ genbrugt fra cachen i .+\.$/);
    // The open data, and how many meetings' parts came from the data cache (src/data/cache.ts).
    expect(lines[5]).toMatch(/^Åbne data: \d+ af \d+ møder? lavet, \d+ genbrugt fra cachen i .+\.$/);
    expect(lines.slice(6)).toEqual([""]);
    // Without --debug, the summary alone.
    expect((builds.get("site") as CliResult).stdout).not.toMatch(/Tider|Hukommelse|Søgeindeks|Sider:|Åbne data:/);
  });

  it.each(TIME_ZONES)("prints the same dates under TZ=%s", async (tz) => {
    const name = `tz-${tz.replace("/", "-")}`;
    expect(builds.get(name)?.code).toBe(0);
    const html = await readPage(out(name), MEETING);
    expect(html).toContain("onsdag den 6. september 2023 kl. 16.00–18.00");
    expect(html).toBe(await readPage(site, MEETING));
  });

  it("reports content errors in one run, writes nothing and exits 1", async () => {
    const never = out("never");
    const result = await runCli(["build", "--content", join(FIXTURE_CONTENT, "../content-broken"), "--out", never]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^test\/fixtures\/site\/content-broken\/gladsaxe\/udsatteraadet\/2023\/2023-09-06\.md:\d+:\d+: date: /m);
    expect(result.stderr).toMatch(/\d+ fejl fundet i \d+ (fil|filer)\.\n/);
    expect(existsSync(never)).toBe(false);
  });

  it("reports a CPR number in a file that also fails validation, in the same run", async () => {
    const content = join(work, "broken-with-cpr");
    await cp(join(FIXTURE_CONTENT, "../content-broken"), content, { recursive: true });
    const meeting = join(content, "gladsaxe/udsatteraadet/2023/2023-09-06.md");
    await writeFile(meeting, `${await readFile(meeting, "utf8")}\nBorgerens nummer er 010190-1234.\n`);
    const never = out("never-cpr");
    const result = await runCli(["build", "--content", content, "--out", never]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/2023-09-06\.md:\d+:\d+: date: /);
    expect(result.stderr).toMatch(/2023-09-06\.md:\d+:\d+: cpr: Her står "010190-\*\*\*\*"/);
    expect(result.stderr).not.toContain("010190-1234");
    expect(existsSync(never)).toBe(false);
  });

  it("reports an unknown municipality and exits 1", async () => {
    const result = await runCli(["build", "--content", FIXTURE_CONTENT, "--out", join(work, "none"), "--kommune", "holbaek"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("holbaek");
  });

  it("exits 2 on wrong usage", async () => {
    const result = await runCli(["build", "--outt", "x"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Brug: referat");
  });
});
