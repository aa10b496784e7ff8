import { api, enc } from '../api.js';
import { callout, clear, errorText, field, h, pageHead, select, toast } from '../ui.js';

export async function renderSettings(main, ctx) {
  const { connections } = await api.get('connections');
  const body = h('div');
  const pick = select(connections.map((c) => ({ value: c.id, label: c.name || c.id })), ctx.query.connectionId || connections[0]?.id || '', { id: 'st-connection' });
  pick.addEventListener('change', () => { history.replaceState(null, '', `#/settings?connectionId=${enc(pick.value)}`); draw(); });
  clear(main, pageHead('Settings', 'Throughput and retry behaviour, per connection.'),
    connections.length ? h('div', { class: 'card filters' }, field('Connection', pick)) : callout('info', 'Create a connection first.'),
    body,
    h('section', { class: 'card', 'aria-labelledby': 'rl-h' }, h('h2', { id: 'rl-h' }, 'Webflow rate limit'),
      h('p', {}, 'Writes are paced by an adaptive limiter that follows Webflow\'s own ', h('code', {}, 'X-RateLimit-Remaining'), ' and ',
        h('code', {}, 'Retry-After'), ' answers, shared by every worker using one token. Its ceiling (requests per minute) is part of the host\'s configuration, so that several processes agree on it; larger batches mean fewer requests for the same number of items.')));

  function draw() {
    const c = connections.find((x) => x.id === pick.value);
    if (!c) return;
    const num = (id, v, min, max) => h('input', { type: 'number', id, value: v, min, max, required: true, inputmode: 'numeric' });
    const batch = num('st-batch', c.batchSize, 1, 100);
    const initial = num('st-initial', c.retry.initialDelayMs, 1, 86400000);
    const max = num('st-max', c.retry.maxDelayMs, 1, 86400000);
    const attempts = num('st-attempts', c.retry.maxAttempts, 1, 1000);
    const ingest = select(['NATIVE_WEBHOOK', 'POLLING', 'SIGNED_PUSH'], c.ingestionMode, { id: 'st-ingest' });
    const publish = select(['LIVE', 'STAGED', 'DRAFT'], c.publishMode, { id: 'st-publish' });
    const del = select(['DELETE', 'UNPUBLISH', 'ARCHIVE'], c.deleteMode, { id: 'st-delete' });
    const msg = h('div', { 'aria-live': 'polite', id: 'st-message' });
    const inputs = { batchSize: batch, 'retry.initialDelayMs': initial, 'retry.maxDelayMs': max, 'retry.maxAttempts': attempts };
    const form = h('form', { class: 'card', 'aria-labelledby': 'st-h', novalidate: true },
      h('h2', { id: 'st-h' }, c.name || c.id),
      h('fieldset', {}, h('legend', {}, 'Throughput'),
        h('div', { class: 'row' }, field('Batch size', batch, 'Items per Webflow bulk call (1–100).'))),
      h('fieldset', {}, h('legend', {}, 'Retry policy'),
        h('div', { class: 'row' },
          field('First retry after (ms)', initial, 'Doubles each attempt, with jitter.'),
          field('Longest wait (ms)', max),
          field('Attempts before dead letter', attempts))),
      h('fieldset', {}, h('legend', {}, 'Behaviour'),
        h('div', { class: 'row' }, field('Changes arrive by', ingest), field('Publishing', publish), field('Deletes', del))),
      h('div', { class: 'bar' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'st-save' }, 'Save settings')), msg);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      for (const i of Object.values(inputs)) i.removeAttribute('aria-invalid');
      clear(msg);
      try {
        const updated = await api.patch(`connections/${enc(c.id)}`, {
          batchSize: Number(batch.value),
          retry: { initialDelayMs: Number(initial.value), maxDelayMs: Number(max.value), maxAttempts: Number(attempts.value) },
          ingestionMode: ingest.value, publishMode: publish.value, deleteMode: del.value,
        });
        Object.assign(c, updated);
        clear(msg, callout('ok', 'Saved. New settings apply to the next batch.'));
        toast('Settings saved.', 'ok');
      } catch (x) {
        for (const d of x.details || []) {
          const el = inputs[d.field] || (d.field === 'retry' ? initial : null);
          if (el) el.setAttribute('aria-invalid', 'true');
        }
        clear(msg, callout('bad', errorText(x)));
        const first = form.querySelector('[aria-invalid=true]');
        if (first) first.focus();
      }
    });
    clear(body, form);
  }
  draw();
}
