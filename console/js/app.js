// The console's entry point: finds the session, draws the layout (header with the organization,
// navigation, sign-out, <main>) and routes every path under /console/ to its page module.

import { h, replace } from './dom.js';
import { loadSession, currentSession, signOut } from './api.js';
import { startRouter, navigate, href, currentLocation, currentPath, safeLocation, BASE } from './router.js';
import { pageHeader, errorBox, setFlash, emptyState } from './ui.js';
import * as pages from './pages/index.js';

// Every page of the console, in the order the navigation shows them.
const navigation = [
  { heading: 'Directory', items: [
    { nav: 'accounts', label: 'Managed accounts' },
    { nav: 'users', label: 'Users' },
    { nav: 'groups', label: 'Groups' },
  ] },
  { heading: 'Identity', items: [
    { nav: 'domains', label: 'Domains' },
    { nav: 'directories', label: 'Directories' },
  ] },
  { heading: 'Activity', items: [
    { nav: 'journal', label: 'Journal' },
  ] },
];

const root = document.getElementById('app');
let sessionChecked = false;
let layout = null; // {main, links, nav, toggle} while the signed-in layout is shown
let controller = null;

function buildLayout(session) {
  const links = new Map();
  const toggle = h('button', {
    type: 'button', class: 'nav-toggle', 'aria-expanded': 'false', 'aria-controls': 'console-nav',
    onclick: () => setMenuOpen(toggle.getAttribute('aria-expanded') !== 'true'),
  }, h('span', { class: 'nav-toggle-icon', 'aria-hidden': 'true' }), 'Menu');
  const nav = h('nav', { id: 'console-nav', class: 'sidenav', 'aria-label': 'Console' },
    navigation.map((group) => h('div', { class: 'sidenav-group' },
      h('p', { class: 'sidenav-heading' }, group.heading),
      h('ul', { class: 'sidenav-list' }, group.items.map((item) => {
        const link = h('a', { href: href(item.nav), class: 'sidenav-link' }, item.label);
        links.set(item.nav, link);
        return h('li', {}, link);
      })))));
  const main = h('main', { id: 'main', class: 'main', tabindex: '-1' });
  const signOutButton = h('button', { type: 'button', class: 'button button-quiet button-small', onclick: onSignOut }, 'Sign out');
  replace(root,
    h('header', { class: 'topbar' },
      toggle,
      h('a', { class: 'brand', href: BASE }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 's'), 'scimd'),
      h('p', { class: 'topbar-org' },
        h('span', { class: 'topbar-org-label' }, 'Organization '),
        h('span', { class: 'topbar-org-id', title: session.organizationId }, session.organizationId)),
      h('div', { class: 'topbar-end' },
        h('p', { class: 'topbar-token' }, 'Token ', h('span', { class: 'topbar-token-label' }, session.tokenLabel)),
        signOutButton)),
    h('div', { class: 'layout' }, nav, main),
    liveRegions());
  layout = { main, links, nav, toggle };
}

function liveRegions() {
  return [
    h('div', { id: 'status-region', class: 'visually-hidden', role: 'status', 'aria-live': 'polite' }),
    h('div', { id: 'toast', class: 'toast', hidden: true, 'aria-hidden': 'true' }),
  ];
}

function setMenuOpen(open) {
  if (!layout) return;
  layout.toggle.setAttribute('aria-expanded', String(open));
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

  if (!sessionChecked) {
    try {
      await loadSession();
    } catch (error) {
      replace(root, h('main', { id: 'main', class: 'main main-alone' }, errorBox(error, { title: 'The console could not start' })));
      return;
    }
    sessionChecked = true;
    if (signal.aborted) return;
  }
  const session = currentSession();

  if (page?.public) {
    if (session && page.path === 'sign-in') {
      navigate(safeLocation(query.get('next')), { replace: true });
      return;
    }
    layout = null;
    const main = h('main', { id: 'main', class: 'main main-alone', tabindex: '-1' });
    replace(root, main, liveRegions());
    await draw(page, main, params, query, signal, session);
    return;
  }
  if (!session) {
    navigate(href('sign-in', { next: currentLocation() }), { replace: true });
    return;
  }
  if (!layout) buildLayout(session);
  setMenuOpen(false);
  const current = page ? (page.nav ?? page.path.split('/')[0]) : null;
  for (const [nav, link] of layout.links) {
    if (nav === current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  await draw(page ?? notFound, layout.main, params, query, signal, session);
}

async function draw(page, main, params, query, signal, session) {
  const view = h('div', { class: 'view' });
  replace(main, view);
  document.title = `${page.title} · scimd console`;
  try {
    const done = page.render(view, params, query, { signal, session });
    focusTitle(view);
    await done;
  } catch (error) {
    if (error?.name === 'AbortError' || error?.signedOut || signal.aborted) return;
    view.append(errorBox(error, { title: 'This page could not be shown' }));
  }
}

// After navigation the new page's <h1> takes the focus, so keyboard and screen-reader users start
// at the top of the new content.
let firstDraw = true;
function focusTitle(view) {
  const title = view.querySelector('[data-page-title]');
  if (title && !firstDraw) title.focus({ preventScroll: false });
  firstDraw = false;
}

const notFound = {
  title: 'Page not found',
  render(main) {
    main.append(pageHeader('Page not found'),
      emptyState(`There is no console page at /console/${currentPath()}.`, null,
        h('a', { href: BASE, class: 'button button-secondary' }, 'Go to Managed accounts')));
  },
};

const table = Object.values(pages).map((page) => ({ pattern: page.path, page }));
startRouter(table, render);
