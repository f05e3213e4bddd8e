// The benchmark's synthetic archive must be real content: the loader accepts it with zero problems,
// the CPR guard finds nothing, and the same seed gives byte-identical files.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateArchive } from "../../scripts/bench/generate.ts";
import { KOMMUNER } from "../../scripts/bench/vocabulary.ts";
import { loadArchive } from "../../src/content/load.ts";
import { findCprNumbers } from "../../src/trust/cpr.ts";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "referat-bench-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function files(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(relative(root, p), createHash("sha256").update(readFileSync(p)).digest("hex"));
    }
  };
  walk(root);
  return out;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe("the benchmark's archive generator", () => {
  it("writes 20 meetings that the loader accepts with zero problems", async () => {
    const content = join(tempDir(), "content");
    const result = generateArchive({ outDir: content, meetings: 20, kommuner: 3, seed: 7 });
    expect(result.meetings).toBe(20);
    const { archive, problems } = await loadArchive(content);
    expect(problems).toEqual([]);
    const meetings = archive.kommuner.flatMap((k) => k.councils.flatMap((c) => c.meetings));
    expect(meetings).toHaveLength(20);
    expect(archive.kommuner).toHaveLength(3);
    // The format's features are all in use.
    const items = meetings.flatMap((m) => m.items);
    expect(items.some((i) => i.closed)).toBe(true);
    expect(items.filter((i) => i.closed).every((i) => i.body.trim() === "" && i.attachments.length === 0)).toBe(true);
    expect(items.some((i) => i.attachments.length > 0)).toBe(true);
    expect(meetings.some((m) => m.status === "dagsorden")).toBe(true);
    expect(meetings.some((m) => /-\d+$/.test(m.slug))).toBe(true);
    expect(meetings.some((m) => m.absentees.some((a) => a.substitute))).toBe(true);
    // Danish text, about 1,200 words a meeting.
    const words = meetings.map((m) => m.items.reduce((n, i) => n + i.body.split(/\s+/).filter(Boolean).length, 0));
    const mean = words.reduce((a, b) => a + b, 0) / words.length;
    expect(mean).toBeGreaterThan(1000);
    expect(mean).toBeLessThan(1500);
    const text = meetings.flatMap((m) => m.items.map((i) => i.body)).join("\n");
    for (const letter of ["æ", "ø", "å"]) expect(text).toContain(letter);
    expect(await findCprNumbers(archive)).toEqual([]);
  });

  it("writes no ten-digit runs or CPR-like numbers", () => {
    const content = join(tempDir(), "content");
    generateArchive({ outDir: content, meetings: 200, seed: 3 });
    for (const path of files(content).keys()) {
      if (!/\.(md|yaml)$/.test(path)) continue;
      const text = readFileSync(join(content, path), "utf8");
      expect(text).not.toMatch(/\d{9,}/);
      expect(text).not.toMatch(/\b\d{6}[- ]?\d{4}\b/);
    }
  });

  it("gives byte-identical files for the same seed, and different ones for another", () => {
    const a = join(tempDir(), "a");
    const b = join(tempDir(), "b");
    const c = join(tempDir(), "c");
    generateArchive({ outDir: a, meetings: 20, kommuner: 3, seed: 7 });
    generateArchive({ outDir: b, meetings: 20, kommuner: 3, seed: 7 });
    generateArchive({ outDir: c, meetings: 20, kommuner: 3, seed: 8 });
    const fa = files(a);
    expect(fa.size).toBeGreaterThan(20);
    expect(files(b)).toEqual(fa);
    expect(files(c)).not.toEqual(fa);
  });

  it("gives every municipality a colour with AA contrast against white", () => {
    for (const k of KOMMUNER) expect(1.05 / (luminance(k.colour) + 0.05)).toBeGreaterThanOrEqual(4.5);
  });
});
