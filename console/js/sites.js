// The organization's sites (GET /sites, docs/sites.md), read by the pages that filter, invite or
// grant products per site. A site list is short (an organization has a handful), so it is read
// whole, once per page drawn.

import { api } from './api.js';

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
