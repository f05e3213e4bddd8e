// Validation of one meeting file, from bytes to a `Meeting` or a list of problems. Pure: the file
// system is read by src/content/load.ts, which also checks what spans files (addresses, councils,
// attachments on disk). The schema (src/minutes/schema.ts) checks shapes; the rules here check what
// spans fields and sections. Snake_case keys become camelCase in one place: `toMeeting` below.
import { formatDate, isCalendarDate, readClockTime } from "../format/dates.ts";
import type { Problem } from "../report/problem.ts";
import { reportIssues, reportYamlFailure, type FieldTables } from "../yaml/issues.ts";
import type { YamlPath } from "../yaml/positions.ts";
import { ProblemReporter, formatField } from "../yaml/report.ts";
import { isRecord, stripUndefined } from "../yaml/values.ts";
import { messages, MISSING_HINTS } from "./messages.ts";
import type { Absentee, Attachment, Attendee, Item, Meeting, Person } from "./model.ts";
import { attachmentNameKey, attachmentNameProblem } from "../trust/attachments.ts";
import { decodeUtf8, normalisePersonName, parsePersonText, parsePresentFor, personKey, splitFrontMatter, splitSections, type Section } from "./parse.ts";
import { frontMatterSchema, KNOWN_KEYS, type FrontMatter, type ItemInput, type PersonInput } from "./schema.ts";

/** Size caps: a meeting file is text, and front matter is a page of fields, not a database. */
export const MAX_MEETING_BYTES = 1024 * 1024;
export const MAX_FRONT_MATTER_BYTES = 64 * 1024;

/** Where a meeting file sits: everything validation needs beyond its bytes. */
export interface MeetingContext {
  /** The file as the user sees it (relative to the working directory). */
  file: string;
  absolutePath: string;
  /** Relative to the content folder, forward slashes. */
  sourcePath: string;
  kommune: string;
  raad: string;
  /** `yyyy-mm-dd` or `yyyy-mm-dd-2`. */
  slug: string;
  year: string;
  /** The council's name from kommune.yaml, for the default title; the slug when unknown. */
  councilName: string;
  /** Absolute folder of the meeting's attachments (`<yyyy-mm-dd>/` beside the file). */
  attachmentDir: string;
}

/** A validated meeting, or the problems that kept it from being one. */
export interface MeetingResult {
  meeting?: Meeting;
  problems: Problem[];
  /** Reports further problems at YAML paths of this file (used for checks on disk). */
  reporter: ProblemReporter;
  /** The front matter date, when it is a valid date (for the layout checks), even if other fields fail. */
  date?: string;
  /** When the meeting is not valid: its `cpr_allow` texts as written, if readable (for the CPR guard). */
  cprAllow?: string[];
}

const FIELD_FILE = "fil";

/** Validates a meeting file's bytes. Never throws for bad content. */
export function validateMeetingBytes(bytes: Uint8Array, context: MeetingContext): MeetingResult {
  const fileReporter = new ProblemReporter(context.file);
  if (bytes.byteLength > MAX_MEETING_BYTES) {
    fileReporter.atLine(1, 1, FIELD_FILE, `${messages.fileTooLarge(bytes.byteLength, MAX_MEETING_BYTES, "et møde")}; ${messages.meetingTooLargeHint}`);
    return { problems: fileReporter.problems, reporter: fileReporter };
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    fileReporter.atLine(decoded.line, decoded.col, FIELD_FILE, messages.notUtf8(decoded.line));
    return { problems: fileReporter.problems, reporter: fileReporter };
  }
  return validateMeetingText(decoded.text, context);
}

/** Validates a meeting file's text (already decoded). Never throws for bad content. */
export function validateMeetingText(text: string, context: MeetingContext): MeetingResult {
  const split = splitFrontMatter(text, context.file);
  const reporter = new ProblemReporter(context.file, split.frontMatter, split.events);
  const { sections, issues } = splitSections(split.body, split.bodyLine);

  if (!split.hasFrontMatter) {
    reporter.atLine(1, 1, FIELD_FILE, messages.noFrontMatter);
    return { problems: reporter.problems, reporter };
  }
  if (!split.closed) {
    reporter.atLine(1, 1, FIELD_FILE, messages.frontMatterNotClosed);
    return { problems: reporter.problems, reporter };
  }
  const frontMatterBytes = Buffer.byteLength(split.frontMatter, "utf8");
  if (frontMatterBytes > MAX_FRONT_MATTER_BYTES) {
    reporter.atLine(1, 1, FIELD_FILE, messages.frontMatterTooLarge(frontMatterBytes, MAX_FRONT_MATTER_BYTES));
    return { problems: reporter.problems, reporter };
  }
  for (const issue of issues) {
    // A heading inside an item's section is named by that section.
    const section = sections.findLast((candidate) => candidate.line < issue.line);
    reporter.atLine(issue.line, issue.col, section ? `## ${section.heading}` : FIELD_FILE, messages[issue.kind]);
  }
  if (split.yamlFailure) {
    reportYamlFailure(reporter, split.frontMatter, split.yamlFailure);
    return { problems: reporter.problems, reporter };
  }
  const raw = split.data ?? {};
  if (!isRecord(raw)) {
    reporter.atValue([], messages.notMapping(raw), "hoved");
    return { problems: reporter.problems, reporter };
  }

  const parsed = frontMatterSchema.safeParse(raw);
  const suggested = parsed.success ? new Set<string>() : reportIssues(reporter, parsed.error.issues, raw, MEETING_FIELDS);
  checkRules(reporter, raw, sections, suggested);
  if (parsed.success && reporter.ok) {
    return { meeting: toMeeting(parsed.data, sections, context), problems: [], reporter, date: parsed.data.date };
  }
  // The date is still wanted for the layout checks; luxon is costly, so it is checked again only here.
  const date = typeof raw.date === "string" && isCalendarDate(raw.date) ? raw.date : undefined;
  const cprAllow = Array.isArray(raw.cpr_allow) ? raw.cpr_allow.filter((entry) => typeof entry === "string").map((entry) => entry.trim()) : undefined;
  return { problems: reporter.problems, reporter, ...(date ? { date } : {}), ...(cprAllow ? { cprAllow } : {}) };
}

// ---------------------------------------------------------------------------------------------
// The meeting's tables for turning schema issues into Danish problems (src/yaml/issues.ts).

const MEETING_FIELDS: FieldTables = {
  knownKeys: KNOWN_KEYS,
  hints: MISSING_HINTS,
  dates: new Set(["date", "approved", "corrections.date", "next_meeting.date"]),
  times: new Set(["start", "end", "next_meeting.start", "next_meeting.end"]),
  counts: new Set(["items.number", "items.duration", "attendees.present_for", "staff.present_for", "guests.present_for"]),
  minimums: { items: "ét punkt" },
};

// ---------------------------------------------------------------------------------------------
// Rules across fields and sections. They read the raw front matter defensively, so that every
// problem is reported in one run even when the schema has already failed elsewhere.

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const present = (value: unknown): boolean => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0);

/** The name of a raw person (text or object), if it can be read. */
function personName(value: unknown): string | undefined {
  if (typeof value === "string") {
    const parsed = parsePersonText(value);
    return parsed.ok ? parsed.name : undefined;
  }
  if (isRecord(value) && typeof value.name === "string") return value.name.trim();
  return undefined;
}

/** Raw item numbers: `number` when a whole number above zero, else the position. */
function itemNumbers(items: readonly unknown[]): number[] {
  return items.map((item, index) => {
    const number = isRecord(item) ? item.number : undefined;
    return typeof number === "number" && Number.isInteger(number) && number > 0 ? number : index + 1;
  });
}

function checkRules(reporter: ProblemReporter, raw: Record<string, unknown>, sections: readonly Section[], suggested: ReadonlySet<string>): void {
  const start = readClockTime(raw.start);
  const end = readClockTime(raw.end);
  if (start !== undefined && end !== undefined && end <= start) {
    reporter.atValue(["end"], messages.endBeforeStart(start, end));
  }
  if (raw.status === "dagsorden" && present(raw.approved)) reporter.atKey(["approved"], messages.approvedAgenda);
  // Only when neither is written at all: a wrong value or a misspelt key is reported on its own.
  // An imported meeting whose source gives no place is shown as "Sted ikke oplyst": nothing is made up.
  if (raw.venue == null && raw.online == null && raw.imported_from == null && !suggested.has("venue") && !suggested.has("online")) {
    reporter.atValue([], messages.noVenue, "venue");
  }
  checkPersonTexts(reporter, raw);

  // Nobody twice among those present (a member, from the administration or a guest), nor twice
  // among the absent; and nobody present and absent at once. Names are compared as people read
  // them: `Anna  Holm`, `anna holm` and `Anna\u00a0Holm` are one person.
  const presentIn = new Map<string, { list: string; field: string }>();
  for (const list of ["attendees", "staff", "guests"] as const) {
    asArray(raw[list]).forEach((person, index) => {
      const name = personName(person);
      if (!name) return;
      const first = presentIn.get(personKey(name));
      if (first) reporter.atValue([list, index], messages.personTwice(normalisePersonName(name), first.field));
      else presentIn.set(personKey(name), { list, field: formatField([list, index]) });
    });
  }
  const absentIn = new Map<string, string>();
  asArray(raw.absentees).forEach((absentee, index) => {
    const name = personName(absentee);
    if (!name) return;
    const list = presentIn.get(personKey(name))?.list;
    const earlier = absentIn.get(personKey(name));
    if (list) reporter.atValue(["absentees", index], messages.presentAndAbsent(normalisePersonName(name), list));
    else if (earlier) reporter.atValue(["absentees", index], messages.personTwice(normalisePersonName(name), earlier));
    else absentIn.set(personKey(name), formatField(["absentees", index]));
  });

  const items = asArray(raw.items);
  const numbers = itemNumbers(items);
  checkFileNames(reporter, raw, items);
  const firstIndexOf = new Map<number, number>();
  items.forEach((item, index) => {
    const number = numbers[index] ?? index + 1;
    const earlier = firstIndexOf.get(number);
    if (earlier !== undefined) {
      const explicit = isRecord(item) && item.number !== undefined;
      const earlierItem = items[earlier];
      const earlierTitle = isRecord(earlierItem) && typeof earlierItem.title === "string" ? earlierItem.title : undefined;
      reporter.atValue(
        explicit ? ["items", index, "number"] : ["items", index],
        messages.duplicateNumber(number, earlier + 1, earlierTitle),
        formatField(["items", index, "number"]),
      );
    } else {
      firstIndexOf.set(number, index);
    }
    if (!isRecord(item)) return;
    asArray(item.attachments).forEach((attachment, a) => {
      if (!isRecord(attachment)) return;
      if (attachment.published === false) {
        if (attachment.file != null) reporter.atKey(["items", index, "attachments", a, "file"], messages.unpublishedWithFile);
      } else if (attachment.file == null && !suggested.has(formatField(["items", index, "attachments", a, "file"]))) {
        reporter.atValue(["items", index, "attachments", a], messages.attachmentWithoutFile, formatField(["items", index, "attachments", a, "file"]));
      }
    });
    const editorial = asArray(item.editorial);
    editorial.forEach((field, e) => {
      if (typeof field !== "string") return;
      if (editorial.indexOf(field) !== e) reporter.atValue(["items", index, "editorial", e], messages.editorialTwice(field));
      else if (field === "kind" && item.kind == null) reporter.atValue(["items", index, "editorial", e], messages.editorialKindWithoutKind);
    });
    if (item.closed === true) {
      for (const field of ["attachments", "presenter", "conflicts"] as const) {
        if (present(item[field])) reporter.atKey(["items", index, field], messages.closedWithField(field));
      }
    } else if (present(item.public_decision)) {
      reporter.atKey(["items", index, "public_decision"], messages.publicDecisionOnOpen);
    }
  });

  // present_for names existing items, for attendees, staff and guests alike.
  const known = [...new Set(numbers)].sort((a, b) => a - b);
  for (const list of ["attendees", "staff", "guests"] as const) {
    asArray(raw[list]).forEach((person, index) => {
      if (!isRecord(person)) return;
      const value = person.present_for;
      const valid =
        (typeof value === "string" && /^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$/.test(value)) ||
        (typeof value === "number" && Number.isSafeInteger(value)) ||
        (Array.isArray(value) && value.every((n) => typeof n === "number" && Number.isSafeInteger(n)));
      if (!valid) return;
      if (typeof value === "string") {
        // "3-1" names no item at all: a reversed range is a mistake, not an empty one.
        const reversed = value
          .split(",")
          .map((part) => part.trim())
          .find((part) => {
            const [from, to] = part.split("-").map((n) => Number(n.trim()));
            return to !== undefined && from !== undefined && from > to;
          });
        if (reversed !== undefined) {
          const [from = 0, to = 0] = reversed.split("-").map((n) => Number(n.trim()));
          reporter.atValue([list, index, "present_for"], messages.presentForReversed(reversed.replace(/\s+/g, ""), from, to));
          return;
        }
      }
      if (items.length === 0) return;
      const missing = [...new Set(parsePresentFor(value as string | number | number[]))].filter((n) => !firstIndexOf.has(n));
      if (missing.length) reporter.atValue([list, index, "present_for"], messages.presentForUnknown(missing, known));
    });
  }

  checkSections(reporter, items, numbers, sections);

  // A draft's guesses: each one stops `check` and `build` until the secretary has looked.
  asArray(raw.review).forEach((entry, index) => {
    if (typeof entry === "string" && entry.trim() !== "") reporter.atValue(["review", index], messages.reviewEntry(entry));
  });
}

/**
 * The names of the files a meeting publishes (its attachments and imported original): of a type
 * that is safe to serve from the site (src/trust/attachments.ts), and no two the same file on a
 * host that folds case or Unicode forms.
 */
function checkFileNames(reporter: ProblemReporter, raw: Record<string, unknown>, items: readonly unknown[]): void {
  const seen = new Map<string, string>();
  const check = (file: unknown, path: YamlPath) => {
    // A name with folders is the schema's to report.
    if (typeof file !== "string" || !/^[^/\\]+$/.test(file) || file === "." || file === "..") return;
    const problem = attachmentNameProblem(file);
    if (problem) {
      reporter.atValue(path, messages.attachmentName(file, problem));
      return;
    }
    const key = attachmentNameKey(file);
    const earlier = seen.get(key);
    if (earlier === undefined) seen.set(key, file);
    else if (earlier !== file) reporter.atValue(path, messages.attachmentSameName(file, earlier));
  };
  items.forEach((item, index) => {
    if (!isRecord(item)) return;
    asArray(item.attachments).forEach((attachment, a) => {
      if (isRecord(attachment) && attachment.published !== false) check(attachment.file, ["items", index, "attachments", a, "file"]);
    });
  });
  if (isRecord(raw.imported_from)) check(raw.imported_from.file, ["imported_from", "file"]);
}

/** Person texts that cannot be read, wherever a person may stand. */
function checkPersonTexts(reporter: ProblemReporter, raw: Record<string, unknown>): void {
  const check = (value: unknown, path: YamlPath) => {
    if (typeof value !== "string" || value.trim() === "") return;
    const parsed = parsePersonText(value);
    if (!parsed.ok) reporter.atValue(path, messages.badPerson(value, parsed.reason));
  };
  for (const list of ["attendees", "absentees", "staff", "guests"] as const) {
    asArray(raw[list]).forEach((person, index) => {
      check(person, [list, index]);
      if (list === "absentees" && isRecord(person)) check(person.substitute, [list, index, "substitute"]);
    });
  }
  check(raw.minute_taker, ["minute_taker"]);
  asArray(raw.items).forEach((item, index) => {
    if (!isRecord(item)) return;
    if (Array.isArray(item.presenter)) item.presenter.forEach((person, j) => check(person, ["items", index, "presenter", j]));
    else check(item.presenter, ["items", index, "presenter"]);
    asArray(item.conflicts).forEach((person, j) => check(person, ["items", index, "conflicts", j]));
  });
}

function normaliseTitle(title: string): string {
  return title.replace(/\s+/g, " ").trim();
}

/** Items and `## ` sections agree in count, order and title; closed items have empty sections. */
function checkSections(reporter: ProblemReporter, items: readonly unknown[], numbers: readonly number[], sections: readonly Section[]): void {
  const titles = items.map((item) => (isRecord(item) && typeof item.title === "string" ? normaliseTitle(item.title) : undefined));
  const headings = sections.map((section) => normaliseTitle(section.heading));
  const field = (section: Section) => `## ${section.heading}`;
  const matchedSection = new Map<number, Section>();

  if (titles.length === headings.length) {
    sections.forEach((section, index) => {
      const title = titles[index];
      const heading = headings[index] ?? "";
      if (title === undefined) return;
      if (title === heading) {
        matchedSection.set(index, section);
        return;
      }
      const elsewhere = titles.indexOf(heading);
      if (elsewhere !== -1 && elsewhere !== index) {
        reporter.atLine(section.line, 1, field(section), messages.sectionOutOfOrder(section.heading, numbers[elsewhere] ?? elsewhere + 1, index + 1));
      } else {
        reporter.atLine(section.line, 1, field(section), messages.sectionMismatch(section.heading, numbers[index] ?? index + 1, title));
      }
    });
  } else {
    // Different counts: pair by title, then report what is left over on either side.
    const used = new Set<number>();
    let lastMatched = -1;
    sections.forEach((section, position) => {
      const heading = headings[position] ?? "";
      const index = titles.findIndex((title, i) => title === heading && !used.has(i));
      if (index === -1) {
        reporter.atLine(section.line, 1, field(section), messages.sectionExtra(section.heading));
        return;
      }
      used.add(index);
      matchedSection.set(index, section);
      if (index < lastMatched) {
        reporter.atLine(section.line, 1, field(section), messages.sectionOutOfOrder(section.heading, numbers[index] ?? index + 1, position + 1));
      }
      lastMatched = Math.max(lastMatched, index);
    });
    titles.forEach((title, index) => {
      if (title !== undefined && !used.has(index)) {
        reporter.atValue(["items", index, "title"], messages.sectionMissing(numbers[index] ?? index + 1, title));
      }
    });
  }

  // Closed items: nothing under the heading.
  matchedSection.forEach((section, index) => {
    const item = items[index];
    if (isRecord(item) && item.closed === true && section.body !== "") {
      reporter.atLine(section.bodyLine ?? section.line, 1, field(section), messages.closedWithBody(numbers[index] ?? index + 1, titles[index] ?? ""));
    }
  });
}

// ---------------------------------------------------------------------------------------------
// The one place where snake_case front matter becomes the camelCase model.

function toPerson(input: PersonInput): Person {
  if (typeof input === "string") {
    const parsed = parsePersonText(input);
    // checkPersonTexts has rejected unreadable texts before we get here.
    return parsed.ok
      ? stripUndefined({ name: normalisePersonName(parsed.name), organisation: parsed.organisation, role: parsed.role })
      : { name: normalisePersonName(input) };
  }
  return stripUndefined({ name: normalisePersonName(input.name), organisation: input.organisation ?? undefined, role: input.role ?? undefined });
}

/** An attendee, a guest or one of the staff: a person, perhaps present for some items only. */
function toAttendee(input: FrontMatter["attendees"][number]): Attendee {
  if (typeof input === "string") return toPerson(input);
  const presentFor = input.present_for == null ? undefined : [...new Set(parsePresentFor(input.present_for))].sort((a, b) => a - b);
  return stripUndefined({ ...toPerson({ name: input.name, organisation: input.organisation, role: input.role }), presentFor });
}

function toAbsentee(input: NonNullable<FrontMatter["absentees"]>[number]): Absentee {
  if (typeof input === "string") return toPerson(input);
  return stripUndefined({
    ...toPerson({ name: input.name, organisation: input.organisation, role: input.role }),
    substitute: input.substitute == null ? undefined : toPerson(input.substitute),
  });
}

function toAttachment(input: { file: string; title: string }, context: MeetingContext): Attachment {
  const dot = input.file.lastIndexOf(".");
  return {
    file: input.file,
    title: input.title.trim(),
    type: dot > 0 ? input.file.slice(dot + 1).toLowerCase() : "",
    // Filled from the file system by src/content/load.ts.
    size: 0,
    sourcePath: `${context.attachmentDir}/${input.file}`,
  };
}

function toItem(input: ItemInput, index: number, section: Section | undefined, context: MeetingContext): Item {
  const closed = input.closed === true;
  return stripUndefined({
    number: input.number ?? index + 1,
    title: normaliseTitle(input.title),
    kind: input.kind ?? undefined,
    closed,
    publicDecision: closed ? (input.public_decision?.trim() ?? undefined) : undefined,
    presenters: input.presenter == null ? [] : Array.isArray(input.presenter) ? input.presenter.map(toPerson) : [toPerson(input.presenter)],
    duration: input.duration ?? undefined,
    attachments: (input.attachments ?? []).flatMap((attachment) =>
      attachment.published === false || attachment.file == null ? [] : [toAttachment({ file: attachment.file, title: attachment.title }, context)],
    ),
    unpublishedAttachments: (input.attachments ?? []).flatMap((attachment) => (attachment.published === false ? [{ title: attachment.title.trim() }] : [])),
    conflicts: (input.conflicts ?? []).map(toPerson),
    follows: input.follows ?? [],
    editorial: [...new Set(input.editorial ?? [])],
    body: closed ? "" : (section?.body ?? ""),
    line: section?.line ?? 1,
  });
}

/**
 * formatDate ("6. september 2023") for the default title. Luxon costs about 0.1 ms a date, and an
 * archive has thousands of dates (each worker thread its own memo): the twelve month names are
 * taken from formatDate once, and the day and year (validated `YYYY-MM-DD`) are plain digits.
 */
let monthNames: string[] | undefined;
function titleDate(date: string): string {
  monthNames ??= Array.from({ length: 12 }, (_, i) => {
    const formatted = formatDate(`2000-${String(i + 1).padStart(2, "0")}-01`);
    return formatted.slice("1. ".length, -" 2000".length);
  });
  const month = monthNames[Number(date.slice(5, 7)) - 1];
  return month === undefined ? formatDate(date) : `${Number(date.slice(8, 10))}. ${month} ${date.slice(0, 4)}`;
}

/** Builds the model from validated front matter and its sections (which agree with the items). */
function toMeeting(data: FrontMatter, sections: readonly Section[], context: MeetingContext): Meeting {
  const status = data.status ?? "referat";
  const title =
    data.title?.trim() ?? `${status === "dagsorden" ? "Dagsorden til møde i" : "Referat af møde i"} ${context.councilName} den ${titleDate(data.date)}`;
  return stripUndefined({
    kommune: context.kommune,
    raad: context.raad,
    slug: context.slug,
    year: context.year,
    url: `/${context.kommune}/${context.raad}/${context.slug}/`,
    sourcePath: context.sourcePath,
    absolutePath: context.absolutePath,
    date: data.date,
    start: data.start ?? undefined,
    end: data.end ?? undefined,
    venue: data.venue?.trim() ?? undefined,
    online: data.online?.trim() ?? undefined,
    title,
    status,
    approved: data.approved ?? undefined,
    attendees: data.attendees.map(toAttendee),
    absentees: (data.absentees ?? []).map(toAbsentee),
    staff: (data.staff ?? []).map(toAttendee),
    guests: (data.guests ?? []).map(toAttendee),
    minuteTaker: data.minute_taker == null ? undefined : toPerson(data.minute_taker),
    items: data.items.map((item, index) => toItem(item, index, sections[index], context)),
    corrections: (data.corrections ?? []).map((correction) => ({ date: correction.date, text: correction.text.trim() })),
    nextMeeting:
      data.next_meeting == null
        ? undefined
        : stripUndefined({
            date: data.next_meeting.date,
            start: data.next_meeting.start ?? undefined,
            end: data.next_meeting.end ?? undefined,
            venue: data.next_meeting.venue ?? undefined,
            online: data.next_meeting.online ?? undefined,
            note: data.next_meeting.note ?? undefined,
          }),
    importedFrom:
      data.imported_from == null
        ? undefined
        : stripUndefined({
            url: data.imported_from.url ?? undefined,
            format: data.imported_from.format ?? undefined,
            title: data.imported_from.title ?? undefined,
            original:
              data.imported_from.file == null
                ? undefined
                : toAttachment({ file: data.imported_from.file, title: data.imported_from.title ?? "Det oprindelige dokument" }, context),
            checksum: data.imported_from.checksum ?? undefined,
          }),
    cprAllow: (data.cpr_allow ?? []).map((value) => value.trim()),
  });
}
