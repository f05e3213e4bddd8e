// The copy stage: the files that are copied, not rendered. Attachments lie beside their meeting
// page, logos in their municipality's folder, templates/assets/ under /assets/. Content files are
// copied through a descriptor that never follows a link, and an attachment's bytes are hashed as
// they are copied: the CPR guard's key of them must be the key of the bytes the guard checked (the
// CPR stage's result, src/trust/cpr.ts `CprResult.checked`), else the file changed after the check and the build
// stops; their SHA-256 is the checksum the open data publishes. With the build's cache, an
// attachment whose checked bytes an earlier build published is linked from the cache's sealed
// read-only copy (src/build/cache/files.ts): the seal names the file, the guard's key of its bytes
// and their SHA-256, so it is not read again.
import { createHash, type Hash } from "node:crypto";
import { createReadStream, createWriteStream, statSync } from "node:fs";
import { cp, mkdir, rm } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { openRegularFile } from "../content/files.ts";
import { publishedFiles } from "../minutes/files.ts";
import type { Kommune } from "../minutes/model.ts";
import { displayPath } from "../report/display-path.ts";
import { attachmentOutputPath, logoOutputPath } from "../site/urls.ts";
import type { FileStore } from "./cache/files.ts";
import { eachLimited } from "./each-limited.ts";

/** One file to copy: absolute source, output path relative to the site folder. */
export interface CopyJob {
  from: string;
  to: string;
  /** The CPR guard's key of the bytes it checked (src/trust/cpr.ts `attachmentKey`), when it checked them. */
  checked?: string;
}

/** The two hashes of a file's bytes: the CPR guard's key (type and bytes) and the plain SHA-256. */
class Hashes {
  private readonly key: Hash;
  private readonly plain = createHash("sha256");

  /** `file`: the source file, whose extension is the type. */
  constructor(file: string) {
    // As src/trust/cpr.ts attachmentKey: the type (the extension, lower case), a NUL, the bytes.
    this.key = createHash("sha256").update(`${extname(file).slice(1).toLowerCase()}\u0000`);
  }

  update(chunk: Buffer): void {
    this.key.update(chunk);
    this.plain.update(chunk);
  }

  digest(): { key: string; sha256: string } {
    return { key: this.key.digest("hex"), sha256: this.plain.digest("hex") };
  }
}

/** The file changed after the CPR guard read it: its bytes are not published. */
export class ChangedSinceCheckError extends Error {
  override name = "ChangedSinceCheckError";
  constructor(readonly file: string) {
    super(`${displayPath(file)} blev ændret, efter at CPR-tjekket læste den, og er ikke offentliggjort; byg igen`);
  }
}

/**
 * Every attachment and logo of the given municipalities. Closed items never have files copied.
 * `checked`: the CPR guard's key of each attachment's bytes it judged, by absolute path (src/trust/cpr.ts `CprResult.checked`).
 */
export function listCopyJobs(kommuner: readonly Kommune[], checked: ReadonlyMap<string, string> = new Map()): CopyJob[] {
  const jobs: CopyJob[] = [];
  for (const kommune of kommuner) {
    const logo = logoOutputPath(kommune);
    if (logo && kommune.look.logoSourcePath) jobs.push({ from: kommune.look.logoSourcePath, to: logo });
    for (const council of kommune.councils) {
      for (const meeting of council.meetings) {
        for (const attachment of publishedFiles(meeting)) {
          const key = checked.get(resolve(attachment.sourcePath));
          jobs.push({ from: attachment.sourcePath, to: attachmentOutputPath(meeting, attachment), ...(key ? { checked: key } : {}) });
        }
      }
    }
  }
  return jobs;
}

export interface CopyOptions {
  /** The cache of published attachments (src/build/cache/files.ts): checked bytes an earlier build published are linked from there. */
  store?: FileStore;
  concurrency?: number;
}

/** What copying did: the SHA-256 of each file published, by source path, and how many were linked from the cache. */
export interface Copied {
  checksums: Map<string, string>;
  linked: number;
}

/**
 * Puts the jobs' files into `siteDir`: an attachment whose checked bytes the cache holds is linked
 * from there (and not read: the cache's seal names the file and its SHA-256), every other file is
 * copied from content/, a few at a time, and hashed as it is copied. Throws ChangedSinceCheckError
 * for a file whose bytes are not the ones the CPR guard checked.
 */
export async function copyFiles(all: readonly CopyJob[], siteDir: string, options: CopyOptions = {}): Promise<Copied> {
  const copied: Copied = { checksums: new Map(), linked: 0 };
  const { store } = options;
  // One job a target: a file listed twice (two items with the same attachment) is put there once.
  const jobs = [...new Map(all.map((job) => [job.to, job])).values()];
  let toCopy = jobs;
  if (store) {
    const linked = await store.restore(jobs.flatMap((job) => (job.checked ? [{ key: job.checked, target: join(siteDir, job.to) }] : [])));
    toCopy = jobs.filter((job) => {
      const sha256 = job.checked ? linked.get(job.checked) : undefined;
      if (sha256 === undefined) return true;
      copied.checksums.set(job.from, sha256);
      copied.linked++;
      return false;
    });
  }
  const made = new Set<string>();
  await eachLimited(toCopy, options.concurrency ?? 16, async (job) => {
    const target = join(siteDir, job.to);
    const folder = dirname(target);
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    const { key, sha256 } = await copyRegularFile(job.from, target);
    if (job.checked !== undefined && key !== job.checked) {
      await rm(target, { force: true });
      throw new ChangedSinceCheckError(job.from);
    }
    copied.checksums.set(job.from, sha256);
    // Kept once the build has passed every check (read-only from then on, in the site and the cache).
    if (store && job.checked) store.remember(key, target, sha256);
  });
  return copied;
}

/**
 * Copies a file of the content folder through a descriptor opened without following links
 * (src/content/files.ts): the loader refused links, FIFOs and devices, and a file swapped for one
 * since then is refused here rather than copied from outside the content. Returns the hashes of
 * the bytes written, hashed as they pass.
 */
async function copyRegularFile(from: string, to: string): Promise<{ key: string; sha256: string }> {
  const fd = openRegularFile(from);
  const hashes = new Hashes(from);
  await pipeline(
    createReadStream("", { fd, autoClose: true }),
    new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hashes.update(chunk);
        done(null, chunk);
      },
    }),
    // Never over a file already there (`wx`): an attachment linked from the cache is a hard link.
    createWriteStream(to, { flags: "wx" }),
  );
  return hashes.digest();
}

/**
 * The kinds of file templates/assets/ publishes: what a browser loads as a page's stylesheet,
 * script, image or font. Everything else there (type declarations such as `search-core.d.ts`,
 * source maps, notes, an editor's backup file) stays out of the site.
 */
export const PUBLISHED_ASSET_TYPES: readonly string[] = [".css", ".js", ".mjs", ".svg", ".png", ".ico", ".webp", ".woff2"];

/** True for an asset file the site publishes (by name: dot files and `*.d.ts` never). */
export function isPublishedAsset(name: string): boolean {
  if (name.startsWith(".")) return false;
  const lower = name.toLowerCase();
  return PUBLISHED_ASSET_TYPES.some((type) => lower.endsWith(type));
}

/** Copies the published files of a folder of static assets (stylesheet, scripts) to `<siteDir>/assets/`. */
export async function copyAssets(assetsDir: string, siteDir: string): Promise<void> {
  await cp(assetsDir, join(siteDir, "assets"), {
    recursive: true,
    errorOnExist: false,
    force: true,
    // Folders are walked (their files are filtered in turn); dot folders are not.
    filter: (source) => source === assetsDir || (basename(source).startsWith(".") ? false : isDirectorySync(source) || isPublishedAsset(basename(source))),
  });
}

function isDirectorySync(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
