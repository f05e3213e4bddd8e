// The one way the build looks at and reads what lies in the content folder. Everything there is
// treated as written by someone careless or hostile (docs/trust.md "Files from outside content/"):
//
// - Only regular files and real folders are content. A symbolic link (to /etc/passwd, to another
//   checkout, to /dev/zero), a FIFO, a socket or a device is never followed, read or published: the
//   loader reports it. Types come from lstat (or the directory entry, which is the same), never
//   from stat, which follows links.
// - A file is opened with O_NOFOLLOW | O_NONBLOCK and checked again on the open descriptor
//   (fstat), so a link or a FIFO put in place between the look and the open is refused too, and
//   opening a FIFO never blocks.
// - A file is read with a bounded buffer and reading stops after `cap + 1` bytes, whatever its
//   size says: a file that grows while it is read cannot make the build take more memory.
// - A folder that cannot be listed is a problem with its reason, never an empty folder.
import type { BigIntStats, Dirent, Stats } from "node:fs";
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync } from "node:fs";
import path from "node:path";

/** What kind of thing a directory entry or path is, as lstat sees it. */
export type EntryKind = "file" | "folder" | "symlink" | "fifo" | "socket" | "device" | "other";

/** The kind of a directory entry (the entry's own type: links are not followed). */
export function kindOfDirent(entry: Dirent, folder: string): EntryKind {
  if (entry.isFile()) return "file";
  if (entry.isDirectory()) return "folder";
  if (entry.isSymbolicLink()) return "symlink";
  if (entry.isFIFO()) return "fifo";
  if (entry.isSocket()) return "socket";
  if (entry.isBlockDevice() || entry.isCharacterDevice()) return "device";
  // A file system that does not give entry types: ask lstat.
  return kindOfPath(path.join(folder, entry.name)) ?? "other";
}

/** The kind of `stats` from lstat or fstat. */
export function kindOfStats(stats: Stats | BigIntStats): EntryKind {
  if (stats.isFile()) return "file";
  if (stats.isDirectory()) return "folder";
  if (stats.isSymbolicLink()) return "symlink";
  if (stats.isFIFO()) return "fifo";
  if (stats.isSocket()) return "socket";
  if (stats.isBlockDevice() || stats.isCharacterDevice()) return "device";
  return "other";
}

/** The kind of the path itself (lstat: a link is "symlink"); undefined when it does not exist or cannot be looked at. */
export function kindOfPath(file: string): EntryKind | undefined {
  try {
    return kindOfStats(lstatSync(file));
  } catch {
    return undefined;
  }
}

/** Where a symbolic link points, as written in the link; undefined for anything else. */
export function linkTarget(file: string): string | undefined {
  try {
    return readlinkSync(file);
  } catch {
    return undefined;
  }
}

/** The error code of a failed file-system call ("EACCES", "ENOENT", …), or "ukendt". */
export function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : "ukendt";
}

/** A folder's entries, or why it could not be listed. */
export type Listing = { ok: true; entries: Dirent[] } | { ok: false; code: string };

/** Lists a folder without following links in it. */
export function listFolder(folder: string): Listing {
  try {
    return { ok: true, entries: readdirSync(folder, { withFileTypes: true }) };
  } catch (error) {
    return { ok: false, code: errorCode(error) };
  }
}

/** The outcome of reading a content file. */
export type ReadResult =
  /** `stats`: fstat's, on the descriptor read, before reading (with `withStats`). */
  | { kind: "ok"; bytes: Uint8Array; stats?: BigIntStats }
  /** More than `cap` bytes; `size` is at least cap + 1 (the size stat reports, when larger). */
  | { kind: "too-large"; size: number }
  | { kind: "missing" }
  /** Not a regular file: a link, FIFO, socket, device or folder. Nothing was read from it. */
  | { kind: "not-regular"; entry: EntryKind }
  | { kind: "unreadable"; code: string };

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a regular file of the content folder, at most `cap` bytes. Never follows a link, never
 * blocks on a FIFO, never reads more than `cap + 1` bytes.
 */
export function readContentFile(file: string, cap: number, withStats = false): ReadResult {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (error) {
    const code = errorCode(error);
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
    // O_NOFOLLOW on a link gives ELOOP (EMLINK on some BSDs); name the thing itself.
    const entry = kindOfPath(file);
    if (entry && entry !== "file") return { kind: "not-regular", entry };
    return { kind: "unreadable", code };
  }
  try {
    const big = withStats ? fstatSync(fd, { bigint: true }) : undefined;
    const stats = big ? { size: Number(big.size) } : fstatSync(fd);
    const entry = kindOfStats(big ?? (stats as Stats));
    if (entry !== "file") return { kind: "not-regular", entry };
    if (stats.size > cap) return { kind: "too-large", size: stats.size };
    // Room for one byte more than the cap, to see a file that is larger than stat said (it grew,
    // or its file system does not know sizes); it is grown, still bounded by the cap, if needed.
    let buffer = Buffer.allocUnsafe(Math.min(cap, Math.max(stats.size, 0)) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > cap) return { kind: "too-large", size: Math.max(stats.size, length) };
        const bigger = Buffer.allocUnsafe(Math.min(cap + 1, buffer.length * 2));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return { kind: "ok", bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, length), ...(big ? { stats: big } : {}) };
  } catch (error) {
    return { kind: "unreadable", code: errorCode(error) };
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens a regular file of the content folder for copying: O_NOFOLLOW | O_NONBLOCK, then fstat on
 * the descriptor. Returns the descriptor, or throws a NotRegularFileError for anything that is not
 * a regular file (the loader has refused those already; this closes the gap between its look and
 * the copy).
 */
export function openRegularFile(file: string): number {
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (error) {
    const entry = kindOfPath(file);
    if (entry && entry !== "file") throw new NotRegularFileError(file, entry);
    throw error;
  }
  const entry = kindOfStats(fstatSync(fd));
  if (entry !== "file") {
    closeSync(fd);
    throw new NotRegularFileError(file, entry);
  }
  return fd;
}

/** A path that should be a regular file of the content folder is something else. */
export class NotRegularFileError extends Error {
  override name = "NotRegularFileError";
  constructor(
    readonly file: string,
    readonly entry: EntryKind,
  ) {
    super(`${file} is not a regular file (${entry})`);
  }
}
