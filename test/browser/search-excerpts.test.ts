// Every excerpt the search page shows is the minutes as written: over many queries drawn from the
// example archive (compounds, names, inflected forms, phrases), every excerpt of every result, with
// its marks taken out, is a piece of the linked page's visible text, and every marked word is a
// form of one of the query's words (the same word, an inflection, a longer word it begins, or a
// compound holding it as a part).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDanishLexicon, splitCompound, type Lexicon } from "../../src/search/compounds.ts";
import { buildTestSite, launchBrowser, startStaticServer, type StaticServer } from "./harness.ts";

const CONTENT = join(import.meta.dirname, "../../content");

/** Words and phrases of the example archive: compounds' parts, whole compounds, names, inflections. */
const QUERIES = [
  "udsatte",
  "frikort",
  "bolig",
  "ambassadør",
  "ordning",
  "tandpleje",
  "udspil",
  "strategi",
  "veteranstrategien",
  "møderne",
  "beslutningerne",
  "Værebro",
  "TinaMaria",
  "nødovernatning",
  "budget",
  "borgere",
  "forvaltningen",
  "hjemløse",
  "sekretær",
  "forsamlingshus",
  "politik",
  "årsberetning",
  "sundhed",
  "udvalget",
  "økonomi",
  "Bolbro",
  "Christina",
  "Søren",
  "varmestue",
  "Stiftstidende",
  "psykiatri",
  "indsats",
  "botilbud",
  "frivillig",
  "rådmand",
  "ensomhed",
  "socialt frikort",
  '"socialt frikort"',
  "udsatte borgere",
  "centeret",
];

// Danish inflectional endings (the Snowball stemmer's, and the participles "t"/"te"): what two
// forms of one word may differ by after their common stem.
const ENDINGS = new Set([
  "",
  "e",
  "n",
  "r",
  "s",
  "t",
  "en",
  "er",
  "es",
  "et",
  "ne",
  "te",
  "ede",
  "ene",
  "ens",
  "ere",
  "ers",
  "ets",
  "nes",
  "rne",
  "erne",
  "enes",
  "eren",
  "ernes",
  "erens",
  "hed",
  "heden",
  "heder",
  "ende",
  "endes",
  "ret",
  "rets",
]);

const normalise = (word: string) =>
  word
    .toLocaleLowerCase("da")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]/gu, "");

/** Whether `form` is the query word `term`, an inflection of it, or a longer word that begins with it. */
function isFormOf(form: string, term: string): boolean {
  if (form.startsWith(term)) return true;
  let common = 0;
  while (common < form.length && common < term.length && form[common] === term[common]) common++;
  return common >= 3 && ENDINGS.has(form.slice(common)) && ENDINGS.has(term.slice(common));
}

let lexicon: Lexicon;
/** A marked word's forms: itself and, for a compound, its two parts (as the index splits it). */
function formsOf(marked: string): string[] {
  return marked.split(/\s+/).flatMap((word) => {
    const lower = word.toLocaleLowerCase("da").replace(/[^\p{L}\p{N}]/gu, "");
    const split = splitCompound(lower, lexicon);
    const forms = split ? [lower, lower.slice(0, lower.length - split[1].length), split[1]] : [lower];
    return forms.map(normalise);
  });
}

let dir: string;
let server: StaticServer;
let browser: Browser;
let page: Page;
let reader: Page;
const pageTexts = new Map<string, string>();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "referat-excerpts-"));
  await buildTestSite({ contentDir: CONTENT, outDir: join(dir, "site") });
  server = await startStaticServer(join(dir, "site"), { gzip: true });
  browser = await launchBrowser();
  const context = await browser.newContext();
  page = await context.newPage();
  reader = await context.newPage();
  lexicon = await loadDanishLexicon();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const squash = (text: string) => text.replace(/\s+/g, " ").trim();

/** The visible text of a page (as a reader sees it: `innerText`), white space made single spaces. */
async function visibleText(url: string): Promise<string> {
  const address = url.split("#")[0] ?? url;
  let text = pageTexts.get(address);
  if (text === undefined) {
    await reader.goto(new URL(address, server.url).href);
    text = squash(await reader.evaluate(() => document.body.innerText));
    pageTexts.set(address, text);
  }
  return text;
}

interface Shown {
  url: string;
  title: string;
  text: string;
  marks: string[];
}

/** Every excerpt on the results page (all results shown), with the link it belongs to. */
async function excerpts(query: string): Promise<Shown[]> {
  await page.goto(`${server.url}soeg/?q=${encodeURIComponent(query)}`);
  await page.waitForSelector("[data-search][data-ready]");
  while (await page.locator("[data-more]").isVisible()) {
    const count = await page.locator(".search-result").count();
    await page.locator("[data-more]").click();
    await page.waitForFunction((n) => document.querySelectorAll(".search-result").length > n, count);
  }
  return page.locator(".search-result-excerpt").evaluateAll((nodes) =>
    nodes.map((node) => {
      const link = node.closest("li")?.querySelector("a") ?? node.closest(".search-result")?.querySelector("a");
      return {
        url: link?.getAttribute("href") ?? "",
        text: node.textContent ?? "",
        title: link?.textContent ?? "",
        // An item's hits are marked in its title (the link) and its excerpt.
        marks: [...(link?.querySelectorAll("mark") ?? []), ...node.querySelectorAll("mark")].map((mark) => mark.textContent ?? ""),
      };
    }),
  );
}

describe(`excerpts over ${QUERIES.length} queries`, () => {
  let checked = 0;
  afterAll(() => console.log(`${checked} excerpts checked over ${QUERIES.length} queries`));

  it("are at least 30 queries", () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(QUERIES)("»%s«: each excerpt is text of its page, with only forms of the query's words marked", async (query) => {
    const shown = await excerpts(query);
    expect(shown.length, `no excerpt for »${query}«`).toBeGreaterThan(0);
    const terms = query.replace(/"/g, " ").split(/\s+/).map(normalise).filter(Boolean);
    for (const excerpt of shown) {
      expect(excerpt.url).toMatch(/^\/[a-z-]+\/[a-z-]+\/\d{4}-\d\d-\d\d\/(#punkt-\d+)?$/);
      const text = squash(excerpt.text);
      expect(text.length).toBeGreaterThan(0);
      expect(await visibleText(excerpt.url), `»${query}«: excerpt not on ${excerpt.url}`).toContain(text);
      expect(await visibleText(excerpt.url), `»${query}«: title not on ${excerpt.url}`).toContain(squash(excerpt.title));
      expect(excerpt.marks.length, `»${query}«: nothing marked in »${text}«`).toBeGreaterThan(0);
      for (const mark of excerpt.marks) {
        const forms = formsOf(mark);
        expect(
          forms.some((form) => terms.some((term) => isFormOf(form, term))),
          `»${query}«: »${mark}« marked in »${text}«`,
        ).toBe(true);
      }
      checked++;
    }
  });
});
