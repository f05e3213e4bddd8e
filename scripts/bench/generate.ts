// A deterministic synthetic archive in the real content format (README.md, "The content format"), for the
// benchmark: several municipalities with a kommune.yaml each, four kinds of councils, about 1,200
// words of Danish council text per meeting over 20 years, closed items, attachments (small real PDFs),
// corrections, agendas and minutes, substitutes, present_for, follow-ups and second meetings on a day.
//
//   node --import tsx scripts/bench/generate.ts --meetings 10000 --out bench-out/gen-10000 [--seed 1]
//
// Same options → byte-identical files. No CPR-like numbers: the generator never writes more than
// four digits in a row in any text (dates are yyyy-mm-dd, phone numbers are spaced pairs).
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  ACTORS,
  ADJECTIVES,
  CLOSED_TITLES,
  CLOSING_TITLES,
  CORRECTIONS,
  COUNCILS,
  DECISIONS,
  FIRST_NAMES,
  GUEST_ROLES,
  KOMMUNER,
  LAST_NAMES,
  MONTHS,
  NOUNS,
  ONLINE,
  OPENING_TITLES,
  POLITICIANS,
  PREFIXES,
  PUBLIC_DECISIONS,
  SENTENCES,
  STAFF_ORGS,
  STAFF_ROLES,
  SUFFIXES,
  TITLE_PATTERNS,
  VENUES,
  VERBS_PAST,
  type CouncilSpec,
  type KommuneSpec,
} from "./vocabulary.ts";

export const GENERATOR_VERSION = 1;

export interface GenerateOptions {
  /** The content folder to write (emptied first). */
  outDir: string;
  /** How many meetings in total. */
  meetings: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** How many municipalities (default 8, at most 10). */
  kommuner?: number;
  /** First and last year of the meetings (default 2006–2025). */
  firstYear?: number;
  lastYear?: number;
}

export interface GeneratedCouncil {
  kommune: string;
  raad: string;
  meetings: number;
}

export interface GenerateResult {
  meetings: number;
  files: number;
  bytes: number;
  markdownBytes: number;
  words: number;
  attachments: number;
  closedItems: number;
  suffixedMeetings: number;
  agendas: number;
  seconds: number;
  councils: GeneratedCouncil[];
  /** Meetings per municipality slug. */
  perKommune: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------
// PRNG (mulberry32): small, fast, and the same on every platform.

export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = (seed >>> 0) ^ 0x9e3779b9;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** `count` distinct elements of `list` (count ≤ list.length), in random order. */
  sample<T>(list: readonly T[], count: number): T[] {
    const copy = list.slice();
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    return copy.slice(0, n);
  }
}

// ---------------------------------------------------------------------------------------------
// Text: sentence templates compiled once into literal and slot parts.

type Slot = "C" | "A" | "N" | "P" | "O" | "Y" | "Y2" | "n" | "M" | "V" | "X" | "d";
type Part = string | { slot: Slot };
interface Template {
  parts: Part[];
  words: number;
}

function compile(template: string): Template {
  const parts: Part[] = [];
  let words = 0;
  const re = /\{(C|A|N|P|O|Y2|Y|n|M|V|X|d)\}/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    if (m.index > last) parts.push(template.slice(last, m.index));
    const slot = m[1] as Slot;
    parts.push({ slot });
    words += slot === "P" || slot === "O" || slot === "V" ? 2 : 1;
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(template.slice(last));
  for (const part of parts) if (typeof part === "string") words += part.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
  return { parts, words };
}

const SENTENCE_TEMPLATES = SENTENCES.map(compile);
const TITLE_TEMPLATES = TITLE_PATTERNS.map(compile);
const COMPOUNDS: string[] = [];
for (const p of PREFIXES) for (const s of SUFFIXES) COMPOUNDS.push(p + s);

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** An ASCII slug of Danish text (æ→ae, ø→oe, å→aa), for attachment file names. */
export function asciiSlug(s: string): string {
  return s
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

// ---------------------------------------------------------------------------------------------
// People

interface Person {
  name: string;
  organisation?: string;
  role?: string;
}

function personString(p: Person): string {
  let s = p.name;
  if (p.organisation) s += ` (${p.organisation})`;
  if (p.role) s += `, ${p.role}`;
  return s;
}

/** YAML scalar: plain when safe, else double-quoted (JSON strings are valid YAML). */
function y(s: string): string {
  return /^[\p{L}][^:#"'[\]{}|>&*!%@`]*$/u.test(s) && !/\s$/.test(s) ? s : JSON.stringify(s);
}

// ---------------------------------------------------------------------------------------------
// Dates (day numbers since 1970-01-01, UTC: calendar arithmetic only, never a time zone)

const DAY_MS = 86_400_000;
function dayOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}
function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
function weekdayOf(day: number): number {
  return new Date(day * DAY_MS).getUTCDay(); // 0 = Sunday
}

// ---------------------------------------------------------------------------------------------
// A tiny but valid one-page PDF (Helvetica, WinAnsi): what a council's "bilag" looks like to a reader.

export function makePdf(lines: string[]): Buffer {
  const esc = (s: string) => s.replace(/[–—]/g, "-").replace(/[\\()]/g, (c) => `\\${c}`);
  let content = "BT /F1 11 Tf 72 770 Td 14 TL\n";
  for (const line of lines) content += `(${esc(line)}) '\n`;
  content += "ET\n";
  const stream = Buffer.from(content, "latin1");
  const objects: Buffer[] = [
    Buffer.from("<< /Type /Catalog /Pages 2 0 R >>", "latin1"),
    Buffer.from("<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "latin1"),
    Buffer.from("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>", "latin1"),
    Buffer.concat([Buffer.from(`<< /Length ${stream.length} >>\nstream\n`, "latin1"), stream, Buffer.from("endstream", "latin1")]),
    Buffer.from("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>", "latin1"),
  ];
  const chunks: Buffer[] = [Buffer.from("%PDF-1.4\n%\xe6\xf8\xe5\n", "latin1")];
  let offset = chunks[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, "latin1"), body, Buffer.from("\nendobj\n", "latin1")]);
    chunks.push(chunk);
    offset += chunk.length;
  });
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) xref += `${String(o).padStart(10, "0")} 00000 n \n`;
  xref += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
  chunks.push(Buffer.from(xref, "latin1"));
  return Buffer.concat(chunks);
}

const LOGO = (colour: string, letter: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="Logo"><rect width="64" height="64" rx="8" fill="${colour}"/><text x="32" y="44" font-size="36" text-anchor="middle" fill="#fff" font-family="sans-serif">${letter}</text></svg>\n`;

// ---------------------------------------------------------------------------------------------

class Writer {
  private buffer = Buffer.allocUnsafe(1 << 20);
  private dirs = new Set<string>();
  files = 0;
  bytes = 0;
  mkdir(dir: string): void {
    if (this.dirs.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    this.dirs.add(dir);
  }
  text(path: string, text: string): number {
    if (text.length * 3 > this.buffer.length) this.buffer = Buffer.allocUnsafe(text.length * 3 + 1024);
    const n = this.buffer.write(text, 0, "utf8");
    return this.bytesOut(path, this.buffer, n);
  }
  binary(path: string, data: Buffer): number {
    return this.bytesOut(path, data, data.length);
  }
  private bytesOut(path: string, data: Buffer, n: number): number {
    const fd = openSync(path, "w");
    try {
      let done = 0;
      while (done < n) done += writeSync(fd, data, done, n - done);
    } finally {
      closeSync(fd);
    }
    this.files++;
    this.bytes += n;
    return n;
  }
}

interface CouncilPlan {
  kommune: KommuneSpec;
  council: CouncilSpec;
  meetings: number;
  members: Person[];
  politicians: Person[];
  staff: Person[];
}

interface PastMeeting {
  slug: string;
  items: number;
  date: string;
}

/** Splits `total` by weights into integers that add up to `total` (largest remainder). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (total * w) / sum);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]![1]]!++;
  return out;
}

export function generateArchive(options: GenerateOptions): GenerateResult {
  const t0 = performance.now();
  const rng = new Random(options.seed ?? 1);
  const kommuneCount = Math.max(1, Math.min(options.kommuner ?? 8, KOMMUNER.length));
  const firstYear = options.firstYear ?? 2006;
  const lastYear = options.lastYear ?? 2025;
  const out = options.outDir;
  rmSync(out, { recursive: true, force: true });
  const w = new Writer();
  w.mkdir(out);

  const person = (organisation?: string, role?: string): Person => ({
    name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`,
    ...(organisation ? { organisation } : {}),
    ...(role ? { role } : {}),
  });

  // Plan: which councils each municipality has, and how many meetings each holds.
  const plans: CouncilPlan[] = [];
  const kommuner = KOMMUNER.slice(0, kommuneCount);
  kommuner.forEach((k, i) => {
    const count = i === 0 ? 4 : 2 + (i % 3);
    const councils = [COUNCILS[0]!, ...COUNCILS.slice(1).filter((_, j) => (i + j) % 4 !== 3)].slice(0, count);
    const staffPool = Array.from({ length: 6 }, () => person(rng.pick(STAFF_ORGS), rng.pick(STAFF_ROLES)));
    for (const council of councils) {
      const used = new Set<string>();
      const members: Person[] = [];
      while (members.length < 14) {
        const p = person(rng.pick(council.organisations));
        if (used.has(p.name)) continue;
        used.add(p.name);
        members.push(p);
      }
      members[0]!.role = "formand";
      members[1]!.role = "næstformand";
      const politicians: Person[] = [];
      while (politicians.length < 3) {
        const p = person();
        if (used.has(p.name)) continue;
        used.add(p.name);
        const [role, party] = rng.pick(POLITICIANS).split(" (");
        politicians.push({ name: p.name, organisation: party!.slice(0, -1), role: role!.toLowerCase() });
      }
      const staff = staffPool.filter((s) => !used.has(s.name));
      plans.push({ kommune: k, council, meetings: 0, members, politicians, staff: staff.length ? staff : staffPool });
    }
  });
  const counts = apportion(
    options.meetings,
    plans.map((p) => p.kommune.weight * p.council.weight),
  );
  plans.forEach((p, i) => (p.meetings = counts[i]!));

  // kommune.yaml (+ a logo for every other municipality)
  kommuner.forEach((k, i) => {
    const dir = join(out, k.slug);
    w.mkdir(dir);
    const lines = [
      `name: ${k.name}`,
      `website: https://www.${k.domain}.dk`,
      `accessibility_statement: https://was.digst.dk/${k.domain}-dk`,
      `feedback: https://www.${k.domain}.dk/feedback`,
      "look:",
      `  colour: "${k.colour}"`,
    ];
    if (i % 2 === 0) {
      lines.push("  logo: logo.svg");
      w.text(join(dir, "logo.svg"), LOGO(k.colour, k.name.charAt(0)));
    }
    const cvr = String(rng.int(1000, 9999)) + String(rng.int(1000, 9999));
    lines.push(
      "contact:",
      `  address: ${k.address}`,
      `  phone: "${rng.int(20, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)} ${rng.int(10, 99)}"`,
      `  email: kommunen@${k.domain}.dk`,
      `  cvr: "${cvr}"`,
      `  hours: "Mandag–fredag 10–14"`,
      "councils:",
    );
    for (const p of plans.filter((p) => p.kommune === k)) {
      lines.push(`  ${p.council.slug}:`, `    name: ${p.council.name}`, `    description: ${y(p.council.description)}`, "    members:");
      for (const m of p.members.slice(0, 8))
        lines.push(`      - ${y(personString({ name: m.name, ...(m.organisation ? { organisation: m.organisation } : {}) }))}`);
    }
    w.text(join(dir, "kommune.yaml"), lines.join("\n") + "\n");
  });

  const result: GenerateResult = {
    meetings: 0,
    files: 0,
    bytes: 0,
    markdownBytes: 0,
    words: 0,
    attachments: 0,
    closedItems: 0,
    suffixedMeetings: 0,
    agendas: 0,
    seconds: 0,
    councils: [],
    perKommune: {},
  };

  const firstDay = dayOf(firstYear, 1, 1);
  const lastDay = dayOf(lastYear, 12, 31) - 60;
  const span = lastDay - firstDay;

  for (const plan of plans) {
    const { kommune, council } = plan;
    const base = `/${kommune.slug}/${council.slug}/`;
    result.councils.push({ kommune: kommune.slug, raad: council.slug, meetings: plan.meetings });
    result.perKommune[kommune.slug] = (result.perKommune[kommune.slug] ?? 0) + plan.meetings;
    // Dates: evenly spread with jitter, moved off weekends; now and then a second meeting that day.
    const days: number[] = [];
    for (let i = 0; i < plan.meetings; i++) {
      if (i > 0 && (i === 3 || rng.chance(0.006))) {
        days.push(days[i - 1]!);
        continue;
      }
      let d = firstDay + Math.floor(((i + rng.next()) * span) / Math.max(1, plan.meetings));
      const wd = weekdayOf(d);
      if (wd === 6) d -= 1;
      else if (wd === 0) d += 1;
      days.push(Math.max(d, days[i - 1] ?? d));
    }
    const perDay = new Map<number, number>();
    const past: PastMeeting[] = [];
    const topics = [...council.topics, ...rng.sample(COMPOUNDS, 120)];
    days.forEach((day, index) => {
      const nth = (perDay.get(day) ?? 0) + 1;
      perDay.set(day, nth);
      const date = isoOf(day);
      const slug = nth === 1 ? date : `${date}-${nth}`;
      if (nth > 1) result.suffixedMeetings++;
      const year = date.slice(0, 4);
      const isLast = index === days.length - 1;
      const status = isLast || rng.chance(0.02) ? "dagsorden" : "referat";
      if (status === "dagsorden") result.agendas++;
      const meeting = writeMeeting({
        rng,
        w,
        out,
        plan,
        topics,
        date,
        day,
        slug,
        year,
        status,
        past,
        base,
        nth,
        result,
      });
      past.push({ slug, items: meeting.items, date });
      if (past.length > 6) past.shift();
      result.meetings++;
    });
  }

  result.files = w.files;
  result.bytes = w.bytes;
  result.seconds = (performance.now() - t0) / 1000;
  return result;
}

interface MeetingContext {
  rng: Random;
  w: Writer;
  out: string;
  plan: CouncilPlan;
  topics: string[];
  date: string;
  day: number;
  slug: string;
  year: string;
  status: "dagsorden" | "referat";
  past: PastMeeting[];
  base: string;
  nth: number;
  result: GenerateResult;
}

interface ItemPlan {
  title: string;
  kind: "beslutning" | "orientering" | "drøftelse";
  closed: boolean;
  publicDecision?: string;
  presenter?: Person;
  duration?: number;
  attachments: { file: string; title: string }[];
  conflicts: Person[];
  follows: string[];
  topic: string;
  opening: boolean;
}

function writeMeeting(c: MeetingContext): { items: number } {
  const { rng, plan, date, year, status, result } = c;

  // People at the meeting
  const pool = rng.sample([...plan.members, ...plan.politicians], plan.members.length + plan.politicians.length);
  const attendeeCount = rng.int(5, 10);
  const attendees = pool.slice(0, attendeeCount);
  const absentees = pool.slice(attendeeCount, attendeeCount + rng.int(0, 3));
  const taken = new Set(pool.map((p) => p.name));
  const staff = rng.sample(plan.staff, rng.int(1, 2));
  for (const s of staff) taken.add(s.name);
  const guests: Person[] = [];
  for (let g = rng.int(0, 2); g > 0; g--) {
    const p: Person = { name: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`, role: rng.pick(GUEST_ROLES) };
    if (!taken.has(p.name)) {
      taken.add(p.name);
      guests.push(p);
    }
  }

  // Items
  const itemCount = rng.int(6, 10);
  const items: ItemPlan[] = [];
  const titles = new Set<string>();
  const mkItem = (title: string, kind: ItemPlan["kind"], topic: string, opening = false): ItemPlan => ({
    title,
    kind,
    closed: false,
    attachments: [],
    conflicts: [],
    follows: [],
    topic,
    opening,
  });
  items.push(mkItem(OPENING_TITLES[0]!, "beslutning", "dagsordenen", true));
  if (rng.chance(0.6)) items.push(mkItem(OPENING_TITLES[1]!, "beslutning", "referatet", true));
  const closing = rng.sample(CLOSING_TITLES, rng.int(1, 2));
  while (items.length < itemCount - closing.length) {
    if (rng.chance(0.06)) {
      const title = rng.pick(CLOSED_TITLES);
      if (titles.has(title)) continue;
      titles.add(title);
      const item = mkItem(title, "beslutning", "");
      item.closed = true;
      if (rng.chance(0.7)) item.publicDecision = rng.pick(PUBLIC_DECISIONS);
      items.push(item);
      result.closedItems++;
      continue;
    }
    const topic = rng.pick(c.topics);
    const title = capitalise(fill(rng, rng.pick(TITLE_TEMPLATES), c, topic, true));
    if (titles.has(title)) continue;
    titles.add(title);
    const kind = rng.pick(["beslutning", "orientering", "drøftelse"] as const);
    const item = mkItem(title, kind, topic);
    if (rng.chance(0.4)) item.presenter = rng.chance(0.5) ? staff[0]! : rng.pick(attendees);
    if (rng.chance(0.3)) item.duration = rng.pick([10, 15, 20, 30, 45, 60]);
    if (rng.chance(0.02) && attendees.length > 1) item.conflicts.push(attendees[attendees.length - 1]!);
    if (c.past.length && rng.chance(0.08)) {
      const prev = rng.pick(c.past);
      item.follows.push(`${c.base}${prev.slug}/#punkt-${rng.int(1, prev.items)}`);
    }
    items.push(item);
  }
  for (const t of closing) items.push(mkItem(t, "orientering", "", true));
  // Attachments: on about a fifth of the meetings, one or two open, non-opening items.
  const folder = c.slug;
  if (rng.chance(0.2)) {
    const candidates = items.filter((i) => !i.closed && !i.opening);
    for (const item of rng.sample(candidates, rng.int(1, 2))) {
      const n = rng.int(1, 2);
      for (let a = 0; a < n; a++) {
        const kindWord = rng.pick(["notat", "bilag", "oplaeg", "hoeringsudkast", "statusrapport"]);
        const file = `${kindWord}-${asciiSlug(item.topic).slice(0, 40)}-${item.attachments.length + 1}.pdf`;
        if (items.some((i) => i.attachments.some((x) => x.file === file))) continue;
        const title = `${capitalise(kindWord.replace("oe", "ø").replace("ae", "æ").replace("oplaeg", "oplæg"))} om ${item.topic}, ${MONTHS[Number(date.slice(5, 7)) - 1]} ${year}`;
        item.attachments.push({ file, title });
        const dir = join(c.out, plan.kommune.slug, plan.council.slug, year, folder);
        c.w.mkdir(dir);
        const lines = [plan.kommune.name, plan.council.name, title, ""];
        for (let s = rng.int(6, 14); s > 0; s--) lines.push(sentence(rng, c, item.topic).slice(0, 95));
        c.w.binary(join(dir, file), makePdf(lines));
        result.attachments++;
      }
    }
  }

  // present_for: now and then someone came late or left early.
  const presentFor = new Map<string, string>();
  if (attendees.length > 3 && rng.chance(0.15)) {
    const who = attendees[attendees.length - 2]!;
    const split = rng.int(2, items.length - 1);
    presentFor.set(who.name, rng.chance(0.5) ? `"1-${split}"` : `"${split}-${items.length}"`);
  }

  // Front matter
  const fm: string[] = ["---", `date: ${date}`];
  const startHour = rng.pick([9, 10, 13, 14, 15, 16, 17]);
  const startMin = rng.pick(["00", "00", "30"]);
  fm.push(`start: "${String(startHour).padStart(2, "0")}:${startMin}"`, `end: "${String(startHour + rng.int(1, 3)).padStart(2, "0")}:${startMin}"`);
  const place = rng.next();
  if (place < 0.85) fm.push(`venue: ${y(rng.pick(VENUES))}`);
  else if (place < 0.95) fm.push(`online: ${rng.pick(ONLINE)}`);
  else fm.push(`venue: ${y(rng.pick(VENUES))}`, `online: ${rng.pick(ONLINE)}`);
  if (c.nth > 1) fm.push(`title: ${y(`Ekstraordinært møde i ${plan.council.name}`)}`);
  fm.push(`status: ${status}`);
  if (status === "referat") fm.push(`approved: ${isoOf(c.day + rng.int(14, 42))}`);
  fm.push("attendees:");
  for (const a of attendees) {
    const pf = presentFor.get(a.name);
    if (pf || rng.chance(0.25)) {
      fm.push(`  - name: ${y(a.name)}`);
      if (a.organisation) fm.push(`    organisation: ${y(a.organisation)}`);
      if (a.role) fm.push(`    role: ${y(a.role)}`);
      if (pf) fm.push(`    present_for: ${pf}`);
    } else fm.push(`  - ${y(personString(a))}`);
  }
  if (absentees.length) {
    fm.push("absentees:");
    for (const a of absentees) {
      if (rng.chance(0.4)) {
        fm.push(`  - name: ${y(a.name)}`);
        if (a.organisation) fm.push(`    organisation: ${y(a.organisation)}`);
        let sub = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
        if (taken.has(sub)) sub = `${sub.split(" ")[0]} ${rng.pick(LAST_NAMES)}-${rng.pick(LAST_NAMES)}`;
        if (!taken.has(sub)) {
          taken.add(sub);
          fm.push(`    substitute: ${y(a.organisation ? `${sub} (${a.organisation})` : sub)}`);
        }
      } else fm.push(`  - ${y(personString(a))}`);
    }
  }
  fm.push("staff:");
  for (const s of staff) fm.push(`  - ${y(personString(s))}`);
  if (guests.length) {
    fm.push("guests:");
    for (const g of guests) fm.push(`  - ${y(personString(g))}`);
  }
  fm.push(`minute_taker: ${y(staff[0]!.name)}`);
  fm.push("items:");
  for (const item of items) {
    fm.push(`  - title: ${y(item.title)}`, `    kind: ${item.kind}`);
    if (item.closed) {
      fm.push("    closed: true");
      if (item.publicDecision) fm.push(`    public_decision: ${y(item.publicDecision)}`);
      continue;
    }
    if (item.presenter) fm.push(`    presenter: ${y(item.presenter.name)}`);
    if (item.duration) fm.push(`    duration: ${item.duration}`);
    if (item.attachments.length) {
      fm.push("    attachments:");
      for (const a of item.attachments) fm.push(`      - file: ${a.file}`, `        title: ${y(a.title)}`);
    }
    if (item.conflicts.length) {
      fm.push("    conflicts:");
      for (const p of item.conflicts) fm.push(`      - ${y(p.name)}`);
    }
    if (item.follows.length) {
      fm.push("    follows:");
      for (const f of item.follows) fm.push(`      - ${f}`);
    }
  }
  if (status === "referat" && rng.chance(0.05)) {
    fm.push("corrections:");
    const text = rng.pick(CORRECTIONS).replace("{i}", String(rng.int(1, items.length)));
    fm.push(`  - date: ${isoOf(c.day + rng.int(43, 90))}`, `    text: ${y(text)}`);
  }
  if (rng.chance(0.3)) {
    fm.push("next_meeting:", `  date: ${isoOf(c.day + rng.int(21, 56))}`, `  start: "16:00"`);
  }
  fm.push("---", "");

  // Body: one section per item; about 1,200 words in all.
  const open = items.filter((i) => !i.closed && !i.opening).length || 1;
  const budget = rng.int(1050, 1350);
  const body: string[] = [];
  let words = 0;
  items.forEach((item, index) => {
    body.push(`## ${item.title}`, "");
    if (item.closed) return;
    if (item.opening) {
      const line =
        index === 0
          ? "Dagsordenen blev godkendt."
          : item.title.startsWith("Godkendelse af referat")
            ? "Referatet blev godkendt uden bemærkninger."
            : sentence(rng, c, rng.pick(c.topics));
      body.push(line, "");
      words += line.split(" ").length;
      return;
    }
    const target = (budget - words) / Math.max(1, open - body.filter((l) => l === "### Sagsfremstilling").length);
    let itemWords = 0;
    const para = (min: number, max: number) => {
      const parts: string[] = [];
      for (let s = rng.int(min, max); s > 0; s--) {
        const t = rng.pick(SENTENCE_TEMPLATES);
        parts.push(fill(rng, t, c, item.topic));
        itemWords += t.words;
      }
      body.push(parts.join(" "), "");
    };
    body.push("### Sagsfremstilling", "");
    para(2, 4);
    if (rng.chance(0.15)) {
      for (let k = rng.int(3, 5); k > 0; k--) body.push(`- ${capitalise(rng.pick(c.topics))}: ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`);
      body.push("");
      itemWords += 12;
    }
    if (rng.chance(0.06)) {
      body.push(`Læs mere på [kommunens hjemmeside](https://www.${plan.kommune.domain}.dk/${asciiSlug(item.topic)}).`, "");
      itemWords += 5;
    }
    if (rng.chance(0.04) && c.past.length) {
      const prev = rng.pick(c.past);
      body.push(`Se også [referatet fra mødet ${prev.date}](${c.base}${prev.slug}/).`, "");
      itemWords += 6;
    }
    while (itemWords < target * 0.6) para(2, 4);
    if (status === "referat") {
      body.push("### Drøftelse", "");
      para(1, 3);
      while (itemWords < target) para(1, 3);
      if (item.kind !== "orientering") body.push("### Beslutning", "", rng.pick(DECISIONS), "");
    } else {
      while (itemWords < target) para(1, 3);
      body.push("### Indstilling", "", `Forvaltningen indstiller, at rådet drøfter ${item.topic}.`, "");
    }
    words += itemWords;
  });
  result.words += words;
  const text = fm.join("\n") + "\n" + body.join("\n");
  const dir = join(c.out, plan.kommune.slug, plan.council.slug, year);
  c.w.mkdir(dir);
  result.markdownBytes += c.w.text(join(dir, `${c.slug}.md`), text);
  return { items: items.length };
}

function fill(rng: Random, t: Template, c: MeetingContext, topic: string, onTopic = false): string {
  let s = "";
  const year = Number(c.year);
  for (const part of t.parts) {
    if (typeof part === "string") {
      s += part;
      continue;
    }
    switch (part.slot) {
      case "C": {
        const r = onTopic ? 0 : rng.next();
        // Now and then a fresh three-part compound, as Danish council prose coins them
        // (boligsundhedsplanen, ældretrivselsindsatsen): a realistic, open-ended vocabulary.
        s += r < 0.5 ? topic : r < 0.62 ? rng.pick(PREFIXES) + rng.pick(PREFIXES) + rng.pick(SUFFIXES) : rng.pick(c.topics);
        break;
      }
      case "A":
        s += rng.pick(ADJECTIVES);
        break;
      case "N":
        s += rng.pick(NOUNS);
        break;
      case "P":
        s += `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
        break;
      case "O":
        s += rng.pick(c.plan.council.organisations);
        break;
      case "Y":
        s += String(year + rng.int(-1, 1));
        break;
      case "Y2":
        s += String(year + 2);
        break;
      case "n":
        s += String(rng.int(2, 250));
        break;
      case "M":
        s += MONTHS[rng.int(0, 11)];
        break;
      case "V":
        s += rng.pick(VERBS_PAST);
        break;
      case "X":
        s += rng.pick(ACTORS);
        break;
      case "d":
        s += String(rng.int(1, 28));
        break;
    }
  }
  return s;
}

function sentence(rng: Random, c: MeetingContext, topic: string): string {
  return fill(rng, rng.pick(SENTENCE_TEMPLATES), c, topic);
}

// ---------------------------------------------------------------------------------------------
// CLI

function arg(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const meetings = Number(arg(argv, "--meetings") ?? 1000);
  const outDir = arg(argv, "--out") ?? `bench-out/gen-${meetings}`;
  const seed = Number(arg(argv, "--seed") ?? 1);
  const kommuner = arg(argv, "--kommuner");
  const r = generateArchive({ outDir, meetings, seed, ...(kommuner ? { kommuner: Number(kommuner) } : {}) });
  const { councils: _c, ...summary } = r;
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
}
