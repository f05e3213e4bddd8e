import { describe, expect, it } from "vitest";
import { addCompoundParts, pageForPagefind } from "../../src/search/prepare.ts";

const parts: Record<string, string[]> = {
  socialtandplejen: ["social", "tandplejen"],
  udsatterådet: ["udsatte", "rådet"],
};
const partsOf = (word: string) => parts[word] ?? [];

describe("addCompoundParts", () => {
  it("adds the parts after each compound in the body's text", () => {
    const html = `<html lang="da"><head><title>Socialtandplejen</title></head><body><p>Om <em>Socialtandplejen</em> i dag.</p></body></html>`;
    expect(addCompoundParts(html, partsOf)).toBe(
      `<html lang="da"><head><title>Socialtandplejen</title></head><body><p>Om <em>Socialtandplejen ⟦ social tandplejen ⟧</em> i dag.</p></body></html>`,
    );
  });

  it("finds words next to any punctuation, and words with letters beyond Latin-1", () => {
    const html = `<body><p>x–socialtandplejen«Udsatterådet»\u00a0socialtandplejen, 12socialtandplejen_ socialtandplejenł socialtandplejenªx</p></body>`;
    expect(addCompoundParts(html, partsOf)).toBe(
      `<body><p>x–socialtandplejen ⟦ social tandplejen ⟧«Udsatterådet ⟦ udsatte rådet ⟧»\u00a0socialtandplejen ⟦ social tandplejen ⟧, ` +
        `12socialtandplejen ⟦ social tandplejen ⟧_ socialtandplejenł socialtandplejenªx</p></body>`,
    );
  });

  it("leaves attributes, scripts, comments and Pagefind values alone", () => {
    const html =
      `<body><a title="socialtandplejen" href="/socialtandplejen/">x</a><script>let socialtandplejen = 1;</script>` +
      `<!-- socialtandplejen --><span data-pagefind-filter="råd">Udsatterådet</span>` +
      `<p data-pagefind-meta="council">Udsatterådet <b>Udsatterådet</b></p><img alt="x"><p>udsatterådet</p></body>`;
    expect(addCompoundParts(html, partsOf)).toBe(
      `<body><a title="socialtandplejen" href="/socialtandplejen/">x</a><script>let socialtandplejen = 1;</script>` +
        `<!-- socialtandplejen --><span data-pagefind-filter="råd">Udsatterådet</span>` +
        `<p data-pagefind-meta="council">Udsatterådet <b>Udsatterådet</b></p><img alt="x"><p>udsatterådet ⟦ udsatte rådet ⟧</p></body>`,
    );
  });

  it("adds the parts of a heading's words after the heading, keeping titles as written", () => {
    const html = `<body><h1>Om Udsatterådet</h1><h2 id="punkt-1">1. <em>Socialtandplejen</em> og Udsatterådet</h2><p>x</p></body>`;
    expect(addCompoundParts(html, partsOf)).toBe(
      `<body><h1>Om Udsatterådet</h1> ⟦ udsatte rådet ⟧<h2 id="punkt-1">1. <em>Socialtandplejen</em> og Udsatterådet</h2> ⟦ social tandplejen udsatte rådet ⟧<p>x</p></body>`,
    );
  });

  it("returns a page without a body unchanged", () => {
    expect(addCompoundParts("socialtandplejen", partsOf)).toBe("socialtandplejen");
  });
});

describe("addCompoundParts with Pagefind attributes", () => {
  it("adds parts inside elements whose filter, meta or sort value is in the attribute", () => {
    const html = `<body><article data-pagefind-body="" data-pagefind-sort="date:2021-11-23"><span data-pagefind-filter="råd:Udsatterådet, år:2021">Udsatterådet</span></article></body>`;
    expect(addCompoundParts(html, partsOf)).toBe(
      `<body><article data-pagefind-body="" data-pagefind-sort="date:2021-11-23"><span data-pagefind-filter="råd:Udsatterådet, år:2021">Udsatterådet ⟦ udsatte rådet ⟧</span></article></body>`,
    );
  });

  it("leaves the text of an element that names a key without a value", () => {
    const html = `<body><h1 data-pagefind-meta="date:2021-11-23, title">Udsatterådet</h1></body>`;
    expect(addCompoundParts(html, partsOf)).toBe(html);
  });
});

describe("pageForPagefind", () => {
  const head = `<!doctype html><html lang="da"><head><title>T</title></head><body class="x">`;
  const article = `<article data-pagefind-body=""><h1>Møde</h1><article><p>indre</p></article><span data-pagefind-filter="år:2024"></span></article>`;

  it("keeps the head, the body tag and the data-pagefind-body element, and drops the rest", () => {
    const html = `${head}<nav data-pagefind-ignore=""><a href="/">Forside</a></nav><main>${article}<nav data-pagefind-ignore="">x</nav></main><footer>f</footer></body></html>`;
    expect(pageForPagefind(html)).toBe(`${head}${article}</body></html>`);
  });

  it("gives the whole page when something outside the element could matter", () => {
    const filterOutside = `${head}<span data-pagefind-meta="council:Rådet"></span>${article}</body></html>`;
    const ignoredAround = `${head}<main data-pagefind-ignore="">${article}</main></body></html>`;
    const twoBodies = `${head}${article}<div data-pagefind-body="">y</div></body></html>`;
    const noBody = `${head}<p>x</p></body></html>`;
    for (const html of [filterOutside, ignoredAround, twoBodies, noBody]) expect(pageForPagefind(html)).toBe(html);
  });
});
