// The agent console: sign in, a live queue of conversations waiting for a person, and one conversation at a time
// with its transcript, the bot's reasoning for each turn, the customer's CRM card, replies, canned replies and
// private notes. Everything other people wrote (customers, the bot, the LLM, the CRM) is put on the page as text.
import { $, el, replace, duration, clock, humanise } from './lib/dom.js';
import { call, session, logout, whenSignedOut, forget } from './lib/api.js';
import { showLogin } from './lib/login.js';

const app = $('#app');

const state = {
  me: null,
  tab: 'waiting',
  waiting: new Map(), // id -> queue item (state waiting_for_agent)
  active: new Map(), // id -> queue item (state agent)
  received: new Map(), // id -> Date.now() when its waitingSeconds was read
  selected: null, // id
  view: null, // the conversation as GET /api/agent/conversations/{id} returned it, kept up to date
  shownTraces: new Set(),
  canned: [],
  socket: null,
  retry: 0,
  typingTimer: null,
  lastTypingSent: 0,
  waitTimer: null,
};

const ui = {};

whenSignedOut((why) => signedOut(why));
start();

function start() {
  const s = session();
  if (s) {
    enter(s);
  } else {
    showLogin(app, { title: 'Agent console', onSignedIn: enter });
  }
}

function signedOut(why) {
  closeSocket();
  forget();
  state.me = null;
  state.selected = null;
  state.view = null;
  showLogin(app, { title: 'Agent console', onSignedIn: enter, notice: why });
}

async function enter(s) {
  state.me = s;
  renderShell();
  await Promise.all([loadQueue(), loadCanned()]);
  connect();
}

// ---------------------------------------------------------------- shell

function renderShell() {
  ui.live = el('span', { class: 'live', id: 'live', role: 'status', text: 'Connecting' });
  ui.tabs = {};
  const tabs = el('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Queues' },
    tab('waiting', 'Waiting'), tab('mine', 'Mine'), tab('active', 'Active'));
  ui.list = el('ul', { class: 'queue__list', id: 'queue', 'aria-label': 'Conversations' });
  ui.conversation = el('section', { class: 'conversation', id: 'conversation', 'aria-label': 'Conversation' });
  replace(app,
    el('header', { class: 'topbar' },
      el('span', { class: 'topbar__brand', text: 'Support console' }),
      ui.live,
      el('span', { class: 'topbar__user', id: 'me', text: `${state.me.displayName} (${state.me.role})` }),
      state.me.role === 'admin' ? el('a', { href: '/admin/users/', text: 'Accounts' }) : null,
      el('button', { type: 'button', class: 'button button--small', id: 'sign-out', text: 'Sign out',
        on: { click: async () => { try { await logout(); } finally { signedOut('You have signed out.'); } } } })),
    el('div', { class: 'desk' },
      el('nav', { class: 'queue', 'aria-label': 'Queue' }, tabs, ui.list),
      ui.conversation));
  renderEmptyConversation();
  if (!state.waitTimer) state.waitTimer = setInterval(refreshWaits, 15000);
}

function tab(name, label) {
  const count = el('span', { class: 'tab__count chip', text: '0' });
  const button = el('button', { type: 'button', class: 'tab', role: 'tab', id: `tab-${name}`,
    'aria-selected': String(state.tab === name), on: { click: () => { state.tab = name; renderQueue(); } } },
  label, count);
  ui.tabs[name] = { button, count };
  return button;
}

function renderEmptyConversation() {
  replace(ui.conversation, el('p', { class: 'conversation__empty',
    text: 'Pick a conversation from the queue. New escalations appear there as they happen.' }));
}

// ---------------------------------------------------------------- queue

async function loadQueue() {
  try {
    const [waiting, active] = await Promise.all([
      call('GET', '/api/agent/conversations?state=waiting_for_agent'),
      call('GET', '/api/agent/conversations?state=agent'),
    ]);
    state.waiting = new Map(waiting.conversations.map((c) => [c.id, c]));
    state.active = new Map(active.conversations.map((c) => [c.id, c]));
    const now = Date.now();
    for (const c of [...waiting.conversations, ...active.conversations]) state.received.set(c.id, now);
    renderQueue();
  } catch (e) {
    if (e.status !== 401) showBanner(e.message);
  }
}

function upsert(item) {
  state.waiting.delete(item.id);
  state.active.delete(item.id);
  if (item.state === 'waiting_for_agent') state.waiting.set(item.id, item);
  if (item.state === 'agent') state.active.set(item.id, item);
  state.received.set(item.id, Date.now());
}

function mine() {
  return [...state.active.values()].filter((c) => c.assignedAgent && c.assignedAgent.username === state.me.username);
}

function visible() {
  if (state.tab === 'waiting') {
    return [...state.waiting.values()].sort((a, b) => waitingFor(b) - waitingFor(a));
  }
  const list = state.tab === 'mine' ? mine() : [...state.active.values()];
  return list.sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt)));
}

function renderQueue() {
  for (const [name, t] of Object.entries(ui.tabs)) {
    t.button.setAttribute('aria-selected', String(state.tab === name));
  }
  ui.tabs.waiting.count.textContent = String(state.waiting.size);
  ui.tabs.mine.count.textContent = String(mine().length);
  ui.tabs.active.count.textContent = String(state.active.size);
  const items = visible();
  if (items.length === 0) {
    replace(ui.list, el('li', { class: 'queue__empty', text: state.tab === 'waiting'
      ? 'Nobody is waiting for a person right now.' : 'No conversations here.' }));
    return;
  }
  replace(ui.list, items.map(renderItem));
}

function waitingFor(item) {
  const since = state.received.get(item.id) || Date.now();
  return (item.waitingSeconds || 0) + (Date.now() - since) / 1000;
}

function customerName(c) {
  return c.customerEmail || `Visitor ${c.id.slice(0, 8)}`;
}

function renderItem(c) {
  const e = c.escalation;
  const top = el('span', { class: 'item__top' },
    el('span', { class: 'item__who', text: customerName(c) }),
    e ? el('span', { class: 'chip chip--warn', dataset: { role: 'signal' },
      text: `${humanise(e.signal)} ${formatScore(e.score)}` }) : null,
    c.sentiment ? sentimentChip(c.sentiment) : null);
  const meta = el('span', { class: 'item__meta' },
    c.state === 'waiting_for_agent'
      ? el('span', { dataset: { role: 'wait' }, text: `waiting ${duration(waitingFor(c))}` }) : null,
    c.assignedAgent ? el('span', { text: `with ${c.assignedAgent.displayName}` }) : null);
  const li = el('li', { class: `item${state.selected === c.id ? ' item--selected' : ''}`, dataset: { id: c.id } },
    el('button', { type: 'button', class: 'item__button', on: { click: () => select(c.id) } },
      top,
      e && e.detail ? el('span', { class: 'item__detail', text: e.detail }) : null,
      c.lastMessage ? el('span', { class: 'item__preview',
        text: `${roleLabel(c.lastMessage.role, c.lastMessage.author)}: ${c.lastMessage.text}` }) : null,
      meta));
  return li;
}

function refreshWaits() {
  if (state.tab === 'waiting') renderQueue();
}

function sentimentChip(s) {
  const label = s.label || 'neutral';
  const cls = label === 'negative' ? 'chip--negative' : label === 'positive' ? 'chip--positive' : 'chip--neutral';
  return el('span', { class: `chip ${cls}`, dataset: { role: 'sentiment' },
    title: `Sentiment of the last message the bot analysed (negativity ${formatScore(s.negativity)})`,
    text: `${label} ${formatScore(s.negativity)}` });
}

function formatScore(score) {
  if (typeof score !== 'number') return '';
  return Number.isInteger(score) && score > 1 ? String(score) : score.toFixed(2);
}

function roleLabel(role, author) {
  if (role === 'customer') return 'Customer';
  if (role === 'bot') return 'Assistant';
  if (role === 'agent') return author || 'Agent';
  return 'System';
}

// ---------------------------------------------------------------- one conversation

async function select(id) {
  state.selected = id;
  state.shownTraces = new Set();
  renderQueue();
  replace(ui.conversation, el('p', { class: 'conversation__empty', text: 'Loading...' }));
  try {
    state.view = await call('GET', `/api/agent/conversations/${encodeURIComponent(id)}`);
    if (state.selected === id) renderConversation();
  } catch (e) {
    if (e.status !== 401) replace(ui.conversation, el('p', { class: 'conversation__empty', text: e.message }));
  }
}

function holdsIt(v) {
  return v.state === 'agent' && v.assignedAgent && v.assignedAgent.username === state.me.username;
}

function renderConversation() {
  const v = state.view;
  ui.transcript = el('div', { class: 'transcript', id: 'transcript', role: 'log', 'aria-label': 'Transcript' });
  ui.typing = el('p', { class: 'typing', id: 'typing', 'aria-live': 'polite' });
  ui.notes = el('ul', { class: 'notes', id: 'notes' });
  ui.head = el('header', { class: 'conv-head' });
  ui.composer = el('div', { class: 'composer', id: 'composer' });
  ui.card = el('section', { id: 'crm', 'aria-label': 'Customer' });
  replace(ui.conversation,
    ui.head,
    el('div', { class: 'conv-body' },
      el('div', { class: 'thread' }, ui.transcript, ui.typing, ui.composer),
      el('aside', { class: 'side' }, ui.card, renderNotesPanel())));
  renderHead();
  renderTranscript();
  renderComposer();
  renderCard();
  renderNotes();
}

function renderHead() {
  const v = state.view;
  const e = v.escalation;
  const actions = el('div', { class: 'conv-head__actions' });
  const unassigned = !v.assignedAgent;
  if ((v.state === 'waiting_for_agent' || v.state === 'bot') && unassigned) {
    actions.append(el('button', { type: 'button', class: 'button button--primary', id: 'claim', text: 'Take conversation',
      on: { click: () => act('claim') } }));
  }
  if (v.state === 'agent' && !holdsIt(v)) {
    actions.append(el('span', { class: 'chip chip--info', id: 'held-by', text: `${v.assignedAgent.displayName} has this chat` }));
  }
  const mayAct = holdsIt(v) || (v.state === 'waiting_for_agent' && unassigned) || (state.me.role === 'admin' && v.state === 'agent');
  if (mayAct && v.state !== 'bot') {
    actions.append(el('button', { type: 'button', class: 'button', id: 'release', text: 'Hand back to bot',
      on: { click: () => act('release') } }));
  }
  if (mayAct && v.state !== 'resolved') {
    actions.append(el('button', { type: 'button', class: 'button', id: 'resolve', text: 'Resolve',
      on: { click: () => act('resolve') } }));
  }
  replace(ui.head,
    el('div', { class: 'conv-head__main' },
      el('h2', { class: 'conv-head__title', id: 'conv-title', text: customerName(v) }),
      el('div', { class: 'conv-head__sub' },
        el('span', { class: 'chip', id: 'conv-state', text: humanise(v.state) }), ' ',
        `Started ${clock(v.createdAt)} \u00b7 ${v.locale} \u00b7 ${v.id}`),
      e ? el('p', { class: 'reason', id: 'reason' },
        el('span', { class: 'reason__label', text: `${v.state === 'waiting_for_agent' || v.state === 'agent' ? 'Escalated' : 'Was escalated'}: ${humanise(e.signal)}` }),
        el('span', { class: 'chip chip--warn', text: `score ${formatScore(e.score)}` }),
        el('span', { text: e.detail }),
        el('span', { class: 'reason__time', text: clock(e.at) })) : null),
    actions);
}

async function act(action) {
  const id = state.view.id;
  try {
    const item = await call('POST', `/api/agent/conversations/${encodeURIComponent(id)}/${action}`, {});
    if (action === 'claim') state.tab = 'mine';
    applyItem(item);
  } catch (e) {
    if (e.status !== 401) showBanner(e.message);
    if (e.status === 409) select(id);
  }
}

/** A newer queue line for a conversation (from an action's answer or the socket). */
function applyItem(item) {
  upsert(item);
  renderQueue();
  if (state.view && state.view.id === item.id) {
    Object.assign(state.view, {
      state: item.state, assignedAgent: item.assignedAgent, escalation: item.escalation, updatedAt: item.updatedAt,
    });
    if (!item.assignedAgent) delete state.view.assignedAgent;
    renderHead();
    renderComposer();
  }
}

function traceFor(seq) {
  const t = (state.view.traces || []).find((x) => x.customerSeq === seq);
  return t ? t.trace : null;
}

function renderTranscript() {
  replace(ui.transcript, state.view.messages.map(renderMessage));
  ui.transcript.scrollTop = ui.transcript.scrollHeight;
}

function renderMessage(m) {
  const node = el('div', { class: `msg msg--${m.role}`, dataset: { seq: m.seq, role: m.role } },
    el('div', { class: 'msg__who' },
      el('span', { text: roleLabel(m.role, m.author) }), el('span', { text: clock(m.ts) })),
    el('div', { class: 'msg__bubble', text: m.text }));
  if (m.sources && m.sources.length) {
    node.append(el('div', { class: 'msg__sources', text: `Source: ${m.sources.map((s) => `${s.title} (${s.id})`).join(', ')}` }));
  }
  if (m.role === 'customer' && traceFor(m.seq)) {
    const holder = el('div', { class: 'msg__trace' });
    const toggle = el('button', { type: 'button', class: 'link-button msg__why', 'aria-expanded': 'false',
      text: 'Why did the bot answer this way?' });
    toggle.addEventListener('click', () => {
      const open = toggle.getAttribute('aria-expanded') === 'true';
      toggle.setAttribute('aria-expanded', String(!open));
      toggle.textContent = open ? 'Why did the bot answer this way?' : 'Hide the bot\u2019s reasoning';
      if (open) {
        holder.replaceChildren();
        state.shownTraces.delete(m.seq);
      } else {
        holder.replaceChildren(renderTrace(traceFor(m.seq)));
        state.shownTraces.add(m.seq);
      }
    });
    node.append(toggle, holder);
    if (state.shownTraces.has(m.seq)) {
      toggle.setAttribute('aria-expanded', 'true');
      toggle.textContent = 'Hide the bot\u2019s reasoning';
      holder.append(renderTrace(traceFor(m.seq)));
    }
  }
  return node;
}

function renderTrace(t) {
  const rows = [];
  const row = (label, value) => {
    if (value !== undefined && value !== null && value !== '') rows.push(el('dt', { text: label }), el('dd', { text: value }));
  };
  if (t.intent) {
    row('Intent', `${t.intent.name} (${formatScore(t.intent.confidence)})${t.intent.out_of_scope ? ' \u2013 out of scope' : ''}`);
    if (Array.isArray(t.intent.ranking) && t.intent.ranking.length) {
      row('Also considered', t.intent.ranking.slice(1, 4).map((r) => `${r.intent} ${formatScore(r.score)}`).join(', '));
    }
  }
  if (Array.isArray(t.entities) && t.entities.length) {
    row('Entities', t.entities.map((e) => `${e.type}: ${e.value || e.text}`).join(', '));
  }
  if (t.sentiment) row('Sentiment', `${t.sentiment.label} (negativity ${formatScore(t.sentiment.negativity)})`);
  if (Array.isArray(t.faq) && t.faq.length) row('FAQ hits', t.faq.map((f) => `${f.id} ${formatScore(f.score)}`).join(', '));
  if (t.decision) row('Decision', `${t.decision.policy}: ${t.decision.reason}`);
  if (t.escalation) row('Escalation', `${t.escalation.signal} ${formatScore(t.escalation.score)} \u2013 ${t.escalation.detail}`);
  if (t.model) row('Model', t.model);
  const raw = el('details', { class: 'trace__raw' }, el('summary', { text: 'Full trace' }),
    el('pre', { text: JSON.stringify(t, null, 2) }));
  return el('dl', { class: 'trace', dataset: { role: 'trace' } }, rows, raw);
}

function appendMessage(m) {
  const v = state.view;
  if (v.messages.some((x) => x.seq === m.seq)) return;
  v.messages.push(m);
  v.messages.sort((a, b) => a.seq - b.seq);
  const atBottom = ui.transcript.scrollHeight - ui.transcript.scrollTop - ui.transcript.clientHeight < 60;
  const last = v.messages[v.messages.length - 1];
  if (last.seq === m.seq) ui.transcript.append(renderMessage(m));
  else renderTranscript();
  if (atBottom || m.role === 'agent') ui.transcript.scrollTop = ui.transcript.scrollHeight;
  if (m.role === 'customer') ui.typing.textContent = '';
}

function renderComposer() {
  const v = state.view;
  if (!holdsIt(v)) {
    const why = v.state === 'resolved' ? 'This conversation is resolved.'
      : v.state === 'agent' ? 'Another agent has this conversation.'
        : 'Take the conversation to reply to the customer.';
    replace(ui.composer, el('p', { class: 'composer__hint', id: 'composer-hint', text: why }));
    return;
  }
  const text = el('textarea', { id: 'reply', 'aria-label': 'Reply to the customer', maxlength: '4000',
    placeholder: 'Write to the customer. Ctrl+Enter sends.' });
  const error = el('p', { class: 'composer__error', role: 'alert' });
  const canned = el('select', { id: 'canned', 'aria-label': 'Insert a canned reply' },
    el('option', { value: '', text: 'Insert a canned reply\u2026' }),
    state.canned.map((r) => el('option', { value: r.id, text: r.text })));
  canned.addEventListener('change', () => {
    const r = state.canned.find((x) => x.id === canned.value);
    if (r) {
      text.value = text.value ? `${text.value.trimEnd()} ${r.text}` : r.text;
      text.focus();
    }
    canned.value = '';
  });
  const send = el('button', { type: 'button', class: 'button button--primary', id: 'send', text: 'Send' });
  const submit = async () => {
    const value = text.value.trim();
    if (!value) return;
    send.disabled = true;
    error.textContent = '';
    try {
      const m = await call('POST', `/api/agent/conversations/${encodeURIComponent(v.id)}/messages`, { text: value });
      text.value = '';
      appendMessage(m);
    } catch (e) {
      if (e.status !== 401) error.textContent = e.message;
    } finally {
      send.disabled = false;
      text.focus();
    }
  };
  send.addEventListener('click', submit);
  text.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  });
  text.addEventListener('input', () => {
    const now = Date.now();
    if (now - state.lastTypingSent > 3000) {
      state.lastTypingSent = now;
      call('POST', `/api/agent/conversations/${encodeURIComponent(v.id)}/typing`, {}).catch(() => {});
    }
  });
  replace(ui.composer, text, error, el('div', { class: 'composer__row' }, canned, send));
}

function renderCard() {
  const c = state.view.crm || { status: 'disabled' };
  const parts = [el('h2', { text: 'Customer' })];
  if (c.customer) {
    parts.push(el('div', { class: 'card__name', id: 'crm-name', text: c.customer.name }));
  }
  if (c.email) {
    parts.push(el('div', { class: 'card__email' }, el('span', { id: 'crm-email', text: c.email }), evidenceChip(c.evidence)));
  }
  const note = {
    found: null,
    not_found: 'No customer with this e-mail address in the CRM.',
    no_email: 'The customer has not given an e-mail address yet.',
    unavailable: `The CRM did not answer${c.problem ? ` (${c.problem})` : ''}. Reopen the conversation to try again.`,
    disabled: 'No CRM is connected to this server.',
  }[c.status];
  if (note) parts.push(el('p', { class: 'card__note', id: 'crm-note', text: note }));
  if (c.orders && c.orders.length) {
    parts.push(el('ul', { class: 'orders', id: 'orders' }, c.orders.map(renderOrder)));
  }
  replace(ui.card, parts);
}

function evidenceChip(evidence) {
  if (evidence === 'proved') return el('span', { class: 'chip chip--ok', text: 'verified in chat' });
  if (evidence === 'given') return el('span', { class: 'chip chip--warn', title: 'Typed into the chat form; not proof of identity', text: 'given, not verified' });
  if (evidence === 'mentioned') return el('span', { class: 'chip chip--warn', title: 'Written in a message; not proof of identity', text: 'mentioned, not verified' });
  return null;
}

function renderOrder(o) {
  const statusClass = { delivered: 'chip--ok', shipped: 'chip--info', cancelled: 'chip--danger', returned: 'chip--neutral' }[o.status] || 'chip--warn';
  const lines = [];
  lines.push(`${new Date(o.placedAt).toLocaleDateString()} \u00b7 ${o.total} ${o.currency}`);
  if (o.carrier || o.trackingNumber) lines.push(`${o.carrier || 'Carrier'} ${o.trackingNumber || ''}`.trim());
  if (o.estimatedDelivery) lines.push(`Expected ${o.estimatedDelivery}`);
  if (o.deliveredAt) lines.push(`Delivered ${new Date(o.deliveredAt).toLocaleDateString()}`);
  if (o.items && o.items.length) lines.push(o.items.map((i) => `${i.quantity} \u00d7 ${i.name}`).join(', '));
  return el('li', { class: 'order', dataset: { order: o.id } },
    el('div', { class: 'order__top' },
      el('span', { class: 'order__id', text: o.id }),
      o.verified ? el('span', { class: 'chip chip--ok', text: 'verified' }) : null,
      el('span', { class: `chip ${statusClass}`, text: o.status })),
    lines.map((l) => el('div', { class: 'order__line', text: l })));
}

function renderNotesPanel() {
  const text = el('textarea', { id: 'note-text', 'aria-label': 'Private note', maxlength: '4000',
    placeholder: 'Only agents see notes.' });
  const error = el('p', { class: 'composer__error', role: 'alert' });
  const add = el('button', { type: 'button', class: 'button button--small', id: 'add-note', text: 'Add note' });
  add.addEventListener('click', async () => {
    const value = text.value.trim();
    if (!value) return;
    add.disabled = true;
    error.textContent = '';
    try {
      const note = await call('POST', `/api/agent/conversations/${encodeURIComponent(state.view.id)}/notes`, { text: value });
      text.value = '';
      addNote(note);
    } catch (e) {
      if (e.status !== 401) error.textContent = e.message;
    } finally {
      add.disabled = false;
    }
  });
  return el('section', { 'aria-label': 'Private notes' },
    el('h2', { text: 'Private notes' }),
    ui.notes,
    el('div', { class: 'note-form' }, text, error, add),
    el('p', { class: 'private', text: 'Notes are never shown to the customer.' }));
}

function renderNotes() {
  const notes = state.view.notes || [];
  if (!notes.length) {
    replace(ui.notes, el('li', { class: 'card__note', dataset: { empty: 'true' }, text: 'No notes yet.' }));
    return;
  }
  replace(ui.notes, notes.map((n) => el('li', { class: 'note', dataset: { note: n.id } },
    el('div', { class: 'note__meta', text: `${n.authorName} \u00b7 ${clock(n.createdAt)}` }),
    el('div', { class: 'note__text', text: n.text }))));
}

function addNote(note) {
  if (!state.view || state.view.id !== note.conversationId) return;
  state.view.notes = state.view.notes || [];
  if (state.view.notes.some((n) => n.id === note.id)) return;
  state.view.notes.push(note);
  renderNotes();
}

async function loadCanned() {
  try {
    state.canned = (await call('GET', '/api/agent/canned-replies')).replies;
  } catch (e) {
    state.canned = [];
  }
}

function showBanner(message) {
  const old = $('.banner', app);
  if (old) old.remove();
  const banner = el('p', { class: 'banner', role: 'alert', text: message });
  app.insertBefore(banner, app.children[1] || null);
  setTimeout(() => banner.remove(), 6000);
}

// ---------------------------------------------------------------- live updates

function connect() {
  const s = session();
  if (!s) return;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/ws/agent?token=${encodeURIComponent(s.token)}`);
  state.socket = socket;
  setLive('Connecting', '');
  socket.addEventListener('message', (event) => {
    let frame;
    try {
      frame = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    onFrame(frame);
  });
  socket.addEventListener('close', (event) => {
    if (state.socket !== socket) return;
    state.socket = null;
    if (event.code === 4401) {
      signedOut('Your session has ended. Please sign in again.');
      return;
    }
    setLive('Reconnecting', 'live--off');
    const delay = Math.min(15000, 500 * 2 ** state.retry++);
    setTimeout(() => { if (state.me) { loadQueue(); connect(); } }, delay);
  });
}

function closeSocket() {
  const s = state.socket;
  state.socket = null;
  if (s) s.close(1000, 'signed out');
}

function setLive(text, cls) {
  if (!ui.live) return;
  ui.live.textContent = text;
  ui.live.className = `live ${cls}`;
}

function onFrame(f) {
  switch (f.type) {
    case 'hello':
      state.retry = 0;
      setLive('Live', 'live--on');
      break;
    case 'conversation':
      applyItem(f.conversation);
      break;
    case 'message': {
      const item = state.waiting.get(f.conversationId) || state.active.get(f.conversationId);
      if (item) {
        item.lastMessage = { ...f.message, text: f.message.text.replace(/\s+/g, ' ').slice(0, 160) };
        renderQueue();
      }
      if (state.view && state.view.id === f.conversationId) appendMessage(f.message);
      break;
    }
    case 'note':
      addNote(f.note);
      break;
    case 'typing':
      if (state.view && state.view.id === f.conversationId && ui.typing) {
        ui.typing.textContent = 'The customer is typing\u2026';
        clearTimeout(state.typingTimer);
        state.typingTimer = setTimeout(() => { if (ui.typing) ui.typing.textContent = ''; }, 4000);
      }
      break;
    default:
      break;
  }
}
