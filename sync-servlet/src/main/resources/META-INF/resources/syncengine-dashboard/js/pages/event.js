import { api, enc } from '../api.js';
import { ago, button, busy, callout, clear, dateTime, errorText, h, json, ms, pageHead, pill, refocus, titleCase, toast } from '../ui.js';

export async function renderEvent(main, ctx) {
  const id = ctx.params[0];
  async function draw() {
    const e = await api.get(`events/${enc(id)}`);
    if (!ctx.isCurrent()) return;
    const actions = [];
    if (e.state === 'DEAD') {
      const b = button('Replay', async () => {
        await busy(b, async () => {
          try { await api.post(`events/${enc(id)}/replay`); toast(`Event #${id} queued again.`, 'ok'); await draw(); refocus(main); } catch (x) { toast(errorText(x), 'bad'); }
        });
      }, 'btn-primary', { id: 'replay-event' });
      actions.push(b);
    }
    if (e.state === 'PENDING') {
      const b = button('Mark dead', async () => {
        await busy(b, async () => {
          try { await api.post(`events/${enc(id)}/dead`, { reason: 'marked dead from the dashboard' }); await draw(); refocus(main); } catch (x) { toast(errorText(x), 'bad'); }
        });
      }, 'btn-danger', { id: 'mark-dead' });
      actions.push(b);
    }
    actions.push(h('a', { class: 'btn', href: `#/items?connectionId=${enc(e.connectionId)}&recordId=${enc(e.recordId)}` }, 'Inspect item'));
    clear(main,
      pageHead([`Event #${e.id} `, pill(titleCase(e.state))], `${titleCase(e.kind)} of record ${e.recordId} on ${e.connectionId}`, actions,
        [h('a', { href: '#/events' }, 'Events'), ` / #${e.id}`]),
      e.lastError ? callout('bad', h('strong', {}, 'Last error: '), e.lastError) : null,
      h('div', { class: 'grid grid-2' },
        h('section', { class: 'card', 'aria-labelledby': 'ev-facts' }, h('h2', { id: 'ev-facts' }, 'Details'),
          h('dl', { class: 'facts' },
            h('dt', {}, 'Connection'), h('dd', {}, h('a', { href: `#/connections/${enc(e.connectionId)}` }, e.connectionId)),
            h('dt', {}, 'Record'), h('dd', { class: 'mono' }, e.recordId),
            h('dt', {}, 'Webflow item'), h('dd', { class: 'mono' }, e.item ? `${e.item.itemId} (${e.item.itemState || 'unknown'})` : '—'),
            h('dt', {}, 'Attempts'), h('dd', {}, String(e.attempts)),
            h('dt', {}, 'Source version'), h('dd', {}, e.sourceVersion || '—'),
            h('dt', {}, 'Idempotency key'), h('dd', { class: 'mono small' }, e.idempotencyKey || '—'),
            h('dt', {}, 'Enqueued'), h('dd', {}, dateTime(e.enqueuedAt)),
            h('dt', {}, 'Updated'), h('dd', {}, dateTime(e.updatedAt)),
            h('dt', {}, 'Next run'), h('dd', {}, e.state === 'PENDING' ? dateTime(e.runAt) : '—'),
            h('dt', {}, 'Lease'), h('dd', {}, e.leaseOwner ? `${e.leaseOwner} until ${dateTime(e.leaseUntil)}` : '—'))),
        h('section', { class: 'card', 'aria-labelledby': 'ev-payload' }, h('h2', { id: 'ev-payload' }, 'Payload'),
          e.payload ? h('pre', { id: 'event-payload' }, json(e.payload)) : h('p', { class: 'muted' }, 'No payload: the record is fetched from the source when the event runs.'))),
      h('section', { class: 'card', 'aria-labelledby': 'ev-tl' }, h('h2', { id: 'ev-tl' }, 'Timeline'),
        e.timeline && e.timeline.length ? timeline(e.timeline) : h('p', { class: 'muted' }, 'Nothing has run yet.')));
  }
  await draw();
  const t = setInterval(() => draw().catch(() => {}), 8000);
  return () => clearInterval(t);
}

export function timeline(entries) {
  return h('ol', { class: 'timeline' }, entries.map((l) => h('li', { class: `t-${String(l.status).toLowerCase()}` },
    h('div', { class: 't-head' }, pill(titleCase(l.status)), h('strong', {}, l.action || ''), h('span', { class: 'muted small' }, `attempt ${l.attempt}`), ago(l.at),
      l.durationMs !== null && l.durationMs !== undefined ? h('span', { class: 'muted small' }, `took ${ms(l.durationMs)}`) : null,
      l.latencyMs ? h('span', { class: 'muted small' }, `latency ${ms(l.latencyMs)}`) : null),
    l.errorCode || l.message ? h('div', { class: l.status === 'SUCCESS' ? 'small' : 'small ferr' }, l.errorCode ? h('code', {}, l.errorCode) : null, ' ', l.message || '') : null,
    l.itemId ? h('div', { class: 'small muted' }, `Webflow item ${l.itemId}`) : null,
    l.detail !== undefined && l.detail !== null ? h('details', {}, h('summary', {}, 'Detail'), h('pre', {}, json(l.detail))) : null)));
}
