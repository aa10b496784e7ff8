// Pending deletes: items deleted in Webflow whose SmartSuite records wait for a person under the
// "ask" delete policy of two-way connections (GET pending-deletes). Approve deletes the record;
// reject keeps it and makes the item again.
import { api, enc } from '../api.js';
import { ago, button, busy, callout, clear, errorText, field, h, keepFocus, pageHead, refocus, select, toast } from '../ui.js';

const LIMIT = 50;

export async function renderPendingDeletes(main, ctx) {
  const { connections } = await api.get('connections');
  let offset = 0;
  const conn = select([{ value: '', label: 'All connections' }, ...connections.map((c) => ({ value: c.id, label: c.name || c.id }))],
    ctx.query.connectionId || '', { id: 'pd-connection' });
  conn.addEventListener('change', () => {
    offset = 0;
    history.replaceState(null, '', `#/pending-deletes${conn.value ? `?connectionId=${enc(conn.value)}` : ''}`);
    load();
  });
  const status = h('p', { class: 'muted small', 'aria-live': 'polite', id: 'pd-status' });
  const box = h('section', { class: 'card', 'aria-labelledby': 'pd-h' });
  clear(main, pageHead('Pending deletes', 'Items deleted in Webflow on two-way connections that ask first. Approve deletes the SmartSuite record; reject keeps it and makes the item again.'),
    h('form', { class: 'filters card', role: 'search', 'aria-label': 'Filter pending deletes' }, field('Connection', conn)),
    box);

  async function decide(row, approve, btn) {
    const what = row.itemName ? `"${row.itemName}"` : `item ${row.itemId}`;
    if (approve && !window.confirm(`Delete SmartSuite record ${row.recordId || '(unlinked)'} of ${what}? SmartSuite moves it to the trash.`)) return;
    await busy(btn, async () => {
      try {
        const d = await api.post(`pending-deletes/${row.changeId}/${approve ? 'approve' : 'reject'}`);
        const said = d.result.charAt(0).toUpperCase() + d.result.slice(1);
        toast(said, 'ok');
        clear(status, said);
        await load();
        // the row is gone: land on the next row's first button, else the heading
        const nextBtn = box.querySelector('tbody button');
        if (nextBtn) nextBtn.focus(); else refocus(main);
      } catch (e) {
        toast(errorText(e), 'bad');
        clear(status, callout('bad', errorText(e)));
      }
    });
  }

  async function load() {
    const r = await api.get('pending-deletes', { connectionId: conn.value, offset, limit: LIMIT });
    if (!ctx.isCurrent()) return;
    const rows = r.pendingDeletes.map((p) => {
      const label = p.itemName || p.itemId;
      const tr = h('tr', { dataset: { pendingDelete: p.changeId, item: p.itemId, record: p.recordId || '' } },
        h('td', {}, h('div', {}, label), h('div', { class: 'mono small muted' }, p.itemId)),
        h('td', { class: 'mono small' }, p.recordId
          ? h('a', { href: `#/items?connectionId=${enc(p.connectionId)}&recordId=${enc(p.recordId)}` }, p.recordId)
          : h('span', { class: 'muted' }, 'no longer linked')),
        h('td', {}, h('a', { href: `#/connections/${enc(p.connectionId)}` }, p.connectionId)),
        h('td', { class: 'nowrap' }, ago(p.deletedAt)),
        h('td', { class: 'actions-cell' }));
      const approve = button('Approve', () => decide(p, true, approve), 'btn-danger btn-small',
        { id: `pd-approve-${p.changeId}`, 'aria-label': `Approve: delete record ${p.recordId || ''} of ${label}` });
      const reject = button('Reject', () => decide(p, false, reject), 'btn-small',
        { id: `pd-reject-${p.changeId}`, 'aria-label': `Reject: keep record ${p.recordId || ''} and make ${label} again` });
      tr.lastChild.append(h('div', { class: 'actions' }, approve, reject));
      return tr;
    });
    const prev = button('Previous', () => { offset = Math.max(0, offset - LIMIT); load(); }, 'btn-small', { id: 'pd-prev', disabled: offset === 0 });
    const next = button('Next', () => { offset += LIMIT; load(); }, 'btn-small', { id: 'pd-next', disabled: !r.hasMore });
    await keepFocus(box, () => clear(box,
      h('div', { class: 'card-head' }, h('h2', { id: 'pd-h' }, 'Waiting for a decision'), status),
      h('div', { class: 'table-wrap' }, h('table', { id: 'pending-deletes-table', class: 'pending-table' },
        h('caption', { class: 'visually-hidden' }, 'Pending deletes, newest first'),
        h('thead', {}, h('tr', {}, ['Webflow item', 'SmartSuite record', 'Connection', 'Deleted in Webflow', 'Decision'].map((x) => h('th', { scope: 'col' }, x)))),
        h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 5, class: 'empty' }, 'Nothing waiting: no item deleted in Webflow needs a decision.'))))),
      r.hasMore || offset ? h('div', { class: 'pager' }, h('span'), h('div', { class: 'actions' }, prev, next)) : null));
  }

  await load();
  const t = setInterval(() => {
    // a decision in progress owns the table until it is done
    if (!box.querySelector('[aria-busy=true]')) load().catch(() => {});
  }, 5000);
  return () => clearInterval(t);
}
