// The Directory page (placeholder until it is built).

import { pageHeader, emptyState } from '../ui.js';

export default {
  path: 'directories/:id',
  title: 'Directory',
  render(main) {
    main.append(pageHeader('Directory'), emptyState('This page is not built yet.'));
  },
};
