// The console's pages, one line each; js/app.js routes to every module exported here.
//
// A page module's default export:
//   export default {
//     path: 'groups/:id',   // its route under /console/; ':name' segments become params.name
//     title: 'Group',       // the fallback document title (the page sets its own with pageHeader)
//     nav: 'groups',        // the navigation item shown as current (default: the first segment)
//     public: true,         // only the sign-in page: drawn without a session and without the layout
//     render(main, params, query, context) { … },
//   };
// render() draws into `main`, an empty container inside <main> (start with ui.pageHeader(): its
// <h1> gets the focus after navigation); params holds the ':name' segments (decoded), query is
// the URL's URLSearchParams, context is {signal, session}: `signal` aborts when the user goes
// elsewhere (pass it to api()), `session` is {organizationId, tokenLabel, expires}. render may be
// async; what it throws is shown as an error box. When the user leaves, `main` is detached, so
// late results of an old page go nowhere. Keep the page's state in the URL (router.setQuery)
// so that reload and Back show the same thing.
export { default as signIn } from './sign-in.js';
export { default as accounts } from './accounts.js';
export { default as account } from './account.js';
export { default as users } from './users.js';
export { default as groups } from './groups.js';
export { default as group } from './group.js';
export { default as domains } from './domains.js';
export { default as directories } from './directories.js';
export { default as directory } from './directory.js';
export { default as journal } from './journal.js';
