// The console's building blocks, built with h() and styled by classes in console.css. The pages
// and parts take h() and replace() from here too, with the blocks.

import { h, replace, uid } from './dom.js';
import { itemHref } from './router.js';

export { h, replace };

const numberFormat = new Intl.NumberFormat('en-US');
const day = { year: 'numeric', month: 'short', day: 'numeric' };
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { ...day, hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
const dateFormat = new Intl.DateTimeFormat('en-GB', day);

export const muted = (text) => h('span.muted', text);

const orDash = (value) => (value == null || value === '' || value === false ? muted('—') : value);

export function formatNumber(value) {
  return typeof value === 'number' ? numberFormat.format(value) : '—';
}

// A <time> in the reader's time zone, the exact RFC 3339 value in its tooltip.
export function formatTime(value, format = dateTimeFormat) {
  if (!value) return muted('—');
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return h('time', { datetime: value, title: value }, format.format(date));
}
export const formatDate = (value) => formatTime(value, dateFormat);

// Sets the document title and builds the page's <h1> (focused after navigation, so screen readers
// announce the new page).
export function pageHeader(title, { description, actions, back, meta } = {}) {
  document.title = `${title} · scimd console`;
  return h('header.page-header',
    back && h('p.page-back', h('a', { href: back.href }, '← ', back.label)),
    h('div.page-header-row',
      h('h1.page-title', { tabindex: '-1', 'data-page-title': true }, title),
      actions && h('div.page-actions', actions),
      meta && h('div.page-meta', meta),
      description && h('p.page-description', description)));
}

// A <section> labelled by its <h2> (`heading`: more attributes).
export function section(title, { actions, description, className = '', heading } = {}, ...children) {
  const id = uid('section');
  return h(`section.panel.${className}`, { 'aria-labelledby': id },
    h('div.panel-header',
      h('h2.panel-title', { id, ...heading }, title),
      actions && h('div.panel-actions', actions)),
    description && h('p.panel-description', description),
    children);
}

export function loading() {
  return h('p.loading', { role: 'status' }, h('span.spinner', { 'aria-hidden': 'true' }), 'Loading…');
}

export function emptyState(title, text, action) {
  return h('div.empty-state',
    h('p.empty-title', title),
    text && h('p.empty-text', text),
    action);
}

export function notice(text, title, tone = 'info', role) {
  return h(`div.alert.alert-${tone}`, { role },
    title && h('p.alert-title', title),
    h('p.alert-detail', text));
}

// The server's words for what went wrong (the error's detail), in an alert.
export function errorBox(error, title = 'That did not work') {
  return notice(error?.detail ?? error?.message ?? String(error), title, 'error', 'alert');
}

// Tells screen readers what an action did (the polite live region); `toast` also shows it.
let toastTimer = 0;
export function announce(message, toast = true) {
  const region = document.getElementById('status-region');
  if (!region) return;
  region.textContent = '';
  // A fresh text node after a tick so that the same message twice is announced twice.
  setTimeout(() => { region.textContent = message; }, 50);
  const element = document.getElementById('toast');
  if (!toast || !element) return;
  element.textContent = message;
  element.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { element.hidden = true; }, 4000);
}

// A modal <dialog> of content(its <h2>); on close it goes, the focus returns, onClose(returnValue).
export function modal(title, attributes, content, onClose) {
  const returnFocus = document.activeElement;
  const id = uid('dialog');
  const dialog = h('dialog.dialog', { 'aria-labelledby': id, ...attributes },
    content(h('h2.dialog-title', { id }, title)));
  dialog.addEventListener('close', () => {
    dialog.remove();
    returnFocus?.focus();
    onClose(dialog.returnValue);
  });
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

// A dialog that says what will happen. Resolves true on confirm, false on cancel or Escape.
export function confirmDialog({ title, body, confirmLabel = 'Confirm', cancelLabel = 'Cancel', danger = false }) {
  return new Promise((resolve) => {
    const bodyId = uid('dialog-body');
    const dialog = modal(title, { 'aria-describedby': bodyId }, (heading) => h('form.dialog-form', { method: 'dialog' },
      heading,
      h('div.dialog-body', { id: bodyId }, body.map((part) => h('p', part))),
      h('div.dialog-actions',
        button(cancelLabel, { type: 'submit', value: 'cancel' }),
        button(confirmLabel, { type: 'submit', kind: danger ? 'danger' : 'primary', value: 'confirm' }))),
    (value) => resolve(value === 'confirm'));
    dialog.querySelector('button[value="cancel"]').focus();
  });
}

// columns: [{label, key | render(row), sortKey?, className?}], the first heading its row; sort:
// {by, order}; onSort(sortKey, order). At phone width each row is a card, its cells labelled.
export function dataTable({ caption, columns, rows, sort, onSort, empty }) {
  if (!rows.length && empty) return empty;
  const head = columns.map(({ label, sortKey, className }) => {
    const sortable = sortKey && onSort;
    const sorted = sortable && sort.by === sortKey;
    return h('th', {
      scope: 'col', 'aria-sort': sortable && (sorted ? sort.order : 'none'), 'data-sort-key': sortKey, class: className,
    },
      sortable ? h('button.sort-button', {
        type: 'button',
        onclick: () => onSort(sortKey, sorted && sort.order === 'ascending' ? 'descending' : 'ascending'),
      }, label, h(`span.sort-indicator.${sorted ? sort.order : ''}`, { 'aria-hidden': 'true' })) : label);
  });
  const body = rows.map((row) => h('tr', columns.map((column, index) =>
    h(index ? 'td' : 'th', { scope: index ? null : 'row', class: column.className, 'data-label': column.label },
      orDash(column.render ? column.render(row) : row[column.key])))));
  return h('div.table-wrap', { tabindex: '-1' },
    h('table.table',
      h('caption.visually-hidden', caption),
      h('thead', h('tr', head)),
      h('tbody', body)));
}

// The column of a row's buttons: right-aligned, and a card's last line at phone width.
export const actionsColumn = (render) => ({ label: 'Actions', className: 'actions', render });

// The query of one page of a list: {startIndex, count} (RFC 7644 §3.4.2.4); 50 a page unless said.
export function pageQuery(page, size = 50) {
  return { startIndex: (page - 1) * size + 1, count: size };
}

// "1–100 of 300,000" with Previous / Next; onPage(pageNumber). None for an empty first page.
export function pageNav({ page, size = 50, answer, label, onPage }) {
  const total = answer.totalResults ?? 0;
  if (!total && page <= 1) return null;
  const last = Math.min(page * size, total);
  return h('nav.pager', { 'aria-label': label },
    h('p.pager-range', total
      ? `${formatNumber((page - 1) * size + 1)}–${formatNumber(last)} of ${formatNumber(total)}` : 'No results'),
    h('div.pager-buttons',
      button('Previous', { small: true, disabled: page <= 1, onclick: () => onPage(page - 1) }),
      button('Next', { small: true, disabled: last >= total, onclick: () => onPage(page + 1) })));
}

export function pageNumber(query) {
  return Math.max(1, Number.parseInt(query.get('page'), 10) || 1);
}

export function button(label, { kind = 'secondary', type = 'button', small = false, ...rest } = {}) {
  return h('button', { type, class: `button button-${kind}${small ? ' button-small' : ''}`, ...rest }, label);
}

// A button whose action is asynchronous: disabled and aria-busy while it runs, so it is not sent twice.
export function actionButton(label, action, options) {
  const element = button(label, options);
  element.addEventListener('click', () => busy(element, action));
  return element;
}

async function busy(element, action) {
  if (element.disabled) return;
  element.disabled = true;
  element.setAttribute('aria-busy', 'true');
  try {
    await action();
  } finally {
    element.disabled = false;
    element.removeAttribute('aria-busy');
  }
}

export function copyButton(text, label) {
  return actionButton(label, async () => {
    try {
      await navigator.clipboard.writeText(text);
      announce('Copied to the clipboard.');
    } catch {
      announce('Copying was refused by the browser: select the text and copy it.');
    }
  }, { small: true, 'aria-label': `${label}: ${text.length > 40 ? `${text.slice(0, 40)}…` : text}` });
}

export function badge(text, tone = 'neutral', attributes) {
  return h(`span.badge.badge-${tone}`, attributes, text);
}

// A labelled <input>, <select> of options ([[value, label]]) or kind 'textarea', wrapper.control;
// `locked` shows it read-only with the reason.
export function field({ label, name = 'field', options, kind = options ? 'select' : 'input', value = '', hint, locked, ...rest }) {
  const id = uid(name);
  const hintId = (hint || locked) && uid('hint');
  const select = kind === 'select';
  const control = h(kind, {
    id, name, autocomplete: 'off', 'aria-describedby': hintId, readonly: locked && !select, disabled: locked && select,
    class: `control${locked ? ' control-locked' : ''}`, value: select ? null : value ?? '',
    ...rest,
  }, options?.map(([option, text]) => h('option', { value: option, selected: String(option) === String(value) }, text)));
  const wrapper = h('div.field',
    h('label.field-label', { for: id }, label, rest.required && h('span.required', { 'aria-hidden': 'true' }, ' *')),
    control,
    hintId && h('p', { id: hintId, class: locked ? 'field-hint field-locked' : 'field-hint' },
      locked ? [badge('Locked', 'warning'), locked] : hint));
  wrapper.control = control;
  wrapper.text = () => control.value.trim(); // what was typed, without the spaces around it
  return wrapper;
}

// A form running onSubmit(form), its submit button busy meanwhile, a refusal shown above.
export function form({ label, onSubmit, className = 'form-inline', errorTitle }, ...children) {
  const errors = h('div.form-errors');
  const element = h(`form.form.${className}`, { 'aria-label': label }, errors, children);
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    busy(element.querySelector('button[type="submit"]'), () => attempt(errors, () => onSubmit(element), errorTitle));
  });
  return element;
}

export function details(pairs) {
  return h('dl.details', pairs.filter(Boolean).map(([term, value]) =>
    h('div.details-row', h('dt', term), h('dd', orDash(value)))));
}

// A load abandoned by navigation, or a 401 (api.js has gone to sign-in): nothing to show.
export function isQuiet(error) {
  return error?.name === 'AbortError' || error?.signedOut;
}

// Draws draw(await loader()) into `container`, or the error box. A reload keeps what it shows,
// marked busy, until the new answer replaces it (an older answer arriving late is dropped).
export async function load(container, loader, draw, title = 'Could not load this') {
  const mine = {};
  container.loadRun = mine;
  if (!container.firstChild) replace(container, loading());
  container.setAttribute('aria-busy', 'true');
  try {
    const result = await loader();
    if (container.loadRun === mine) replace(container, draw(result));
  } catch (error) {
    if (!isQuiet(error) && container.loadRun === mine) replace(container, errorBox(error, title));
  } finally {
    if (container.loadRun === mine) container.removeAttribute('aria-busy');
  }
}

// Runs an action, its refusal in `slot`. True when it succeeded.
export async function attempt(slot, action, title) {
  replace(slot);
  try {
    await action();
    return true;
  } catch (error) {
    if (!isQuiet(error)) replace(slot, errorBox(error, title));
    return false;
  }
}

// A button that asks `confirm` (confirmDialog's options), then runs `action`, its refusal in `slot`.
export function confirmButton(label, confirm, slot, action, options) {
  return actionButton(label, async () => {
    if (await confirmDialog({ confirmLabel: label, ...confirm })) await attempt(slot, action);
  }, options);
}

export function submitRow(label, ...others) {
  return h('div.form-actions', button(label, { kind: 'primary', type: 'submit' }), others);
}

export function stat(label, value, note, tone = '') {
  return h(`div.stat.${tone}`,
    h('dt.stat-label', label),
    h('dd.stat-value', value),
    note && h('dd.stat-note', note));
}

// A person's name (a link to their account page), their email under it.
export function personCell(id, name, email, ...extra) {
  return h('div.cell-user',
    h('a.cell-primary', { href: itemHref('accounts', id) }, name || email),
    h('span.cell-secondary', email), extra);
}

// A message for the next page drawn (e.g. "You have signed out." on the sign-in page).
let flash = null;
export function setFlash(message) { flash = message; }
export function takeFlash() { const message = flash; flash = null; return message; }
