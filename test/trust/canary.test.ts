// End to end: nothing of a closed item but its number, title and public decision reaches any
// output (HTML, JSON, XML, ICS, the Pagefind index); content that would publish more fails and
// writes nothing. Canaries: "zqx…qxz" marks text that must never be published, "pubmark…" text
// that must be (so the scan is shown to see every kind of file, the compressed index included).
import { existsSync } from "node:fs";
import { readFile, rm, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyContent, listFiles, readOutput, ROOT, runBuild, runReferat, tempDir } from "./build-helpers.ts";
import { minimalPdf } from "./make-files.ts";

const CANARY = "test/fixtures/trust/canary/content";
const CLOSED = "test/fixtures/trust/closed/content";
const SECRET = /zqx|qxz/i;

let work: string;
let site: string;
let outputs: Map<string, string>;

beforeAll(async () => {
  work = await tempDir("canary");
  const content = path.join(work, "content");
  await copyContent(CANARY, content);
  // A file left in a meeting's folder without being listed as an attachment is never published.
  await mkdir(path.join(content, "kanaryby/raadet/2024/2024-02-07"), { recursive: true });
  await writeFile(path.join(content, "kanaryby/raadet/2024/2024-02-07/lukket-zqxfileqxz.pdf"), minimalPdf([["Fortroligt zqxpdfqxz"]]));
  site = path.join(work, "site");
  expect(await runBuild({ contentDir: content, outDir: site })).toEqual({ ok: true });
  outputs = new Map();
  for (const file of await listFiles(site)) outputs.set(file, await readOutput(path.join(site, file)));
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("closed items in the built site", () => {
  it("leak nothing into any output file, the search index included", () => {
    const leaks = [...outputs].filter(([file, text]) => SECRET.test(file) || SECRET.test(text)).map(([file]) => file);
    expect(leaks).toEqual([]);
  });

  it("are scanned in every kind of output, as the public canaries show", () => {
    const withPublic = (mark: string) => [...outputs].filter(([, text]) => text.includes(mark)).map(([file]) => file);
    expect(withPublic("pubmarkclosedtitle")).toContain("kanaryby/raadet/2024-02-07/index.html");
    expect(withPublic("pubmarkdecision").some((file) => file.endsWith(".pf_fragment"))).toBe(true);
    expect(withPublic("pubmarkopenbody").some((file) => file.endsWith(".pf_index"))).toBe(true);
    expect([...outputs.keys()].some((file) => file.endsWith(".pf_meta"))).toBe(true);
  });

  it("show number, title, 'Lukket punkt' and the public decision, and nothing else", () => {
    const page = outputs.get("kanaryby/raadet/2024-02-07/index.html") ?? "";
    const section = /<section class="item item-closed">([\s\S]*?)<\/section>/.exec(page)?.[1] ?? "";
    const text = section
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    expect(text).toBe("2. Personalesag pubmarkclosedtitle # Link til punkt 2 Lukket punkt Beslutning: Rådet tiltrådte indstillingen pubmarkdecision.");
    expect([...section.matchAll(/href="([^"]*)"/g)].map((m) => m[1])).toEqual(["#punkt-2"]);
  });

  it("do not give away their kind, duration or follow-ups, in the page or the search filters", () => {
    const page = outputs.get("kanaryby/raadet/2024-02-07/index.html") ?? "";
    expect(page).not.toMatch(/47 minutter|røftelse/i);
    for (const [file, text] of outputs) if (/\.pf_(filter|meta)$/.test(file)) expect(text, file).not.toMatch(/røftelse/i);
  });
});

describe("item text in the built site", () => {
  const page = () => outputs.get("kanaryby/raadet/2024-02-07/index.html") ?? "";

  it("prints template syntax literally, never evaluated", () => {
    expect(page()).toContain(
      "Skabelonsprog vises som tekst: &#123;&#123; 7 * 7 &#125;&#125; og &#123;% raw %&#125;&#123;% endraw %&#125; og &#123;&#123; site.secret &#125;&#125;.",
    );
    expect(page()).not.toContain("Skabelonsprog vises som tekst: 49");
  });

  it("shows raw HTML and script links as text", () => {
    expect(page()).toContain("Rå HTML vises som tekst: &lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;");
    expect(page()).not.toMatch(/<script>alert|href="\s*javascript:|<img[^>]*onerror/i);
  });

  it("links to another meeting by its content path, at its address", () => {
    expect(page()).toContain('Se også <a href="/kanaryby/raadet/2024-01-10/#punkt-1">mødet i januar</a>.');
  });
});

describe("content that would publish a closed item's text", () => {
  it("fails with exit 1, names every file, and writes nothing", async () => {
    const out = path.join(work, "closed-site");
    const result = await runReferat(["build", "--content", CLOSED, "--out", out]);
    const dir = `${CLOSED}/kanaryby/raadet/2024`;
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.replaceAll(out, "<out>").split("\n")).toEqual([
      `${dir}/2024-03-06.md:18:1: ## Personalesag: punkt 2 'Personalesag' er lukket, så afsnittet skal være tomt; fjern teksten fra filen (indholdet kan være offentligt), og skriv en eventuel offentlig beslutning i public_decision`,
      `${dir}/2024-03-20.md:18:1: ## Personalesag: punkt 2 'Personalesag' er lukket, så afsnittet skal være tomt; fjern teksten fra filen (indholdet kan være offentligt), og skriv en eventuel offentlig beslutning i public_decision`,
      `${dir}/2024-04-03.md:9:5: items[2].attachments: et lukket punkt må ikke have bilag; fjern feltet (indholdet kan være offentligt)`,
      // The CPR guard reads the files that failed validation too: this attachment is no real PDF.
      `${dir}/2024-04-03/indstilling.pdf:1:1: cpr: Bilaget kunne ikke læses som PDF, så det kan ikke tjekkes for CPR-numre (Invalid PDF structure). Gem det igen som PDF eller Word-dokument (.docx), eller fjern det.`,
      `${dir}/2024-04-17.md:9:5: items[2].presenter: et lukket punkt må ikke have en oplægsholder; fjern feltet (indholdet kan være offentligt)`,
      `${dir}/2024-05-01.md:9:5: items[2].conflicts: et lukket punkt må ikke have inhabilitet; fjern feltet (indholdet kan være offentligt)`,
      `${dir}/2024-05-15.md:18:1: ## Personalesag: punkt 2 'Personalesag' er lukket, så afsnittet skal være tomt; fjern teksten fra filen (indholdet kan være offentligt), og skriv en eventuel offentlig beslutning i public_decision`,
      "7 fejl fundet i 7 filer.",
      "Intet er skrevet: <out> er som før.",
      "",
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it("keeps its source free of the canaries' public twins, so the fixtures test what they claim", async () => {
    const text = await readFile(path.join(ROOT, CLOSED, "kanaryby/raadet/2024/2024-03-06.md"), "utf8");
    expect(text).toContain("zqxbodyqxz");
  });
});
