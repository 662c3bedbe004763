// The Users page (placeholder until it is built).

import { pageHeader, emptyState } from '../ui.js';

export default {
  path: 'users',
  title: 'Users',
  render(main) {
    main.append(pageHeader('Users'), emptyState('This page is not built yet.'));
  },
};
