// The sign-in form shared by the agent console and the admin pages.
import { el, replace } from './dom.js';
import { login } from './api.js';

/**
 * Shows the sign-in form in `container`; resolves `onSignedIn(session)` after a successful sign-in.
 * `notice` is an optional message shown above the form (for example why the last session ended).
 */
export function showLogin(container, { title, onSignedIn, notice = '' }) {
  const error = el('p', { class: 'login__error', role: 'alert', id: 'login-error' });
  const username = el('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true,
    autocapitalize: 'none', spellcheck: 'false' });
  const password = el('input', { id: 'login-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true });
  const submit = el('button', { type: 'submit', class: 'button button--primary', id: 'login-submit', text: 'Sign in' });
  const form = el('form', { class: 'login__form', novalidate: true },
    el('label', { for: 'login-username', text: 'Username' }), username,
    el('label', { for: 'login-password', text: 'Password' }), password,
    error, submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    if (!username.value.trim() || !password.value) {
      error.textContent = 'Enter your username and password.';
      return;
    }
    submit.disabled = true;
    submit.textContent = 'Signing in...';
    try {
      const session = await login(username.value.trim(), password.value);
      password.value = '';
      onSignedIn(session);
    } catch (e) {
      error.textContent = e.message;
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
      submit.textContent = 'Sign in';
    }
  });
  replace(container, el('main', { class: 'login' },
    el('div', { class: 'login__card' },
      el('h1', { class: 'login__title', text: title }),
      notice ? el('p', { class: 'login__notice', role: 'status', text: notice }) : null,
      form)));
  username.focus();
}
