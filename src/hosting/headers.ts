// The HTTP headers the archive is meant to be served with (deploy/headers.json): the security
// headers for every response, and the cache rule for a path (Pagefind's hashed files forever,
// everything else revalidated). Used by the browser test's server and checked against the nginx
// and Apache examples, so that what is documented is what is tested.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** deploy/headers.json. */
export const HEADERS_FILE = fileURLToPath(new URL("../../deploy/headers.json", import.meta.url));

interface HeadersFile {
  security: Record<string, string>;
  cache: {
    immutable: { pattern: string; "Cache-Control": string };
    other: { "Cache-Control": string };
  };
}

const file = JSON.parse(readFileSync(HEADERS_FILE, "utf8")) as HeadersFile;

/** The security headers every response carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({ ...file.security });

/** The Content-Security-Policy the site is built to pass. */
export const CONTENT_SECURITY_POLICY: string = file.security["Content-Security-Policy"] as string;

/** Paths of files whose name changes with their content (Pagefind's chunks). */
export const IMMUTABLE_PATTERN = new RegExp(file.cache.immutable.pattern);

/** Cache-Control for hashed files, and for every other file. */
export const CACHE_IMMUTABLE = file.cache.immutable["Cache-Control"];
export const CACHE_OTHER = file.cache.other["Cache-Control"];

/** Every header for a response to `path` (a URL path or a file name). */
export function headersFor(path: string): Record<string, string> {
  return { ...SECURITY_HEADERS, "Cache-Control": IMMUTABLE_PATTERN.test(path) ? CACHE_IMMUTABLE : CACHE_OTHER };
}
