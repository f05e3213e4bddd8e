import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { formatProblem } from "../../src/report/problem.ts";
import type { Item } from "../../src/minutes/model.ts";
import { renderMarkdown } from "../../src/render/markdown.ts";
import { checkLinks, createMeetingLinkResolver, parsePage, parsePageBytes, parsePageFully } from "../../src/trust/links.ts";
import { linkedPages } from "../../scripts/bench/linked-pages.ts";
import { archiveOf, item, meeting } from "./archive.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const FIXTURE = "test/fixtures/trust/links";
const content = path.join(root, FIXTURE, "content");
const SRC = `${FIXTURE}/content/eksempelby/udsatteraadet/2024`;

function fixtureMeeting(date: string, items: Item[]) {
  return meeting("eksempelby", "udsatteraadet", date, {
    absolutePath: path.join(content, `eksempelby/udsatteraadet/2024/${date}.md`),
    items,
  });
}

const archive = archiveOf(
  [
    fixtureMeeting("2024-01-10", [item({ line: 9 })]),
    fixtureMeeting("2024-05-14", [item({ line: 17 }), item({ number: 2, title: "Opfølgning på natvarme", line: 21 })]),
  ],
  (slug) => path.join(content, slug, "kommune.yaml"),
);

const P = "/referater/eksempelby/udsatteraadet";

describe("checkLinks on a rendered site under a path prefix", () => {
  it("reports every broken link, missing file and missing anchor, naming page, target and source", async () => {
    const problems = await checkLinks({ siteDir: path.join(root, FIXTURE, "site"), archive, pathPrefix: "/referater/", cwd: root });
    expect(problems.map(formatProblem)).toEqual([
      "/referater/:1:1: link: Siden /referater/ bruger filen /referater/assets/mangler.js, som ikke findes i det byggede site.",
      "/referater/:1:1: link: Siden /referater/ linker til /referater/soeg/?q=natvarme, som ikke findes i det byggede site. Ret adressen, eller fjern linket.",
      "/referater/:1:1: link: Siden /referater/ linker til /eksempelby/, som ligger uden for sitets sti /referater/. Adressen skal begynde med /referater/.",
      "/referater/:1:1: link: Siden /referater/ indeholder et script-link (javascript:alert(1)). Det må ikke offentliggøres: fjern det.",
      "/referater/:1:1: link: Siden /referater/ linker til /referater/soeg/, som ikke findes i det byggede site. Ret adressen, eller fjern linket.",
      `${FIXTURE}/content/eksempelby/kommune.yaml:1:1: link: Siden /referater/eksempelby/ linker til ${P}/2024/, som ikke findes i det byggede site. Ret adressen, eller fjern linket.`,
      `${FIXTURE}/content/eksempelby/kommune.yaml:1:1: link: Siden /referater/eksempelby/ linker til ../eksempelby/udsatteraadet/2024-05-14/#punkt-9, men ${P}/2024-05-14/ har intet anker #punkt-9. Tjek punktets nummer, eller fjern #punkt-9.`,
      `${SRC}/2024-01-10.md:1:1: link: Siden ${P}/2024-01-10/ har id'et "x" mere end én gang, så links til #x kan ramme forkert.`,
      `${SRC}/2024-05-14.md:1:1: link: Siden ${P}/2024-05-14/ linker til /referater/%E0%A4%A, hvis %-kodning er ugyldig. Ret adressen.`,
      `${SRC}/2024-05-14.md:9:9: items[2]: Siden ${P}/2024-05-14/ linker til ${P}/2024-01-10/#punkt-7, men ${P}/2024-01-10/ har intet anker #punkt-7. Tjek punktets nummer, eller fjern #punkt-7.`,
      `${SRC}/2024-05-14.md:13:15: items[2]: Siden ${P}/2024-05-14/ linker til ${P}/2024-05-14/bilag.pdf, som ikke findes i det byggede site. Ret adressen, eller fjern linket.`,
      `${SRC}/2024-05-14.md:19:24: ## Godkendelse af dagsorden: Siden ${P}/2024-05-14/ linker til #punkt-3, men siden selv har intet anker #punkt-3. Tjek punktets nummer, eller fjern #punkt-3.`,
      `${SRC}/2024-05-14.md:21:1: ## Opfølgning på natvarme: Siden ${P}/2024-05-14/ bruger filen kort-2x.png, som ikke findes i det byggede site.`,
      `${SRC}/2024-05-14.md:23:23: ## Opfølgning på natvarme: Siden ${P}/2024-05-14/ linker til ../2023/2023-11-21.md#punkt-4, som ikke findes i det byggede site. Ret adressen, eller fjern linket.`,
    ]);
  });

  it("takes the same site at the root as broken everywhere, because every address carries the old prefix", async () => {
    const problems = await checkLinks({ siteDir: path.join(root, FIXTURE, "site"), archive, pathPrefix: "/", cwd: root });
    expect(problems.map(formatProblem)).toContain("/:1:1: link: Siden / bruger filen /referater/assets/style.css, som ikke findes i det byggede site.");
  });
});

describe("checkLinks on a small site built in a temporary folder", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  async function site(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), "referat-links-"));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), text);
    }
    return dir;
  }

  const page = (body: string) => `<!doctype html><html lang="da"><head><title>x</title></head><body>${body}</body></html>`;

  it("accepts links with and without index.html, trailing slash, percent-encoding and query", async () => {
    const dir = await site({
      "index.html": page(
        '<a href="/a/">a</a><a href="/a">a</a><a href="/a/index.html">a</a><a href="a/?x=1#y">a</a><a href="/%C3%A6bler/fil%20med%20mellemrum.pdf">f</a>' +
          '<img srcset="/a/b.png 1x,/a/b.png 2x" src="/a/b.png" alt=""><a href="#">top</a><a href="mailto:x@y.dk">m</a>',
      ),
      "a/index.html": page('<h2 id="y">y</h2><a href="../">op</a><a href="./#y">y</a>'),
      "a/b.png": "png",
      "æbler/fil med mellemrum.pdf": "%PDF",
    });
    expect(await checkLinks({ siteDir: dir, archive: { kommuner: [] }, pathPrefix: "/" })).toEqual([]);
  });

  it("checks the links renderMarkdown writes from content paths, under a prefix", async () => {
    const a = meeting("eksempelby", "udsatteraadet", "2023-11-21", { items: [item({ number: 4 })] });
    const b = meeting("eksempelby", "udsatteraadet", "2024-05-14");
    const links = createMeetingLinkResolver(archiveOf([a, b]));
    const html = renderMarkdown("[punkt 4](../2023/2023-11-21.md#punkt-4) [punkt 5](../2023/2023-11-21.md#punkt-5)", {
      pathPrefix: "/p/",
      sourcePath: b.sourcePath,
      resolveMeetingLink: links,
    });
    const dir = await site({
      "eksempelby/udsatteraadet/2023-11-21/index.html": page('<section><h2 id="punkt-4">4. x</h2></section>'),
      "eksempelby/udsatteraadet/2024-05-14/index.html": page(`<section><h2 id="punkt-1">1. x</h2>${html}</section>`),
    });
    const problems = await checkLinks({ siteDir: dir, archive: archiveOf([a, b]), pathPrefix: "/p/" });
    expect(problems.map(formatProblem)).toEqual([
      `${path.relative(process.cwd(), "/content")}/eksempelby/udsatteraadet/2024/2024-05-14.md:1:1: ## Godkendelse af dagsorden: Siden /p/eksempelby/udsatteraadet/2024-05-14/ linker til /p/eksempelby/udsatteraadet/2023-11-21/#punkt-5, men /p/eksempelby/udsatteraadet/2023-11-21/ har intet anker #punkt-5. Tjek punktets nummer, eller fjern #punkt-5.`,
    ]);
  });

  // The time of this check is measured by `npm run bench:micro` (links).
  it("finds no problem in a thousand pages that link to each other's anchors", async () => {
    const files = linkedPages();
    const dir = await site(files);
    expect(await checkLinks({ siteDir: dir, archive: { kommuner: [] }, pathPrefix: "/" })).toEqual([]);
  });
});

describe("the fast page reader", () => {
  const same = (html: string) => {
    const plain = (p: ReturnType<typeof parsePageFully>) => ({ ...p, ids: [...p.ids] });
    const full = plain(parsePageFully(html));
    expect(plain(parsePage(html))).toEqual(full);
    expect(plain(parsePageBytes(Buffer.from(html, "utf8")))).toEqual(full);
  };

  it("reads exactly what htmlparser2 reads, on the markup the site writes and on markup it never writes", () => {
    same(
      '<!doctype html>\n<html lang="da"><head><meta charset="utf-8"/><title>A &amp; B – x</title><link rel="stylesheet" href="/assets/style.css"/><link rel="Next" href="/n/"/><link rel="preconnect" href="https://x.dk"/><script type="module" src="/a.js"></script></head>' +
        '<body><a class="skip-link" href="#indhold">Spring</a><main id="indhold" tabindex="-1"><article><section class="item"><div class="item-head"><h2 id="punkt-1">1. Æbler</h2><a class="item-anchor" href="#punkt-1" data-pagefind-ignore><span aria-hidden="true">#</span></a></div>' +
        '<p>x &lt;a href="/nej/"&gt; <a href="/kaerhavn/2024/fil%20x.pdf">f</a></p><img src="/ø/logo.svg" alt width="40"/></section><section><h2 id="punkt-2">2</h2><a href="/a/#punkt-1" title="a > b">a</a></section></article></main>' +
        '<svg viewBox="0 0 40 40"><rect width="40" height="40"/><use href="#m"/></svg><a href="/æbler/" id="ø">æ</a><a HREF="/UP/" Id="UpId">u</a><a href="/q?x=1&amp;y=&quot;2&quot;&#39;">q</a></body></html>',
    );
    // Outside the subset: htmlparser2 reads these, and the result is the same.
    same('<p><div><a href="/x/">x</a></div></p><ul><li><a href="/1/">1<li><a href="/2/">2</ul><!-- <a href="/c/"> --><a href=/u/>u</a>');
    same(
      '<title><a href="/t/"></title><script>var a = "<a href=\'/s/\'>";</script><style>a{}</style><textarea><a href="/ta/"></textarea><a href="/a&copy;b" name="n">c</a><a href="javascript:x">j</a><a href="data:text/html,x">d</a>',
    );
    same(
      '<section id="punkt-3"><h3>t</h3><a href="/a/">a</a></section><a href="/a/">after</a><base href="/b/"><a href="c/">c</a><a href="/d/" href="/e/">d</a>',
    );
    same(
      '<section id="punkt-3"><h3>t</h3><a href="/a/">a</a></section><a href="/a/">after</a><base href="/b/"><a href="c/">c</a></br></p><a href="/d/" href="/e/">d</a>',
    );
  });

  it("gives the same problems whether a worker thread shares the pages or not", async () => {
    const siteDir = path.join(root, FIXTURE, "site");
    const alone = await checkLinks({ siteDir, archive, pathPrefix: "/referater/", cwd: root, workers: 0 });
    const shared = await checkLinks({ siteDir, archive, pathPrefix: "/referater/", cwd: root, workers: 1 });
    expect(alone.length).toBeGreaterThan(0);
    expect(shared).toEqual(alone);
  });
});
