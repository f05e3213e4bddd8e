// Lists of persons as Danish minutes write them: comma lists ("Jette Nyboe, Allan Høyer"), one per
// line or bullet, tab-separated or table rows ("Anna Holm<TAB>Kirkens Korshær"), "Navn
// (Organisation)", "Navn, rolle", and the marks for a minute taker ("(referent)") and a substitute
// ("stedfortræder for", "mødte for"). Pure functions from text to person texts in the content
// format's form "Navn (Organisation), rolle".

/** One person as the content format writes it, and what the list said about them. */
export interface ListedPerson {
  /** "Navn (Organisation), rolle", as the source gave it. */
  text: string;
  name: string;
  /** Marked as the minute taker: "(referent)", "referent". */
  minuteTaker?: boolean;
  /** This person stood in for the named one ("mødte for X", "stedfortræder for X"). */
  substituteFor?: string;
  /** This (absent) person's substitute ("stedfortræder: Y"). */
  substitute?: string;
  /** The item numbers this person was present for (a guest found in an item's text). */
  presentFor?: number[];
}

/** The cells of a table's header row: "Navn", "Organisation", "Funktion" … */
const TABLE_HEADER_CELL =
  /^(?:|navn|navne|deltager|deltagere|medlem|medlemmer|organisation|forening|afdeling|funktion|rolle|titel|repræsenterer|repræsentant for|udpeget af|bemærkning(?:er)?|fremmødt|til stede|afbud)$/i;
/** A table cell that is a person's role in the council or the administration, not an organisation. */
const ROLE_CELL =
  /^(?:formand|næstformand|medlem|menigt medlem|suppleant|stedfortræder|sekretær|referent|kasserer|observatør|tilforordnet|[\p{L}-]*(?:formand|leder|chef|konsulent|sekretær|direktør|rådgiver|koordinator|medarbejder|udvalgsmedlem))$/iu;
const BULLET = /^(?:[•·▪◦●○■□‣⁃*–—-]|o(?=\s)|\d{1,2}[.)](?=\s))\s*/u;
const PARTICLE = /^(?:von|van|de|la|af|du|le|da|di|el|bin|ibn)$/;

/** Removes a list bullet ("•", "-", "o ", "1.") from the start of a line. */
export function stripBullet(line: string): string {
  return line.trim().replace(BULLET, "").trim();
}

/** Whether `text` reads as a person's name: 1–5 capitalised words (a particle allowed), no digits. */
export function isNameLike(text: string): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length < 1 || words.length > 5 || text.trim() === "") return false;
  if (/[\d:;!?"“”]/.test(text)) return false;
  let capitals = 0;
  for (const word of words) {
    if (PARTICLE.test(word)) continue;
    if (!/^\p{Lu}[\p{L}'’.-]*$/u.test(word)) return false;
    capitals += 1;
  }
  return capitals >= 1;
}

/** Whether a line reads as one or more persons (the part before a parenthesis or comma is a name). */
export function isPersonLine(line: string): boolean {
  const text = stripBullet(line)
    .replace(/\t/g, ", ")
    .replace(/\s+og\s+(?=\p{Lu})/gu, ", ");
  if (text === "" || text.length > 160) return false;
  if (/[.!?]$/.test(text) && !/\b[A-ZÆØÅ]\.$/.test(text) && !/\)\.?$/.test(text)) return false;
  const head = text.split(/[(,]/, 1)[0]?.trim() ?? "";
  return isNameLike(head) && head.split(/\s+/).length >= (text.includes("(") || text.includes(",") ? 1 : 2);
}

/** Splits at commas outside parentheses. */
function splitOutside(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const char of text) {
    if (char === "(") depth += 1;
    if (char === ")") depth = Math.max(0, depth - 1);
    if (depth === 0 && separator.test(char)) {
      parts.push(current);
      current = "";
    } else current += char;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== "");
}

/**
 * The persons of a list's lines. A line with several names separated by commas (or "og") is a comma
 * list; a line with one name is one person, and what follows the comma is the role (or, from a
 * table's second column, the organisation).
 */
export function parsePersonLines(lines: readonly string[]): ListedPerson[] {
  const persons: ListedPerson[] = [];
  const texts = lines.map(stripBullet).filter((line) => line !== "");
  for (const line of texts) {
    // Table columns: "Navn<TAB>Organisation<TAB>rolle"; the table's own header row is no person.
    if (line.includes("\t") && line.split("\t").every((cell) => TABLE_HEADER_CELL.test(cell.trim()))) continue;
    if (line.includes("\t")) {
      const [name = "", organisation, ...rest] = line.split("\t").map((cell) => cell.trim());
      if (isNameLike(name.split(/[(,]/)[0] ?? "") && organisation !== undefined) {
        // "Anna Hansen<TAB>Formand": a role, not an organisation.
        if (ROLE_CELL.test(organisation)) {
          persons.push(person([name, organisation.charAt(0).toLowerCase() + organisation.slice(1), ...rest].filter(Boolean).join(", ")));
          continue;
        }
        persons.push(person(`${name} (${organisation})${rest.length ? `, ${rest.join(", ")}` : ""}`));
        continue;
      }
      for (const cell of line.split("\t")) persons.push(...parsePersonLines([cell]));
      continue;
    }
    const parts = splitOutside(line.replace(/\s+og\s+(?=\p{Lu})/gu, ", "), /[,;]/);
    const nameParts = parts.filter((part) => isNameLike(part.split("(")[0] ?? ""));
    // One person per line in a list of several lines ("Navn, Organisation"), unless the line itself
    // is a list (two or more commas, or "og" between names).
    const separators = parts.length - 1;
    const isList = nameParts.length >= 2 && (texts.length === 1 || separators >= 2 || /\s+og\s+\p{Lu}/u.test(line));
    if (isList) {
      // A comma list; a part that is not a name belongs to the person before it (a role).
      let current: string | undefined;
      for (const part of parts) {
        if (isNameLike(part.split("(")[0] ?? "") || current === undefined) {
          if (current !== undefined) persons.push(person(current));
          current = part;
        } else current = `${current}, ${part}`;
      }
      if (current !== undefined) persons.push(person(current));
    } else persons.push(person(line, true));
  }
  return persons;
}

const MINUTE_TAKER = /\s*[(,]\s*(?:og\s+)?referent\s*\)?\s*$/i;
const SUBSTITUTE_FOR = /\s*[(,–-]?\s*(?:stedfortræder|suppleant|mødte|deltog)\s+for\s+([^()]+?)\s*\)?\s*$/i;
const HAS_SUBSTITUTE =
  /\s*[(,–-]?\s*(?:stedfortræder|suppleant|i stedet mødte|mødte i stedet|i stedet deltog)\s*:?\s+(?:(?:stedfortræder|suppleant)(?:en)?\s+)?([^()]+?)\s*\)?\s*$/i;

/** One person's text, with the minute-taker and substitute marks read and taken out. */
function person(raw: string, alone = false): ListedPerson {
  let text = raw
    .replace(/\s+/g, " ")
    .replace(/[.;,]$/, "")
    .trim();
  const result: Partial<ListedPerson> = {};
  if (MINUTE_TAKER.test(text)) {
    result.minuteTaker = true;
    text = text.replace(MINUTE_TAKER, "").trim();
  }
  // "(konsulent og referent)": the role stays, the mark is read.
  if (/\(([^)]*)\breferent\)/i.test(text)) {
    result.minuteTaker = true;
    text = text
      .replace(/\s*og referent\)/i, ")")
      .replace(/,?\s*referent\)/i, ")")
      .replace(/\(\s*\)/, "")
      .trim();
  }
  const forMatch = SUBSTITUTE_FOR.exec(text);
  if (forMatch?.[1] && isNameLike(forMatch[1].split(/[(,]/)[0] ?? "")) {
    result.substituteFor = forMatch[1].trim();
    text = text.slice(0, forMatch.index).trim();
  } else {
    const hasMatch = HAS_SUBSTITUTE.exec(text);
    if (hasMatch?.[1] && isNameLike(hasMatch[1].split(/[(,]/)[0] ?? "")) {
      result.substitute = hasMatch[1].trim();
      text = text.slice(0, hasMatch.index).trim();
    }
  }
  text = text.replace(/[,(–-]\s*$/, "").trim();
  // "Navn, Organisation (rolle)" on a line of its own: a capitalised word after the comma names an organisation.
  const comma = /^([^,(]+),\s*(\p{Lu}[^,(]*?)\s*(?:\(([^)]*)\))?$/u.exec(text);
  if (alone && comma && isNameLike(comma[1] ?? "")) {
    text = `${comma[1]?.trim()} (${comma[2]?.trim()})${comma[3] ? `, ${comma[3].trim()}` : ""}`;
  }
  const name = (text.split(/[(,]/, 1)[0] ?? text).trim();
  return { text, name, ...result };
}
