import { login } from '../api.js';
import { clear, h } from '../ui.js';

export function renderLogin(main, onSignedIn) {
  const pw = h('input', { type: 'password', id: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const err = h('div', { class: 'err', id: 'login-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', id: 'login-submit' }, 'Sign in');
  const form = h('form', { class: 'card login-card', novalidate: true, 'aria-labelledby': 'login-title' },
    h('div', { class: 'brand' },
      h('svg:svg', { class: 'brand-mark', viewBox: '0 0 24 24', 'aria-hidden': 'true' },
        h('svg:path', { d: 'M4 12a8 8 0 0 1 13.7-5.6L20 4v6h-6l2.3-2.3A5.5 5.5 0 0 0 6.5 12z' }),
        h('svg:path', { d: 'M20 12a8 8 0 0 1-13.7 5.6L4 20v-6h6l-2.3 2.3A5.5 5.5 0 0 0 17.5 12z' })),
      h('span', {}, 'SyncEngine')),
    h('h1', { id: 'login-title', class: 'page-title', tabindex: '-1' }, 'Sign in'),
    h('p', { class: 'muted' }, 'Enter the admin password to manage your SmartSuite → Webflow sync.'),
    h('div', { class: 'field' }, h('label', { for: 'password' }, 'Admin password'), pw, err),
    submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    err.textContent = '';
    pw.removeAttribute('aria-invalid');
    if (!pw.value) {
      err.textContent = 'Enter the password.';
      pw.setAttribute('aria-invalid', 'true');
      pw.focus();
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    try {
      const s = await login(pw.value);
      onSignedIn(s);
    } catch (e) {
      err.textContent = e.code === 'too_many_attempts'
        ? `Too many attempts. Try again in ${e.retryAfter ? `${e.retryAfter} seconds` : 'a few minutes'}.`
        : e.code === 'invalid_credentials' ? 'That password is not right.' : e.message;
      pw.setAttribute('aria-invalid', 'true');
      pw.select();
      pw.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Sign in';
    }
  });
  clear(main, h('div', { class: 'login-wrap' }, form));
  pw.focus();
}
