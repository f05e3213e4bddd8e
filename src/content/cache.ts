// The loader's cache of validated meetings: what validating one meeting file gave (the Meeting, or
// its problems with their positions, and the CPR-like numbers in its text), kept in the build's
// cache folder (src/build/cache-dir.ts, `meetings/`; opened by the load stage, src/build/stages.ts) so that a rebuild reads and hashes each file
// and takes the rest from here instead of parsing and validating it again.
//
// The key is the SHA-256 of exactly what validation reads: the file's bytes, where it sits (its
// paths, kommune, council, year folder and name, as the user sees it), the council's name from
// kommune.yaml (the default title; the only thing validation takes from kommune.yaml) and the code
// version (src/build/cache/code-version.ts: every source file, the packages, Node). What the loader
// checks on disk around the file (attachments, the attachment folder, the date against the file
// name, duplicate addresses, declared councils, the layout) is not in an entry: it runs every
// build, on the cached result (src/content/meeting-file.ts).
//
// An entry is one file, `meetings/<first two hex digits>/<key>.json`: a seal (src/build/cache-key.ts,
// 64 hex digits) over the key and the payload, then the payload, the entry as JSON. (JSON rather than
// v8.serialize: at 2,000 meetings JSON.parse took about half the time of v8.deserialize, and the
// entries 26 MB instead of 44 MB; validated meetings hold no `undefined` values, which JSON would
// drop, as test/content/cache.test.ts checks with toStrictEqual.) A missing, damaged, forged or
// unreadable entry is a miss: the file is validated as in a build without a cache. Entries are
// written once (their key is their content) and touched when used at most once a day; entries no
// build has used for ENTRY_TTL_DAYS days are removed (`cleanMeetingCache`).
//
// Reading is synchronous, because a meeting file is loaded synchronously, in a worker thread or in
// the main one; writing happens in the background (`put`, then `flush` before the load ends).
import { createHash } from "node:crypto";
import { threadId } from "node:worker_threads";
import { closeSync, constants, fstatSync, futimesSync, openSync, readFileSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Meeting } from "../minutes/model.ts";
import type { Problem } from "../report/problem.ts";
import type { CprMatch } from "../trust/cpr-pattern.ts";
import { openCacheSeal, type CacheSeal } from "../build/cache-key.ts";
import { shardListings } from "../fs/shards.ts";
import type { MeetingJob } from "./meeting-file.ts";

/** Bumped when the layout of an entry changes. */
const FORMAT = 1;
const PURPOSE = `validated-meeting:${FORMAT}`;
/** Entries no build has used for this long are removed. */
export const ENTRY_TTL_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;
/** The folder inside the cache folder. */
export const MEETINGS_FOLDER = "meetings";

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
  /** The build's cache folder (src/build/cache-dir.ts); the entries are in its `meetings/`. */
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

/** Entries this thread has begun to write (their temporary files' names). */
let written = 0;

function isKey(key: string): boolean {
  return /^[0-9a-f]{64}$/.test(key);
}

export class MeetingCache {
  /** Entries read from the cache, and entries written to it, by this cache object. */
  hits = 0;
  stored = 0;

  /** The `meetings/` folder. */
  readonly dir: string;
  /** Shard folders this object has made (or is making). */
  private readonly shards = new Map<string, Promise<unknown>>();
  /** Entries being written. */
  private readonly writes = new Set<Promise<void>>();

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

  /** The key of a meeting file with these bytes at this place. */
  key(place: EntryPlace, bytes: Uint8Array): string {
    const where = JSON.stringify([place.file, place.absolutePath, place.sourcePath, place.kommune, place.raad, place.year, place.slug, place.councilName]);
    return createHash("sha256").update(`${PURPOSE}\0${this.ref.code}\0${where}\0`).update(bytes).digest("hex");
  }

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The entry of `key`, or undefined for a miss (none, damaged, forged, unreadable). Never throws. */
  get(key: string): ValidatedEntry | undefined {
    if (!isKey(key)) return undefined;
    let fd: number | undefined;
    try {
      // Non-blocking: a FIFO put in the cache's place must not hang the build; only a regular file is read.
      fd = openSync(this.path(key), constants.O_RDONLY | constants.O_NONBLOCK);
      const info = fstatSync(fd);
      if (!info.isFile()) return undefined;
      const bytes = readFileSync(fd);
      if (bytes.length < 65) return undefined;
      const mac = bytes.toString("latin1", 0, 64);
      const payload = bytes.subarray(64);
      if (!this.seal.verify(PURPOSE, Buffer.concat([Buffer.from(key, "latin1"), payload]), mac)) return undefined;
      const entry = JSON.parse(payload.toString("utf8")) as ValidatedEntry;
      if (typeof entry !== "object" || entry === null || !Array.isArray(entry.problems) || !Array.isArray(entry.cpr)) return undefined;
      // Marks the entry as used (the clean-up keeps what builds use), at most once a day.
      const now = Date.now();
      if (now - info.mtimeMs > DAY_MS) futimesSync(fd, now / 1000, now / 1000);
      this.hits++;
      return entry;
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /**
   * Keeps `entry` under `key`. The entry is serialised and sealed now (the caller may change it
   * next); the file is written in the background (creating files is most of a store's cost, and
   * Node's file threads do it beside validation): `flush` waits for it. Best effort: a cache that
   * cannot be written costs only the next build's time.
   */
  put(key: string, entry: ValidatedEntry): void {
    if (!isKey(key)) return;
    const payload = Buffer.from(JSON.stringify(entry), "utf8");
    const mac = this.seal.sign(PURPOSE, Buffer.concat([Buffer.from(key, "latin1"), payload]));
    const write = this.write(key, Buffer.concat([Buffer.from(mac, "latin1"), payload]));
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }

  private async write(key: string, bytes: Buffer): Promise<void> {
    const shard = join(this.dir, key.slice(0, 2));
    const file = this.path(key);
    const tmp = `${file}.${process.pid}-${threadId}-${++written}.tmp`;
    try {
      let made = this.shards.get(shard);
      if (!made) this.shards.set(shard, (made = mkdir(shard, { recursive: true })));
      await made;
      // Written whole, then renamed: a reader never finds half an entry.
      try {
        await writeFile(tmp, bytes, { mode: 0o600 });
      } catch (error) {
        // The folder was removed since (the cache may be deleted at any time): made again, once.
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
        await mkdir(shard, { recursive: true });
        await writeFile(tmp, bytes, { mode: 0o600 });
      }
      await rename(tmp, file);
      this.stored++;
    } catch {
      await rm(tmp, { force: true }).catch(() => undefined);
    }
  }

  /** Waits until every entry given to `put` is written (or has failed to be). */
  async flush(): Promise<void> {
    while (this.writes.size > 0) await Promise.all([...this.writes]);
  }
}

/** The marker whose time is the last clean-up. */
const CLEANED = ".cleaned";

/**
 * Removes entries no build has used for ENTRY_TTL_DAYS days (and leftovers of stopped builds), at
 * most once a day. Best effort: never throws.
 */
export function cleanMeetingCache(dir: string, now = Date.now()): void {
  try {
    const marker = join(dir, CLEANED);
    const last = statSync(marker, { throwIfNoEntry: false });
    if (last && now - last.mtimeMs < DAY_MS) return;
    const limit = now - ENTRY_TTL_DAYS * DAY_MS;
    for (const { folder, names } of shardListings(dir)) {
      for (const name of names) {
        const file = join(folder, name);
        const info = statSync(file, { throwIfNoEntry: false });
        const stale = name.endsWith(".tmp") ? (info?.mtimeMs ?? 0) < now - DAY_MS : (info?.mtimeMs ?? 0) < limit;
        if (stale) {
          try {
            unlinkSync(file);
          } catch {
            // Gone already, or not ours to remove.
          }
        }
      }
    }
    writeFileSync(marker, "");
  } catch {
    // No cache folder yet, or one that cannot be written: nothing to clean.
  }
}
