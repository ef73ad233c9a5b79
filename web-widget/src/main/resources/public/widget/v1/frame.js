// The chat window inside the widget's sandboxed iframe. It talks to the host page only through postMessage
// with the host's exact origin, and to the server through WidgetConnection. Everything anybody wrote is put on
// the page with textContent, never parsed as HTML.

import { DEFAULT_MAX_TEXT_LENGTH } from './protocol.js';
import { MemoryStorage, WidgetConnection } from './connection.js';
import { format, resolveOptions } from './texts.js';

const NS = 'chatbot-widget';
const TYPING_SHOWN_MS = 6000;

const $ = (id) => document.getElementById(id);

/** The host page's origin from `?host=`, checked; null when the frame is opened on its own. */
function hostOriginFromUrl() {
  const raw = new URLSearchParams(window.location.search).get('host');
  if (!raw) return null;
  let url;
  try {
    url = new URL(raw);
  } catch (e) {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.origin !== raw) return null;
  // where the browser tells us who embeds this frame, it must be the origin we were given
  const ancestors = window.location.ancestorOrigins;
  if (ancestors && ancestors.length > 0 && ancestors[0] !== url.origin) return null;
  return url.origin;
}

function storage() {
  try {
    const s = window.localStorage;
    const probe = '__chatbot_probe__';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch (e) {
    return new MemoryStorage();
  }
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

class ChatWindow {
  constructor() {
    this.hostOrigin = hostOriginFromUrl();
    this.standalone = window.parent === window || this.hostOrigin === null;
    this.isOpen = this.standalone;
    this.nodes = new Map(); // transcript entry key -> element
    this.typingTimer = null;
    this.connection = null;
    this.options = resolveOptions({});
    this.log = $('log');
    this.input = $('input');
    this.bindUi();
    if (this.standalone) {
      document.documentElement.classList.add('standalone');
      this.configure({});
    } else {
      window.addEventListener('message', (event) => this.onHostMessage(event));
      this.post('ready', {});
    }
  }

  // ---- host page ----

  post(type, data) {
    if (this.standalone) return;
    window.parent.postMessage({ ns: NS, type, ...data }, this.hostOrigin);
  }

  emitEvent(name, data) {
    this.post('event', { name, data });
  }

  onHostMessage(event) {
    if (event.origin !== this.hostOrigin || event.source !== window.parent) return;
    const msg = event.data;
    if (!msg || typeof msg !== 'object' || msg.ns !== NS) return;
    switch (msg.type) {
      case 'config':
        if (!this.connection) this.configure(msg.options || {});
        if (msg.open) this.setOpen(true);
        break;
      case 'open':
        this.setOpen(true);
        if (msg.focus) this.input.focus();
        break;
      case 'close':
        this.setOpen(false);
        break;
      case 'focus':
        this.input.focus();
        break;
      default:
        break;
    }
  }

  // ---- setup ----

  configure(rawOptions) {
    this.options = resolveOptions(rawOptions);
    const { texts, colors } = this.options;
    const root = document.documentElement.style;
    const names = {
      primary: '--primary', onPrimary: '--on-primary', background: '--background', text: '--text',
      customerBubble: '--customer-bubble', customerText: '--customer-text', botBubble: '--bot-bubble',
      botText: '--bot-text',
    };
    for (const [key, prop] of Object.entries(names)) root.setProperty(prop, colors[key]);
    document.documentElement.lang = this.options.locale;
    $('title').textContent = texts.title;
    $('subtitle').textContent = texts.subtitle;
    $('greeting-text').textContent = texts.greeting;
    $('greeting-who').textContent = texts.botName;
    this.input.placeholder = texts.placeholder;
    this.input.maxLength = DEFAULT_MAX_TEXT_LENGTH;
    $('input-label').textContent = texts.inputLabel;
    $('send').setAttribute('aria-label', texts.send);
    $('send-text').textContent = texts.send;
    $('close').setAttribute('aria-label', texts.close);
    $('close').title = texts.close;
    $('rate').setAttribute('aria-label', texts.rate);
    $('rate').title = texts.rate;
    this.log.setAttribute('aria-label', texts.messagesLabel);
    $('quick-replies').setAttribute('aria-label', texts.quickRepliesLabel);
    $('rating-legend').textContent = texts.ratingPrompt;
    $('rating-comment-label').textContent = texts.ratingComment;
    $('rating-submit').textContent = texts.ratingSubmit;
    $('rating-skip').textContent = texts.ratingSkip;
    for (let n = 1; n <= 5; n++) $(`star-${n}-label`).textContent = format(texts.ratingStar, { n });
    document.title = texts.title;

    this.connection = new WidgetConnection({
      serverOrigin: window.location.origin,
      scope: this.hostOrigin || window.location.origin,
      storage: storage(),
      fetch: window.fetch.bind(window),
      WebSocket: window.WebSocket,
      session: { locale: this.options.locale, email: this.options.email },
      emit: (event, data) => this.onConnectionEvent(event, data),
    });
    window.addEventListener('online', () => this.connection.retryNow());
    window.addEventListener('offline', () => this.connection.networkLost());
    this.renderAll();
    this.connection.restore();
    if (this.isOpen) this.connection.start();
    this.emitEvent('ready', {});
  }

  bindUi() {
    $('composer').addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submit();
      }
    });
    this.input.addEventListener('input', () => {
      this.autoGrow();
      if (this.connection && this.input.value.trim() !== '') this.connection.typing();
    });
    $('close').addEventListener('click', () => this.requestClose());
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && !this.standalone) this.requestClose();
    });
    $('rate').addEventListener('click', () => this.showRating(true));
    $('rating').addEventListener('submit', (e) => {
      e.preventDefault();
      this.submitRating();
    });
    $('rating-skip').addEventListener('click', () => this.hideRating());
    $('rating').addEventListener('change', () => { $('rating-error').hidden = true; });
  }

  setOpen(open) {
    if (this.isOpen === open) return;
    this.isOpen = open;
    if (open && this.connection) {
      this.connection.start();
      this.markSeen();
    }
  }

  requestClose() {
    this.post('close-request', {});
  }

  // ---- sending ----

  submit() {
    const text = this.input.value.trim();
    if (text === '' || !this.connection) return;
    this.input.value = '';
    this.autoGrow();
    this.sendText(text);
    this.input.focus();
  }

  sendText(text) {
    const entry = this.connection.sendMessage(text);
    this.renderEntry(entry);
    this.renderQuickReplies();
    this.scrollToEnd();
  }

  autoGrow() {
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 120)}px`;
  }

  // ---- events from the connection ----

  onConnectionEvent(event, data) {
    switch (event) {
      case 'frame':
        this.onFrame(data.frame, data.change);
        break;
      case 'status':
        this.renderStatus(data);
        break;
      case 'session-ended':
        this.renderAll();
        this.notice(this.options.texts.sessionEnded);
        break;
      case 'session':
        this.emitEvent('conversation', { conversationId: data.conversationId });
        break;
      default:
        break;
    }
  }

  onFrame(frame, change) {
    switch (frame.type) {
      case 'message': {
        if (change.duplicate) return;
        const entry = change.added || change.updated;
        this.renderEntry(entry);
        this.removeStreaming();
        if (frame.role !== 'customer') this.hideTyping();
        if (frame.role === 'agent') this.renderHandoff();
        this.renderQuickReplies();
        this.scrollToEnd();
        if (change.added && frame.role !== 'customer' && frame.seq > this.connection.seenSeq) {
          // new to the customer (not history replayed after a reload)
          this.emitEvent('message', { seq: frame.seq, role: frame.role, text: frame.text, author: frame.author });
        }
        this.markSeen();
        this.reportUnread();
        break;
      }
      case 'ack':
        if (change.acked) this.renderEntry(change.acked);
        break;
      case 'partial':
        this.renderStreaming();
        this.hideTyping();
        this.scrollToEnd();
        break;
      case 'state':
        this.renderHandoff();
        if (change.changed) this.emitEvent('state', { state: frame.state });
        if (frame.state === 'resolved' && !this.connection.rated) this.showRating(false);
        break;
      case 'typing':
        this.showTyping(frame.role);
        break;
      case 'error':
        if (frame.code !== 'rate_limited' && frame.code !== 'store_unavailable') this.notice(frame.message);
        break;
      default:
        break;
    }
  }

  // ---- drawing ----

  renderAll() {
    for (const node of this.nodes.values()) node.remove();
    this.nodes.clear();
    this.removeStreaming();
    for (const entry of this.connection.transcript.entries()) this.renderEntry(entry);
    this.renderQuickReplies();
    this.renderHandoff();
  }

  whoLabel(entry) {
    const t = this.options.texts;
    switch (entry.role) {
      case 'customer':
        return t.you;
      case 'bot':
        return t.botName;
      case 'agent':
        return entry.author || t.agentFallbackName;
      default:
        return t.systemName;
    }
  }

  /** Creates or updates the element of one transcript entry and puts it in its place. */
  renderEntry(entry) {
    const t = this.options.texts;
    let node = this.nodes.get(entry.key);
    if (!node) {
      node = el('div', `msg msg--${entry.role}`);
      node.dataset.key = entry.key;
      node.dataset.role = entry.role;
      const who = el('span', 'msg__who', this.whoLabel(entry));
      const bubble = el('p', 'msg__text', entry.text);
      node.append(who, bubble);
      if (entry.sources && entry.sources.length > 0) {
        const src = el('p', 'msg__sources');
        src.append(el('span', 'msg__sources-label', `${t.sourcePrefix} `));
        entry.sources.forEach((s, i) => {
          if (i > 0) src.append(document.createTextNode(', '));
          const item = el('span', 'msg__source', s.title);
          item.dataset.sourceId = s.id;
          src.append(item);
        });
        node.append(src);
      }
      node.append(el('span', 'msg__meta'));
      this.nodes.set(entry.key, node);
    }
    node.querySelector('.msg__text').textContent = entry.text;
    if (entry.seq !== undefined && entry.status === 'stored') node.dataset.seq = String(entry.seq);
    node.classList.toggle('msg--pending', entry.status === 'pending');
    const meta = node.querySelector('.msg__meta');
    if (entry.status === 'pending') {
      const live = this.connection && this.connection.live;
      meta.textContent = live ? t.sending : t.notSentYet;
    } else {
      meta.textContent = formatTime(entry.ts, this.options.locale);
    }
    // place: before the element of the entry that follows it
    const next = this.connection.transcript.successorOf(entry);
    const before = next ? this.nodes.get(next.key) : null;
    const anchor = before && before.parentNode === this.log ? before : $('streaming-slot');
    if (node.nextSibling !== anchor || node.parentNode !== this.log) this.log.insertBefore(node, anchor);
  }

  renderStreaming() {
    const text = [...this.connection.transcript.streaming.values()].join('\n');
    let node = $('streaming');
    if (!node) {
      node = el('div', 'msg msg--bot msg--streaming');
      node.id = 'streaming';
      node.setAttribute('aria-hidden', 'true'); // the final message is announced, not every piece
      node.append(el('span', 'msg__who', this.options.texts.botName), el('p', 'msg__text'));
      $('streaming-slot').append(node);
    }
    node.querySelector('.msg__text').textContent = text;
  }

  removeStreaming() {
    const node = $('streaming');
    if (node) node.remove();
  }

  renderQuickReplies() {
    const box = $('quick-replies');
    box.replaceChildren();
    const replies = this.connection ? this.connection.transcript.currentQuickReplies() : [];
    for (const reply of replies) {
      const b = el('button', 'quick-reply', reply);
      b.type = 'button';
      b.addEventListener('click', () => this.sendText(reply));
      box.append(b);
    }
    box.hidden = replies.length === 0;
  }

  renderHandoff() {
    const t = this.options.texts;
    const banner = $('handoff');
    const state = this.connection ? this.connection.transcript.state : 'bot';
    banner.className = `chat__handoff chat__handoff--${state}`;
    let text = '';
    if (state === 'waiting_for_agent') text = t.waitingForAgent;
    if (state === 'agent') {
      text = format(t.agentJoined, { name: this.connection.transcript.lastAgentName() || t.agentFallbackName });
    }
    if (state === 'resolved') text = t.resolved;
    if (banner.dataset.text !== text) {
      banner.dataset.text = text;
      $('handoff-text').textContent = text;
    }
    banner.hidden = text === '';
  }

  renderStatus(data) {
    const t = this.options.texts;
    const line = $('connection');
    let text = '';
    if (data.status === 'connecting' && this.nodes.size > 0) text = t.connecting;
    if (data.status === 'reconnecting' || data.status === 'offline') {
      text = navigator.onLine === false ? t.offline : t.reconnecting;
    }
    if (data.status === 'failed') text = data.message || t.failed;
    line.textContent = text;
    line.hidden = text === '';
    line.dataset.status = data.status;
    document.documentElement.dataset.connection = data.status;
    // pending messages say whether they are on their way
    for (const entry of this.connection ? this.connection.transcript.pending.values() : []) {
      if (entry.status === 'pending') this.renderEntry(entry);
    }
  }

  showTyping(role) {
    const t = this.options.texts;
    const name = role === 'agent'
      ? (this.connection.transcript.lastAgentName() || t.agentFallbackName) : t.botName;
    $('typing-text').textContent = format(t.typing, { name });
    $('typing').hidden = false;
    this.scrollToEnd();
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.hideTyping(), TYPING_SHOWN_MS);
  }

  hideTyping() {
    clearTimeout(this.typingTimer);
    $('typing').hidden = true;
  }

  notice(text) {
    const n = el('div', 'notice', text);
    n.setAttribute('role', 'status');
    this.log.insertBefore(n, $('streaming-slot'));
    this.scrollToEnd();
  }

  showRating(focus) {
    if (!this.connection || !this.connection.hasSession()) return;
    const form = $('rating');
    $('rating-thanks').hidden = true;
    $('rating-error').hidden = true;
    form.hidden = false;
    $('rating-fields').hidden = false;
    if (focus) form.querySelector('input[name="score"]').focus();
    this.scrollToEnd();
  }

  hideRating() {
    $('rating').hidden = true;
    this.input.focus();
  }

  submitRating() {
    const t = this.options.texts;
    const chosen = $('rating').querySelector('input[name="score"]:checked');
    const error = $('rating-error');
    if (!chosen) {
      error.textContent = t.ratingNeedsScore;
      error.hidden = false;
      return;
    }
    const score = Number(chosen.value);
    if (!this.connection.rate(score, $('rating-comment').value)) {
      error.textContent = t.ratingOffline;
      error.hidden = false;
      return;
    }
    error.hidden = true;
    $('rating-fields').hidden = true;
    const thanks = $('rating-thanks');
    thanks.textContent = t.ratingThanks;
    thanks.hidden = false;
    this.scrollToEnd();
    this.input.focus();
    this.emitEvent('rating', { score });
  }

  scrollToEnd() {
    const scroller = $('scroller');
    scroller.scrollTop = scroller.scrollHeight;
  }

  // ---- unread ----

  markSeen() {
    if (!this.connection) return;
    if (this.isOpen && document.visibilityState !== 'hidden') {
      this.connection.markSeen(this.connection.transcript.maxSeq);
    }
    this.reportUnread();
  }

  reportUnread() {
    const count = this.isOpen ? 0 : this.connection.transcript.unreadAfter(this.connection.seenSeq);
    if (count !== this.lastUnread) {
      this.lastUnread = count;
      this.post('unread', { count });
    }
  }
}

function formatTime(ts, locale) {
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return '';
  try {
    return d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  } catch (e) {
    return d.toISOString().slice(11, 16);
  }
}

new ChatWindow();
