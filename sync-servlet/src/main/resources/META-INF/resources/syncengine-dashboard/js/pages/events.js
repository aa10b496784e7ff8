import { api } from '../api.js';
import { drawReverseEvents } from './reverse-events.js';
import { ago, brief, button, busy, clear, errorText, field, h, keepFocus, num, pageHead, pill, select, titleCase, toast } from '../ui.js';

const STATES = ['pending', 'claimed', 'done', 'dead'];
const RANGES = [{ value: '', label: 'Any time' }, { value: '1h', label: 'Last hour' }, { value: '24h', label: 'Last 24 hours' }, { value: '7d', label: 'Last 7 days' }];
const RANGE_MS = { '1h': 3600e3, '24h': 86400e3, '7d': 7 * 86400e3 };
const LIMIT = 50;

export async function renderEvents(main, ctx) {
  const q = ctx.query;
  const f = {
    connectionId: q.connectionId || '', status: (q.status || '').split(',').filter((s) => STATES.includes(s)),
    recordId: q.recordId || '', range: q.range || '', offset: Number(q.offset) || 0,
  };
  const selected = new Set();
  const { connections } = await api.get('connections');
  const conn = select([{ value: '', label: 'All connections' }, ...connections.map((c) => ({ value: c.id, label: c.name || c.id }))], f.connectionId, { id: 'ev-connection' });
  const search = h('input', { type: 'search', id: 'ev-record', value: f.recordId, placeholder: 'Record id', autocomplete: 'off' });
  const range = select(RANGES, f.range, { id: 'ev-range' });
  const boxes = STATES.map((s) => {
    const cb = h('input', { type: 'checkbox', id: `ev-st-${s}`, value: s, checked: f.status.includes(s) });
    cb.addEventListener('change', () => apply());
    return h('span', { class: 'check-row' }, cb, h('label', { for: cb.id }, titleCase(s)));
  });
  const form = h('form', { class: 'filters card', role: 'search', 'aria-label': 'Filter events' },
    field('Connection', conn), field('Record id', search), field('Time', range),
    h('fieldset', { class: 'field' }, h('legend', {}, 'State'), h('div', { class: 'checks' }, boxes)),
    h('div', { class: 'field' }, h('button', { type: 'submit', class: 'btn', id: 'ev-apply' }, 'Apply')));
  form.addEventListener('submit', (e) => { e.preventDefault(); apply(); });
  conn.addEventListener('change', () => apply());
  range.addEventListener('change', () => apply());

  const status = h('p', { class: 'muted small', 'aria-live': 'polite', id: 'ev-status' });
  const replaySel = button('Replay selected', () => replay({ ids: [...selected] }, replaySel), 'btn-primary', { id: 'replay-selected', disabled: true });
  const replayAll = button('Replay dead matching filters', () => replayMatching(), '', { id: 'replay-all-dead' });
  const auto = h('input', { type: 'checkbox', id: 'ev-auto', checked: true });
  const listBox = h('section', { class: 'card', 'aria-label': 'Events' });
  const reverseBox = h('section', { class: 'card', 'aria-label': 'Reverse events', id: 'reverse-events', hidden: true });
  clear(main, pageHead('Events', 'Every change waiting, in flight, written or dead-lettered. Dead events can be replayed after a fix.',
    [h('span', { class: 'check-row small' }, auto, h('label', { for: 'ev-auto' }, 'Auto-refresh'))]),
  form, listBox, reverseBox);

  function apply() {
    f.connectionId = conn.value;
    f.recordId = search.value.trim();
    f.range = range.value;
    f.status = STATES.filter((s) => document.getElementById(`ev-st-${s}`).checked);
    f.offset = 0;
    selected.clear();
    const params = new URLSearchParams();
    if (f.connectionId) params.set('connectionId', f.connectionId);
    if (f.status.length) params.set('status', f.status.join(','));
    if (f.recordId) params.set('recordId', f.recordId);
    if (f.range) params.set('range', f.range);
    // Keep the filters in the address (bookmarkable) without re-rendering the page.
    history.replaceState(null, '', `#/events${params.toString() ? `?${params}` : ''}`);
    load();
  }

  async function replay(body, btn) {
    await busy(btn, async () => {
      try {
        const r = await api.post('events/replay', body);
        const n = r.replayed.length; const s = r.skipped.length;
        toast(`Replayed ${n} event${n === 1 ? '' : 's'}${s ? `, skipped ${s} (not dead)` : ''}.`, n ? 'ok' : '');
        selected.clear();
        await load();
      } catch (e) { toast(errorText(e), 'bad'); }
    });
  }

  /** Replays the dead events the filters match (connection, record, time), after confirming the count. */
  async function replayMatching() {
    const query = { connectionId: f.connectionId, status: 'dead', recordId: f.recordId, offset: 0, limit: 200 };
    if (f.range) query.from = new Date(Date.now() - RANGE_MS[f.range]).toISOString();
    let r;
    try { r = await api.get('events', query); } catch (e) { toast(errorText(e), 'bad'); return; }
    const ids = r.events.map((e) => e.id);
    if (!ids.length) { toast('No dead events match the filters.'); return; }
    const n = `${ids.length} dead event${ids.length === 1 ? '' : 's'}`;
    const scope = f.connectionId || f.recordId || f.range ? 'matching the filters' : 'of every connection';
    if (!window.confirm(`Replay ${n} ${scope}${r.hasMore ? ' (the first 200; run it again for the rest)' : ''}?`)) return;
    await replay({ ids }, replayAll);
  }

  async function load() {
    const query = { connectionId: f.connectionId, status: f.status.join(','), recordId: f.recordId, offset: f.offset, limit: LIMIT };
    if (f.range) query.from = new Date(Date.now() - RANGE_MS[f.range]).toISOString();
    const r = await api.get('events', query);
    if (!ctx.isCurrent()) return;
    await keepFocus(listBox, () => draw(r));
    await drawReverseEvents(reverseBox, f.connectionId).catch(() => { reverseBox.hidden = true; });
  }

  function draw(r) {
    const all = h('input', { type: 'checkbox', id: 'ev-select-all', 'aria-label': 'Select all dead events on this page' });
    const dead = r.events.filter((e) => e.state === 'DEAD');
    all.checked = dead.length > 0 && dead.every((e) => selected.has(e.id));
    all.disabled = dead.length === 0;
    all.addEventListener('change', () => {
      for (const e of dead) if (all.checked) selected.add(e.id); else selected.delete(e.id);
      draw(r);
    });
    const rows = r.events.map((e) => {
      const cb = h('input', { type: 'checkbox', id: `ev-sel-${e.id}`, 'aria-label': `Select event ${e.id}`, checked: selected.has(e.id), disabled: e.state !== 'DEAD' });
      cb.addEventListener('change', () => { if (cb.checked) selected.add(e.id); else selected.delete(e.id); updateButtons(); tr.classList.toggle('selected', cb.checked); });
      const tr = h('tr', { class: selected.has(e.id) ? 'selected' : null, dataset: { event: e.id, state: e.state, record: e.recordId } },
        h('td', { class: 'check' }, cb),
        h('td', {}, h('a', { href: `#/events/${e.id}` }, `#${e.id}`)),
        h('td', {}, e.connectionId),
        h('td', { class: 'mono small' }, h('a', { href: `#/items?connectionId=${encodeURIComponent(e.connectionId)}&recordId=${encodeURIComponent(e.recordId)}` }, e.recordId)),
        h('td', {}, titleCase(e.kind)),
        h('td', {}, pill(titleCase(e.state))),
        h('td', { class: 'num' }, String(e.attempts)),
        h('td', { class: 'small' }, e.lastError ? h('span', { class: 'ferr' }, brief(e.lastError, 100)) : e.lastOutcome ? h('span', {}, titleCase(e.lastOutcome.status), e.lastOutcome.action ? ` · ${e.lastOutcome.action}` : '') : h('span', { class: 'muted' }, '—')),
        h('td', { class: 'nowrap' }, ago(e.updatedAt)));
      return tr;
    });
    const prev = button('Previous', () => { f.offset = Math.max(0, f.offset - LIMIT); load(); }, 'btn-small', { id: 'ev-prev', disabled: f.offset === 0 });
    const next = button('Next', () => { f.offset += LIMIT; load(); }, 'btn-small', { id: 'ev-next', disabled: !r.hasMore });
    const tbody = h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 9, class: 'empty' }, 'No events match these filters.')));
    clear(listBox,
      h('div', { class: 'bar' }, replaySel, replayAll, status),
      h('div', { class: 'table-wrap' }, h('table', { id: 'events-table' },
        h('caption', { class: 'visually-hidden' }, 'Events, newest first'),
        h('thead', {}, h('tr', {}, h('th', { class: 'check', scope: 'col' }, all),
          ['Event', 'Connection', 'Record', 'Kind', 'State', { t: 'Attempts', c: 'num' }, 'Last outcome', 'Updated']
            .map((x) => h('th', { scope: 'col', class: x.c || null }, x.t || x)))),
        tbody)),
      h('div', { class: 'pager' },
        h('span', { class: 'muted small' }, r.events.length ? `${num(r.offset + 1)}–${num(r.offset + r.events.length)}${r.total !== null && r.total !== undefined ? ` of ${num(r.total)}` : ''}` : ''),
        h('div', { class: 'actions' }, prev, next)));
    const known = r.total !== null && r.total !== undefined;
    const count = known ? num(r.total) : `${r.events.length}${r.hasMore ? '+' : ''}`;
    status.textContent = `${count} event${known && r.total === 1 || !known && r.events.length === 1 && !r.hasMore ? '' : 's'}`;
    updateButtons();
  }

  function updateButtons() {
    replaySel.disabled = selected.size === 0;
    replaySel.textContent = selected.size ? `Replay ${selected.size} selected` : 'Replay selected';
  }

  await load();
  const t = setInterval(() => { if (auto.checked) load().catch(() => {}); }, 5000);
  return () => clearInterval(t);
}
