import { describe, expect, it } from "vitest";
import { addCompoundParts } from "../../src/search/prepare.ts";

const parts: Record<string, string[]> = {
  socialtandplejen: ["social", "tandplejen"],
  udsatterådet: ["udsatte", "rådet"],
};
const partsOf = (word: string) => parts[word] ?? [];

describe("addCompoundParts", () => {
  it("adds the parts after each compound in the body's text", () => {
    const html = `<html lang="da"><head><title>Socialtandplejen</title></head><body><p>Om <em>Socialtandplejen</em> i dag.</p></body></html>`;
    expect(addCompoundParts(html, partsOf)).toBe(
      `<html lang="da"><head><title>Socialtandplejen</title></head><body><p>Om <em>Socialtandplejen ⟦social tandplejen⟧</em> i dag.</p></body></html>`,
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
        `<p data-pagefind-meta="council">Udsatterådet <b>Udsatterådet</b></p><img alt="x"><p>udsatterådet ⟦udsatte rådet⟧</p></body>`,
    );
  });

  it("returns a page without a body unchanged", () => {
    expect(addCompoundParts("socialtandplejen", partsOf)).toBe("socialtandplejen");
  });
});
