// The console's pages; js/app.js routes to every module exported here. A page module's default
// export: {path: 'groups/:id' (its route under /console/, ':name' segments become params.name),
// title (the document title until pageHeader() sets its own), nav (the navigation item shown as
// current, if not its path), public (sign-in only: no session, no layout), render(main, params,
// query, {signal, session})}. render() draws into `main`, an empty container inside <main>,
// starting with pageHeader() (its <h1> gets the focus after navigation); `signal` aborts when the
// user goes elsewhere (pass it to api()); render may be async, what it throws is shown as an
// error box. Keep the page's state in the URL (router.setQuery): reload and Back show the same.
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
