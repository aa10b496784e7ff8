import { api, enc } from '../api.js';
import { mappingEditor, previewReport } from '../mapping-editor.js';
import { button, callout, clear, errorText, field, h, pageHead, select, toast } from '../ui.js';
import { NEW_COLLECTION, addFieldBar, provisionStep } from './wizard-provision.js';
import { describe, directionFieldset, twoWaySettings, withTwoWay } from '../two-way.js';

const STEPS = ['Credentials', 'SmartSuite table', 'Webflow collection', 'Field mapping', 'Slug, status, deletes', 'Test', 'Save'];
const ACTIONS = ['default', 'publish', 'draft', 'archive', 'delete'].map((a) => ({ value: a, label: a }));

export async function renderWizard(main, ctx) {
  const st = {
    step: 0, name: '', id: '', creds: { 'smartsuite.apiKey': '', 'smartsuite.accountId': '', 'webflow.token': '' },
    tested: false, solution: '', table: '', site: '', collection: '', created: null,
    schema: null, spec: null, editor: null, publishMode: 'LIVE', deleteMode: 'DELETE', ingestionMode: 'NATIVE_WEBHOOK',
    backfill: true, recordId: '', finished: false, twoWay: twoWaySettings(),
  };
  const stepList = h('ol', { class: 'steps', 'aria-label': 'Steps' });
  const panel = h('section', { class: 'card wizard-panel', 'aria-labelledby': 'step-title' });
  const err = h('div', { role: 'alert', class: 'wizard-error' });
  clear(main, pageHead('New connection', 'Connect a SmartSuite table to a Webflow collection in a few steps.', null,
    [h('a', { href: '#/connections' }, 'Connections'), ' / New']), stepList, h('div', { class: 'card-stack' }, err, panel));

  const back = button('Back', () => go(st.step - 1), '', { id: 'wizard-back' });
  const next = button('Next', () => advance(), 'btn-primary', { id: 'wizard-next' });
  const cancel = button('Cancel', () => cancelSetup(), '', { id: 'wizard-cancel' });
  const draftOpen = () => Boolean(st.created) && !st.finished;

  /** Leaves the wizard; a draft connection it created (paused, not yet mapped) is deleted on confirmation. */
  async function cancelSetup() {
    if (draftOpen()) {
      if (!window.confirm(`Discard the draft connection ${st.name || st.id}? Nothing has synced yet.`)) return;
      cancel.disabled = true;
      try {
        await api.del(`connections/${enc(st.id)}`);
        st.created = null;
        toast('Draft connection discarded.', 'ok');
      } catch (e) {
        cancel.disabled = false;
        showError(e);
        return;
      }
    }
    ctx.navigate('#/connections');
  }

  // Closing the tab half-way would leave the draft behind: ask first. In-app navigation needs no
  // prompt, since the connections list marks such a draft "Setup unfinished".
  const onUnload = (e) => {
    if (draftOpen()) { e.preventDefault(); e.returnValue = ''; }
  };
  window.addEventListener('beforeunload', onUnload);

  function drawSteps() {
    clear(stepList, STEPS.map((s, i) => h('li', { class: i < st.step ? 'done' : null, 'aria-current': i === st.step ? 'step' : null }, s)));
  }

  function showError(e) {
    clear(err, e ? callout('bad', typeof e === 'string' ? e : errorText(e)) : null);
  }

  async function go(i) {
    showError(null);
    st.step = Math.max(0, Math.min(STEPS.length - 1, i));
    drawSteps();
    clear(panel, h('p', { class: 'muted' }, 'Loading…'));
    try {
      await [credentials, sourceStep, targetStep, mappingStep, behaviourStep, testStep, saveStep][st.step]();
    } catch (e) {
      showError(e);
    }
    const t = panel.querySelector('h2');
    if (t) { t.setAttribute('tabindex', '-1'); t.focus(); }
  }

  function frame(title, intro, ...content) {
    clear(panel, h('h2', { id: 'step-title' }, `${st.step + 1}. ${title}`), intro ? h('p', { class: 'muted' }, intro) : null, ...content,
      h('div', { class: 'wizard-foot' }, st.step > 0 ? back : h('span'),
        h('div', { class: 'bar' }, cancel, st.step < STEPS.length - 1 ? next : null)));
  }

  let advanceHook = null;
  async function advance() {
    showError(null);
    next.disabled = true;
    try {
      if (advanceHook && (await advanceHook()) === false) return;
      await go(st.step + 1);
    } catch (e) {
      showError(e);
    } finally {
      next.disabled = false;
    }
  }

  // 1. Credentials (tested)
  async function credentials() {
    const name = h('input', { type: 'text', id: 'w-name', value: st.name, required: true, autocomplete: 'off' });
    const id = h('input', { type: 'text', id: 'w-id', value: st.id, required: true, pattern: '[A-Za-z0-9_-]{1,64}', autocomplete: 'off', disabled: Boolean(st.created) });
    name.addEventListener('input', () => {
      st.name = name.value;
      if (!st.created && (!id.dataset.touched)) { id.value = slugId(name.value); st.id = id.value; }
    });
    id.addEventListener('input', () => { id.dataset.touched = '1'; st.id = id.value; });
    const secret = (key, label, help) => {
      const inp = h('input', { type: 'password', id: `w-${key.replace('.', '-')}`, value: st.creds[key], autocomplete: 'off', spellcheck: 'false' });
      inp.addEventListener('input', () => { st.creds[key] = inp.value; st.tested = false; result.replaceChildren(); });
      return field(label, inp, help);
    };
    const result = h('div', { 'aria-live': 'polite', id: 'test-result' });
    const testBtn = button('Test credentials', async () => {
      testBtn.disabled = true;
      clear(result, h('span', { class: 'muted' }, 'Testing…'));
      try {
        const r = await api.post('discovery/test', {
          source: { type: 'smartsuite' }, target: { type: 'webflow' }, credentials: creds(),
        });
        st.tested = r.source.ok && r.target.ok;
        clear(result, h('ul', { class: 'test-list' },
          h('li', {}, r.source.ok ? '✓ SmartSuite accepted the API key' : `✕ SmartSuite: ${r.source.message || r.source.code}`),
          h('li', {}, r.target.ok ? '✓ Webflow accepted the token' : `✕ Webflow: ${r.target.message || r.target.code}`)));
        result.firstChild.className = st.tested ? 'test-list callout callout-ok' : 'test-list callout callout-bad';
      } catch (e) {
        st.tested = false;
        clear(result, callout('bad', errorText(e)));
      } finally {
        testBtn.disabled = false;
      }
    }, '', { id: 'test-credentials' });
    advanceHook = async () => {
      if (!st.name.trim() || !/^[A-Za-z0-9_-]{1,64}$/.test(st.id)) {
        showError('Give the connection a name and an id of 1–64 letters, digits, "-" or "_".');
        return false;
      }
      if (!st.tested) {
        showError('Test the credentials first: both services must accept them.');
        testBtn.focus();
        return false;
      }
      return true;
    };
    frame('Credentials', 'Secrets are stored encrypted and never shown again.',
      h('div', { class: 'row' }, field('Connection name', name), field('Connection id', id, 'Used in the webhook URL; cannot change later.')),
      h('div', { class: 'row' },
        secret('smartsuite.apiKey', 'SmartSuite API key'),
        secret('smartsuite.accountId', 'SmartSuite workspace id', 'The account (workspace) id from your SmartSuite URL.')),
      secret('webflow.token', 'Webflow API token', 'A site token with CMS read and write access.'),
      h('div', { class: 'bar' }, testBtn, result));
  }

  function creds() {
    const c = {};
    for (const [k, v] of Object.entries(st.creds)) if (v) c[k] = v;
    return c;
  }

  // 2 and 3. Pick container then collection on one side. When the adapter cannot list them, the
  // ids are typed in instead (they are in the service's own URLs).
  function pickerStep(side, type, title, containerLabel, collectionLabel, keyC, keyT) {
    return async () => {
      const containers = await api.post('discovery/containers', { side, type, credentials: creds() });
      const manual = (label, key, help) => {
        const inp = h('input', { type: 'text', id: `w-${side}-${key === keyC ? 'container' : 'collection'}`, value: st[key], autocomplete: 'off', spellcheck: 'false', class: 'mono' });
        inp.addEventListener('input', () => { st[key] = inp.value.trim(); });
        return field(`${label} id`, inp, help);
      };
      if (!containers.items.length) {
        advanceHook = async () => {
          if (!st[keyC] || !st[keyT]) { showError(`Enter the ${containerLabel.toLowerCase()} and ${collectionLabel.toLowerCase()} ids.`); return false; }
          return true;
        };
        frame(title, `This service did not list any ${containerLabel.toLowerCase()}s for these credentials, so enter the ids; they appear in its URLs.`,
          h('div', { class: 'row' }, manual(containerLabel, keyC), manual(collectionLabel, keyT)));
        return;
      }
      const cSel = select([{ value: '', label: 'Choose…' }, ...containers.items.map((i) => ({ value: i.id, label: i.name }))], st[keyC], { id: `w-${side}-container` });
      const tSel = select([{ value: '', label: `Choose a ${containerLabel.toLowerCase()} first` }], '', { id: `w-${side}-collection`, disabled: true });
      const load = async () => {
        st[keyC] = cSel.value;
        if (!cSel.value) { tSel.disabled = true; return; }
        const cols = await api.post('discovery/collections', { side, type, credentials: creds(), containerId: cSel.value });
        clear(tSel, ...[{ value: '', label: 'Choose…' }, ...(side === 'target' ? [{ value: NEW_COLLECTION, label: '+ Create a new collection from the SmartSuite table' }] : []), ...cols.items.map((i) => ({ value: i.id, label: i.name }))]
          .map((o) => h('option', { value: o.value, selected: o.value === st[keyT] }, o.label)));
        tSel.disabled = false;
      };
      cSel.addEventListener('change', () => { st[keyT] = ''; load().catch(showError); });
      tSel.addEventListener('change', () => { st[keyT] = tSel.value; });
      if (st[keyC]) await load();
      else if (containers.items.length === 1) { cSel.value = containers.items[0].id; await load(); }
      advanceHook = async () => {
        if (!st[keyT]) { showError(`Choose a ${collectionLabel.toLowerCase()}.`); return false; }
        return true;
      };
      frame(title, null, h('div', { class: 'row' }, field(containerLabel, cSel), field(collectionLabel, tSel)));
    };
  }
  const sourceStep = pickerStep('source', 'smartsuite', 'SmartSuite table', 'Solution', 'Table', 'solution', 'table');
  const targetStepInner = pickerStep('target', 'webflow', 'Webflow collection', 'Site', 'Collection', 'site', 'collection');

  async function targetStep() {
    await targetStepInner();
    const pick = advanceHook;
    advanceHook = async () => {
      if ((await pick()) === false) return false;
      await saveDraft();
      if (st.collection !== NEW_COLLECTION) return true;
      advanceHook = await provisionStep(st, frame, next); // shows the proposal; Next creates it
      return false;
    };
  }

  /** Creates the connection paused (so nothing syncs before the mapping is saved), or updates it when the user came back. */
  async function saveDraft() {
    const body = {
      name: st.name.trim(),
      source: { type: 'smartsuite', parentId: st.solution, id: st.table },
      target: { type: 'webflow', parentId: st.site, id: st.collection === NEW_COLLECTION ? 'new' : st.collection },
      ingestionMode: st.ingestionMode, publishMode: st.publishMode, deleteMode: st.deleteMode,
      paused: true, credentials: creds(),
    };
    if (!st.created) {
      st.created = await api.post('connections', { id: st.id, ...body });
      st.webhookUrl = st.created.webhookUrl;
    } else {
      st.created = await api.patch(`connections/${enc(st.id)}`, body);
    }
    st.schema = null;
  }

  // 4. Auto-mapped fields with overrides, live preview beside each field.
  async function mappingStep() {
    if (!st.schema) {
      const [schema, suggestion] = await Promise.all([
        api.get(`connections/${enc(st.id)}/schema`),
        api.get(`connections/${enc(st.id)}/mapping/suggest`),
      ]);
      st.schema = schema;
      st.spec = st.keptSpec || st.provisionedSpec || suggestion.spec || specFromMatches(suggestion.matches);
      st.keptSpec = null; st.provisionedSpec = null;
      st.matches = suggestion.matches;
    }
    st.editor = mappingEditor({
      connectionId: st.id, source: st.schema.source, target: st.schema.target, spec: st.spec,
      sampleRecordId: st.recordId, onChange: (s) => { st.spec = s; },
    });
    advanceHook = async () => { st.spec = st.editor.getSpec(); return true; };
    frame('Field mapping',
      `Fields were matched automatically (${(st.matches || []).length} suggestions from ${st.schema.source.name} to ${st.schema.target.name}). Change any rule; the preview on the right updates as you type.`,
      st.editor.el, addFieldBar(st, () => go(st.step)));
    st.editor.preview();
  }

  // 5. Slug, status and delete behaviour.
  async function behaviourStep() {
    const spec = st.spec;
    const src = st.schema.source.fields;
    const slugTpl = h('input', { type: 'text', id: 'w-slug', class: 'mono', value: spec.slug?.template || '', placeholder: '{{kebab(Title)}}' });
    const slugMax = h('input', { type: 'number', id: 'w-slug-max', min: 8, max: 256, value: spec.slug?.maxLength || 100 });
    const statusSrc = select([{ value: '', label: 'No status rule (always follow the publish mode)' },
      ...src.filter((f) => /select|status/.test(f.type)).map((f) => ({ value: f.slug, label: f.label }))],
    src.find((f) => f.slug === spec.status?.source || (f.label || '').toLowerCase() === String(spec.status?.source || '').toLowerCase())?.slug || '', { id: 'w-status' });
    const actionsBox = h('div', { class: 'status-actions' });
    const drawActions = () => {
      const f = src.find((x) => x.slug === statusSrc.value);
      const choices = f?.params?.choices || [];
      const actions = spec.status?.actions || {};
      clear(actionsBox, f ? h('fieldset', {}, h('legend', {}, 'What each status does in Webflow'),
        h('div', { class: 'row' }, choices.map((c) => {
          const s = select(ACTIONS, actions[c.label] || 'default', { dataset: { choice: c.label } });
          return field(c.label, s);
        }))) : null);
    };
    statusSrc.addEventListener('change', drawActions);
    drawActions();
    const publish = select(['LIVE', 'STAGED', 'DRAFT'].map((v) => ({ value: v, label: { LIVE: 'Publish live', STAGED: 'Stage for the next site publish', DRAFT: 'Keep as draft' }[v] })), st.publishMode, { id: 'w-publish' });
    const del = select(['DELETE', 'UNPUBLISH', 'ARCHIVE'].map((v) => ({ value: v, label: { DELETE: 'Delete the Webflow item', UNPUBLISH: 'Unpublish it (keep as draft)', ARCHIVE: 'Archive it' }[v] })), st.deleteMode, { id: 'w-delete' });
    const ingest = select([{ value: 'NATIVE_WEBHOOK', label: 'SmartSuite webhook (recommended)' }, { value: 'POLLING', label: 'Polling' }, { value: 'SIGNED_PUSH', label: 'Signed push (automation)' }], st.ingestionMode, { id: 'w-ingest' });
    const direction = directionFieldset(st.twoWay, src, 'w-tw');
    advanceHook = async () => {
      const problem = direction.problem();
      if (problem) { showError(problem); return false; }
      st.twoWay = direction.value();
      const s = structuredClone(st.spec);
      if (slugTpl.value.trim()) s.slug = { template: slugTpl.value.trim(), maxLength: Number(slugMax.value) || 100 };
      else delete s.slug;
      if (statusSrc.value) {
        const actions = {};
        for (const sel of actionsBox.querySelectorAll('select')) actions[sel.dataset.choice] = sel.value;
        s.status = { source: statusSrc.value, actions, default: 'default' };
      } else delete s.status;
      st.spec = s;
      st.publishMode = publish.value; st.deleteMode = del.value; st.ingestionMode = ingest.value;
      return true;
    };
    frame('Slug, status and delete behaviour', null,
      h('div', { class: 'row' }, field('Slug template', slugTpl, 'Leave empty to use the item name. Slugs are lowercase ASCII and kept unique.'), field('Maximum slug length', slugMax)),
      field('Status field', statusSrc, 'A SmartSuite status or select field that decides publish, draft, archive or delete per record.'),
      actionsBox,
      h('div', { class: 'row' }, field('Publishing', publish), field('When a record is deleted in SmartSuite', del), field('How changes arrive', ingest)),
      direction.el);
  }

  // 6. Test with a sample record.
  async function testStep() {
    const rec = h('input', { type: 'text', id: 'w-sample', value: st.recordId, placeholder: 'leave empty for the first record' });
    const out = h('div', { id: 'w-preview', 'aria-live': 'polite' });
    const run = async () => {
      st.recordId = rec.value.trim();
      clear(out, h('p', { class: 'muted' }, 'Mapping the sample record…'));
      try {
        const body = { spec: st.spec };
        if (st.recordId) body.recordId = st.recordId;
        const [p, v] = await Promise.all([
          api.post(`connections/${enc(st.id)}/mapping/preview`, body),
          api.post(`connections/${enc(st.id)}/mapping/validate`, { spec: st.spec }),
        ]);
        st.previewOk = p.ok && v.valid;
        clear(out, v.valid ? null : callout('bad', 'The mapping does not validate: ', v.problems.filter((x) => x.severity === 'error').map((x) => `${x.field || 'document'}: ${x.message}`).join('; ')),
          previewReport(p));
      } catch (e) {
        st.previewOk = false;
        clear(out, callout('bad', errorText(e)));
      }
    };
    const runBtn = button('Run test', run, '', { id: 'w-run-test' });
    advanceHook = async () => {
      if (!st.previewOk) { showError('The sample record must map without errors before saving. Go back to fix the mapping.'); return false; }
      return true;
    };
    frame('Test with a sample record', 'Maps one real record with this mapping without writing anything to Webflow.',
      h('div', { class: 'row' }, field('Sample record id', rec), h('div', { class: 'field' }, runBtn)), out);
    await run();
  }

  // 7. Save mapping, settings, resume, register the webhook, start a backfill.
  async function saveStep() {
    const backfill = h('input', { type: 'checkbox', id: 'w-backfill', checked: st.backfill });
    backfill.addEventListener('change', () => { st.backfill = backfill.checked; });
    const log = h('ol', { class: 'save-log', 'aria-live': 'polite' });
    const saveBtn = button('Save and register webhook', async () => {
      saveBtn.disabled = true;
      back.disabled = true;
      cancel.disabled = true;
      clear(log);
      const stepDo = async (label, fn) => {
        const li = h('li', {}, `${label}…`);
        log.append(li);
        try {
          const r = await fn();
          li.textContent = `✓ ${label}`;
          return r;
        } catch (e) {
          li.textContent = `✕ ${label}: ${errorText(e)}`;
          li.className = 'ferr';
          throw e;
        }
      };
      try {
        await stepDo('Save the mapping', () => api.put(`connections/${enc(st.id)}/mapping`, { spec: st.spec }));
        st.created = await stepDo('Save the settings', () => api.patch(`connections/${enc(st.id)}`, {
          publishMode: st.publishMode, deleteMode: st.deleteMode, ingestionMode: st.ingestionMode, options: withTwoWay(st.created?.options, st.twoWay),
        }));
        if (st.ingestionMode === 'NATIVE_WEBHOOK') {
          await stepDo('Register the SmartSuite webhook', () => api.post(`connections/${enc(st.id)}/webhook/register`));
        }
        await stepDo('Start syncing', () => api.post(`connections/${enc(st.id)}/resume`));
        // Webflow may refuse a site token this (docs/two-way.md): the log says so, and the rest goes on
        if (st.twoWay.enabled) await stepDo('Register the Webflow webhooks (two-way)', () => api.post(`connections/${enc(st.id)}/target-webhook/register`)).catch(() => {});
        // live from here: no longer a draft to discard, even if the backfill below fails
        st.finished = true;
        cancel.hidden = true;
        if (st.backfill) await stepDo('Start copying existing records', () => api.post(`connections/${enc(st.id)}/backfill`, { kind: 'backfill' }));
        toast(`Connection ${st.name} is live.`, 'ok');
        clear(done, callout('ok', 'All set. Records now flow from SmartSuite to Webflow.'),
          st.webhookUrl ? h('div', { class: 'field' }, h('label', {}, 'Webhook URL (shown once — keep it if you set up webhooks by hand)'), h('code', { class: 'secret', id: 'w-webhook-url' }, st.webhookUrl)) : null,
          h('a', { class: 'btn btn-primary', href: `#/connections/${enc(st.id)}`, id: 'w-open-connection' }, 'Open the connection'));
        done.querySelector('a').focus();
      } catch (e) {
        saveBtn.disabled = false;
        back.disabled = false;
        cancel.disabled = false;
        showError(e);
      }
    }, 'btn-primary', { id: 'w-save' });
    const done = h('div', { class: 'stack' });
    const s = st.created || {};
    frame('Save and register the webhook', null,
      h('dl', { class: 'facts' },
        h('dt', {}, 'Connection'), h('dd', {}, `${st.name} (${st.id})`),
        h('dt', {}, 'SmartSuite'), h('dd', {}, `${st.schema?.source?.name || st.table} · ${s.source?.id || st.table}`),
        h('dt', {}, 'Webflow'), h('dd', {}, `${st.schema?.target?.name || st.collection} · ${s.target?.id || st.collection}`),
        h('dt', {}, 'Mapped fields'), h('dd', {}, String(Object.keys(st.spec?.fields || {}).length)),
        h('dt', {}, 'Publishing'), h('dd', {}, `${st.publishMode}, deletes: ${st.deleteMode}`),
        h('dt', {}, 'Direction'), h('dd', { id: 'w-direction-summary' }, describe(st.twoWay))),
      h('div', { class: 'field check-row' }, backfill, h('label', { for: 'w-backfill' }, 'Copy the records that already exist (backfill)')),
      h('div', { class: 'bar' }, saveBtn), log, done);
  }

  drawSteps();
  await go(0);
  return () => window.removeEventListener('beforeunload', onUnload);
}

function slugId(name) {
  return name.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64);
}

function specFromMatches(matches) {
  const fields = {};
  for (const m of matches || []) fields[m.targetField] = { rule: 'direct', source: m.sourceField };
  return { format: 1, fields };
}
