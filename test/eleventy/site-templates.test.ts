// A web team's own templates (`--templates`, src/eleventy/site-templates.ts): real builds of the
// example archive with the example folder examples/web-team/ (a Markdown page, a Nunjucks page, a
// footer that replaces ours), and with folders that have a mistake in them.
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeVersion } from "../../src/build/cache/code-version.ts";
import { hashTree, linkTargets, readPage, ROOT, runCli, tempDir } from "../build/helpers.ts";

const CONTENT = join(ROOT, "content");
const EXAMPLE = join(ROOT, "examples/web-team");
const MEETING = "gladsaxe/udsatteraadet/2023-09-06/";
/** A fixed build date, so that two builds of the same content are the same bytes. */
const ENV = { SOURCE_DATE_EPOCH: "1796000000", REFERAT_CACHE_DIR: "off" };

let work: string;
let site: string;
let prefixed: string;

beforeAll(async () => {
  work = await tempDir("web-team");
  site = join(work, "site");
  prefixed = join(work, "prefixed");
  const [a, b] = await Promise.all([
    runCli(["build", "--content", CONTENT, "--out", site, "--templates", EXAMPLE], ENV),
    runCli(["build", "--content", CONTENT, "--out", prefixed, "--templates", EXAMPLE, "--kommune", "gladsaxe", "--path-prefix", "/referater/"], ENV),
  ]);
  expect(a.code, a.stderr).toBe(0);
  expect(b.code, b.stderr).toBe(0);
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe("a web team's templates folder", () => {
  it("adds its Markdown and Nunjucks pages, in the site's frame", async () => {
    for (const address of ["om-arkivet/", "tilgaengelighed/"]) {
      const html = await readPage(site, address);
      expect(html.startsWith('<!doctype html>\n<html lang="da">'), address).toBe(true);
      expect(html).toContain('<a class="skip-link" href="#indhold">Spring til indhold</a>');
      expect(html).toContain('<link rel="stylesheet" href="/assets/style.css"/>');
      expect(html).toContain('<header class="site-header">');
      expect(html).toContain('<main id="indhold" tabindex="-1">');
      expect(html).toContain('<footer class="site-footer">');
    }
    const about = await readPage(site, "om-arkivet/");
    expect(about).toContain("<title>Om arkivet – Referatarkiv</title>");
    expect(about).toContain("<h1>Om arkivet</h1>");
    expect(about).toContain('<li><a href="/om-arkivet/" aria-current="page">Om arkivet</a></li>');
    // The Nunjucks page lists every municipality's accessibility statement from the site's data.
    const statement = await readPage(site, "tilgaengelighed/");
    expect(statement).toContain('<a href="https://was.digst.dk/gladsaxe-dk">Tilgængelighedserklæring for Gladsaxe Kommune</a>');
    expect(statement.match(/Tilgængelighedserklæring for /g)).toHaveLength(5);
  });

  it("replaces our footer with theirs on every page, which links to the added pages", async () => {
    for (const address of ["", "gladsaxe/", MEETING, "soeg/", "om-arkivet/"]) {
      const html = await readPage(site, address);
      expect(html, address).toContain('<nav class="footer-nav" aria-label="Om arkivet"><ul><li><a href="/om-arkivet/">Om arkivet</a></li>');
      expect(html, address).not.toContain('aria-label="Om sitet"');
    }
    expect(await readPage(site, MEETING)).toContain('<p class="footer-title">Gladsaxe Kommune</p>');
  });

  it("puts the path prefix before the addresses of the added pages (Eleventy's url filter)", async () => {
    const about = await readPage(prefixed, "om-arkivet/");
    expect(linkTargets(about)).toEqual(expect.arrayContaining(["/referater/", "/referater/soeg/", "/referater/tilgaengelighed/", "/referater/om-arkivet/"]));
    expect(linkTargets(about).filter((target) => target.startsWith("/") && !target.startsWith("/referater/"))).toEqual([]);
  });

  it("changes nothing else: without the footer, every other file is what a build without the folder makes", async () => {
    const plain = join(work, "plain");
    const without = join(work, "without-footer");
    await cp(EXAMPLE, without, { recursive: true });
    await rm(join(without, "_components"), { recursive: true });
    // The pages link to each other only; the footer was what linked to them.
    const [a, b] = await Promise.all([
      runCli(["build", "--content", CONTENT, "--out", plain], ENV),
      runCli(["build", "--content", CONTENT, "--out", join(work, "pages-only"), "--templates", without], ENV),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const withPages = await hashTree(join(work, "pages-only"));
    for (const file of Object.keys(withPages)) if (file.startsWith("om-arkivet/") || file.startsWith("tilgaengelighed/")) delete withPages[file];
    expect(withPages).toEqual(await hashTree(plain));
  });

  it("is part of the render cache's code version: a change to one of its files changes it", async () => {
    const copy = join(work, "version");
    await cp(EXAMPLE, copy, { recursive: true });
    const before = await codeVersion(copy);
    expect(before).not.toBe(await codeVersion());
    await writeFile(join(copy, "om-arkivet.md"), "---\nlayout: side.11ty.tsx\ntitle: Om arkivet\n---\n# Om arkivet\n");
    const { forgetCodeVersion } = await import("../../src/build/cache/code-version.ts");
    forgetCodeVersion();
    expect(await codeVersion(copy)).not.toBe(before);
  });
});

describe("a mistake in a web team's templates", () => {
  /** A folder with the given files; then a build with it over an existing site, which must stay as it was. */
  async function buildWith(name: string, files: Record<string, string>) {
    const dir = join(work, "bad", name);
    for (const [path, text] of Object.entries(files)) {
      await mkdir(join(dir, path, ".."), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const before = await hashTree(site);
    const result = await runCli(["build", "--content", CONTENT, "--out", site, "--templates", dir], ENV);
    expect(await hashTree(site)).toEqual(before);
    return { ...result, dir };
  }

  it("in Nunjucks stops the build with the file, the line and the reason in Danish", async () => {
    const { code, stderr, dir } = await buildWith("nunjucks", {
      "side.njk": "---\nlayout: side.11ty.tsx\ntitle: Side\n---\n<p>Tekst</p>\n<p>{% for x in %}</p>\n",
    });
    expect(code).toBe(1);
    expect(stderr).toContain(
      `Bygningen mislykkedes, siderne kunne ikke laves: ${join(dir, "side.njk")}:6:16: fejl i webholdets skabelon: unexpected token: %}\n`,
    );
    expect(stderr).toContain(`Intet er skrevet: ${site} er som før.`);
  });

  it("in a component stops the build with the file and what the compiler says", async () => {
    const { code, stderr, dir } = await buildWith("component", { "_components/footer.tsx": "export function Footer() {\n  return <footer>\n}\n" });
    expect(code).toBe(1);
    expect(stderr).toContain(
      `Bygningen mislykkedes, siderne kunne ikke laves: ${join(dir, "_components/footer.tsx")}: fejl i webholdets skabelon: Transform failed`,
    );
  });

  it("a page without a title in the site's layout stops the build and says what is missing", async () => {
    const { code, stderr, dir } = await buildWith("title", { "uden.md": "---\nlayout: side.11ty.tsx\n---\n# Uden titel\n" });
    expect(code).toBe(1);
    expect(stderr).toContain(
      `Bygningen mislykkedes, siderne kunne ikke laves: ${join(dir, "uden.md")}: fejl i webholdets skabelon: siden skal have en titel i sin front matter (title: …) for at bruge side.11ty.tsx\n`,
    );
  });

  it("a CPR number in a file of theirs stops the build before anything is rendered", async () => {
    const { code, stderr, dir } = await buildWith("cpr-source", { "cpr.md": "---\nlayout: side.11ty.tsx\ntitle: CPR\n---\n# CPR\n\nRing til 010190-1234\n" });
    expect(code).toBe(1);
    expect(stderr).toContain(
      `Bygningen mislykkedes, siderne kunne ikke laves: ${join(dir, "cpr.md")}:7:10: her står "010190-****", der ligner et CPR-nummer. CPR-numre må ikke offentliggøres: fjern det fra skabelonen.\n`,
    );
  });

  it("a CPR number on a page their template makes stops the build", async () => {
    const { code, stderr, dir } = await buildWith("cpr-page", {
      "cpr.njk": '---\nlayout: side.11ty.tsx\ntitle: CPR\n---\n<h1>CPR</h1><p>{{ "0101" }}90-1234</p>\n',
    });
    expect(code).toBe(1);
    expect(stderr).toContain(
      `Bygningen mislykkedes, siderne kunne ikke laves: ${join(dir, "cpr.njk")}: på siden, som skabelonen laver, står "010190-****", der ligner et CPR-nummer. CPR-numre må ikke offentliggøres: fjern det fra skabelonen.\n`,
    );
  });

  it("a folder that is not there is wrong usage (exit 2)", async () => {
    const result = await runCli(["build", "--content", CONTENT, "--out", join(work, "none"), "--templates", join(work, "findes-ikke")], ENV);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--templates skal være en mappe med webholdets skabeloner, men "${join(work, "findes-ikke")}" er ikke en mappe.`);
  });
});
