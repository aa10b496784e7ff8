// Two-way sync settings (connection options twoWay.*, docs/api.md "Two-way options") as one
// fieldset the wizard and the connection page share, and the conflicts table both the connection
// page and the item inspector show.
import { brief, clear, dateTime, field, h, select, table } from './ui.js';

export const OPTION = {
  enabled: 'twoWay.enabled', conflicts: 'twoWay.conflicts', deletes: 'twoWay.deletes',
  createRecords: 'twoWay.createRecords', itemIdField: 'twoWay.itemIdField',
};

const CONFLICTS = [
  { value: 'newest', label: 'The newest change wins' },
  { value: 'smartsuite', label: 'SmartSuite always wins' },
  { value: 'webflow', label: 'Webflow always wins' },
];
const DELETES = [
  { value: 'ask', label: 'Ask me first (Pending deletes)' },
  { value: 'delete', label: 'Delete the SmartSuite record too' },
  { value: 'ignore', label: 'Keep the record (a new item is made on its next change)' },
];

/** The two-way settings of a connection's options, with the engine's defaults. */
export function twoWaySettings(options = {}) {
  const o = options || {};
  const conflicts = String(o[OPTION.conflicts] || 'newest').toLowerCase();
  return {
    enabled: String(o[OPTION.enabled] || '').toLowerCase() === 'true',
    conflicts: { source: 'smartsuite', target: 'webflow' }[conflicts] || conflicts,
    deletes: String(o[OPTION.deletes] || 'ask').toLowerCase(),
    createRecords: String(o[OPTION.createRecords] || '').toLowerCase() === 'true',
    itemIdField: o[OPTION.itemIdField] || '',
  };
}

/**
 * The connection's options with the settings applied: one-way drops every two-way option (the
 * defaults then hold), two-way writes them all. Other options are kept as they are.
 */
export function withTwoWay(options, s) {
  const out = { ...(options || {}) };
  for (const k of Object.values(OPTION)) delete out[k];
  if (!s.enabled) return out;
  out[OPTION.enabled] = 'true';
  out[OPTION.conflicts] = s.conflicts;
  out[OPTION.deletes] = s.deletes;
  out[OPTION.createRecords] = s.createRecords ? 'true' : 'false';
  if (s.itemIdField) out[OPTION.itemIdField] = s.itemIdField;
  return out;
}

/** One line for summaries: "Two-way · newest wins · deletes: ask". */
export function describe(s) {
  if (!s.enabled) return 'One-way: SmartSuite → Webflow';
  const c = CONFLICTS.find((x) => x.value === s.conflicts)?.label || s.conflicts;
  return `Two-way · ${c.toLowerCase()} · Webflow deletes: ${s.deletes}${s.createRecords ? ` · new items create records (${s.itemIdField})` : ''}`;
}

/**
 * The Direction fieldset. sourceFields: the source schema's fields (only kind TEXT may hold the
 * item id). Returns {el, value(), problem()}: value() the settings chosen, problem() a sentence
 * when they cannot be saved (create records without an item id field), with the focus moved there.
 */
export function directionFieldset(initial, sourceFields, idPrefix = 'tw') {
  const s = { ...twoWaySettings(), ...initial };
  const radio = (value, label, help) => {
    const r = h('input', { type: 'radio', name: `${idPrefix}-direction`, id: `${idPrefix}-dir-${value}`, value, checked: (value === 'two-way') === s.enabled });
    r.addEventListener('change', draw);
    return h('div', { class: 'check-row' }, r, h('label', { for: r.id }, label, help ? h('span', { class: 'muted small' }, ` — ${help}`) : null));
  };
  const oneWay = radio('one-way', 'One-way', 'SmartSuite → Webflow (default)');
  const twoWay = radio('two-way', 'Two-way', 'edits made in Webflow flow back to SmartSuite');
  const conflicts = select(CONFLICTS, s.conflicts, { id: `${idPrefix}-conflicts` });
  const deletes = select(DELETES, s.deletes, { id: `${idPrefix}-deletes` });
  const create = h('input', { type: 'checkbox', id: `${idPrefix}-create`, checked: s.createRecords });
  const text = (sourceFields || []).filter((f) => f.kind === 'TEXT');
  const itemId = select([{ value: '', label: text.length ? 'Choose a text field…' : 'The table has no text field' },
    ...text.map((f) => ({ value: f.slug, label: `${f.label} (${f.slug})` }))], s.itemIdField, { id: `${idPrefix}-item-id-field` });
  create.addEventListener('change', draw);
  const itemIdWrap = field('SmartSuite field that keeps the Webflow item id', itemId,
    'Records made from Webflow items carry the item id here, so a retry never makes a second record. Only text fields can hold it.');
  const details = h('div', { class: 'stack', id: `${idPrefix}-two-way-settings` },
    h('div', { class: 'row' },
      field('When both sides changed a field', conflicts, 'The losing value is kept in the sync log (Conflicts).'),
      field('When an item is deleted in Webflow', deletes)),
    h('div', { class: 'check-row' }, create, h('label', { for: create.id }, 'An item created in Webflow creates a SmartSuite record')),
    itemIdWrap);
  const el = h('fieldset', { class: 'direction' }, h('legend', {}, 'Direction'), oneWay, twoWay, details);

  function isTwoWay() { return el.querySelector(`#${idPrefix}-dir-two-way`).checked; }
  function draw() {
    details.hidden = !isTwoWay();
    itemIdWrap.hidden = !create.checked;
    itemId.required = create.checked;
  }
  draw();

  return {
    el,
    value: () => ({
      enabled: isTwoWay(), conflicts: conflicts.value, deletes: deletes.value,
      createRecords: create.checked, itemIdField: create.checked ? itemId.value : '',
    }),
    problem() {
      if (isTwoWay() && create.checked && !itemId.value) {
        itemId.setAttribute('aria-invalid', 'true');
        itemId.focus();
        return 'Choose the SmartSuite text field that keeps the Webflow item id, or turn off creating records.';
      }
      itemId.removeAttribute('aria-invalid');
      return null;
    },
    /** Marks the control a 422's detail names (options.twoWay.*), and focuses it. */
    markInvalid(details) {
      const byOption = { [OPTION.conflicts]: conflicts, [OPTION.deletes]: deletes, [OPTION.createRecords]: create, [OPTION.itemIdField]: itemId };
      for (const d of details || []) {
        const ctl = byOption[String(d.field || '').replace(/^options\./, '')];
        if (ctl) { ctl.setAttribute('aria-invalid', 'true'); ctl.focus(); }
      }
    },
  };
}

const WHO = { smartsuite: 'SmartSuite', webflow: 'Webflow' };
const show = (v) => (v === null || v === undefined ? '—' : brief(v, 120));

/** Conflicts (GET connections/{id}/conflicts) as a table: one row per field decided. */
export function conflictsTable(conflicts, { caption = 'Conflicts, newest first', withRecord = true } = {}) {
  const rows = [];
  for (const c of conflicts) {
    for (const f of c.fields.length ? c.fields : [{ field: null }]) {
      rows.push(h('tr', { dataset: { conflict: c.id, record: c.recordId || '', field: f.field || '' } },
        withRecord ? h('td', { class: 'mono small' }, c.recordId
          ? h('a', { href: `#/items?connectionId=${encodeURIComponent(c.connectionId || '')}&recordId=${encodeURIComponent(c.recordId)}` }, c.recordId) : '—') : null,
        h('td', { class: 'mono small' }, f.field || '—'),
        h('td', {}, WHO[f.winner] || f.winner || '—'),
        h('td', { class: 'small' }, show(f.kept)),
        h('td', { class: 'small' }, h('del', {}, show(f.lost))),
        h('td', { class: 'nowrap small' }, h('time', { datetime: c.at }, dateTime(c.at)))));
    }
  }
  return table([...(withRecord ? ['Record'] : []), 'Field', 'Winner', 'Value kept', 'Value lost', 'When'], rows,
    { caption, empty: 'No conflicts: no field was changed on both sides between syncs.', cls: 'conflicts-table' });
}

/** Draws the conflicts into box; returns whether there were any. */
export function drawConflicts(box, r, opts) {
  for (const c of r.conflicts) c.connectionId = c.connectionId || r.connectionId;
  clear(box, conflictsTable(r.conflicts, opts));
  return r.conflicts.length > 0;
}
