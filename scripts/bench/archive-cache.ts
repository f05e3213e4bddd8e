// The benchmark's generated archive, cached beside the content folder (never inside it): `<out>/gen-<N>`
// with the marker `<out>/gen-<N>.json` ({ version, seed, result }), the same layout scripts/bench/run.ts
// uses, so that either script reuses what the other generated.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { GENERATOR_VERSION, generateArchive, type GenerateResult } from "./generate.ts";

export interface CachedArchive {
  dir: string;
  result: GenerateResult;
  reused: boolean;
}

/** Returns `<out>/gen-<meetings>`, generating it unless its marker names this generator version and seed. */
export function ensureArchive(options: { out: string; meetings: number; seed?: number; regen?: boolean; log?: (message: string) => void }): CachedArchive {
  const seed = options.seed ?? 1;
  const log = options.log ?? (() => {});
  const dir = join(options.out, `gen-${options.meetings}`);
  const marker = `${dir}.json`;
  if (!options.regen && existsSync(marker) && existsSync(dir)) {
    const saved = JSON.parse(readFileSync(marker, "utf8")) as { version: number; seed: number; result: GenerateResult };
    if (saved.version === GENERATOR_VERSION && saved.seed === seed) {
      log(`reusing ${dir} (${saved.result.meetings} meetings)`);
      return { dir, result: saved.result, reused: true };
    }
  }
  log(`generating ${options.meetings} meetings into ${dir}`);
  mkdirSync(options.out, { recursive: true });
  const result = generateArchive({ outDir: dir, meetings: options.meetings, seed });
  writeFileSync(marker, JSON.stringify({ version: GENERATOR_VERSION, seed, result }, null, 2));
  log(`generated ${result.meetings} meetings in ${result.seconds.toFixed(1)} s`);
  return { dir, result, reused: false };
}
