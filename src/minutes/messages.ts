// The one catalogue of Danish messages for content problems. Every message says what was expected,
// what was found and, where it helps, what to do. Kept in one place so the wording stays
// consistent and tests can assert it. No "Fejl:" prefix: the line format already says where.

import { ATTACHMENT_EXTENSIONS, type AttachmentBytesProblem, type AttachmentNameProblem } from "../trust/attachments.ts";
import type { SvgProblem } from "../trust/svg.ts";

/** A name for the file saved as PDF: `notat.html` → `notat.pdf`, `.htaccess` → `notat.pdf`. */
function asPdf(file: string): string {
  const stem =
    file
      .replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/g, "")
      .replace(/^\.+/, "")
      .split(".")[0]
      ?.trim() ?? "";
  if (stem === "") return "notat.pdf";
  return stem.toLowerCase() === "index" ? `bilag-${stem}.pdf` : `${stem}.pdf`;
}

function svgLogoMessage(file: string, problem: SvgProblem): string {
  const where = `logoet '${file}' (linje ${problem.line})`;
  const fix = "En SVG-fil kan køre kode på sitet, så logoet må kun tegne: fjern det fra filen, eller gem logoet som PNG";
  switch (problem.kind) {
    case "notSvg":
      return `logoet '${file}' er ikke en SVG-fil (den skal begynde med <svg xmlns="http://www.w3.org/2000/svg">); gem logoet igen som SVG eller PNG`;
    case "declaration":
      return `${where} har en DOCTYPE- eller ENTITY-erklæring, som kan hente andre filer ind. ${fix}`;
    case "instruction":
      return `${where} har behandlingsinstruktionen <?${problem.name} …?>, som kan hente andre filer ind. ${fix}`;
    case "element":
      return `${where} indeholder elementet <${problem.name}>, som kan køre kode, hente noget udefra eller vise en side. ${fix}`;
    case "namespace":
      return `${where} indeholder ${problem.name} inde i SVG'en. ${fix}`;
    case "handler":
      return `${where} har hændelsen ${problem.name}=…, som kører kode. ${fix}`;
    case "reference":
      return `${where} henviser til en anden fil eller adresse (${problem.name}=${quote(problem.value)}); kun henvisninger inden for logoet (#navn) er tilladt. ${fix}`;
    case "scheme":
      return `${where} har en javascript:- eller data:-adresse i ${problem.name}. ${fix}`;
    case "css":
      return `${where} har CSS med '${problem.what}', som kan hente noget udefra eller køre kode. ${fix}`;
  }
}

function attachmentNameMessage(file: string, problem: AttachmentNameProblem): string {
  const allowed = `Tilladte filtyper: ${ATTACHMENT_EXTENSIONS.join(", ")}`;
  switch (problem.kind) {
    case "hidden":
      return `filnavnet '${file}' begynder med punktum; sådan en fil (fx .htaccess) styrer webserveren og kan ikke offentliggøres. Gem bilaget som PDF med et almindeligt navn, fx ${asPdf(file)}`;
    case "trailing":
      return `filnavnet '${file}' ender med punktum eller mellemrum, som nogle webservere fjerner, så filen får en anden type; omdøb filen, så navnet ender med filtypen, fx ${asPdf(file)}`;
    case "control":
      return `filnavnet '${file}' indeholder usynlige tegn eller styretegn; omdøb filen med almindelige bogstaver, fx ${asPdf(file)}`;
    case "noExtension":
      return `filnavnet '${file}' har ingen filtype, så det er uvist, hvordan en browser viser den; gem bilaget som PDF, fx ${asPdf(file)}. ${allowed}`;
    case "executed":
      return `filer af typen .${problem.extension} kan ikke offentliggøres: en browser eller webserver kan vise dem som en side eller køre kode fra dem på sitet. Gem bilaget som PDF, fx ${asPdf(file)}, og skriv det nye filnavn her. ${allowed}`;
    case "innerExecuted":
      return `filnavnet '${file}' indeholder '.${problem.extension}', som nogle webservere kører som kode, også midt i navnet; omdøb filen uden '.${problem.extension}', fx ${asPdf(file)}`;
    case "notAllowed":
      return `filer af typen .${problem.extension} kan ikke offentliggøres som bilag; gem bilaget som PDF, fx ${asPdf(file)}, og skriv det nye filnavn her. ${allowed}`;
    case "reserved":
      return `filnavnet '${file}' bruges af sitet selv, så bilaget ville erstatte en af sitets filer; omdøb det, fx til bilag-${file.replace(/^\.+/, "")}`;
  }
}

/** How a YAML value reads in a message: `"6. sept"`, `et tal (12)`, `en liste`. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return "tom";
  if (typeof value === "string") return value === "" ? "tom" : quote(value);
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "ikke et tal (.nan)";
    if (!Number.isFinite(value)) return `uendelig (${value > 0 ? "" : "-"}.inf)`;
    return `et tal (${value})`;
  }
  if (typeof value === "boolean") return `${value ? "true" : "false"} (ja/nej)`;
  if (Array.isArray(value)) return "en liste";
  return "en gruppe af felter";
}

/** A string value in double quotes, shortened when long. */
export function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return `"${oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine}"`;
}

/** What a schema kind is called in Danish. */
export const EXPECTED_KIND = {
  string: "en tekst",
  number: "et tal",
  int: "et helt tal",
  boolean: "true eller false",
  array: "en liste",
  object: "en gruppe af felter (navn: værdi)",
  person: "en person, som tekst (Navn (Organisation), rolle) eller med name:",
  persons: "en person (Navn (Organisation), rolle, eller med name:) eller en liste af personer",
  presentFor: 'punktnumre som "1-3", "1, 3-5" eller [1, 3]',
} as const;
export type ExpectedKind = keyof typeof EXPECTED_KIND;

function list(values: readonly string[], last = "eller"): string {
  if (values.length <= 1) return values.join("");
  return `${values.slice(0, -1).join(", ")} ${last} ${values[values.length - 1]}`;
}

function kb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

const YAML_REASONS: Record<string, string> = {
  "bad indentation of a mapping entry": "forkert indrykning; felter på samme niveau skal stå lige under hinanden",
  "bad indentation of a sequence entry": "forkert indrykning af et punkt i en liste (- …)",
  "deficient indentation": "for lidt indrykning, eller en liste eller et citat er ikke lukket",
  "tab characters must not be used in indentation": "brug mellemrum, ikke tabulator, til indrykning",
  "end of the stream or a document separator is expected": "uventet tekst her; tjek indrykningen, og at hvert felt har formen 'navn: værdi'",
  "can not read a block mapping entry; a multiline key may not be an implicit key":
    "en linje mangler kolon, eller en værdi fortsætter på næste linje uden indrykning",
  "unexpected end of the stream within a double quoted scalar": 'et citationstegn (") er ikke lukket',
  "unexpected end of the document within a double quoted scalar": 'et citationstegn (") er ikke lukket',
  "unexpected end of the stream within a single quoted scalar": "et citationstegn (') er ikke lukket",
  "unexpected end of the document within a single quoted scalar": "et citationstegn (') er ikke lukket",
  "unexpected end of the stream within a flow collection": "en liste i [ ] eller { } er ikke lukket",
  "missed comma between flow collection entries": "der mangler et komma mellem værdierne i [ ] eller { }",
  "can not read an implicit mapping pair; a colon is missed": "der mangler et kolon efter feltnavnet",
  "expected a comment or a line break": "uventet tekst efter værdien; sæt hele værdien i citationstegn",
  "a line break is expected": "der mangler et linjeskift her",
  "incomplete explicit mapping pair; a key node is missed; or followed by a non-tabulated empty line":
    "et felt mangler sit navn, eller der står et '?' eller ':' forkert",
  "expected ':' after a mapping key": "der mangler et kolon efter feltnavnet",
  "a whitespace character is expected after the key-value separator within a block mapping": "der skal være et mellemrum efter kolon",
  "unknown escape sequence": "ukendt \\-tegn i tekst i dobbelte citationstegn; brug enkelte citationstegn (')",
  "the stream contains non-printable characters": "filen indeholder usynlige kontroltegn; slet dem",
  "nesting exceeded maxDepth (50)": "for mange niveauer af indrykning",
};

/** The catalogue. Each entry returns the message text for one kind of problem. */
export const messages = {
  // Files, encodings and sizes.
  notUtf8: (line: number) =>
    `filen er ikke gemt som UTF-8: linje ${line} har tegn, der ikke kan læses (fx æ, ø eller å gemt som Latin-1 eller Windows-1252); gem filen som UTF-8 i din editor`,
  fileTooLarge: (size: number, cap: number, what: string) => `filen er for stor (${kb(size)}); ${what} må højst fylde ${kb(cap)}`,
  meetingTooLargeHint: "læg store dokumenter som bilag",
  frontMatterTooLarge: (size: number, cap: number) => `filens hoved (felterne mellem ---) er for stort (${kb(size)}); det må højst fylde ${kb(cap)}`,
  noFrontMatter: "filen skal begynde med sit hoved: en linje med ---, felterne (date: …, items: …) og en linje med ---",
  frontMatterNotClosed: "filens hoved slutter ikke: der mangler en linje med --- efter felterne",
  notMapping: (found: unknown) => `skal bestå af felter som 'date: 2023-09-06', men er ${describeValue(found)}`,
  unreadable: (reason: string) => `filen kan ikke læses (${reason})`,

  // YAML.
  // js-yaml's reasons are English: a known one is said in Danish, any other as a Danish hint alone.
  yamlSyntax: (reason: string) =>
    `YAML-fejl: ${YAML_REASONS[reason] ?? "teksten her kan ikke læses som YAML; tjek indrykningen, at hvert felt har formen 'navn: værdi', og at citationstegn og parenteser er lukket"}`,
  yamlColonInValue: (key: string, value: string, quoted: string) =>
    `YAML-fejl: værdien af '${key}' indeholder et kolon (${quote(value)}), så den læses som et nyt felt; sæt hele værdien i anførselstegn: ${key}: ${quoted}`,
  yamlDuplicateKey: (key: string) => `feltet '${key}' står to gange; slet det ene`,
  yamlAnchor: (text: string) => `YAML-ankre og -henvisninger (${text}) er ikke tilladt; skriv værdien ud, hver gang den bruges`,
  yamlTag: (text: string) => `YAML-mærker (${text}) er ikke tilladt; skriv værdien som almindelig tekst`,

  // Schema.
  missing: (hint?: string) => `feltet mangler${hint ? `; ${hint}` : ""}`,
  unknownKey: (key: string, suggestion: string | undefined, known: readonly string[]) =>
    suggestion ? `ukendt felt '${key}'; mente du '${suggestion}'?` : `ukendt felt '${key}'; tilladte felter: ${known.join(", ")}`,
  wrongKind: (expected: ExpectedKind | readonly ExpectedKind[], found: unknown) =>
    `skal være ${list((Array.isArray(expected) ? expected : [expected]).map((kind: ExpectedKind) => EXPECTED_KIND[kind]))}, men er ${describeValue(found)}`,
  emptyList: (hint: string) => `skal have mindst ${hint}, men er tom`,
  emptyText: "må ikke være tom",
  notPositiveInt: (found: unknown) => `skal være et helt tal større end 0, men er ${describeValue(found)}`,
  badDate: (found: unknown) => `skal være en dato som 2023-09-06, men er ${describeValue(found)}`,
  impossibleDate: (value: string) => `skal være en rigtig dato, men ${value} findes ikke i kalenderen`,
  badTime: (found: unknown) => `skal være et klokkeslæt som "16:00" eller "16.00", men er ${describeValue(found)}`,
  impossibleTime: (value: string) => `skal være et klokkeslæt mellem 00:00 og 23:59, men er ${value}`,
  badChoice: (allowed: readonly string[], found: unknown, suggestion?: string) =>
    `skal være ${list(allowed.map((v) => `'${v}'`))}, men er ${describeValue(found)}${suggestion ? `; mente du '${suggestion}'?` : ""}`,
  badPerson: (found: string, reason: "paren" | "name") =>
    reason === "paren"
      ? `personen ${quote(found)} har en '(' uden ')'; skriv Navn (Organisation), rolle`
      : `personen ${quote(found)} mangler et navn; skriv Navn (Organisation), rolle`,
  tooBig: (found: unknown) => `skal være et helt tal af rimelig størrelse, men er ${describeValue(found)}, som er for stort`,
  invalidValue: (found: unknown) => `ugyldig værdi: ${describeValue(found)}`,
  presentForReversed: (range: string, from: number, to: number) =>
    `intervallet "${range}" går baglæns; skriv det mindste punktnummer først, fx "${to}-${from}"`,
  badPresentFor: (found: unknown) => `skal være punktnumre som "1-3", "1, 3-5" eller [1, 3], men er ${describeValue(found)}`,
  badAddress: (found: unknown) => `skal være en adresse på sitet som /eksempelby/udsatteraadet/2023-11-21/#punkt-4, men er ${describeValue(found)}`,
  badFileName: (found: unknown) => `skal være et filnavn uden mapper, fx notat.pdf, men er ${describeValue(found)}`,
  badUrl: (found: unknown) => `skal være en webadresse, der begynder med https://, men er ${describeValue(found)}`,
  badEmail: (found: unknown) => `skal være en e-mailadresse som kommunen@eksempelby.dk, men er ${describeValue(found)}`,
  badCvr: (found: unknown) => `skal være et CVR-nummer på 8 cifre, fx "12345678", men er ${describeValue(found)}`,
  badColour: (found: unknown) => `skal være en farve som "#1d4f7a" (# og 6 hexcifre), men er ${describeValue(found)}`,
  lowContrast: (colour: string, ratio: number, suggestion: string) =>
    `farven ${colour} har kun kontrast ${ratio.toFixed(2).replace(".", ",")}:1 mod hvid, men skal have mindst 4,5:1 (WCAG AA), så tekst og knapper kan læses; vælg en mørkere farve, fx ${suggestion}`,
  badLogoType: (found: string) => `logoet skal være en svg-, png-, jpg- eller webp-fil, men er ${quote(found)}`,
  missingLogo: (file: string, folder: string) => `logoet '${file}' findes ikke i ${folder}/`,
  unsafeLogo: (file: string, problem: SvgProblem) => svgLogoMessage(file, problem),
  logoBytes: (file: string, problem: AttachmentBytesProblem) =>
    problem.kind === "markup"
      ? `logoet '${file}' begynder som en webside eller SVG, ikke som sin filtype; en browser kan vise det som en side og køre kode fra det. Gem logoet igen som PNG`
      : `logoet '${file}' er ikke en ${problem.label}-fil, som navnet siger; gem det igen som ${problem.label} eller PNG`,
  badSlug: (found: string) => `skal være små bogstaver a-z, cifre og bindestreger (aa for å, oe for ø, ae for æ), men er ${quote(found)}`,

  // Rules across fields of one meeting.
  endBeforeStart: (start: string, end: string) => `mødet slutter (${end}) før det begynder (${start}); ret start eller end`,
  approvedAgenda: "en dagsorden kan ikke være godkendt; fjern approved, eller skriv status: referat",
  noVenue: "mødet skal have et sted (venue: Medborgerhuset) eller en onlinetjeneste (online: Zoom), eller begge",
  attachmentWithoutFile:
    "bilaget mangler file: skriv filens navn i mødets mappe, fx file: notat.pdf, eller published: false for et bilag, der ikke er offentliggjort",
  unpublishedWithFile:
    "et bilag med published: false offentliggøres ikke og har ingen fil; fjern file, eller fjern published: false for at offentliggøre filen",
  editorialKindWithoutKind: "editorial nævner kind, men punktet har ingen kind; fjern kind fra editorial, eller skriv punktets kind",
  editorialTwice: (field: string) => `editorial nævner '${field}' to gange; skriv det én gang`,
  reviewEntry: (entry: string) =>
    `udkastet skal gennemses: ${quote(entry)}. Sammenlign med det oprindelige dokument, ret det, der er forkert, og slet så linjen fra review`,
  badChecksum: (found: unknown) => `skal være "sha256:" og 64 små hexcifre, men er ${describeValue(found)}`,
  presentAndAbsent: (name: string, list = "attendees") => `'${name}' står både under ${list} og absentees; en person kan kun være én af delene`,
  personTwice: (name: string, first: string) =>
    `'${name}' står allerede under ${first}; skriv hver person én gang (en person, der kun var med under nogle punkter, får present_for)`,
  duplicateNumber: (number: number, position: number, title?: string) =>
    `punktnummer ${number} er allerede brugt af det ${position}. punkt i listen${title ? ` ('${title}')` : ""}; hvert punkt skal have sit eget nummer`,
  presentForUnknown: (missing: readonly number[], known: readonly number[]) =>
    `${missing.length === 1 ? "punkt" : "punkterne"} ${list(missing.map(String), "og")} findes ikke; mødets punkter er ${list(known.map(String), "og")}`,
  closedWithField: (field: "attachments" | "presenter" | "conflicts") =>
    `et lukket punkt må ikke have ${{ attachments: "bilag", presenter: "en oplægsholder", conflicts: "inhabilitet" }[field]}; fjern feltet (indholdet kan være offentligt)`,
  closedWithBody: (number: number, title: string) =>
    `punkt ${number} '${title}' er lukket, så afsnittet skal være tomt; fjern teksten fra filen (indholdet kan være offentligt), og skriv en eventuel offentlig beslutning i public_decision`,
  publicDecisionOnOpen: "public_decision hører kun til lukkede punkter; skriv beslutningen i punktets afsnit, eller skriv closed: true",

  // Sections of the body.
  textBeforeSections: "tekst før det første afsnit er ikke tilladt; begynd med ## og punktets titel, og flyt teksten ind under et punkt",
  levelOneHeading: "en overskrift med ét # er ikke tilladt i referatet; brug ## for punkter og ### for underoverskrifter",
  nestedSectionHeading:
    "en ##-overskrift inde i en liste eller et citat er ikke tilladt: ## begynder et punkt og skal stå først på linjen; brug ### for en underoverskrift",
  sectionMismatch: (heading: string, number: number, title: string) =>
    `afsnittet '## ${heading}' passer ikke til punkt ${number} '${title}' i filens hoved; overskriften skal gentage punktets titel`,
  sectionOutOfOrder: (heading: string, number: number, position: number) =>
    `afsnittet '## ${heading}' hører til punkt ${number}, men står som afsnit nr. ${position}; afsnittene skal stå i samme rækkefølge som punkterne`,
  sectionExtra: (heading: string) => `afsnittet '## ${heading}' svarer ikke til noget punkt i filens hoved; tilføj punktet under items, eller ret overskriften`,
  sectionMissing: (number: number, title: string) => `punkt ${number} '${title}' har intet afsnit; tilføj '## ${title}' i referatet`,

  // The content layout and rules across files.
  fileDateMismatch: (date: string, fileName: string) => `datoen ${date} passer ikke til filnavnet ${fileName}; ret datoen eller omdøb filen`,
  yearFolderMismatch: (year: string, folder: string) => `filen ligger i mappen ${folder}, men mødet er fra ${year}; flyt den til mappen ${year}`,
  badMeetingFileName: (name: string) => `filnavnet '${name}' skal være mødets dato, fx 2023-09-06.md (eller 2023-09-06-2.md for dagens andet møde)`,
  badYearFolder: (name: string) => `mappen '${name}' skal hedde et årstal, fx 2023, og indeholde årets møder`,
  meetingOutsideLayout: (expected: string) => `et møde skal ligge som ${expected}`,
  strayFile: (name: string, expected: string) => `filen '${name}' ligger forkert; ${expected}`,
  orphanAttachmentFolder: (name: string) => `mappen '${name}' med bilag hører ikke til noget møde; der findes ingen ${name}.md ved siden af`,
  duplicateAddress: (url: string, other: string) =>
    `mødet får samme adresse (${url}) som ${other}; to møder kan ikke have samme adresse, så ret datoen eller filnavnet`,
  unknownCouncil: (raad: string, kommuneFile: string, known: readonly string[]) =>
    `rådet '${raad}' findes ikke i ${kommuneFile}; kendte råd: ${known.length ? known.join(", ") : "(ingen)"}. ` +
    `Er det et nyt råd, så tilføj det under councils: i ${kommuneFile} med to linjer, "  ${raad}:" og "    name: Rådets navn" (som navnet skal stå på sitet); ` +
    `ellers ret mappens navn`,
  missingKommuneFile: (folder: string) => `kommunen ${folder}/ mangler sin kommune.yaml med navn, farve, tilgængelighedserklæring og råd`,
  missingAttachment: (file: string, folder: string) => `bilaget '${file}' findes ikke; læg filen i mappen ${folder}/`,
  // Attachments that must not be published as they are (src/trust/attachments.ts).
  attachmentName: (file: string, problem: AttachmentNameProblem) => attachmentNameMessage(file, problem),
  attachmentSameName: (file: string, other: string) =>
    `bilaget '${file}' har samme navn som '${other}', når man ser bort fra store og små bogstaver og fra, hvordan et tegn som å er skrevet (som ét tegn eller som a med ring); på mange webservere er det én og samme fil, så det ene ville erstatte det andet. Giv bilagene forskellige navne`,
  attachmentBytes: (file: string, problem: AttachmentBytesProblem) =>
    problem.kind === "markup"
      ? `filen '${file}' begynder som en webside (HTML, SVG eller XML), ikke som sin filtype; en browser kan vise den som en side og køre kode fra den. Åbn filen, og gem den igen som PDF`
      : `filen '${file}' er ikke en ${problem.label}-fil, som navnet siger; åbn den, og gem den igen som ${problem.label}${problem.label === "PDF" ? "" : " eller som PDF"}`,
  missingContent: (dir: string) => `mappen med indhold findes ikke: ${dir}; angiv den med --content MAPPE`,
  noKommune: (slug: string) => `kommunen '${slug}' findes ikke i indholdet`,
} as const;

/** Hints for missing required fields, keyed by field path without indexes (`items.title`). */
export const MISSING_HINTS: Record<string, string> = {
  date: "skriv mødets dato, fx date: 2023-09-06",
  attendees: "skriv deltagerne som en liste, eller attendees: [] hvis ingen er nævnt",
  items: "skriv dagsordenens punkter som en liste under items:",
  "items.title": "skriv punktets titel, fx title: Godkendelse af dagsorden",
  "attachments.file": "skriv bilagets filnavn, fx file: notat.pdf",
  "attachments.title": "skriv bilagets titel, fx title: Notat om natvarme",
  "corrections.date": "skriv rettelsens dato, fx date: 2024-06-12",
  "corrections.text": "skriv, hvad der er rettet",
  "next_meeting.date": "skriv det næste mødes dato, fx date: 2024-06-11",
  name: "skriv navnet",
  accessibility_statement: "skriv adressen på kommunens tilgængelighedserklæring (webtilgængelighedsloven)",
  look: 'skriv look: med colour: og kommunens farve, fx colour: "#1d4f7a"',
  "look.colour": 'skriv kommunens farve, fx colour: "#1d4f7a"',
  councils: "skriv mindst ét råd under councils:",
  "councils.name": "skriv rådets navn, fx name: Udsatterådet",
};

/** Danish words a secretary may type for an English key: suggested when the key is unknown. */
export const DANISH_KEY_NAMES: Record<string, string> = {
  dato: "date",
  sted: "venue",
  titel: "title",
  deltagere: "attendees",
  afbud: "absentees",
  fravaerende: "absentees",
  fraværende: "absentees",
  gaester: "guests",
  gæster: "guests",
  referent: "minute_taker",
  punkter: "items",
  dagsorden: "items",
  bilag: "attachments",
  rettelser: "corrections",
  navn: "name",
  rolle: "role",
  organisation: "organisation",
  organization: "organisation",
  farve: "colour",
  color: "colour",
  lukket: "closed",
  beslutning: "public_decision",
  inhabil: "conflicts",
  inhabilitet: "conflicts",
  varighed: "duration",
  nummer: "number",
  type: "kind",
  stedfortraeder: "substitute",
  telefon: "phone",
  adresse: "address",
  medlemmer: "members",
  beskrivelse: "description",
  hjemmeside: "website",
  website: "website",
  aabningstider: "hours",
  åbningstider: "hours",
  tilgaengelighedserklaering: "accessibility_statement",
  tilgængelighedserklæring: "accessibility_statement",
  logo: "logo",
  raad: "councils",
  råd: "councils",
  stedfortræder: "substitute",
};

/** Optimal-string-alignment distance (Damerau-Levenshtein with adjacent swaps): typos cost 1 each. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number) => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}

/** Folds case and the Danish letters, so "Drøftelse" and "droftelse" both come near "drøftelse". */
function fold(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .replace(/å/g, "aa")
    .replace(/[\s-]+/g, "_");
}

/** The candidate closest to `input`, if it is close enough to be a likely typo; else undefined. */
export function closestMatch(input: string, candidates: readonly string[]): string | undefined {
  const danish = DANISH_KEY_NAMES[input.toLowerCase()];
  if (danish && candidates.includes(danish)) return danish;
  const folded = fold(input);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(folded, fold(candidate));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // Short words allow one typo, middling ones two, long ones three: only likely typos are suggested.
  const allowed = folded.length <= 4 ? 1 : folded.length <= 8 ? 2 : 3;
  return bestDistance <= allowed ? best : undefined;
}
