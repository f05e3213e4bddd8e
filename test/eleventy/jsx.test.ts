import { h } from "preact";
import { describe, expect, it } from "vitest";
import { registerJsxTemplates, renderTemplateResult } from "../../src/eleventy/jsx.ts";

describe("the .11ty.tsx extension", () => {
  it("renders a Preact tree to HTML, escaping every string", () => {
    expect(renderTemplateResult(h("p", { title: '"x"' }, "<script>alert(1)</script>"))).toBe('<p title="&quot;x&quot;">&lt;script>alert(1)&lt;/script></p>');
  });

  it("puts a doctype before a whole document only", () => {
    expect(renderTemplateResult(h("html", { lang: "da" }))).toBe('<!doctype html>\n<html lang="da"></html>\n');
    expect(renderTemplateResult("<p>tekst</p>")).toBe("<p>tekst</p>");
  });

  it("registers .11ty.tsx as a JavaScript template whose result is rendered", async () => {
    const calls: unknown[][] = [];
    registerJsxTemplates({
      addExtension: (...args) => calls.push(["addExtension", ...args]),
      addTemplateFormats: (...args) => calls.push(["addTemplateFormats", ...args]),
    });
    const [, extensions, options] = calls[0] as [string, string[], { key: string; compile: () => (this: unknown, data: unknown) => Promise<Buffer> }];
    expect(extensions).toEqual(["11ty.tsx"]);
    expect(options.key).toBe("11ty.js");
    expect(calls[1]).toEqual(["addTemplateFormats", ["11ty.tsx"]]);
    const render = options.compile();
    const html = await render.call({ defaultRenderer: async () => h("h1", null, "Æbler & pærer") }, {});
    expect(Buffer.isBuffer(html)).toBe(true);
    expect(html.toString("utf8")).toBe("<h1>Æbler &amp; pærer</h1>");
  });
});
