// The widget's conversation with the server: starting a session, keeping the chat socket open (reconnect with
// exponential backoff, then `resume` after the last message it has), and delivering the customer's messages
// exactly once (each keeps its clientId and is sent again until the server acknowledges it). The token, the
// last message seen and the unsent messages live in storage, so a page reload loses nothing.
//
// Browser objects (fetch, WebSocket, localStorage, timers) are passed in, so Node's tests can drive it.

import {
  afterClose, backoffDelay, encode, messageFrame, newClientId, parseServerFrame, ProtocolError, ratingFrame,
  resumeFrame, RETRYABLE_ERRORS, typingFrame,
} from './protocol.js';
import { Transcript } from './transcript.js';

const STORAGE_PREFIX = 'chatbot-widget.v1:';
/** How long a sent message may wait for its ack before the socket is taken for dead and reopened. */
const ACK_TIMEOUT_MS = 10000;
/** How long before unacknowledged messages are sent again after a retryable error. */
const RETRY_AFTER_MS = 3000;
/** How long a hole in the sequence numbers may stay before the widget asks for a replay. */
const GAP_TIMEOUT_MS = 2000;
const TYPING_INTERVAL_MS = 2000;

/** A Storage-like object in memory, for when localStorage is not available (privacy modes). */
export class MemoryStorage {
  constructor() { this.map = new Map(); }
  getItem(k) { return this.map.has(k) ? this.map.get(k) : null; }
  setItem(k, v) { this.map.set(k, String(v)); }
  removeItem(k) { this.map.delete(k); }
}

export class WidgetConnection {
  /**
   * @param {object} o
   * @param {string} o.serverOrigin   e.g. https://chat.example.com
   * @param {string} o.scope          separates the stored state of different host sites (the host's origin)
   * @param {object} o.storage        localStorage or a MemoryStorage
   * @param {Function} o.fetch        window.fetch
   * @param {Function} o.WebSocket    window.WebSocket
   * @param {{locale?: string, email?: string}} [o.session]  fields for a new session
   * @param {(event: string, data?: object) => void} o.emit  notifications for the UI
   */
  constructor(o) {
    this.serverOrigin = o.serverOrigin;
    this.storage = o.storage;
    this.fetch = o.fetch;
    this.WebSocket = o.WebSocket;
    this.sessionFields = o.session || {};
    this.emit = o.emit || (() => {});
    this.setTimeout = o.setTimeout || globalThis.setTimeout.bind(globalThis);
    this.clearTimeout = o.clearTimeout || globalThis.clearTimeout.bind(globalThis);
    this.random = o.random || Math.random;
    this.now = o.now || Date.now;
    this.key = STORAGE_PREFIX + (o.scope || 'default');
    this.transcript = new Transcript();
    this.socket = null;
    this.live = false; // the socket is open and the server has sent its first state
    this.attempt = 0;
    this.reconnectTimer = null;
    this.retryTimer = null;
    this.gapTimer = null;
    this.ackTimers = new Map();
    this.lastTyping = 0;
    this.stopped = false;
    this.starting = null;
    this.saved = this.load();
    for (const m of this.saved.outbox) this.transcript.addPending(m.clientId, m.text, m.ts);
  }

  load() {
    let data = null;
    try {
      data = JSON.parse(this.storage.getItem(this.key) || 'null');
    } catch (e) {
      data = null;
    }
    const ok = data && typeof data === 'object';
    return {
      conversationId: ok && typeof data.conversationId === 'string' ? data.conversationId : null,
      token: ok && typeof data.token === 'string' ? data.token : null,
      expiresAt: ok && typeof data.expiresAt === 'string' ? data.expiresAt : null,
      seenSeq: ok && Number.isSafeInteger(data.seenSeq) ? data.seenSeq : 0,
      rated: ok && data.rated === true,
      outbox: ok && Array.isArray(data.outbox)
        ? data.outbox.filter((m) => m && typeof m.clientId === 'string' && typeof m.text === 'string') : [],
    };
  }

  save() {
    try {
      this.storage.setItem(this.key, JSON.stringify(this.saved));
    } catch (e) {
      // storage full or refused: the state stays in memory for this page
    }
  }

  hasSession() {
    if (!this.saved.token) return false;
    const expires = Date.parse(this.saved.expiresAt || '');
    return Number.isNaN(expires) || expires > this.now() + 60000;
  }

  /** Reconnects to a stored conversation, if there is one (page load). */
  restore() {
    if (this.hasSession()) {
      this.connect();
      return true;
    }
    if (this.saved.token) this.forgetSession();
    if (this.saved.outbox.length > 0) this.start();
    return false;
  }

  /** Makes sure there is a conversation and an open socket (first open of the chat, first message). */
  start() {
    if (this.stopped) return Promise.resolve();
    if (this.hasSession()) {
      if (!this.socket && !this.reconnectTimer) this.connect();
      return Promise.resolve();
    }
    if (!this.starting) {
      this.starting = this.createSession().finally(() => { this.starting = null; });
    }
    return this.starting;
  }

  async createSession() {
    this.emit('status', { status: 'connecting' });
    const body = {};
    if (this.sessionFields.locale) body.locale = this.sessionFields.locale;
    if (this.sessionFields.email) body.email = this.sessionFields.email;
    let response;
    try {
      response = await this.fetch(`${this.serverOrigin}/api/widget/sessions`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
        credentials: 'omit',
      });
    } catch (e) {
      this.scheduleReconnect();
      return;
    }
    if (response.status !== 201) {
      let message = `The chat could not start (HTTP ${response.status}).`;
      try {
        const err = await response.json();
        if (err && typeof err.message === 'string') message = err.message;
      } catch (e) { /* keep the generic message */ }
      if (response.status >= 500 || response.status === 429) {
        this.scheduleReconnect();
      } else {
        this.emit('status', { status: 'failed', message });
      }
      return;
    }
    const s = await response.json();
    this.saved.conversationId = s.conversationId;
    this.saved.token = s.token;
    this.saved.expiresAt = s.expiresAt || null;
    this.saved.seenSeq = 0;
    this.saved.rated = false;
    this.save();
    this.emit('session', { conversationId: s.conversationId });
    this.connect();
  }

  socketUrl() {
    const ws = this.serverOrigin.replace(/^http/, 'ws');
    return `${ws}/ws/chat?token=${encodeURIComponent(this.saved.token)}`;
  }

  connect() {
    if (this.stopped || !this.saved.token) return;
    this.cancelReconnect();
    if (this.socket) return;
    this.emit('status', { status: this.attempt === 0 ? 'connecting' : 'reconnecting' });
    let socket;
    try {
      socket = new this.WebSocket(this.socketUrl());
    } catch (e) {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onmessage = (event) => { if (this.socket === socket) this.onFrame(event.data); };
    socket.onclose = (event) => { if (this.socket === socket) this.onClose(event.code); };
    socket.onerror = () => { /* a close event follows */ };
  }

  onFrame(text) {
    let frame;
    try {
      frame = parseServerFrame(text);
    } catch (e) {
      if (e instanceof ProtocolError) {
        this.emit('protocol-error', { message: e.message });
        return;
      }
      throw e;
    }
    if (frame === null) return; // a frame type from a newer server
    if (frame.type === 'state' && !this.live) {
      this.live = true;
      this.attempt = 0;
      this.send(resumeFrame(this.transcript.contiguousSeq));
      this.flushOutbox();
      this.emit('status', { status: 'online' });
    }
    const change = this.transcript.apply(frame);
    switch (frame.type) {
      case 'ack':
        this.onAck(frame);
        break;
      case 'message':
        if (frame.clientId) this.forgetOutgoing(frame.clientId); // stored, also when the ack was lost
        if (this.transcript.hasGap()) this.watchGap(); else this.cancelGap();
        break;
      case 'error':
        if (RETRYABLE_ERRORS.includes(frame.code)) this.retryLater();
        break;
      default:
        break;
    }
    this.emit('frame', { frame, change });
  }

  onAck(frame) {
    this.forgetOutgoing(frame.clientId);
  }

  forgetOutgoing(clientId) {
    const timer = this.ackTimers.get(clientId);
    if (timer !== undefined) {
      this.clearTimeout(timer);
      this.ackTimers.delete(clientId);
    }
    const before = this.saved.outbox.length;
    this.saved.outbox = this.saved.outbox.filter((m) => m.clientId !== clientId);
    if (this.saved.outbox.length !== before) this.save();
  }

  onClose(code) {
    this.socket = null;
    this.live = false;
    for (const t of this.ackTimers.values()) this.clearTimeout(t);
    this.ackTimers.clear();
    this.cancelGap();
    if (this.stopped) return;
    const next = afterClose(code);
    if (next === 'stop') {
      this.emit('status', { status: 'failed', message: 'This page is not allowed to open the chat.' });
    } else if (next === 'new-session') {
      // the token expired or the conversation is gone: unsent messages go to a new conversation
      this.forgetSession();
      this.transcript.clear();
      for (const m of this.saved.outbox) this.transcript.addPending(m.clientId, m.text, m.ts);
      this.emit('session-ended', {});
      this.start();
    } else {
      this.scheduleReconnect();
    }
  }

  forgetSession() {
    this.saved.conversationId = null;
    this.saved.token = null;
    this.saved.expiresAt = null;
    this.saved.seenSeq = 0;
    this.saved.rated = false;
    this.save();
  }

  scheduleReconnect() {
    if (this.stopped || this.reconnectTimer) return;
    const delay = backoffDelay(this.attempt, this.random);
    this.attempt++;
    this.emit('status', { status: 'offline', retryInMs: delay });
    this.reconnectTimer = this.setTimeout(() => {
      this.reconnectTimer = null;
      if (this.saved.token) this.connect(); else this.start();
    }, delay);
  }

  cancelReconnect() {
    if (this.reconnectTimer) {
      this.clearTimeout(this.reconnectTimer);
      this.reconnectTimer = null;
    }
  }

  /**
   * The browser says the network is gone (`offline` event). A socket can look open for minutes after that, so
   * it is dropped now: new messages wait in the outbox instead of going into a dead connection.
   */
  networkLost() {
    if (!this.socket || this.stopped) return;
    const s = this.socket;
    this.onClose(4000);
    try { s.close(4000, 'offline'); } catch (e) { /* already closing */ }
  }

  /** The network came back (browser `online` event): try now instead of waiting for the backoff. */
  retryNow() {
    if (this.socket || this.stopped) return;
    this.cancelReconnect();
    this.attempt = 0;
    if (this.saved.token) this.connect(); else if (this.saved.outbox.length > 0) this.start();
  }

  /** Sends a customer message: shown at once as pending, delivered when the server is reachable. */
  sendMessage(text) {
    const trimmed = String(text).trim();
    const clientId = newClientId(this.now());
    const frame = messageFrame(clientId, trimmed); // throws for an empty message
    const ts = new Date(this.now()).toISOString();
    this.saved.outbox.push({ clientId, text: trimmed, ts });
    this.save();
    const entry = this.transcript.addPending(clientId, trimmed, ts);
    if (this.live) this.sendOutgoing(frame); else this.start();
    return entry;
  }

  sendOutgoing(frame) {
    if (!this.send(frame)) return;
    if (!this.ackTimers.has(frame.clientId)) {
      this.ackTimers.set(frame.clientId, this.setTimeout(() => {
        this.ackTimers.delete(frame.clientId);
        // no ack in time: the socket is probably dead without knowing it; reopen it and resend
        if (this.socket && this.saved.outbox.some((m) => m.clientId === frame.clientId)) {
          const s = this.socket;
          this.onClose(4000);
          try { s.close(4000, 'no ack'); } catch (e) { /* already closing */ }
        }
      }, ACK_TIMEOUT_MS));
    }
  }

  /** Sends every message not acknowledged yet, oldest first, with its original clientId. */
  flushOutbox() {
    for (const m of this.saved.outbox) this.sendOutgoing(messageFrame(m.clientId, m.text));
  }

  retryLater() {
    if (this.retryTimer) return;
    this.retryTimer = this.setTimeout(() => {
      this.retryTimer = null;
      if (this.live) this.flushOutbox();
    }, RETRY_AFTER_MS);
  }

  watchGap() {
    if (this.gapTimer) return;
    this.gapTimer = this.setTimeout(() => {
      this.gapTimer = null;
      if (this.live && this.transcript.hasGap()) this.send(resumeFrame(this.transcript.contiguousSeq));
    }, GAP_TIMEOUT_MS);
  }

  cancelGap() {
    if (this.gapTimer) {
      this.clearTimeout(this.gapTimer);
      this.gapTimer = null;
    }
  }

  /** Tells the other side the customer is typing, at most every two seconds. */
  typing() {
    const now = this.now();
    if (!this.live || now - this.lastTyping < TYPING_INTERVAL_MS) return;
    this.lastTyping = now;
    this.send(typingFrame());
  }

  /** Rates the conversation; returns false when it could not be sent (offline). */
  rate(score, comment) {
    const ok = this.live && this.send(ratingFrame(score, comment));
    if (ok) {
      this.saved.rated = true;
      this.save();
    }
    return ok;
  }

  get rated() {
    return this.saved.rated;
  }

  /** The newest seq the customer has seen with the chat open (for the unread count). */
  markSeen(seq) {
    if (seq > this.saved.seenSeq) {
      this.saved.seenSeq = seq;
      this.save();
    }
  }

  get seenSeq() {
    return this.saved.seenSeq;
  }

  /** Messages the customer wrote that the server has not stored yet. */
  get unsent() {
    return this.saved.outbox.length;
  }

  send(frame) {
    if (!this.socket || this.socket.readyState !== 1) return false;
    try {
      this.socket.send(encode(frame));
      return true;
    } catch (e) {
      return false;
    }
  }

  /** Closes the socket for good (page unload, tests). */
  stop() {
    this.stopped = true;
    this.cancelReconnect();
    this.cancelGap();
    if (this.retryTimer) this.clearTimeout(this.retryTimer);
    for (const t of this.ackTimers.values()) this.clearTimeout(t);
    if (this.socket) {
      try { this.socket.close(1000, 'bye'); } catch (e) { /* ignore */ }
      this.socket = null;
    }
  }
}
