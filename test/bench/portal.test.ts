// The portal benchmark's flow (scripts/bench/portal.ts) on a tiny generated archive: every
// municipality built alone and served on its own port with CORS, a portal holding one municipality
// that merges the others' indexes (one of them in parts) from their hosts, and a real search in
// Chromium whose results come from more than one host.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateArchive } from "../../scripts/bench/generate.ts";
import { formatReport, runPortalBench, type PortalBenchResult } from "../../scripts/bench/portal.ts";

let dir: string;
let perKommune: Record<string, number>;
let result: PortalBenchResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "referat-bench-portal-"));
  // 40 meetings in 3 municipalities over 2020–2025. "tandpleje" is in the generated text only inside
  // compounds (tandplejeplanen, socialtandplejen …, from vocabulary.ts's PREFIXES and the udsatteråd's topics).
  perKommune = generateArchive({ outDir: join(dir, "content"), meetings: 40, kommuner: 3, seed: 1, firstYear: 2020, lastYear: 2025 }).perKommune;
  result = await runPortalBench({
    content: join(dir, "content"),
    perKommune,
    workDir: join(dir, "work"),
    query: "tandpleje",
    // Small parts, so that a merged municipality's index comes in several parts as a large one's does.
    partSize: 8,
  });
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the portal benchmark", () => {
  it("builds each municipality alone: its indexes.json lists only itself", () => {
    expect(result.kommuner.map((k) => k.kommune).sort()).toEqual(Object.keys(perKommune).sort());
    for (const k of result.kommuner) {
      expect(k.indexes.length).toBeGreaterThan(0);
      expect(k.indexes.every((e) => e.kommune === k.kommune && e.bundlePath.startsWith(`/${k.kommune}/pagefind`))).toBe(true);
      expect(k.meetings).toBe(perKommune[k.kommune]);
      expect(k.buildMs).toBeGreaterThan(0);
      expect(k.peakRssBytes).toBeGreaterThan(0);
      expect(k.indexBytes).toBeGreaterThan(0);
      expect(k.siteBytes).toBeGreaterThan(k.indexBytes);
    }
    // With parts of 8 meetings, the largest municipality (21 meetings) has its index in parts.
    expect(Math.max(...result.kommuner.map((k) => k.indexes.length))).toBeGreaterThan(1);
  });

  it("makes a portal of the largest municipality that merges every other municipality's parts from its own host", () => {
    const largest = Object.entries(perKommune).sort((a, b) => b[1] - a[1])[0]![0];
    expect(result.portal.kommune).toBe(largest);
    const own = result.portal.indexes.filter((e) => e.bundlePath.startsWith("/"));
    expect(own.every((e) => e.kommune === largest)).toBe(true);
    const merged = result.portal.indexes.filter((e) => !e.bundlePath.startsWith("/"));
    const others = result.kommuner.filter((k) => k.kommune !== largest);
    expect(merged.map((e) => e.bundlePath).sort()).toEqual(others.flatMap((k) => k.indexes.map((e) => new URL(e.bundlePath, k.url).href)).sort());
    for (const k of others) expect(k.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(new Set(others.map((k) => k.url)).size).toBe(others.length);
  });

  it("searches the portal and shows results from at least two hosts, each linking to a served host", () => {
    const { search } = result;
    expect(search.resultsShown).toBe(true);
    expect(search.status).toMatch(/^\d+ resultater? for »tandpleje«$/);
    expect(search.totalResults).toBeGreaterThan(1);
    expect(search.results.length).toBeGreaterThan(1);
    expect(search.resultHosts.length).toBeGreaterThanOrEqual(2);
    expect(result.ok).toBe(true);
    const served = new Set(search.perHost.map((h) => new URL(h.url).origin));
    expect(served.size).toBe(result.kommuner.length); // the portal and every other municipality
    for (const r of search.results) {
      expect(served.has(new URL(r.url).origin)).toBe(true);
      for (const item of r.items) expect(new URL(item).origin).toBe(new URL(r.url).origin);
      // A result links to its municipality's site: the portal's own, or the host it was merged from.
      const slug = new URL(r.url).pathname.split("/")[1];
      expect(r.host).toBe(slug === result.portal.kommune ? "portal" : slug);
    }
    expect(search.errors).toEqual([]);
  });

  it("counts what every host sent: the portal its page and scripts, each merged host its index", () => {
    const { search } = result;
    for (const h of search.perHost) {
      expect(h.requests).toBeGreaterThan(0);
      expect(h.sentBytes).toBeGreaterThan(0);
      if (h.host === "portal") expect(h.byKind.html?.requests).toBeGreaterThan(0);
      else expect(h.byKind["pagefind-index"]?.requests ?? 0).toBeGreaterThan(0);
    }
    expect(search.settledSentBytes).toBe(search.perHost.reduce((a, h) => a + h.sentBytes, 0));
    expect(search.settledSentBytes).toBeGreaterThanOrEqual(search.sentBytes);
    const report = formatReport(result);
    expect(report).toContain("Hosts in the results shown:");
    for (const k of result.kommuner) expect(report).toContain(k.kommune);
  });
});
