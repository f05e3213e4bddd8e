// The open data's cache: each meeting's part of the open data (src/data/fragments.ts: its
// referat.json, its line of moeder.ndjson, its rows of moeder.csv and punkter.csv, its calendar
// event), kept in the build's cache folder (src/build/cache-dir.ts, `data/`) for the next build,
// keyed by the SHA-256 of exactly what those parts are made from (`fragmentKey`). A rebuild makes
// the parts of the meetings whose key is new and reads every other meeting's from here; the files
// (the exports, the calendars) are put together from the parts as in a cold build, so the bytes
// are the same (test/build/incremental.test.ts).
//
// An entry is one file, `data/<first two hex digits>/<key>.txt`: a line with the seal
// (src/build/cache-key.ts: an HMAC under a secret kept outside the cache folder) of the key and the
// SHA-256 of the rest, a line with the parts' lengths in bytes, then the parts (UTF-8). An entry
// is used only when its seal verifies; the parts are then written by the build from the bytes it
// verified (nothing in the site is a link into this folder), without decoding them. Missing, damaged, forged or stale entries are misses: the parts are
// made again. An entry is a pure function of its key, so storing one from a build that later fails
// (a broken link) publishes nothing: a later build of the same content makes the same bytes.
// Entries no build has used for ENTRY_TTL_DAYS days are removed after a successful build.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, unlink, utimes, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { CacheSeal } from "../build/cache-key.ts";
import { eachLimited } from "../build/each-limited.ts";
import type { Council, Kommune, Meeting } from "../minutes/model.ts";
import { publishedFiles } from "../minutes/files.ts";
import type { MeetingHistory } from "./record.ts";
import type { DataLinks } from "./urls.ts";
import { FRAGMENT_PARTS, type FragmentBytes } from "./fragments.ts";
import { shardListings } from "../fs/shards.ts";
import { meetingDigest } from "../minutes/digest.ts";
import { PageCache, type Rendered } from "../build/cache/pages.ts";

/** Bumped when the layout of an entry or what goes into a key changes. */
const FORMAT = 2;
const PURPOSE = `open-data:${FORMAT}`;
/** The seal's purpose for the manifest of the data files kept whole (`data/files/`). */
const FILES_PURPOSE = `open-data-files:${FORMAT}`;
/** Entries no build has used for this long are removed. */
export const ENTRY_TTL_DAYS = 14;
const IN_FLIGHT = 32;

function isKey(key: string): boolean {
  return /^[0-9a-f]{64}$/.test(key);
}

/** What a meeting's parts are made from, besides the meeting: shared by every meeting of a build. */
export interface FragmentContext {
  /** The code version (src/build/cache/code-version.ts): any change to the code makes every entry stale. */
  code: string;
  links: DataLinks;
  history?: ReadonlyMap<string, MeetingHistory>;
  /** SHA-256 of each published file, by source path. */
  checksums: ReadonlyMap<string, string>;
}

/**
 * The key of a meeting's parts: the SHA-256 of the code version, the addresses' prefix and origin,
 * the meeting (every field), its council's and municipality's names, slugs, website and licence,
 * its history and the checksums of its published files: everything src/data/record.ts and
 * src/data/calendar.ts read for one meeting.
 */
export function fragmentKey(meeting: Meeting, council: Council, kommune: Kommune, context: FragmentContext): string {
  const files = publishedFiles(meeting).map((file) => [file.sourcePath, context.checksums.get(file.sourcePath) ?? null]);
  return createHash("sha256")
    .update(
      JSON.stringify({
        format: FORMAT,
        code: context.code,
        pathPrefix: context.links.pathPrefix,
        origin: context.links.origin ?? null,
        kommune: { slug: kommune.slug, name: kommune.name, website: kommune.website ?? null, license: kommune.license ?? null },
        council: { slug: council.slug, name: council.name },
        history: context.history?.get(meeting.absolutePath) ?? null,
        files,
        // The meeting's every field, by its digest (made once a build for all the caches).
        meeting: meetingDigest(meeting),
      }),
    )
    .digest("hex");
}

/** What the seal covers: the key and the SHA-256 of the entry's body (its lengths and parts). */
function sealed(key: string, body: Uint8Array): string {
  return `${key}\n${createHash("sha256").update(body).digest("hex")}`;
}

/**
 * The key of a data file kept whole (`DataCache.files`): the SHA-256 of the code version and of
 * what the file is put together from, in order (the keys of meetings' parts, heads, texts made
 * apart). Two files with the same key have the same bytes.
 */
export function dataFileKey(code: string, what: readonly string[]): string {
  return createHash("sha256")
    .update(JSON.stringify([FORMAT, code, ...what]))
    .digest("hex");
}

export class DataCache {
  /** Keys this build used or stored (never removed by this build's clean-up). */
  private readonly used = new Set<string>();
  /** Shard folders this build made or found. */
  private readonly shards = new Set<string>();
  /**
   * The data files kept whole (`data/files/`: referat.json, the exports, the calendars), a cache of
   * sealed read-only files like the render cache (src/build/cache/pages.ts): a rebuild links each
   * file whose key (`dataFileKey`) is unchanged into the new site and writes only the others.
   */
  readonly files: PageCache;
  /** The data files this build wrote, to keep once it has passed every check. */
  private readonly written: Rendered[] = [];

  constructor(
    readonly dir: string,
    private readonly seal: CacheSeal,
  ) {
    this.files = new PageCache(join(dir, "files"), seal, FILES_PURPOSE);
  }

  /** Remembers a data file this build wrote (its key, its path in the site, its bytes' SHA-256), to keep after the build. */
  remember(key: string, file: string, sha256: string): void {
    this.written.push({ key, file, sha256, links: [] });
  }

  /** The keep stage: keeps the data files this build wrote (read-only, linked into the cache), then drops what no build has used for ENTRY_TTL_DAYS days. Best effort. */
  async store(now = Date.now()): Promise<void> {
    await this.files.store(this.written, now);
    await this.files.clean(now);
    await this.clean(now);
  }

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.txt`);
  }

  /**
   * The parts kept under `key` (as UTF-8 bytes, to be written as they are), when the entry is there
   * and its seal verifies; else undefined. Never throws.
   */
  async get(key: string): Promise<FragmentBytes | undefined> {
    if (!isKey(key)) return undefined;
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path(key));
    } catch {
      return undefined;
    }
    const first = bytes.indexOf(10);
    const second = first === -1 ? -1 : bytes.indexOf(10, first + 1);
    if (second === -1) return undefined;
    if (!this.seal.verify(PURPOSE, sealed(key, bytes.subarray(first + 1)), bytes.toString("latin1", 0, first))) return undefined;
    const lengths = bytes
      .toString("latin1", first + 1, second)
      .split(",")
      .map(Number);
    if (lengths.length !== FRAGMENT_PARTS.length || !lengths.every((n) => Number.isSafeInteger(n) && n >= 0)) return undefined;
    const parts: Partial<FragmentBytes> = {};
    let at = second + 1;
    FRAGMENT_PARTS.forEach((name, index) => {
      const length = lengths[index] as number;
      parts[name] = bytes.subarray(at, at + length);
      at += length;
    });
    if (at !== bytes.length) return undefined;
    this.used.add(key);
    return parts as FragmentBytes;
  }

  /** Keeps a meeting's parts under `key`. Best effort: a cache that cannot be written costs only the next build's time. */
  async put(key: string, parts: FragmentBytes): Promise<void> {
    if (!isKey(key)) return;
    this.used.add(key);
    const chunks = FRAGMENT_PARTS.map((name) => parts[name]);
    const body = Buffer.concat([Buffer.from(`${chunks.map((c) => c.length).join(",")}\n`), ...chunks]);
    const file = this.path(key);
    const tmp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      const shard = dirname(file);
      if (!this.shards.has(shard)) {
        await mkdir(shard, { recursive: true });
        this.shards.add(shard);
      }
      await writeFile(tmp, Buffer.concat([Buffer.from(`${this.seal.sign(PURPOSE, sealed(key, body))}\n`), body]), { mode: 0o600 });
      // Whole or not at all: a reader never sees half an entry.
      await rename(tmp, file);
    } catch {
      await rm(tmp, { force: true }).catch(() => undefined);
    }
  }

  /** Removes entries that no build has used for ENTRY_TTL_DAYS days (and leftovers of stopped builds). Best effort. */
  async clean(now = Date.now()): Promise<void> {
    const limit = now - ENTRY_TTL_DAYS * 24 * 60 * 60 * 1000;
    for (const { folder, names } of shardListings(this.dir)) {
      await eachLimited(names, IN_FLIGHT, async (name) => {
        const file = join(folder, name);
        if (this.used.has(name.slice(0, 64)) && name.endsWith(".txt")) {
          // Its time is its last use.
          await utimes(file, new Date(now), new Date(now)).catch(() => undefined);
          return;
        }
        const info = await stat(file).catch(() => undefined);
        if (!info || info.mtimeMs < limit) await unlink(file).catch(() => undefined);
      });
    }
  }
}
