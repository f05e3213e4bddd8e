// What the loader saw of each meeting file, kept beside the archive for the CPR guard
// (src/trust/cpr.ts) so that it need not read every file again: the CPR-like numbers in the text as
// read (not the text itself), the `cpr_allow` entries, and the files in the attachment folder with
// the hashes the guard's clean cache is keyed by. Held in WeakMaps, so the Archive's own shape is
// unchanged and an archive built another way (tests, tools) is simply scanned from disk.
import type { Archive, Meeting } from "../minutes/model.ts";
import type { CprMatch } from "../trust/cpr.ts";

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

const byMeeting = new WeakMap<Meeting, SourceScan>();
const rejectedByArchive = new WeakMap<Archive, SourceScan[]>();

/** Records what the loader saw of a meeting in the archive. */
export function rememberScan(meeting: Meeting, scan: SourceScan): void {
  byMeeting.set(meeting, scan);
}

/** Records the meeting files that were read but left out of the archive (they had problems). */
export function rememberRejected(archive: Archive, scans: SourceScan[]): void {
  rejectedByArchive.set(archive, scans);
}

/** What the loader saw of this meeting, if the loader made it. */
export function scanOf(meeting: Meeting): SourceScan | undefined {
  return byMeeting.get(meeting);
}

/** Meeting files the loader read but left out of this archive. */
export function rejectedScans(archive: Archive): readonly SourceScan[] {
  return rejectedByArchive.get(archive) ?? [];
}
