// The console's building blocks: page heading, loading/empty/error states, the status region,
// the confirmation dialog, tables with sorting and paging, copy buttons and form fields.
// Everything is built with h() (text as text nodes) and styled by classes in console.css.

import { h, append, replace, uid } from './dom.js';
import { itemHref } from './router.js';

const numberFormat = new Intl.NumberFormat('en-US');
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short',
});
const dateFormat = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: 'numeric' });

export function formatNumber(value) {
  return typeof value === 'number' ? numberFormat.format(value) : '—';
}

// A <time> showing an RFC 3339 value in the reader's time zone (the exact value in `datetime` and
// the tooltip), or '—' when there is none.
export function formatTime(value, { dateOnly = false } = {}) {
  if (!value) return h('span', { class: 'muted' }, '—');
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return h('time', { datetime: value, title: value }, (dateOnly ? dateFormat : dateTimeFormat).format(date));
}

// Sets the document title and builds the page's <h1> (focused after navigation, so screen readers
// announce the new page). `actions` go to the right of the heading.
// `meta` (badges, a subtitle) goes under the title, above the actions on a phone.
export function pageHeader(title, { description, actions, back, meta } = {}) {
  document.title = `${title} · scimd console`;
  return h('header', { class: 'page-header' },
    back ? h('p', { class: 'page-back' }, h('a', { href: back.href }, '← ', back.label)) : null,
    h('div', { class: 'page-header-row' },
      h('h1', { class: 'page-title', tabindex: '-1', 'data-page-title': true }, title),
      actions ? h('div', { class: 'page-actions' }, actions) : null,
      meta ? h('div', { class: 'page-meta' }, meta) : null,
      description ? h('p', { class: 'page-description' }, description) : null));
}

// A titled section of a page: <section aria-labelledby> with an <h2> (or the given level).
export function section(title, { level = 2, actions, description, className } = {}, ...children) {
  const id = uid('section');
  return h('section', { class: ['panel', className].filter(Boolean).join(' '), 'aria-labelledby': id },
    h('div', { class: 'panel-header' },
      h(`h${level}`, { id, class: 'panel-title' }, title),
      actions ? h('div', { class: 'panel-actions' }, actions) : null),
    description ? h('p', { class: 'panel-description' }, description) : null,
    children);
}

export function loading(label = 'Loading…') {
  return h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), label);
}

export function emptyState(title, text, action) {
  return h('div', { class: 'empty-state' },
    h('p', { class: 'empty-title' }, title),
    text ? h('p', { class: 'empty-text' }, text) : null,
    action ?? null);
}

// The server's words for what went wrong (ApiError.detail), in an alert.
export function errorBox(error, { title = 'That did not work' } = {}) {
  const detail = error?.detail ?? error?.message ?? String(error);
  return h('div', { class: 'alert alert-error', role: 'alert' },
    h('p', { class: 'alert-title' }, title),
    h('p', { class: 'alert-detail' }, detail));
}

export function notice(text, { tone = 'info', title } = {}) {
  return h('div', { class: `alert alert-${tone}` },
    title ? h('p', { class: 'alert-title' }, title) : null,
    h('p', { class: 'alert-detail' }, text));
}

// The polite live region (in the layout) that tells screen readers what an action did.
// `toast` also shows it briefly on screen (for actions; not for list counts).
export function announce(message, { toast = true } = {}) {
  const region = document.getElementById('status-region');
  if (!region) return;
  region.textContent = '';
  // A fresh text node after a tick so that the same message twice is announced twice.
  window.setTimeout(() => { region.textContent = message; }, 50);
  if (toast) showToast(message);
}

let toastTimer = 0;
function showToast(message) {
  const toast = document.getElementById('toast');
  if (!toast) return;
  toast.textContent = message;
  toast.hidden = false;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(() => { toast.hidden = true; }, 4000);
}

// A modal <dialog> that says what will happen. Resolves true on confirm, false on cancel or Escape;
// focus returns to where it was.
export function confirmDialog({ title, body, confirmLabel = 'Confirm', cancelLabel = 'Cancel', danger = false }) {
  return new Promise((resolve) => {
    const returnFocus = document.activeElement;
    const titleId = uid('dialog-title');
    const bodyId = uid('dialog-body');
    const confirmButton = h('button', { type: 'submit', class: `button ${danger ? 'button-danger' : 'button-primary'}`, value: 'confirm' }, confirmLabel);
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'aria-describedby': bodyId },
      h('form', { method: 'dialog', class: 'dialog-form' },
        h('h2', { id: titleId, class: 'dialog-title' }, title),
        h('div', { id: bodyId, class: 'dialog-body' }, [body].flat().map((part) => (typeof part === 'string' ? h('p', {}, part) : part))),
        h('div', { class: 'dialog-actions' },
          button(cancelLabel, { type: 'submit', value: 'cancel' }),
          confirmButton)));
    dialog.addEventListener('close', () => {
      const confirmed = dialog.returnValue === 'confirm';
      dialog.remove();
      if (returnFocus instanceof HTMLElement && returnFocus.isConnected) returnFocus.focus();
      resolve(confirmed);
    });
    document.body.append(dialog);
    dialog.returnValue = '';
    dialog.showModal();
    dialog.querySelector('button[value="cancel"]').focus();
  });
}

// A table. columns: [{key, label, sortKey?, render(row) → node|string, className?}]; rows: array.
// sort: {by, order} with order 'ascending'|'descending'; onSort(sortKey, order) when a sortable
// heading is pressed. At phone width each row becomes a card, each cell labelled by its column.
export function dataTable({ caption, columns, rows, sort, onSort, empty, captionHidden = true }) {
  if (!rows.length && empty) return empty;
  const head = h('tr', {}, columns.map((column) => {
    const sorted = sort && column.sortKey && sort.by === column.sortKey;
    const ariaSort = column.sortKey && onSort ? (sorted ? sort.order : 'none') : null;
    let content = column.label;
    if (column.sortKey && onSort) {
      const next = sorted && sort.order === 'ascending' ? 'descending' : 'ascending';
      content = h('button', {
        type: 'button', class: 'sort-button',
        onclick: () => onSort(column.sortKey, next),
      }, column.label, h('span', { class: `sort-indicator ${sorted ? sort.order : ''}`, 'aria-hidden': 'true' }));
    }
    return h('th', { scope: 'col', 'aria-sort': ariaSort, 'data-sort-key': column.sortKey, class: column.className }, content);
  }));
  const body = rows.map((row) => h('tr', {}, columns.map((column, index) => {
    const value = column.render ? column.render(row) : row[column.key];
    const cell = index === 0 && column.header !== false ? 'th' : 'td';
    return h(cell, { scope: cell === 'th' ? 'row' : null, class: column.className, 'data-label': column.label },
      value === null || value === undefined || value === '' ? h('span', { class: 'muted' }, '—') : value);
  })));
  return h('div', { class: 'table-wrap', tabindex: '-1' },
    h('table', { class: 'table' },
      caption ? h('caption', { class: captionHidden ? 'visually-hidden' : 'table-caption' }, caption) : null,
      h('thead', {}, head),
      h('tbody', {}, body)));
}

// "1–100 of 300,000" with Previous / Next. onPage(newStartIndex).
export function pager({ startIndex, count, total, onPage, label = 'Pages' }) {
  const first = total === 0 ? 0 : startIndex;
  const last = Math.min(startIndex + count - 1, total);
  const previous = Math.max(1, startIndex - count);
  return h('nav', { class: 'pager', 'aria-label': label },
    h('p', { class: 'pager-range' }, total === 0 ? 'No results' :
      `${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(total)}`),
    h('div', { class: 'pager-buttons' },
      button('Previous', { small: true, disabled: startIndex <= 1, onclick: () => onPage(previous) }),
      button('Next', { small: true, disabled: last >= total, onclick: () => onPage(startIndex + count) })));
}

// The query of one page of a list: {startIndex, count} (RFC 7644 §3.4.2.4).
export function pageQuery(page, size) {
  return { startIndex: (page - 1) * size + 1, count: size };
}

// The pager of a list shown page by page; onPage(pageNumber). None for an empty first page.
export function pageNav({ page, size, answer, label, onPage }) {
  if (!answer.totalResults && page <= 1) return null;
  return pager({
    ...pageQuery(page, size), total: answer.totalResults ?? 0, label,
    onPage: (startIndex) => onPage(Math.floor((startIndex - 1) / size) + 1),
  });
}

export function button(label, { kind = 'secondary', onclick, type = 'button', small = false, ...rest } = {}) {
  return h('button', { type, class: `button button-${kind}${small ? ' button-small' : ''}`, onclick, ...rest }, label);
}

// A button whose action is asynchronous: disabled and aria-busy while it runs, so it is not sent twice.
export function actionButton(label, action, options = {}) {
  const element = button(label, options);
  element.addEventListener('click', async () => {
    if (element.disabled) return;
    element.disabled = true;
    element.setAttribute('aria-busy', 'true');
    try {
      await action();
    } finally {
      element.disabled = false;
      element.removeAttribute('aria-busy');
    }
  });
  return element;
}

export function copyButton(text, label = 'Copy') {
  return actionButton(label, async () => {
    try {
      await navigator.clipboard.writeText(text);
      announce('Copied to the clipboard.');
    } catch {
      announce('Copying was refused by the browser: select the text and copy it.');
    }
  }, { small: true, 'aria-label': `${label}: ${text.length > 40 ? `${text.slice(0, 40)}…` : text}` });
}

export function badge(text, tone = 'neutral', attributes = {}) {
  return h('span', { class: `badge badge-${tone}`, ...attributes }, text);
}

// A labelled form control. kind: 'input' (default), 'select' (options: [{value, label}]),
// 'textarea'. `locked` shows it read-only with the reason beside it. Returns the wrapper; the
// control is wrapper.control.
export function field({ label, name, kind = 'input', type = 'text', value = '', options = [], hint, locked, required = false, ...rest }) {
  const id = uid(name ?? 'field');
  const hintId = hint || locked ? uid('hint') : null;
  const common = {
    id, name, required, 'aria-describedby': hintId, readonly: locked ? true : null,
    class: `control${locked ? ' control-locked' : ''}`, ...rest,
  };
  let control;
  if (kind === 'select') {
    control = h('select', { ...common, disabled: locked ? true : null },
      options.map((option) => h('option', { value: option.value, selected: String(option.value) === String(value) }, option.label)));
  } else if (kind === 'textarea') {
    control = h('textarea', { ...common, value: value ?? '' });
  } else {
    control = h('input', { ...common, type, value: value ?? '' });
  }
  const wrapper = h('div', { class: 'field' },
    h('label', { for: id, class: 'field-label' }, label, required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
    control,
    hintId ? h('p', { id: hintId, class: locked ? 'field-hint field-locked' : 'field-hint' },
      locked ? [badge('Locked', 'warning'), locked] : hint) : null);
  wrapper.control = control;
  return wrapper;
}

// A form whose submit runs `onSubmit(form)`; its error box shows the server's detail and the
// submit button is disabled while it runs.
export function form({ label, onSubmit, className = 'form', errorTitle }, ...children) {
  const errors = h('div', { class: 'form-errors' });
  const element = h('form', { class: className, 'aria-label': label }, errors, children);
  element.addEventListener('submit', async (event) => {
    event.preventDefault();
    const submit = element.querySelector('button[type="submit"]');
    if (submit?.disabled) return;
    replace(errors);
    if (submit) { submit.disabled = true; submit.setAttribute('aria-busy', 'true'); }
    try {
      await onSubmit(element);
    } catch (error) {
      if (error?.signedOut) return;
      replace(errors, errorBox(error, errorTitle ? { title: errorTitle } : undefined));
    } finally {
      if (submit) { submit.disabled = false; submit.removeAttribute('aria-busy'); }
    }
  });
  element.showError = (error) => replace(errors, errorBox(error));
  return element;
}

// A definition list of [term, value] pairs.
export function details(pairs) {
  return h('dl', { class: 'details' }, pairs.filter(Boolean).map(([term, value]) =>
    h('div', { class: 'details-row' }, h('dt', {}, term),
      h('dd', {}, value === null || value === undefined || value === '' ? h('span', { class: 'muted' }, '—') : value))));
}

// A load abandoned by navigation, or a 401 (api.js has gone to sign-in): nothing to show.
export function isQuiet(error) {
  return error?.name === 'AbortError' || error?.signedOut || error?.status === 401;
}

// Runs an async loader into `container`: the loading state, then what `draw(result)` gives, or the
// error box. Returns the loader's result (undefined on error).
export async function load(container, loader, draw, title = 'Could not load this') {
  replace(container, loading());
  try {
    const result = await loader();
    replace(container, draw(result));
    return result;
  } catch (error) {
    if (!isQuiet(error)) replace(container, errorBox(error, { title }));
    return undefined;
  }
}

// Runs an action; a refusal shows the server's detail in `slot`. True when it succeeded.
export async function attempt(slot, action) {
  replace(slot);
  try {
    await action();
    return true;
  } catch (error) {
    if (!isQuiet(error)) replace(slot, errorBox(error));
    return false;
  }
}

// A button that asks `confirm` (confirmDialog's options; the confirm label defaults to the
// button's) and, when confirmed, runs `action` with its errors in `slot`.
export function confirmButton(label, confirm, slot, action, options) {
  return actionButton(label, async () => {
    if (await confirmDialog({ confirmLabel: label, ...confirm })) await attempt(slot, action);
  }, options);
}

// The actions row of a form: its primary submit button, then any others.
export function submitRow(label, ...others) {
  return h('div', { class: 'form-actions' }, button(label, { kind: 'primary', type: 'submit' }), others);
}

// ?page= as a page number, 1 when missing or not a positive integer.
export function pageNumber(query) {
  return Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
}

// One figure of a stats row: its label, value and an optional note under it.
export function stat(label, value, note, tone = '') {
  return h('div', { class: `stat ${tone}` },
    h('p', { class: 'stat-label' }, label),
    h('p', { class: 'stat-value' }, value),
    note ? h('p', { class: 'stat-note' }, note) : null);
}

// A person in a list: their name (a link to their account page), their email under it.
export function personCell(id, name, email, ...extra) {
  return h('div', { class: 'cell-user' },
    h('a', { class: 'cell-primary', href: itemHref('accounts', id) }, name || email),
    h('span', { class: 'cell-secondary' }, email), extra);
}

// A message for the next page drawn (e.g. "You have signed out." on the sign-in page).
let flash = null;
export function setFlash(message) { flash = message; }
export function takeFlash() { const message = flash; flash = null; return message; }

export { h, append, replace };
