// Reading content files without following links, without blocking on a FIFO and without reading
// more than the cap (src/content/files.ts). Real files, links and FIFOs in a temporary folder.
import { execFileSync } from "node:child_process";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kindOfPath, listFolder, NotRegularFileError, openRegularFile, readContentFile } from "../../src/content/files.ts";

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "content-files-"));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe("readContentFile", () => {
  it("reads a regular file up to and including the cap", async () => {
    const file = path.join(work, "ti.txt");
    await writeFile(file, "0123456789");
    const read = readContentFile(file, 10);
    expect(read.kind).toBe("ok");
    expect(read.kind === "ok" && Buffer.from(read.bytes).toString()).toBe("0123456789");
    expect(readContentFile(file, 9)).toEqual({ kind: "too-large", size: 10 });
  });

  it("reads an empty file", async () => {
    const file = path.join(work, "tom.txt");
    await writeFile(file, "");
    const read = readContentFile(file, 10);
    expect(read.kind === "ok" && read.bytes.byteLength).toBe(0);
  });

  it("does not follow a link, even to a regular file", async () => {
    await writeFile(path.join(work, "maal.txt"), "hemmelig");
    await symlink(path.join(work, "maal.txt"), path.join(work, "link.txt"));
    expect(readContentFile(path.join(work, "link.txt"), 100)).toEqual({ kind: "not-regular", entry: "symlink" });
  });

  it("refuses a link to /dev/zero without reading from it", async () => {
    await symlink("/dev/zero", path.join(work, "nul"));
    expect(readContentFile(path.join(work, "nul"), 64 * 1024)).toEqual({ kind: "not-regular", entry: "symlink" });
  });

  it("refuses a character device given directly (/dev/zero), which stat calls 0 bytes long", () => {
    expect(readContentFile("/dev/zero", 64 * 1024)).toEqual({ kind: "not-regular", entry: "device" });
  });

  it("refuses a FIFO without blocking on it (no writer is ever attached)", () => {
    const fifo = path.join(work, "ror");
    execFileSync("mkfifo", [fifo]);
    expect(readContentFile(fifo, 100)).toEqual({ kind: "not-regular", entry: "fifo" });
  });

  it("reports a missing file as missing, and a folder as not regular", () => {
    expect(readContentFile(path.join(work, "findes-ikke"), 100)).toEqual({ kind: "missing" });
    expect(readContentFile(work, 100)).toEqual({ kind: "not-regular", entry: "folder" });
  });
});

describe("openRegularFile", () => {
  it("throws a NotRegularFileError for a link and for a FIFO", async () => {
    await symlink("/etc/passwd", path.join(work, "passwd.pdf"));
    expect(() => openRegularFile(path.join(work, "passwd.pdf"))).toThrow(NotRegularFileError);
    execFileSync("mkfifo", [path.join(work, "ror2")]);
    expect(() => openRegularFile(path.join(work, "ror2"))).toThrow(NotRegularFileError);
  });
});

describe("kindOfPath and listFolder", () => {
  it("name a link as a link, and say why a folder cannot be listed", async () => {
    await symlink(work, path.join(work, "mappe-link"));
    expect(kindOfPath(path.join(work, "mappe-link"))).toBe("symlink");
    expect(listFolder(path.join(work, "findes-ikke"))).toEqual({ ok: false, code: "ENOENT" });
    expect(listFolder(path.join(work, "ti.txt"))).toEqual({ ok: false, code: "ENOTDIR" });
  });
});
