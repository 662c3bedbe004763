// Sign-in: the admin pastes an admin token, which is exchanged for the session cookie
// (POST /console/session, docs/console.md). The token lives only in the field until it is sent;
// the field is cleared right after, whatever the answer. Then the console goes where the user
// was headed (?next=, a console path only).

import { h } from '../dom.js';
import { signIn } from '../api.js';
import { navigate, safeLocation } from '../router.js';
import { field, form, notice, takeFlash } from '../ui.js';

export default {
  path: 'sign-in',
  title: 'Sign in',
  public: true,
  render(main, params, query) {
    document.title = 'Sign in · scimd console';
    const message = takeFlash();
    const tokenField = field({
      label: 'Admin token', name: 'token', type: 'password', required: true,
      autocomplete: 'off', spellcheck: 'false', autocapitalize: 'off',
      hint: ['Paste an admin token of your organization (', h('code', {}, 'scimdadmin_…'), '); ',
        h('code', {}, 'scimd admin-token'), ' prints one. It is exchanged for a session and not kept by the browser.'],
    });
    const signInForm = form({
      label: 'Sign in',
      className: 'form sign-in-form',
      errorTitle: 'Sign-in failed',
      onSubmit: async () => {
        const token = tokenField.control.value.trim();
        tokenField.control.value = '';
        if (!token) {
          tokenField.control.focus();
          throw new Error('Paste an admin token to sign in.');
        }
        try {
          await signIn(token);
        } catch (error) {
          tokenField.control.focus();
          throw error;
        }
        navigate(safeLocation(query.get('next')), { replace: true });
      },
    },
    tokenField,
    h('button', { type: 'submit', class: 'button button-primary button-block' }, 'Sign in'));

    main.append(h('div', { class: 'sign-in' },
      h('div', { class: 'sign-in-card' },
        h('p', { class: 'sign-in-brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 's'), 'scimd'),
        h('h1', { class: 'sign-in-title' }, 'Sign in to the console'),
        h('p', { class: 'sign-in-lead' }, 'Manage your organization’s accounts, users, groups, domains and identity providers.'),
        message ? h('div', { role: 'status' }, notice(message, { tone: 'success' })) : null,
        signInForm)));
    tokenField.control.focus();
  },
};
