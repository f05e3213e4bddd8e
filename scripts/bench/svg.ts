// docs/bench-scaling.svg: a hand-written line chart of build time and peak memory against the
// number of meetings, ours against the baseline. Two panels side by side; accessible (title, desc,
// labelled axes, values as text in the desc and as <title> on each point).

export interface Series {
  name: string;
  colour: string;
  dash?: string;
  points: { x: number; y: number }[];
}

export interface Panel {
  title: string;
  yLabel: string;
  yFormat: (v: number) => string;
  series: Series[];
  /** Optional horizontal limit line (a target). */
  limit?: { y: number; label: string };
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A step of 1, 2 or 5 × 10^k giving 3–6 grid lines up to `v`. */
function niceStep(v: number): number {
  if (v <= 0) return 1;
  const raw = v / 4;
  const p = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * p >= raw) return m * p;
  return 10 * p;
}

const fmtMeetings = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));

function panel(p: Panel, ox: number, oy: number, w: number, h: number, xs: number[]): string {
  const left = 64;
  const bottom = 44;
  const top = 28;
  const right = 24;
  const pw = w - left - right;
  const ph = h - top - bottom;
  const xMax = Math.max(...xs);
  const yMaxData = Math.max(...p.series.flatMap((s) => s.points.map((pt) => pt.y)), p.limit?.y ?? 0);
  const step = niceStep(yMaxData * 1.05);
  const ticks = Math.max(1, Math.ceil((yMaxData * 1.05) / step));
  const yMax = step * ticks;
  const X = (x: number) => ox + left + (x / xMax) * pw;
  const Y = (y: number) => oy + top + ph - (y / yMax) * ph;
  const out: string[] = [];
  out.push(`<g role="group" aria-label="${esc(p.title)}">`);
  out.push(`<text x="${ox + left}" y="${oy + 16}" class="h">${esc(p.title)}</text>`);
  for (let i = 0; i <= ticks; i++) {
    const v = step * i;
    out.push(`<line x1="${ox + left}" x2="${ox + left + pw}" y1="${Y(v)}" y2="${Y(v)}" class="grid"/>`);
    out.push(`<text x="${ox + left - 6}" y="${Y(v) + 4}" text-anchor="end">${esc(p.yFormat(v))}</text>`);
  }
  for (const x of xs) {
    out.push(`<line x1="${X(x)}" x2="${X(x)}" y1="${oy + top + ph}" y2="${oy + top + ph + 4}" class="axis"/>`);
    out.push(`<text x="${X(x)}" y="${oy + top + ph + 17}" text-anchor="middle">${fmtMeetings(x)}</text>`);
  }
  out.push(`<line x1="${ox + left}" x2="${ox + left + pw}" y1="${oy + top + ph}" y2="${oy + top + ph}" class="axis"/>`);
  out.push(`<line x1="${ox + left}" x2="${ox + left}" y1="${oy + top}" y2="${oy + top + ph}" class="axis"/>`);
  out.push(`<text x="${ox + left + pw / 2}" y="${oy + h - 6}" text-anchor="middle">Meetings in the archive</text>`);
  out.push(`<text transform="translate(${ox + 14} ${oy + top + ph / 2}) rotate(-90)" text-anchor="middle">${esc(p.yLabel)}</text>`);
  if (p.limit) {
    out.push(`<line x1="${ox + left}" x2="${ox + left + pw}" y1="${Y(p.limit.y)}" y2="${Y(p.limit.y)}" class="limit"/>`);
    out.push(`<text x="${ox + left + 4}" y="${Y(p.limit.y) - 4}" class="limit-label">${esc(p.limit.label)}</text>`);
  }
  for (const s of p.series) {
    const pts = s.points.filter((pt) => Number.isFinite(pt.y)).sort((a, b) => a.x - b.x);
    if (!pts.length) continue;
    out.push(
      `<polyline fill="none" stroke="${s.colour}" stroke-width="2.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""} points="${pts.map((pt) => `${X(pt.x).toFixed(1)},${Y(pt.y).toFixed(1)}`).join(" ")}"/>`,
    );
    for (const pt of pts) {
      out.push(
        `<circle cx="${X(pt.x).toFixed(1)}" cy="${Y(pt.y).toFixed(1)}" r="4" fill="${s.colour}"><title>${esc(`${s.name}, ${fmtMeetings(pt.x)} meetings: ${p.yFormat(pt.y)}`)}</title></circle>`,
      );
    }
  }
  out.push("</g>");
  return out.join("\n");
}

export function scalingChart(panels: Panel[], xs: number[], description: string): string {
  const w = 420;
  const h = 300;
  const legendH = 30;
  const width = w * panels.length;
  const height = h + legendH;
  const series = panels[0]?.series ?? [];
  const legend = series
    .map((s, i) => {
      const x = 30 + i * 270;
      return `<line x1="${x}" x2="${x + 28}" y1="${h + 14}" y2="${h + 14}" stroke="${s.colour}" stroke-width="2.5"${s.dash ? ` stroke-dasharray="${s.dash}"` : ""}/><text x="${x + 34}" y="${h + 18}">${esc(s.name)}</text>`;
    })
    .join("\n");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="chart-title chart-desc" font-family="system-ui, sans-serif" font-size="12">
<title id="chart-title">referatarkiv benchmark: build time and peak memory against archive size, ours and plain Eleventy with Pagefind</title>
<desc id="chart-desc">${esc(description)}</desc>
<style>
text { fill: #1a1a1a; }
.h { font-weight: 600; font-size: 13px; }
.grid { stroke: #d0d0d0; stroke-width: 1; }
.axis { stroke: #1a1a1a; stroke-width: 1; }
.limit { stroke: #b00020; stroke-width: 1.5; stroke-dasharray: 6 4; }
.limit-label { fill: #b00020; font-size: 11px; }
</style>
<rect width="${width}" height="${height}" fill="#ffffff"/>
${panels.map((p, i) => panel(p, i * w, 0, w, h, xs)).join("\n")}
${legend}
</svg>
`;
}
