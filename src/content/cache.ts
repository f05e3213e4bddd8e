// The loader's cache of validated meetings: what validating one meeting file gave (the Meeting, or
// its problems with their positions, and the CPR-like numbers in its text), kept in the build's
// cache folder (src/build/cache-dir.ts, `meetings/`; opened by the load stage, src/build/stages.ts)
// so that a rebuild takes it from here instead of reading, parsing and validating the file again.
//
// The key is the SHA-256 of exactly what validation reads: the SHA-256 of the file's bytes, where
// it sits (its paths, kommune, council, year and name, as the user sees it), the council's name
// from kommune.yaml (the default title; the only thing validation takes from kommune.yaml) and the
// code version (src/build/cache/code-version.ts: every source file, the packages, Node). What the
// loader checks on disk around the file (attachments, the attachment folder, the date against the
// file name, duplicate addresses, declared councils, the layout) is not in an entry: it runs every
// build, on the cached result (src/content/meeting-file.ts).
//
// Packs, not one file per entry: the entries of one council's year (`kommune/raad/yyyy/`) are one
// file, `meetings/<24 hex digits>.pack`, so a rebuild opens a few hundred files at 10,000 meetings
// instead of 10,000, a cold load writes as few, and a changed meeting rewrites only its year's pack.
// A pack is a seal (src/build/cache-key.ts, 64 hex digits) over everything after it, a newline, a
// header (JSON: each entry's key, place in the body, length and the day it was last used; each
// file's recorded hash), a newline, and the body: the entries as JSON, one after the other. An
// entry is parsed only when a load asks for its key. A missing, damaged, forged or unreadable pack
// holds nothing: its files are read and validated as in a build without a cache.
//
// Recorded hashes: the pack also holds, for each meeting file and attachment the loader read, the
// hash of its bytes (a meeting file's SHA-256, an attachment's CPR key, src/trust/cpr.ts
// `attachmentKey`) under the file's identity when it was read: device, inode, size, modification
// and status-change times in nanoseconds (`fileIdentity`). A later load that finds the same
// identity (lstat) takes the recorded hash instead of reading the file. The key stays the bytes':
// the identity only decides whether the hash recorded for those bytes is still theirs. A write to
// a file changes its status-change time (ctime), which no program can set back, and a replaced or
// copied file has another inode or device; an identity is recorded only for a file whose times are
// at least IDENTITY_SETTLED_MS older than the moment it was looked at, so a write in the same
// timestamp tick as the read cannot go unseen. The argument, and what it does not cover:
// docs/trust.md "The loader's cache of validated meetings".
//
// Threads: each thread (the loader's and its workers') reads packs itself and notes what it adds
// (`changes`); the loader's thread takes the workers' notes (`merge`) and writes the changed packs
// once the load is done (`flush`). Entries and hashes no load has used for ENTRY_TTL_DAYS days are
// dropped when their pack is written; a pack no load has used for as long is removed
// (`cleanMeetingCache`).
import { createHash } from "node:crypto";
import { threadId } from "node:worker_threads";
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync, type BigIntStats } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Meeting } from "../minutes/model.ts";
import type { Problem } from "../report/problem.ts";
import type { CprMatch } from "../trust/cpr-pattern.ts";
import { openCacheSeal, type CacheSeal } from "../build/cache-key.ts";
import type { MeetingJob } from "./meeting-file.ts";

/** Bumped when the layout of a pack or an entry changes. */
const FORMAT = 2;
const PURPOSE = `validated-meetings:${FORMAT}`;
/** Entries, recorded hashes and packs no load has used for this long are removed. */
export const ENTRY_TTL_DAYS = 30;
/** A used entry's day is written again (its pack rewritten) when it is older than this. */
const TOUCH_AFTER_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How much older than the look at it a file's times must be for its identity to be recorded. */
export const IDENTITY_SETTLED_MS = 2000;
/** The folder inside the cache folder. */
export const MEETINGS_FOLDER = "meetings";
const PACK = /^[0-9a-f]{24}\.pack$/;
/** Packs a thread keeps in memory once read. */
const PACKS_KEPT = 8;

/** What validating one meeting file gave: a pure function of the entry's key. */
export interface ValidatedEntry {
  /** The meeting as validation made it, before the checks on disk (attachment sizes are 0). */
  meeting?: Meeting;
  /** Validation's problems, with their positions (none when `meeting` is set). */
  problems: Problem[];
  /** The front matter's date, when it is a valid date (for the placement check). */
  date?: string;
  /** `cpr_allow` as validated, or as written when the meeting is not valid. */
  cprAllow: string[];
  /** CPR-like numbers in the file's text (src/trust/cpr.ts `scanSourceForCpr`). */
  cpr: CprMatch[];
}

/**
 * Where a meeting file sits, as validation sees it (everything but its bytes): the walk's job without
 * what it found on disk (the attachment folder, the year folder: checked on every load), with the
 * file as the user sees it and the year its name says.
 */
export type EntryPlace = Omit<MeetingJob, "hasFolder" | "year"> & { file: string; year: string };

/** How to reach a meeting cache from any thread: plain data, sent to the loader's workers. */
export interface MeetingCacheRef {
  /** The build's cache folder (src/build/cache-dir.ts); the packs are in its `meetings/`. */
  root: string;
  /** The code version (src/build/cache/code-version.ts). */
  code: string;
}

/**
 * The meeting cache in the cache folder `root` for this code version, or undefined for none: no
 * secret to seal it with. (The load stage, src/build/stages.ts, finds the folder and the version.)
 */
export function meetingCacheRef(root: string, code: string): MeetingCacheRef | undefined {
  return openCacheSeal(root) ? { root, code } : undefined;
}

/**
 * A regular file's identity from lstat or fstat (bigint: nanoseconds), or undefined when it may not
 * be trusted to stand for the bytes read: not a regular file, or changed less than
 * IDENTITY_SETTLED_MS before `now` (a write in the same timestamp tick could follow unseen).
 */
export function fileIdentity(stats: BigIntStats, now = Date.now()): string | undefined {
  if (!stats.isFile()) return undefined;
  const settled = BigInt(now - IDENTITY_SETTLED_MS) * 1_000_000n;
  if (stats.mtimeNs >= settled || stats.ctimeNs >= settled) return undefined;
  return identityText(stats);
}

/** The identity's text: device, inode, size, modification and status-change times. */
function identityText(stats: BigIntStats): string {
  return `${stats.dev}:${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
}

/** The identity lstat gives the path now, if it is a regular file (not checked for settling: it is compared with a recorded one). */
function currentIdentity(file: string): string | undefined {
  try {
    const stats = lstatSync(file, { bigint: true });
    return stats.isFile() ? identityText(stats) : undefined;
  } catch {
    return undefined;
  }
}

/** The pack of a meeting file: its council's year folder. */
export function packOf(job: Pick<MeetingJob, "kommune" | "raad" | "year">): string {
  return createHash("sha256").update(`${job.kommune}\0${job.raad}\0${job.year}`).digest("hex").slice(0, 24);
}

/** A pack's header: where each entry is in the body, and the recorded hashes. */
interface Header {
  /** key → [offset in the body, length in bytes, day last used]. */
  entries: Record<string, [number, number, number]>;
  /** "m:" or "a:" and the absolute path → [identity, hash, day last used]. */
  files: Record<string, [string, string, number]>;
}

/** A pack as read: the header and the body's bytes. */
interface Pack {
  header: Header;
  body: Buffer;
}

/** What a thread added to a pack: plain data, sent from a worker to the loader's thread. */
export interface PackChanges {
  /** New entries: key → the entry as JSON. */
  entries: Record<string, string>;
  /** Recorded hashes, new or changed: "m:"/"a:" path → [identity, hash]. */
  files: Record<string, [string, string]>;
  /** Keys and file names used whose day is older than TOUCH_AFTER_DAYS. */
  touched: string[];
}

/** What a thread added to the cache, by pack. */
export type CacheChanges = Record<string, PackChanges>;

function today(now = Date.now()): number {
  return Math.floor(now / DAY_MS);
}

function isKey(key: string): boolean {
  return /^[0-9a-f]{64}$/.test(key);
}

/** Packs this process has begun to write (their temporary files' names). */
let written = 0;

export class MeetingCache {
  /** Entries found in the cache, entries added to it, and packs written, by this cache object. */
  hits = 0;
  added = 0;
  stored = 0;
  /** Files whose recorded hash was taken instead of reading them. */
  trusted = 0;

  /** The `meetings/` folder. */
  readonly dir: string;
  /** Packs read (null: none, or not to be trusted). */
  private readonly packs = new Map<string, Pack | null>();
  private changes: CacheChanges = {};
  /** Packs being written. */
  private readonly writes = new Set<Promise<void>>();
  /** Whether the folder has been made by this object. */
  private made: Promise<unknown> | undefined;
  private readonly day = today();

  constructor(
    readonly ref: MeetingCacheRef,
    private readonly seal: CacheSeal,
  ) {
    this.dir = join(ref.root, MEETINGS_FOLDER);
  }

  /** The cache named by `ref` in this thread, or undefined when it has no seal. */
  static open(ref: MeetingCacheRef): MeetingCache | undefined {
    const seal = openCacheSeal(ref.root);
    return seal ? new MeetingCache(ref, seal) : undefined;
  }

  /** The key of a meeting file whose bytes have this SHA-256, at this place. */
  key(place: EntryPlace, sha256: string): string {
    const where = JSON.stringify([place.file, place.absolutePath, place.sourcePath, place.kommune, place.raad, place.year, place.slug, place.councilName]);
    return createHash("sha256").update(`${PURPOSE}\0${this.ref.code}\0${where}\0${sha256}`).digest("hex");
  }

  private file(pack: string): string {
    return join(this.dir, `${pack}.pack`);
  }

  /** The pack, read and verified once per thread; null for none (missing, damaged, forged, unreadable). */
  private pack(pack: string): Pack | null {
    let found = this.packs.get(pack);
    if (found !== undefined) return found;
    found = null;
    let fd: number | undefined;
    try {
      // Non-blocking: a FIFO put in the cache's place must not hang the build; only a regular file is read.
      fd = openSync(this.file(pack), constants.O_RDONLY | constants.O_NONBLOCK);
      if (fstatSync(fd).isFile()) {
        const bytes = readFileSync(fd);
        const newline = bytes.indexOf(10, 65);
        if (bytes.length > 65 && bytes[64] === 10 && newline > 0) {
          const mac = bytes.toString("latin1", 0, 64);
          if (this.seal.verify(`${PURPOSE}:${pack}`, bytes.subarray(65), mac)) {
            const header = JSON.parse(bytes.toString("utf8", 65, newline)) as Header;
            if (typeof header === "object" && header !== null && typeof header.entries === "object" && typeof header.files === "object") {
              found = { header, body: bytes.subarray(newline + 1) };
            }
          }
        }
      }
    } catch {
      found = null;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    this.packs.set(pack, found);
    // A few packs kept: the loader walks a council's year after another, so a pack's files come
    // together; a pack with changes is read again when it is written.
    if (this.packs.size > PACKS_KEPT) this.packs.delete(this.packs.keys().next().value as string);
    return found;
  }

  private changesOf(pack: string): PackChanges {
    return (this.changes[pack] ??= { entries: {}, files: {}, touched: [] });
  }

  /**
   * The hash recorded for the file at `path` ("m:" a meeting file's SHA-256, "a:" an attachment's
   * CPR key), when lstat finds it with the identity the hash was recorded for; else undefined (the
   * file is read). `pack`: its meeting's pack.
   */
  knownHash(pack: string, name: string): string | undefined {
    const recorded = this.changes[pack]?.files[name] ?? this.pack(pack)?.header.files[name];
    if (!recorded || !Array.isArray(recorded)) return undefined;
    const [identity, hash] = recorded;
    if (typeof identity !== "string" || typeof hash !== "string" || currentIdentity(name.slice(2)) !== identity) return undefined;
    const day = recorded[2];
    if (typeof day === "number" && this.day - day > TOUCH_AFTER_DAYS) this.changesOf(pack).touched.push(name);
    this.trusted++;
    return hash;
  }

  /** Records the hash of the bytes read from the file `name` (see knownHash), which had `identity` (`fileIdentity`) when read. */
  noteHash(pack: string, name: string, identity: string | undefined, hash: string): void {
    if (identity === undefined) return;
    const recorded = this.pack(pack)?.header.files[name];
    if (recorded && recorded[0] === identity && recorded[1] === hash) return;
    this.changesOf(pack).files[name] = [identity, hash];
  }

  /** The entry of `key` in `pack`, or undefined for a miss. Never throws. */
  get(pack: string, key: string): ValidatedEntry | undefined {
    if (!isKey(key)) return undefined;
    const found = this.pack(pack);
    const place = found?.header.entries[key];
    if (!found || !Array.isArray(place)) return undefined;
    const [offset, length, day] = place;
    if (typeof offset !== "number" || typeof length !== "number" || offset < 0 || offset + length > found.body.length) return undefined;
    try {
      const entry = JSON.parse(found.body.toString("utf8", offset, offset + length)) as ValidatedEntry;
      if (typeof entry !== "object" || entry === null || !Array.isArray(entry.problems) || !Array.isArray(entry.cpr)) return undefined;
      if (typeof day === "number" && this.day - day > TOUCH_AFTER_DAYS) this.changesOf(pack).touched.push(key);
      this.hits++;
      return entry;
    } catch {
      return undefined;
    }
  }

  /** Keeps `entry` under `key` in `pack`: serialised now (the caller may change the entry next), written by `flush`. */
  put(pack: string, key: string, entry: ValidatedEntry): void {
    if (!isKey(key)) return;
    this.changesOf(pack).entries[key] = JSON.stringify(entry);
    this.added++;
  }

  /** What this thread added since the last call, for the loader's thread (`merge`); forgotten here. */
  takeChanges(): CacheChanges {
    const changes = this.changes;
    this.changes = {};
    return changes;
  }

  /** Takes what a worker added (`takeChanges` there) into this thread's changes. */
  merge(changes: CacheChanges): void {
    for (const [pack, change] of Object.entries(changes)) {
      const mine = this.changesOf(pack);
      Object.assign(mine.entries, change.entries);
      Object.assign(mine.files, change.files);
      mine.touched.push(...change.touched);
    }
  }

  /**
   * Writes `pack` if it has changes (its entries and recorded hashes, with what was added, without
   * what no load has used for ENTRY_TTL_DAYS days), in the background: the loader calls it as soon
   * as every file of the pack is loaded, so the pack's changes are let go and the writing happens
   * beside the rest of the load. Written whole, then renamed (a reader never finds half a pack).
   * Best effort: a pack that cannot be written costs only the next build's time.
   */
  writePack(pack: string): void {
    const change = this.changes[pack];
    if (!change) return;
    delete this.changes[pack];
    let bytes: Buffer;
    try {
      bytes = this.packBytes(pack, change);
    } catch {
      return;
    }
    this.packs.delete(pack);
    const write = this.write(pack, bytes);
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }

  /** Writes every pack that still has changes, and waits until every pack given to be written is (or has failed to be). Forgets the packs read. */
  async flush(): Promise<void> {
    for (const pack of Object.keys(this.changes)) this.writePack(pack);
    while (this.writes.size > 0) await Promise.all([...this.writes]);
    this.packs.clear();
  }

  /** The bytes of `pack` as it is to be written: seal, header, body. */
  private packBytes(pack: string, change: PackChanges): Buffer {
    const old = this.pack(pack);
    const oldest = this.day - ENTRY_TTL_DAYS;
    const touched = new Set(change.touched);
    const header: Header = { entries: {}, files: {} };
    const parts: Buffer[] = [];
    let offset = 0;
    const add = (key: string, bytes: Buffer, day: number) => {
      header.entries[key] = [offset, bytes.length, day];
      parts.push(bytes);
      offset += bytes.length;
    };
    for (const [key, text] of Object.entries(change.entries)) add(key, Buffer.from(text, "utf8"), this.day);
    for (const [key, place] of Object.entries(old?.header.entries ?? {})) {
      if (key in change.entries || !Array.isArray(place)) continue;
      const [at, length, used] = place;
      const day = touched.has(key) ? this.day : used;
      if (day < oldest || at < 0 || at + length > (old as Pack).body.length) continue;
      add(key, (old as Pack).body.subarray(at, at + length), day);
    }
    for (const [name, [identity, hash]] of Object.entries(change.files)) header.files[name] = [identity, hash, this.day];
    for (const [name, recorded] of Object.entries(old?.header.files ?? {})) {
      if (name in change.files || !Array.isArray(recorded)) continue;
      const day = touched.has(name) ? this.day : recorded[2];
      if (day >= oldest) header.files[name] = [recorded[0], recorded[1], day];
    }
    const payload = Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, "utf8"), ...parts]);
    const mac = this.seal.sign(`${PURPOSE}:${pack}`, payload);
    return Buffer.concat([Buffer.from(`${mac}\n`, "latin1"), payload]);
  }

  private async write(pack: string, bytes: Buffer): Promise<void> {
    const file = this.file(pack);
    const tmp = `${file}.${process.pid}-${threadId}-${++written}.tmp`;
    try {
      await (this.made ??= mkdir(this.dir, { recursive: true }).catch(() => undefined));
      try {
        await writeFile(tmp, bytes, { mode: 0o600 });
      } catch (error) {
        // The folder was removed since (the cache may be deleted at any time): made again, once.
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        await mkdir(this.dir, { recursive: true });
        await writeFile(tmp, bytes, { mode: 0o600 });
      }
      await rename(tmp, file);
      this.stored++;
    } catch {
      await rm(tmp, { force: true }).catch(() => undefined);
    }
  }
}

/** The marker whose time is the last clean-up. */
const CLEANED = ".cleaned";

/**
 * Removes packs no build has used for ENTRY_TTL_DAYS days, leftovers of stopped builds, and the
 * folders of the older layout (one file per entry), at most once a day. Best effort: never throws.
 */
export function cleanMeetingCache(dir: string, now = Date.now()): void {
  try {
    const marker = join(dir, CLEANED);
    const last = statSync(marker, { throwIfNoEntry: false });
    if (last && now - last.mtimeMs < DAY_MS) return;
    const limit = now - ENTRY_TTL_DAYS * DAY_MS;
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      try {
        if (/^[0-9a-f]{2}$/.test(name)) {
          rmSync(file, { recursive: true, force: true });
          continue;
        }
        const info = statSync(file, { throwIfNoEntry: false });
        const stale = name.endsWith(".tmp") ? (info?.mtimeMs ?? 0) < now - DAY_MS : PACK.test(name) && (info?.mtimeMs ?? 0) < limit;
        if (stale) unlinkSync(file);
      } catch {
        // Gone already, or not ours to remove.
      }
    }
    writeFileSync(marker, "");
  } catch {
    // No cache folder yet, or one that cannot be written: nothing to clean.
  }
}
