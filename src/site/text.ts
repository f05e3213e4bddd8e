// Danish wording of the things a page shows: persons, item kinds, file types and sizes, ranges.
// Pure functions, so the exact text can be tested without rendering a page.
import type { Absentee, Attendee, ItemKind, Person } from "../minutes/model.ts";

/** "Anna Holm (Kirkens Korshær), formand": the form the secretary writes, read back. */
export function formatPerson(person: Person): string {
  let text = person.name;
  if (person.organisation) text += ` (${person.organisation})`;
  if (person.role) text += `, ${person.role}`;
  return text;
}

/** "1–3, 5": item numbers with runs folded into ranges (en dash, as Danish typesetting has it). */
export function formatNumberRanges(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i] as number;
    let last = first;
    while (i + 1 < sorted.length && sorted[i + 1] === last + 1) {
      i += 1;
      last = sorted[i] as number;
    }
    parts.push(first === last ? `${first}` : last === first + 1 ? `${first}, ${last}` : `${first}–${last}`);
    i += 1;
  }
  return parts.join(", ");
}

/** "til stede under punkt 1–3", or "" when the attendee (or guest, or staff member) was there throughout. */
export function formatPresentFor(attendee: Attendee): string {
  if (!attendee.presentFor || attendee.presentFor.length === 0) return "";
  return `til stede under punkt ${formatNumberRanges(attendee.presentFor)}`;
}

/** "stedfortræder: Eva Berg (SAND)", or "" when nobody stood in. */
export function formatSubstitute(absentee: Absentee): string {
  return absentee.substitute ? `stedfortræder: ${formatPerson(absentee.substitute)}` : "";
}

const KIND_LABELS: Record<ItemKind, string> = {
  beslutning: "Beslutning",
  orientering: "Orientering",
  drøftelse: "Drøftelse",
};

/** "Beslutning", "Orientering", "Drøftelse". */
export function formatItemKind(kind: ItemKind): string {
  return KIND_LABELS[kind];
}

/** "PDF", "DOCX": a file type as people name it. */
export function formatFileType(type: string): string {
  return type.toUpperCase();
}

const decimal = new Intl.NumberFormat("da-DK", { maximumFractionDigits: 1 });

/** "24 kB", "1,2 MB", "812 byte": sizes in Danish with decimal units (1 kB = 1000 byte). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} byte`;
  if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1000))} kB`;
  return `${decimal.format(Math.round(bytes / 100_000) / 10)} MB`;
}

/** "1 møde", "3 møder". */
export function formatMeetingCount(count: number): string {
  return `${count} ${count === 1 ? "møde" : "møder"}`;
}

/** "A", "A og B", "A, B og C": names joined as Danish prose (no comma before "og"). */
export function formatList(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} og ${parts[parts.length - 1]}`;
}

/** "v/ Anna Holm (Kirkens Korshær)", "v/ Henning Bentzen og Danny Pedersen": who presents an item; "" for nobody. */
export function formatPresenters(persons: readonly Person[]): string {
  return persons.length === 0 ? "" : `v/ ${formatList(persons.map(formatPerson))}`;
}

/** "30 minutter", "1 minut". */
export function formatDuration(minutes: number): string {
  return `${minutes} ${minutes === 1 ? "minut" : "minutter"}`;
}

/** Opening hours as a sentence: ends with a full stop unless it already ends with punctuation. */
export function formatHours(hours: string): string {
  const text = hours.trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
