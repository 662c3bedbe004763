// The console's entry point: finds the session, draws the layout and routes to the pages.

import { loadSession, currentSession, signOut, setPageSignal } from './api.js';
import { startRouter, navigate, href, currentLocation, currentPath, safeLocation, BASE } from './router.js';
import { h, replace, pageHeader, errorBox, setFlash, emptyState, button, isQuiet } from './ui.js';
import * as pages from './pages/index.js';

const navigation = {
  Directory: { accounts: 'Managed accounts', users: 'Users', groups: 'Groups' },
  Identity: { domains: 'Domains', directories: 'Directories' },
  Activity: { journal: 'Journal' },
};

const root = document.getElementById('app');
let sessionChecked = false;
let layout = null; // {main, nav, toggle} while the signed-in layout is shown
let controller = null;

function buildLayout(session) {
  const toggle = h('button.nav-toggle', {
    type: 'button', 'aria-expanded': 'false', 'aria-controls': 'console-nav',
    onclick: () => setMenuOpen(toggle.getAttribute('aria-expanded') !== 'true'),
  }, h('span.nav-toggle-icon', { 'aria-hidden': 'true' }), 'Menu');
  const nav = h('nav.sidenav', { id: 'console-nav', 'aria-label': 'Console' },
    Object.entries(navigation).map(([heading, items]) => h('div.sidenav-group',
      h('p.sidenav-heading', heading),
      h('ul.sidenav-list', Object.entries(items).map(([nav, label]) =>
        h('li', h('a.sidenav-link', { href: href(nav) }, label)))))));
  const main = h('main.main', { id: 'main', tabindex: '-1' });
  replace(root,
    h('header.topbar',
      toggle,
      h('a.brand', { href: BASE }, h('span.brand-mark', { 'aria-hidden': 'true' }, 's'), 'scimd'),
      h('p.topbar-org',
        'Organization ',
        h('span.topbar-org-id', { title: session.organizationId }, session.organizationName)),
      h('div.topbar-end',
        h('p.topbar-token', 'Token ', h('span.topbar-token-label', session.tokenLabel)),
        button('Sign out', { kind: 'quiet', small: true, onclick: onSignOut }))),
    h('div.layout', nav, main),
    liveRegions());
  layout = { main, nav, toggle };
}

function liveRegions() {
  return [
    h('div.visually-hidden', { id: 'status-region', role: 'status', 'aria-live': 'polite' }),
    h('div.toast', { id: 'toast', hidden: true, 'aria-hidden': 'true' }),
  ];
}

function setMenuOpen(open) {
  layout.toggle.setAttribute('aria-expanded', open);
  layout.nav.classList.toggle('open', open);
}

async function onSignOut() {
  try {
    await signOut();
    setFlash('You have signed out.');
  } catch (error) {
    setFlash(`Signing out did not complete: ${error.detail ?? error.message}`);
  }
  layout = null;
  navigate(href('sign-in'), { replace: true });
}

async function render(page, params, query) {
  controller?.abort();
  controller = new AbortController();
  const { signal } = controller;
  setPageSignal(signal);

  if (!sessionChecked) {
    try {
      await loadSession();
    } catch (error) {
      replace(root, h('main.main.main-alone', { id: 'main' }, errorBox(error, 'The console could not start')));
      return;
    }
    sessionChecked = true;
    if (signal.aborted) return;
  }
  const session = currentSession();
  let main;
  if (page?.public) {
    if (session) return navigate(safeLocation(query.get('next')), { replace: true });
    layout = null;
    main = h('main.main.main-alone', { id: 'main', tabindex: '-1' });
    replace(root, main, liveRegions());
  } else {
    if (!session) return navigate(href('sign-in', { next: currentLocation() }), { replace: true });
    if (!layout) buildLayout(session);
    setMenuOpen(false);
    const current = BASE + (page?.nav ?? page?.path);
    for (const link of layout.nav.querySelectorAll('a')) {
      link.setAttribute('aria-current', link.pathname === current ? 'page' : 'false');
    }
    main = layout.main;
  }
  page ??= notFound;
  const view = h('div.view');
  replace(main, view);
  document.title = `${page.title} · scimd console`;
  try {
    const done = page.render(view, params, query);
    // After navigation the new page's <h1> takes the focus, so keyboard and screen-reader users
    // start at the top of the new content.
    if (!firstDraw) view.querySelector('[data-page-title]')?.focus();
    firstDraw = false;
    await done;
  } catch (error) {
    if (!isQuiet(error) && !signal.aborted) view.append(errorBox(error, 'This page could not be shown'));
  }
}
let firstDraw = true;

const notFound = {
  title: 'Page not found',
  render(main) {
    main.append(pageHeader('Page not found'),
      emptyState(`There is no console page at /console/${currentPath()}.`, null,
        h('a.button.button-secondary', { href: BASE }, 'Go to Managed accounts')));
  },
};

startRouter(Object.values(pages), render);
