// The admin API (docs/admin-api.md) and the console session (docs/console.md).
// The session cookie is HttpOnly: this module never sees it. The CSRF token the session answers is
// kept in this module's memory only (no storage, no URL) and fetched again on each page load; it
// goes with every request that is not GET or HEAD as X-CSRF-Token.

import { navigate, currentLocation, href } from './router.js';

let session = null; // {organizationId, tokenLabel, expires, csrfToken}

export class ApiError extends Error {
  constructor(status, body) {
    const detail = typeof body?.detail === 'string' && body.detail ? body.detail : `The server answered ${status}.`;
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.error = typeof body?.error === 'string' ? body.error : null;
    this.detail = detail;
    this.body = body;
  }
}

export function currentSession() {
  return session;
}

// The session of the cookie, or null when there is none (401).
export async function loadSession() {
  const response = await send('GET', '/console/session');
  if (response.status === 401) {
    session = null;
    return null;
  }
  session = await read(response);
  return session;
}

// Exchanges an admin token for a session cookie; the caller clears the field.
export async function signIn(token) {
  const response = await send('POST', '/console/session', { body: { token } });
  session = await read(response);
  return session;
}

export async function signOut() {
  if (!session) return;
  const response = await send('DELETE', '/console/session');
  session = null;
  if (response.status !== 401) await read(response);
}

// A path with every interpolated value URL-encoded: apiPath`/groups/${id}/members`.
export function apiPath(strings, ...values) {
  return strings.reduce((path, text, index) => path + encodeURIComponent(values[index - 1]) + text);
}

// The absolute URL of an organization path: orgPath('/exports/managed-accounts').
export function orgPath(path, query) {
  if (!session) throw new Error('not signed in');
  const url = `/admin/organizations/${encodeURIComponent(session.organizationId)}${path}`;
  const search = toSearch(query);
  return search ? `${url}?${search}` : url;
}

// api('GET', '/managed-accounts', {query: {filter, startIndex: 1}})
// api('PATCH', '/accounts/3f0c…', {body: {jobTitle: 'CTO'}})
// Answers the parsed JSON (null for 204), throws ApiError; a 401 sends the user to sign-in.
export async function api(method, path, { body, query, signal } = {}) {
  const response = await send(method, orgPath(path, query), { body, signal });
  if (response.status === 401) {
    session = null;
    const next = currentLocation();
    const error = new ApiError(401, await json(response));
    error.signedOut = true; // the page is gone: callers show nothing more
    navigate(href('sign-in', { next }), { replace: true });
    throw error;
  }
  return read(response);
}

function toSearch(query) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === null || value === undefined || value === '') continue;
    for (const one of [value].flat()) search.append(name, String(one));
  }
  return search.toString();
}

async function send(method, url, { body, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && session?.csrfToken) headers['X-CSRF-Token'] = session.csrfToken;
  try {
    return await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiError(0, { detail: 'The server could not be reached. Check the connection and try again.' });
  }
}

async function read(response) {
  if (response.status === 204) return null;
  const body = await json(response);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

async function json(response) {
  const type = response.headers.get('Content-Type') ?? '';
  if (!type.includes('json')) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}
