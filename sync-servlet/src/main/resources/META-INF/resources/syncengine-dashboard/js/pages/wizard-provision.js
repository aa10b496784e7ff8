// The wizard's "create a new Webflow collection" panel and the mapping step's "add to Webflow"
// bar. The proposal comes from GET /connections/{id}/collection/proposal; the user edits the names,
// slugs and types and leaves fields out; POST .../collection/provision creates the collection, its
// fields (references last) and the mapping. Both calls are safe to repeat.
import { api, enc } from '../api.js';
import { button, callout, clear, errorText, field, h, select, toast } from '../ui.js';

/** The option value of the collection picker that means "create one". */
export const NEW_COLLECTION = '__new__';

const KINDS = ['TEXT', 'RICH_TEXT', 'NUMBER', 'BOOLEAN', 'DATE_TIME', 'OPTION', 'REFERENCE', 'MULTI_REFERENCE',
  'IMAGE', 'MULTI_IMAGE', 'FILE', 'LINK', 'EMAIL', 'PHONE', 'COLOR', 'VIDEO_LINK'];
const KIND_LABELS = {
  TEXT: 'Plain text', RICH_TEXT: 'Rich text', NUMBER: 'Number', BOOLEAN: 'Switch', DATE_TIME: 'Date/time',
  OPTION: 'Option', REFERENCE: 'Reference', MULTI_REFERENCE: 'Multi-reference', IMAGE: 'Image',
  MULTI_IMAGE: 'Multi-image', FILE: 'File', LINK: 'Link', EMAIL: 'Email', PHONE: 'Phone', COLOR: 'Color', VIDEO_LINK: 'Video link',
};
const kindOptions = KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));

/**
 * The wizard's target step once "create a new collection" was chosen and the draft saved: shows
 * the proposal in the step's frame and returns the advance hook that creates the collection and
 * hands its mapping to the mapping step (st.provisionedSpec).
 */
export async function provisionStep(st, frame, next) {
  const p = await provisionPanel(st.id);
  frame('New Webflow collection', 'One Webflow field per SmartSuite field. Rename, retype or leave fields out, then create it.', p.el);
  next.textContent = 'Create collection';
  return async () => {
    const r = await p.submit();
    st.collection = r.collectionId;
    st.created = { ...st.created, target: { ...st.created.target, id: r.collectionId } };
    st.provisionedSpec = r.mapping.spec;
    st.schema = null;
    next.textContent = 'Next';
    toast(`Collection created with ${r.createdFields.length} fields.`, 'ok');
    return true;
  };
}

/** Loads the proposal and returns {el, submit}: submit() provisions and resolves to the result. */
export async function provisionPanel(connectionId) {
  const proposal = await api.get(`connections/${enc(connectionId)}/collection/proposal`);
  const name = h('input', { type: 'text', id: 'p-name', value: proposal.name, autocomplete: 'off' });
  const singular = h('input', { type: 'text', id: 'p-singular', value: proposal.singularName, autocomplete: 'off' });
  const slug = h('input', { type: 'text', id: 'p-slug', class: 'mono', value: proposal.slug, autocomplete: 'off' });
  const rows = proposal.fields.map((f) => fieldRow(f));
  const errors = h('div', { id: 'p-errors', 'aria-live': 'polite' });
  const el = h('div', { class: 'stack provision' },
    h('div', { class: 'row' }, field('Collection name', name), field('One item is a…', singular),
      field('Collection slug', slug, 'A retry finds the collection by this slug instead of making a second one.')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'map-table', id: 'p-fields' },
      h('caption', {}, `Fields from ${proposal.name} (the item name comes from the title field)`),
      h('thead', {}, h('tr', {}, h('th', {}, 'Create'), h('th', {}, 'SmartSuite field'), h('th', {}, 'Webflow name'),
        h('th', {}, 'Slug'), h('th', {}, 'Type'), h('th', {}, 'Why'))),
      h('tbody', {}, rows.map((r) => r.tr)))),
    proposal.skipped.length ? callout('warn', 'Left out: ', proposal.skipped.map((s) => `${s.label} (${s.reason})`).join('; ')) : null,
    errors);

  async function submit() {
    clear(errors);
    const body = {
      name: name.value.trim(), singularName: singular.value.trim(), slug: slug.value.trim(),
      titleField: proposal.titleField,
      fields: rows.filter((r) => r.include.checked).map((r) => r.value()),
    };
    try {
      return await api.post(`connections/${enc(connectionId)}/collection/provision`, { proposal: body });
    } catch (e) {
      clear(errors, callout('bad', errorText(e)));
      throw e;
    }
  }
  return { el, submit };
}

function fieldRow(f) {
  const include = h('input', { type: 'checkbox', checked: true, 'aria-label': `Create ${f.displayName}` });
  const display = h('input', { type: 'text', value: f.displayName, 'aria-label': `Name of ${f.displayName}` });
  const slug = h('input', { type: 'text', class: 'mono', value: f.slug, 'aria-label': `Slug of ${f.displayName}` });
  const kind = select(kindOptions, f.kind, { 'aria-label': `Type of ${f.displayName}` });
  const tr = h('tr', { dataset: { source: f.sourceField } }, h('td', {}, include), h('td', {}, f.sourceField), h('td', {}, display),
    h('td', {}, slug), h('td', {}, kind), h('td', { class: 'in' }, f.reason || ''));
  const value = () => ({
    sourceField: f.sourceField, displayName: display.value.trim(), slug: slug.value.trim(), kind: kind.value,
    required: f.required, options: f.options, referenceTable: f.referenceTable,
  });
  return { tr, include, value };
}

/**
 * A bar under the wizard's mapping editor listing source fields no Webflow field takes yet, each
 * with an "Add to Webflow" button: it creates the proposed field (POST .../target-fields), adds
 * its rule to the mapping and redraws the step with the new schema.
 */
export function addFieldBar(st, redraw) {
  const mapped = new Set();
  for (const r of Object.values(st.spec.fields || {})) mapped.add(typeof r === 'string' ? r : r?.source);
  const free = st.schema.source.fields.filter((f) => f.slug !== st.schema.source.primaryField && !mapped.has(f.slug) && !mapped.has(f.label));
  if (!free.length) return null;
  const out = h('div', { 'aria-live': 'polite' });
  const add = async (f, btn) => {
    btn.disabled = true;
    try {
      const proposal = await api.get(`connections/${enc(st.id)}/collection/proposal`);
      const p = proposal.fields.find((x) => x.sourceField === f.slug);
      if (!p) throw new Error(`${f.label} cannot be created in Webflow: ${(proposal.skipped.find((s) => s.sourceField === f.slug) || {}).reason || 'no type fits'}`);
      const made = await api.post(`connections/${enc(st.id)}/target-fields`, { field: p });
      const spec = st.editor.getSpec();
      spec.fields = { ...spec.fields, [made.slug]: { rule: p.kind.includes('REFERENCE') ? 'reference' : 'direct', source: f.slug } };
      st.keptSpec = spec;
      st.schema = null;
      redraw();
    } catch (e) {
      btn.disabled = false;
      clear(out, callout('bad', errorText(e)));
    }
  };
  return h('div', { class: 'card add-fields', id: 'add-fields' },
    h('p', { class: 'muted' }, 'SmartSuite fields no Webflow field takes yet: add one to the collection and map it.'),
    h('ul', { class: 'bar' }, free.map((f) => {
      const btn = button(`Add “${f.label}” to Webflow`, () => add(f, btn), '', { dataset: { addField: f.slug } });
      return h('li', {}, btn);
    })), out);
}
