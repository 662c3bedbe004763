// The Groups page (placeholder until it is built).

import { pageHeader, emptyState } from '../ui.js';

export default {
  path: 'groups',
  title: 'Groups',
  render(main) {
    main.append(pageHeader('Groups'), emptyState('This page is not built yet.'));
  },
};
