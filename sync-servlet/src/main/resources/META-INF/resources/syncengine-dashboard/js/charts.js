// Small SVG charts drawn by hand: a stacked volume chart with a success-rate line, and a
// horizontal bar chart for latency percentiles. Colours come from CSS classes (no inline styles).
import { h, num, pct, ms } from './ui.js';

const svg = (tag, attrs, ...children) => h(`svg:${tag}`, attrs, ...children);
const KEYS = ['success', 'skipped', 'retry', 'dead'];

/** A round axis maximum and its tick step (1, 2 or 5 times a power of ten). */
function niceScale(v, ticks = 4) {
  if (v <= 0) return { max: ticks, step: 1 };
  const raw = v / ticks;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  const step = Math.max(1, (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p);
  return { max: step * Math.ceil(v / step), step };
}

function bucketLabel(iso, bucketSeconds) {
  const d = new Date(iso);
  if (bucketSeconds < 86400 && bucketSeconds <= 3600) {
    return d.toLocaleTimeString('en', { hour: '2-digit', minute: '2-digit', hour12: false });
  }
  if (bucketSeconds < 86400) {
    return d.toLocaleString('en', { weekday: 'short', hour: '2-digit', hour12: false });
  }
  return d.toLocaleDateString('en', { month: 'short', day: 'numeric' });
}

/** Stacked bars per bucket (success, skipped, retry, dead) with the success rate as a line. */
export function volumeChart(analytics) {
  const buckets = analytics.buckets || [];
  const W = 720; const H = 240; const L = 44; const R = 44; const T = 12; const B = 28;
  const pw = W - L - R; const ph = H - T - B;
  const totals = buckets.map((b) => KEYS.reduce((s, k) => s + (b.counts[k] || 0), 0));
  const { max, step } = niceScale(Math.max(0, ...totals));
  const n = Math.max(1, buckets.length);
  const slot = pw / n;
  const bw = Math.max(2, slot * 0.68);
  const y = (v) => T + ph - (v / max) * ph;
  const summary = `${analytics.range} volume: ${num(KEYS.reduce((s, k) => s + (analytics.totals?.[k] || 0), 0))} outcomes, ` +
    `success rate ${pct(analytics.successRate)}`;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': summary });
  for (let v = 0; v <= max; v += step) {
    root.append(svg('line', { class: 'grid-line', x1: L, x2: W - R, y1: y(v), y2: y(v) }));
    root.append(svg('text', { x: L - 6, y: y(v) + 4, 'text-anchor': 'end' }, num(v)));
  }
  for (let i = 0; i <= 4; i += 1) {
    root.append(svg('text', { x: W - R + 6, y: T + ph - (i / 4) * ph + 4 }, `${i * 25}%`));
  }
  const labelEvery = Math.ceil(n / 8);
  const points = [];
  buckets.forEach((b, i) => {
    const x = L + i * slot + (slot - bw) / 2;
    let acc = 0;
    const g = svg('g', {});
    const parts = [];
    for (const k of KEYS) {
      const c = b.counts[k] || 0;
      if (!c) continue;
      parts.push(`${k} ${num(c)}`);
      g.append(svg('rect', { x, y: y(acc + c), width: bw, height: Math.max(0.5, y(acc) - y(acc + c)), class: `f-${k}`, rx: 1.5 }));
      acc += c;
    }
    g.append(svg('title', {}, `${bucketLabel(b.start, analytics.bucketSeconds)} — ${parts.join(', ') || 'no activity'}`));
    // An invisible full-height hit area so the tooltip works on empty buckets too.
    g.prepend(svg('rect', { x: L + i * slot, y: T, width: slot, height: ph, fill: 'transparent' }));
    root.append(g);
    if (i % labelEvery === 0) {
      root.append(svg('text', { x: x + bw / 2, y: H - 8, 'text-anchor': 'middle' }, bucketLabel(b.start, analytics.bucketSeconds)));
    }
    const s = b.counts.success || 0; const d = b.counts.dead || 0;
    if (s + d > 0) points.push([x + bw / 2, T + ph - (s / (s + d)) * ph]);
  });
  root.append(svg('line', { class: 'axis', x1: L, x2: W - R, y1: T + ph, y2: T + ph }));
  if (points.length > 1) {
    root.append(svg('polyline', { class: 'rate-line', points: points.map((p) => p.join(',')).join(' ') }));
  }
  for (const p of points) root.append(svg('circle', { class: 'rate-dot', cx: p[0], cy: p[1], r: 2.5 }));
  return h('figure', { class: 'chart-fig' },
    root,
    h('ul', { class: 'legend', 'aria-hidden': 'true' },
      KEYS.map((k) => h('li', {}, h('span', { class: `swatch sw-${k}` }), k)),
      h('li', {}, h('span', { class: 'swatch sw-rate' }), 'success rate (right axis)')));
}

/** Horizontal bars for p50 / p95 / p99 latency. */
export function latencyChart(latency) {
  const rows = [['p50', latency?.p50], ['p95', latency?.p95], ['p99', latency?.p99]];
  const W = 420; const rowH = 34; const L = 40; const R = 80; const H = rows.length * rowH + 8;
  const max = Math.max(1, ...rows.map((r) => r[1] || 0));
  const label = `Latency from webhook to write: ${rows.map((r) => `${r[0]} ${ms(r[1])}`).join(', ')}`;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': label });
  rows.forEach(([k, v], i) => {
    const yy = 4 + i * rowH;
    const w = ((v || 0) / max) * (W - L - R);
    root.append(svg('text', { x: 0, y: yy + rowH / 2 + 2, class: 'bar-label' }, k));
    root.append(svg('rect', { x: L, y: yy + 6, width: W - L - R, height: rowH - 14, rx: 4, fill: '#eef0f4' }));
    root.append(svg('rect', { x: L, y: yy + 6, width: Math.max(v ? 2 : 0, w), height: rowH - 14, rx: 4, class: `f-${k}` }));
    root.append(svg('text', { x: W - R + 8, y: yy + rowH / 2 + 2, class: 'bar-label' }, ms(v)));
  });
  return root;
}

/** A tiny inline bar strip for a table cell: success vs dead per bucket. */
export function sparkline(values, { width = 96, height = 24 } = {}) {
  const max = Math.max(1, ...values);
  const n = Math.max(1, values.length);
  const bw = width / n;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, 'aria-hidden': 'true', class: 'spark' });
  values.forEach((v, i) => {
    const hh = (v / max) * (height - 2);
    root.append(svg('rect', { x: i * bw + 0.5, y: height - hh, width: Math.max(1, bw - 1), height: hh, class: 'f-success' }));
  });
  return root;
}
