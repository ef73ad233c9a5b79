// The widget's side of the chat protocol (docs/protocol.md, contracts section 6): reading server frames and
// writing client frames. Pure functions with no DOM and no network, so Node's test runner can check them
// against the golden frames in connectors/src/test/resources/protocol/.

/** Frame types the server sends; a frame of any other type is ignored (newer servers may add some). */
export const SERVER_TYPES = Object.freeze(['ack', 'message', 'partial', 'state', 'typing', 'error']);

/** Frame types the widget sends. */
export const CLIENT_TYPES = Object.freeze(['message', 'resume', 'typing', 'rating']);

export const ROLES = Object.freeze(['customer', 'bot', 'agent', 'system']);

export const STATES = Object.freeze(['bot', 'waiting_for_agent', 'agent', 'resolved']);

/** Close codes of the chat socket and what the widget does about each. */
export const CLOSE = Object.freeze({
  GOING_AWAY: 1001, // server shutting down: reconnect and resume
  UNSUPPORTED_DATA: 1003,
  INVALID_PAYLOAD: 1007,
  ORIGIN_REFUSED: 1008, // this page may not chat: do not retry
  TOO_BIG: 1009,
  SERVER_ERROR: 1011, // database unreachable: reconnect later
  INVALID_TOKEN: 4401, // token expired or unknown: start a new conversation
});

/** Error codes after which the same message may simply be sent again (same clientId). */
export const RETRYABLE_ERRORS = Object.freeze(['rate_limited', 'store_unavailable', 'internal_error']);

export const CLIENT_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

/** The server's default longest message; it refuses longer ones with `text_too_long`. */
export const DEFAULT_MAX_TEXT_LENGTH = 4000;

export const MAX_COMMENT_LENGTH = 1000;

/** Thrown for a frame that does not follow the protocol. */
export class ProtocolError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ProtocolError';
  }
}

function requireString(obj, field, { optional = false } = {}) {
  const value = obj[field];
  if (value === undefined || value === null) {
    if (optional) return undefined;
    throw new ProtocolError(`${obj.type} frame without '${field}'`);
  }
  if (typeof value !== 'string') throw new ProtocolError(`${obj.type} frame: '${field}' is not a string`);
  return value;
}

function requireSeq(obj, field) {
  const value = obj[field];
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new ProtocolError(`${obj.type} frame: '${field}' is not a sequence number`);
  }
  return value;
}

function stringList(obj, field) {
  const value = obj[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new ProtocolError(`${obj.type} frame: '${field}' is not a list of strings`);
  }
  return value.slice();
}

function sourceList(obj) {
  const value = obj.sources;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ProtocolError("message frame: 'sources' is not a list");
  return value.map((s) => {
    if (s === null || typeof s !== 'object' || typeof s.id !== 'string' || typeof s.title !== 'string') {
      throw new ProtocolError("message frame: a source needs a string 'id' and 'title'");
    }
    return { id: s.id, title: s.title };
  });
}

/**
 * Reads one server frame from the socket's text. Returns a fresh, checked object with only the fields the
 * widget knows, or `null` for a frame type this widget does not know (ignored, so older widgets keep working
 * against newer servers). Throws a ProtocolError for text that is not a frame or a known frame that is broken.
 */
export function parseServerFrame(text) {
  let obj;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    throw new ProtocolError('frame is not JSON');
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
    throw new ProtocolError('frame is not a JSON object');
  }
  if (typeof obj.type !== 'string') throw new ProtocolError("frame without 'type'");
  switch (obj.type) {
    case 'ack':
      return { type: 'ack', clientId: requireString(obj, 'clientId'), seq: requireSeq(obj, 'seq') };
    case 'message': {
      const frame = {
        type: 'message',
        seq: requireSeq(obj, 'seq'),
        role: requireString(obj, 'role'),
        text: requireString(obj, 'text'),
        ts: requireString(obj, 'ts'),
        quickReplies: stringList(obj, 'quickReplies'),
        sources: sourceList(obj),
      };
      const clientId = requireString(obj, 'clientId', { optional: true });
      const author = requireString(obj, 'author', { optional: true });
      if (clientId !== undefined) frame.clientId = clientId;
      if (author !== undefined) frame.author = author;
      if (!ROLES.includes(frame.role)) frame.role = 'system'; // a role from a newer server: show it neutrally
      return frame;
    }
    case 'partial':
      return { type: 'partial', replyTo: requireString(obj, 'replyTo'), delta: requireString(obj, 'delta') };
    case 'state':
      return { type: 'state', state: requireString(obj, 'state') };
    case 'typing':
      return { type: 'typing', role: requireString(obj, 'role', { optional: true }) || 'bot' };
    case 'error':
      return { type: 'error', code: requireString(obj, 'code'), message: requireString(obj, 'message') };
    default:
      return null;
  }
}

/** A customer message. The same clientId must be used when the message is sent again. */
export function messageFrame(clientId, text) {
  if (!CLIENT_ID_PATTERN.test(clientId)) throw new ProtocolError(`invalid clientId '${clientId}'`);
  if (typeof text !== 'string' || text.trim() === '') throw new ProtocolError('empty message');
  return { type: 'message', clientId, text };
}

/** Asks the server for every message after `afterSeq` (0 for all of them). */
export function resumeFrame(afterSeq) {
  if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) throw new ProtocolError(`invalid afterSeq ${afterSeq}`);
  return { type: 'resume', afterSeq };
}

export function typingFrame() {
  return { type: 'typing' };
}

/** A 1-5 rating of the conversation; the comment is left out when empty. */
export function ratingFrame(score, comment) {
  if (!Number.isInteger(score) || score < 1 || score > 5) throw new ProtocolError(`invalid score ${score}`);
  const frame = { type: 'rating', score };
  const trimmed = typeof comment === 'string' ? comment.trim() : '';
  if (trimmed !== '') frame.comment = trimmed.slice(0, MAX_COMMENT_LENGTH);
  return frame;
}

/** The text sent over the socket for a client frame. */
export function encode(frame) {
  if (!frame || !CLIENT_TYPES.includes(frame.type)) throw new ProtocolError('not a client frame');
  return JSON.stringify(frame);
}

/**
 * A new, unique client id for a customer message: a time part and a random part, within the allowed
 * alphabet and length. `randomValues` fills a Uint32Array (crypto.getRandomValues in browsers and Node).
 */
export function newClientId(now = Date.now(), randomValues = (a) => globalThis.crypto.getRandomValues(a)) {
  const r = randomValues(new Uint32Array(2));
  return `w-${now.toString(36)}-${r[0].toString(36)}${r[1].toString(36)}`;
}

/** Whether the socket should be opened again after it closed with `code`, and how. */
export function afterClose(code) {
  if (code === CLOSE.ORIGIN_REFUSED) return 'stop';
  if (code === CLOSE.INVALID_TOKEN) return 'new-session';
  return 'reconnect';
}

/** Milliseconds to wait before reconnect attempt number `attempt` (0-based): doubling, capped, jittered. */
export function backoffDelay(attempt, random = Math.random, { base = 500, max = 30000 } = {}) {
  const ceiling = Math.min(max, base * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
