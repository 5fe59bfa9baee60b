// Inline SVG charts for the load page: no library, no script, so the page works offline and anywhere.
// Every chart has a <title> and per-point <title>s (hover tooltips) and a legend.
import { esc } from './format.ts';

export const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];

export interface Series {
  name: string;
  points: Array<[number, number]>;
  /** Default: the palette colour of the series' position. */
  color?: string;
  /** Tooltip of each point (default: name, value and x). */
  titles?: string[];
}

interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const FRAME: Frame = { width: 680, height: 280, left: 64, right: 190, top: 28, bottom: 40 };

/** 1-2-5 ticks covering [0, max]. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = 0; v <= max + step * 0.999; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

const fmt = (v: number): string => (Math.abs(v) >= 1000 ? `${(v / 1000).toPrecision(3)}k` : Number(v.toPrecision(3)).toString());

type Area = { x0: number; x1: number; y0: number; y1: number };

function plotArea(f: Frame): Area {
  return { x0: f.left, x1: f.width - f.right, y0: f.height - f.bottom, y1: f.top };
}

/** The y scale both chart kinds use: 0 at the bottom, the highest nice tick at the top. */
function yScale(a: Area, yTicks: number[]): (y: number) => number {
  const yMax = yTicks[yTicks.length - 1]!;
  return (y) => a.y0 - (y / (yMax || 1)) * (a.y0 - a.y1);
}

function yGrid(a: Area, yTicks: number[], sy: (y: number) => number): string {
  return yTicks
    .map((t) => `<line x1="${a.x0}" x2="${a.x1}" y1="${sy(t)}" y2="${sy(t)}" class="grid"/><text x="${a.x0 - 6}" y="${sy(t) + 4}" class="tick" text-anchor="end">${fmt(t)}</text>`)
    .join('');
}

function axes(a: Area): string {
  return `<line x1="${a.x0}" x2="${a.x1}" y1="${a.y0}" y2="${a.y0}" class="axis"/><line x1="${a.x0}" x2="${a.x0}" y1="${a.y0}" y2="${a.y1}" class="axis"/>`;
}

function yAxisLabel(a: Area, label: string): string {
  return `<text x="14" y="${(a.y0 + a.y1) / 2}" class="label" text-anchor="middle" transform="rotate(-90 14 ${(a.y0 + a.y1) / 2})">${esc(label)}</text>`;
}

function legend(names: string[], f: Frame): string {
  return names
    .map((n, i) => {
      const y = f.top + 6 + i * 18;
      const x = f.width - f.right + 12;
      const shown = n.length > 26 ? `${n.slice(0, 25)}…` : n;
      return `<rect x="${x}" y="${y - 9}" width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/><text x="${x + 18}" y="${y + 1}" class="legend">${esc(shown)}<title>${esc(n)}</title></text>`;
    })
    .join('');
}

function frameSvg(title: string, body: string, f: Frame): string {
  return `<svg class="chart" role="img" viewBox="0 0 ${f.width} ${f.height}" width="${f.width}" height="${f.height}" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}</title><text x="${f.left}" y="16" class="chart-title">${esc(title)}</text>${body}</svg>`;
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  /** Custom x ticks as [value, label]. */
  xTicks?: Array<[number, string]>;
  xMin?: number;
  xMax?: number;
  /** Draw points as markers too. */
  markers?: boolean;
  /** A smaller chart without a legend (small multiples, e.g. the run summary's trend). */
  compact?: { width: number; height: number };
  /** Counts: y ticks at whole numbers. */
  integerY?: boolean;
}

export function lineChart(o: LineChartOptions): string {
  const f = o.compact ? { ...FRAME, ...o.compact, left: 52, right: 14, bottom: 36 } : FRAME;
  const a = plotArea(f);
  const all = o.series.flatMap((s) => s.points);
  const xMin = o.xMin ?? Math.min(0, ...all.map((p) => p[0]));
  const xMax = o.xMax ?? Math.max(1, ...all.map((p) => p[0]));
  const yMaxValue = Math.max(0, ...all.map((p) => p[1]));
  // Five ticks or fewer have a step of at least 1 when the top is at least 5.
  const yTicks = niceTicks(o.integerY ? Math.max(5, yMaxValue) : yMaxValue);
  const sx = (x: number) => a.x0 + ((x - xMin) / (xMax - xMin || 1)) * (a.x1 - a.x0);
  const sy = yScale(a, yTicks);
  const xTicks = o.xTicks ?? niceTicks(xMax - xMin, 8).map((v) => [v + xMin, fmt(v + xMin)] as [number, string]);
  let body = yGrid(a, yTicks, sy);
  for (const [v, label] of xTicks)
    if (v >= xMin && v <= xMax) body += `<line x1="${sx(v)}" x2="${sx(v)}" y1="${a.y0}" y2="${a.y0 + 4}" class="axis"/><text x="${sx(v)}" y="${a.y0 + 16}" class="tick" text-anchor="middle">${esc(label)}</text>`;
  body += axes(a);
  body += `<text x="${(a.x0 + a.x1) / 2}" y="${f.height - 6}" class="label" text-anchor="middle">${esc(o.xLabel)}</text>`;
  body += yAxisLabel(a, o.yLabel);
  o.series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length];
    if (s.points.length === 0) return;
    const d = s.points.map((p, j) => `${j ? 'L' : 'M'}${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join('');
    body += `<path d="${d}" fill="none" stroke="${color}" stroke-width="2" class="series"><title>${esc(s.name)}</title></path>`;
    if (o.markers || s.points.length === 1)
      s.points.forEach((p, j) => {
        const title = s.titles?.[j] ?? `${s.name}: ${fmt(p[1])} ${o.yLabel} at ${fmt(p[0])}`;
        body += `<circle cx="${sx(p[0]).toFixed(1)}" cy="${sy(p[1]).toFixed(1)}" r="3" fill="${color}"><title>${esc(title)}</title></circle>`;
      });
  });
  if (!o.compact) body += legend(o.series.map((s) => s.name), f);
  return frameSvg(o.title, body, f);
}

export interface BarGroup {
  label: string;
  values: Array<{ name: string; value: number }>;
}

/** Grouped bars: one group per label (e.g. variant), one bar per name (e.g. p50, p99). */
export function barChart(o: { title: string; yLabel: string; groups: BarGroup[] }): string {
  const f = { ...FRAME, bottom: 56 };
  const a = plotArea(f);
  const names = [...new Set(o.groups.flatMap((g) => g.values.map((v) => v.name)))];
  const yTicks = niceTicks(Math.max(0, ...o.groups.flatMap((g) => g.values.map((v) => v.value))));
  const sy = yScale(a, yTicks);
  const groupWidth = (a.x1 - a.x0) / Math.max(1, o.groups.length);
  const barWidth = Math.max(2, (groupWidth * 0.8) / Math.max(1, names.length));
  let body = yGrid(a, yTicks, sy);
  o.groups.forEach((g, gi) => {
    const gx = a.x0 + gi * groupWidth + groupWidth * 0.1;
    g.values.forEach((v) => {
      const ni = names.indexOf(v.name);
      const x = gx + ni * barWidth;
      body += `<rect x="${x.toFixed(1)}" y="${sy(v.value).toFixed(1)}" width="${(barWidth - 1).toFixed(1)}" height="${(a.y0 - sy(v.value)).toFixed(1)}" fill="${PALETTE[ni % PALETTE.length]}" class="bar"><title>${esc(`${g.label} ${v.name}: ${fmt(v.value)} ${o.yLabel}`)}</title></rect>`;
    });
    body += `<text x="${(gx + groupWidth * 0.4).toFixed(1)}" y="${a.y0 + 16}" class="tick" text-anchor="middle">${esc(g.label)}</text>`;
  });
  body += axes(a);
  body += yAxisLabel(a, o.yLabel);
  body += legend(names, f);
  return frameSvg(o.title, body, f);
}

/** Percentile axis in "nines": 0 -> 0, 90 -> 1, 99 -> 2, 99.9 -> 3...; the maximum sits half a step past 99.99. */
export function ninesX(percentile: number): number {
  if (percentile >= 100) return 4.5;
  return Math.min(4, -Math.log10(1 - percentile / 100));
}
export const NINES_TICKS: Array<[number, string]> = [
  [0, 'p0'],
  [ninesX(50), 'p50'],
  [1, 'p90'],
  [2, 'p99'],
  [3, 'p99.9'],
  [4, 'p99.99'],
  [4.5, 'max'],
];
