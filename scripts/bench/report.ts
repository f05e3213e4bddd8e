// The benchmark's report: the table per size, the targets of issue 12 with PASS/FAIL, and the chart.
import { writeFileSync } from "node:fs";
import { fmtKB, fmtMB, fmtMs, MB, type ResultsFile, type SizeResult, type SystemResult } from "./results.ts";
import { scalingChart } from "./svg.ts";

export interface Target {
  name: string;
  pass: boolean | undefined;
  detail: string;
}

export function targets(runs: Record<string, SizeResult>): Target[] {
  const r10 = runs["10000"];
  const r50 = runs["50000"];
  const out: Target[] = [];
  const o10 = r10?.ours;
  const b10 = r10?.baseline;
  const ratio = o10?.ok && b10?.ok ? o10.totalMs / b10.totalMs : undefined;
  const rebuild = o10?.rebuild;
  const rebuildRatio = rebuild && !rebuild.error && b10?.ok ? rebuild.totalMs / b10.totalMs : undefined;
  out.push({
    name: "10,000 meetings: rebuild after one changed meeting, cache kept ≤ 0.1 × baseline's full build",
    pass: rebuildRatio === undefined ? undefined : rebuildRatio <= 0.1,
    detail: rebuildRatio === undefined ? "not measured" : `${fmtMs(rebuild!.totalMs)} vs ${fmtMs(b10!.totalMs)} = ${rebuildRatio.toFixed(2)} ×`,
  });
  out.push({
    name: "10,000 meetings: cold full build ≤ 1 × baseline time",
    pass: ratio === undefined ? undefined : ratio <= 1,
    detail: ratio === undefined ? "not measured" : `${fmtMs(o10!.totalMs)} vs ${fmtMs(b10!.totalMs)} = ${ratio.toFixed(2)} ×`,
  });
  out.push({
    name: "10,000 meetings: peak memory ≤ 1 GB",
    pass: o10?.ok ? o10.peakRssBytes <= 1024 * MB : undefined,
    detail: o10?.ok ? fmtMB(o10.peakRssBytes) : "not measured",
  });
  const o50 = r50?.ours;
  out.push({
    name: "50,000 meetings: peak memory ≤ 3 GB",
    pass: o50 ? o50.ok && o50.peakRssBytes <= 3072 * MB : undefined,
    detail: o50 ? (o50.ok ? fmtMB(o50.peakRssBytes) : `build failed (${fmtMB(o50.peakRssBytes)} at failure)`) : "not measured",
  });
  const s = o10?.search;
  out.push({
    name: "10,000 meetings: first search on a municipality's own site ≤ 200 KB compressed",
    pass: s ? s.resultsShown && s.settledSentBytes <= 200 * 1024 : undefined,
    detail: s
      ? `${fmtKB(s.settledSentBytes)} sent (${fmtKB(s.settledRawBytes)} uncompressed), ${s.settledRequests} requests, ${s.site}${s.resultsShown ? "" : ", results not seen"}`
      : "not measured",
  });
  const w = r10?.watch;
  out.push({
    name: "npm start on 10,000 meetings: a saved change shows within 0.5 s",
    pass: w?.ok ? (w.msToChange ?? Infinity) <= 500 : undefined,
    detail: w
      ? w.ok && w.msToChange !== undefined
        ? `${(w.msToChange / 1000).toFixed(2)} s (first build ${fmtMs(w.startupMs ?? 0)})`
        : w.note
      : "not measured",
  });
  return out;
}

export function table(size: SizeResult): string {
  const rows: string[][] = [["", "total", "stages", "meetings/s", "peak RSS", "output", "index", "first search (gzip / raw)"]];
  for (const [name, s] of [
    ["ours", size.ours],
    [`ours, ${size.oursLargeHeap?.nodeOptions ?? ""}`, size.oursLargeHeap],
    ["baseline", size.baseline],
    [`baseline, ${size.baselineLargeHeap?.nodeOptions ?? ""}`, size.baselineLargeHeap],
  ] as const) {
    if (!s) continue;
    const range = s.repeats && s.repeats.length > 1 ? ` (median of ${s.repeats.length}: ${s.repeats.map((r) => fmtMs(r.totalMs)).join(", ")})` : "";
    rows.push([
      name + (s.ok ? "" : " (FAILED)"),
      fmtMs(s.totalMs) + range,
      Object.entries(s.stages)
        .map(([k, v]) => `${k} ${fmtMs(v)}`)
        .join(", "),
      s.meetingsPerSecond.toFixed(0),
      fmtMB(s.peakRssBytes),
      fmtMB(s.outputBytes),
      fmtMB(s.indexBytes),
      s.search ? `${fmtKB(s.search.settledSentBytes)} / ${fmtKB(s.search.settledRawBytes)} (${s.search.site})` : "–",
    ]);
  }
  const rb = size.ours?.rebuild;
  if (rb && !rb.error) {
    rows.push([
      "ours, rebuild after one changed meeting, cache kept",
      fmtMs(rb.totalMs),
      Object.entries(rb.stages)
        .map(([k, v]) => `${k} ${fmtMs(v)}`)
        .join(", "),
      "",
      fmtMB(rb.peakRssBytes),
      "",
      rb.searchParts !== undefined ? `${rb.reusedParts} of ${rb.searchParts} parts cached` : "",
      "",
    ]);
  }
  if (size.ours?.ok && size.baseline?.ok) {
    const o = size.ours;
    const b = size.baseline;
    rows.push([
      "ours/baseline",
      `${(o.totalMs / b.totalMs).toFixed(2)} ×`,
      Number.isFinite(o.renderMs) ? `render/eleventy ${(o.renderMs / b.renderMs).toFixed(2)} ×` : "",
      `${(o.meetingsPerSecond / b.meetingsPerSecond).toFixed(2)} ×`,
      `${(o.peakRssBytes / b.peakRssBytes).toFixed(2)} ×`,
      `${(o.outputBytes / b.outputBytes).toFixed(2)} ×`,
      `${(o.indexBytes / b.indexBytes).toFixed(2)} ×`,
      o.search && b.search ? `${(o.search.settledSentBytes / b.search.settledSentBytes).toFixed(2)} ×` : "",
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ")).join("\n");
}

export function writeChart(file: ResultsFile, path: string): void {
  const sizes = Object.values(file.runs)
    .map((r) => r.meetings)
    .sort((a, b) => a - b);
  const pts = (sys: "ours" | "baseline" | "oursLargeHeap", f: (s: SystemResult) => number) =>
    sizes.flatMap((n) => {
      const s = file.runs[String(n)]?.[sys];
      return s?.ok ? [{ x: n, y: f(s) }] : [];
    });
  const ours = { name: "ours (referat build)", colour: "#1d4f7a" };
  const base = { name: "baseline (Eleventy + Pagefind)", colour: "#b35900", dash: "6 4" };
  const big = { name: "ours, 16 GB V8 heap", colour: "#6a2c91", dash: "2 3" };
  const desc = sizes
    .map((n) => {
      const r = file.runs[String(n)]!;
      const part = (label: string, s?: SystemResult) =>
        s
          ? s.ok
            ? `${label} ${fmtMs(s.totalMs)} and ${fmtMB(s.peakRssBytes)}`
            : `${label} failed after ${fmtMs(s.totalMs)} at ${fmtMB(s.peakRssBytes)}`
          : `${label} not run`;
      const big = r.oursLargeHeap ? `; ${part(`ours with ${r.oursLargeHeap.nodeOptions}`, r.oursLargeHeap)}` : "";
      const bigB = r.baselineLargeHeap ? `; ${part(`baseline with ${r.baselineLargeHeap.nodeOptions}`, r.baselineLargeHeap)}` : "";
      return `${n} meetings: ${part("ours", r.ours)}${big}; ${part("baseline", r.baseline)}${bigB}.`;
    })
    .join(" ");
  const svg = scalingChart(
    [
      {
        title: "Full build time",
        yLabel: "Wall time (minutes)",
        yFormat: (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1)),
        series: [
          { ...ours, points: pts("ours", (s) => s.totalMs / 60_000) },
          { ...base, points: pts("baseline", (s) => s.totalMs / 60_000) },
          { ...big, points: pts("oursLargeHeap", (s) => s.totalMs / 60_000) },
        ],
      },
      {
        title: "Peak memory (process tree RSS)",
        yLabel: "Peak RSS (GB)",
        yFormat: (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1)),
        series: [
          { ...ours, points: pts("ours", (s) => s.peakRssBytes / 1024 / MB) },
          { ...base, points: pts("baseline", (s) => s.peakRssBytes / 1024 / MB) },
          { ...big, points: pts("oursLargeHeap", (s) => s.peakRssBytes / 1024 / MB) },
        ],
        limit: { y: 3, label: "3 GB target (50,000 meetings)" },
      },
    ],
    sizes,
    `Build time and peak memory for archives of ${sizes.join(", ")} meetings on a 2-core machine with 24 GB. ${desc}`,
  );
  writeFileSync(path, svg);
}
