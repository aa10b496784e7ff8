import { api, enc } from '../api.js';
import { drawConflicts, twoWaySettings } from '../two-way.js';
import { ago, brief, button, busy, callout, clear, dateTime, errorText, field, h, keepFocus, pageHead, pill, select, table, titleCase, toast } from '../ui.js';
import { timeline } from './event.js';

export async function renderItems(main, ctx) {
  const { connections } = await api.get('connections');
  const q = ctx.query;
  const conn = select(connections.map((c) => ({ value: c.id, label: c.name || c.id })), q.connectionId || connections[0]?.id || '', { id: 'it-connection' });
  const by = select([{ value: 'recordId', label: 'SmartSuite record id' }, { value: 'itemId', label: 'Webflow item id' }], q.itemId ? 'itemId' : 'recordId', { id: 'it-by' });
  const key = h('input', { type: 'search', id: 'it-key', value: q.itemId || q.recordId || '', autocomplete: 'off', required: true });
  const out = h('div', { id: 'item-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'filters card', role: 'search', 'aria-label': 'Look up an item' },
    field('Connection', conn), field('Look up by', by), field('Id', key),
    h('div', { class: 'field' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'it-lookup' }, 'Look up')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const params = new URLSearchParams({ connectionId: conn.value, [by.value]: key.value.trim() });
    history.replaceState(null, '', `#/items?${params}`);
    lookup();
  });
  clear(main, pageHead('Item inspector', 'Find one record: what Webflow holds, every sync of it, and what changed between syncs.'), form, out);

  async function lookup() {
    if (!key.value.trim()) { clear(out, callout('info', 'Enter an id to look up.')); return; }
    clear(out, h('p', { class: 'muted' }, 'Looking up…'));
    try {
      const it = await api.get('items', { connectionId: conn.value, [by.value]: key.value.trim() });
      if (!ctx.isCurrent()) return;
      draw(it);
      await drawItemConflicts(it);
    } catch (e) {
      clear(out, callout(e.code === 'item_not_found' ? 'info' : 'bad', e.code === 'item_not_found' ? 'Nothing is known about that id on this connection.' : errorText(e)));
    }
  }

  function draw(it) {
    const resync = button('Resync now', async () => {
      await busy(resync, async () => {
        try {
          const r = await api.post('items/resync', { connectionId: it.connectionId, recordId: it.recordId });
          toast(`Queued as event #${r.jobId}.`, 'ok');
          setTimeout(() => keepFocus(out, lookup), 1500);
        } catch (e) { toast(errorText(e), 'bad'); }
      });
    }, 'btn-primary', { id: 'resync' });
    const snap = it.snapshot || {};
    const prev = it.previousSnapshot || {};
    clear(out,
      h('div', { class: 'grid grid-2' },
        h('section', { class: 'card', 'aria-labelledby': 'it-sum' },
          h('div', { class: 'card-head' }, h('h2', { id: 'it-sum' }, 'Item'), resync),
          h('dl', { class: 'facts' },
            h('dt', {}, 'Record'), h('dd', { class: 'mono' }, it.recordId),
            h('dt', {}, 'Webflow item'), h('dd', { class: 'mono' }, it.itemId || 'not written yet'),
            h('dt', {}, 'State'), h('dd', {}, it.itemState ? pill(titleCase(it.itemState)) : '—'),
            h('dt', {}, 'Source version'), h('dd', {}, it.sourceVersion ? dateTime(it.sourceVersion) : '—'),
            h('dt', {}, 'Last synced'), h('dd', {}, ago(it.updatedAt)),
            h('dt', {}, 'Queue'), h('dd', {}, it.job ? h('a', { href: `#/events/${it.job.id}` }, `#${it.job.id} `, pill(titleCase(it.job.state))) : '—'))),
        h('section', { class: 'card', 'aria-labelledby': 'it-diff' },
          h('h2', { id: 'it-diff' }, 'Changes in the last sync'),
          table(['Field', 'Change', 'Before', 'After'], (it.diff || []).map((d) => h('tr', { class: `diff-${d.change}` },
            h('td', { class: 'mono small' }, d.field), h('td', {}, d.change),
            h('td', { class: 'small' }, d.before === undefined ? '' : h('del', {}, brief(d.before, 100))),
            h('td', { class: 'small' }, d.after === undefined ? '' : h('ins', {}, brief(d.after, 100))))),
          { empty: it.previousSnapshot ? 'No field changed.' : 'Only one sync so far: nothing to compare.', caption: 'Diff between the last two syncs' }))),
      h('section', { class: 'card', 'aria-labelledby': 'it-cur' },
        h('h2', { id: 'it-cur' }, 'Current Webflow fields (as last written)'),
        table(['Field', 'Value', 'Previous value'], Object.keys(snap).sort().map((k) => h('tr', {},
          h('td', { class: 'mono small' }, k), h('td', { class: 'small' }, brief(snap[k], 160)),
          h('td', { class: 'small muted' }, k in prev ? brief(prev[k], 100) : ''))),
        { empty: 'Not written to Webflow yet.', caption: 'Current fields' })),
      h('section', { class: 'card', 'aria-labelledby': 'it-conf', id: 'item-conflicts', hidden: true },
        h('h2', { id: 'it-conf' }, 'Conflicts'),
        h('p', { class: 'small muted' }, 'Fields of this record changed in both SmartSuite and Webflow between syncs: the value kept, and the value that lost.'),
        h('div', { id: 'item-conflicts-table' })),
      h('section', { class: 'card', 'aria-labelledby': 'it-hist' }, h('h2', { id: 'it-hist' }, 'Sync history'),
        it.history && it.history.length ? timeline(it.history) : h('p', { class: 'muted' }, 'No syncs recorded.')));
  }

  /** The record's conflicts with the losing values; hidden for a one-way connection without any. */
  async function drawItemConflicts(it) {
    const card = document.getElementById('item-conflicts');
    if (!card || !it.recordId) return;
    let r;
    try {
      r = await api.get(`connections/${enc(it.connectionId)}/conflicts`, { recordId: it.recordId, limit: 50 });
    } catch { return; }
    if (!ctx.isCurrent()) return;
    const c = connections.find((x) => x.id === it.connectionId);
    const any = drawConflicts(document.getElementById('item-conflicts-table'), r, { caption: `Conflicts of record ${it.recordId}`, withRecord: false });
    card.hidden = !any && !(c && twoWaySettings(c.options).enabled);
  }

  if (key.value) await lookup();
}
