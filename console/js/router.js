// Path routing under /console/ with history.pushState. Links are real <a href>s: a click on a
// same-origin link under /console/ (no modifier key, no target, no download) is routed here
// instead of loading the page again; anything else behaves as the browser does.

export const BASE = '/console/';

let routes = [];
let renderRoute = () => {};

// `table`: [{pattern: 'groups/:id', page}], `render(page, params, query)` draws one.
export function startRouter(table, render) {
  routes = table.map(({ pattern, page }) => ({ segments: pattern.split('/').filter(Boolean), page }));
  renderRoute = render;
  window.addEventListener('popstate', () => show());
  document.addEventListener('click', interceptLinkClick);
  return show();
}

// The path under /console/ ('accounts/3f0c…'), without query.
export function currentPath() {
  const path = window.location.pathname;
  return path.startsWith(BASE) ? path.slice(BASE.length).replace(/\/+$/, '') : '';
}

export function currentQuery() {
  return new URLSearchParams(window.location.search);
}

// The page of one item: itemHref('groups', id) → /console/groups/<id, URL-encoded>.
export function itemHref(page, id) {
  return href(`${page}/${encodeURIComponent(id)}`);
}

// The href of a console path: href('accounts/3f0c', {page: 2}) → '/console/accounts/3f0c?page=2'.
// Query values that are null, undefined or '' are left out.
export function href(path, query = {}) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return BASE + String(path).replace(/^\/+/, '') + (text ? `?${text}` : '');
}

// Goes to a console location ('/console/users' or 'users?status=active') and draws it.
export function navigate(location, { replace = false } = {}) {
  const url = location.startsWith('/') ? location : BASE + location;
  window.history[replace ? 'replaceState' : 'pushState'](null, '', url);
  return show();
}

// Changes the query of the current page without drawing it again (the page updates itself):
// reload and Back still find the same state, because Back draws the page from the URL.
export function setQuery(query, { replace = false } = {}) {
  const url = href(currentPath(), query);
  if (url === window.location.pathname + window.location.search) return;
  window.history[replace ? 'replaceState' : 'pushState'](null, '', url);
}

// Where the user is: what sign-in goes back to ('/console/accounts?page=2').
export function currentLocation() {
  return window.location.pathname + window.location.search;
}

// Accepts only a console location as a place to go back to after sign-in (no open redirect).
export function safeLocation(location) {
  return typeof location === 'string' && location.startsWith(BASE) && !location.startsWith('//') &&
    !location.startsWith(`${BASE}sign-in`) ? location : BASE;
}

function match(path) {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  for (const { segments, page } of routes) {
    if (segments.length !== parts.length) continue;
    const params = {};
    const fits = segments.every((segment, i) => {
      if (segment.startsWith(':')) {
        params[segment.slice(1)] = parts[i];
        return true;
      }
      return segment === parts[i];
    });
    if (fits) return { page, params };
  }
  return null;
}

function show() {
  const path = currentPath() || 'accounts'; // /console/ shows the Managed accounts page
  let found = null;
  try {
    found = match(path);
  } catch {
    found = null; // a malformed %-escape in the address
  }
  return renderRoute(found?.page ?? null, found?.params ?? {}, currentQuery());
}

function interceptLinkClick(event) {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
  if (!link || link.hasAttribute('download') || (link.target && link.target !== '_self')) return;
  const url = new URL(link.href, window.location.href);
  if (url.origin !== window.location.origin || !url.pathname.startsWith(BASE)) return;
  // In-page anchors (the skip link) keep the browser's behaviour.
  if (url.hash && url.pathname === window.location.pathname && url.search === window.location.search) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}
