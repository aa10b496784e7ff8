// Small DOM helpers: element builder, formatting, pills, toasts. No framework, no inline handlers
// (the page's Content-Security-Policy forbids them): listeners are attached with addEventListener.

/**
 * Builds an element. attrs: class, text, html is NOT supported on purpose (no injection);
 * on: {event: fn}; dataset; any other key becomes an attribute (false/null skip it).
 */
export function h(tag, attrs = {}, ...children) {
  const el = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'on') {
      for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    } else if (k === 'text') {
      el.textContent = String(v);
    } else if (k === 'dataset') {
      Object.assign(el.dataset, v);
    } else if (k === 'value' && 'value' in el && !tag.startsWith('svg:')) {
      el.value = v;
    } else if (k === 'checked' || k === 'selected' || k === 'disabled') {
      el[k] = Boolean(v);
      if (k === 'disabled' && v) el.setAttribute('disabled', '');
    } else {
      el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let idSeq = 0;
export function uid(prefix = 'f') {
  idSeq += 1;
  return `${prefix}-${idSeq}`;
}

/** A labelled form field; returns {wrap, input}. */
export function field(label, input, help) {
  if (!input.id) input.id = uid('in');
  const helpEl = help ? h('div', { class: 'help', id: `${input.id}-help` }, help) : null;
  if (helpEl) input.setAttribute('aria-describedby', helpEl.id);
  const wrap = h('div', { class: 'field' }, h('label', { for: input.id }, label), input, helpEl);
  return wrap;
}

export function select(options, value, attrs = {}) {
  const s = h('select', attrs);
  for (const o of options) {
    const opt = typeof o === 'string' ? { value: o, label: o } : o;
    s.append(h('option', { value: opt.value, selected: String(opt.value) === String(value ?? '') }, opt.label));
  }
  return s;
}

export function button(label, onClick, cls = '', attrs = {}) {
  return h('button', { type: 'button', class: `btn ${cls}`.trim(), on: { click: onClick }, ...attrs }, label);
}

const PILL = {
  active: 'ok', success: 'ok', done: 'ok', ok: 'ok', up: 'ok', registered: 'ok', live: 'ok', running: 'info',
  paused: 'warn', pending: 'info', claimed: 'info', held: 'warn', retry: 'warn', skipped: '', cancelled: '', staged: 'info',
  failing: 'bad', dead: 'bad', failed: 'bad', down: 'bad', error: 'bad', 'not registered': 'warn', draft: '',
};

export function pill(text, kind) {
  const k = kind ?? PILL[String(text).toLowerCase()] ?? '';
  return h('span', { class: `pill ${k ? `pill-${k}` : ''}`.trim() }, text);
}

export function titleCase(s) {
  if (!s) return '';
  const t = String(s).toLowerCase();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

const NUM = new Intl.NumberFormat('en');
export function num(n) {
  return n === null || n === undefined ? '—' : NUM.format(n);
}

export function pct(r) {
  if (r === null || r === undefined) return '—';
  const v = r * 100;
  return `${v >= 99.95 || v === 0 ? v.toFixed(0) : v.toFixed(1)}%`;
}

export function ms(v) {
  if (v === null || v === undefined) return '—';
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 60000) return `${(v / 1000).toFixed(v < 10000 ? 2 : 1)} s`;
  return `${(v / 60000).toFixed(1)} min`;
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${Math.max(0, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

const DATE = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' });
export function dateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : DATE.format(d);
}

/** "3 min ago" in a <time> element whose title holds the exact moment. */
export function ago(iso) {
  if (!iso) return h('span', { class: 'muted' }, 'never');
  const d = new Date(iso);
  const s = Math.round((Date.now() - d.getTime()) / 1000);
  let text;
  if (s < 5) text = 'just now';
  else if (s < 60) text = `${s} s ago`;
  else if (s < 3600) text = `${Math.floor(s / 60)} min ago`;
  else if (s < 86400) text = `${Math.floor(s / 3600)} h ago`;
  else text = `${Math.floor(s / 86400)} d ago`;
  return h('time', { datetime: iso, title: DATE.format(d) }, text);
}

export function json(v) {
  return JSON.stringify(v, null, 2);
}

/** Short text for any JSON value in a table cell. */
export function brief(v, max = 80) {
  if (v === null || v === undefined) return '';
  let s = typeof v === 'string' ? v : JSON.stringify(v);
  if (s.length > max) s = `${s.slice(0, max - 1)}…`;
  return s;
}

/** Announces a message to screen readers and shows it briefly. */
export function toast(message, kind = '') {
  const box = document.getElementById('toasts');
  const t = h('div', { class: `toast ${kind}`.trim() }, message);
  box.append(t);
  setTimeout(() => t.remove(), kind === 'bad' ? 8000 : 4500);
}

export function errorText(e) {
  if (!e) return 'Unknown error';
  if (e.details && e.details.length) {
    return `${e.message}: ${e.details.map((d) => (d.field ? `${d.field} — ${d.message}` : d.message)).join('; ')}`;
  }
  return e.message || String(e);
}

export function callout(kind, ...children) {
  return h('div', { class: `callout callout-${kind}`, role: kind === 'bad' ? 'alert' : null }, ...children);
}

export function table(headers, rows, { caption, empty = 'Nothing here yet.', cls = '' } = {}) {
  const thead = h('thead', {}, h('tr', {}, headers.map((x) => {
    const hd = typeof x === 'string' ? { label: x } : x;
    return h('th', { scope: 'col', class: hd.cls || null }, hd.label);
  })));
  const tbody = h('tbody');
  if (!rows.length) {
    tbody.append(h('tr', {}, h('td', { colspan: headers.length, class: 'empty' }, empty)));
  } else {
    for (const r of rows) tbody.append(r);
  }
  return h('div', { class: 'table-wrap' },
    h('table', { class: cls || null }, caption ? h('caption', { class: 'visually-hidden' }, caption) : null, thead, tbody));
}

/** Runs fn while the button shows busy; returns fn's result. */
export async function busy(btn, fn) {
  const old = btn.textContent;
  const hadFocus = document.activeElement === btn;
  btn.disabled = true; // a disabled button drops the focus to the page body: given back below
  btn.setAttribute('aria-busy', 'true');
  try {
    return await fn();
  } finally {
    btn.disabled = false;
    btn.removeAttribute('aria-busy');
    btn.textContent = old;
    const now = document.activeElement;
    if (hadFocus && (!now || now === document.body)) {
      // the same button, or the one a redraw put in its place (same id)
      const target = btn.isConnected ? btn : btn.id ? document.getElementById(btn.id) : null;
      if (target) target.focus({ preventScroll: true });
    }
  }
}

export function debounce(fn, wait) {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), wait);
  };
}

export function pageHead(title, sub, actions, crumbs) {
  return h('div', { class: 'page-head' },
    h('div', {},
      crumbs ? h('div', { class: 'crumbs' }, crumbs) : null,
      h('h1', { tabindex: '-1', class: 'page-title' }, title),
      sub ? h('p', { class: 'sub' }, sub) : null),
    actions ? h('div', { class: 'actions' }, actions) : null);
}

/** Re-renders part of the page without losing keyboard focus when the focused element has an id. */
/** After a re-render removed the focused control, puts focus on the page heading, not the body. */
export function refocus(main) {
  const a = document.activeElement;
  if (!a || a === document.body || !a.isConnected) {
    const t = main.querySelector('.page-title, h1, h2');
    if (t) {
      if (!t.hasAttribute('tabindex')) t.setAttribute('tabindex', '-1');
      t.focus({ preventScroll: true });
    }
  }
}

export async function keepFocus(container, render) {
  const active = document.activeElement;
  const focusedId = active && container.contains(active) ? active.id : null;
  const r = await render();
  if (focusedId) {
    const again = document.getElementById(focusedId);
    if (again) again.focus({ preventScroll: true });
  }
  return r;
}
