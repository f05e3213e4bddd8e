// What the loader saw of each meeting file, handed to the CPR guard (src/trust/cpr.ts) with the
// archive so that it need not read every file again: the CPR-like numbers in the text as read (not
// the text itself), the `cpr_allow` entries, and the files in the attachment folder with the hashes
// the guard's record of clean attachments is keyed by. Part of the load's result (`LoadResult.scans`,
// src/content/load.ts), passed on by the pipeline (src/build/stages.ts `cprStage`); an archive made
// another way (tests, tools) comes without scans and the guard reads the files itself.
import type { Meeting } from "../minutes/model.ts";
import type { CprMatch } from "../trust/cpr-pattern.ts";

/** A file in a meeting's attachment folder. */
export interface FolderFile {
  /** Absolute path. */
  path: string;
  /** The CPR guard's cache key of its type and bytes; absent when it has no text to check or could not be read. */
  key?: string;
}

/** One meeting file as the loader read it. */
export interface SourceScan {
  absolutePath: string;
  /** Relative to the content folder, forward slashes (the salt of `cpr_allow` entries). */
  sourcePath: string;
  /** CPR-like numbers in the file's text. */
  cpr: CprMatch[];
  /** `cpr_allow`: validated for a meeting in the archive, as written for one that is not. */
  cprAllow: string[];
  /** Files under the attachment folder, sorted by name; empty when there is no folder. */
  folder: FolderFile[];
}

/** What the loader saw of the meeting files it read: the CPR guard's input beside the archive. */
export interface LoadScans {
  /** Each meeting of the archive's scan (a meeting the loader did not make has none). */
  meetings: ReadonlyMap<Meeting, SourceScan>;
  /** The meeting files read but left out of the archive for their problems: the guard checks them too. */
  rejected: readonly SourceScan[];
}

