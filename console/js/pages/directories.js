// The Directories page (placeholder until it is built).

import { pageHeader, emptyState } from '../ui.js';

export default {
  path: 'directories',
  title: 'Directories',
  render(main) {
    main.append(pageHeader('Directories'), emptyState('This page is not built yet.'));
  },
};
