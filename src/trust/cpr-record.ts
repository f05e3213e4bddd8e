// The CPR guard's record of attachments it has found clean, kept in the build's cache folder
// (src/build/cache-dir.ts) so that a later build need not read them again. The cache folder may be
// shared (a CI cache) and written by others, so the record must not be able to make a file count as
// clean that the guard has not found clean: each entry is the cache's seal (src/build/cache-key.ts:
// an HMAC-SHA256 under a secret that is never kept in the cache folder) of the guard's version and
// the attachment's type and content hash. Who cannot read the secret cannot make a valid entry; an
// entry made by an older guard, for other bytes, or under another secret is simply not found, and
// the attachment is read again.
// What the record can and cannot be trusted with: docs/trust.md "The record of clean attachments".
import { createHash } from "node:crypto";
import { access, readFile } from "node:fs/promises";
import { writeAtomically } from "../fs/atomic.ts";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CacheSeal } from "../build/cache-key.ts";

/** The record's file in the cache folder. */
export const RECORD_FILE = "cpr-clean-v2.txt";

// The guard's own sources and the readers it uses: a change to any of them makes every entry stale.
const GUARD_SOURCES = ["cpr.ts", "cpr-pattern.ts", "cpr-source.ts", "attachment-text.ts", "cpr-record.ts"];
const GUARD_PACKAGES = ["unpdf", "jszip", "entities", "js-yaml", "markdown-it"];

let version: Promise<string | undefined> | undefined;

/** The guard's version: a hash of its source files and of the versions of the readers it uses. */
export function guardVersion(): Promise<string | undefined> {
  version ??= (async () => {
    const hash = createHash("sha256");
    try {
      const here = path.dirname(fileURLToPath(import.meta.url));
      for (const name of GUARD_SOURCES)
        hash
          .update(name)
          .update("\u0000")
          .update(await readFile(path.join(here, name)));
      for (const name of GUARD_PACKAGES) {
        hash
          .update(name)
          .update("\u0000")
          .update((JSON.parse(await readFile(await manifestOf(name, here), "utf8")) as { version?: string }).version ?? "");
      }
    } catch {
      return undefined; // Without a version, nothing is remembered (and nothing trusted).
    }
    return hash.digest("hex");
  })();
  return version;
}

/** The package.json of an installed package, looked for in node_modules from `from` upwards. */
async function manifestOf(name: string, from: string): Promise<string> {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "node_modules", name, "package.json");
    try {
      await access(file);
      return file;
    } catch {
      if (path.dirname(dir) === dir) throw new Error(`${name} is not installed`);
    }
  }
}

/** The record's entry for an attachment: the seal of the guard version and the content key. */
export function recordEntry(seal: CacheSeal, guard: string, contentKey: string): string {
  return seal.sign(`cpr-clean:${guard}`, contentKey);
}

/** The entries of one cache folder's record, checked against the key and guard version. */
export class CleanRecord {
  private readonly known = new Set<string>();
  private readonly added = new Set<string>();

  private constructor(
    private readonly dir: string | undefined,
    private readonly seal: CacheSeal | undefined,
    private readonly guard: string | undefined,
  ) {}

  /** The record in `dir` (none when `dir`, the seal or the guard's version is missing). */
  static async open(dir: string | undefined, seal: CacheSeal | undefined, guard: string | undefined): Promise<CleanRecord> {
    if (!dir || !seal || !guard) return new CleanRecord(undefined, undefined, undefined);
    const record = new CleanRecord(dir, seal, guard);
    try {
      for (const line of (await readFile(path.join(dir, RECORD_FILE), "utf8")).split("\n")) {
        if (/^[0-9a-f]{64}$/.test(line)) record.known.add(line);
      }
    } catch {
      // No record yet, or unreadable: start empty.
    }
    return record;
  }

  /** Whether the attachment with this content key is recorded as clean by this guard, under this seal. */
  has(contentKey: string): boolean {
    if (!this.seal || !this.guard) return false;
    return this.known.has(recordEntry(this.seal, this.guard, contentKey));
  }

  /** Records the attachment with this content key as clean. */
  add(contentKey: string): void {
    if (!this.seal || !this.guard) return;
    const entry = recordEntry(this.seal, this.guard, contentKey);
    if (!this.known.has(entry)) this.added.add(entry);
  }

  /** Writes the record atomically (a temporary file renamed into place); failures are ignored. */
  async save(): Promise<void> {
    if (!this.dir || this.added.size === 0) return;
    try {
      await writeAtomically(path.join(this.dir, RECORD_FILE), [...this.known, ...this.added].join("\n") + "\n");
    } catch {
      // A record is an optimisation only.
    }
  }
}
