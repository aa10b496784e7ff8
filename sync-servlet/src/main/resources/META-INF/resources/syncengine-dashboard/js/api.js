// The admin API client: same-origin fetch with the session cookie, the CSRF header on every
// mutation, and the API's error shape turned into ApiError.

const ROOT = new URL('../', import.meta.url); // the dashboard's base, e.g. /sync/
const API = new URL('admin/api/', ROOT);
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken = null;
let onUnauthenticated = () => {};

export class ApiError extends Error {
  constructor(status, code, message, details = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function setUnauthenticatedHandler(fn) {
  onUnauthenticated = fn;
}

export function baseUrl() {
  return ROOT;
}

function qs(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== '') q.set(k, v);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

async function request(method, path, { body, query, url } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (MUTATING.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const target = url || new URL(path.replace(/^\//, '') + qs(query), API);
  let res;
  try {
    res = await fetch(target, {
      method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'network_error', 'The server could not be reached');
  }
  if (res.status === 204) return null;
  let data = null;
  const text = await res.text();
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!res.ok && !(url && data)) {
    const err = data && data.error ? data.error : {};
    const e = new ApiError(res.status, err.code || `http_${res.status}`, err.message || res.statusText, err.details || []);
    if (res.status === 401 && e.code === 'unauthenticated') {
      csrfToken = null;
      onUnauthenticated();
    }
    if (res.status === 429) e.retryAfter = Number(res.headers.get('Retry-After')) || null;
    throw e;
  }
  return data;
}

export const api = {
  get: (path, query) => request('GET', path, { query }),
  post: (path, body = {}) => request('POST', path, { body }),
  put: (path, body) => request('PUT', path, { body }),
  patch: (path, body) => request('PATCH', path, { body }),
  del: (path) => request('DELETE', path),
  /** GET {base}/health/ready: answers 503 with a body when a check is down. */
  readiness: () => request('GET', '', { url: new URL('health/ready', ROOT) }),
};

export async function currentSession() {
  try {
    const s = await api.get('session');
    csrfToken = s.csrfToken;
    return s;
  } catch (e) {
    if (e.status === 401) return null;
    throw e;
  }
}

export async function login(password) {
  const s = await request('POST', 'session', { body: { password } });
  csrfToken = s.csrfToken;
  return s;
}

export async function logout() {
  try { await api.del('session'); } finally { csrfToken = null; }
}

export const enc = encodeURIComponent;
