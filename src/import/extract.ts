// From an old document's lines to a draft meeting: date, times, venue, the lists of persons, the
// items with their titles, kinds and texts. Nothing is invented: a field the document does not give
// is left out and noted; whatever is a guess becomes a `review` entry (Danish), which `check`
// reports until the secretary has looked. Pure: lines in, a draft out.
import { findClock, findDates, findTimes, withoutDateAndTime } from "./dates.ts";
import { findFooter, isChromeLine, readContact, type FoundContact } from "./chrome.ts";
import { isPersonLine, parsePersonLines, type ListedPerson } from "./persons.ts";
import type { TextLine } from "./text.ts";
import type { WordList } from "./ocr.ts";

export type Kind = "beslutning" | "orientering" | "drøftelse";

/** One agenda item of the draft. */
export interface DraftItem {
  title: string;
  /** The importer wrote the title: the source gave none. */
  editorialTitle: boolean;
  number?: number;
  kind?: Kind;
  closed: boolean;
  duration?: number;
  presenter?: string[];
  /** The item's text as Markdown lines (empty for a closed item). */
  body: string[];
  /** Lines of a closed item's text that were left out. */
  leftOut: number;
}

/** A draft meeting and what the importer knows about how sure it is. */
export interface DraftMeeting {
  date?: string;
  start?: string;
  end?: string;
  venue?: string;
  online?: string;
  status?: "dagsorden";
  attendees: ListedPerson[];
  absentees: ListedPerson[];
  staff: ListedPerson[];
  guests: ListedPerson[];
  minuteTaker?: string;
  items: DraftItem[];
  /** The document's own title, for imported_from.title. */
  title?: string;
  /** The council's name as the document writes it ("Udsatterådet"), when found. */
  councilName?: string;
  /** Contact details from the page's footer, offered for kommune.yaml. */
  contact: FoundContact;
  /** Guesses, in Danish: written to the draft's `review:` list. */
  review: string[];
  /** What the document did not give or what was left out, in Danish: for the report only. */
  notes: string[];
  /** Every "X Kommune" the document names, for the municipality's name. */
  kommuneNames: string[];
}

type LabelKind =
  "date" | "time" | "start" | "end" | "timeVenue" | "venue" | "attendees" | "absentees" | "staff" | "guests" | "minuteTaker" | "substitutes" | "forum";

const LABELS: [RegExp, LabelKind][] = [
  [/^(?:dato og tid|dato og tidspunkt|dato, tid|tid og dato|mødedato og tid)$/i, "time"],
  [/^(?:mødedato|dato)$/i, "date"],
  [/^(?:tid og sted|tidspunkt og sted|dato og sted|dato, tid og sted|tid og mødested|mødetidspunkt og sted|mødetid og sted|sted og tid)$/i, "timeVenue"],
  [/^(?:tid|tidspunkt|mødetidspunkt|mødetid|klokkeslæt)$/i, "time"],
  [/^(?:start|starttidspunkt|mødestart|mødet start(?:ede|er)|begynder|mødet begyndte)$/i, "start"],
  [/^(?:slut|sluttidspunkt|mødeslut|afslutning|mødet slut(?:tede|ter)|mødet hævet|hævet)$/i, "end"],
  [/^(?:sted|mødested|mødelokale|lokale|lokation|adresse|afholdt|afholdes)$/i, "venue"],
  [
    /^(?:deltagere|deltager|til stede|tilstede|til stede var|fremmødte|mødedeltagere|deltog|deltagende|tilstedeværende|deltagere fra rådet|rådets medlemmer|medlemmer|fremmødte medlemmer|mødt|mødte)$/i,
    "attendees",
  ],
  [
    /^(?:afbud|afbud fra|fraværende|fravær|ikke til stede|ikke mødt|fraværende med afbud|afbud modtaget fra|meldt afbud|afbud har meldt|udeblevet|udeblev)$/i,
    "absentees",
  ],
  [
    /^(?:fra forvaltningen|fra administrationen|fra sekretariatet|fra kommunen|fra [\p{L}-]*forvaltningen|administrationen|forvaltningen|sekretariatet|sekretær|sekretariat|embedsmænd|embedsværket|fra [\p{L}-]*(?:afdelingen|centret|centeret))$/iu,
    "staff",
  ],
  [
    /^(?:gæster|gæst|gæst\(er\)|inviterede|inviterede gæster|oplægsholdere|oplægsholder|desuden deltog|derudover deltog|endvidere deltog|øvrige deltagere|øvrige)$/i,
    "guests",
  ],
  [/^(?:referent|referat(?:et)? skrevet af|referatet blev taget af|referent og sekretær|ref\.)$/i, "minuteTaker"],
  [/^(?:stedfortrædere|stedfortræder|suppleanter|suppleant|mødte i stedet)$/i, "substitutes"],
  [/^(?:forum|mødeforum|udvalg|råd|rådet|organ)$/i, "forum"],
];

/** A label line: "Dato: …", "Sted<TAB>…", "Deltagere" alone, "Afbud fra Bo Lund". */
export function readLabel(text: string): { kind: LabelKind; value: string } | undefined {
  const match = /^([\p{L}][\p{L} ,()-]{0,40}?)\s*(?::|\t|$)\s*(.*)$/u.exec(text);
  if (match) {
    const name = (match[1] ?? "").trim();
    for (const [pattern, kind] of LABELS) if (pattern.test(name)) return { kind, value: (match[2] ?? "").trim() };
  }
  const afbud = /^(afbud fra|fraværende var|fraværende:?|afbud:?)\s+(\p{Lu}.*)$/iu.exec(text);
  if (afbud && isPersonLine(afbud[2] ?? "")) return { kind: "absentees", value: (afbud[2] ?? "").trim() };
  const referent = /^(?:referent|ref\.)\s+(\p{Lu}.*)$/u.exec(text);
  if (referent && isPersonLine(referent[1] ?? "")) return { kind: "minuteTaker", value: (referent[1] ?? "").trim() };
  return undefined;
}

const KIND_WORDS: Record<string, Kind> = {
  beslutning: "beslutning",
  beslutninger: "beslutning",
  beslutningspunkt: "beslutning",
  "til beslutning": "beslutning",
  orientering: "orientering",
  orienteringspunkt: "orientering",
  "til orientering": "orientering",
  meddelelse: "orientering",
  meddelelser: "orientering",
  drøftelse: "drøftelse",
  drøftelsespunkt: "drøftelse",
  "til drøftelse": "drøftelse",
  drøftelser: "drøftelse",
};
const KIND_LINE =
  /^(beslutning(?:er|spunkt)?|til beslutning|orientering(?:spunkt)?|til orientering|drøftelse(?:r|spunkt)?|til drøftelse|indstilling(?:en)?)\s*(?::|\.|–|-)?\s*(.*)$/i;
const SECTION_LINE =
  /^(sagsfremstilling|sagsbeskrivelse|supplerende sagsfremstilling|baggrund|resumé|resume|sagens baggrund|forslag|indstilling(?:en)?|bilag|økonomi|konklusion|opfølgning|referat|tidligere beslutninger|høringssvar|kommentarer|spørgsmål|status)\s*:\s*(.*)$|^(sagsfremstilling|sagsbeskrivelse|resumé|indstilling|bilag|baggrund)$/i;
// "Beslutning i Ældrerådet den 7. marts 2024: Godkendt.", "Indstilling fra forvaltningen:": the
// decision (or recommendation) under an item, as many case systems print it.
const DECISION_IN = /^(beslutning|indstilling)\s+(?:i|fra|af)\s+(\p{Lu}[^:]{1,100}?)\s*(?::\s*(.*))?$/iu;
const GROUP_LINE =
  /^(beslutningspunkter|orienteringspunkter|drøftelsespunkter|punkter til beslutning|punkter til orientering|punkter til drøftelse|dagsorden|dagsordenen|referat|mødereferat|åbne punkter)\s*:?$/i;
const OPEN_LINE = /^(?:åben|åbent|åbent punkt|åben sag|offentligt punkt)\.?$/i;
const CLOSED_LINE = /^(?:lukket|lukket punkt|lukket sag|fortroligt punkt|fortroligt)\.?$/i;
/** The meeting, or the rest of it, behind closed doors: every item after this line is closed. */
const CLOSED_MEETING = /^(?:lukket møde|lukket del(?: af mødet)?|mødet (?:blev|er) lukket|for lukkede døre|lukkede punkter)\s*[.:]?$/i;
/** "(åbent punkt)", "– åben" after a title: the item is open, which is the default. */
const OPEN_MARK = /\s*(?:\(\s*(?:åbent?|åbent punkt|åben sag)\s*\)|[-–]\s*(?:åbent?|åbent punkt))\s*$/i;
const CLOSED_MARK = /\s*[-–(:]?\s*\(?\b(?:lukket punkt|lukket sag|lukket)\b\)?\s*:?\s*/i;
const DURATION = /\s*\((?:ca\.\s*)?(\d{1,3})\s*min(?:\.|utter)?\)\s*\.?$/i;
const KIND_MARK = /\s*\((B|O|D|Beslutning|Orientering|Drøftelse)\)\s*$/i;
// "3. Økonomi", "Punkt 3: Økonomi", "Pkt. 3 Økonomi", "Sag 3: Økonomi", "Ad 3. Økonomi", "Ad pkt. 3".
const NUMBERED =
  /^(?:ad\.?\s+(?:punkt\s+|pkt\.\s*)?|punkt\s+|pkt\.\s*|sag\s+(?:nr\.\s*)?)?(\d{1,3})\s*[.):]\s*(?!\d)(.+)$|^(?:ad\.?\s+(?:punkt|pkt\.)?|punkt|pkt\.|sag(?:\s+nr\.)?)\s*(\d{1,3})\s*[-–]?\s+(.+)$/i;
/** "Ad 3." (concerning item 3): the minutes' section for an item listed in the agenda above it. */
const AD_ITEM = /^ad\.?\s+(?:punkt\s*|pkt\.\s*)?\d/i;
/** "1 Velkommen": a number and a title without a full stop, as Word's numbering may come out. */
const BARE_NUMBERED = /^(\d{1,2})\s+(\p{Lu}.+)$/u;
const OTHER_MEETING =
  /\b(?:næste|sidste|forrige|tidligere|kommende|opdateret|udgivet|publiceret|offentliggjort|senest|ældre|oprettet|frist|godkendt|indkaldt|udsendt|ekstra|fremtidige|mødeplan|møderække)\b/i;
const MEETING_WORDS = /(?<!\p{L})(?:møde|mødet|referat|dagsorden|mødereferat|mødedato)(?!\p{L})/iu;
const ONLINE = /\b(zoom|teams|microsoft teams|skype|google meet|webex|online|virtuelt|virtuel|videomøde)\b/i;

interface Candidate {
  index: number;
  title: string;
  number?: number;
  duration?: number;
  kind?: Kind;
  closed?: boolean;
  /** From a status line ("Åben", "Lukket punkt") without a title of its own. */
  marker?: boolean;
  /** Written "Ad 3.": the section for an item, not the agenda's list of items. */
  ad?: boolean;
}

/** Reads a draft meeting from a document's lines. `fileName` may give the date when the text does not. */
export function extractMeeting(input: readonly TextLine[], options: { fileName: string; title?: string; words?: WordList }): DraftMeeting {
  const draft: DraftMeeting = {
    attendees: [],
    absentees: [],
    staff: [],
    guests: [],
    items: [],
    contact: {},
    review: [],
    notes: [],
    kommuneNames: [],
  };
  // 1. Chrome out; the footer's contact details kept apart.
  const chromeTexts = input.filter((line) => line.chrome).map((line) => line.text);
  let lines: TextLine[] = input.filter((line) => !line.chrome && !isChromeLine(line.text));
  const footer = findFooter(lines.map((line) => line.text));
  if (footer !== -1) {
    chromeTexts.push(...lines.slice(footer).map((line) => line.text));
    lines = lines.slice(0, footer);
  }
  draft.contact = readContact(chromeTexts);
  const allText = [...input.map((line) => line.text)];
  draft.kommuneNames = [...new Set(allText.flatMap((text) => [...text.matchAll(/\b(\p{Lu}[\p{L}-]+) Kommune\b/gu)].map((m) => `${m[1]} Kommune`)))];
  // "Afbud: Maria Jensen. Desuden deltog: Peter Holm": two labels on one line become two lines.
  lines = lines.flatMap((line) => {
    if (!readLabel(line.text)) return [line];
    const parts = line.text.split(/(?<=\.)\s+(?=\p{Lu}[\p{L} ]{2,30}:\s)/u);
    if (parts.length < 2 || !parts.slice(1).every((part) => readLabel(part))) return [line];
    return parts.map((part) => ({ ...line, text: part.replace(/\.$/, "") }));
  });
  while (lines.length && lines[0]?.text === "") lines.shift();
  while (lines.length && lines[lines.length - 1]?.text === "") lines.pop();

  // The document's title: the page title, else the first heading, else the first line naming a meeting.
  const firstHeading = lines.find((line) => line.heading !== undefined && MEETING_WORDS.test(line.text));
  const firstMeetingLine = lines.slice(0, 12).find((line) => MEETING_WORDS.test(line.text) && line.text.length < 140 && !OTHER_MEETING.test(line.text));
  const title = firstHeading?.text ?? firstMeetingLine?.text ?? options.title;
  if (title) draft.title = title;
  if (title && /\bdagsorden\b/i.test(title) && !/\breferat\b/i.test(title)) draft.status = "dagsorden";

  // 2. Where the items begin.
  const candidates = findItems(lines);
  const headerEnd = candidates[0]?.index ?? lines.length;

  // 3. The header: labels and their values.
  const header = readHeader(lines, headerEnd, draft);
  const bodyStart = candidates.length > 0 ? headerEnd : header.end;

  // 4. Date and times.
  readDateAndTimes(lines, headerEnd, header, draft, options);

  // 5. Items.
  readItems(lines, candidates, bodyStart, draft);

  // 6. Guests the text names but no list does ("Besøg af rådmand Brian Dybro").
  findGuestsInText(lines, candidates, draft, options.words);

  // 7. Members away for part of the meeting ("Karin Dahl deltog ikke under punktet").
  findPartialPresence(lines, candidates, draft);

  // Header text that is neither a label, a list, the title nor chrome: named, not silently lost.
  // (A line that gave the meeting's date or time was used.)
  const used = (text: string) =>
    (draft.date !== undefined && findDates(text).some((found) => found.iso === draft.date)) ||
    (draft.start !== undefined && findTimes(text)?.start === draft.start);
  // (An agenda's list of the items, "2. Tilgængelighed i svømmehallen", is in the items' own titles.)
  const itemTitles = new Set(draft.items.map((item) => item.title.toLowerCase()));
  const listed = (text: string) => {
    const numbered = NUMBERED.exec(text.trim());
    return numbered !== null && itemTitles.has((numbered[2] ?? numbered[4] ?? "").replace(DURATION, "").replace(KIND_MARK, "").trim().toLowerCase());
  };
  const skipped = header.unused
    .filter((entry) => entry.index < bodyStart)
    .map((entry) => entry.text)
    .filter(
      (text) => text !== title && text.length > 0 && !MEETING_WORDS.test(text) && !used(text) && !listed(text) && !/^(?:her (?:kan|finder) du)\b/i.test(text),
    );
  if (skipped.length) draft.notes.push(`Tekst før første punkt er ikke taget med: ${skipped.map((text) => `"${shorten(text)}"`).join(", ")}.`);

  // Things the document did not give.
  if (!draft.date) draft.notes.push("Dokumentet giver ingen dato for mødet.");
  if (!draft.start) draft.notes.push("Dokumentet giver intet tidspunkt for mødet.");
  if (!draft.venue && !draft.online) draft.notes.push('Dokumentet giver intet mødested; siden viser "Sted ikke oplyst".');
  if (draft.attendees.length === 0) draft.notes.push("Dokumentet giver ingen liste over deltagere.");
  const noKind = draft.items.filter((item) => !item.kind && !item.closed).length;
  if (noKind > 0) draft.notes.push(`${noKind} ${noKind === 1 ? "punkt har" : "punkter har"} ingen punkttype i dokumentet.`);
  return draft;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

interface Header {
  end: number;
  dateText?: string;
  timeText?: string;
  /** Under their own labels: "Start: 10:00", "Slut: 12:00". */
  startText?: string;
  endText?: string;
  unused: { index: number; text: string }[];
}

function readHeader(lines: readonly TextLine[], end: number, draft: DraftMeeting): Header {
  const header: Header = { end: 0, unused: [] };
  let pending: string[] = [];
  let i = 0;
  const lists: Record<"attendees" | "absentees" | "staff" | "guests", ListedPerson[]> = {
    attendees: draft.attendees,
    absentees: draft.absentees,
    staff: draft.staff,
    guests: draft.guests,
  };
  const addPersons = (kind: LabelKind, texts: string[]) => {
    const persons = parsePersonLines(texts);
    if (kind === "minuteTaker") {
      const first = persons[0];
      if (first) draft.minuteTaker = first.text;
      return;
    }
    if (kind === "substitutes") {
      for (const person of persons) {
        if (person.substituteFor) draft.absentees.push({ text: person.substituteFor, name: person.substituteFor, substitute: person.text });
        else draft.guests.push(person);
      }
      return;
    }
    if (kind === "attendees" || kind === "absentees" || kind === "staff" || kind === "guests") lists[kind].push(...persons);
  };
  while (i < end) {
    const line = lines[i] as TextLine;
    const label = line.text === "" ? undefined : readLabel(line.text);
    if (!label) {
      if (line.text !== "") {
        // "Online (Teams)", "Mødet holdes på Zoom": the meeting was online, though no label says so.
        if (!draft.venue && !draft.online && isOnlineLine(line.text)) {
          setVenue(line.text, draft);
          i += 1;
          continue;
        }
        if (isPersonLine(line.text)) pending.push(line.text);
        else {
          header.unused.push({ index: i, text: line.text });
          if (pending.length) header.unused.push(...pending.map((text) => ({ index: i, text })));
          pending = [];
        }
      }
      i += 1;
      continue;
    }
    // The label's value: on its line, else the lines after it up to the next label or a line
    // that is no longer part of it.
    const values: string[] = label.value ? [label.value] : [];
    let j = i + 1;
    const isList = ["attendees", "absentees", "staff", "guests", "substitutes"].includes(label.kind);
    let blanks = 0;
    while (j < end) {
      const next = lines[j] as TextLine;
      if (next.text === "") {
        blanks += 1;
        if (!isList && values.length) break;
        if (blanks >= 3) break;
        j += 1;
        continue;
      }
      if (readLabel(next.text)) break;
      if (isList) {
        if (!isPersonLine(next.text)) break;
      } else if (values.length || blanks >= 2) break;
      values.push(next.text);
      blanks = 0;
      j += 1;
    }
    // A list whose names came before its label (a scan that read the columns out of order).
    if (isList && values.length === 0 && pending.length) {
      values.push(...pending);
      pending = [];
    } else if (pending.length) {
      header.unused.push(...pending.map((text) => ({ index: i, text })));
      pending = [];
    }
    switch (label.kind) {
      case "date":
        header.dateText = values.join(" ");
        break;
      case "time":
        header.timeText = values.join(" ");
        break;
      case "start":
        header.startText = values.join(" ");
        break;
      case "end":
        header.endText = values.join(" ");
        break;
      case "timeVenue": {
        header.timeText = values.join(" ");
        setVenue(withoutDateAndTime(values.join(", ")), draft);
        break;
      }
      case "venue":
        setVenue(withoutDateAndTime(values.join(", ")), draft);
        if (findDates(values.join(" ")).length || findTimes(values.join(" "))) header.timeText ??= values.join(" ");
        break;
      case "forum":
        if (values[0]) draft.councilName = values[0];
        break;
      default:
        addPersons(label.kind, values);
    }
    header.end = j;
    i = j;
  }
  if (pending.length) {
    if (draft.attendees.length === 0) {
      draft.attendees.push(...parsePersonLines(pending));
      draft.review.push(
        `Deltagerlisten (${pending.length} ${pending.length === 1 ? "linje" : "linjer"}) står uden overskrift i dokumentet; kontrollér, at det er mødets deltagere.`,
      );
      header.end = Math.max(header.end, end);
    } else header.unused.push(...pending.map((text) => ({ index: end, text })));
  }
  // Marks on persons: the minute taker, substitutes.
  for (const list of [draft.attendees, draft.staff, draft.guests]) {
    for (let k = list.length - 1; k >= 0; k--) {
      const person = list[k] as ListedPerson;
      if (person.minuteTaker) draft.minuteTaker ??= person.name;
      if (person.substituteFor) {
        list.splice(k, 1);
        const absent = draft.absentees.find((other) => other.name === person.substituteFor);
        if (absent) absent.substitute = person.text;
        else draft.absentees.push({ text: person.substituteFor, name: person.substituteFor, substitute: person.text });
      }
    }
  }
  for (const person of draft.absentees) if (person.minuteTaker) draft.minuteTaker ??= person.name;
  return header;
}

/** A short line that says only that the meeting was online, and on which service. */
function isOnlineLine(text: string): boolean {
  if (text.length > 60 || !ONLINE.test(text)) return false;
  const rest = text
    .toLowerCase()
    .replace(
      /microsoft|teams|zoom|skype|google meet|webex|online|virtuelt|virtuel|videomøde|via|på|over|mødet|møde|holdes|afholdes|blev|holdt|afholdt|som|og|-/g,
      " ",
    )
    .replace(/[\s().,:;]+/g, "");
  return rest === "";
}

function setVenue(text: string, draft: DraftMeeting): void {
  const value = text
    .replace(/^(?:i|på)\s+/i, "")
    .replace(/\.$/, "")
    .trim();
  if (!value) return;
  const online = ONLINE.exec(value);
  if (online) {
    const service = /zoom/i.test(value)
      ? "Zoom"
      : /teams/i.test(value)
        ? "Teams"
        : /skype/i.test(value)
          ? "Skype"
          : /google meet/i.test(value)
            ? "Google Meet"
            : /webex/i.test(value)
              ? "Webex"
              : undefined;
    draft.online = service ?? "Online";
    // "Rådhuset og online via Teams": the place stays.
    const place = value
      .replace(
        /\s*(?:,|og|eller|\/)?\s*(?:online|virtuelt|virtuel|videomøde)?\s*(?:via|på|over)?\s*(?:microsoft\s+)?(?:zoom|teams|skype|google meet|webex)?\s*$/i,
        "",
      )
      .replace(/^(?:online|virtuelt|virtuel)\b.*$/i, "")
      .trim();
    if (place && place.length > 2) draft.venue = place;
    return;
  }
  draft.venue = value;
}

function readDateAndTimes(
  lines: readonly TextLine[],
  headerEnd: number,
  header: Header,
  draft: DraftMeeting,
  options: { fileName: string; title?: string },
): void {
  const headerTexts = lines.slice(0, headerEnd).map((line) => line.text);
  // Dates of this meeting: from the labels, else a line naming the meeting, else the first date.
  const labelled = header.dateText ?? header.timeText;
  let date: string | undefined;
  let timeSource: string | undefined;
  if (labelled) {
    date = findDates(labelled)[0]?.iso;
    timeSource = header.timeText ?? labelled;
  }
  const candidates: { iso: string; text: string; score: number }[] = [];
  const titleTexts = [draft.title, options.title].filter((text): text is string => !!text);
  for (const text of [...titleTexts, ...headerTexts]) {
    if (OTHER_MEETING.test(text)) continue;
    for (const found of findDates(text)) {
      const score = MEETING_WORDS.test(text) ? 2 : 1;
      candidates.push({ iso: found.iso, text, score });
    }
  }
  if (!date) {
    const best = [...candidates].sort((a, b) => b.score - a.score)[0];
    if (best) {
      date = best.iso;
      timeSource ??= best.text;
    }
  }
  if (!date) {
    const fromName = findDates(options.fileName.replace(/[_]/g, " "))[0];
    if (fromName) {
      date = fromName.iso;
      draft.review.push(`Mødets dato (${date}) står ikke i dokumentet; den er taget fra filnavnet "${options.fileName}".`);
    }
  }
  if (date) {
    draft.date = date;
    const others = [...new Set(candidates.map((c) => c.iso).filter((iso) => iso !== date))];
    if (others.length) {
      draft.review.push(
        `Dokumentets indledning nævner også ${others.length === 1 ? "datoen" : "datoerne"} ${others.join(", ")}; kontrollér, at ${date} er mødets dato.`,
      );
    }
  }
  // Times: with the date or under a time label; else a line of the header that starts with "Kl.".
  let times = timeSource ? findTimes(timeSource) : undefined;
  if (!times) {
    const klLine = headerTexts.find((text) => /^(?:kl\.|klokken)\s*\d/i.test(text) && !OTHER_MEETING.test(text));
    if (klLine) {
      times = findTimes(klLine);
      if (!draft.venue && !draft.online) setVenue(withoutDateAndTime(klLine), draft);
    }
  }
  // One time under a time label ("Tid: 16.00"), and start and end under labels of their own.
  if (!times && header.timeText) {
    const single = findClock(header.timeText);
    if (single) times = { start: single, index: 0 };
  }
  const labelledStart = header.startText ? (findTimes(header.startText)?.start ?? findClock(header.startText)) : undefined;
  const labelledEnd = header.endText ? findClock(header.endText) : undefined;
  if (labelledStart && !times?.start) times = { ...times, start: labelledStart, index: 0 };
  if (labelledEnd && times?.start && !times.end) times = { ...times, end: labelledEnd };
  if (times?.start) draft.start = times.start;
  if (times?.end) draft.end = times.end;
  // "Tirsdag d. 5. september 2023 kl. 16-18 på Rådhuset": the place after the date and time.
  if (timeSource && !draft.venue && !draft.online) {
    const place = /^(?:på|i)\s+(\p{Lu}.*)$/u.exec(withoutDateAndTime(timeSource));
    if (place?.[1]) setVenue(place[1], draft);
  }
  if (draft.start && draft.end && draft.end <= draft.start) {
    draft.review.push(`Tidspunktet ${draft.start}-${draft.end} slutter før det begynder; sluttidspunktet er udeladt.`);
    delete draft.end;
  }
}

/** Title lines that are not items: labels, kinds, sub-sections, group headings, status lines. */
function isStructureLine(text: string): boolean {
  return (
    readLabel(text) !== undefined ||
    KIND_LINE.test(text) ||
    DECISION_IN.test(text) ||
    SECTION_LINE.test(text) ||
    GROUP_LINE.test(text) ||
    OPEN_LINE.test(text) ||
    CLOSED_LINE.test(text) ||
    CLOSED_MEETING.test(text)
  );
}

function isTitleLike(text: string): boolean {
  if (text.length > 140 || text.length < 2) return false;
  if (!/^[\p{Lu}\d"“«]/u.test(text)) return false;
  // Two sentences are body text, not a title.
  if (/[.!?]\s+\p{Lu}/u.test(text.replace(/\b(?:[A-ZÆØÅ]|ca|jf|fx|mv|bl\.a|evt|nr|pkt|vedr|inkl|ift|mht|mhp|dvs|kl|d)\.\s/gi, ""))) return false;
  return true;
}

/** Where the items begin, by the strongest structure the document has. */
export function findItems(lines: readonly TextLine[]): Candidate[] {
  const numbered: Candidate[] = [];
  const bare: Candidate[] = [];
  const durations: Candidate[] = [];
  const headings: Candidate[] = [];
  const markers: Candidate[] = [];
  lines.forEach((line, index) => {
    const text = line.text.replace(/\t/g, " ").trim();
    if (text === "") return;
    if (OPEN_LINE.test(text) || CLOSED_LINE.test(text)) {
      markers.push({ index, title: "", marker: true, closed: CLOSED_LINE.test(text) });
      return;
    }
    if (isStructureLine(text)) return;
    const n = NUMBERED.exec(text);
    if (n) {
      const number = Number(n[1] ?? n[3]);
      const title = (n[2] ?? n[4] ?? "").trim();
      // A title does not end a sentence, though it may end in an abbreviation ("8. Evt.").
      const ends = !/\.$/.test(title.replace(DURATION, "")) || /^\p{L}{2,5}\.$/u.test(title);
      if (isTitleLike(title) && ends && title.length <= 120 && !/^\d/.test(title)) {
        numbered.push({ index, title, number, ...(AD_ITEM.test(text) ? { ad: true } : {}) });
        return;
      }
    }
    const bareMatch = BARE_NUMBERED.exec(text);
    const bareTitle = (bareMatch?.[2] ?? "").trim();
    if (bareMatch && isTitleLike(bareTitle) && !/[.:;,]$/.test(bareTitle) && bareTitle.length <= 90)
      bare.push({ index, title: bareTitle, number: Number(bareMatch[1]) });
    if (DURATION.test(text) && !/^pause\b/i.test(text) && isTitleLike(text)) durations.push({ index, title: text });
    else if (line.heading !== undefined && isTitleLike(text) && !/^pause\b/i.test(text)) headings.push({ index, title: text });
  });
  // "Ad 1.", "Ad 2." … are the minutes' sections even when the agenda above lists "1.", "2." ….
  const adChain = longestChain(numbered.filter((candidate) => candidate.ad));
  const chain = adChain.length >= 2 ? adChain : longestChain(numbered);
  const bareChain = longestChain(bare);
  let starts: Candidate[];
  if (headings.length >= 2) {
    // The items' level is the heading level most used below the document's title.
    const levels = new Map<number, number>();
    for (const candidate of headings) {
      const level = lines[candidate.index]?.heading ?? 0;
      levels.set(level, (levels.get(level) ?? 0) + 1);
    }
    const counts = [...levels.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    let level = counts[0]?.[0] ?? 2;
    // A single h1 is the document's title; items are the level below.
    if (level === 1 && (levels.get(1) ?? 0) === 1 && counts.length > 1) level = counts[1]?.[0] ?? level;
    starts = merge(
      headings.filter((candidate) => lines[candidate.index]?.heading === level && !(level === 1 && MEETING_WORDS.test(candidate.title))),
      chain,
      durations,
    );
  } else if (chain.length >= 2 || durations.length >= 2 || (chain.length === 1 && durations.length >= 1)) {
    starts = merge(chain, durations);
  } else if (bareChain.length >= 3 || (bareChain.length === 2 && bareChain[0]?.number === 1)) {
    starts = merge(bareChain, durations);
  } else if (markers.length >= 1) {
    starts = markers;
  } else if (chain.length === 1) {
    starts = chain;
  } else {
    starts = isolatedTitles(lines);
  }
  return starts.sort((a, b) => a.index - b.index);
}

function merge(...lists: Candidate[][]): Candidate[] {
  const byIndex = new Map<number, Candidate>();
  for (const list of lists) for (const candidate of list) if (!byIndex.has(candidate.index)) byIndex.set(candidate.index, candidate);
  return [...byIndex.values()];
}

/**
 * The longest run of consecutive item numbers (1, 2, 3 … or 36, 37 …) in document order. Of two
 * runs as long, the one spread over more lines: an agenda's list of the items at the top is as long
 * as the items themselves, but the items have their text between them.
 */
function longestChain(numbered: Candidate[]): Candidate[] {
  let best: Candidate[] = [];
  let bestSpan = -1;
  for (let s = 0; s < numbered.length; s++) {
    const chain = [numbered[s] as Candidate];
    for (let k = s + 1; k < numbered.length; k++) {
      const last = chain[chain.length - 1] as Candidate;
      if ((numbered[k] as Candidate).number === (last.number ?? 0) + 1) chain.push(numbered[k] as Candidate);
    }
    const span = (chain[chain.length - 1] as Candidate).index - (chain[0] as Candidate).index;
    if (chain.length > best.length || (chain.length === best.length && chain.length > 1 && span > bestSpan)) {
      best = chain;
      bestSpan = span;
    }
  }
  return best;
}

/** Plain text without numbers or headings: short title lines set apart by blank lines. */
function isolatedTitles(lines: readonly TextLine[]): Candidate[] {
  const found: Candidate[] = [];
  const nextText = (index: number) => lines.slice(index + 1).find((line) => line.text !== "")?.text ?? "";
  lines.forEach((line, index) => {
    const text = line.text.trim();
    if (text === "" || text.includes("\t") || isStructureLine(text) || !isTitleLike(text)) return;
    if (/[.:;,]$/.test(text) || text.length > 90 || text.split(/\s+/).length > 12) return;
    if (isPersonLine(text) && text.split(/\s+/).length >= 2 && !/\p{Ll}{4,}\s+\p{Ll}/u.test(text)) return;
    const blankBefore = index >= 2 && lines[index - 1]?.text === "" && lines[index - 2]?.text === "";
    const sectionAfter = SECTION_LINE.test(nextText(index)) || KIND_LINE.test(nextText(index));
    if ((blankBefore && lines[index + 1]?.text === "") || sectionAfter) found.push({ index, title: text });
  });
  return found;
}

function readItems(lines: readonly TextLine[], candidates: readonly Candidate[], bodyStart: number, draft: DraftMeeting): void {
  const segments: { candidate?: Candidate; from: number; to: number }[] = [];
  if (candidates.length === 0) {
    segments.push({ from: bodyStart, to: lines.length });
  } else {
    candidates.forEach((candidate, k) => {
      segments.push({ candidate, from: candidate.index + 1, to: candidates[k + 1]?.index ?? lines.length });
    });
  }
  // Group headings ("Beslutningspunkter") give the kind of the items after them.
  let groupKind: Kind | undefined;
  const groupAt = new Map<number, Kind | undefined>();
  lines.forEach((line, index) => {
    const group = GROUP_LINE.exec(line.text.trim());
    if (group) {
      const word = (group[1] ?? "").toLowerCase();
      groupKind = word.includes("beslutning")
        ? "beslutning"
        : word.includes("orientering")
          ? "orientering"
          : word.includes("drøftelse")
            ? "drøftelse"
            : undefined;
    }
    groupAt.set(index, groupKind);
  });
  const closedFrom = lines.findIndex((line) => CLOSED_MEETING.test(line.text.trim()));
  const positionsUsed = new Set<number>();
  segments.forEach((segment, position) => {
    const candidate = segment.candidate;
    let title = (candidate?.title ?? "").trim();
    let editorialTitle = false;
    let closed = (candidate?.closed ?? false) || (closedFrom !== -1 && closedFrom < (candidate?.index ?? segment.from));
    let kind: Kind | undefined;
    let duration = candidate?.duration;
    const presenter: string[] = [];
    if (title) {
      const durationMatch = DURATION.exec(title);
      if (durationMatch) {
        duration = Number(durationMatch[1]);
        title = title.slice(0, durationMatch.index).trim();
      }
      const kindMatch = KIND_MARK.exec(title);
      if (kindMatch) {
        const mark = (kindMatch[1] ?? "").toLowerCase();
        kind = mark.startsWith("b") ? "beslutning" : mark.startsWith("o") ? "orientering" : "drøftelse";
        title = title.slice(0, kindMatch.index).trim();
      }
      if (/\blukket\b/i.test(title) && (/^lukket\b/i.test(title) || /\(lukket[^)]*\)|[-–:]\s*lukket(?: punkt)?\s*$/i.test(title))) {
        closed = true;
        title = title
          .replace(CLOSED_MARK, " ")
          .replace(/\s{2,}/g, " ")
          .replace(/^[\s:–-]+|[\s:–-]+$/g, "")
          .trim();
      }
      // Numbers inside headings ("3. Økonomi", "Punkt 3: Økonomi").
      const numberedTitle = NUMBERED.exec(title);
      if (numberedTitle && candidate?.number === undefined) {
        if (candidate) candidate.number = Number(numberedTitle[1] ?? numberedTitle[3]);
        title = (numberedTitle[2] ?? numberedTitle[4] ?? title).trim();
      }
      title = title.replace(/:$/, "").replace(OPEN_MARK, "").trim();
      // A title that names its kind: "Drøftelse af …", "Orientering om …", "Øvrige orienteringspunkter".
      const named = [
        ...title
          .toLowerCase()
          .matchAll(
            /(?<!\p{L})(beslutning|orientering|drøftelse)(?:s?punkt(?:er)?|en)?(?!\p{L})|(?<=\p{L})(beslutning|orientering|drøftelse)s?punkt(?:er)?(?!\p{L})/gu,
          ),
      ].map((m) => m[1] ?? m[2]);
      if (!kind && named.length > 0 && named.every((word) => word === named[0])) kind = named[0] as Kind;
    }
    const body: string[] = [];
    let leftOut = 0;
    let markerKind: Kind | undefined;
    let recommendation = false;
    for (let i = segment.from; i < segment.to; i++) {
      const line = lines[i] as TextLine;
      const text = line.text.trim();
      if (GROUP_LINE.test(text) && (i === segment.to - 1 || lines.slice(i + 1, segment.to).every((next) => next.text === ""))) continue;
      if (OPEN_LINE.test(text) || CLOSED_MEETING.test(text)) continue;
      if (CLOSED_LINE.test(text)) {
        closed = true;
        continue;
      }
      // "Referent: Bente Lund" at the end of the minutes.
      const label = text.length < 120 ? readLabel(text) : undefined;
      if (label?.kind === "minuteTaker" && label.value && !draft.minuteTaker) {
        draft.minuteTaker = parsePersonLines([label.value])[0]?.text ?? label.value;
        continue;
      }
      // "v/ Gitte Dueholm" under the title: the presenter.
      const by = /^(?:v\/|v\.|ved)\s*(\p{Lu}.+)$/u.exec(text);
      if (by && body.every((bodyLine) => bodyLine === "") && presenter.length === 0) {
        presenter.push(
          ...(by[1] ?? "")
            .split(/\s+og\s+|,\s*(?=\p{Lu})/u)
            .map((name) => name.trim())
            .filter(Boolean),
        );
        continue;
      }
      const decisionIn = text.length < 300 ? DECISION_IN.exec(text) : null;
      if (decisionIn && (decisionIn[3] !== undefined || /\bden\b|\d{4}/.test(decisionIn[2] ?? "") || /^forvaltningen$/i.test(decisionIn[2] ?? ""))) {
        const word = (decisionIn[1] ?? "").toLowerCase();
        if (word === "indstilling") recommendation = true;
        else markerKind ??= "beslutning";
        body.push("", `### ${capitalise(text.slice(0, text.length - (decisionIn[3] !== undefined ? decisionIn[3].length : 0)).replace(/\s*:?\s*$/, ""))}`, "");
        if (decisionIn[3]) body.push(escapeMarkdown(decisionIn[3]));
        continue;
      }
      const kindLine = KIND_LINE.exec(text);
      if (kindLine && text.length < 200 && (kindLine[2] === "" || /[:.–-]/.test(text.slice((kindLine[1] ?? "").length, (kindLine[1] ?? "").length + 3)))) {
        const word = (kindLine[1] ?? "").toLowerCase();
        if (word.startsWith("indstilling")) recommendation = true;
        else markerKind ??= KIND_WORDS[word] ?? (word.startsWith("beslutning") ? "beslutning" : word.startsWith("orientering") ? "orientering" : "drøftelse");
        body.push("", `### ${capitalise((kindLine[1] ?? "").replace(/^til\s+/i, ""))}`, "");
        if (kindLine[2]) body.push(escapeMarkdown(kindLine[2]));
        continue;
      }
      const section = SECTION_LINE.exec(text);
      if (section) {
        body.push("", `### ${capitalise(section[1] ?? section[3] ?? "")}`, "");
        if (section[2]) body.push(escapeMarkdown(section[2]));
        continue;
      }
      body.push(text === "" ? "" : markdownLine(line));
    }
    // "Eventuelt" is never decided under a group heading's kind.
    const grouped = candidate && !/^(?:eventuelt|evt\.?)$/i.test(title) ? groupAt.get(candidate.index) : undefined;
    kind ??= markerKind ?? (recommendation ? "beslutning" : undefined) ?? grouped;
    if (!title) {
      editorialTitle = true;
      title = candidates.length === 0 ? (draft.status === "dagsorden" ? "Dagsorden" : "Referat") : `Punkt ${position + 1}`;
    }
    // The same title twice would give two sections with one heading: keep them apart.
    const item: DraftItem = { title, editorialTitle, closed, body: tidy(body), leftOut };
    if (candidate?.number !== undefined && !positionsUsed.has(candidate.number)) {
      item.number = candidate.number;
      positionsUsed.add(candidate.number);
    }
    if (kind) item.kind = kind;
    if (duration) item.duration = duration;
    if (presenter.length) item.presenter = presenter;
    if (closed) {
      leftOut = item.body.filter((bodyLine) => bodyLine.trim() !== "").length;
      item.body = [];
      item.leftOut = leftOut;
    }
    draft.items.push(item);
  });
  // Numbers that are just the positions need not be written.
  if (draft.items.every((item, index) => item.number === undefined || item.number === index + 1)) for (const item of draft.items) delete item.number;
  else if (draft.items.some((item) => item.number === undefined)) {
    // Mixed numbered and unnumbered items: number those after the last number, in order.
    let last = 0;
    const used = new Set(draft.items.map((item) => item.number).filter((n): n is number => n !== undefined));
    for (const item of draft.items) {
      if (item.number !== undefined) last = item.number;
      else {
        let next = last + 1;
        while (used.has(next)) next += 1;
        item.number = next;
        used.add(next);
        last = next;
      }
    }
  }
  draft.items.forEach((item, index) => {
    const label = `punkt ${item.number ?? index + 1}`;
    if (item.editorialTitle) {
      draft.review.push(
        `Titlen på ${label} ("${item.title}") er skrevet ved importen, fordi dokumentet ikke har nogen; skriv punktets rigtige titel (også i ## overskriften).`,
      );
    }
    if (item.closed) {
      draft.notes.push(
        `${capitalise(label)} "${item.title}" er lukket: ${item.leftOut > 0 ? `teksten (${item.leftOut} ${item.leftOut === 1 ? "linje" : "linjer"}) er udeladt` : "der er ingen tekst"}; skriv en public_decision, hvis beslutningen må offentliggøres.`,
      );
    }
  });
  if (closedFrom !== -1) {
    draft.notes.push(
      `Dokumentet siger "${lines[closedFrom]?.text.trim()}": ${draft.items.some((item) => !item.closed) ? "punkterne derefter er" : "alle punkter er"} importeret som lukkede.`,
    );
  }
  if (segments.length === 1 && candidates.length === 0) {
    draft.review.push("Dokumentet er ikke delt i punkter, som importen kunne finde; hele teksten står under ét punkt. Del den i mødets punkter.");
  }
}

// A guest whom the running text introduces: "Besøg af rådmand Brian Dybro", "Herunder besøg af
// Henriette Andersen", "Oplæg ved Rie Holm fra Socialstyrelsen", "Velkommen til Lisbeth Andersen",
// "Formanden bød Ole Dahl velkommen", "Ole Dahl deltog under punktet". The words between the phrase
// and the name are the role ("rådmand"); "fra X" after the name is the organisation.
const NAME_WORD = String.raw`\p{Lu}[\p{Ll}'’]+(?:-\p{Lu}?[\p{Ll}'’]+)?`;
const FULL_NAME = String.raw`${NAME_WORD}(?:\s+(?:\p{Lu}\.|von|van|de|la|${NAME_WORD})){0,2}\s+${NAME_WORD}`;
const ROLE = String.raw`(?:(\p{Ll}[\p{Ll}-]+(?:\s+\p{Ll}[\p{Ll}-]+)?)\s+)?`;
const ORGANISATION = String.raw`(?:\s+fra\s+(\p{Lu}[\p{L}-]*(?:\s+(?:og\s+)?\p{Lu}[\p{L}-]*){0,3}))?`;
const GUEST_PHRASES: RegExp[] = [
  // Case matters (a name is capitalised, a role is not), so the phrases spell out both cases.
  new RegExp(String.raw`(?<!\p{L})(?:[Bb]esøg|[Oo]plæg|[Ii]ndlæg)\s+(?:af|fra|ved|v\/)\s+${ROLE}(${FULL_NAME})${ORGANISATION}`, "gu"),
  new RegExp(String.raw`(?<!\p{L})[Vv]elkommen\s+til\s+${ROLE}(${FULL_NAME})${ORGANISATION}`, "gu"),
  new RegExp(String.raw`(?<!\p{L})bød\s+${ROLE}(${FULL_NAME})${ORGANISATION}\s+velkommen`, "gu"),
  new RegExp(String.raw`(?<![\p{L},]\s)(?<!\p{L})()(${FULL_NAME})${ORGANISATION}\s+(?:deltog|var\s+med)\s+under\s+(?:punktet|dette\s+punkt)`, "gu"),
];
/** Words before a name that make it no person's role: a count, an article, "nye medlemmer". */
const NOT_A_ROLE =
  /^(?:en|et|to|tre|fire|de|den|det|vores|rådets|nye?|nyt|alle|fra|og|i|på|med|af|til|hinanden)\b|\b(?:fra|og|medlem(?:mer)?|repræsentanter|medarbejdere)$/;

/**
 * Guests named only in the running text, outside any list: each becomes a guest (with the item it
 * was found under as `present_for`) and one review entry names them all, since the text may also
 * welcome a new member. Names already in a list are left; two capitalised dictionary words are an
 * organisation ("Kirkens Korshær"), not a name.
 */
function findGuestsInText(lines: readonly TextLine[], candidates: readonly Candidate[], draft: DraftMeeting, words: WordList | undefined): void {
  const listed = new Set([...draft.attendees, ...draft.absentees, ...draft.staff, ...draft.guests].map((person) => person.name.toLowerCase()));
  if (draft.minuteTaker) listed.add((draft.minuteTaker.split(/[(,]/, 1)[0] ?? "").trim().toLowerCase());
  for (const person of draft.absentees) if (person.substitute) listed.add((person.substitute.split(/[(,]/, 1)[0] ?? "").trim().toLowerCase());
  const found: ListedPerson[] = [];
  const where: string[] = [];
  const itemAt = (index: number): number | undefined => {
    if (candidates.length === 0) return undefined;
    let position = -1;
    for (const [k, candidate] of candidates.entries()) if (candidate.index <= index) position = k;
    if (position === -1) return undefined;
    return draft.items[position]?.number ?? position + 1;
  };
  lines.forEach((line, index) => {
    const text = line.text.replace(/\t/g, " ");
    for (const phrase of GUEST_PHRASES) {
      for (const match of text.matchAll(phrase)) {
        const role = (match[1] ?? "").trim();
        const name = (match[2] ?? "").trim();
        const organisation = (match[3] ?? "").trim();
        if (!name || listed.has(name.toLowerCase())) continue;
        if (role && NOT_A_ROLE.test(role)) continue;
        const parts = name.split(/\s+/);
        if (words && parts.every((part) => /^\p{Lu}\.$/u.test(part) || words.correct(part.toLowerCase()))) continue;
        const item = itemAt(index);
        const known = found.find((person) => person.name === name);
        if (known) {
          if (item !== undefined && known.presentFor && !known.presentFor.includes(item)) known.presentFor.push(item);
          continue;
        }
        const person: ListedPerson = { text: `${name}${organisation ? ` (${organisation})` : ""}${role ? `, ${role}` : ""}`, name };
        if (item !== undefined) person.presentFor = [item];
        found.push(person);
        where.push(`${name}${item !== undefined ? ` (punkt ${item})` : ""}: "${shorten(match[0].trim())}"`);
      }
    }
  });
  if (found.length === 0) return;
  draft.guests.push(...found);
  draft.review.push(
    found.length === 1
      ? `En gæst er fundet i teksten, ikke i en liste: ${where.join("; ")}. Kontrollér, at det er en gæst (ikke et nyt medlem), rollen og de punkter, vedkommende var med under (present_for).`
      : `${found.length} gæster er fundet i teksten, ikke i en liste: ${where.join("; ")}. Kontrollér, at det er gæster (ikke nye medlemmer), deres roller og de punkter, de var med under (present_for).`,
  );
}

/**
 * A listed member or staff member who was away for some items, as the text says it: "X deltog ikke
 * under punktet" (the item it stands under), "X forlod mødet under/efter punkt 5", "X kom under/efter
 * punkt 2". The person gets `present_for` (the other items) and one review entry names them all.
 */
function findPartialPresence(lines: readonly TextLine[], candidates: readonly Candidate[], draft: DraftMeeting): void {
  if (draft.items.length < 2 || candidates.length === 0) return;
  const numbers = draft.items.map((item, index) => item.number ?? index + 1);
  const people = [...draft.attendees, ...draft.staff];
  const found: string[] = [];
  const itemAt = (index: number): number | undefined => {
    let position = -1;
    for (const [k, candidate] of candidates.entries()) if (candidate.index <= index) position = k;
    return position === -1 ? undefined : numbers[position];
  };
  lines.forEach((line, index) => {
    for (const person of people) {
      if (!line.text.includes(person.name)) continue;
      const after = line.text.slice(line.text.indexOf(person.name) + person.name.length);
      let away: number[] | undefined;
      const notHere =
        /^\s*(?:\([^)]*\)\s*)?(?:deltog|var)\s+ikke\s+(?:til\s+stede\s+)?(?:under|i|ved)\s+(?:behandlingen\s+af\s+)?(?:punktet|dette\s+punkt|sagen)/iu.exec(
          after,
        );
      const left = /^\s*(?:forlod|gik\s+fra)\s+mødet\s+(under|efter|før)\s+(?:punkt|pkt\.)\s*(\d{1,3})/iu.exec(after);
      const came = /^\s*(?:kom|ankom|deltog\s+fra)\s+(?:til\s+mødet\s+)?(under|efter|før|fra)\s+(?:punkt|pkt\.)\s*(\d{1,3})/iu.exec(after);
      if (notHere) {
        const item = itemAt(index);
        if (item !== undefined) away = [item];
      } else if (left) {
        const n = Number(left[2]);
        away = numbers.filter((number) => (left[1]?.toLowerCase() === "efter" ? number > n : left[1]?.toLowerCase() === "før" ? number >= n : number >= n));
      } else if (came) {
        const n = Number(came[2]);
        away = numbers.filter((number) => (came[1]?.toLowerCase() === "efter" ? number <= n : number < n));
      }
      if (!away || away.length === 0 || !away.every((number) => numbers.includes(number))) continue;
      const present = (person.presentFor ?? numbers).filter((number) => !away.includes(number));
      if (present.length === 0) continue;
      person.presentFor = present;
      found.push(`${person.name} (${shorten(line.text.trim())})`);
    }
  });
  if (found.length) {
    draft.review.push(
      `Teksten siger, at ${found.length === 1 ? "en deltager" : `${found.length} deltagere`} ikke var med under hele mødet: ${found.join("; ")}. Kontrollér punkterne under present_for.`,
    );
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One line of body text as Markdown: bullets as list items, nothing read as structure. */
function markdownLine(line: TextLine): string {
  const text = line.text.replace(/\t+/g, " – ");
  if (line.listItem) return `- ${escapeMarkdown(text)}`;
  const bullet = /^(?:[•·▪◦●○■□‣⁃*]|o(?=\s)|-(?=\s))\s*(.*)$/u.exec(text);
  if (bullet) return `- ${escapeMarkdown(bullet[1] ?? "")}`;
  if (line.heading !== undefined) return `### ${escapeMarkdown(text)}`;
  return escapeMarkdown(text);
}

/** Keeps text from being read as a heading, a fence, a rule or front matter. */
export function escapeMarkdown(text: string): string {
  if (/^#/.test(text)) return `\\${text}`;
  if (/^(?:```|~~~)/.test(text)) return `\\${text}`;
  if (/^(?:-{3,}|={3,}|\*{3,}|_{3,})\s*$/.test(text)) return `\\${text}`;
  if (/^>/.test(text)) return `\\${text}`;
  return text;
}

/** Blank lines: at most one in a row, none at the start or end. */
function tidy(body: string[]): string[] {
  const out: string[] = [];
  for (const [index, line] of body.entries()) {
    if (line === "" && (out.length === 0 || out[out.length - 1] === "")) continue;
    // No blank line between two items of one list.
    if (
      line === "" &&
      out[out.length - 1]?.startsWith("- ") &&
      body
        .slice(index + 1)
        .find((next) => next !== "")
        ?.startsWith("- ")
    )
      continue;
    out.push(line);
  }
  while (out.length && out[out.length - 1] === "") out.pop();
  return out;
}
