import { api, enc } from '../api.js';
import { mappingEditor } from '../mapping-editor.js';
import { addFieldBar } from './wizard-provision.js';
import { ago, brief, button, busy, callout, clear, duration, errorText, h, keepFocus, num, pageHead, pill, table, titleCase, toast } from '../ui.js';
import { connectionStatus, consecutive, problemsCallout, unmapped } from './connections.js';
import { drawConflictsCard, drawDirection } from './connection-two-way.js';
import { describe, twoWaySettings } from '../two-way.js';

export async function renderConnection(main, ctx) {
  const id = ctx.params[0];
  const timers = [];
  let c = await api.get(`connections/${enc(id)}`);
  const head = h('div');
  const summary = h('section', { class: 'card', 'aria-labelledby': 'sum-h' });
  const webhook = h('section', { class: 'card', 'aria-labelledby': 'wh-h' });
  const backfill = h('section', { class: 'card', 'aria-labelledby': 'bf-h', id: 'backfill-card' });
  const events = h('section', { class: 'card', 'aria-labelledby': 'ev-h' });
  const mapping = h('section', { class: 'card', 'aria-labelledby': 'map-h', id: 'mapping-card' });
  const danger = h('section', { class: 'card', 'aria-labelledby': 'dz-h' });
  const direction = h('section', { class: 'card', 'aria-labelledby': 'tw-h', id: 'direction-card' });
  const conflicts = h('section', { class: 'card', 'aria-labelledby': 'cf-h', id: 'conflicts-card', hidden: true });
  const conn = { get: () => c, set: (x) => { c = x; drawSummary(); } };
  let directionStatus = null;
  clear(main, head, h('div', { class: 'grid grid-2' }, summary, h('div', { class: 'stack' }, webhook, backfill)), direction, conflicts, events, mapping, danger);

  function drawHead() {
    const toggle = button(c.paused ? 'Resume' : 'Pause', async () => {
      await busy(toggle, async () => {
        try {
          c = await api.post(`connections/${enc(id)}/${c.paused ? 'resume' : 'pause'}`);
          toast(c.paused ? 'Paused: webhooks are still accepted, nothing is written.' : 'Resumed.', 'ok');
          await keepFocus(head, drawHead); drawSummary();
        } catch (e) { toast(errorText(e), 'bad'); }
      });
    }, c.paused ? 'btn-primary' : '', { id: 'pause-toggle' });
    clear(head, pageHead([c.name || c.id, ' ', connectionStatus(c)],
      `${c.source.type} table ${c.source.id} → ${c.target.type} collection ${c.target.id}`,
      [toggle, h('a', { class: 'btn', href: `#/events?connectionId=${enc(id)}` }, 'Events'), h('a', { class: 'btn', href: `#/settings?connectionId=${enc(id)}` }, 'Settings')],
      [h('a', { href: '#/connections' }, 'Connections'), ' / ', c.id]),
    c.paused && unmapped(c)
      ? h('div', { id: 'setup-unfinished' }, callout('warn', 'Setup was not finished. Save a mapping below, then Resume to start syncing; or delete this connection at the bottom of the page.'))
      : null);
  }

  function drawSummary() {
    const q = c.queue || {};
    clear(summary, h('h2', { id: 'sum-h' }, 'Configuration'),
      problemsCallout(c),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Id'), h('dd', { class: 'mono' }, c.id),
        h('dt', {}, 'Source'), h('dd', {}, `SmartSuite · solution ${c.source.parentId || '—'} · table ${c.source.id}`),
        h('dt', {}, 'Target'), h('dd', {}, `Webflow · site ${c.target.parentId || '—'} · collection ${c.target.id}`),
        h('dt', {}, 'Changes arrive by'), h('dd', {}, titleCase(c.ingestionMode.replace('_', ' '))),
        h('dt', {}, 'Publishing'), h('dd', {}, `${titleCase(c.publishMode)}; deletes ${c.deleteMode.toLowerCase()}`),
        h('dt', {}, 'Direction'), h('dd', { id: 'summary-direction' }, describe(twoWaySettings(c.options))),
        h('dt', {}, 'Batch size'), h('dd', {}, String(c.batchSize)),
        h('dt', {}, 'Retry'), h('dd', {}, `${c.retry.maxAttempts} attempts, ${c.retry.initialDelayMs} ms → ${c.retry.maxDelayMs} ms`),
        h('dt', {}, 'Mapping'), h('dd', {}, c.mappingVersion ? `version ${c.mappingVersion}` : pill('none', 'warn')),
        h('dt', {}, 'Credentials'), h('dd', {}, Object.entries(c.credentials || {}).map(([k, v]) => h('div', { class: 'small' }, h('span', { class: 'mono' }, k), ' ', h('span', { class: 'muted mono' }, v)))),
        h('dt', {}, 'Last success'), h('dd', {}, ago(c.health?.lastSuccessAt)),
        h('dt', {}, 'Consecutive errors'), h('dd', {}, consecutive(c), c.health?.lastError ? h('div', { class: 'small ferr' }, `${c.health.lastError.code}: ${brief(c.health.lastError.message, 140)}`) : null),
        h('dt', {}, 'Queue'), h('dd', {}, `${num(q.pending)} pending · ${num(q.claimed)} in flight · ${num(q.done)} done · `,
          q.dead ? h('a', { href: `#/events?status=dead&connectionId=${enc(id)}` }, `${num(q.dead)} dead`) : '0 dead')));
  }

  async function drawWebhook(extra) {
    const w = await api.get(`connections/${enc(id)}/webhook`);
    const hookKey = Object.keys(w.options || {}).find((k) => /webhookid$/i.test(k));
    const hookId = hookKey ? w.options[hookKey] : null;
    const registered = w.registered ?? Boolean(hookId);
    const result = h('div', { 'aria-live': 'polite', class: 'small' }, extra || null);
    const act = (label, path, after) => {
      const b = button(label, async () => {
        await busy(b, async () => {
          try {
            const r = await api.post(`connections/${enc(id)}/webhook/${path}`);
            await keepFocus(webhook, () => drawWebhook(after(r)));
          } catch (e) { clear(result, callout('bad', errorText(e))); }
        });
      }, 'btn-small', { id: `wh-${path}` });
      return b;
    };
    clear(webhook, h('div', { class: 'card-head' }, h('h2', { id: 'wh-h' }, 'Webhook'),
      c.ingestionMode === 'NATIVE_WEBHOOK' ? pill(registered ? 'Registered' : 'Not registered') : pill(titleCase(c.ingestionMode.replace('_', ' ')), 'info')),
    h('p', { class: 'small muted' }, 'SmartSuite calls this URL when a record changes. The token part is hidden.'),
    h('code', { class: 'secret', id: 'webhook-url' }, w.webhookUrl),
    hookId ? h('p', { class: 'small muted' }, `Webhook id ${hookId}`) : null,
    h('div', { class: 'actions' },
      act(registered ? 'Repair registration' : 'Register', 'register', () => callout('ok', 'Registered with SmartSuite.')),
      act('Check', 'check', (r) => callout('info', `Upkeep ran. ${r.status ? Object.entries(r.status).map(([k, v]) => `${k}: ${v}`).join(', ') : ''}`)),
      act('Rotate token', 'rotate-token', (r) => h('div', {}, callout('warn', 'New URL (shown once). Register again so SmartSuite uses it.'), h('code', { class: 'secret' }, r.webhookUrl))),
      registered && hookId ? act('Unregister', 'unregister', () => callout('info', 'Unregistered.')) : null),
    result);
  }

  async function drawBackfill() {
    let b = null;
    try { b = await api.get(`connections/${enc(id)}/backfill`); } catch (e) { if (e.status !== 404) throw e; }
    const start = (kind) => {
      const btn = button(kind === 'backfill' ? 'Start backfill' : 'Reconcile', async () => {
        await busy(btn, async () => {
          try {
            await api.post(`connections/${enc(id)}/backfill`, { kind });
            toast(kind === 'backfill' ? 'Backfill started.' : 'Reconcile started.', 'ok');
            await drawBackfill();
          } catch (e) { toast(errorText(e), 'bad'); }
        });
      }, kind === 'backfill' ? 'btn-primary btn-small' : 'btn-small', { id: `start-${kind}` });
      return btn;
    };
    const running = b && b.state === 'RUNNING';
    const parts = [h('div', { class: 'card-head' }, h('h2', { id: 'bf-h' }, 'Backfill'), b ? pill(titleCase(b.state)) : null),
      h('p', { class: 'small muted' }, 'Copies every existing record (backfill) or finds missed changes and deletions (reconcile).')];
    if (b) {
      const known = b.total >= 0;
      const pctDone = known && b.total > 0 ? Math.min(100, Math.round((b.done / b.total) * 100)) : null;
      parts.push(
        h('div', { class: 'field' },
          h('label', { for: 'backfill-progress' }, `${titleCase(b.kind)}: ${num(b.done)}${known ? ` of ${num(b.total)}` : ''} records${pctDone !== null ? ` (${pctDone}%)` : ''}`),
          h('progress', { id: 'backfill-progress', max: known ? Math.max(1, b.total) : null, value: known ? b.done : null })),
        h('p', { class: 'small', 'aria-live': 'polite' },
          running ? `About ${duration(b.estimatedRemainingSeconds)} left` : `Finished ${b.updatedAt ? new Date(b.updatedAt).toLocaleString('en') : ''}`,
          b.deletions ? ` · ${num(b.deletions)} deletions` : '', b.error ? h('span', { class: 'ferr' }, ` · ${b.error}`) : ''));
    }
    const cancel = running ? button('Cancel', async () => {
      await busy(cancel, async () => {
        await api.post(`connections/${enc(id)}/backfill/cancel`).catch((e) => toast(errorText(e), 'bad'));
        await drawBackfill();
      });
    }, 'btn-danger btn-small', { id: 'cancel-backfill' }) : null;
    parts.push(h('div', { class: 'actions' }, running ? null : start('backfill'), running ? null : start('reconcile'), cancel));
    clear(backfill, ...parts);
    return running;
  }

  async function drawEvents() {
    const r = await api.get('events', { connectionId: id, limit: 10 });
    clear(events, h('div', { class: 'card-head' }, h('h2', { id: 'ev-h' }, 'Recent events'), h('a', { href: `#/events?connectionId=${enc(id)}`, class: 'small' }, 'All events')),
      table(['Event', 'Record', 'Kind', 'State', 'Last outcome', 'Updated'], r.events.map((e) => h('tr', {},
        h('td', {}, h('a', { href: `#/events/${e.id}` }, `#${e.id}`)),
        h('td', { class: 'mono small' }, e.recordId),
        h('td', {}, titleCase(e.kind)),
        h('td', {}, pill(titleCase(e.state))),
        h('td', { class: 'small' }, e.lastError ? h('span', { class: 'ferr' }, brief(e.lastError, 90)) : e.lastOutcome ? `${titleCase(e.lastOutcome.status)} · ${e.lastOutcome.action || ''}` : '—'),
        h('td', {}, ago(e.updatedAt)))), { empty: 'No events yet.', caption: 'Recent events' }));
  }

  /** @param kept an unsaved spec to keep editing (after a field was added to Webflow) */
  async function drawMapping(kept) {
    let current = null;
    try { current = await api.get(`connections/${enc(id)}/mapping`); } catch (e) { if (e.code !== 'no_mapping') throw e; }
    let schema;
    try { schema = await api.get(`connections/${enc(id)}/schema`); } catch (e) {
      clear(mapping, h('h2', { id: 'map-h' }, 'Mapping'), callout('bad', `The schemas could not be read: ${errorText(e)}`));
      return;
    }
    const spec = kept || current?.spec || { format: 1, fields: {} };
    const editor = mappingEditor({ connectionId: id, source: schema.source, target: schema.target, spec });
    const adding = { id, spec, schema, editor };
    const addBar = addFieldBar(adding, () => drawMapping(adding.keptSpec).then(() => toast('Field added to Webflow and mapped: save the mapping to use it.', 'ok')));
    const msg = h('div', { 'aria-live': 'polite', id: 'mapping-message' });
    const save = button('Save mapping', async () => {
      await busy(save, async () => {
        // a fresh preview of exactly what is saved: the last one may be of an earlier edit
        const p = await editor.preview();
        if (p && !p.ok && !window.confirm('The sample record does not map with these rules: records like it will go to dead letter. Save anyway?')) return;
        try {
          const v = await api.put(`connections/${enc(id)}/mapping`, { spec: editor.getSpec() });
          const warn = (v.problems || []).filter((p) => p.severity !== 'error');
          clear(msg, callout('ok', `Saved as version ${v.version}.`, warn.length ? ` ${warn.length} warning${warn.length === 1 ? '' : 's'}: ${warn.map((p) => p.message).join('; ')}` : ''));
          c = await api.get(`connections/${enc(id)}`);
          drawHead();
          drawSummary();
          hv.textContent = `Version ${v.version}`;
        } catch (e) {
          clear(msg, callout('bad', errorText(e)));
        }
      });
    }, 'btn-primary', { id: 'save-mapping' });
    const hv = h('span', { class: 'muted small' }, current ? `Version ${current.version}` : 'No mapping saved');
    clear(mapping, h('div', { class: 'card-head' }, h('h2', { id: 'map-h' }, 'Mapping'), hv),
      h('p', { class: 'small muted' }, `${schema.source.name} → ${schema.target.name}. Edits are previewed live on a sample record; saving makes a new version used by the next writes.`),
      editor.el, addBar, h('div', { class: 'bar' }, save), msg);
    editor.preview();
  }

  function drawDanger() {
    const del = button('Delete connection', async () => {
      // A native confirm keeps this dependency-free and is keyboard and screen-reader accessible.
      if (!window.confirm(`Delete ${c.name || c.id}? Its queue is dropped and the SmartSuite webhook removed. Webflow items stay.`)) return;
      await busy(del, async () => {
        try {
          await api.del(`connections/${enc(id)}`);
          toast('Connection deleted.', 'ok');
          ctx.navigate('#/connections');
        } catch (e) { toast(errorText(e), 'bad'); }
      });
    }, 'btn-danger', { id: 'delete-connection' });
    clear(danger, h('h2', { id: 'dz-h' }, 'Danger zone'), h('p', { class: 'small muted' }, 'Deleting stops the sync. Items already in Webflow are left alone.'), del);
  }

  drawHead();
  drawSummary();
  drawDanger();
  await Promise.all([drawWebhook(), drawBackfill(), drawEvents(), drawMapping(),
    drawDirection(direction, id, conn).then((f) => { directionStatus = f; }), drawConflictsCard(conflicts, id, conn)]
    .map((p) => p.catch((e) => toast(errorText(e), 'bad'))));

  // Poll: counters and events every 5 s, the backfill every 2 s while it runs.
  timers.push(setInterval(async () => {
    try {
      c = await api.get(`connections/${enc(id)}`);
      if (!ctx.isCurrent()) return;
      keepFocus(summary, drawSummary);
      await keepFocus(events, drawEvents);
      if (directionStatus) await keepFocus(direction, directionStatus);
    } catch { /* the next tick retries */ }
  }, 5000));
  let bfRunning = false;
  timers.push(setInterval(async () => {
    if (!bfRunning && !backfill.querySelector('#cancel-backfill')) return;
    try { bfRunning = await keepFocus(backfill, drawBackfill); } catch { /* retried */ }
  }, 2000));
  return () => timers.forEach(clearInterval);
}
