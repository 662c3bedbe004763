// Helpers of several pages.

import { api } from './api.js';
import { replace } from './dom.js';

// [{id, name, url, products: ['confluence', 'jira']}], by name: read whole, an organization has a handful.
export async function loadSites() {
  return (await api('GET', '/sites')).sites ?? [];
}

export function productsOf(sites, siteId) {
  return sites.find((site) => site.id === siteId)?.products ?? [];
}

export const capitalized = (words) => words.charAt(0).toUpperCase() + words.slice(1);

// "jira-service-management" → "Jira service management": the API's lower-case words, as words.
export const productLabel = (product) => capitalized(String(product).replace(/[-_]+/g, ' '));

// Puts the page's real heading (known once loaded) in place of the placeholder; the focus the
// router gave the old <h1> moves to the new one.
export function retitle(container, header) {
  const focused = container.contains(document.activeElement);
  replace(container, header);
  if (focused) header.querySelector('[data-page-title]')?.focus();
}
