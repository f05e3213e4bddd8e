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

describe("addCompoundParts reads the page as its token expression does", () => {
  // The scan is written by hand; these pin it to the regular expression it replaced (see prepare.ts).
  it.each([
    ["a script holding an end tag", `<body><script>if (a</p>b) socialtandplejen();</script><p>Udsatterådet</p></body>`,
      `<body><script>if (a</p>b) socialtandplejen();</script><p>Udsatterådet ⟦ udsatte rådet ⟧</p></body>`],
    ["a comment holding a tag", `<body><!-- <h1> socialtandplejen --><p>Udsatterådet</p></body>`,
      `<body><!-- <h1> socialtandplejen --><p>Udsatterådet ⟦ udsatte rådet ⟧</p></body>`],
    ["an unclosed comment: the tags after it are tags", `<body><p>Udsatterådet</p><!-- <h2>socialtandplejen</h2></body>`,
      `<body><p>Udsatterådet ⟦ udsatte rådet ⟧</p><!-- <h2>socialtandplejen</h2> ⟦ social tandplejen ⟧</body>`],
    ["a script without end tag: an element like any other", `<body><p>Udsatterådet<script>socialtandplejen</p></body>`,
      `<body><p>Udsatterådet ⟦ udsatte rådet ⟧<script>socialtandplejen ⟦ social tandplejen ⟧</p></body>`],
    ["an unclosed tag at the end: text", `<body><p>Udsatterådet <b socialtandplejen`,
      `<body><p>Udsatterådet ⟦ udsatte rådet ⟧ <b socialtandplejen ⟦ social tandplejen ⟧`],
    ["uppercase tags and end tags with spaces", `<BODY><H2 ID="x">Udsatterådet</H2><SCRIPT>socialtandplejen</script ><P>Socialtandplejen</P></BODY>`,
      `<BODY><H2 ID="x">Udsatterådet</H2> ⟦ udsatte rådet ⟧<SCRIPT>socialtandplejen</script ><P>Socialtandplejen ⟦ social tandplejen ⟧</P></BODY>`],
    ["names ending in a hyphen, which the name does not include", `<body><h2->Udsatterådet</h2><script-x>socialtandplejen</script-x></script><p>Udsatterådet</p></body>`,
      `<body><h2->Udsatterådet</h2> ⟦ udsatte rådet ⟧<script-x>socialtandplejen</script-x></script><p>Udsatterådet ⟦ udsatte rådet ⟧</p></body>`],
    ["textarea and template", `<body><textarea><h1>socialtandplejen</textarea><template><h1>x</template>Udsatterådet</body>`,
      `<body><textarea><h1>socialtandplejen</textarea><template><h1>x</template>Udsatterådet ⟦ udsatte rådet ⟧</body>`],
  ])("%s", (_, html, expected) => {
    expect(addCompoundParts(html, partsOf)).toBe(expected);
  });

  it("adds a heading's parts after it across <br/>, and a nested heading's after the outer one", () => {
    expect(addCompoundParts(`<body><h2>Udsatterådet<br/>Socialtandplejen<br></h2><p>x</p></body>`, partsOf)).toBe(
      `<body><h2>Udsatterådet<br/>Socialtandplejen<br></h2> ⟦ udsatte rådet social tandplejen ⟧<p>x</p></body>`,
    );
    expect(addCompoundParts(`<body><h2>Udsatterådet <h3>Socialtandplejen</h3></h2></body>`, partsOf)).toBe(
      `<body><h2>Udsatterådet <h3>Socialtandplejen</h3></h2> ⟦ udsatte rådet social tandplejen ⟧</body>`,
    );
  });

  it("adds no parts for a heading closed by an outer element's end tag", () => {
    const html = `<body><div><h2>Udsatterådet</div><p>x</p></body>`;
    expect(addCompoundParts(html, partsOf)).toBe(html);
  });

  it("leaves a heading inside a Pagefind value, and attributes in any case", () => {
    expect(addCompoundParts(`<body><div data-pagefind-filter="råd"><h2>Udsatterådet</h2></div><h2>Udsatterådet</h2></body>`, partsOf)).toBe(
      `<body><div data-pagefind-filter="råd"><h2>Udsatterådet</h2></div><h2>Udsatterådet</h2> ⟦ udsatte rådet ⟧</body>`,
    );
    expect(addCompoundParts(`<body><span DATA-PAGEFIND-FILTER="råd">Udsatterådet</span><span data-pagefind-ignore>Udsatterådet</span></body>`, partsOf)).toBe(
      `<body><span DATA-PAGEFIND-FILTER="råd">Udsatterådet</span><span data-pagefind-ignore>Udsatterådet ⟦ udsatte rådet ⟧</span></body>`,
    );
  });

  it("asks partsOf once for each lowercase word, over all pages, and keeps each partsOf's answers apart", () => {
    const asked: string[] = [];
    const counting = (word: string) => (asked.push(word), partsOf(word));
    const html = `<body><p>Udsatterådet udsatterådet UDSATTERÅDET socialtandplejen kommunen</p></body>`;
    const expected = `<body><p>Udsatterådet ⟦ udsatte rådet ⟧ udsatterådet ⟦ udsatte rådet ⟧ UDSATTERÅDET ⟦ udsatte rådet ⟧ socialtandplejen ⟦ social tandplejen ⟧ kommunen</p></body>`;
    expect(addCompoundParts(html, counting)).toBe(expected);
    expect(addCompoundParts(html, counting)).toBe(expected);
    expect(asked).toEqual(["udsatterådet", "socialtandplejen", "kommunen"]);
    expect(addCompoundParts(html, (word) => (word === "kommunen" ? ["kommune"] : []))).toBe(
      `<body><p>Udsatterådet udsatterådet UDSATTERÅDET socialtandplejen kommunen ⟦ kommune ⟧</p></body>`,
    );
  });

  it("tells apart many words, and words of the same length and hash", () => {
    // "Aa" and "BB" have the same hash (31 × 65 + 97 = 31 × 66 + 66).
    const letters = (n: number): string => (n < 26 ? "" : letters(Math.floor(n / 26) - 1)) + String.fromCharCode(97 + (n % 26));
    const words = ["xxxxxxAa", "xxxxxxBB", ...Array.from({ length: 5000 }, (_, i) => `Ord${letters(i)}sammensat`)];
    const split = (word: string) => [word.slice(0, 4), word.slice(4)];
    const html = `<body><p>${words.join(" ")} ${words.join(". ")}</p></body>`;
    const parts = (words: string[]) => words.map((word) => `${word} ⟦ ${split(word.toLowerCase()).join(" ")} ⟧`);
    const expected = `<body><p>${parts(words).join(" ")} ${parts(words).join(". ")}</p></body>`;
    expect(addCompoundParts(html, split) === expected).toBe(true);
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
