// The meeting front matter, written once with zod 4: strict objects (unknown keys are caught),
// snake_case keys exactly as docs/format.md, "A meeting file". The input types are derived from it; the
// conversion to the camelCase model happens in one place, src/minutes/validate.ts.
// Refinements carry `params.rule`, which src/minutes/validate.ts turns into a Danish message.
import { z } from "zod";
import { isCalendarDate, readClockTime } from "../format/dates.ts";

/** Rules that refinements report; validate.ts has one message per rule. */
export type Rule = "date" | "time" | "presentFor" | "address" | "fileName" | "url" | "person" | "nonEmpty" | "checksum";

const rule = (name: Rule) => ({ params: { rule: name } });

/** A non-empty string. */
export const text = z.string().refine((value) => value.trim() !== "", rule("nonEmpty"));
/** `YYYY-MM-DD`, a real calendar date, kept as a string. */
export const dateString = z.string().refine(isCalendarDate, rule("date"));
/**
 * A clock time as a secretary writes it: "16:00", "16.00" (as the site prints it), or the number
 * YAML makes of an unquoted 16.00; `HH:MM` after validation (src/format/dates.ts readClockTime).
 * A transform, so only for reading the front matter: an output JSON Schema cannot show it.
 */
export const writtenTime = z
  .union([z.string(), z.number()])
  .refine((value) => readClockTime(value) !== undefined, rule("time"))
  .transform((value) => readClockTime(value) ?? String(value));
/** A whole number above zero. */
export const positiveInt = z.number().int().positive();
/** An http(s) address. */
export const urlString = z.string().refine(isWebAddress, rule("url"));

/** True for an absolute http or https address. */
export function isWebAddress(value: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * The address of a meeting on this site, optionally of one of its items:
 * `/<kommune>/<råd>/<yyyy-mm-dd>/` or `…/#punkt-4`. Nothing else: a follow-up is a link on the page,
 * and `//evil.example/x`, `/\\evil.example` or `/%2F%2Fevil` would be a link off the site.
 */
export const MEETING_ADDRESS = /^\/[a-z0-9]+(?:-[a-z0-9]+)*\/[a-z0-9]+(?:-[a-z0-9]+)*\/\d{4}-\d{2}-\d{2}(?:-[1-9]\d*)?\/(?:#punkt-[1-9]\d*)?$/;

/** Whether a follow-up address names a meeting (or an item of one) on this site. */
export function isMeetingAddress(value: string): boolean {
  return MEETING_ADDRESS.test(value);
}

/** `Navn (Organisation), rolle`, an object otherwise. */
const personString = z.string().refine((value) => value.trim() !== "", rule("nonEmpty"));

const personFields = {
  name: text,
  organisation: text.nullish(),
  role: text.nullish(),
};

export const personObject = z.strictObject(personFields);
/** A person as text or as `{name, organisation, role}`. */
export const personSchema = z.union([personString, personObject]);

/** Item numbers: "1-3", "1, 3-5", [1, 3] or 2. */
export const presentForSchema = z.union([
  z.string().refine((value) => /^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$/.test(value), rule("presentFor")),
  z.array(positiveInt),
  positiveInt,
]);

export const attendeeObject = z.strictObject({ ...personFields, present_for: presentForSchema.nullish() });
export const attendeeSchema = z.union([personString, attendeeObject]);
export const absenteeObject = z.strictObject({ ...personFields, substitute: personSchema.nullish() });
export const absenteeSchema = z.union([personString, absenteeObject]);

/** A file name inside the meeting's folder: no folders, not "." or "..". */
export const fileName = z.string().refine((value) => /^[^/\\]+$/.test(value) && value !== "." && value !== "..", rule("fileName"));

/**
 * A file attached to an item. `published: false` lists an attachment that exists but is not
 * published (shown as "ikke offentliggjort"), and then has no `file`.
 */
export const attachmentSchema = z.strictObject({
  file: fileName.nullish(),
  title: text,
  published: z.boolean().nullish(),
});

/** Fields of an item that an editor or the importer wrote because the source did not give them. */
export const EDITORIAL_FIELD_VALUES = ["title", "kind"] as const;

export const ITEM_KIND_VALUES = ["beslutning", "orientering", "drøftelse"] as const;
export const STATUS_VALUES = ["referat", "dagsorden"] as const;

export const itemSchema = z.strictObject({
  title: text,
  kind: z.enum(ITEM_KIND_VALUES).nullish(),
  number: positiveInt.nullish(),
  closed: z.boolean().nullish(),
  public_decision: text.nullish(),
  /** One person, or a list when several present the item together. */
  presenter: z.union([personString, personObject, z.array(personSchema)]).nullish(),
  duration: positiveInt.nullish(),
  attachments: z.array(attachmentSchema).nullish(),
  conflicts: z.array(personSchema).nullish(),
  follows: z.array(z.string().refine(isMeetingAddress, rule("address"))).nullish(),
  /** Which of title and kind were added by an editor, not given by the source. */
  editorial: z.array(z.enum(EDITORIAL_FIELD_VALUES)).nullish(),
});

export const correctionSchema = z.strictObject({ date: dateString, text });

export const nextMeetingSchema = z.strictObject({
  date: dateString,
  start: writtenTime.nullish(),
  end: writtenTime.nullish(),
  venue: text.nullish(),
  online: text.nullish(),
  note: text.nullish(),
});

export const importedFromSchema = z.strictObject({
  url: urlString.nullish(),
  format: text.nullish(),
  title: text.nullish(),
  /** The original document, kept in the meeting's folder and published beside the page. */
  file: fileName.nullish(),
  /** `sha256:<hex>` of the original document as it was imported. */
  checksum: z
    .string()
    .refine((value) => /^sha256:[0-9a-f]{64}$/.test(value), rule("checksum"))
    .nullish(),
});

/** The front matter of a meeting file. */
export const frontMatterSchema = z.strictObject({
  date: dateString,
  start: writtenTime.nullish(),
  end: writtenTime.nullish(),
  venue: text.nullish(),
  online: text.nullish(),
  title: text.nullish(),
  status: z.enum(STATUS_VALUES).nullish(),
  approved: dateString.nullish(),
  attendees: z.array(attendeeSchema),
  absentees: z.array(absenteeSchema).nullish(),
  staff: z.array(attendeeSchema).nullish(),
  guests: z.array(attendeeSchema).nullish(),
  minute_taker: personSchema.nullish(),
  items: z.array(itemSchema).min(1),
  corrections: z.array(correctionSchema).nullish(),
  next_meeting: nextMeetingSchema.nullish(),
  imported_from: importedFromSchema.nullish(),
  /** What the importer was unsure of: each entry is reported by `check` until the secretary removes it. */
  review: z.array(text).nullish(),
  /** Not in the content format's table: numbers that look like CPR numbers but are not (src/trust/cpr.ts). */
  cpr_allow: z.array(text).nullish(),
});

export type FrontMatter = z.output<typeof frontMatterSchema>;
export type ItemInput = z.output<typeof itemSchema>;
export type PersonInput = z.output<typeof personSchema>;

/** The keys each object of the front matter accepts, by path without indexes: for "mente du …?". */
export const KNOWN_KEYS: Record<string, readonly string[]> = {
  "": Object.keys(frontMatterSchema.shape),
  attendees: Object.keys(attendeeObject.shape),
  absentees: Object.keys(absenteeObject.shape),
  "absentees.substitute": Object.keys(personObject.shape),
  staff: Object.keys(attendeeObject.shape),
  guests: Object.keys(attendeeObject.shape),
  minute_taker: Object.keys(personObject.shape),
  items: Object.keys(itemSchema.shape),
  "items.presenter": Object.keys(personObject.shape),
  "items.conflicts": Object.keys(personObject.shape),
  "items.attachments": Object.keys(attachmentSchema.shape),
  corrections: Object.keys(correctionSchema.shape),
  next_meeting: Object.keys(nextMeetingSchema.shape),
  imported_from: Object.keys(importedFromSchema.shape),
};
