// Sign-in (docs/console.md): the admin token is exchanged for the session cookie. It lives only in
// the field until it is sent, and the field is cleared right after, whatever the answer.

import { signIn } from '../api.js';
import { navigate, safeLocation } from '../router.js';
import { h, field, form, notice, takeFlash } from '../ui.js';

export default {
  path: 'sign-in',
  title: 'Sign in',
  public: true,
  render(main, params, query) {
    const message = takeFlash();
    const tokenField = field({
      label: 'Admin token', name: 'token', type: 'password', required: true,
      spellcheck: 'false', autocapitalize: 'off',
      hint: ['Paste an admin token of your organization (', h('code', 'scimdadmin_…'), '); ',
        h('code', 'scimd admin-token'), ' prints one. It is exchanged for a session and not kept by the browser.'],
    });
    const { control } = tokenField;
    main.append(h('div.sign-in',
      h('div.sign-in-card',
        h('p.sign-in-brand', h('span.brand-mark', { 'aria-hidden': 'true' }, 's'), 'scimd'),
        h('h1.sign-in-title', 'Sign in to the console'),
        h('p.sign-in-lead', 'Manage your organization’s accounts, users, groups, domains and identity providers.'),
        message && h('div', { role: 'status' }, notice(message, null, 'success')),
        form({
          label: 'Sign in', className: 'sign-in-form', errorTitle: 'Sign-in failed',
          onSubmit: async () => {
            const token = control.value.trim();
            control.value = '';
            control.focus();
            if (!token) throw new Error('Paste an admin token to sign in.');
            await signIn(token);
            navigate(safeLocation(query.get('next')), { replace: true });
          },
        }, tokenField, h('button.button.button-primary.button-block', { type: 'submit' }, 'Sign in')))));
    control.focus();
  },
};
