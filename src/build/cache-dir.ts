// The build's cache folder: what a build may keep for the next one, and nothing it publishes.
// Two caches live in it: the attachments the CPR guard has found clean (`cpr-clean-v2.txt`, each
// entry sealed with the cache secret, src/build/cache-key.ts: src/trust/cpr-record.ts) and the search index
// parts (src/search/cache.ts, `search/`). Both only ever save work: a missing, damaged or unwritable cache gives the same site, more slowly.
//
// `REFERAT_CACHE_DIR` names the folder (`off`, `0`, `false` or `no` turns caching off); by default
// it is `node_modules/.cache/referatarkiv/` in the folder the command runs in, where npm's and
// CI's caching and `git clean` already expect caches; without a `node_modules` folder there, none.
import { existsSync } from "node:fs";
import { join } from "node:path";

/** The environment variable naming the cache folder. */
export const CACHE_VARIABLE = "REFERAT_CACHE_DIR";

/** The cache folder for a command run in `cwd`, or undefined for none. */
export function resolveCacheRoot(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string | undefined {
  const setting = env[CACHE_VARIABLE]?.trim();
  if (setting) return /^(off|0|false|no)$/i.test(setting) ? undefined : setting;
  const modules = join(cwd, "node_modules");
  return existsSync(modules) ? join(modules, ".cache", "referatarkiv") : undefined;
}
