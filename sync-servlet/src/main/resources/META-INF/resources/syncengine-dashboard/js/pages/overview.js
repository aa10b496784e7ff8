import { api } from '../api.js';
import { latencyChart, volumeChart } from '../charts.js';
import { ago, brief, clear, h, ms, num, pageHead, pct, pill, table } from '../ui.js';
import { connectionStatus, problemNote } from './connections.js';

const REFRESH_MS = 10000;

export async function renderOverview(main, ctx) {
  let range = ctx.query.range === '7d' ? '7d' : '24h';
  const body = h('div', { id: 'overview-body', 'aria-live': 'off' });
  const rangeButtons = ['24h', '7d'].map((r) => h('button', {
    type: 'button', 'aria-pressed': String(r === range), dataset: { range: r },
    on: { click: () => { range = r; rangeButtons.forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.range === r))); load(); } },
  }, r === '24h' ? '24 hours' : '7 days'));
  const updated = h('span', { class: 'muted small', 'aria-live': 'polite' });
  clear(main,
    pageHead('Overview', 'Sync volume, success and latency across all connections.',
      [updated, h('div', { class: 'segmented', role: 'group', 'aria-label': 'Time range' }, rangeButtons)]),
    body);

  async function load() {
    const [analytics, conns, ready] = await Promise.all([
      api.get('analytics', { range }),
      api.get('connections'),
      api.readiness().catch(() => null),
    ]);
    if (!ctx.isCurrent()) return;
    draw(analytics, conns.connections, ready);
    updated.textContent = `Updated ${new Date().toLocaleTimeString('en', { hour12: false })}`;
  }

  function draw(a, connections, ready) {
    const q = ready?.queue || sumQueues(connections);
    const processed = (a.totals.success || 0) + (a.totals.skipped || 0);
    const kpis = h('section', { class: 'kpis', 'aria-label': 'Key figures' },
      kpi('Synced', num(processed), `${num(a.totals.success)} written, ${num(a.totals.skipped)} unchanged`),
      kpi('Success rate', pct(a.successRate), `${num(a.totals.dead)} dead-lettered, ${num(a.totals.retry)} retries`),
      kpi('p95 latency', ms(a.latencyMs?.p95), 'webhook → Webflow'),
      kpi('Queue depth', num((q.pending || 0) + (q.claimed || 0)),
        q.lagSeconds !== undefined && q.lagSeconds !== null ? `oldest waiting ${q.lagSeconds} s` : `${num(q.claimed)} in flight`),
      kpi('Dead letters', num(q.dead), 'waiting for replay', `#/events?status=dead`));

    const volume = h('section', { class: 'card', 'aria-labelledby': 'vol-h' },
      h('div', { class: 'card-head' }, h('h2', { id: 'vol-h' }, `Volume and success rate · ${a.range === '7d' ? 'last 7 days' : 'last 24 hours'}`)),
      volumeChart(a));
    const latency = h('section', { class: 'card', 'aria-labelledby': 'lat-h' },
      h('div', { class: 'card-head' }, h('h2', { id: 'lat-h' }, 'Latency'), h('span', { class: 'muted small' }, `${num(a.latencyMs?.count)} writes`)),
      latencyChart(a.latencyMs),
      h('p', { class: 'muted small' }, 'From webhook receipt to the Webflow write, p50 / p95 / p99.'));

    const errors = h('section', { class: 'card', 'aria-labelledby': 'err-h' },
      h('div', { class: 'card-head' }, h('h2', { id: 'err-h' }, 'Top errors'), h('a', { href: '#/events?status=dead', class: 'small' }, 'Open dead letters')),
      table(['Error', 'Message', { label: 'Count', cls: 'num' }],
        (a.topErrors || []).map((e) => h('tr', {},
          h('td', {}, h('code', {}, e.errorCode || '—')),
          h('td', {}, brief(e.message, 120)),
          h('td', { class: 'num' }, num(e.count)))),
        { empty: 'No errors in this period.', caption: 'Top errors' }));

    const per = new Map((a.perConnection || []).map((p) => [p.connectionId, p]));
    const health = new Map((ready?.connections || []).map((c) => [c.id, c]));
    const connTable = h('section', { class: 'card', 'aria-labelledby': 'conn-h' },
      h('div', { class: 'card-head' }, h('h2', { id: 'conn-h' }, 'Connection health'), h('a', { href: '#/connections', class: 'small' }, 'All connections')),
      table(['Connection', 'Status', { label: 'Success', cls: 'num' }, { label: 'p95', cls: 'num' }, { label: 'Queue', cls: 'num' }, 'Last error'],
        connections.map((c) => {
          const p = per.get(c.id);
          const hc = health.get(c.id);
          const err = hc?.lastError;
          return h('tr', {},
            h('td', {}, h('a', { href: `#/connections/${encodeURIComponent(c.id)}` }, c.name || c.id)),
            h('td', {}, connectionStatus(c), problemNote(c)),
            h('td', { class: 'num' }, pct(p?.successRate)),
            h('td', { class: 'num' }, ms(p?.p95LatencyMs)),
            h('td', { class: 'num' }, num((c.queue?.pending || 0) + (c.queue?.claimed || 0))),
            h('td', {}, err ? h('span', {}, h('code', {}, err.code || 'error'), ' ', ago(err.at)) : h('span', { class: 'muted' }, 'none')));
        }),
        { empty: h('span', {}, 'No connections yet. ', h('a', { href: '#/connections/new' }, 'Create one.')), caption: 'Connection health' }));

    const storeDown = ready && ready.status === 'DOWN'
      ? h('div', { class: 'callout callout-bad', role: 'alert' }, 'Readiness check failing: ',
        Object.entries(ready.checks || {}).filter(([, v]) => v.status !== 'UP').map(([k, v]) => `${k} (${v.error || 'down'})`).join(', '))
      : null;
    clear(body, storeDown, kpis,
      h('div', { class: 'grid grid-3' }, volume, latency),
      h('div', { class: 'grid grid-2' }, connTable, errors));
  }

  await load();
  const timer = setInterval(() => { load().catch(() => {}); }, REFRESH_MS);
  return () => clearInterval(timer);
}

function kpi(label, value, hint, href) {
  const inner = [h('div', { class: 'label' }, label), h('div', { class: 'value' }, value), h('div', { class: 'hint' }, hint)];
  return h('div', { class: 'card kpi' }, href ? h('a', { href }, inner) : inner);
}

function sumQueues(conns) {
  const q = { pending: 0, claimed: 0, dead: 0 };
  for (const c of conns) for (const k of Object.keys(q)) q[k] += c.queue?.[k] || 0;
  return q;
}
