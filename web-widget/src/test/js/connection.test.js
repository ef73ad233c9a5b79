// WidgetConnection against a scripted server: a fake socket, a fake fetch, fake timers and an in-memory
// storage stand in for the browser, and the frames the "server" sends are the golden ones or built the same way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStorage, WidgetConnection } from '../../main/resources/public/widget/v1/connection.js';
import { fixtures } from './fixtures.js';

const golden = fixtures('server');

class FakeSocket {
  static all = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    FakeSocket.all.push(this);
  }
  static last() { return FakeSocket.all[FakeSocket.all.length - 1]; }
  open() { this.readyState = 1; }
  send(text) { if (this.readyState !== 1) throw new Error('not open'); this.sent.push(JSON.parse(text)); }
  close() { this.readyState = 3; }
  receive(frame) { this.onmessage({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) }); }
  drop(code = 1006) { this.readyState = 3; this.onclose({ code }); }
}

class FakeTimers {
  constructor() { this.now = 1_700_000_000_000; this.queue = []; this.nextId = 1; }
  setTimeout = (fn, ms) => { const id = this.nextId++; this.queue.push({ id, at: this.now + ms, fn }); return id; };
  clearTimeout = (id) => { this.queue = this.queue.filter((t) => t.id !== id); };
  advance(ms) {
    const until = this.now + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const t = this.queue[0];
      if (!t || t.at > until) break;
      this.queue.shift();
      this.now = t.at;
      t.fn();
    }
    this.now = until;
  }
}

function harness({ storage = new MemoryStorage(), sessions = [] } = {}) {
  FakeSocket.all = [];
  const timers = new FakeTimers();
  const events = [];
  let sessionNo = 0;
  const fetch = async (url, init) => {
    assert.match(url, /\/api\/widget\/sessions$/);
    assert.equal(init.method, 'POST');
    sessionNo++;
    const s = sessions[sessionNo - 1] || { conversationId: `conv-${sessionNo}`, token: `token-${sessionNo}` };
    return { status: 201, json: async () => ({ ...s, expiresAt: new Date(timers.now + 86_400_000).toISOString() }) };
  };
  const connection = new WidgetConnection({
    serverOrigin: 'http://chat.test', scope: 'http://shop.test', storage, fetch, WebSocket: FakeSocket,
    setTimeout: timers.setTimeout, clearTimeout: timers.clearTimeout, now: () => timers.now, random: () => 1,
    emit: (event, data) => events.push({ event, data }),
  });
  return { connection, timers, storage, events, sessions: () => sessionNo };
}

const flush = () => new Promise((r) => setImmediate(r));

function serverMessage(seq, role, text, extra = {}) {
  return { type: 'message', seq, role, text, ts: '2026-11-23T10:15:30Z', ...extra };
}

/** Opens the newest fake socket as the server does: open, then the conversation's state. */
function accept(state = 'bot') {
  const s = FakeSocket.last();
  s.open();
  s.receive({ type: 'state', state });
  return s;
}

test('a new conversation: session, socket with the token, resume from 0, message acknowledged', async () => {
  const h = harness();
  await h.connection.start();
  assert.equal(h.sessions(), 1);
  assert.equal(FakeSocket.last().url, 'ws://chat.test/ws/chat?token=token-1');
  const s = accept();
  assert.deepEqual(s.sent, [{ type: 'resume', afterSeq: 0 }]);

  h.connection.sendMessage('  Where is my order A1B2C3?  ');
  const sent = s.sent[1];
  assert.equal(sent.type, 'message');
  assert.equal(sent.text, 'Where is my order A1B2C3?');
  assert.equal(h.connection.unsent, 1);

  s.receive(serverMessage(1, 'customer', sent.text, { clientId: sent.clientId }));
  s.receive({ type: 'ack', clientId: sent.clientId, seq: 1 });
  s.receive(golden['typing']);
  s.receive(serverMessage(2, 'bot', 'Let me check that.'));
  assert.equal(h.connection.unsent, 0);
  assert.deepEqual(h.connection.transcript.entries().map((e) => [e.seq, e.role, e.status]),
    [[1, 'customer', 'stored'], [2, 'bot', 'stored']]);
  const saved = JSON.parse(h.storage.getItem('chatbot-widget.v1:http://shop.test'));
  assert.equal(saved.token, 'token-1');
  assert.deepEqual(saved.outbox, []);
});

test('the socket drops before the ack: reconnect with backoff, resume, same clientId again, shown once', async () => {
  const h = harness();
  await h.connection.start();
  let s = accept();
  s.receive(serverMessage(1, 'bot', 'Hello!'));
  h.connection.sendMessage('first');
  const first = s.sent.at(-1);
  s.drop(1006);

  // while offline the customer writes again
  h.connection.sendMessage('second');
  assert.equal(FakeSocket.all.length, 1, 'no new socket before the backoff delay');
  assert.deepEqual(h.connection.transcript.entries().map((e) => e.status), ['stored', 'pending', 'pending']);

  h.timers.advance(500);
  assert.equal(FakeSocket.all.length, 2, 'reconnected after the first backoff step');
  s = accept();
  const [resume, again1, again2] = s.sent;
  assert.deepEqual(resume, { type: 'resume', afterSeq: 1 });
  assert.equal(again1.clientId, first.clientId);
  assert.equal(again1.text, 'first');
  assert.equal(again2.text, 'second');

  // the server had stored "first" before the drop: the replay brings it, and the resend is acked with its seq
  s.receive(serverMessage(2, 'customer', 'first', { clientId: first.clientId }));
  s.receive({ type: 'ack', clientId: first.clientId, seq: 2 });
  s.receive(serverMessage(3, 'customer', 'second', { clientId: again2.clientId }));
  s.receive({ type: 'ack', clientId: again2.clientId, seq: 3 });
  s.receive(serverMessage(2, 'customer', 'first', { clientId: first.clientId })); // live copy after the replay

  assert.deepEqual(h.connection.transcript.entries().map((e) => [e.seq, e.text]),
    [[1, 'Hello!'], [2, 'first'], [3, 'second']]);
  assert.equal(h.connection.unsent, 0);
});

test('reconnect delays grow while the server stays away, and reset once it is back', async () => {
  const h = harness();
  await h.connection.start();
  accept();
  FakeSocket.last().drop(1001);
  const delays = [];
  for (let i = 0; i < 5; i++) {
    const before = FakeSocket.all.length;
    let waited = 0;
    while (FakeSocket.all.length === before) { h.timers.advance(100); waited += 100; }
    delays.push(waited);
    FakeSocket.last().drop(1006);
  }
  assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000]);
  h.timers.advance(16000);
  accept();
  FakeSocket.last().drop(1006);
  const before = FakeSocket.all.length;
  h.timers.advance(500);
  assert.equal(FakeSocket.all.length, before + 1, 'back to the first step');
});

test('a page reload restores the conversation and the unsent messages from storage', async () => {
  const storage = new MemoryStorage();
  const first = harness({ storage });
  await first.connection.start();
  const s = accept();
  s.receive(serverMessage(1, 'bot', 'Hi'));
  first.connection.sendMessage('never acknowledged');
  const lost = s.sent.at(-1);
  first.connection.stop();

  const second = harness({ storage });
  assert.equal(second.connection.restore(), true);
  assert.equal(second.sessions(), 0, 'no new session');
  assert.equal(FakeSocket.last().url, 'ws://chat.test/ws/chat?token=token-1');
  assert.deepEqual(second.connection.transcript.entries().map((e) => [e.text, e.status]),
    [['never acknowledged', 'pending']]);
  const s2 = accept();
  assert.deepEqual(s2.sent[0], { type: 'resume', afterSeq: 0 });
  assert.equal(s2.sent[1].clientId, lost.clientId);
  s2.receive(serverMessage(1, 'bot', 'Hi'));
  s2.receive(serverMessage(2, 'customer', 'never acknowledged', { clientId: lost.clientId }));
  assert.deepEqual(second.connection.transcript.entries().map((e) => [e.seq, e.text]),
    [[1, 'Hi'], [2, 'never acknowledged']]);
});

test('an expired token starts a new conversation and keeps the unsent messages', async () => {
  const h = harness();
  await h.connection.start();
  accept();
  h.connection.sendMessage('still mine');
  FakeSocket.last().drop(4401);
  await flush();
  assert.equal(h.sessions(), 2);
  assert.equal(FakeSocket.last().url, 'ws://chat.test/ws/chat?token=token-2');
  const s = accept();
  assert.equal(s.sent[1].text, 'still mine');
  assert.ok(h.events.some((e) => e.event === 'session-ended'));
});

test('a refused origin is not retried', async () => {
  const h = harness();
  await h.connection.start();
  FakeSocket.last().drop(1008);
  h.timers.advance(120000);
  assert.equal(FakeSocket.all.length, 1);
  assert.ok(h.events.some((e) => e.event === 'status' && e.data.status === 'failed'));
});

test('streamed pieces build one answer that the final message replaces', async () => {
  const h = harness();
  await h.connection.start();
  const s = accept();
  s.receive(golden['partial']);
  s.receive({ type: 'partial', replyTo: 'c-7f3a', delta: 'takes 3-5 days.' });
  assert.equal(h.connection.transcript.streaming.get('c-7f3a'), 'Standard shipping takes 3-5 days.');
  s.receive(golden['message-bot']);
  assert.equal(h.connection.transcript.streaming.size, 0);
  assert.deepEqual(h.connection.transcript.currentQuickReplies(), ['Track my order', 'Talk to a person']);
});

test('a hole in the sequence numbers is filled by asking for a replay', async () => {
  const h = harness();
  await h.connection.start();
  const s = accept();
  s.receive(serverMessage(1, 'bot', 'one'));
  s.receive(serverMessage(3, 'bot', 'three'));
  assert.equal(h.connection.transcript.contiguousSeq, 1);
  h.timers.advance(2000);
  assert.deepEqual(s.sent.at(-1), { type: 'resume', afterSeq: 1 });
  s.receive(serverMessage(2, 'bot', 'two'));
  s.receive(serverMessage(3, 'bot', 'three'));
  assert.deepEqual(h.connection.transcript.entries().map((e) => e.text), ['one', 'two', 'three']);
});

test('a retryable error sends unacknowledged messages again later with the same clientId', async () => {
  const h = harness();
  await h.connection.start();
  const s = accept();
  h.connection.sendMessage('hello');
  const first = s.sent.at(-1);
  s.receive({ type: 'error', code: 'store_unavailable', message: 'Please send it again.' });
  h.timers.advance(3000);
  assert.equal(s.sent.at(-1).clientId, first.clientId);
  assert.equal(s.sent.filter((f) => f.type === 'message').length, 2);
});

test('a message without an ack in time reopens the socket', async () => {
  const h = harness();
  await h.connection.start();
  const s = accept();
  h.connection.sendMessage('anyone there?');
  h.timers.advance(10000);
  assert.equal(s.readyState, 3, 'the silent socket is closed');
  h.timers.advance(500);
  assert.equal(FakeSocket.all.length, 2);
  const s2 = accept();
  assert.equal(s2.sent[1].text, 'anyone there?');
});

test('states, agent names and unread counts come from the frames', async () => {
  const h = harness();
  await h.connection.start();
  const s = accept();
  s.receive(golden['state']);
  assert.equal(h.connection.transcript.state, 'waiting_for_agent');
  s.receive(golden['message-customer']); // seq 13 after a gap: shown, and a replay is asked for
  s.receive(golden['message-bot']);
  s.receive(golden['message-agent']);
  assert.equal(h.connection.transcript.lastAgentName(), 'Dana');
  assert.equal(h.connection.transcript.unreadAfter(13), 2);
  h.connection.markSeen(15);
  assert.equal(h.connection.seenSeq, 15);
});

test('a rating is sent once the socket is open and remembered', async () => {
  const h = harness();
  await h.connection.start();
  assert.equal(h.connection.rate(5, 'x'), false, 'not before the socket is open');
  const s = accept('resolved');
  assert.equal(h.connection.rate(4, ' Quick and helpful '), true);
  assert.deepEqual(s.sent.at(-1), { type: 'rating', score: 4, comment: 'Quick and helpful' });
  assert.equal(h.connection.rated, true);
});

test('when the browser goes offline the socket is dropped, messages wait, and online brings them over', async () => {
  const h = harness();
  await h.connection.start();
  const s = accept();
  h.connection.networkLost();
  assert.equal(s.readyState, 3);
  assert.equal(h.connection.live, false);
  h.connection.sendMessage('written offline');
  assert.equal(s.sent.filter((f) => f.type === 'message').length, 0, 'nothing sent into the dead socket');
  h.connection.retryNow();
  const s2 = accept();
  assert.equal(s2.sent[1].text, 'written offline');
});
