// Path routing under /console/ with history.pushState. Links are real <a href>s: a click on a
// same-origin link under /console/ (no modifier key, no target, no download) is routed here
// instead of loading the page again; anything else behaves as the browser does.

export const BASE = '/console/';

let routes = [];
let renderRoute;

// render(page, params, query) draws the page module whose path ('groups/:id') matches.
export function startRouter(pages, render) {
  routes = pages.map((page) => ({ segments: page.path.split('/'), page }));
  renderRoute = render;
  window.addEventListener('popstate', show);
  document.addEventListener('click', interceptLinkClick);
  return show();
}

export function currentPath() {
  const path = location.pathname;
  return path.startsWith(BASE) ? path.slice(BASE.length).replace(/\/+$/, '') : '';
}

// itemHref('groups', id) → /console/groups/<id, URL-encoded>.
export function itemHref(page, id) {
  return href(`${page}/${encodeURIComponent(id)}`);
}

// `url` with the query's values that are not null, undefined or ''.
export function withQuery(url, query = {}) {
  const search = String(new URLSearchParams(Object.entries(query).filter(([, value]) => value != null && value !== '')));
  return search ? `${url}?${search}` : url;
}

// href('accounts/3f0c', {page: 2}) → '/console/accounts/3f0c?page=2'.
export const href = (path, query) => withQuery(BASE + path, query);

const go = (url, replace) => history[replace ? 'replaceState' : 'pushState'](null, '', url);

export function navigate(url, { replace = false } = {}) {
  go(url, replace);
  return show();
}

// Changes the query of the current page without drawing it again (the page updates itself):
// reload and Back still find the same state, because Back draws the page from the URL.
export function setQuery(query, { replace = false } = {}) {
  const url = href(currentPath(), query);
  if (url !== currentLocation()) go(url, replace);
}

export function currentLocation() {
  return location.pathname + location.search;
}

// Accepts only a console location as a place to go back to after sign-in (no open redirect).
export function safeLocation(next) {
  return typeof next === 'string' && next.startsWith(BASE) && !next.startsWith(`${BASE}sign-in`) ? next : BASE;
}

function show() {
  const parts = (currentPath() || 'accounts').split('/'); // /console/ shows the Managed accounts page
  for (const { segments, page } of routes) {
    const params = {};
    try {
      if (segments.length === parts.length && segments.every((segment, i) => (segment.startsWith(':')
        ? (params[segment.slice(1)] = decodeURIComponent(parts[i])) : segment === parts[i]))) {
        return renderRoute(page, params, new URLSearchParams(location.search));
      }
    } catch {
      // a malformed %-escape in the address: no page
    }
  }
  return renderRoute(null, {}, new URLSearchParams(location.search));
}

function interceptLinkClick(event) {
  if (event.defaultPrevented || event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest?.('a[href]');
  if (!link || link.hasAttribute('download') || (link.target && link.target !== '_self')) return;
  const url = new URL(link.href);
  if (url.origin !== location.origin || !url.pathname.startsWith(BASE)) return;
  // In-page anchors (the skip link) keep the browser's behaviour.
  if (url.hash && url.pathname + url.search === currentLocation()) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}
