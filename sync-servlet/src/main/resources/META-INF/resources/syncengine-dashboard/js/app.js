// Entry point: session check, hash routing, page lifecycle (each page may return a cleanup
// function that stops its timers), focus management on navigation.
import { currentSession, logout, setUnauthenticatedHandler } from './api.js';
import { clear, h, toast } from './ui.js';
import { renderLogin } from './pages/login.js';
import { renderOverview } from './pages/overview.js';
import { renderConnections } from './pages/connections.js';
import { renderConnection } from './pages/connection.js';
import { renderWizard } from './pages/wizard.js';
import { renderEvents } from './pages/events.js';
import { renderEvent } from './pages/event.js';
import { renderItems } from './pages/items.js';
import { renderSettings } from './pages/settings.js';
import { renderPendingDeletes } from './pages/pending-deletes.js';

const ROUTES = [
  [/^\/?$/, () => navigate('#/overview', true)],
  [/^\/overview$/, renderOverview, 'overview', 'Overview'],
  [/^\/connections$/, renderConnections, 'connections', 'Connections'],
  [/^\/connections\/new$/, renderWizard, 'connections', 'New connection'],
  [/^\/connections\/([^/]+)$/, renderConnection, 'connections', 'Connection'],
  [/^\/events$/, renderEvents, 'events', 'Events'],
  [/^\/events\/(\d+)$/, renderEvent, 'events', 'Event'],
  [/^\/items$/, renderItems, 'items', 'Item inspector'],
  [/^\/pending-deletes$/, renderPendingDeletes, 'pending-deletes', 'Pending deletes'],
  [/^\/settings$/, renderSettings, 'settings', 'Settings'],
];

let session = null;
let cleanup = null;
let renderSeq = 0;
// Keys pressed and pointers put down so far: a page whose cards finish loading after the user
// has started using it must not pull the focus back to its heading.
let interactions = 0;
document.addEventListener('keydown', () => { interactions += 1; }, true);
document.addEventListener('pointerdown', () => { interactions += 1; }, true);

export function navigate(hash, replace = false) {
  if (replace) {
    history.replaceState(null, '', hash);
    route();
  } else {
    location.hash = hash;
  }
}

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, q = ''] = raw.split('?');
  return { path, query: Object.fromEntries(new URLSearchParams(q)) };
}

function stopPage() {
  if (typeof cleanup === 'function') {
    try { cleanup(); } catch { /* a page's cleanup must not break navigation */ }
  }
  cleanup = null;
}

async function route() {
  const seq = ++renderSeq;
  const interactionsBefore = interactions;
  stopPage();
  const main = document.getElementById('main');
  const sidebar = document.getElementById('sidebar');
  const shell = document.getElementById('shell');
  if (!session) {
    sidebar.hidden = true;
    shell.classList.add('no-sidebar');
    document.title = 'Sign in · SyncEngine';
    renderLogin(main, async (s) => {
      session = s;
      const { path } = parseHash();
      if (path === '/login') navigate('#/overview', true); else route();
    });
    return;
  }
  sidebar.hidden = false;
  shell.classList.remove('no-sidebar');
  const { path, query } = parseHash();
  const match = ROUTES.find(([re]) => re.test(path === '/login' ? '/' : path));
  if (!match) {
    clear(main, h('h1', { tabindex: '-1', class: 'page-title' }, 'Not found'),
      h('p', {}, 'There is no page here. ', h('a', { href: '#/overview' }, 'Go to the overview.')));
    focusTitle(main);
    return;
  }
  const [re, render, nav, title] = match;
  const params = (path === '/login' ? '/' : path).match(re).slice(1).map(decodeURIComponent);
  for (const a of document.querySelectorAll('#nav a')) {
    if (a.dataset.route === nav) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  if (title) document.title = `${title} · SyncEngine`;
  const ctx = { params, query, navigate, isCurrent: () => seq === renderSeq };
  clear(main, h('p', { class: 'muted loading' }, 'Loading…'));
  try {
    const c = await render(main, ctx);
    if (seq !== renderSeq) {
      if (typeof c === 'function') c();
      return;
    }
    cleanup = c;
  } catch (e) {
    if (seq !== renderSeq || e.code === 'unauthenticated') return;
    clear(main, h('h1', { tabindex: '-1', class: 'page-title' }, 'Something went wrong'),
      h('div', { class: 'callout callout-bad', role: 'alert' }, e.message || String(e)));
  }
  if (interactions === interactionsBefore) focusTitle(main);
}

function focusTitle(main) {
  // Move focus to the page heading so keyboard and screen-reader users land on the new page.
  const t = main.querySelector('.page-title');
  if (t && !main.contains(document.activeElement)) t.focus({ preventScroll: true });
  else if (t && document.activeElement === document.body) t.focus({ preventScroll: true });
}

setUnauthenticatedHandler(() => {
  if (session) {
    session = null;
    toast('Your session ended. Please sign in again.');
    route();
  }
});

document.getElementById('signout').addEventListener('click', async () => {
  await logout().catch(() => {});
  session = null;
  navigate('#/login', true);
});

window.addEventListener('hashchange', () => route());

(async () => {
  try {
    session = await currentSession();
  } catch (e) {
    session = null;
  }
  route();
})();
