// The Account page (placeholder until it is built).

import { pageHeader, emptyState } from '../ui.js';

export default {
  path: 'accounts/:id',
  title: 'Account',
  nav: 'accounts',
  render(main) {
    main.append(pageHeader('Account'), emptyState('This page is not built yet.'));
  },
};
