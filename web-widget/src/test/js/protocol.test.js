// The widget's protocol code against the golden frames in connectors/src/test/resources/protocol/: if the
// server's frames change shape, these tests (and so the build) fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CLIENT_ID_PATTERN, CLIENT_TYPES, encode, messageFrame, newClientId, parseServerFrame, ProtocolError,
  ratingFrame, resumeFrame, SERVER_TYPES, typingFrame, afterClose, backoffDelay, STATES, ROLES,
} from '../../main/resources/public/widget/v1/protocol.js';
import { fixtures } from './fixtures.js';

const server = fixtures('server');
const client = fixtures('client');

test('every golden server frame is read with all of its fields', () => {
  assert.ok(Object.keys(server).length >= 6, 'server fixtures are there');
  for (const [name, text] of Object.entries(server)) {
    const raw = JSON.parse(text);
    const frame = parseServerFrame(text);
    assert.notEqual(frame, null, `${name}: type '${raw.type}' is not known to the widget`);
    assert.equal(frame.type, raw.type, name);
    for (const [field, value] of Object.entries(raw)) {
      assert.deepEqual(frame[field], value, `${name}: field '${field}' is not read as sent`);
    }
  }
});

test('every server frame type the widget handles has a golden fixture, and no fixture has an unknown type', () => {
  const fixtureTypes = new Set(Object.values(server).map((t) => JSON.parse(t).type));
  assert.deepEqual([...fixtureTypes].sort(), [...SERVER_TYPES].sort());
});

test('client frames are written exactly as the golden fixtures', () => {
  const m = JSON.parse(client.message);
  assert.equal(encode(messageFrame(m.clientId, m.text)), client.message);
  const r = JSON.parse(client.resume);
  assert.equal(encode(resumeFrame(r.afterSeq)), client.resume);
  assert.equal(encode(typingFrame()), client.typing);
  const rating = JSON.parse(client.rating);
  assert.equal(encode(ratingFrame(rating.score, rating.comment)), client.rating);
});

test('every client frame type has a golden fixture', () => {
  const fixtureTypes = new Set(Object.values(client).map((t) => JSON.parse(t).type));
  assert.deepEqual([...fixtureTypes].sort(), [...CLIENT_TYPES].sort());
});

test('golden values are within what the widget knows', () => {
  for (const text of Object.values(server)) {
    const f = JSON.parse(text);
    if (f.type === 'message') assert.ok(ROLES.includes(f.role), f.role);
    if (f.type === 'state') assert.ok(STATES.includes(f.state), f.state);
  }
});

test('a message frame keeps the agent name, the quick replies and the sources', () => {
  const agent = parseServerFrame(server['message-agent']);
  assert.equal(agent.author, 'Dana');
  assert.deepEqual(agent.quickReplies, []);
  const bot = parseServerFrame(server['message-bot']);
  assert.deepEqual(bot.quickReplies, ['Track my order', 'Talk to a person']);
  assert.deepEqual(bot.sources, [{ id: 'shipping-times', title: 'How long does shipping take?' }]);
});

test('unknown frame types are ignored and unknown fields dropped', () => {
  assert.equal(parseServerFrame('{"type":"presence","who":"x"}'), null);
  const f = parseServerFrame('{"type":"ack","clientId":"a","seq":3,"extra":{"nested":true}}');
  assert.deepEqual(f, { type: 'ack', clientId: 'a', seq: 3 });
});

test('broken frames are refused with a protocol error', () => {
  const broken = [
    'not json', '[1,2]', 'null', '{"seq":1}', '{"type":"ack","clientId":"a"}', '{"type":"ack","clientId":"a","seq":0}',
    '{"type":"ack","clientId":"a","seq":1.5}', '{"type":"message","seq":1,"role":"bot","ts":"x"}',
    '{"type":"message","seq":1,"role":"bot","text":"t","ts":"x","sources":[{"id":1}]}',
    '{"type":"message","seq":1,"role":"bot","text":"t","ts":"x","quickReplies":"yes"}',
    '{"type":"error","code":"x"}',
  ];
  for (const text of broken) assert.throws(() => parseServerFrame(text), ProtocolError, text);
});

test('client ids are unique and within the allowed alphabet and length', () => {
  const ids = new Set();
  for (let i = 0; i < 2000; i++) {
    const id = newClientId();
    assert.match(id, CLIENT_ID_PATTERN);
    ids.add(id);
  }
  assert.equal(ids.size, 2000);
});

test('client frames refuse what the server would refuse', () => {
  assert.throws(() => messageFrame('bad id!', 'hi'), ProtocolError);
  assert.throws(() => messageFrame('ok', '   '), ProtocolError);
  assert.throws(() => resumeFrame(-1), ProtocolError);
  assert.throws(() => ratingFrame(6), ProtocolError);
  assert.throws(() => ratingFrame(0), ProtocolError);
  assert.deepEqual(ratingFrame(3, '   '), { type: 'rating', score: 3 });
});

test('close codes decide between reconnecting, a new conversation and giving up', () => {
  assert.equal(afterClose(1001), 'reconnect');
  assert.equal(afterClose(1006), 'reconnect');
  assert.equal(afterClose(1011), 'reconnect');
  assert.equal(afterClose(4401), 'new-session');
  assert.equal(afterClose(1008), 'stop');
});

test('reconnect delays double up to a ceiling and are jittered', () => {
  assert.equal(backoffDelay(0, () => 1), 500);
  assert.equal(backoffDelay(0, () => 0), 250);
  assert.equal(backoffDelay(3, () => 1), 4000);
  assert.equal(backoffDelay(30, () => 1), 30000);
  assert.equal(backoffDelay(30, () => 0), 15000);
});
