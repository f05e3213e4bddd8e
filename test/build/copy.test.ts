// The copy stage's files: attachments copied through a descriptor, hashed as they pass, checked
// against the key of the bytes the CPR guard read, and linked from the cache's sealed read-only
// copies when an earlier build published the same checked bytes. Real files in a temporary folder.
import { createHash } from "node:crypto";
import { chmod, mkdir, readFile, readdir, rm, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sealWith } from "../../src/build/cache-key.ts";
import { FileStore } from "../../src/build/cache/files.ts";
import { ChangedSinceCheckError, copyFiles, type CopyJob } from "../../src/build/copy.ts";
import { attachmentKey } from "../../src/trust/cpr.ts";
import { tempDir } from "./helpers.ts";

let work: string;
let source: string;
const BYTES = Buffer.from("%PDF-1.4\nBilag til punkt 3\n%%EOF\n");

beforeEach(async () => {
  work = await tempDir("copy");
  source = join(work, "content", "bilag.pdf");
  await mkdir(join(work, "content"), { recursive: true });
  await writeFile(source, BYTES);
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A job for the attachment as the loader records it: checked by the guard with these bytes. */
function job(checked: Buffer | null = BYTES): CopyJob {
  return { from: source, to: "a/b/bilag.pdf", ...(checked ? { checked: attachmentKey("pdf", checked) } : {}) };
}

const seal = sealWith(Buffer.from("a secret of at least sixteen bytes"));

function newStore(): FileStore {
  return new FileStore(join(work, "cache", "files"), seal);
}

/** The cache's files of attachments (not its manifest). */
async function entries(store: FileStore): Promise<string[]> {
  const names: string[] = [];
  for (const shard of await readdir(store.dir).catch(() => []))
    if (shard !== "manifest") for (const name of await readdir(join(store.dir, shard))) names.push(join(store.dir, shard, name));
  return names;
}

/** Copies the job into a new site with the store, and keeps what it copied as the keep stage does. */
async function build(site: string, store: FileStore, jobs: CopyJob[] = [job()]) {
  const copied = await copyFiles(jobs, join(work, site), { store });
  await store.store();
  return copied;
}

const SHA256 = createHash("sha256").update(BYTES).digest("hex");

describe("copyFiles", () => {
  it("copies the bytes and gives their SHA-256 by source path", async () => {
    const site = join(work, "site");
    const copied = await copyFiles([job()], site);
    expect(await readFile(join(site, "a/b/bilag.pdf"))).toEqual(BYTES);
    expect(copied.checksums.get(source)).toBe(SHA256);
    expect(copied.linked).toBe(0);
  });

  it("stops at a file whose bytes are not the ones the CPR guard checked, and leaves no copy of it", async () => {
    const site = join(work, "site");
    await writeFile(source, "%PDF-1.4\nÆndret efter tjekket: 010203-1234\n%%EOF\n");
    const error = await copyFiles([job()], site).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChangedSinceCheckError);
    expect((error as Error).message).toMatch(/bilag\.pdf blev ændret, efter at CPR-tjekket læste den, og er ikke offentliggjort; byg igen$/);
    await expect(stat(join(site, "a/b/bilag.pdf"))).rejects.toThrow();
  });

  it("keeps nothing until the build has passed (the keep stage), then a read-only copy that the next site links, with the same bytes and SHA-256", async () => {
    const store = newStore();
    await copyFiles([job()], join(work, "site1"), { store });
    expect(await entries(store)).toEqual([]);
    await store.store();
    const [entry] = await entries(store);
    expect(entry).toBeDefined();
    expect(entry!).toContain(attachmentKey("pdf", BYTES));
    expect((await stat(entry!)).mode & 0o777).toBe(0o444);

    const copied = await build("site2", store);
    expect(copied.linked).toBe(1);
    const published = join(work, "site2", "a/b/bilag.pdf");
    expect((await stat(published)).ino).toBe((await stat(entry!)).ino);
    expect(await readFile(published)).toEqual(BYTES);
    expect(copied.checksums.get(source)).toBe(SHA256);
  });

  it("takes a linked attachment's SHA-256 from the seal without reading the file, when it is the very file the seal names", async () => {
    const store = newStore();
    await copyFiles([job()], join(work, "site1"), { store });
    // A whole second, so that it can be put back exactly below.
    await utimes(join(work, "site1", "a/b/bilag.pdf"), 1_700_000_000, 1_700_000_000);
    await store.store();
    const [entry] = await entries(store);
    // Only the build's own user can do this (docs/trust.md): bytes changed in place, the same
    // size, the modification time put back. The file is still the one the seal names, so it is
    // not read: the published checksum is the sealed one, not the SHA-256 of the bytes now there.
    await chmod(entry!, 0o644);
    await writeFile(entry!, Buffer.from(BYTES.toString("latin1").replace("Bilag", "BILAG"), "latin1"));
    await utimes(entry!, 1_700_000_000, 1_700_000_000);
    await chmod(entry!, 0o444);
    const copied = await copyFiles([job()], join(work, "site2"), { store: newStore() });
    expect(copied.linked).toBe(1);
    expect(copied.checksums.get(source)).toBe(SHA256);
  });

  it("does not use a cache entry whose bytes were changed behind the build's back: the content's file is copied", async () => {
    const store = newStore();
    await build("site1", store);
    const [entry] = await entries(store);
    await chmod(entry!, 0o644);
    await writeFile(entry!, "FORFALSKET");
    await chmod(entry!, 0o444);
    const copied = await build("site2", newStore());
    expect(copied.linked).toBe(0);
    expect(await readFile(join(work, "site2", "a/b/bilag.pdf"))).toEqual(BYTES);
    expect(copied.checksums.get(source)).toBe(SHA256);
  });

  it("does not use an entry swapped for another file with other bytes, even read-only and of the same size", async () => {
    const store = newStore();
    await build("site1", store);
    const [entry] = await entries(store);
    await rm(entry!, { force: true });
    await writeFile(entry!, Buffer.from(BYTES.toString("latin1").replace("Bilag", "BILAG"), "latin1"), { mode: 0o444 });
    const copied = await build("site2", newStore());
    expect(copied.linked).toBe(0);
    expect(await readFile(join(work, "site2", "a/b/bilag.pdf"))).toEqual(BYTES);
  });

  it("uses an entry that is another file with the sealed bytes (a cache copied elsewhere, as CI restores it) after hashing it", async () => {
    const store = newStore();
    await build("site1", store);
    const [entry] = await entries(store);
    const bytes = await readFile(entry!);
    await rm(entry!, { force: true });
    await writeFile(entry!, bytes, { mode: 0o444 });
    const copied = await build("site2", newStore());
    expect(copied.linked).toBe(1);
    expect(copied.checksums.get(source)).toBe(SHA256);
  });

  it("uses nothing of a manifest sealed with another secret, nor of one changed behind the build's back", async () => {
    const store = newStore();
    await build("site1", store);
    const other = new FileStore(store.dir, sealWith(Buffer.from("another secret of sixteen bytes or more")));
    expect((await copyFiles([job()], join(work, "site2"), { store: other })).linked).toBe(0);
    const manifest = join(store.dir, "manifest");
    const text = await readFile(manifest, "utf8");
    await writeFile(manifest, text.replace(SHA256, "0".repeat(64)));
    expect((await copyFiles([job()], join(work, "site3"), { store: newStore() })).linked).toBe(0);
  });

  it("publishes a changed attachment of the same name from content/, not the cached bytes of the old one", async () => {
    const store = newStore();
    await build("site1", store);
    const changed = Buffer.from("%PDF-1.4\nBilag til punkt 3, rettet\n%%EOF\n");
    await writeFile(source, changed);
    const copied = await build("site2", store, [job(changed)]);
    expect(copied.linked).toBe(0);
    expect(await readFile(join(work, "site2", "a/b/bilag.pdf"))).toEqual(changed);
    expect(copied.checksums.get(source)).toBe(createHash("sha256").update(changed).digest("hex"));
  });

  it("does not use a cache entry that can be written", async () => {
    const store = newStore();
    await build("site1", store);
    const [entry] = await entries(store);
    await chmod(entry!, 0o644);
    const copied = await copyFiles([job()], join(work, "site2"), { store: newStore() });
    expect(copied.linked).toBe(0);
  });

  it("puts a file listed twice (two items with the same attachment) there once, linked or copied", async () => {
    const store = newStore();
    const first = await build("site1", store, [job(), job()]);
    expect(first.checksums.get(source)).toBe(SHA256);
    const second = await build("site2", store, [job(), job()]);
    expect(second.linked).toBe(1);
    expect(await readFile(join(work, "site2", "a/b/bilag.pdf"))).toEqual(BYTES);
  });

  it("copies a file the guard has no key for (a logo) without keeping it in the cache", async () => {
    const store = newStore();
    const copied = await build("site", store, [job(null)]);
    expect(copied.checksums.size).toBe(1);
    expect(await entries(store)).toEqual([]);
  });
});
