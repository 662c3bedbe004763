// The console's pages; js/app.js routes to every module exported here (docs/console.md "The client").
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
