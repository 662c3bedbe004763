// The Group page (placeholder until it is built).

import { pageHeader, emptyState } from '../ui.js';

export default {
  path: 'groups/:id',
  title: 'Group',
  render(main) {
    main.append(pageHeader('Group'), emptyState('This page is not built yet.'));
  },
};
