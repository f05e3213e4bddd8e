// A key the build cache cannot forge. Whoever can write to the cache folder (a CI cache shared
// between branches, a folder other users can write) could otherwise put anything in it, and a
// build would publish it as its own. So what a build stores there is sealed with an HMAC under a
// secret kept outside the cache folder, and an entry whose seal does not verify is not used: it
// counts as a miss, and the work is done again. Small and generic: any cache (the search index
// parts, the CPR guard's record) seals its entries with `sign(purpose, data)` and checks them with
// `verify`. See docs/trust.md "The build cache".
//
// The secret is `REFERAT_CACHE_SECRET` when set (in CI: a secret of the CI system, never stored in
// the cache), else 32 random bytes in `referatarkiv/cache-secret` under `XDG_CONFIG_HOME` (default
// `~/.config`), made on first use, readable by its owner alone. Without a usable secret (no home
// folder, a secret file others can read or write, or one inside the cache folder itself) there is
// no seal, and callers use no cache.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { closeSync, fstatSync, lstatSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, relative, resolve, isAbsolute } from "node:path";

/** The environment variable that gives the secret itself (for CI, where no home folder lasts). */
export const SECRET_VARIABLE = "REFERAT_CACHE_SECRET";

/** Seals and checks what a cache holds. */
export interface CacheSeal {
  /** The HMAC-SHA256 (hex) of `data` for `purpose` (e.g. "search-index:1"): different purposes never share a seal. */
  sign(purpose: string, data: string | Uint8Array): string;
  /** Whether `mac` is the seal of `data` for `purpose`. */
  verify(purpose: string, data: string | Uint8Array, mac: unknown): boolean;
}

/** A seal under the given secret. */
export function sealWith(secret: Uint8Array): CacheSeal {
  const sign = (purpose: string, data: string | Uint8Array) => createHmac("sha256", secret).update(purpose).update("\0").update(data).digest("hex");
  return {
    sign,
    verify(purpose, data, mac) {
      if (typeof mac !== "string" || !/^[0-9a-f]{64}$/.test(mac)) return false;
      return timingSafeEqual(Buffer.from(sign(purpose, data), "hex"), Buffer.from(mac, "hex"));
    },
  };
}

/** Where the per-user secret file is. */
export function secretFile(env: NodeJS.ProcessEnv = process.env): string {
  const config = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(homedir(), ".config");
  return join(config, "referatarkiv", "cache-secret");
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(resolve(folder), resolve(path));
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/** Reads the secret file, or makes it; undefined when it cannot be trusted or made. */
function readOrMakeSecret(file: string): Buffer | undefined {
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    try {
      const fd = openSync(file, "wx", 0o600);
      try {
        writeSync(fd, `${randomBytes(32).toString("hex")}\n`);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") return undefined;
    }
    // A regular file of ours that nobody else can read or write: else anyone could forge seals.
    const link = lstatSync(file);
    if (!link.isFile()) return undefined;
    const fd = openSync(file, "r");
    try {
      const info = fstatSync(fd);
      const uid = process.getuid?.();
      if (process.platform !== "win32" && ((info.mode & 0o077) !== 0 || (uid !== undefined && info.uid !== uid))) return undefined;
      const text = readFileSync(fd, "utf8").trim();
      return /^[0-9a-f]{64}$/.test(text) ? Buffer.from(text, "hex") : undefined;
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

const opened = new Map<string, CacheSeal | undefined>();

/**
 * The seal for the cache folder `cacheDir`, or undefined when there is no secret that the cache
 * folder's writers cannot read or change (see the module comment): then use no cache.
 */
export function openCacheSeal(cacheDir: string, env: NodeJS.ProcessEnv = process.env): CacheSeal | undefined {
  const given = env[SECRET_VARIABLE];
  const file = secretFile(env);
  const id = `${resolve(cacheDir)}\0${given === undefined ? file : "env"}`;
  if (opened.has(id)) return opened.get(id);
  let seal: CacheSeal | undefined;
  if (given !== undefined) {
    // At least 16 characters: a short secret is guessed.
    seal = given.trim().length >= 16 ? sealWith(Buffer.from(given.trim(), "utf8")) : undefined;
  } else if (!isInside(file, cacheDir)) {
    const secret = readOrMakeSecret(file);
    seal = secret ? sealWith(secret) : undefined;
  }
  opened.set(id, seal);
  return seal;
}
