// The Journal page (placeholder until it is built).

import { pageHeader, emptyState } from '../ui.js';

export default {
  path: 'journal',
  title: 'Journal',
  render(main) {
    main.append(pageHeader('Journal'), emptyState('This page is not built yet.'));
  },
};
