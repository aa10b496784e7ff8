import { api } from '../api.js';
import { ago, brief, clear, h, pill, titleCase } from '../ui.js';

/**
 * The reverse events of two-way connections (target → source, e.g. Webflow → SmartSuite): the
 * deliveries stored in the target change stream (GET reverse-events). Hidden while there are none,
 * so one-way set-ups see the inbox as before.
 */
const NAMES = { webflow: 'Webflow', smartsuite: 'SmartSuite' };
const named = (type, fallback) => NAMES[type] || titleCase(type || fallback);

export async function drawReverseEvents(box, connectionId) {
  const r = await api.get('reverse-events', { connectionId, limit: 20 });
  if (!r.events.length) {
    box.hidden = true;
    clear(box);
    return;
  }
  box.hidden = false;
  const rows = r.events.map((e) => h('tr', { dataset: { reverseEvent: e.id, state: e.status } },
    h('td', {}, `#${e.id}`),
    h('td', {}, e.connectionId),
    h('td', {}, `${named(e.from, 'target')} → ${named(e.to, 'source')}`),
    h('td', { class: 'mono small' }, e.itemId),
    h('td', { class: 'small' }, e.trigger),
    h('td', {}, pill(titleCase(e.status))),
    h('td', { class: 'small' }, e.lastError ? h('span', { class: 'ferr' }, brief(e.lastError, 100)) : h('span', { class: 'muted' }, '—')),
    h('td', { class: 'nowrap' }, ago(e.receivedAt))));
  clear(box,
    h('h2', {}, 'Reverse events'),
    h('p', { class: 'muted small' }, 'Changes made in the target and delivered by its webhooks (two-way connections). The reverse worker carries them back to the source; deletes waiting for approval are under Pending deletes.'),
    h('div', { class: 'table-wrap' }, h('table', { id: 'reverse-events-table' },
      h('caption', { class: 'visually-hidden' }, 'Reverse events, newest first'),
      h('thead', {}, h('tr', {}, ['Event', 'Connection', 'Direction', 'Item', 'Trigger', 'State', 'Last error', 'Received']
        .map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows))),
    r.hasMore ? h('p', { class: 'muted small' }, 'Showing the newest 20.') : null);
}
