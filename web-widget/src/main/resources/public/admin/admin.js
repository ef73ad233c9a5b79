// The admin console: sign in (the agent console's sign-in), then one view at a time, chosen in the top bar and kept
// in the address (#intents, #faq, #entities, #sentiment, #inbox, #models). Every text from the bot's data, from
// customers or from the server is put on the page as text, never as markup.
import { $, el, replace } from '../agent/lib/dom.js';
import { session, logout, forget } from '../agent/lib/api.js';
import { showLogin } from '../agent/lib/login.js';
import { whenSignedOut } from './http.js';
import * as intents from './intents.js';
import * as faq from './faq.js';
import * as entities from './entities.js';
import * as sentiment from './sentiment.js';
import * as inbox from './inbox.js';
import * as models from './models.js';

const TITLE = 'Admin console';
const VIEWS = [
  { name: 'intents', label: 'Intents', view: intents },
  { name: 'faq', label: 'FAQ', view: faq },
  { name: 'entities', label: 'Entities', view: entities },
  { name: 'sentiment', label: 'Sentiment', view: sentiment },
  { name: 'inbox', label: 'Inbox', view: inbox },
  { name: 'models', label: 'Train & publish', view: models },
];

const app = $('#app');
let me = null;
let main = null;
let current = null;
const drafts = new Map();

/** What views share: moving to another view with a draft for it (the inbox starts FAQ entries this way). */
const ctx = {
  open(name, draft) {
    if (draft) drafts.set(name, draft);
    if (location.hash === `#${name}`) route(); else location.hash = name;
  },
  takeDraft(name) {
    const d = drafts.get(name);
    drafts.delete(name);
    return d || null;
  },
};

whenSignedOut((why) => signedOut(why));
window.addEventListener('hashchange', () => { if (me) route(); });
const existing = session();
if (existing) enter(existing); else showLogin(app, { title: TITLE, onSignedIn: enter });

function signedOut(why) {
  leave();
  forget();
  me = null;
  showLogin(app, { title: TITLE, onSignedIn: enter, notice: why });
}

function enter(s) {
  me = s;
  if (s.role !== 'admin') {
    replace(app, topbar(false), el('main', { class: 'admin' }, el('p', { class: 'panel', id: 'not-admin',
      text: 'Only admins can edit the bot. Sign in with an admin account.' })));
    return;
  }
  main = el('main', { class: 'admin-main', id: 'main' });
  replace(app, topbar(true), main);
  route();
}

function topbar(withNav) {
  const nav = withNav ? el('nav', { class: 'admin-nav', 'aria-label': 'Admin sections' },
    VIEWS.map((v) => el('a', { href: `#${v.name}`, class: 'admin-nav__link', dataset: { view: v.name }, text: v.label }))) : null;
  return el('header', { class: 'topbar' },
    el('span', { class: 'topbar__brand', text: 'Admin' }),
    nav,
    el('a', { href: '/admin/users/', text: 'Accounts' }),
    el('a', { href: '/agent/', text: 'Agent console' }),
    el('span', { class: 'topbar__user', id: 'me', text: me ? `${me.displayName} (${me.role})` : '' }),
    el('button', { type: 'button', class: 'button button--small', id: 'sign-out', text: 'Sign out',
      on: { click: async () => { try { await logout(); } finally { signedOut('You have signed out.'); } } } }));
}

function leave() {
  if (current && current.view.leave) current.view.leave();
  current = null;
}

function route() {
  const name = (location.hash || '#intents').slice(1);
  const next = VIEWS.find((v) => v.name === name) || VIEWS[0];
  leave();
  current = next;
  for (const link of app.querySelectorAll('.admin-nav__link')) {
    if (link.dataset.view === next.name) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
  document.title = `${next.label} - ${TITLE}`;
  replace(main);
  next.view.render(main, ctx);
}
