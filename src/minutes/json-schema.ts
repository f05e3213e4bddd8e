// The JSON Schema of a meeting file's head, for editors: generated from the same zod schema the
// loader validates with (src/minutes/schema.ts), with a Danish description of every field and
// patterns for what zod checks with refinements (dates, times, file names). Written to
// schema/front-matter.schema.json by `npm run schema`; a test keeps the committed file current.
// Draft-07, because the editor tools that read it (the YAML language server, ajv's default in
// remark-lint-frontmatter-schema) speak draft-07.
import { z } from "zod";
import { frontMatterSchema } from "./schema.ts";

type JsonSchema = { [key: string]: unknown };

const PERSON = "En person: som tekst, Navn (Organisation), rolle, eller med name:, organisation: og role:.";

/** Danish descriptions by field path without list positions; `*.key` applies wherever `key` has none of its own. */
export const FIELD_DESCRIPTIONS: Record<string, string> = {
  "": "Hovedet af en mødefil i referatarkivet: felterne mellem de to linjer med --- øverst i filen. Vejledning: docs/vejledning.md.",
  date: "Mødets dato, ÅÅÅÅ-MM-DD, fx 2024-05-14. Skal passe til filens navn og årsmappen.",
  start: 'Hvornår mødet begynder, fx "16:00" (eller "16.00").',
  end: 'Hvornår mødet slutter, fx "18:00"; efter start.',
  venue: "Mødestedet, fx Medborgerhuset, Torvet 3. Et møde skal have venue eller online (eller begge).",
  online: "Onlinetjenesten, fx Teams eller Zoom, når mødet var online.",
  title: 'Mødets titel. Uden titel: "Referat af møde i <rådet> den <dato>" eller "Dagsorden til møde i …".',
  status: "referat (standard) eller dagsorden (offentliggjort før mødet). En dagsorden bliver til et referat ved at rette denne linje.",
  approved: "Datoen, hvor referatet blev godkendt, ÅÅÅÅ-MM-DD. Ikke på en dagsorden.",
  attendees: "Deltagere: de tilstedeværende medlemmer. Påkrævet; skriv attendees: [], hvis ingen er nævnt.",
  absentees: "Afbud. En person med afbud kan have en stedfortræder (substitute).",
  staff: "Fra forvaltningen: medarbejdere, der deltog.",
  guests: "Gæster og oplægsholdere.",
  minute_taker: `Referent. ${PERSON}`,
  items: "Dagsordenens punkter i rækkefølge. Hvert punkt har et afsnit i filen, der begynder med ## og punktets titel.",
  "items.title": "Punktets titel; gentages i afsnittets overskrift (## titel).",
  "items.kind": "Punkttype: beslutning, orientering eller drøftelse.",
  "items.number": "Punktets nummer, hvis det ikke er dets plads i listen. Numrene skal være forskellige.",
  "items.closed": "true for et lukket punkt: kun nummer, titel og public_decision offentliggøres, og afsnittet skal være tomt.",
  "items.public_decision": "Den offentlige beslutning på et lukket punkt.",
  "items.presenter": "Hvem fremlagde punktet: én person, eller en liste, når flere fremlagde sammen.",
  "items.duration": "Punktets varighed i minutter, et helt tal.",
  "items.attachments": "Bilag. Filen ligger i mappen med mødets dato ved siden af mødefilen. Tilladt: PDF, Word, billeder og tekst.",
  "items.attachments.file": "Bilagets filnavn i mødets mappe, fx notat.pdf (uden mapper).",
  "items.attachments.title": "Bilagets titel, som den vises på siden.",
  "items.attachments.published": "false for et bilag, der ikke er offentliggjort (vises som 'ikke offentliggjort'); så har det ingen file.",
  "items.conflicts": "Personer, der var inhabile under punktet.",
  "items.follows": "Adresser på tidligere punkter, som dette punkt følger op på, fx /eksempelby/udsatteraadet/2023-11-21/#punkt-4.",
  "items.editorial": "Felter, som en redaktør (eller importen) har skrevet, fordi kilden ikke havde dem: title og/eller kind.",
  corrections: "Rettelser efter offentliggørelsen; vises som 'Rettelser' på siden.",
  "corrections.date": "Rettelsens dato, ÅÅÅÅ-MM-DD.",
  "corrections.text": "Hvad der er rettet.",
  next_meeting: "Det næste møde, som det blev varslet.",
  "next_meeting.date": "Det næste mødes dato, ÅÅÅÅ-MM-DD.",
  "next_meeting.start": 'Hvornår det næste møde begynder, fx "16:00".',
  "next_meeting.end": 'Hvornår det næste møde slutter, fx "18:00".',
  "next_meeting.venue": "Det næste mødes sted.",
  "next_meeting.online": "Det næste mødes onlinetjeneste.",
  "next_meeting.note": "En bemærkning om det næste møde.",
  imported_from: "Det oprindelige dokument, for møder, der er importeret.",
  "imported_from.url": "Adressen, dokumentet blev hentet fra (https://…).",
  "imported_from.format": "Dokumentets format, fx pdf, docx eller webside.",
  "imported_from.title": "Dokumentets titel.",
  "imported_from.file": "Det oprindelige dokument i mødets mappe; offentliggøres ved siden af siden.",
  "imported_from.checksum": "sha256: og dokumentets SHA-256, som det blev importeret.",
  review: "Et udkasts liste over det, importen gættede. Hver linje er en fejl, indtil den er gennemset og slettet.",
  cpr_allow: "Tal, der ligner CPR-numre, men ikke er det: de koder, fejlbeskeden fra CPR-tjekket viser.",
  "*.name": "Personens navn.",
  "*.organisation": "Personens organisation.",
  "*.role": "Personens rolle, fx formand.",
  "*.present_for": 'Punkter, personen var til stede under, fx "1-3", "1, 3-5", [1, 3] eller 4.',
  "*.substitute": `Stedfortræderen, der mødte i stedet. ${PERSON}`,
};

/** Patterns for what zod checks with refinements, by the same paths. */
const DATE = "^\\d{4}-\\d{2}-\\d{2}$";
const TIME = "^\\d{1,2}[:.]\\d{2}$";
const FILE = "^[^/\\\\]+$";
const FIELD_PATTERNS: Record<string, string> = {
  date: DATE,
  approved: DATE,
  "corrections.date": DATE,
  "next_meeting.date": DATE,
  start: TIME,
  end: TIME,
  "next_meeting.start": TIME,
  "next_meeting.end": TIME,
  "items.attachments.file": FILE,
  "imported_from.file": FILE,
  "imported_from.checksum": "^sha256:[0-9a-f]{64}$",
  "items.follows": "^/\\S*$",
};

function describe(node: JsonSchema, path: readonly string[], isField: boolean): void {
  const key = path.join(".");
  if (isField) {
    const description = FIELD_DESCRIPTIONS[key] ?? FIELD_DESCRIPTIONS[`*.${path[path.length - 1]}`];
    if (description) node.description = description;
  }
  const pattern = FIELD_PATTERNS[key];
  if (pattern) addPattern(node, pattern);
  const properties = node.properties as Record<string, JsonSchema> | undefined;
  if (properties) for (const [name, child] of Object.entries(properties)) describe(child, [...path, name], true);
  if (node.items && typeof node.items === "object") describe(node.items as JsonSchema, path, false);
  for (const branch of [...((node.anyOf as JsonSchema[] | undefined) ?? []), ...((node.oneOf as JsonSchema[] | undefined) ?? [])])
    describe(branch, path, false);
}

/** A pattern on the string part of a node (a list's entries for `follows`). */
function addPattern(node: JsonSchema, pattern: string): void {
  const types = Array.isArray(node.type) ? node.type : [node.type];
  if (types.includes("string")) node.pattern = pattern;
  else if (node.type === "array" && node.items && typeof node.items === "object") addPattern(node.items as JsonSchema, pattern);
  else for (const branch of (node.anyOf as JsonSchema[] | undefined) ?? []) addPattern(branch, pattern);
}

/**
 * `anyOf: [{type: "string", enum: […]}, {type: "null"}]` (an optional choice) as one node,
 * `{type: ["string", "null"], enum: […, null]}`: an editor then reports one problem, not three.
 */
function mergeNullableEnums(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(mergeNullableEnums);
    return;
  }
  if (typeof node !== "object" || node === null) return;
  const record = node as JsonSchema;
  Object.values(record).forEach(mergeNullableEnums);
  const branches = record.anyOf as JsonSchema[] | undefined;
  if (!branches || branches.length !== 2) return;
  const choice = branches.find((branch) => Array.isArray(branch.enum) && typeof branch.type === "string");
  const nothing = branches.find((branch) => branch.type === "null" && Object.keys(branch).length === 1);
  if (!choice || !nothing) return;
  delete record.anyOf;
  record.type = [choice.type, "null"];
  record.enum = [...(choice.enum as unknown[]), null];
}

/** The JSON Schema of a meeting file's head, with Danish descriptions. */
export function frontMatterJsonSchema(): JsonSchema {
  const generated = z.toJSONSchema(frontMatterSchema, { io: "input", target: "draft-07", unrepresentable: "any" }) as JsonSchema;
  const schema: JsonSchema = { $schema: generated.$schema, title: "Mødefil i referatarkivet", ...generated };
  mergeNullableEnums(schema);
  describe(schema, [], true);
  return schema;
}

/** The committed file's text: the schema as JSON, two-space indented, with a final line break. */
export function frontMatterJsonSchemaText(): string {
  return `${JSON.stringify(frontMatterJsonSchema(), null, 2)}\n`;
}
