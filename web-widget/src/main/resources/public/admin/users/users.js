// Admin page for staff accounts: list, add agents and admins, disable and enable, reset passwords, unlock.
import { $, el, replace, clock, humanise } from '/agent/lib/dom.js';
import { call, session, logout, whenSignedOut, forget } from '/agent/lib/api.js';
import { showLogin } from '/agent/lib/login.js';

const app = $('#app');
const TITLE = 'Accounts';
let me = null;
let table;
let message;

whenSignedOut((why) => signedOut(why));
const existing = session();
if (existing) enter(existing); else showLogin(app, { title: TITLE, onSignedIn: enter });

function signedOut(why) {
  forget();
  me = null;
  showLogin(app, { title: TITLE, onSignedIn: enter, notice: why });
}

function enter(s) {
  me = s;
  if (s.role !== 'admin') {
    replace(app, topbar(), el('main', { class: 'admin' }, el('p', { class: 'panel', id: 'not-admin',
      text: 'Only admins can manage accounts. Sign in with an admin account.' })));
    return;
  }
  table = el('tbody', { id: 'users' });
  message = el('p', { class: 'form-message', id: 'users-message', role: 'status' });
  replace(app, topbar(), el('main', { class: 'admin' },
    el('section', { class: 'panel' },
      el('h2', { text: 'Staff accounts' }),
      el('table', { class: 'users' },
        el('thead', {}, el('tr', {}, ['Username', 'Name', 'Role', 'Status', 'Last sign-in', ''].map((h) => el('th', { text: h })))),
        table),
      message),
    addForm()));
  load();
}

function topbar() {
  return el('header', { class: 'topbar' },
    el('span', { class: 'topbar__brand', text: 'Admin \u00b7 Accounts' }),
    el('a', { href: '/agent/', text: 'Agent console' }),
    el('span', { class: 'topbar__user', text: me ? `${me.displayName} (${me.role})` : '' }),
    el('button', { type: 'button', class: 'button button--small', id: 'sign-out', text: 'Sign out',
      on: { click: async () => { try { await logout(); } finally { signedOut('You have signed out.'); } } } }));
}

function say(text, ok) {
  message.textContent = text;
  message.className = `form-message ${ok ? 'form-message--ok' : 'form-message--error'}`;
}

async function load() {
  try {
    const { users } = await call('GET', '/api/admin/users');
    replace(table, users.map(row));
  } catch (e) {
    if (e.status !== 401) say(e.message, false);
  }
}

function row(u) {
  const status = !u.enabled ? el('span', { class: 'chip chip--danger', text: 'disabled' })
    : u.locked ? el('span', { class: 'chip chip--warn', text: `locked until ${clock(u.lockedUntil)}` })
      : el('span', { class: 'chip chip--ok', text: 'active' });
  const actions = el('td', { class: 'actions' });
  const self = u.username === me.username;
  if (!self) {
    actions.append(el('button', { type: 'button', class: `button button--small${u.enabled ? ' button--danger' : ''}`,
      dataset: { action: u.enabled ? 'disable' : 'enable' }, text: u.enabled ? 'Disable' : 'Enable',
      on: { click: () => update(u.username, { enabled: !u.enabled }, u.enabled ? 'disabled' : 'enabled') } }));
  }
  if (u.locked) {
    actions.append(el('button', { type: 'button', class: 'button button--small', dataset: { action: 'unlock' }, text: 'Unlock',
      on: { click: () => post(`/api/admin/users/${encodeURIComponent(u.username)}/unlock`, {}, `${u.username} unlocked.`) } }));
  }
  actions.append(el('button', { type: 'button', class: 'button button--small', dataset: { action: 'password' },
    text: 'Reset password', on: { click: () => resetPassword(u.username) } }));
  return el('tr', { dataset: { user: u.username } },
    el('td', { text: u.username }),
    el('td', { text: u.displayName }),
    el('td', { text: humanise(u.role) }),
    el('td', {}, status),
    el('td', { text: u.lastLoginAt ? new Date(u.lastLoginAt).toLocaleString() : 'never' }),
    actions);
}

async function update(username, body, done) {
  try {
    await call('PATCH', `/api/admin/users/${encodeURIComponent(username)}`, body);
    say(`${username} ${done}.`, true);
    load();
  } catch (e) {
    if (e.status !== 401) say(e.message, false);
  }
}

async function post(path, body, done) {
  try {
    await call('POST', path, body);
    say(done, true);
    load();
  } catch (e) {
    if (e.status !== 401) say(e.message, false);
  }
}

function resetPassword(username) {
  const rowNode = table.querySelector(`tr[data-user="${CSS.escape(username)}"]`);
  const input = el('input', { type: 'password', autocomplete: 'new-password', 'aria-label': `New password for ${username}`,
    class: 'reset-input', minlength: '12' });
  const save = el('button', { type: 'button', class: 'button button--small button--primary', text: 'Save password' });
  save.addEventListener('click', () => post(`/api/admin/users/${encodeURIComponent(username)}/password`,
    { password: input.value }, `New password set for ${username}; their open sessions have ended.`));
  const cell = rowNode.querySelector('td.actions');
  replace(cell, input, save);
  input.focus();
}

function addForm() {
  const username = el('input', { id: 'new-username', autocomplete: 'off', required: true, autocapitalize: 'none' });
  const displayName = el('input', { id: 'new-display-name', autocomplete: 'off', required: true });
  const role = el('select', { id: 'new-role' }, el('option', { value: 'agent', text: 'Agent' }), el('option', { value: 'admin', text: 'Admin' }));
  const password = el('input', { id: 'new-password', type: 'password', autocomplete: 'new-password', required: true, minlength: '12' });
  const feedback = el('p', { class: 'form-message', id: 'add-message', role: 'status' });
  const submit = el('button', { type: 'submit', class: 'button button--primary', id: 'add-user', text: 'Add account' });
  const form = el('form', { novalidate: true },
    el('div', { class: 'form-grid' },
      el('label', {}, 'Username', username),
      el('label', {}, 'Display name', displayName),
      el('label', {}, 'Role', role),
      el('label', {}, 'Password (12+ characters)', password),
      submit),
    feedback);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      const u = await call('POST', '/api/admin/users', { username: username.value.trim(),
        displayName: displayName.value.trim() || username.value.trim(), role: role.value, password: password.value });
      feedback.textContent = `Account ${u.username} created.`;
      feedback.className = 'form-message form-message--ok';
      form.reset();
      load();
    } catch (e) {
      feedback.textContent = e.message;
      feedback.className = 'form-message form-message--error';
    } finally {
      submit.disabled = false;
    }
  });
  return el('section', { class: 'panel' }, el('h2', { text: 'Add an account' }), form);
}
