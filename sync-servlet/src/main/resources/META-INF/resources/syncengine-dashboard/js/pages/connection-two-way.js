// The connection page's two-way cards: the Direction settings (the wizard's fieldset, saved with
// PATCH options), the target webhooks and the pending deletes of a two-way connection, and the
// conflicts the policy decided, with the losing values.
import { api, enc } from '../api.js';
import { busy, button, callout, clear, errorText, h, keepFocus, num, pill, toast } from '../ui.js';
import { describe, directionFieldset, drawConflicts, twoWaySettings, withTwoWay } from '../two-way.js';

/**
 * Draws the Direction card. conn: {get(), set(c)} the page's connection. Returns a function that
 * redraws the card's status line (the pending deletes count) without touching the form.
 */
export async function drawDirection(card, id, conn) {
  let sourceFields = [];
  try {
    sourceFields = (await api.get(`connections/${enc(id)}/schema`)).source.fields;
  } catch { /* the item id field list stays empty; saving still names a bad one */ }
  const settings = () => twoWaySettings(conn.get().options);
  const dir = directionFieldset(settings(), sourceFields, 'c-tw');
  const msg = h('div', { 'aria-live': 'polite', id: 'c-tw-message' });
  const status = h('div', { id: 'c-tw-status', class: 'small' });
  const head = h('div', { class: 'card-head' }, h('h2', { id: 'tw-h' }, 'Two-way sync'), h('span', { id: 'c-tw-pill' }));
  const save = button('Save direction', async () => {
    clear(msg);
    const problem = dir.problem();
    if (problem) { clear(msg, callout('bad', problem)); return; }
    await busy(save, async () => {
      try {
        const c = await api.patch(`connections/${enc(id)}`, { options: withTwoWay(conn.get().options, dir.value()) });
        conn.set(c);
        clear(msg, callout('ok', `Saved. ${describe(settings())}.`));
        toast('Direction saved.', 'ok');
        await drawStatus();
      } catch (e) {
        dir.markInvalid(e.details);
        clear(msg, callout('bad', errorText(e)));
      }
    });
  }, 'btn-primary', { id: 'c-tw-save' });

  async function drawStatus() {
    const s = settings();
    clear(head.querySelector('#c-tw-pill'), pill(s.enabled ? 'Two-way' : 'One-way', s.enabled ? 'info' : ''));
    if (!s.enabled) { clear(status, h('p', { class: 'muted' }, describe(s))); return; }
    const [hooks, pending] = await Promise.all([
      api.get(`connections/${enc(id)}/target-webhook`).catch(() => null),
      api.get('pending-deletes', { connectionId: id, limit: 200 }).catch(() => null),
    ]);
    const registered = hooks && hooks.status && hooks.status.status;
    const register = button(registered ? 'Repair Webflow webhooks' : 'Register Webflow webhooks', async () => {
      await busy(register, async () => {
        try {
          await api.post(`connections/${enc(id)}/target-webhook/register`);
          toast('Webflow webhooks registered.', 'ok');
          await keepFocus(status, drawStatus);
        } catch (e) { toast(errorText(e), 'bad'); }
      });
    }, 'btn-small', { id: 'c-tw-register' });
    const n = pending ? pending.pendingDeletes.length : 0;
    clear(status,
      h('p', {}, describe(s)),
      h('p', { class: 'small' }, 'Webflow webhooks: ', registered ? `${registered}${hooks.status.checkedAt ? ` (checked ${new Date(hooks.status.checkedAt).toLocaleString('en')})` : ''}` : 'not registered', ' ', register),
      h('p', {}, n
        ? h('a', { href: `#/pending-deletes?connectionId=${enc(id)}`, id: 'c-tw-pending' }, `${num(n)}${pending.hasMore ? '+' : ''} pending delete${n === 1 ? '' : 's'} waiting for you`)
        : h('span', { class: 'muted', id: 'c-tw-pending' }, 'No deletes waiting for approval.')));
  }

  clear(card, head, status, h('p', { class: 'small muted' }, 'Two-way carries edits made in Webflow back to SmartSuite, for the fields whose owner (Mapping, Direction column) lets them flow back.'),
    dir.el, h('div', { class: 'bar' }, save), msg);
  await drawStatus();
  return () => drawStatus();
}

const PAGE = 20;

/** Draws the Conflicts card, hidden for a one-way connection that never had one. */
export async function drawConflictsCard(card, id, conn, offset = 0) {
  const r = await api.get(`connections/${enc(id)}/conflicts`, { offset, limit: PAGE });
  const any = r.conflicts.length > 0 || offset > 0;
  card.hidden = !any && !twoWaySettings(conn.get().options).enabled;
  const box = h('div', { id: 'conflicts' });
  drawConflicts(box, r, { caption: `Conflicts on ${id}, newest first` });
  const prev = button('Newer', () => keepFocus(card, () => drawConflictsCard(card, id, conn, Math.max(0, offset - PAGE))), 'btn-small', { id: 'cf-prev', disabled: offset === 0 });
  const next = button('Older', () => keepFocus(card, () => drawConflictsCard(card, id, conn, offset + PAGE)), 'btn-small', { id: 'cf-next', disabled: !r.hasMore });
  clear(card, h('div', { class: 'card-head' }, h('h2', { id: 'cf-h' }, 'Conflicts'), h('span', { class: 'muted small' }, 'Fields changed on both sides between syncs')),
    h('p', { class: 'small muted' }, 'The connection\'s policy picked the value kept; the value lost is struck through. Change the policy under Direction.'),
    box, any ? h('div', { class: 'pager' }, h('span'), h('div', { class: 'actions' }, prev, next)) : null);
}
