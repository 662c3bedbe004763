// The admin API (docs/admin-api.md) and the console session (docs/console.md).
// The session cookie is HttpOnly: this module never sees it. The CSRF token the session answers is
// kept in this module's memory only (no storage, no URL) and fetched again on each page load; it
// goes with every request that is not GET or HEAD as X-CSRF-Token.

import { navigate, currentLocation, href, withQuery } from './router.js';

let session = null; // {organizationId, organizationName, tokenLabel, expires, csrfToken}

// The AbortSignal of the page drawn (app.js): api() GETs stop with it when the user goes elsewhere.
let pageSignal;
export const setPageSignal = (signal) => { pageSignal = signal; };

// An error with the `status`, `error` and `detail` of the server's refusal (docs/admin-api.md).
function apiError(status, body) {
  const detail = typeof body?.detail === 'string' && body.detail ? body.detail : `The server answered ${status}.`;
  return Object.assign(new Error(detail), { name: 'ApiError', status, error: body?.error, detail });
}

export function currentSession() {
  return session;
}

export async function loadSession() {
  const response = await send('GET', '/console/session');
  session = response.status === 401 ? null : await read(response);
  return session;
}

// Exchanges an admin token for a session cookie; the caller clears the field.
export async function signIn(token) {
  session = await read(await send('POST', '/console/session', { body: { token } }));
}

export async function signOut() {
  if (!session) return;
  const response = await send('DELETE', '/console/session');
  session = null;
  if (response.status !== 401) await read(response);
}

// apiPath`/groups/${id}/members`: every interpolated value URL-encoded.
export function apiPath(strings, ...values) {
  return strings.reduce((path, text, index) => path + encodeURIComponent(values[index - 1]) + text);
}

// The URL of an organization's path: orgPath('/exports/managed-accounts').
export function orgPath(path, query) {
  return withQuery(apiPath`/admin/organizations/${session.organizationId}` + path, query);
}

// api('PATCH', '/accounts/3f0c…', {body, query, signal}): the parsed JSON (null for 204), or
// throws the refusal (apiError); a 401 sends the user to sign-in.
export async function api(method, path, { body, query, signal = method === 'GET' ? pageSignal : undefined } = {}) {
  const response = await send(method, orgPath(path, query), { body, signal });
  if (response.status === 401) {
    session = null;
    const next = currentLocation();
    const error = apiError(401, await json(response));
    error.signedOut = true; // the page is gone: callers show nothing more
    navigate(href('sign-in', { next }), { replace: true });
    throw error;
  }
  return read(response);
}

async function send(method, url, { body, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && session?.csrfToken) headers['X-CSRF-Token'] = session.csrfToken;
  try {
    return await fetch(url, { method, headers, body: JSON.stringify(body), cache: 'no-store', signal });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw apiError(0, { detail: 'The server could not be reached. Check the connection and try again.' });
  }
}

async function read(response) {
  if (response.status === 204) return null;
  const body = await json(response);
  if (!response.ok) throw apiError(response.status, body);
  return body;
}

function json(response) {
  return response.headers.get('Content-Type')?.includes('json') ? response.json().catch(() => null) : null;
}
