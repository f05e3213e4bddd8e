import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealWith } from "../../src/build/cache-key.ts";
import { CleanRecord, guardVersion, recordEntry, RECORD_FILE } from "../../src/trust/cpr-record.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "referat-cpr-record-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const seal = (secret: string) => sealWith(Buffer.from(secret, "utf8"));

describe("CleanRecord", () => {
  it("finds only entries sealed with its secret and the guard's version, and writes them atomically", async () => {
    const cache = path.join(dir, "record");
    const guard = (await guardVersion()) as string;
    expect(guard).toMatch(/^[0-9a-f]{64}$/);
    const record = await CleanRecord.open(cache, seal("en hemmelighed på 16+ tegn"), guard);
    record.add("c".repeat(64));
    await record.save();
    expect(await readFile(path.join(cache, RECORD_FILE), "utf8")).toBe(`${recordEntry(seal("en hemmelighed på 16+ tegn"), guard, "c".repeat(64))}\n`);
    expect((await CleanRecord.open(cache, seal("en hemmelighed på 16+ tegn"), guard)).has("c".repeat(64))).toBe(true);
    expect((await CleanRecord.open(cache, seal("en anden hemmelighed, 16+"), guard)).has("c".repeat(64))).toBe(false);
    expect((await CleanRecord.open(cache, seal("en hemmelighed på 16+ tegn"), "0".repeat(64))).has("c".repeat(64))).toBe(false);
    expect((await CleanRecord.open(cache, undefined, guard)).has("c".repeat(64))).toBe(false);
  });
});
