// One build cache (src/build/cache-dir.ts: the search index parts, the clean attachments) for the
// whole test run, in a fresh temporary folder: tests that build the same pages share their work,
// as builds on one machine do, and no run ever sees an earlier run's entries (nor the developer's
// own cache in node_modules). Removed when the run ends. Tests of the caches make their own.
// The cache's seal (src/build/cache-key.ts) gets a secret of the run's own, so that no test reads
// or makes the developer's ~/.config/referatarkiv/cache-secret.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SECRET_VARIABLE } from "../src/build/cache-key.ts";
import { CACHE_VARIABLE } from "../src/search/cache.ts";

export default async function setup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), "referat-test-cache-"));
  process.env[CACHE_VARIABLE] = dir;
  process.env[SECRET_VARIABLE] = randomBytes(32).toString("hex");
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
