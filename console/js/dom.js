// Builds DOM nodes. Text is always inserted as text nodes: nothing here ever parses HTML, so data
// from the server (names, emails, filters) cannot become markup or script.

// h('a', {href: '/console/users', class: 'nav-link', onclick: fn}, 'Users', child, [more])
// - attributes whose value is null, undefined or false are left out; true gives an empty one;
// - on<event> with a function adds a listener;
// - value, checked, selected, indeterminate are set as properties (what the form shows);
// - children: nodes, strings, numbers, arrays of them; null/false/undefined are skipped.
const properties = new Set(['value', 'checked', 'selected', 'indeterminate']);

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (properties.has(name)) {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

export function append(parent, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

// Replaces every child of `parent` with `children`.
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

let nextId = 0;
// A document-unique id for label/aria wiring.
export function uid(prefix = 'id') {
  nextId += 1;
  return `${prefix}-${nextId}`;
}
