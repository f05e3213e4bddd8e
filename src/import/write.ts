// A draft meeting as a content file (front matter in the content format, one `## ` section per
// item), and the draft kommune.yaml or council entry for a municipality or council not yet in the
// content folder. Pure text in and out; src/import/import.ts does the file system.
import * as yaml from "js-yaml";
import { parsePersonText } from "../minutes/parse.ts";
import type { DraftMeeting } from "./extract.ts";
import type { ListedPerson } from "./persons.ts";

/** What the original document became in the draft. */
export interface OriginalInfo {
  format: string;
  title?: string;
  url?: string;
  /** The original's file name in the meeting's folder, when it is published. */
  file?: string;
  checksum: string;
}

function personObject(text: string): Record<string, string> {
  const parsed = parsePersonText(text);
  if (!parsed.ok) return { name: text };
  return { name: parsed.name, ...(parsed.organisation ? { organisation: parsed.organisation } : {}), ...(parsed.role ? { role: parsed.role } : {}) };
}

function absentee(person: ListedPerson): string | Record<string, string> {
  if (!person.substitute) return person.text;
  return { ...personObject(person.text), substitute: person.substitute };
}

/** A person as text, or with `present_for` when they were there for some items only. */
function withPresence(person: ListedPerson): string | Record<string, unknown> {
  const items = person.presentFor;
  if (!items?.length) return person.text;
  return { ...personObject(person.text), present_for: items.length === 1 ? items[0] : ranges(items) };
}

/** Item numbers as the content format writes them: [1, 2, 3, 5] → "1-3, 5". */
function ranges(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let k = 0; k < sorted.length; k++) {
    const from = sorted[k] as number;
    let to = from;
    while (sorted[k + 1] === to + 1) {
      to += 1;
      k += 1;
    }
    parts.push(from === to ? String(from) : `${from}-${to}`);
  }
  return parts.join(", ");
}

/** The meeting file's text: front matter and sections. */
export function renderMeeting(draft: DraftMeeting, original: OriginalInfo, review: readonly string[]): string {
  const front: Record<string, unknown> = { date: draft.date };
  if (draft.start) front.start = draft.start;
  if (draft.end) front.end = draft.end;
  if (draft.venue) front.venue = draft.venue;
  if (draft.online) front.online = draft.online;
  if (draft.status) front.status = draft.status;
  front.attendees = draft.attendees.map(withPresence);
  if (draft.absentees.length) front.absentees = draft.absentees.map(absentee);
  if (draft.staff.length) front.staff = draft.staff.map(withPresence);
  if (draft.guests.length) front.guests = draft.guests.map(withPresence);
  if (draft.minuteTaker) front.minute_taker = draft.minuteTaker;
  front.items = draft.items.map((item) => {
    const entry: Record<string, unknown> = { title: item.title };
    if (item.kind) entry.kind = item.kind;
    if (item.number !== undefined) entry.number = item.number;
    if (item.closed) entry.closed = true;
    if (item.presenter?.length && !item.closed) entry.presenter = item.presenter.length === 1 ? item.presenter[0] : item.presenter;
    if (item.duration) entry.duration = item.duration;
    if (item.editorialTitle) entry.editorial = ["title"];
    return entry;
  });
  front.imported_from = {
    ...(original.url ? { url: original.url } : {}),
    format: original.format,
    ...(original.title ? { title: original.title } : {}),
    ...(original.file ? { file: original.file } : {}),
    checksum: original.checksum,
  };
  if (review.length) front.review = [...review];
  // Times quoted as the content format writes them ("16:00"), so that no YAML reader takes them for numbers.
  const frontText = yaml.dump(front, { lineWidth: -1, schema: yaml.CORE_SCHEMA, noRefs: true }).replace(/^(\s*(?:start|end): )(\d{2}:\d{2})$/gm, '$1"$2"');
  const sections = draft.items.map((item) => [`## ${item.title}`, "", ...item.body].join("\n").trimEnd());
  return `---\n${frontText}---\n\n${sections.join("\n\n")}\n`;
}

/** Lowercase ASCII slug as the content layout writes it: å → aa, ø → oe, æ → ae. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/å/g, "aa")
    .replace(/ø/g, "oe")
    .replace(/æ/g, "ae")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** A name from a slug, as a last resort: "raadet-for-socialt-udsatte" → "Raadet for socialt udsatte". */
export function nameFromSlug(slug: string): string {
  const words = slug.split("-");
  return words.map((word, index) => (index === 0 ? word.charAt(0).toUpperCase() + word.slice(1) : word)).join(" ");
}

/** The words of `texts` that spell `slug` ("Udsatterådet" for udsatteraadet), as the document writes them. */
export function findNameForSlug(slug: string, texts: readonly string[]): string | undefined {
  for (const text of texts) {
    const words = text
      .split(/\s+/)
      .map((word) => word.replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, ""))
      .filter(Boolean);
    for (let length = 1; length <= 7; length++) {
      for (let start = 0; start + length <= words.length; start++) {
        const phrase = words.slice(start, start + length).join(" ");
        if (slugify(phrase) === slug) return phrase.charAt(0).toUpperCase() + phrase.slice(1);
      }
    }
  }
  return undefined;
}

/** The municipality's name and where it came from. */
export function guessKommuneName(slug: string, draft: DraftMeeting): { name: string; from: string } {
  const named = [...draft.kommuneNames, draft.contact.kommune]
    .filter((name): name is string => !!name)
    .find((name) => slugify(name.replace(/ Kommune$/, "")) === slug);
  if (named) return { name: named, from: "dokumentet" };
  return { name: `${nameFromSlug(slug)} Kommune`, from: `mappenavnet "${slug}"` };
}

/** The council's name and where it came from. */
export function guessCouncilName(slug: string, draft: DraftMeeting, texts: readonly string[]): { name: string; from: string } {
  const found = findNameForSlug(slug, [draft.councilName ?? "", draft.title ?? "", ...texts]);
  if (found) return { name: found, from: "dokumentet" };
  return { name: nameFromSlug(slug), from: `mappenavnet "${slug}"` };
}

/** A council's review lines for kommune.yaml. */
function councilReview(slug: string, council: { name: string; from: string }): string {
  return `Rådets navn "${council.name}" (${slug}) er gættet ud fra ${council.from} ved importen; ret det, hvis rådet hedder noget andet.`;
}

/** A new kommune.yaml for a municipality that is not yet in the content folder. */
export function renderKommuneDraft(
  kommuneSlug: string,
  raadSlug: string,
  kommune: { name: string; from: string },
  council: { name: string; from: string },
  contact: DraftMeeting["contact"],
): string {
  const data: Record<string, unknown> = { name: kommune.name };
  const contactData: Record<string, string> = {};
  if (contact.address) contactData.address = contact.address;
  if (contact.phone) contactData.phone = contact.phone;
  if (contact.email) contactData.email = contact.email;
  if (contact.cvr) contactData.cvr = contact.cvr;
  if (Object.keys(contactData).length) data.contact = contactData;
  data.councils = { [raadSlug]: { name: council.name } };
  const review = [
    `Kommunens navn "${kommune.name}" er gættet ud fra ${kommune.from} ved importen; ret det, hvis kommunen hedder noget andet.`,
    councilReview(raadSlug, council),
    "Skriv kommunens tilgængelighedserklæring (accessibility_statement) og farve (look: colour), som er påkrævet.",
  ];
  if (Object.keys(contactData).length) {
    review.push("Kontaktoplysningerne er læst fra bunden af den importerede side; kontrollér dem, eller slet dem.");
  }
  data.review = review;
  const body = yaml.dump(data, { lineWidth: -1, schema: yaml.CORE_SCHEMA, noRefs: true });
  return [
    `# Udkast til ${kommuneSlug}/kommune.yaml, skrevet af referat import.`,
    "# Udfyld det, der mangler, og slet linjerne under review, når du har kontrolleret dem.",
    "# accessibility_statement: https://was.digst.dk/…   (påkrævet: kommunens tilgængelighedserklæring)",
    "# look:",
    '#   colour: "#1d4f7a"                          (påkrævet: kommunens farve, mindst 4,5:1 mod hvid)',
    body,
  ].join("\n");
}

/**
 * kommune.yaml with a new council added under `councils:` and a review line, keeping the file's
 * own text and comments. Undefined when the file is not laid out so that the entry can be added
 * safely (the caller then reports it instead).
 */
export function addCouncilToKommune(source: string, raadSlug: string, council: { name: string; from: string }): string | undefined {
  const lines = source.replace(/\r\n/g, "\n").split("\n");
  const councilsLine = lines.findIndex((line) => /^councils:\s*$/.test(line));
  if (councilsLine === -1) return undefined;
  const firstEntry = lines.slice(councilsLine + 1).find((line) => /^\s+\S/.test(line) && !/^\s*#/.test(line));
  const indent = firstEntry ? (/^(\s+)/.exec(firstEntry)?.[1] ?? "  ") : "  ";
  const entry = [`${indent}${raadSlug}:`, `${indent}${indent}name: ${JSON.stringify(council.name)}`];
  lines.splice(councilsLine + 1, 0, ...entry);
  const reviewLine = lines.findIndex((line) => /^review:\s*$/.test(line));
  const note = `  - ${JSON.stringify(councilReview(raadSlug, council))}`;
  if (reviewLine === -1) {
    while (lines.length && lines[lines.length - 1] === "") lines.pop();
    lines.push("review:", note, "");
  } else lines.splice(reviewLine + 1, 0, note);
  const result = lines.join("\n");
  try {
    const parsed = yaml.load(result, { schema: yaml.CORE_SCHEMA }) as { councils?: Record<string, unknown> } | null;
    if (!parsed?.councils || !(raadSlug in parsed.councils)) return undefined;
  } catch {
    return undefined;
  }
  return result;
}
