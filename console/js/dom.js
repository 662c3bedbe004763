// Builds DOM nodes. Text is always inserted as text nodes: nothing here ever parses HTML, so data
// from the server (names, emails, filters) cannot become markup or script.

// h('a.nav-link', {href, onclick: fn}, 'Users', child, [more]): the classes after the tag; the
// attributes may be left out, null/false ones are, a function is a listener, value/checked/
// selected are properties (what the form shows); children null/false are skipped.
const properties = new Set(['value', 'checked', 'selected']);

export function h(tag, ...children) {
  const [name, ...classes] = tag.split('.');
  const element = document.createElement(name);
  if (classes.length) element.className = classes.join(' ');
  const attributes = Object.getPrototypeOf(children[0] ?? 0) === Object.prototype ? children.shift() : {};
  for (const [key, value] of Object.entries(attributes)) {
    if (value == null || value === false) continue;
    if (typeof value === 'function') element.addEventListener(key.slice(2), value);
    else if (properties.has(key)) element[key] = value;
    else element.setAttribute(key, value === true ? '' : value);
  }
  return replace(element, children);
}

export function replace(parent, ...children) {
  parent.replaceChildren(...children.flat(Infinity).filter((child) => child != null && child !== false));
  return parent;
}

let nextId = 0;
export const uid = (prefix) => `${prefix}-${++nextId}`;
