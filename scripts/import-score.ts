// `npm run import:score`: imports the five seed documents (../shared/seeds/ when present, else the
// copies in test/fixtures/import/seeds/) into a temporary content folder with `referat import`'s
// own code, and compares each draft field by field with the meeting in content/: date, start, end,
// venue, online, each list of persons (by names), the minute taker, the item count, and each item's
// title, kind and closed. Prints each wrong field and the share of fields right.
//
// A title or kind that content/ marks as editorial (`editorial: [title]`) was not in the source:
// the import is right there when it, too, marks the title as its own (or, for a kind, gives none),
// and so when it has no such item at all. When no item has anything from the source, the source has
// no items and their number is the editor's choice: one item with the whole text is right.
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { importFile } from "../src/import/import.ts";
import { danishWords } from "../src/import/ocr.ts";
import { parsePersonText } from "../src/minutes/parse.ts";
import { parseYaml } from "../src/yaml/parse.ts";

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const seedsArg = args.indexOf("--seeds");
const candidates = [
  ...(seedsArg !== -1 && args[seedsArg + 1] ? [path.resolve(args[seedsArg + 1] as string)] : []),
  path.resolve(root, "../shared/seeds"),
  path.join(root, "test/fixtures/import/seeds"),
];
const seedsDir = candidates.find((dir) => existsSync(dir)) as string;
const contentDir = path.join(root, "content");

type Record_ = Record<string, unknown>;

function frontMatter(text: string): Record_ {
  const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  const parsed = match ? parseYaml(match[1] as string) : undefined;
  return parsed?.ok && parsed.value && typeof parsed.value === "object" ? (parsed.value as Record_) : {};
}

function names(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list
    .map((person) => {
      if (typeof person === "string") {
        const parsed = parsePersonText(person);
        return parsed.ok ? parsed.name : person;
      }
      if (person && typeof person === "object" && typeof (person as Record_).name === "string") return (person as Record_).name as string;
      return "";
    })
    .map((name) => name.replace(/\s+/g, " ").trim().toLowerCase())
    .filter(Boolean)
    .sort();
}

function person(value: unknown): string {
  return names(value === undefined || value === null ? [] : [value])[0] ?? "";
}

function plain(value: unknown): string {
  return value === undefined || value === null
    ? ""
    : (typeof value === "string" ? value : JSON.stringify(value)).replace(/\s+/g, " ").replace(/\.$/, "").trim().toLowerCase();
}

/** The content folder's council for a seed named <kommune>-<raad>-<yyyy-mm-dd>.txt. */
async function placeOf(seed: string): Promise<{ kommune: string; raad: string; date: string } | undefined> {
  const match = /^(.+)-(\d{4}-\d{2}-\d{2})\.[a-z]+$/.exec(seed);
  if (!match) return undefined;
  const [, rest = "", date = ""] = match;
  for (const kommune of await readdir(contentDir)) {
    if (!rest.startsWith(`${kommune}-`)) continue;
    const raad = rest.slice(kommune.length + 1);
    if (existsSync(path.join(contentDir, kommune, raad, date.slice(0, 4), `${date}.md`))) return { kommune, raad, date };
  }
  return undefined;
}

const words = await danishWords();
const temporary = await mkdtemp(path.join(os.tmpdir(), "import-score-"));
let right = 0;
let total = 0;
try {
  const seeds = (await readdir(seedsDir)).filter((name) => /\.(txt|html?|docx|pdf)$/i.test(name)).sort();
  process.stdout.write(`Frø: ${path.relative(process.cwd(), seedsDir) || seedsDir}\n`);
  for (const seed of seeds) {
    const place = await placeOf(seed);
    if (!place) {
      process.stdout.write(`${seed}: intet møde i content/ at sammenligne med; sprunget over\n`);
      continue;
    }
    const expectedFile = path.join(contentDir, place.kommune, place.raad, place.date.slice(0, 4), `${place.date}.md`);
    const expected = frontMatter(await readFile(expectedFile, "utf8"));
    const result = await importFile(path.join(seedsDir, seed), { contentDir: temporary, kommune: place.kommune, raad: place.raad, replace: true, words });
    const actual = result.target && existsSync(result.target) ? frontMatter(await readFile(result.target, "utf8")) : {};
    const wrong: string[] = [];
    let seedRight = 0;
    let seedTotal = 0;
    const compare = (field: string, ok: boolean, detail: string) => {
      seedTotal += 1;
      if (ok) seedRight += 1;
      else wrong.push(`${field}: ${detail}`);
    };
    const same = (field: string, a: string, b: string) => compare(field, a === b, `forventet "${a}", fik "${b}"`);
    same("date", plain(expected.date), plain(actual.date));
    same("start", plain(expected.start), plain(actual.start));
    same("end", plain(expected.end), plain(actual.end));
    same("venue", plain(expected.venue), plain(actual.venue));
    same("online", plain(expected.online), plain(actual.online));
    for (const list of ["attendees", "absentees", "staff", "guests"]) {
      same(list, names(expected[list]).join(", "), names(actual[list]).join(", "));
    }
    same("minute_taker", person(expected.minute_taker), person(actual.minute_taker));
    const expectedItems = Array.isArray(expected.items) ? (expected.items as Record_[]) : [];
    const actualItems = Array.isArray(actual.items) ? (actual.items as Record_[]) : [];
    // When nothing of any item is from the source (every title editorial, no kind from the source,
    // none closed), the source gives no items at all and the split into items is the editor's own:
    // the import is right to keep the text in one item under a title marked as its own.
    const editorsSplit = expectedItems.length > 0 && expectedItems.every(editorOnly);
    const unsplit = actualItems.length === 1 && editorialOf(actualItems[0] as Record_).includes("title");
    if (editorsSplit && unsplit) compare("items (antal)", true, "");
    else same("items (antal)", String(expectedItems.length), String(actualItems.length));
    for (let i = 0; i < Math.max(expectedItems.length, actualItems.length); i++) {
      const e = expectedItems[i];
      const a = actualItems[i];
      const at = `items[${i + 1}]`;
      if (!e) {
        for (const field of ["title", "kind", "closed"]) compare(`${at}.${field}`, false, "findes ikke i content/");
        continue;
      }
      // An item the import lacks is compared as one without a title, a kind or a closed mark: its
      // editorial title and absent kind are right, as they would be for an item the import has.
      const eEditorial = editorialOf(e);
      const aEditorial = a ? editorialOf(a) : ["title"];
      if (!a) {
        compare(`${at}.title`, eEditorial.includes("title"), "mangler i importen");
        compare(`${at}.kind`, e.kind === undefined || eEditorial.includes("kind"), `mangler i importen (content/: "${String(e.kind)}")`);
        compare(`${at}.closed`, e.closed !== true, "mangler i importen (content/: lukket)");
        continue;
      }
      if (eEditorial.includes("title"))
        compare(`${at}.title`, aEditorial.includes("title"), `content/ har en redaktionel titel; importen gav "${String(a.title)}" som kildens`);
      else same(`${at}.title`, plain(e.title), plain(a.title));
      if (eEditorial.includes("kind"))
        compare(`${at}.kind`, a.kind === undefined || a.kind === e.kind, `content/ har en redaktionel punkttype; importen gav "${String(a.kind)}"`);
      else same(`${at}.kind`, plain(e.kind), plain(a.kind));
      same(`${at}.closed`, String(e.closed === true), String(a.closed === true));
    }
    right += seedRight;
    total += seedTotal;
    process.stdout.write(`\n${seed}: ${seedRight} af ${seedTotal} felter rigtige (${percent(seedRight, seedTotal)})\n`);
    for (const line of wrong) process.stdout.write(`  ${line}\n`);
  }
} finally {
  await rm(temporary, { recursive: true, force: true });
}
process.stdout.write(`\nI alt: ${right} af ${total} felter rigtige: ${percent(right, total)} (mål: mindst 95 %)\n`);

function editorialOf(item: Record_): string[] {
  return Array.isArray(item.editorial) ? (item.editorial as string[]) : [];
}

/** An item of which nothing came from the source: an editorial title, no kind from the source, not closed. */
function editorOnly(item: Record_): boolean {
  const editorial = editorialOf(item);
  return editorial.includes("title") && (item.kind === undefined || editorial.includes("kind")) && item.closed !== true;
}

function percent(a: number, b: number): string {
  return `${b === 0 ? "0,0" : ((100 * a) / b).toFixed(1).replace(".", ",")} %`;
}
