// The portal's search settings: `content/portal.yaml`, optional. It lists the indexes of sites
// hosted elsewhere that this site's search merges (Pagefind's mergeIndex), e.g.
//
//   search:
//     merge:
//       - name: Aarhus Kommune
//         index: https://referater.aarhus.dk/aarhus/pagefind/
//         site: https://referater.aarhus.dk/
//
// `index` is the other site's Pagefind folder, `site` its root (put before its result addresses).
// When the other site splits a large municipality's index into parts by period (its
// `soeg/indexes.json` lists them), `index` is the list of the parts' folders.
// The other host must allow this site to read the files (CORS). See docs/search.md.
import { join } from "node:path";
import type { Problem } from "../report/problem.ts";
import { displayPath } from "../report/display-path.ts";
import { describeValue, messages, quote } from "../minutes/messages.ts";
import { reportYamlFailure } from "../yaml/issues.ts";
import { fileMessages } from "./messages.ts";
import { linkTarget, readContentFile } from "./files.ts";
import type { MergedIndex } from "../minutes/model.ts";
import { parseYaml } from "../yaml/parse.ts";
import { ProblemReporter, formatField } from "../yaml/report.ts";
import type { YamlPath } from "../yaml/positions.ts";

/** The file name, in the content folder beside the municipalities' folders. */
export const PORTAL_FILE = "portal.yaml";

/** portal.yaml is a short list of addresses; anything larger is a mistake. */
const MAX_PORTAL_BYTES = 64 * 1024;

const INVISIBLE = /[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u2060-\u206f\ufeff]/;

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * An address the search page may fetch an index from or put before result addresses: an http(s)
 * URL with a host, or a path on this site. Never a protocol-relative `//host/`, `/\host/` (browsers
 * read a backslash as a slash) or `/%2F%2Fhost/`, which leave the site, nor anything with white
 * space, backslashes, control or invisible characters, or a user name in it.
 */
export function isIndexAddress(value: unknown): value is string {
  if (typeof value !== "string" || value === "" || value.includes("\\") || INVISIBLE.test(value)) return false;
  if (value.startsWith("/")) {
    const path = decoded(decoded(value));
    return !/^\/[/\\]/.test(path) && !INVISIBLE.test(path);
  }
  if (!/^https?:\/\/[^/]/i.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "" && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}

const KNOWN: Record<string, readonly string[]> = { "": ["search"], search: ["merge"], "search.merge": ["name", "index", "site"] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Validates the text of a portal.yaml: the indexes it merges, or its problems placed at their
 * YAML keys and values (`content/portal.yaml:4:14: search.merge[1].index: …`). The one validation
 * that `referat check` (through the loader) and the build's search index both use.
 */
export function validatePortal(source: string, file: string): { indexes: MergedIndex[]; problems: Problem[] } {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const parsed = parseYaml(text);
  if (!parsed.ok) {
    const reporter = new ProblemReporter(file);
    reportYamlFailure(reporter, text, parsed.failure);
    return { indexes: [], problems: reporter.problems };
  }
  const reporter = new ProblemReporter(file, text, parsed.events);
  const raw = parsed.value ?? {};
  const unknownKeys = (value: Record<string, unknown>, path: YamlPath, generic: string) => {
    for (const key of Object.keys(value)) {
      const known = KNOWN[generic] ?? [];
      if (!known.includes(key)) reporter.atKey([...path, key], messages.unknownKey(key, undefined, known));
    }
  };
  if (!isRecord(raw)) {
    reporter.atValue([], `skal bestå af felter som 'search:', men er ${describeValue(raw)}`, PORTAL_FILE);
    return { indexes: [], problems: reporter.problems };
  }
  unknownKeys(raw, [], "");
  const search = raw.search ?? {};
  if (!isRecord(search)) {
    reporter.atValue(["search"], messages.wrongKind("object", search));
    return { indexes: [], problems: reporter.problems };
  }
  unknownKeys(search, ["search"], "search");
  const merge = search.merge ?? [];
  if (!Array.isArray(merge)) {
    reporter.atValue(["search", "merge"], "skal være en liste af indeks");
    return { indexes: [], problems: reporter.problems };
  }
  const indexes: MergedIndex[] = [];
  merge.forEach((entry: unknown, index) => {
    const path: YamlPath = ["search", "merge", index];
    if (!isRecord(entry)) {
      reporter.atValue(path, messages.wrongKind("object", entry));
      return;
    }
    unknownKeys(entry, path, "search.merge");
    const { name, index: bundle, site } = entry;
    const before = reporter.problems.length;
    if (typeof name !== "string" || !name.trim()) reporter.atValue([...path, "name"], 'skal være kommunens navn, fx "Aarhus Kommune"');
    const bundles = Array.isArray(bundle) ? bundle : [bundle];
    if (bundles.length === 0 || !bundles.every(isIndexAddress)) {
      const bad = Array.isArray(bundle) ? bundles.findIndex((value) => !isIndexAddress(value)) : -1;
      reporter.atValue(
        bad === -1 ? [...path, "index"] : [...path, "index", bad],
        `skal være adressen på søgeindekset, fx "https://referater.aarhus.dk/aarhus/pagefind/", eller en liste af adresser på dets dele, men er ${describe(bad === -1 ? bundle : bundles[bad])}`,
        formatField([...path, "index"]),
      );
    }
    if (!isIndexAddress(site)) {
      reporter.atValue([...path, "site"], `skal være adressen på sitets forside, fx "https://referater.aarhus.dk/", men er ${describe(site)}`);
    }
    if (reporter.problems.length === before) {
      for (const bundlePath of bundles as string[]) indexes.push({ name: (name as string).trim(), bundlePath, baseUrl: site as string });
    }
  });
  return { indexes, problems: reporter.problems };
}

function describe(value: unknown): string {
  if (typeof value === "string") return quote(value);
  return JSON.stringify(value) ?? "tom";
}

/** Reads and validates `<contentDir>/portal.yaml`; no file means no merged indexes and no problems. */
export async function readPortal(contentDir: string): Promise<{ indexes: MergedIndex[]; problems: Problem[] }> {
  const file = join(contentDir, PORTAL_FILE);
  // Read as every content file is (src/content/files.ts): never through a link, never from a FIFO,
  // never more than the cap.
  const read = readContentFile(file, MAX_PORTAL_BYTES);
  if (read.kind === "missing") return { indexes: [], problems: [] };
  const fileProblem = (message: string) => ({ indexes: [], problems: [{ file: displayPath(file), line: 1, col: 1, field: "fil", message }] });
  if (read.kind === "not-regular") return fileProblem(fileMessages.notRegular(read.entry, read.entry === "symlink" ? linkTarget(file) : undefined));
  if (read.kind === "too-large") return fileProblem(messages.fileTooLarge(read.size, MAX_PORTAL_BYTES, "portal.yaml"));
  if (read.kind === "unreadable") return fileProblem(fileMessages.unreadableFile(read.code));
  return validatePortal(Buffer.from(read.bytes).toString("utf8"), displayPath(file));
}

