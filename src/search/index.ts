// Search indexing (Pagefind). STUB: replaced by the search work (issue 3).
import type { Archive } from "../minutes/model.ts";

export interface SearchIndexOptions {
  /** The freshly rendered site folder (not yet moved into place). */
  siteDir: string;
  archive: Archive;
  /** e.g. "/" or "/referater/". */
  pathPrefix: string;
  /** Set when one municipality is built alone. */
  kommune?: string;
}

/** Builds the search index(es) into `siteDir`. Throws on failure. */
export async function buildSearchIndex(_options: SearchIndexOptions): Promise<void> {}
