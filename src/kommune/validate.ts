// Validation of one kommune.yaml, from bytes to a `Kommune` (without meetings) or problems.
// Same machinery as the meetings: safe YAML, a strict zod schema, Danish messages at YAML positions.
// Pure: the logo's existence on disk is checked by src/content/load.ts through the returned reporter.
import type { Problem } from "../report/problem.ts";
import { messages } from "../minutes/messages.ts";
import type { Council, Kommune, Person } from "../minutes/model.ts";
import { decodeUtf8, parsePersonText } from "../minutes/parse.ts";
import { reportIssues, reportYamlFailure, type FieldTables } from "../yaml/issues.ts";
import { getAt, isRecord, stripUndefined } from "../yaml/values.ts";
import { parseYaml } from "../yaml/parse.ts";
import type { YamlPath } from "../yaml/positions.ts";
import { ProblemReporter } from "../yaml/report.ts";
import { contrastWithWhite, darkenToContrast, MIN_CONTRAST } from "./contrast.ts";
import { KOMMUNE_KNOWN_KEYS, kommuneSchema, SLUG, type KommuneData } from "./schema.ts";
import { MISSING_HINTS } from "../minutes/messages.ts";

/** kommune.yaml is a page of settings; anything larger is a mistake. */
export const MAX_KOMMUNE_BYTES = 64 * 1024;

export interface KommuneContext {
  /** The file as the user sees it. */
  file: string;
  /** The kommune's slug (its folder name). */
  slug: string;
  /** Absolute path of kommune.yaml. */
  absolutePath: string;
  /** Absolute folder of the kommune (where the logo lies). */
  folder: string;
}

export interface KommuneResult {
  /** The kommune with empty meeting lists, when valid. */
  kommune?: Kommune;
  /** Council slugs and names as declared, even when other fields fail: for the cross-file checks. */
  councils: Map<string, string>;
  /** The logo file name as written, when it is a plain file name: checked on disk by the loader. */
  logo?: string;
  problems: Problem[];
  reporter: ProblemReporter;
}

/** Positions of council entries are keyed by their slug; tables use `councils.*`. */
function kommuneGeneric(path: YamlPath): string {
  const parts = path.filter((part): part is string => typeof part === "string");
  if (parts[0] === "councils" && parts.length > 1) parts[1] = "*";
  return parts.join(".");
}

const KOMMUNE_FIELDS: FieldTables = {
  knownKeys: KOMMUNE_KNOWN_KEYS,
  hints: { ...MISSING_HINTS, "councils.*.name": MISSING_HINTS["councils.name"] ?? "" },
  dates: new Set(),
  times: new Set(),
  counts: new Set(),
  minimums: {},
  generic: kommuneGeneric,
  rules: {
    colour: (value) => messages.badColour(value),
    logo: (value) => messages.badLogoType(String(value)),
    email: (value) => messages.badEmail(value),
    cvr: (value) => messages.badCvr(value),
    councils: () => messages.emptyList("ét råd"),
  },
};

/** Validates the bytes of a kommune.yaml. Never throws for bad content. */
export function validateKommuneBytes(bytes: Uint8Array, context: KommuneContext): KommuneResult {
  const councils = new Map<string, string>();
  const fileReporter = new ProblemReporter(context.file);
  if (bytes.byteLength > MAX_KOMMUNE_BYTES) {
    fileReporter.atLine(1, 1, "fil", messages.fileTooLarge(bytes.byteLength, MAX_KOMMUNE_BYTES, "kommune.yaml"));
    return { councils, problems: fileReporter.problems, reporter: fileReporter };
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    fileReporter.atLine(decoded.line, decoded.col, "fil", messages.notUtf8(decoded.line));
    return { councils, problems: fileReporter.problems, reporter: fileReporter };
  }
  const source = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  const parsed = parseYaml(source);
  if (!parsed.ok) {
    reportYamlFailure(fileReporter, source, parsed.failure);
    return { councils, problems: fileReporter.problems, reporter: fileReporter };
  }
  const reporter = new ProblemReporter(context.file, source, parsed.events);
  const raw = parsed.value ?? {};
  if (!isRecord(raw)) {
    reporter.atValue([], messages.notMapping(raw), "kommune.yaml");
    return { councils, problems: reporter.problems, reporter };
  }
  if (isRecord(raw.councils)) {
    for (const [slug, council] of Object.entries(raw.councils)) {
      councils.set(slug, isRecord(council) && typeof council.name === "string" ? council.name : slug);
    }
  }

  const logoValue = getAt(raw, ["look", "logo"]);
  const logo = typeof logoValue === "string" && /^[^/\\]+$/.test(logoValue) ? { logo: logoValue } : {};

  const result = kommuneSchema.safeParse(raw);
  if (!result.success) reportIssues(reporter, result.error.issues, raw, KOMMUNE_FIELDS);
  checkKommuneRules(reporter, raw);
  if (!result.success || !reporter.ok) return { councils, ...logo, problems: reporter.problems, reporter };
  return { kommune: toKommune(result.data, context), councils, ...logo, problems: [], reporter };
}

function checkKommuneRules(reporter: ProblemReporter, raw: Record<string, unknown>): void {
  // A draft's guesses stop `check` and `build` until the secretary has looked, as in a meeting.
  if (Array.isArray(raw.review)) {
    raw.review.forEach((entry, index) => {
      if (typeof entry === "string" && entry.trim() !== "") reporter.atValue(["review", index], messages.reviewEntry(entry));
    });
  }
  const colour = getAt(raw, ["look", "colour"]);
  if (typeof colour === "string" && /^#[0-9a-fA-F]{6}$/.test(colour)) {
    const ratio = contrastWithWhite(colour);
    // Compare the ratio as printed, so a colour shown as "4,50:1" is never rejected.
    if (Math.round(ratio * 100) / 100 < MIN_CONTRAST) {
      reporter.atValue(["look", "colour"], messages.lowContrast(colour, ratio, darkenToContrast(colour)));
    }
  }
  if (isRecord(raw.councils)) {
    for (const [slug, council] of Object.entries(raw.councils)) {
      if (!SLUG.test(slug)) reporter.atKey(["councils", slug], messages.badSlug(slug));
      if (isRecord(council) && Array.isArray(council.members)) {
        council.members.forEach((member, index) => {
          if (typeof member !== "string") return;
          const person = parsePersonText(member);
          if (!person.ok) reporter.atValue(["councils", slug, "members", index], messages.badPerson(member, person.reason));
        });
      }
    }
  }
}

function toPerson(input: string | { name: string; organisation?: string | null | undefined; role?: string | null | undefined }): Person {
  if (typeof input === "string") {
    const parsed = parsePersonText(input);
    return parsed.ok ? stripUndefined({ name: parsed.name, organisation: parsed.organisation, role: parsed.role }) : { name: input };
  }
  return stripUndefined({ name: input.name.trim(), organisation: input.organisation ?? undefined, role: input.role ?? undefined });
}

/** The one place where kommune.yaml's snake_case keys become the camelCase model. */
function toKommune(data: KommuneData, context: KommuneContext): Kommune {
  const councils: Council[] = Object.entries(data.councils).map(([slug, council]) =>
    stripUndefined({
      kommune: context.slug,
      slug,
      name: council.name.trim(),
      description: council.description?.trim() ?? undefined,
      members: (council.members ?? []).map(toPerson),
      attendance: council.attendance === true ? true : undefined,
      meetings: [],
    }),
  );
  const contact = data.contact ?? {};
  return stripUndefined({
    slug: context.slug,
    name: data.name.trim(),
    website: data.website ?? undefined,
    accessibilityStatement: data.accessibility_statement,
    feedback: data.feedback ?? undefined,
    baseUrl: data.base_url ?? undefined,
    license:
      data.license == null
        ? undefined
        : typeof data.license === "string"
          ? { name: data.license.trim() }
          : stripUndefined({ name: data.license.name.trim(), url: data.license.url ?? undefined }),
    look: stripUndefined({
      colour: data.look.colour.toLowerCase(),
      logo: data.look.logo ?? undefined,
      logoSourcePath: data.look.logo ? `${context.folder}/${data.look.logo}` : undefined,
    }),
    contact: stripUndefined({
      address: contact.address ?? undefined,
      phone: contact.phone == null ? undefined : String(contact.phone),
      email: contact.email ?? undefined,
      cvr: contact.cvr == null ? undefined : String(contact.cvr),
      hours: contact.hours ?? undefined,
    }),
    councils,
    sourcePath: context.absolutePath,
  });
}
