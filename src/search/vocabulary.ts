// The archive's own vocabulary, for the search page's "Mente du …?" (templates/assets/search-core.js
// `suggest`): the words of an index's pages with how often they occur, read from the index Pagefind
// wrote (its fragments hold each page's text) and written beside it as `words.txt`. The search page
// loads it only when a query finds nothing, so a first search with results never pays for it.
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

/** The vocabulary file's name in an index folder. */
export const VOCABULARY_FILE = "words.txt";
/** Changes when what the vocabulary holds changes (part of the index cache's key). */
export const VOCABULARY_VERSION = 1;
/** At most this many words, the most frequent: about 25 KB compressed at its fullest. */
export const VOCABULARY_SIZE = 6000;
/** Shorter words are left out: too many near neighbours for a spelling suggestion to be right. */
export const MIN_WORD_LENGTH = 4;

/** Pagefind writes a fragment as gzip of this signature and the JSON. */
const SIGNATURE = "pagefind_dcd";

/** The words of one page's index text (Pagefind's fragment `content`, with the index's marks, src/search/prepare.ts). */
export function wordsOf(content: string): string[] {
  // The marks are read back as the search page does: a single "^" goes, "^^" is a "^".
  const text = content.replace(/\^\^?/g, (mark) => (mark.length === 2 ? "^" : ""));
  return (text.toLocaleLowerCase("da").match(/\p{L}+/gu) ?? []).filter((word) => word.length >= MIN_WORD_LENGTH);
}

/**
 * The vocabulary of a set of pages' texts: the most frequent words (at most `size`), most frequent
 * first (then alphabetically), as the file's lines `word count`.
 */
export function vocabularyOf(contents: Iterable<string>, size = VOCABULARY_SIZE): string {
  return vocabularyOfWords(
    [...contents].map((content) => wordsOf(content).join(" ")),
    size,
  );
}

/**
 * The words of each fragment (`wordsOf` its text, joined by spaces) by the SHA-256 of the fragment
 * file: what `writeVocabulary` found, for the next time (src/search/cache.ts keeps it).
 */
export type FragmentWords = Map<string, string>;

/** The vocabulary file's text from the words of every page (each joined by spaces), as `vocabularyOf` gives it from their texts. */
function vocabularyOfWords(pages: Iterable<string>, size = VOCABULARY_SIZE): string {
  const counts = new Map<string, number>();
  for (const words of pages) if (words) for (const word of words.split(" ")) counts.set(word, (counts.get(word) ?? 0) + 1);
  const words = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0)).slice(0, size);
  return words.map(([word, count]) => `${word} ${count}\n`).join("");
}

/**
 * Writes the vocabulary of the index in `indexDir` (from its fragments) to `indexDir/words.txt`.
 * `known` holds the words of fragments read before (by the SHA-256 of the fragment file: Pagefind
 * writes an unchanged page's fragment byte for byte again), so that an index made again after one
 * change reads the words of the changed pages only. Returns the words of every fragment of this
 * index, for the next time.
 */
export async function writeVocabulary(indexDir: string, known?: ReadonlyMap<string, string>): Promise<FragmentWords> {
  const folder = join(indexDir, "fragment");
  const names = (await readdir(folder)).filter((name) => name.endsWith(".pf_fragment")).sort();
  const found: FragmentWords = new Map();
  const pages: string[] = [];
  for (const name of names) {
    const bytes = await readFile(join(folder, name));
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    let words = found.get(sha256) ?? known?.get(sha256);
    if (words === undefined) {
      const text = gunzipSync(bytes).toString("utf8");
      const json = text.startsWith(SIGNATURE) ? text.slice(SIGNATURE.length) : text;
      const fragment = JSON.parse(json) as { content?: unknown };
      words = typeof fragment.content === "string" ? wordsOf(fragment.content).join(" ") : "";
    }
    found.set(sha256, words);
    pages.push(words);
  }
  await writeFile(join(indexDir, VOCABULARY_FILE), vocabularyOfWords(pages));
  return found;
}
