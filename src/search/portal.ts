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
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Archive } from "../minutes/model.ts";
import { parseYaml } from "../yaml/parse.ts";
import type { ExternalIndex } from "./index.ts";

/** The file name, in the content folder beside the municipalities' folders. */
export const PORTAL_FILE = "portal.yaml";

/** Thrown for a portal.yaml that cannot be used; the message names the file and the field, in Danish. */
export class PortalConfigError extends Error {
  override name = "PortalConfigError";
}

/** The content folder of a loaded archive: the folder above each `<kommune>/kommune.yaml`. */
export function contentDirOf(archive: Archive): string | undefined {
  const first = archive.kommuner[0];
  return first?.sourcePath ? dirname(dirname(first.sourcePath)) : undefined;
}

function isAddress(value: unknown): value is string {
  return typeof value === "string" && (/^https?:\/\/[^\s]+$/.test(value) || /^\/[^\s]*$/.test(value));
}

/** Reads `search.merge` from `<contentDir>/portal.yaml`; no file means no merged indexes. */
export async function readMergedIndexes(contentDir: string): Promise<ExternalIndex[]> {
  const file = join(contentDir, PORTAL_FILE);
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new PortalConfigError(`${file}: kunne ikke læses`, { cause: error });
  }
  const parsed = parseYaml(source);
  if (!parsed.ok) throw new PortalConfigError(`${file}: er ikke gyldig YAML (${parsed.failure.detail})`);
  const search = (parsed.value as { search?: { merge?: unknown } } | null)?.search;
  const merge = search?.merge ?? [];
  if (!Array.isArray(merge)) throw new PortalConfigError(`${file}: search.merge: skal være en liste af indeks`);
  return merge.flatMap((entry: unknown, index) => {
    const field = `search.merge[${index}]`;
    const { name, index: bundle, site } = (entry ?? {}) as Record<string, unknown>;
    if (typeof name !== "string" || !name.trim()) throw new PortalConfigError(`${file}: ${field}.name: skal være kommunens navn, fx "Aarhus Kommune"`);
    const bundles = Array.isArray(bundle) ? bundle : [bundle];
    if (bundles.length === 0 || !bundles.every(isAddress)) {
      throw new PortalConfigError(
        `${file}: ${field}.index: skal være adressen på søgeindekset, fx "https://referater.aarhus.dk/aarhus/pagefind/", eller en liste af adresser på dets dele, men er ${JSON.stringify(bundle)}`,
      );
    }
    if (!isAddress(site)) {
      throw new PortalConfigError(`${file}: ${field}.site: skal være adressen på sitets forside, fx "https://referater.aarhus.dk/", men er ${JSON.stringify(site)}`);
    }
    return bundles.map((bundlePath) => ({ name: name.trim(), bundlePath, baseUrl: site }));
  });
}
