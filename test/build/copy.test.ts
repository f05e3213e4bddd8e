// The copy stage's files: attachments copied through a descriptor, hashed as they pass, checked
// against the key of the bytes the CPR guard read, and linked from the cache's content-addressed
// copies when an earlier build published the same checked bytes. Real files in a temporary folder.
import { createHash } from "node:crypto";
import { chmod, mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
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

async function entries(store: FileStore): Promise<string[]> {
  const names: string[] = [];
  for (const shard of await readdir(store.dir).catch(() => []))
    for (const name of await readdir(join(store.dir, shard))) names.push(join(store.dir, shard, name));
  return names;
}

describe("copyFiles", () => {
  it("copies the bytes and gives their SHA-256 by source path", async () => {
    const site = join(work, "site");
    const copied = await copyFiles([job()], site);
    expect(await readFile(join(site, "a/b/bilag.pdf"))).toEqual(BYTES);
    expect(copied.checksums.get(source)).toBe(createHash("sha256").update(BYTES).digest("hex"));
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

  it("keeps a read-only copy in the cache and links it into the next site, which then has the same bytes", async () => {
    const store = new FileStore(join(work, "cache", "files"));
    const first = join(work, "site1");
    await copyFiles([job()], first, { store });
    const [entry] = await entries(store);
    expect(entry).toBeDefined();
    expect(entry!.endsWith(attachmentKey("pdf", BYTES))).toBe(true);
    expect((await stat(entry!)).mode & 0o777).toBe(0o444);

    const second = join(work, "site2");
    const copied = await copyFiles([job()], second, { store });
    expect(copied.linked).toBe(1);
    expect((await stat(join(second, "a/b/bilag.pdf"))).ino).toBe((await stat(entry!)).ino);
    expect(await readFile(join(second, "a/b/bilag.pdf"))).toEqual(BYTES);
    expect(copied.checksums.get(source)).toBe(createHash("sha256").update(BYTES).digest("hex"));
  });

  it("does not use a cache entry whose bytes were changed behind the build's back: the content's file is copied", async () => {
    const store = new FileStore(join(work, "cache", "files"));
    await copyFiles([job()], join(work, "site1"), { store });
    const [entry] = await entries(store);
    await chmod(entry!, 0o644);
    await writeFile(entry!, "FORFALSKET");
    await chmod(entry!, 0o444);
    const site = join(work, "site2");
    const copied = await copyFiles([job()], site, { store });
    expect(copied.linked).toBe(0);
    expect(await readFile(join(site, "a/b/bilag.pdf"))).toEqual(BYTES);
  });

  it("does not use a cache entry that can be written", async () => {
    const store = new FileStore(join(work, "cache", "files"));
    await copyFiles([job()], join(work, "site1"), { store });
    const [entry] = await entries(store);
    await chmod(entry!, 0o644);
    const copied = await copyFiles([job()], join(work, "site2"), { store });
    expect(copied.linked).toBe(0);
  });

  it("copies a file the guard has no key for (a logo) without keeping it in the cache", async () => {
    const store = new FileStore(join(work, "cache", "files"));
    const copied = await copyFiles([job(null)], join(work, "site"), { store });
    expect(copied.checksums.size).toBe(1);
    expect(await entries(store)).toEqual([]);
  });
});
