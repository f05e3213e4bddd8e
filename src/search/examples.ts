// Example searches for the empty search page, taken from the archive at build time: the words that
// name the most meetings' items, and a phrase from an item's title. Only titles the municipality
// wrote count (not those an editor added, `editorial: [title]`), and only open items.
import type { Kommune } from "../minutes/model.ts";

/** Words of every agenda, which find everything and show nothing of what an archive is about. */
const AGENDA_WORDS = new Set([
  "godkendelse", "dagsorden", "dagsordenen", "referat", "referatet", "eventuelt", "orientering", "orienteringer",
  "meddelelser", "næste", "møde", "mødet", "møder", "punkt", "punkter", "sager", "sagen", "andet", "øvrige",
  "siden", "sidst", "evt", "status", "beslutning", "beslutninger", "drøftelse", "opfølgning", "emner", "plan",
  "velkomst", "velkommen", "præsentation", "godkendt", "udkast", "resten", "forslag",
  "januar", "februar", "marts", "april", "juni", "juli", "august", "september", "oktober", "november", "december",
]);

/** A title's words in lowercase, as written (letters only). */
function titleWords(title: string): string[] {
  return title.toLocaleLowerCase("da").match(/\p{L}+/gu) ?? [];
}

const collator = new Intl.Collator("da");

/**
 * Up to `count` example searches: single words of five letters or more that the most meetings'
 * item titles hold (then those the items' text mentions most; then in Danish alphabetical order),
 * and, when a title holds two such words in a row, the first such pair in that order, as a phrase
 * in quotes. A word that begins another one shown, or is begun by it, is left out.
 */
export function searchExamples(kommuner: readonly Kommune[], count = 4): string[] {
  const words = new Map<string, Set<string>>();
  const pairs = new Map<string, Set<string>>();
  /** How often each word occurs in the open items' text: what the archive says most about. */
  const mentions = new Map<string, number>();
  for (const kommune of kommuner) {
    for (const council of kommune.councils) {
      for (const meeting of council.meetings) {
        const id = `${kommune.slug}/${council.slug}/${meeting.slug}`;
        for (const item of meeting.items) {
          if (item.closed) continue;
          for (const word of titleWords(item.body)) mentions.set(word, (mentions.get(word) ?? 0) + 1);
          if (item.editorial.includes("title")) continue;
          const list = titleWords(item.title);
          for (const [i, word] of list.entries()) {
            if (word.length < 5 || AGENDA_WORDS.has(word)) continue;
            let meetings = words.get(word);
            if (!meetings) words.set(word, (meetings = new Set()));
            meetings.add(id);
            const next = list[i + 1];
            if (next && next.length >= 5 && !AGENDA_WORDS.has(next)) {
              const pair = `${word} ${next}`;
              let seen = pairs.get(pair);
              if (!seen) pairs.set(pair, (seen = new Set()));
              seen.add(id);
            }
          }
        }
      }
    }
  }
  const said = (text: string) => Math.min(...text.split(" ").map((word) => mentions.get(word) ?? 0));
  const ranked = (map: Map<string, Set<string>>) =>
    [...map].sort(([a, x], [b, y]) => y.size - x.size || said(b) - said(a) || collator.compare(a, b)).map(([text]) => text);
  const phrase = ranked(pairs)[0];
  // Words that begin one another ("udsatte", "udsatterådet") find much the same: the first only.
  const examples: string[] = [];
  const taken = phrase ? phrase.split(" ") : [];
  for (const word of ranked(words)) {
    if (examples.length >= (phrase ? count - 1 : count)) break;
    if (taken.some((other) => other.startsWith(word) || word.startsWith(other))) continue;
    examples.push(word);
    taken.push(word);
  }
  if (phrase) examples.push(`"${phrase}"`);
  return examples;
}
