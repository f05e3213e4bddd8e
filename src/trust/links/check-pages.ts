// Checking pages: every internal address a page names must be a file of the site, under the path
// prefix, and a fragment in the same page an id of it; fragments into other pages are handed back
// to be looked up once every page is read. Several threads can share the pages read
// (src/trust/links.ts asks the worker pool; src/workers/entry.mjs `linkPages` is a thread's side).
import { readFileSync } from "node:fs";
import path from "node:path";
import { urlScheme } from "../../render/markdown.ts";
import { trustMessages } from "../messages.ts";
import { parsePageBytes, type ParsedPage, type Reference } from "./page.ts";

/** `fn` with its answers kept per argument (undefined answers too). */
function memoise<T>(fn: (key: string) => T): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    if (answers.has(key)) return answers.get(key) as T;
    const answer = fn(key);
    answers.set(key, answer);
    return answer;
  };
}

/** A fragment to look up in another page once every page has been read. */
export interface PendingFragment {
  page: PageInfo;
  ref: Reference;
  targetFile: string;
  targetAddress: string;
  id: string;
}

export interface PageInfo {
  /** Output file, relative to the site folder with forward slashes: "a/b/index.html". */
  file: string;
  /** Address as served, with prefix: "/referater/a/b/". */
  address: string;
}

const ORIGIN = "http://site.invalid";
/** Schemes that run code or smuggle a document: never in the output (the renderer refuses them). */
const SCRIPT_SCHEMES = new Set(["javascript", "vbscript", "livescript"]);

/** The address a file is served at: "a/b/index.html" → "/p/a/b/", "404.html" → "/p/404.html". */
export function addressOf(file: string, prefix: string): string {
  return prefix + file.replace(/(^|\/)index\.html$/, "$1");
}

export function decodePath(pathname: string): string | undefined {
  try {
    return pathname.split("/").map(decodeURIComponent).join("/");
  } catch {
    return undefined;
  }
}

function decodeFragment(hash: string): string | undefined {
  try {
    return decodeURIComponent(hash.replace(/^#/, ""));
  } catch {
    return undefined;
  }
}

/** A problem found on a page, before its source is named. */
export interface Found {
  page: PageInfo;
  ref: Reference;
  message: string;
}

/** What checking some of the pages gave: each page's ids, its problems, and fragments to look up in other pages. */
export interface PagesChecked {
  /** [page file, its ids as "\0id1\0id2\0"] */
  ids: [string, string][];
  found: Found[];
  pending: PendingFragment[];
}

export interface CheckerSetup {
  siteDir: string;
  prefix: string;
  /** Every file of the site, relative with forward slashes. */
  files: string[];
  /** The pages, in order. */
  pages: string[];
  /** [0]: the index of the next page to check, shared by every thread that checks. */
  next: Int32Array;
}

/** Checks pages against the files of a site: feed it each page's record, then take what it found. */
export interface PageChecker {
  /** Checks one page from its record (read from the page, or recorded when it was made). */
  check(file: string, parsed: ParsedPage): void;
  /** What the pages checked so far gave (their ids are not collected: the caller has the records). */
  result(): Omit<PagesChecked, "ids">;
}

/** A checker for the pages of a site whose files are `siteFiles` (relative, forward slashes), under `prefix`. */
export function createPageChecker(prefix: string, siteFiles: Iterable<string>): PageChecker {
  const files = siteFiles instanceof Set ? (siteFiles as Set<string>) : new Set(siteFiles);
  const pending: PendingFragment[] = [];
  const found: Found[] = [];

  /** The site file an address names, or undefined. */
  const resolveFile = (decoded: string): string | undefined => {
    if (decoded === "" || decoded.endsWith("/")) {
      const index = `${decoded}index.html`;
      return files.has(index) ? index : undefined;
    }
    if (files.has(decoded)) return decoded;
    if (files.has(`${decoded}/index.html`)) return `${decoded}/index.html`;
    return undefined;
  };

  // Most addresses recur on page after page (the stylesheet, the navigation, "#punkt-3"): what
  // does not depend on the page is worked out once per address.
  type Resolved = { ok: false; problem: "bad" | "outside" } | { ok: true; decoded: string; id: string } | undefined;
  const resolveUrl = (raw: string, base: URL): Resolved => {
    let url: URL;
    try {
      url = new URL(raw, base);
    } catch {
      return { ok: false, problem: "bad" };
    }
    if (url.origin !== ORIGIN) return undefined; // external
    if (!url.pathname.startsWith(prefix) && `${url.pathname}/` !== prefix) return { ok: false, problem: "outside" };
    const decoded = decodePath(url.pathname.slice(prefix.length));
    const id = decodeFragment(url.hash);
    if (decoded === undefined || id === undefined) return { ok: false, problem: "bad" };
    return { ok: true, decoded, id };
  };
  const schemeOf = memoise(urlScheme);
  /** Path-absolute addresses ("/a/b/#x"): the same wherever they stand (without a <base>). */
  const absolute = new Map<string, Resolved>();
  /** Fragments ("#x"): the id they name, or null when badly encoded. */
  const fragments = new Map<string, string | null>();
  const targetOf = memoise(resolveFile);

  const checkPage = (page: PageInfo, parsed: ParsedPage) => {
    const baseUrl = new URL(page.address, ORIGIN);
    const base = parsed.base ? new URL(parsed.base, baseUrl) : baseUrl;
    // The page's own address, for fragments (a fragment never changes the path).
    const self = parsed.base ? undefined : resolveUrl("", base);
    const report = (ref: Reference, message: string) => found.push({ page, ref, message });
    for (const id of new Set(parsed.duplicateIds)) {
      report({ raw: `#${id}`, kind: "link" }, trustMessages.duplicateId(page.address, id));
    }
    for (const ref of parsed.refs) {
      const raw = ref.raw;
      const scheme = schemeOf(raw);
      if (scheme !== undefined && (SCRIPT_SCHEMES.has(scheme) || (scheme === "data" && ref.kind === "link"))) {
        report(ref, trustMessages.scriptLink(page.address, raw));
        continue;
      }
      if (scheme !== undefined || raw.startsWith("//") || raw.startsWith("\\\\")) continue; // external
      let resolved: Resolved;
      if (self?.ok && raw.startsWith("#")) {
        let id = fragments.get(raw);
        if (id === undefined) {
          id = decodeFragment(new URL(raw, ORIGIN).hash) ?? null;
          fragments.set(raw, id);
        }
        resolved = id === null ? { ok: false, problem: "bad" } : { ok: true, decoded: self.decoded, id };
      } else if (!parsed.base && raw.startsWith("/") && !raw.startsWith("/\\")) {
        if (absolute.has(raw)) resolved = absolute.get(raw);
        else {
          resolved = resolveUrl(raw, base);
          absolute.set(raw, resolved);
        }
      } else {
        resolved = resolveUrl(raw, base);
      }
      if (resolved === undefined) continue; // another origin
      if (!resolved.ok) {
        report(ref, resolved.problem === "bad" ? trustMessages.badEncoding(page.address, raw) : trustMessages.outsidePrefix(page.address, raw, prefix));
        continue;
      }
      const { decoded, id } = resolved;
      const target = targetOf(decoded);
      if (target === undefined) {
        report(ref, ref.kind === "asset" ? trustMessages.missingAsset(page.address, raw) : trustMessages.missingTarget(page.address, raw));
        continue;
      }
      if (id === "" || id.toLowerCase() === "top" || !/\.html?$/i.test(target)) continue;
      if (target === page.file) {
        if (!parsed.ids.has(id)) report(ref, trustMessages.missingAnchor(page.address, raw, id, "siden selv"));
      } else {
        pending.push({ page, ref, targetFile: target, targetAddress: addressOf(target, prefix), id });
      }
    }
  };

  return {
    check: (file, parsed) => checkPage({ file, address: addressOf(file, prefix) }, parsed),
    result: () => ({ found, pending }),
  };
}

/** Checks pages read from the site folder, taking the next unchecked one until none is left (several threads can share the work). */
export function checkPages(setup: CheckerSetup): PagesChecked {
  const { siteDir, pages, next } = setup;
  const checker = createPageChecker(setup.prefix, setup.files);
  const ids: [string, string][] = [];
  // Pages are read one after another: a synchronous read costs a fraction of an asynchronous
  // one (no thread-pool round trips), and there is nothing else for this thread to do meanwhile.
  for (let index = Atomics.add(next, 0, 1); index < pages.length; index = Atomics.add(next, 0, 1)) {
    const file = pages[index] as string;
    const parsed = parsePageBytes(readFileSync(path.join(siteDir, file)));
    ids.push([file, `\u0000${[...parsed.ids].join("\u0000")}\u0000`]);
    checker.check(file, parsed);
  }
  return { ids, ...checker.result() };
}
