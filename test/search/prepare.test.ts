import { describe, expect, it } from "vitest";
import { addCompoundParts, pageForPagefind } from "../../src/search/prepare.ts";

const splits: Record<string, string[]> = {
  socialtandplejen: ["social", "tandplejen"],
  udsatterådet: ["udsatte", "rådet"],
};
const splitOf = (word: string) => splits[word] ?? [];

describe("addCompoundParts", () => {
  it("marks the cut between a compound's parts, and the end of each block, in the body's text", () => {
    const html = `<html lang="da"><head><title>Socialtandplejen</title></head><body><p>Om <em>Socialtandplejen</em> i dag</p></body></html>`;
    expect(addCompoundParts(html, splitOf)).toBe(
      `<html lang="da"><head><title>Socialtandplejen</title></head><body><p>Om <em>Social^tandplejen</em> i dag^</p></body></html>`,
    );
  });

  it("finds words next to any punctuation, and words with letters beyond Latin-1", () => {
    const html = `<body><span>x–socialtandplejen«Udsatterådet»\u00a0socialtandplejen, 12socialtandplejen_ socialtandplejenł socialtandplejenªx</span></body>`;
    expect(addCompoundParts(html, splitOf)).toBe(
      `<body><span>x–social^tandplejen«Udsatte^rådet»\u00a0social^tandplejen, 12social^tandplejen_ socialtandplejenł socialtandplejenªx</span></body>`,
    );
  });

  it('doubles the page\'s own "^", so that the marks are told apart', () => {
    expect(addCompoundParts(`<body><span>2^3 og ^Udsatterådet^</span></body>`, splitOf)).toBe(`<body><span>2^^3 og ^^Udsatte^rådet^^</span></body>`);
  });

  it("marks headings' words too (the search page reads the marks back from titles)", () => {
    expect(addCompoundParts(`<body><h2 id="punkt-1">1. <em>Socialtandplejen</em></h2><p>x.</p></body>`, splitOf)).toBe(
      `<body><h2 id="punkt-1">1. <em>Social^tandplejen</em>^</h2><p>x.^</p></body>`,
    );
  });

  it("puts a space at the edges of other blocks, and a gap before what Pagefind leaves out", () => {
    expect(addCompoundParts(`<body><dl><dt>Sted</dt><dd>Rådhuset</dd></dl><a data-pagefind-ignore>#</a></body>`, splitOf)).toBe(
      `<body> <dl> <dt>Sted </dt> <dd>Rådhuset </dd> </dl> ^| <a data-pagefind-ignore>#</a></body>`,
    );
  });

  it("leaves attributes, scripts, comments and Pagefind values alone", () => {
    const html =
      `<body><a title="socialtandplejen" href="/socialtandplejen/">x</a><script>let socialtandplejen = 1;</script>` +
      `<!-- socialtandplejen --><span data-pagefind-filter="råd">Udsatterådet^</span>` +
      `<span data-pagefind-meta="council">Udsatterådet <b>Udsatterådet</b></span><img alt="x"><b>udsatterådet</b></body>`;
    expect(addCompoundParts(html, splitOf)).toBe(
      `<body><a title="socialtandplejen" href="/socialtandplejen/">x</a><script>let socialtandplejen = 1;</script>` +
        `<!-- socialtandplejen --><span data-pagefind-filter="råd">Udsatterådet^</span>` +
        `<span data-pagefind-meta="council">Udsatterådet <b>Udsatterådet</b></span><img alt="x"><b>udsatte^rådet</b></body>`,
    );
  });

  it("returns a page without a body unchanged", () => {
    expect(addCompoundParts("socialtandplejen", splitOf)).toBe("socialtandplejen");
  });
});

describe("addCompoundParts reads the page as its token expression does", () => {
  // The scan is written by hand; these pin it to the regular expression it replaced (see prepare.ts).
  it.each([
    [
      "a script holding an end tag",
      `<body><script>if (a</p>b) socialtandplejen();</script><b>Udsatterådet</b></body>`,
      `<body><script>if (a</p>b) socialtandplejen();</script><b>Udsatte^rådet</b></body>`,
    ],
    [
      "a comment holding a tag",
      `<body><!-- <h1> socialtandplejen --><b>Udsatterådet</b></body>`,
      `<body><!-- <h1> socialtandplejen --><b>Udsatte^rådet</b></body>`,
    ],
    [
      "an unclosed comment: the tags after it are tags",
      `<body><b>Udsatterådet</b><!-- <i>socialtandplejen</i></body>`,
      `<body><b>Udsatte^rådet</b><!-- <i>social^tandplejen</i></body>`,
    ],
    [
      "a script without end tag: an element like any other",
      `<body><b>Udsatterådet<script>socialtandplejen</b></body>`,
      `<body><b>Udsatte^rådet<script>social^tandplejen</b></body>`,
    ],
    ["an unclosed tag at the end: text", `<body><b>Udsatterådet <b socialtandplejen`, `<body><b>Udsatte^rådet <b social^tandplejen`],
    [
      "uppercase tags and end tags with spaces",
      `<BODY><B ID="x">Udsatterådet</B><SCRIPT>socialtandplejen</script ><I>Socialtandplejen</I></BODY>`,
      `<BODY><B ID="x">Udsatte^rådet</B><SCRIPT>socialtandplejen</script ><I>Social^tandplejen</I></BODY>`,
    ],
    [
      "names ending in a hyphen, which the name does not include",
      `<body><b->Udsatterådet</b-><script-x>socialtandplejen</script-x></script><b>Udsatterådet</b></body>`,
      `<body><b->Udsatte^rådet</b-><script-x>socialtandplejen</script-x></script><b>Udsatte^rådet</b></body>`,
    ],
    [
      "textarea and template",
      `<body><textarea><h1>socialtandplejen</textarea><template><h1>x</template>Udsatterådet</body>`,
      `<body><textarea><h1>socialtandplejen</textarea><template><h1>x</template>Udsatte^rådet</body>`,
    ],
  ])("%s", (_, html, expected) => {
    expect(addCompoundParts(html, splitOf)).toBe(expected);
  });

  it("leaves a block inside a Pagefind value, and attributes in any case", () => {
    expect(addCompoundParts(`<body><div data-pagefind-filter="råd"><h2>Udsatterådet</h2></div><b>Udsatterådet</b></body>`, splitOf)).toBe(
      `<body><div data-pagefind-filter="råd"><h2>Udsatterådet</h2></div><b>Udsatte^rådet</b></body>`,
    );
    expect(addCompoundParts(`<body><span DATA-PAGEFIND-FILTER="råd">Udsatterådet</span><span DATA-pagefind-IGNORE>Udsatterådet</span></body>`, splitOf)).toBe(
      `<body><span DATA-PAGEFIND-FILTER="råd">Udsatterådet</span> ^| <span DATA-pagefind-IGNORE>Udsatte^rådet</span></body>`,
    );
  });

  it("asks splitOf once for each lowercase word, over all pages, and keeps each splitOf's answers apart", () => {
    const asked: string[] = [];
    const counting = (word: string) => (asked.push(word), splitOf(word));
    const html = `<body><b>Udsatterådet udsatterådet UDSATTERÅDET socialtandplejen kommunen</b></body>`;
    const expected = `<body><b>Udsatte^rådet udsatte^rådet UDSATTE^RÅDET social^tandplejen kommunen</b></body>`;
    expect(addCompoundParts(html, counting)).toBe(expected);
    expect(addCompoundParts(html, counting)).toBe(expected);
    expect(asked).toEqual(["udsatterådet", "socialtandplejen", "kommunen"]);
    expect(addCompoundParts(html, (word) => (word === "kommunen" ? ["kom", "munen"] : []))).toBe(
      `<body><b>Udsatterådet udsatterådet UDSATTERÅDET socialtandplejen kom^munen</b></body>`,
    );
  });

  it("tells apart many words, and words of the same length and hash", () => {
    // "Aa" and "BB" have the same hash (31 × 65 + 97 = 31 × 66 + 66).
    const letters = (n: number): string => (n < 26 ? "" : letters(Math.floor(n / 26) - 1)) + String.fromCharCode(97 + (n % 26));
    const words = ["xxxxxxAa", "xxxxxxBB", ...Array.from({ length: 5000 }, (_, i) => `Ord${letters(i)}sammensat`)];
    const split = (word: string) => [word.slice(0, 4), word.slice(4)];
    const html = `<body><b>${words.join(" ")} ${words.join(". ")}</b></body>`;
    const marked = (words: string[]) => words.map((word) => `${word.slice(0, 4)}^${word.slice(4)}`);
    const expected = `<body><b>${marked(words).join(" ")} ${marked(words).join(". ")}</b></body>`;
    expect(addCompoundParts(html, split) === expected).toBe(true);
  });
});

describe("addCompoundParts with Pagefind attributes", () => {
  it("marks inside elements whose filter, meta or sort value is in the attribute", () => {
    const html = `<body><article data-pagefind-body="" data-pagefind-sort="date:2021-11-23"><span data-pagefind-filter="råd:Udsatterådet, år:2021">Udsatterådet</span></article></body>`;
    expect(addCompoundParts(html, splitOf)).toBe(
      `<body><article data-pagefind-body="" data-pagefind-sort="date:2021-11-23"><span data-pagefind-filter="råd:Udsatterådet, år:2021">Udsatte^rådet</span>^</article></body>`,
    );
  });

  it("leaves the text of an element that names a key without a value", () => {
    const html = `<body><h1 data-pagefind-meta="date:2021-11-23, title">Udsatterådet</h1></body>`;
    expect(addCompoundParts(html, splitOf)).toBe(html);
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
