import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isSafeImage, isSafeLink, renderMarkdown, type MarkdownContext } from "../../src/render/markdown.ts";
import { createMeetingLinkResolver } from "../../src/trust/links.ts";
import { archiveOf, item, meeting } from "../trust/archive.ts";

const context: MarkdownContext = { pathPrefix: "/", sourcePath: "gladsaxe/udsatteraadet/2024/2024-05-14.md" };
const render = (source: string, ctx: MarkdownContext = context) => renderMarkdown(source, ctx).trim();

describe("renderMarkdown: raw HTML", () => {
  it("shows raw HTML as text", () => {
    expect(render("<script>alert(1)</script>")).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
    expect(render('<img src=x onerror="alert(1)">')).toBe("<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>");
    expect(render("<div>\n\n*x*\n\n</div>")).toBe("<p>&lt;div&gt;</p>\n<p><em>x</em></p>\n<p>&lt;/div&gt;</p>");
    expect(render("<!-- kommentar -->")).toBe("<p>&lt;!-- kommentar --&gt;</p>");
  });
});

describe("renderMarkdown: dangerous links are plain text", () => {
  const spellings: [string, string][] = [
    ["[a](javascript:alert(1))", "<p>[a](javascript:alert(1))</p>"],
    ["[a](JavaScript:alert(1))", "<p>[a](JavaScript:alert(1))</p>"],
    ["[a](&#106;avascript:alert(1))", "<p>[a](javascript:alert(1))</p>"],
    ["[a](&#x6A;avascript:alert(1))", "<p>[a](javascript:alert(1))</p>"],
    ["[a](java&#x09;script:alert(1))", "<p>[a](java\tscript:alert(1))</p>"],
    ["[a](java&Tab;script:alert(1))", "<p>[a](java\tscript:alert(1))</p>"],
    ["[a](<java\nscript:alert(1)>)", "<p>[a](&lt;java\nscript:alert(1)&gt;)</p>"],
    ["[a](javascript&colon;alert(1))", "<p>[a](javascript:alert(1))</p>"],
    ["[a](%6Aavascript:alert(1))", "<p>[a](%6Aavascript:alert(1))</p>"],
    ["[a](java%0Ascript:alert(1))", "<p>[a](java%0Ascript:alert(1))</p>"],
    ["[a](\u200Bjavascript:alert(1))", "<p>[a](\u200Bjavascript:alert(1))</p>"],
    ["[a](<javascript:alert(1)>)", "<p>[a](&lt;javascript:alert(1)&gt;)</p>"],
    ['[a](javascript:alert(1) "titel")', "<p>[a](javascript:alert(1) &quot;titel&quot;)</p>"],
    ["<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>"],
    ["[a](vbscript:msgbox(1))", "<p>[a](vbscript:msgbox(1))</p>"],
    ["[a](data:text/html;base64,PHNjcmlwdD4=)", "<p>[a](data:text/html;base64,PHNjcmlwdD4=)</p>"],
    ["[a](data:image/png;base64,AAAA)", "<p>[a](data:image/png;base64,AAAA)</p>"],
    ["[a](file:///etc/passwd)", "<p>[a](file:///etc/passwd)</p>"],
    ["[a][x]\n\n[x]: javascript:alert(1)", "<p>[a][x]</p>\n<p>[x]: javascript:alert(1)</p>"],
    ["[x]\n\n[x]: &#106;avascript:alert(1)", "<p>[x]</p>\n<p>[x]: javascript:alert(1)</p>"],
    ["ftp://example.dk/fil", "<p>ftp://example.dk/fil</p>"],
  ];
  for (const [source, html] of spellings) {
    it(`shows ${JSON.stringify(source)} as text`, () => {
      expect(render(source)).toBe(html);
    });
  }

  it("never prints an href or src with a script scheme, whatever the spelling", () => {
    const all = spellings.map(([s]) => s).join("\n\n");
    expect(render(all)).not.toMatch(/<a |<img /);
  });
});

describe("renderMarkdown: images", () => {
  it("allows attachments and https images", () => {
    expect(render("![Kort](2024-05-14/kort.png)")).toBe('<p><img src="2024-05-14/kort.png" alt="Kort"></p>');
    expect(render("![Kort](https://www.gladsaxe.dk/kort.png)")).toBe('<p><img src="https://www.gladsaxe.dk/kort.png" alt="Kort"></p>');
  });

  it("shows http, protocol-relative, data: and script images as text", () => {
    expect(render("![Kort](http://example.dk/kort.png)")).toBe("<p>![Kort](http://example.dk/kort.png)</p>");
    expect(render("![Kort](//example.dk/kort.png)")).toBe("<p>![Kort](//example.dk/kort.png)</p>");
    expect(render("![x](data:image/png;base64,AAAA)")).toBe("<p>![x](data:image/png;base64,AAAA)</p>");
    expect(render("![x](javascript:alert(1))")).toBe("<p>![x](javascript:alert(1))</p>");
    expect(render("![x](mailto:a@b.dk)")).toBe("<p>![x](mailto:a@b.dk)</p>");
  });

  it("judges addresses as a browser would read them", () => {
    expect(isSafeLink("https://example.dk")).toBe(true);
    expect(isSafeLink("../2023/2023-11-21.md")).toBe(true);
    expect(isSafeLink("java\u0000script:alert(1)")).toBe(false);
    expect(isSafeLink("%256Aavascript:alert(1)")).toBe(false);
    expect(isSafeLink(" \tjavascript:alert(1)")).toBe(false);
    expect(isSafeImage("/gladsaxe/logo.svg")).toBe(true);
    expect(isSafeImage("http://example.dk/a.png")).toBe(false);
  });
});

describe("renderMarkdown: external links", () => {
  it("keeps http(s), mailto and tel links and bare addresses", () => {
    expect(render("[Gladsaxe](https://www.gladsaxe.dk) og www.gladsaxe.dk")).toBe(
      '<p><a href="https://www.gladsaxe.dk">Gladsaxe</a> og <a href="http://www.gladsaxe.dk">www.gladsaxe.dk</a></p>',
    );
    expect(render("[Skriv](mailto:raad@gladsaxe.dk) eller [ring](tel:+4539575000)")).toBe(
      '<p><a href="mailto:raad@gladsaxe.dk">Skriv</a> eller <a href="tel:+4539575000">ring</a></p>',
    );
  });
});

describe("renderMarkdown: template syntax", () => {
  it("prints {{ }} and {% %} literally, braces as character references", () => {
    expect(render("{{ 7 * 7 }} og {% include 'x' %} og {# kommentar #}")).toBe(
      "<p>&#123;&#123; 7 * 7 &#125;&#125; og &#123;% include 'x' %&#125; og &#123;# kommentar #&#125;</p>",
    );
    expect(render("`{{ x }}`\n\n    {% raw %}")).toBe("<p><code>&#123;&#123; x &#125;&#125;</code></p>\n<pre><code>&#123;% raw %&#125;\n</code></pre>");
    expect(render("[{{x}}](https://example.dk/{{x}})")).toBe('<p><a href="https://example.dk/%7B%7Bx%7D%7D">&#123;&#123;x&#125;&#125;</a></p>');
  });
});

describe("renderMarkdown: headings", () => {
  it("gives headings no ids, so nothing collides with punkt-N or __proto__", () => {
    expect(render("### Sagsfremstilling\n\n### punkt-1\n\n### `__proto__`")).toBe(
      "<h3>Sagsfremstilling</h3>\n<h3>punkt-1</h3>\n<h3><code>__proto__</code></h3>",
    );
    expect(render("### Beslutning {#punkt-2}")).toBe("<h3>Beslutning &#123;#punkt-2&#125;</h3>");
  });
});

describe("renderMarkdown: links to other meetings", () => {
  const archive = archiveOf([
    meeting("gladsaxe", "udsatteraadet", "2023-11-21", { items: [item({ number: 4 })] }),
    meeting("gladsaxe", "udsatteraadet", "2024-05-14", {
      items: [item({ attachments: [{ file: "notat natvarme.pdf", title: "Notat", type: "pdf", size: 1, sourcePath: "/x" }] })],
    }),
  ]);
  const resolveMeetingLink = createMeetingLinkResolver(archive);
  const prefixed: MarkdownContext = { ...context, pathPrefix: "/referater/", resolveMeetingLink };

  it("rewrites a content path relative to the meeting's file to the prefixed address", () => {
    expect(render("[punkt 4](../2023/2023-11-21.md#punkt-4)", prefixed)).toBe(
      '<p><a href="/referater/gladsaxe/udsatteraadet/2023-11-21/#punkt-4">punkt 4</a></p>',
    );
  });

  it("rewrites an address to the prefixed address", () => {
    expect(render("[punkt 4](/gladsaxe/udsatteraadet/2023-11-21/#punkt-4)", prefixed)).toBe(
      '<p><a href="/referater/gladsaxe/udsatteraadet/2023-11-21/#punkt-4">punkt 4</a></p>',
    );
    expect(render("[mødet](/gladsaxe/udsatteraadet/2023-11-21)", prefixed)).toBe('<p><a href="/referater/gladsaxe/udsatteraadet/2023-11-21/">mødet</a></p>');
  });

  it("rewrites a content path from the content root and an attachment path", () => {
    expect(render("[m](/gladsaxe/udsatteraadet/2023/2023-11-21.md)", prefixed)).toBe('<p><a href="/referater/gladsaxe/udsatteraadet/2023-11-21/">m</a></p>');
    expect(render("[notat](2024-05-14/notat%20natvarme.pdf)", prefixed)).toBe(
      '<p><a href="/referater/gladsaxe/udsatteraadet/2024-05-14/notat%20natvarme.pdf">notat</a></p>',
    );
  });

  it("prefixes other site addresses and leaves unknown relative links and fragments alone", () => {
    expect(render("[søg](/soeg/?q=natvarme)", prefixed)).toBe('<p><a href="/referater/soeg/?q=natvarme">søg</a></p>');
    expect(render("[x](../2019/2019-01-01.md) [y](#punkt-2)", prefixed)).toBe('<p><a href="../2019/2019-01-01.md">x</a> <a href="#punkt-2">y</a></p>');
  });

  it("leaves addresses unprefixed under the root prefix and without a resolver", () => {
    expect(render("[m](/gladsaxe/udsatteraadet/2023-11-21/)")).toBe('<p><a href="/gladsaxe/udsatteraadet/2023-11-21/">m</a></p>');
    expect(render("[m](../2023/2023-11-21.md)", { ...context, pathPrefix: "/p/" })).toBe('<p><a href="../2023/2023-11-21.md">m</a></p>');
  });

  it("renders the same without a context as with one", () => {
    expect(renderMarkdown("**Beslutning:** Godkendt.")).toBe("<p><strong>Beslutning:</strong> Godkendt.</p>\n");
  });
});

describe("renderMarkdown: bad-input fixtures", () => {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/trust/markdown");
  const names = readdirSync(dir)
    .filter((name) => name.endsWith(".md"))
    .sort();

  it("has a fixture for every kind of bad input", () => {
    expect(names).toEqual(["headings.md", "images.md", "raw-html.md", "reference-links.md", "script-links.md", "template-syntax.md"]);
  });

  for (const name of names) {
    it(`renders ${name} exactly as ${name.replace(/\.md$/, ".html")}`, () => {
      const source = readFileSync(path.join(dir, name), "utf8");
      const expected = readFileSync(path.join(dir, name.replace(/\.md$/, ".html")), "utf8");
      expect(renderMarkdown(source, context)).toBe(expected);
    });
  }

  it("never lets a script scheme, an event handler or a raw tag through in any fixture", () => {
    for (const name of names) {
      const html = renderMarkdown(readFileSync(path.join(dir, name), "utf8"), context);
      expect(html, name).not.toMatch(/<(script|iframe|style|img[^>]*onerror)|(href|src)="\s*(javascript|vbscript|data|file):/i);
    }
  });
});

describe("table alignment", () => {
  it("becomes a class, not a style attribute (the site's CSP refuses inline styles)", () => {
    expect(renderMarkdown("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n")).toBe(
      '<table>\n<thead>\n<tr>\n<th class="align-left">a</th>\n<th class="align-center">b</th>\n<th class="align-right">c</th>\n</tr>\n</thead>\n' +
        '<tbody>\n<tr>\n<td class="align-left">1</td>\n<td class="align-center">2</td>\n<td class="align-right">3</td>\n</tr>\n</tbody>\n</table>\n',
    );
  });
});
