// What the customer sees of a conversation, as data: stored messages by sequence number, the customer's
// messages that are not stored yet, the answer being streamed and the conversation's state. The UI draws
// from it; the connection feeds it frames. No DOM here, so it runs under Node's test runner too.

/**
 * One line of the transcript.
 * @typedef {{key: string, seq: number|undefined, clientId: string|undefined, role: string, text: string,
 *   ts: string|undefined, author: string|undefined, quickReplies: string[], sources: {id: string, title: string}[],
 *   status: 'pending'|'stored'}} Entry
 */

export class Transcript {
  constructor() {
    /** @type {Map<number, Entry>} stored messages by seq */
    this.bySeq = new Map();
    /** @type {Map<string, Entry>} customer messages waiting for their ack or stored copy, by clientId */
    this.pending = new Map();
    /** @type {Map<string, string>} streamed answer text by the clientId it answers */
    this.streaming = new Map();
    this.state = 'bot';
    /** highest seq up to which every message is here: what `resume` asks after */
    this.contiguousSeq = 0;
    this.maxSeq = 0;
  }

  /** Adds a message the customer just wrote; it shows as pending until the server has stored it. */
  addPending(clientId, text, ts = new Date().toISOString()) {
    if (this.pending.has(clientId)) return this.pending.get(clientId);
    const entry = {
      key: `c:${clientId}`, seq: undefined, clientId, role: 'customer', text, ts, author: undefined,
      quickReplies: [], sources: [], status: 'pending',
    };
    this.pending.set(clientId, entry);
    return entry;
  }

  /**
   * Applies one parsed server frame. Returns what changed, for the UI: `{added, updated, duplicate}` for
   * messages, `{acked}` for acks, `{streaming}` for partials, `{state}` for states, `{}` otherwise.
   */
  apply(frame) {
    switch (frame.type) {
      case 'message':
        return this.applyMessage(frame);
      case 'ack':
        return this.applyAck(frame);
      case 'partial': {
        this.streaming.set(frame.replyTo, (this.streaming.get(frame.replyTo) || '') + frame.delta);
        return { streaming: frame.replyTo };
      }
      case 'state': {
        const changed = this.state !== frame.state;
        this.state = frame.state;
        return { state: frame.state, changed };
      }
      default:
        return {};
    }
  }

  applyMessage(frame) {
    if (this.bySeq.has(frame.seq)) return { duplicate: true };
    if (frame.role !== 'customer') this.streaming.clear(); // the final message replaces the streamed pieces
    let entry = frame.clientId !== undefined ? this.pending.get(frame.clientId) : undefined;
    let result;
    if (entry) {
      this.pending.delete(frame.clientId);
      entry.seq = frame.seq;
      entry.ts = frame.ts;
      entry.text = frame.text; // as stored (trimmed, control characters removed)
      entry.status = 'stored';
      result = { updated: entry };
    } else {
      entry = {
        key: `s:${frame.seq}`, seq: frame.seq, clientId: frame.clientId, role: frame.role, text: frame.text,
        ts: frame.ts, author: frame.author, quickReplies: frame.quickReplies || [], sources: frame.sources || [],
        status: 'stored',
      };
      result = { added: entry };
    }
    this.bySeq.set(frame.seq, entry);
    this.maxSeq = Math.max(this.maxSeq, frame.seq);
    while (this.bySeq.has(this.contiguousSeq + 1)) this.contiguousSeq++;
    return result;
  }

  applyAck(frame) {
    const entry = this.pending.get(frame.clientId);
    if (!entry) return { acked: undefined };
    // stored: it stays in `pending` (without a place in the order) until its message frame comes, which the
    // server sends before or right after the ack; a later resume brings it in any case
    entry.status = 'stored';
    entry.seq = frame.seq;
    return { acked: entry };
  }

  /** True when a message is missing between the first and the newest one received. */
  hasGap() {
    return this.contiguousSeq < this.maxSeq;
  }

  /** Every entry in the order to show: stored messages by seq, then the customer's unstored ones. */
  entries() {
    const stored = [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
    const waiting = [...this.pending.values()].sort((a, b) => (a.seq || Infinity) - (b.seq || Infinity));
    return stored.concat(waiting);
  }

  /** The entry that should come right after `entry` on screen, or undefined if it is the last. */
  successorOf(entry) {
    const all = this.entries();
    const i = all.indexOf(entry);
    return i >= 0 ? all[i + 1] : undefined;
  }

  /** Quick replies offered by the newest message, if it is the bot's; older offers are no longer valid. */
  currentQuickReplies() {
    if (this.pending.size > 0 || this.maxSeq === 0) return [];
    const newest = this.bySeq.get(this.maxSeq);
    return newest && newest.role === 'bot' ? newest.quickReplies : [];
  }

  /** Messages from the bot, agents or the system with a seq above `seenSeq`. */
  unreadAfter(seenSeq) {
    let count = 0;
    for (const entry of this.bySeq.values()) {
      if (entry.seq > seenSeq && entry.role !== 'customer') count++;
    }
    return count;
  }

  /** The display name of the agent who wrote last, if any. */
  lastAgentName() {
    let best;
    for (const entry of this.bySeq.values()) {
      if (entry.role === 'agent' && (!best || entry.seq > best.seq)) best = entry;
    }
    return best ? best.author : undefined;
  }

  clear() {
    this.bySeq.clear();
    this.pending.clear();
    this.streaming.clear();
    this.state = 'bot';
    this.contiguousSeq = 0;
    this.maxSeq = 0;
  }
}
