// The Domains page (placeholder until it is built).

import { pageHeader, emptyState } from '../ui.js';

export default {
  path: 'domains',
  title: 'Domains',
  render(main) {
    main.append(pageHeader('Domains'), emptyState('This page is not built yet.'));
  },
};
