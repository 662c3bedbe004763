// Helpers of the Users, Groups and Directories pages: the organization's sites (GET /sites, read
// whole: an organization has a handful), product names, and a heading drawn once loaded.

import { api } from './api.js';
import { replace } from './dom.js';

// [{id, name, url, products: ['confluence', 'jira']}], by name.
export async function loadSites(signal) {
  const answer = await api('GET', '/sites', { signal });
  return answer.sites ?? [];
}

// The products one site offers, or [] for a site that is not (or no longer) in the list.
export function productsOf(sites, siteId) {
  return sites.find((site) => site.id === siteId)?.products ?? [];
}

// "jira" → "Jira", "jira-service-management" → "Jira service management": product names are the
// API's lower-case words; the pages show them as words.
export function productLabel(product) {
  const words = String(product).replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// Puts the page's real heading (a group's or directory's name, known once loaded) in place of
// the placeholder; the focus the router gave the old <h1> moves to the new one.
export function retitle(container, header) {
  const focused = container.contains(document.activeElement);
  replace(container, header);
  if (focused) header.querySelector('[data-page-title]')?.focus();
}
