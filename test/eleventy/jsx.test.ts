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

  it("with the build's hooks: writes a finished page itself, gives a page in a layout its HTML, and writes every other page by a transform", async () => {
    const calls: unknown[][] = [];
    const written: [string, string, string | undefined][] = [];
    let transform: ((this: { page?: { outputPath?: unknown; inputPath?: unknown } }, content: unknown) => unknown) | undefined;
    registerJsxTemplates(
      {
        addExtension: (...args) => calls.push(args),
        addTemplateFormats: () => {},
        addTransform: (_name, fn) => void (transform = fn),
      },
      {
        prepare: async (data) => ((data as { meetingPage?: unknown }).meetingPage ? { itemHtml: ["<p>punkt</p>"] } : undefined),
        write: async (file, bytes, inputPath) => void written.push([file, bytes.toString("utf8"), inputPath]),
      },
    );
    const [, options] = calls[0] as [string[], { compile: () => (this: unknown, data: unknown) => Promise<unknown> }];
    const render = options.compile();
    const renderer = { defaultRenderer: async (data: { itemHtml?: string[] }) => h("p", null, `punkter: ${data.itemHtml?.length ?? 0}`) };
    // A meeting page gets its items' HTML, is written at once, and leaves Eleventy an empty string.
    const page = { meetingPage: {}, page: { outputPath: "/ud/moede/index.html", inputPath: "./meeting.11ty.tsx" } };
    expect(await render.call(renderer, page)).toBe("");
    expect(written).toEqual([["/ud/moede/index.html", "<p>punkter: 1</p>", "./meeting.11ty.tsx"]]);
    // A page in a layout is not finished: its HTML goes to the layout, nothing is written.
    expect(await render.call(renderer, { layout: "side.11ty.tsx", page: { outputPath: "/ud/om/index.html" } })).toBe("<p>punkter: 0</p>");
    expect(written).toHaveLength(1);
    // The transform writes what is not written yet (the page in its layout), and leaves alone what is.
    expect(await transform!.call({ page: { outputPath: "/ud/om/index.html", inputPath: "./om.md" } }, "<html>om</html>")).toBe("");
    expect(await transform!.call({ page: { outputPath: "/ud/moede/index.html" } }, "")).toBe("");
    expect(written).toEqual([
      ["/ud/moede/index.html", "<p>punkter: 1</p>", "./meeting.11ty.tsx"],
      ["/ud/om/index.html", "<html>om</html>", "./om.md"],
    ]);
  });
});
