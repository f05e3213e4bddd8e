// The cache's seal (src/build/cache-key.ts): a secret outside the cache folder, made on first use,
// readable by its owner alone, or given by REFERAT_CACHE_SECRET.
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openCacheSeal, sealWith, secretFile, SECRET_VARIABLE } from "../../src/build/cache-key.ts";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "referat-seal-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("sealWith", () => {
  it("verifies its own seal only, for the same purpose and data", () => {
    const seal = sealWith(Buffer.alloc(32, 1));
    const mac = seal.sign("search-index:2", "data");
    expect(seal.verify("search-index:2", "data", mac)).toBe(true);
    expect(seal.verify("search-index:2", "data!", mac)).toBe(false);
    expect(seal.verify("cpr:1", "data", mac)).toBe(false);
    expect(sealWith(Buffer.alloc(32, 2)).verify("search-index:2", "data", mac)).toBe(false);
    expect(seal.verify("search-index:2", "data", "not a mac")).toBe(false);
  });
});

describe("openCacheSeal", () => {
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ XDG_CONFIG_HOME: join(dir, "config"), ...extra });

  it("makes a secret on first use, readable by its owner alone, and uses it again", async () => {
    const first = openCacheSeal(join(dir, "cache-a"), env());
    const file = secretFile(env());
    expect(file).toBe(join(dir, "config/referatarkiv/cache-secret"));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, "utf8")).toMatch(/^[0-9a-f]{64}\n$/);
    const again = openCacheSeal(join(dir, "cache-b"), env());
    expect(again!.verify("p", "d", first!.sign("p", "d"))).toBe(true);
  });

  it("has no seal when the secret file can be read or written by others", async () => {
    const file = secretFile(env());
    await mkdir(join(dir, "config/referatarkiv"), { recursive: true });
    await writeFile(file, `${"a".repeat(64)}\n`);
    await chmod(file, 0o644);
    expect(openCacheSeal(join(dir, "cache-c"), env())).toBeUndefined();
  });

  it("has no seal when the secret would lie inside the cache folder", () => {
    expect(openCacheSeal(join(dir, "config"), env())).toBeUndefined();
  });

  it(`takes ${SECRET_VARIABLE} when set, and refuses one shorter than 16 characters`, () => {
    const seal = openCacheSeal(join(dir, "cache-d"), env({ [SECRET_VARIABLE]: "en lang hemmelighed fra CI" }));
    expect(seal!.verify("p", "d", sealWith(Buffer.from("en lang hemmelighed fra CI")).sign("p", "d"))).toBe(true);
    expect(openCacheSeal(join(dir, "cache-e"), env({ [SECRET_VARIABLE]: "kort" }))).toBeUndefined();
  });
});
