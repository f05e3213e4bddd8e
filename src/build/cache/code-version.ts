// The code version of the render cache (src/build/cache/pages.ts): one hash of every file that
// decides how a page model becomes bytes. That is the project's own code (src/, including the
// page models and the Markdown renderer), the templates (templates/, assets included), the
// Eleventy wiring (eleventy.config.ts), the exact versions of the packages (package-lock.json),
// and Node itself (its version and ICU, which formats the Danish dates). Any change to any of
// them makes every cached page stale: the cache is never cleverer than the code.
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project's root folder. */
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** What the hash covers, relative to the root: folders are read whole. */
const SOURCES = ["src", "templates", "eleventy.config.ts", "package.json", "package-lock.json"];

async function filesUnder(path: string): Promise<string[]> {
  try {
    const entries = await readdir(path, {
      recursive: true,
      withFileTypes: true,
    });
    return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  } catch (error) {
    // A single file (or one that is missing: then it is simply not part of the hash).
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR") return [path];
    if (code === "ENOENT") return [];
    throw error;
  }
}

const computed = new Map<string, Promise<string>>();

/**
 * The code version (hex): the same for every build of this checkout until a file changes. With a
 * web team's templates folder (`--templates`), its files count as well (by their path inside it).
 */
export function codeVersion(templates?: string): Promise<string> {
  const id = templates === undefined ? "" : resolve(templates);
  let version = computed.get(id);
  if (version) return version;
  version = (async () => {
    const files = (await Promise.all(SOURCES.map((s) => filesUnder(join(ROOT, s))))).flat();
    const theirs = id ? await filesUnder(id) : [];
    const named = [
      ...files.map((file) => [relative(ROOT, file).replaceAll("\\", "/"), file] as const),
      ...theirs.map((file) => [`--templates/${relative(id, file).replaceAll("\\", "/")}`, file] as const),
    ].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const hash = createHash("sha256");
    hash.update(
      JSON.stringify({
        node: process.versions.node,
        icu: process.versions.icu ?? "",
        tz: process.versions.tz ?? "",
      }),
    );
    for (const [name, file] of named) {
      hash.update(`\0${name}\0`);
      hash.update(
        createHash("sha256")
          .update(await readFile(file))
          .digest("hex"),
      );
    }
    return hash.digest("hex");
  })();
  computed.set(id, version);
  // A failed read is not remembered: the next build tries again.
  version.catch(() => computed.delete(id));
  return version;
}

/** Forgets the computed version (the dev server's process keeps running while files change: tests). */
export function forgetCodeVersion(): void {
  computed.clear();
}
