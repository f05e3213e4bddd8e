// Module resolution hooks (node:module `register`) that let a web team's templates folder shadow
// the project's templates: when a module anywhere but in the web team's folder imports a file of
// templates/ (a component, the layout), and the web team's folder holds a file at the same path,
// that file is imported instead. Imports from the web team's own files are left alone, so their
// `_layout.tsx` can import ours and wrap it. Plain JavaScript: the hooks run in Node's loader
// thread, before any TypeScript loader. Registered by src/eleventy/site-templates.ts.
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** @type {{ templates: string, own: string } | undefined} file: URLs of both folders, with a trailing slash */
let folders;

/** @param {{ templates: string, own: string }} data */
export function initialize(data) {
  folders = data;
}

/** @param {string} url */
function isFile(url) {
  try {
    const path = fileURLToPath(url);
    return existsSync(path) && statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * @param {string} specifier
 * @param {{ parentURL?: string }} context
 * @param {(specifier: string, context: object) => Promise<{ url: string }>} nextResolve
 */
export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  if (!folders || !context.parentURL || context.parentURL.startsWith(folders.own)) return result;
  const [path, query] = result.url.split(/(?=[?#])/);
  if (!path || !path.startsWith(folders.templates)) return result;
  const theirs = folders.own + path.slice(folders.templates.length);
  return isFile(theirs) ? { ...result, url: theirs + (query ?? "") } : result;
}
