import { api } from '../api.js';
import { ago, brief, clear, h, num, pageHead, pill, table } from '../ui.js';

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
  if (problems(c).some((p) => p.kind !== 'dead')) return pill('Needs attention', 'bad');
  if (unmapped(c)) return pill('No mapping', 'warn');
  return pill('Active', 'ok');
}

const plural = (n, one, many) => `${num(n)} ${n === 1 ? one : many}`;
const reason = (p) => (p.message || p.code || '').trim();

/**
 * The connection's current problems from the admin API's `problems`, newest facts first: refused
 * webhook deliveries, a failed webhook registration, an upstream error, rules paused for schema
 * drift, dead letters.
 */
export function problems(c) {
  const p = c.problems;
  if (!p || !p.warning) return [];
  const out = [];
  if (p.refusedDelivery) {
    const r = p.refusedDelivery;
    out.push({ kind: 'refused', at: r.lastAt, title: `${plural(r.count, 'webhook delivery', 'webhook deliveries')} refused`, text: `${reason(r)} (${r.code})` });
  }
  if (p.registrationFailure) {
    const r = p.registrationFailure;
    out.push({ kind: 'registration', at: r.lastAt, title: r.operation === 'keepalive' ? 'Webhook keepalive failed' : 'Webhook registration failed', text: `${reason(r)} (${r.code})` });
  }
  if (p.upstreamError) {
    const r = p.upstreamError;
    const where = r.jobId ? `, job ${r.jobId} record ${r.recordId}` : '';
    out.push({ kind: 'upstream', at: r.lastAt, title: `${plural(r.count, 'upstream error', 'upstream errors')} during ${r.operation || 'a call'}`, text: `${reason(r)} (${r.code}${where})` });
  }
  if (p.schemaDrift) {
    const r = p.schemaDrift;
    out.push({ kind: 'schema', at: r.lastAt, title: 'Mapping rules paused: a field changed in SmartSuite or Webflow', text: `${reason(r)} (${r.code})` });
  }
  if (p.deadLetters && p.deadLetters.count > 0) {
    const last = p.deadLetters.last;
    out.push({ kind: 'dead', at: last?.lastAt, title: `${plural(p.deadLetters.count, 'dead letter', 'dead letters')} waiting for replay`, text: last ? `last: ${reason(last)} (${last.code})` : '' });
  }
  return out;
}

/** A one-line warning under the status pill in lists, or null. */
export function problemNote(c) {
  const list = problems(c).filter((p) => p.kind !== 'dead');
  if (!list.length) return null;
  const first = list[0];
  return h('div', { class: 'small problem-note', dataset: { problem: first.kind } },
    '⚠ ', first.title, ' · ', ago(first.at), list.length > 1 ? ` · +${list.length - 1} more` : '');
}

/** The warning box of the connection page: every current problem with its reason and time. */
export function problemsCallout(c) {
  const list = problems(c);
  if (!list.length) return null;
  return h('div', { id: 'connection-problems', role: 'alert', class: `callout callout-${list.some((p) => p.kind !== 'dead') ? 'bad' : 'warn'}` },
    h('strong', {}, 'Needs attention'),
    h('ul', { class: 'problem-list' }, list.map((p) => h('li', { dataset: { problem: p.kind } },
      h('strong', {}, p.title), p.at ? [' · ', ago(p.at)] : null,
      p.text ? h('div', { class: 'small' }, brief(p.text, 200)) : null))));
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
        h('td', {}, connectionStatus(c), problemNote(c)),
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
