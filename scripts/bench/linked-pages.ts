// A site of 1,001 pages that link to each other's anchors and have no broken link: the link
// check's correctness test (test/trust/links.test.ts) and its timing (scripts/bench/micro.ts)
// check the same pages.

/** A minimal valid page around `body`. */
export const page = (body: string) => `<!doctype html><html lang="da"><head><title>x</title></head><body>${body}</body></html>`;

/** The site's files by path: a front page linking 1,000 meeting pages of eight items, each linking the next. */
export function linkedPages(): Record<string, string> {
  const files: Record<string, string> = { "index.html": page(Array.from({ length: 1000 }, (_, i) => `<a href="/m/${i}/#punkt-1">${i}</a>`).join("")) };
  for (let i = 0; i < 1000; i++) {
    files[`m/${i}/index.html`] = page(
      `<nav><a href="/">Forside</a><a href="/m/${(i + 1) % 1000}/#punkt-2">næste</a></nav>` +
        Array.from(
          { length: 8 },
          (_, n) => `<section><h2 id="punkt-${n + 1}">${n + 1}</h2><p>${"tekst ".repeat(200)}</p><a href="#punkt-${n + 1}">#</a></section>`,
        ).join(""),
    );
  }
  return files;
}
