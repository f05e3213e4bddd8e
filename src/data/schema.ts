// The open-data record of one meeting (`referat.json`), written once with zod 4. The JSON Schema
// published at /schema/meeting.json is generated from this (src/data/json-schema.ts), and the
// record builder (src/data/record.ts) returns this type, so the file, its type and its schema
// cannot drift. Field values reuse the loader's own rules (src/minutes/schema.ts): dates, times,
// kinds and statuses mean exactly what the content format means by them.
//
// Field names follow OParl 1.1 (https://oparl.org/spezifikation/) where a field means the same:
// Meeting (`name`, `start`, `end`, `location`, `organization`, `agendaItem`, `meetingState`,
// `web`, `modified`, `created`, `license`), AgendaItem (`number`, `order`, `name`, `public`,
// `resolutionText`, `auxiliaryFile`), File (`name`, `fileName`, `mimeType`, `size`,
// `accessUrl`), Organization and Person (`name`). The README maps every field.
import { z } from "zod";
import { EDITORIAL_FIELD_VALUES, ITEM_KIND_VALUES, STATUS_VALUES, dateString } from "../minutes/schema.ts";

/** Danish first, then English: the schema is read by Danish journalists and by OParl tools. */
function describe(da: string, en: string): { description: string } {
  return { description: `${da} / ${en}` };
}

/** A calendar date, as the content format has it (the loader's rule, with its JSON Schema form). */
const date = dateString.meta({ format: "date", pattern: "^\\d{4}-\\d{2}-\\d{2}$", ...describe("Dato (ÅÅÅÅ-MM-DD)", "Date (YYYY-MM-DD)") });
/**
 * A clock time as the loader leaves it: 24-hour `HH:MM`. The loader's own rule (writtenTime) also
 * reads "16.00" and turns it into "16:00", a transform that JSON Schema cannot describe; what
 * reaches the data is always its output, so the record states that output's form.
 */
const time = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
  .meta(describe("Klokkeslæt (TT:MM)", "Time of day (HH:MM)"));

const isoTimestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)$/)
  .meta(describe("Tidspunkt i RFC 3339 med tidszone (Europe/Copenhagen)", "RFC 3339 timestamp with offset (Europe/Copenhagen)"));

/** An address on the site: absolute when the site has a base URL, else site-relative with the path prefix. */
const address = z
  .string()
  .min(1)
  .meta(describe("Adresse på sitet (absolut, når sitet har en base-URL)", "Address on the site (absolute when the site has a base URL)"));

export const personRecordSchema = z
  .strictObject({
    name: z.string().meta(describe("Navn", "Name")),
    organisation: z.string().optional().meta(describe("Organisation, personen repræsenterer", "Organisation the person represents")),
    role: z.string().optional().meta(describe("Rolle, fx formand", "Role, e.g. chair")),
  })
  .meta(describe("En person, som referatet nævner vedkommende", "A person, as the minutes name them"));

export const attendeeRecordSchema = personRecordSchema
  .extend({
    presentFor: z
      .array(z.number().int().positive())
      .optional()
      .meta(describe("Punkter, personen var til stede under, når ikke alle", "Item numbers the person was present for, when not all")),
  })
  .meta(describe("En person til stede", "A person present"));

export const absenteeRecordSchema = personRecordSchema
  .extend({ substitute: personRecordSchema.optional().meta(describe("Stedfortræder", "Substitute")) })
  .meta(describe("En person med afbud", "A person absent with apologies"));

export const fileRecordSchema = z
  .strictObject({
    type: z.literal("https://schema.oparl.org/1.1/File"),
    name: z.string().meta(describe("Bilagets titel", "Title of the attachment")),
    fileName: z.string().meta(describe("Filnavn", "File name")),
    mimeType: z.string().meta(describe("Filtype (MIME)", "MIME type")),
    size: z.number().int().nonnegative().meta(describe("Størrelse i byte", "Size in bytes")),
    sha256Checksum: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .meta(describe("SHA-256 af filen", "SHA-256 of the file")),
    accessUrl: address,
  })
  .meta(describe("En fil (bilag) offentliggjort ved mødet", "A file (attachment) published with the meeting"));

export const unpublishedFileSchema = z
  .strictObject({
    name: z.string().meta(describe("Bilagets titel", "Title of the attachment")),
    published: z.literal(false),
  })
  .meta(describe("Et bilag, der findes, men ikke er offentliggjort", "An attachment that exists but is not published"));

/** What every item has, open or closed: what the page shows of a closed item. */
const itemIdentity = {
  type: z.literal("https://schema.oparl.org/1.1/AgendaItem"),
  id: address,
  number: z.string().meta(describe("Punktets nummer", "The item's number")),
  order: z.number().int().positive().meta(describe("Punktets plads på dagsordenen (1, 2, …)", "Position on the agenda (1, 2, …)")),
  name: z.string().meta(describe("Punktets titel", "The item's title")),
};

export const openItemRecordSchema = z
  .strictObject({
    ...itemIdentity,
    public: z.literal(true),
    kind: z.enum(ITEM_KIND_VALUES).optional().meta(describe("Punkttype", "Kind of item")),
    editorial: z
      .array(z.enum(EDITORIAL_FIELD_VALUES))
      .meta(describe("Felter, som en redaktør har tilføjet, fordi kilden ikke gav dem", "Fields an editor added because the source did not give them")),
    presenters: z.array(personRecordSchema).meta(describe("Oplægsholdere", "Presenters")),
    duration: z.number().int().positive().optional().meta(describe("Afsat tid i minutter", "Minutes allotted")),
    conflicts: z.array(personRecordSchema).meta(describe("Inhabile personer", "Persons with a conflict of interest")),
    follows: z.array(address).meta(describe("Tidligere punkter, dette punkt følger op på", "Earlier items this item follows up")),
    text: z
      .string()
      .meta(
        describe(
          "Punktets referat som tekst, som siden viser det (afsnit adskilt af en tom linje)",
          "The item's minutes as plain text, as the page shows them (paragraphs separated by a blank line)",
        ),
      ),
    auxiliaryFile: z.array(fileRecordSchema),
    unpublishedFiles: z.array(unpublishedFileSchema),
  })
  .meta(describe("Et åbent punkt", "An open agenda item"));

export const closedItemRecordSchema = z
  .strictObject({
    ...itemIdentity,
    public: z.literal(false),
    resolutionText: z
      .string()
      .optional()
      .meta(describe("Den offentlige beslutning, når sekretæren har skrevet en", "The public decision, when the secretary wrote one")),
  })
  .meta(describe("Et lukket punkt: kun nummer, titel og en eventuel offentlig beslutning", "A closed item: only number, title and a public decision if any"));

export const meetingRecordSchema = z
  .strictObject({
    $schema: z.string().meta(describe("Adressen på dette skema", "Address of this schema")),
    type: z.literal("https://schema.oparl.org/1.1/Meeting"),
    id: address.meta(describe("Adressen på denne fil", "Address of this file")),
    web: address.meta(describe("Mødets side", "The meeting's page")),
    name: z.string().meta(describe("Mødets titel", "The meeting's title")),
    meetingState: z.enum(STATUS_VALUES).meta(describe("dagsorden (før mødet) eller referat", "dagsorden (agenda, before the meeting) or referat (minutes)")),
    date: date,
    start: isoTimestamp.optional(),
    end: isoTimestamp.optional(),
    startTime: time.optional().meta(describe("Starttid som skrevet (HH:MM)", "Start time as written (HH:MM)")),
    endTime: time.optional().meta(describe("Sluttid som skrevet (HH:MM)", "End time as written (HH:MM)")),
    location: z
      .strictObject({
        description: z.string().optional().meta(describe("Stedet", "The place")),
        online: z.string().optional().meta(describe("Onlinetjenesten", "The online service")),
      })
      .optional()
      .meta(describe("Hvor mødet blev holdt; fraværende, når kilden ikke oplyser det", "Where the meeting was held; absent when the source does not say")),
    organization: z
      .strictObject({
        type: z.literal("https://schema.oparl.org/1.1/Organization"),
        id: address,
        name: z.string(),
        body: z.strictObject({ name: z.string(), id: address, website: z.string().optional() }),
      })
      .meta(describe("Rådet og kommunen", "The council and the municipality")),
    approved: date.optional().meta(describe("Datoen, referatet blev godkendt", "Date the minutes were approved")),
    attendees: z.array(attendeeRecordSchema),
    absentees: z.array(absenteeRecordSchema),
    staff: z.array(attendeeRecordSchema).meta(describe("Fra forvaltningen", "From the administration")),
    guests: z.array(attendeeRecordSchema),
    minuteTaker: personRecordSchema.optional(),
    agendaItem: z.array(z.union([openItemRecordSchema, closedItemRecordSchema])),
    corrections: z.array(z.strictObject({ date: date, text: z.string() })).meta(describe("Rettelser efter offentliggørelsen", "Corrections after publication")),
    nextMeeting: z
      .strictObject({
        date: date,
        startTime: time.optional(),
        endTime: time.optional(),
        location: z.string().optional(),
        online: z.string().optional(),
        note: z.string().optional(),
      })
      .optional(),
    importedFrom: z
      .strictObject({
        url: z.string().optional(),
        format: z.string().optional(),
        title: z.string().optional(),
        checksum: z.string().optional(),
        file: fileRecordSchema.optional(),
      })
      .optional()
      .meta(describe("Det oprindelige dokument for et importeret møde", "The original document of an imported meeting")),
    created: isoTimestamp
      .optional()
      .meta(describe("Hvornår mødet første gang blev offentliggjort i arkivet", "When the meeting was first published in the archive")),
    modified: isoTimestamp.optional().meta(describe("Hvornår mødet sidst blev ændret", "When the meeting was last changed")),
    license: z.string().optional().meta(describe("Licensen, kommunen har sat for sine data", "The licence the municipality set for its data")),
  })
  .meta({
    title: "referat.json",
    ...describe("Et møde i et kommunalt råd som åbne data (referatarkiv)", "A meeting of a municipal council as open data (referatarkiv)"),
  });

export type PersonRecord = z.infer<typeof personRecordSchema>;
export type AttendeeRecord = z.infer<typeof attendeeRecordSchema>;
export type AbsenteeRecord = z.infer<typeof absenteeRecordSchema>;
export type FileRecord = z.infer<typeof fileRecordSchema>;
export type OpenItemRecord = z.infer<typeof openItemRecordSchema>;
export type ClosedItemRecord = z.infer<typeof closedItemRecordSchema>;
export type MeetingRecord = z.infer<typeof meetingRecordSchema>;

/** The JSON Schema of referat.json (draft 2020-12), as published at /schema/meeting.json. */
export function meetingJsonSchema(id: string): Record<string, unknown> {
  const schema = z.toJSONSchema(meetingRecordSchema, { target: "draft-2020-12", io: "output" }) as Record<string, unknown>;
  return { $id: id, ...schema };
}
