// What the link check knows of each page without reading it: the page's record (its ids, duplicate
// ids, every address it names and its <base>: a `ParsedPage`), made while the page is rendered
// from the very bytes that are written (`record`), or, for a page the render cache put in the new
// site, read from the record the cache keeps with that page (`restore`, src/build/cache/pages.ts
// `PageCache.record`; sealed with the page, so it describes the bytes the cache's entry names).
// A page without a record (a web team's page, a page whose record is missing or damaged) is read
// and parsed by the check, as every page used to be (src/trust/links.ts).
import { relative, resolve, sep } from "node:path";
import { parsePageBytes, type ParsedPage, type Reference } from "./page.ts";

/** The name of the record the render cache keeps with a page for the link check. */
export const LINKS_RECORD = "links";

/** A record as kept: ids, duplicate ids, references as [raw, 1 for an asset, item or 0], and the <base> or null. */
type Encoded = { v: 1; i: string[]; d: string[]; r: [string, 0 | 1, number][]; b: string | null };

/** A record's bytes, as the render cache keeps them. */
export function encodeRecord(page: ParsedPage): string {
  const encoded: Encoded = {
    v: 1,
    i: [...page.ids],
    d: page.duplicateIds,
    r: page.refs.map((ref) => [ref.raw, ref.kind === "asset" ? 1 : 0, ref.item ?? 0]),
    b: page.base ?? null,
  };
  return JSON.stringify(encoded);
}

const isString = (value: unknown): value is string => typeof value === "string";

/** The record in `bytes`, or undefined for anything that is not exactly a record (then the page is read instead). */
export function decodeRecord(bytes: Uint8Array | string): ParsedPage | undefined {
  let value: unknown;
  try {
    value = JSON.parse(typeof bytes === "string" ? bytes : Buffer.from(bytes).toString("utf8"));
  } catch {
    return undefined;
  }
  const e = value as Partial<Encoded> | null;
  if (e === null || typeof e !== "object" || e.v !== 1) return undefined;
  if (!Array.isArray(e.i) || !e.i.every(isString) || !Array.isArray(e.d) || !e.d.every(isString) || !Array.isArray(e.r)) return undefined;
  if (e.b !== null && !isString(e.b)) return undefined;
  const refs: Reference[] = [];
  for (const ref of e.r as unknown[]) {
    if (!Array.isArray(ref) || ref.length !== 3) return undefined;
    const [raw, asset, item] = ref as unknown[];
    if (!isString(raw) || (asset !== 0 && asset !== 1) || typeof item !== "number" || !Number.isSafeInteger(item) || item < 0) return undefined;
    const kind = asset === 1 ? "asset" : "link";
    refs.push(item === 0 ? { raw, kind } : { raw, kind, item });
  }
  const page: ParsedPage = { ids: new Set(e.i), duplicateIds: e.d, refs };
  if (e.b !== null && e.b !== undefined) page.base = e.b;
  return page;
}

/**
 * The records of the pages of one new site folder, by file (relative to the folder, with forward
 * slashes, as the link check names files). Filled by the render stage, read by the links stage.
 * Kept encoded: a record is a few hundred bytes of flat text, where the parsed page's strings
 * would be slices of the page's whole text and keep it alive.
 */
export class LinkRecords {
  private readonly pages = new Map<string, string>();
  private readonly root: string;

  constructor(siteDir: string) {
    this.root = resolve(siteDir);
  }

  /** The file's name in the site folder, or undefined for a file outside it. */
  private nameOf(file: string): string | undefined {
    const name = relative(this.root, resolve(file));
    if (name === "" || name.startsWith("..") || resolve(this.root, name) !== resolve(file)) return undefined;
    return sep === "/" ? name : name.split(sep).join("/");
  }

  /** Records a page from the bytes written to `file` (a path outside the folder is not recorded). */
  record(file: string, bytes: Buffer): void {
    const name = this.nameOf(file);
    if (name !== undefined) this.pages.set(name, encodeRecord(parsePageBytes(bytes)));
  }

  /**
   * Takes a kept record (`encodeRecord`) for the page put at `file`. It is decoded, and checked to
   * be a record, only when the link check reads it (`get`): one pass over it instead of two.
   */
  restore(file: string, bytes: Uint8Array | undefined): void {
    const name = this.nameOf(file);
    if (bytes !== undefined && name !== undefined) this.pages.set(name, Buffer.from(bytes).toString("utf8"));
  }

  /** The record of the page at `file` (a path), for keeping with the page; undefined if none. */
  encoded(file: string): string | undefined {
    const name = this.nameOf(file);
    return name === undefined ? undefined : this.pages.get(name);
  }

  /** Whether the page named `name` in the folder ("a/b/index.html") has a record. */
  has(name: string): boolean {
    return this.pages.has(name);
  }

  /** The record of the page named `name` in the folder, decoded; undefined if none, or if what was kept is not a record (the page is then read). */
  get(name: string): ParsedPage | undefined {
    const text = this.pages.get(name);
    return text === undefined ? undefined : decodeRecord(text);
  }

  get size(): number {
    return this.pages.size;
  }
}
