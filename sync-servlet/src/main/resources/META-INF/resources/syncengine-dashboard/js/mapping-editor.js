// The mapping editor shared by the wizard and the connection page: one row per Webflow field
// (rule kind + source field / template / expression / constant), with the live preview's input,
// output and errors beside each row. Extra rule keys (post, options, onMissing...) are kept.
// A site with secondary locales gets a locale switch: the rows then edit that locale's rules
// (the document's "locales.<tag>.fields"); a field not mapped there keeps its value in Webflow.
import { api, enc } from './api.js';
import { brief, button, callout, clear, debounce, h, json, select, uid } from './ui.js';

const KINDS = [
  { value: '', label: 'Not mapped' },
  { value: 'direct', label: 'Source field' },
  { value: 'template', label: 'Template' },
  { value: 'jsonata', label: 'JSONata' },
  { value: 'constant', label: 'Constant' },
  { value: 'reference', label: 'Linked records' },
];

// Who owns the field (two-way sync): the rule's "owner"; SmartSuite (one-way) when absent.
const OWNERS = [
  { value: 'smartsuite', label: 'SmartSuite → Webflow' },
  { value: 'webflow', label: 'Webflow → SmartSuite' },
  { value: 'both', label: 'Both ways' },
];

function ownerOf(rule) {
  const o = rule && typeof rule === 'object' ? String(rule.owner || '').toLowerCase() : '';
  if (o === 'target') return 'webflow';
  if (o === 'source' || !o) return 'smartsuite';
  return o;
}

function ruleKind(rule) {
  if (rule === undefined || rule === null) return '';
  if (typeof rule === 'string') return 'direct';
  if (rule.rule) return rule.rule;
  if ('expression' in rule) return 'jsonata';
  if ('template' in rule) return 'template';
  if ('value' in rule) return 'constant';
  if ('source' in rule) return 'direct';
  return '';
}

function findSource(source, name) {
  if (!name) return null;
  const n = String(name).toLowerCase();
  return source.fields.find((f) => f.slug === name) || source.fields.find((f) => (f.label || '').toLowerCase() === n) || null;
}

/** The spec with fields/slug/status; unknown top-level keys are kept. */
export function mappingEditor({ connectionId, source, target, spec, onChange = () => {}, sampleRecordId }) {
  let doc = structuredClone(spec || { format: 1, fields: {} });
  if (!doc.fields) doc.fields = {};
  let recordId = sampleRecordId || '';
  let lastPreview = null;
  const rowsByField = new Map();
  const sourceOptions = [{ value: '', label: 'Choose a field…' }, ...source.fields.map((f) => ({ value: f.slug, label: `${f.label} (${f.type.replace(/field$/, '')})` }))];
  const targetFields = target.fields.filter((f) => f.slug !== 'slug' && f.editable !== false);
  const secondary = (target.locales || []).filter((l) => !l.primary);
  let locale = null; // null: the primary locale (the top-level "fields")

  /** The document's key for a locale: the one it already uses (tag in any case, or id), else the tag. */
  function localeKey(l) {
    const keys = Object.keys(doc.locales || {});
    return keys.find((k) => k === l.id || (l.tag && k.toLowerCase() === l.tag.toLowerCase())) || l.tag || l.id;
  }
  /** The rules the rows edit: the primary's fields, or the chosen locale's. */
  function rules() {
    if (!locale) return doc.fields;
    const key = localeKey(locale);
    doc.locales = doc.locales || {};
    doc.locales[key] = doc.locales[key] || { fields: {} };
    doc.locales[key].fields = doc.locales[key].fields || {};
    return doc.locales[key].fields;
  }
  /** The name the preview gives a row's field. */
  function previewName(slug) {
    return locale ? `locales.${localeKey(locale)}.${slug}` : slug;
  }
  /** Drops locales left without rules, so switching locales alone changes nothing. */
  function prune() {
    if (!doc.locales) return;
    for (const [k, v] of Object.entries(doc.locales)) {
      if (v && typeof v === 'object' && Object.keys(v).length === 1 && v.fields && !Object.keys(v.fields).length) delete doc.locales[k];
    }
    if (!Object.keys(doc.locales).length) delete doc.locales;
  }
  const localeSel = secondary.length
    ? select([{ value: '', label: 'Primary locale' }, ...secondary.map((l) => ({ value: l.id, label: l.displayName ? `${l.tag} (${l.displayName})` : l.tag || l.id }))],
      '', { 'aria-label': 'Locale to map', class: 'locale-switch', id: uid('locale') })
    : null;
  if (localeSel) {
    localeSel.addEventListener('change', () => {
      locale = secondary.find((l) => l.id === localeSel.value) || null;
      buildRows();
      if (lastPreview) showPreview(lastPreview);
    });
  }

  const status = h('div', { class: 'preview-status', 'aria-live': 'polite', id: uid('preview-status') });
  const tbody = h('tbody');
  const recordInput = h('input', { type: 'text', id: uid('sample'), placeholder: 'first record', value: recordId, class: 'sample-record' });
  const refresh = button('Refresh preview', () => preview(), 'btn-small', { class: 'btn btn-small preview-refresh' });
  recordInput.addEventListener('change', () => { recordId = recordInput.value.trim(); preview(); });
  const jsonArea = h('textarea', { id: uid('spec-json'), spellcheck: 'false', 'aria-label': 'Mapping document (JSON)' });
  const jsonErr = h('div', { class: 'err', role: 'alert' });
  const jsonBox = h('details', { class: 'json-box' },
    h('summary', {}, 'Edit the mapping document as JSON'),
    h('div', { class: 'field' }, jsonArea, jsonErr),
    button('Apply JSON', () => {
      try {
        const parsed = JSON.parse(jsonArea.value);
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('the document must be a JSON object');
        jsonErr.textContent = '';
        setSpec(parsed);
        changed();
      } catch (e) {
        jsonErr.textContent = `Not applied: ${e.message}`;
      }
    }, 'btn-small'));

  const el = h('div', { class: 'mapping-editor' },
    h('div', { class: 'bar' },
      localeSel ? h('label', { for: localeSel.id, class: 'inline-label' }, 'Locale') : null,
      localeSel ? h('div', {}, localeSel) : null,
      h('label', { for: recordInput.id, class: 'inline-label' }, 'Sample record id'),
      h('div', {}, recordInput), refresh, status),
    h('div', { class: 'table-wrap' }, h('table', { class: 'map-table' },
      h('caption', { class: 'visually-hidden' }, 'Field mapping with live preview'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Webflow field'), h('th', { scope: 'col' }, 'Rule'), h('th', { scope: 'col' }, 'Source / expression'),
        h('th', { scope: 'col' }, 'Direction'),
        h('th', { scope: 'col' }, 'Input'), h('th', { scope: 'col' }, 'Output'))),
      tbody)),
    jsonBox);

  function buildRows() {
    tbody.replaceChildren();
    rowsByField.clear();
    const kinds = locale ? [{ value: '', label: 'Kept as in Webflow' }, ...KINDS.slice(1)] : KINDS;
    for (const f of targetFields) {
      const rule = rules()[f.slug];
      const kind = ruleKind(rule);
      const kindSel = select(kinds, kind, { 'aria-label': `Rule for ${f.displayName}`, class: 'rule-kind', dataset: { field: f.slug } });
      const valueCell = h('td', {});
      const ownerSel = select(OWNERS, ownerOf(rule), { 'aria-label': `Direction for ${f.displayName}`, class: 'rule-owner', dataset: { field: f.slug } });
      const dirNote = h('div', { class: 'muted small dir-note' });
      const dirCell = h('td', { class: 'dir' }, ownerSel, dirNote);
      const inCell = h('td', { class: 'in' });
      const outCell = h('td', { class: 'out' });
      const tr = h('tr', { dataset: { field: f.slug } },
        h('th', { scope: 'row' }, f.displayName, f.required && !locale ? h('span', { class: 'req', title: 'required' }, ' *') : null,
          h('div', { class: 'muted small mono' }, `${f.slug} · ${f.type}`)),
        h('td', {}, kindSel), valueCell, dirCell, inCell, outCell);
      const row = { tr, f, kindSel, valueCell, ownerSel, dirNote, inCell, outCell };
      ownerSel.disabled = !rule;
      ownerSel.addEventListener('change', () => {
        const all = rules();
        let r = all[f.slug];
        if (!r) return;
        if (typeof r === 'string') r = { rule: 'direct', source: r };
        if (ownerSel.value === 'smartsuite') delete r.owner; else r.owner = ownerSel.value;
        all[f.slug] = r;
        changed();
      });
      rowsByField.set(f.slug, row);
      drawValue(row);
      kindSel.addEventListener('change', () => {
        const k = kindSel.value;
        const r = rules();
        const old = r[f.slug];
        if (!k) delete r[f.slug];
        else if (k === 'direct' || k === 'reference') {
          const src = typeof old === 'string' ? old : old?.source;
          r[f.slug] = { rule: k, source: src || '' };
        } else if (k === 'template') r[f.slug] = { rule: k, template: old?.template || '' };
        else if (k === 'jsonata') r[f.slug] = { rule: k, expression: old?.expression || '' };
        else if (k === 'constant') r[f.slug] = { rule: k, value: old?.value ?? '' };
        const owner = old && typeof old === 'object' ? old.owner : undefined;
        if (owner && r[f.slug]) r[f.slug].owner = owner;
        ownerSel.disabled = !r[f.slug];
        drawValue(row);
        changed();
      });
      tbody.append(tr);
    }
    syncJson();
  }

  function drawValue(row) {
    const { f, valueCell } = row;
    const rule = rules()[f.slug];
    const kind = ruleKind(rule);
    const label = `Value for ${f.displayName}`;
    let input = null;
    if (kind === 'direct' || kind === 'reference') {
      const src = typeof rule === 'string' ? rule : rule.source;
      const found = findSource(source, src);
      input = select(sourceOptions, found ? found.slug : '', { 'aria-label': label, class: 'rule-source', dataset: { field: f.slug } });
      input.addEventListener('change', () => {
        const r = typeof rules()[f.slug] === 'string' ? { rule: 'direct' } : rules()[f.slug];
        r.source = input.value;
        rules()[f.slug] = r;
        changed();
      });
    } else if (kind === 'template' || kind === 'jsonata' || kind === 'constant') {
      const key = kind === 'template' ? 'template' : kind === 'jsonata' ? 'expression' : 'value';
      const v = rule[key];
      input = h('input', { type: 'text', 'aria-label': label, class: 'rule-text mono', dataset: { field: f.slug },
        value: kind === 'constant' && typeof v !== 'string' ? JSON.stringify(v) : (v ?? ''),
        placeholder: kind === 'template' ? '{{Title}}' : kind === 'jsonata' ? '$number(Price) * 0.9' : 'a value' });
      input.addEventListener('input', () => {
        let val = input.value;
        if (kind === 'constant') { try { val = JSON.parse(val); } catch { /* plain text */ } }
        rules()[f.slug][key] = val;
        changed();
      });
    }
    const extras = rule && typeof rule === 'object'
      ? Object.keys(rule).filter((k) => !['rule', 'source', 'template', 'expression', 'value', 'owner'].includes(k)) : [];
    clear(valueCell, input || h('span', { class: 'muted' }, '—'),
      extras.length ? h('div', { class: 'muted small' }, `+ ${extras.join(', ')}`) : null);
  }

  function syncJson() {
    prune();
    jsonArea.value = json(doc);
  }

  function setSpec(s) {
    doc = structuredClone(s);
    if (!doc.fields) doc.fields = {};
    buildRows();
  }

  const debouncedPreview = debounce(() => preview(), 450);
  function changed() {
    syncJson();
    onChange(doc);
    debouncedPreview();
  }

  let previewSeq = 0;
  async function preview() {
    const seq = ++previewSeq;
    status.textContent = 'Previewing…';
    status.className = 'preview-status muted small';
    try {
      const body = { spec: doc };
      if (recordId) body.recordId = recordId;
      const p = await api.post(`connections/${enc(connectionId)}/mapping/preview`, body);
      if (seq !== previewSeq) return null;
      lastPreview = p;
      showPreview(p);
      return p;
    } catch (e) {
      if (seq !== previewSeq) return null;
      status.textContent = `Preview failed: ${e.message}`;
      status.className = 'preview-status err';
      return null;
    }
  }

  /** Whether each rule can carry Webflow edits back, from the preview's directions. */
  function showDirections(p) {
    const dirs = new Map((p.directions || []).map((d) => [d.field, d]));
    for (const [slug, row] of rowsByField) {
      const d = dirs.get(slug);
      const oneWay = d && !d.invertible;
      clear(row.dirNote, !d ? '' : oneWay ? `One-way: ${d.oneWayReason}` : '⇄ can flow back');
      for (const o of row.ownerSel.options) {
        // a one-way rule cannot be owned by Webflow; keep a current choice visible so its error shows
        o.disabled = oneWay && o.value !== 'smartsuite' && o.value !== row.ownerSel.value;
      }
    }
  }

  function showPreview(p) {
    showDirections(p);
    const byField = new Map((p.fields || []).map((f) => [f.field, f]));
    const problems = new Map();
    for (const pr of p.problems || []) if (pr.field) problems.set(pr.field, [...(problems.get(pr.field) || []), pr]);
    for (const [fieldSlug, row] of rowsByField) {
      const slug = previewName(fieldSlug);
      const fp = byField.get(slug);
      // a field's own errors come twice (fields[].errors and problems[]): show each once
      const errs = [...new Set([...(fp?.errors || []), ...(problems.get(slug) || []).filter((x) => x.severity === 'error').map((x) => x.message)])];
      const warns = [...(fp?.warnings || []), ...(problems.get(slug) || []).filter((x) => x.severity !== 'error').map((x) => x.message)];
      clear(row.inCell, fp && fp.input !== null && fp.input !== undefined ? brief(fp.input, 60) : '');
      const out = fp ? fp.output : locale ? undefined : p.fieldData?.[slug];
      clear(row.outCell,
        out !== null && out !== undefined ? brief(out, 80) : '',
        errs.map((m) => h('div', { class: 'ferr' }, '✕ ', m)),
        warns.map((m) => h('div', { class: 'fwarn' }, '! ', m)));
      row.tr.classList.toggle('has-error', errs.length > 0);
      if (errs.length) row.kindSel.setAttribute('aria-invalid', 'true'); else row.kindSel.removeAttribute('aria-invalid');
    }
    const nErr = new Set((p.problems || []).filter((x) => x.severity === 'error').map((x) => x.field || '')).size;
    status.textContent = p.ok
      ? `Preview of record ${p.record?.id}: all fields map (${p.action || 'DEFAULT'}).`
      : `Preview of record ${p.record?.id}: ${nErr || 'some'} field${nErr === 1 ? '' : 's'} with errors.`;
    status.className = `preview-status small ${p.ok ? 'ok-text' : 'err'}`;
  }

  buildRows();
  return {
    el,
    getSpec: () => { prune(); return structuredClone(doc); },
    setSpec: (s) => { setSpec(s); changed(); },
    preview,
    lastPreview: () => lastPreview,
    setRecordId: (id) => { recordId = id; recordInput.value = id; },
  };
}

/** Shows the result of a full preview: record, per-field rule/input/output/errors, fieldData. */
export function previewReport(p) {
  if (!p) return callout('bad', 'No preview yet.');
  const rows = (p.fields || []).map((f) => h('tr', { class: f.errors?.length ? 'has-error' : null },
    h('th', { scope: 'row' }, h('span', { class: 'mono' }, f.field), h('div', { class: 'muted small' }, f.type)),
    h('td', { class: 'mono small' }, f.rule || ''),
    h('td', { class: 'in' }, brief(f.input, 80)),
    h('td', { class: 'out' }, brief(f.output, 100)),
    h('td', {}, (f.errors || []).map((m) => h('div', { class: 'ferr' }, m)), (f.warnings || []).map((m) => h('div', { class: 'fwarn' }, m)))));
  const problems = (p.problems || []).filter((x) => !x.field || !(p.fields || []).some((f) => f.field === x.field));
  return h('div', { class: 'stack preview-report' },
    p.ok ? callout('ok', `Record ${p.record?.id} maps cleanly. Action: ${p.action}.`)
      : callout('bad', `Record ${p.record?.id} does not map: fix the fields marked below.`),
    problems.length ? h('ul', {}, problems.map((x) => h('li', { class: x.severity === 'error' ? 'ferr' : 'fwarn' }, x.field ? `${x.field}: ` : '', x.message))) : null,
    h('div', { class: 'table-wrap' }, h('table', { class: 'map-table' },
      h('caption', { class: 'visually-hidden' }, 'Preview per field'),
      h('thead', {}, h('tr', {}, ['Field', 'Rule', 'Input', 'Output', 'Errors and warnings'].map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows))),
    h('div', { class: 'grid grid-2' },
      h('div', {}, h('h3', {}, 'Source record'), h('pre', {}, json(p.record))),
      h('div', {}, h('h3', {}, 'Webflow fieldData'), p.fieldData ? h('pre', {}, json(p.fieldData)) : h('p', { class: 'muted' }, 'Nothing is written while a field fails.'))));
}
