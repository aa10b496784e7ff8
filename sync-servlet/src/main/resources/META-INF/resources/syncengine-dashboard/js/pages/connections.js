import { api } from '../api.js';
import { ago, clear, h, num, pageHead, pill, table } from '../ui.js';

/** Whether the connection has never had a mapping saved. */
export function unmapped(c) {
  return c.mappingVersion === null || c.mappingVersion === undefined;
}

/**
 * The status pill for a connection: setup unfinished (paused with no mapping, as the wizard leaves
 * a draft), paused, failing (errors since the last success), needs a mapping, or active.
 */
export function connectionStatus(c) {
  if (c.paused && unmapped(c)) return pill('Setup unfinished', 'warn');
  if (c.paused) return pill('Paused', 'warn');
  if (c.health && c.health.consecutiveErrors > 0) return pill('Failing', 'bad');
  if (unmapped(c)) return pill('No mapping', 'warn');
  return pill('Active', 'ok');
}

export function consecutive(c) {
  const n = c.health?.consecutiveErrors ?? 0;
  return n === 0 ? h('span', { class: 'muted' }, '0') : h('strong', { class: 'bad-text' }, num(n));
}

export async function renderConnections(main, ctx) {
  const body = h('div');
  clear(main,
    pageHead('Connections', 'Each connection keeps one SmartSuite table in step with one Webflow collection.',
      [h('a', { class: 'btn btn-primary', href: '#/connections/new', id: 'new-connection' }, 'New connection')]),
    body);

  async function load() {
    const { connections } = await api.get('connections');
    if (!ctx.isCurrent()) return;
    clear(body, h('section', { class: 'card', 'aria-label': 'Connections' }, table(
      ['Connection', 'Status', 'Source → target', 'Last success', { label: 'Consecutive errors', cls: 'num' },
        { label: 'Queue', cls: 'num' }, { label: 'Dead', cls: 'num' }],
      connections.map((c) => h('tr', { dataset: { connection: c.id } },
        h('td', {}, h('a', { href: `#/connections/${encodeURIComponent(c.id)}` }, c.name || c.id),
          h('div', { class: 'muted small mono' }, c.id)),
        h('td', {}, connectionStatus(c)),
        h('td', { class: 'small' }, `${c.source.type} ${c.source.id}`, h('span', { class: 'muted' }, ' → '), `${c.target.type} ${c.target.id}`),
        h('td', {}, ago(c.health?.lastSuccessAt)),
        h('td', { class: 'num' }, consecutive(c)),
        h('td', { class: 'num' }, num((c.queue?.pending || 0) + (c.queue?.claimed || 0))),
        h('td', { class: 'num' }, c.queue?.dead ? h('a', { href: `#/events?status=dead&connectionId=${encodeURIComponent(c.id)}` }, num(c.queue.dead)) : '0'))),
      { empty: h('span', {}, 'No connections yet. ', h('a', { href: '#/connections/new' }, 'Create the first one.')), caption: 'Connections' })));
  }
  await load();
  const t = setInterval(() => load().catch(() => {}), 10000);
  return () => clearInterval(t);
}
