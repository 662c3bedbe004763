// The Managed accounts page (placeholder until it is built).

import { pageHeader, emptyState } from '../ui.js';

export default {
  path: 'accounts',
  title: 'Managed accounts',
  nav: 'accounts',
  render(main) {
    main.append(pageHeader('Managed accounts'), emptyState('This page is not built yet.'));
  },
};
