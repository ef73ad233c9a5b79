// The learning loop: recent customer messages the bot did not understand (out of scope or a fallback answer), each
// with the bot's best guesses. One click adds a message as an example of an intent, or starts an FAQ entry with it
// as the question; either way, or by dismissing it, it leaves the inbox.
import { el, replace, clock } from '../agent/lib/dom.js';
import { request, get } from './http.js';
import { problemsBox, showError } from './ui.js';

let body;
let problems;
let intents = [];
let ctx;

export function render(root, context) {
  ctx = context;
  body = el('ul', { class: 'inbox', id: 'inbox' });
  problems = problemsBox('inbox-problems');
  replace(root, el('section', { class: 'panel' },
    el('div', { class: 'editor__head' }, el('h2', { text: 'Messages the bot did not understand' }),
      el('button', { type: 'button', class: 'button button--small', id: 'inbox-refresh', text: 'Refresh', on: { click: load } })),
    el('p', { class: 'list-note', text: 'Teach the bot: add a message to the intent it meant, or answer it with a new FAQ entry. Changes take effect after the next training.' }),
    problems.node,
    body));
  load();
}

async function load() {
  try {
    const [inbox, list] = await Promise.all([get('/api/admin/inbox'), get('/api/admin/intents')]);
    intents = list.intents.map((i) => i.name);
    replace(body, inbox.messages.length ? inbox.messages.map(row)
      : el('li', { class: 'empty', id: 'inbox-empty', text: 'Nothing waiting: the bot understood every recent message.' }));
  } catch (e) {
    problems.show('error', e.message);
  }
}

/** A customer message as an example: brackets escaped so they are not read as entity marks. */
function asExample(text) {
  return text.replace(/\\/g, '\\\\').replace(/\[/g, '\\[').replace(/\]/g, '\\]').replace(/\s+/g, ' ').trim();
}

function row(m, i) {
  const ref = { conversationId: m.conversationId, seq: m.seq };
  // a guess the classifier gives almost no weight is no guess: such messages default to out_of_scope
  const guesses = m.suggestions.filter((s) => s.score >= 0.05);
  const best = guesses.length && guesses[0].score >= 0.2 ? guesses[0].intent : 'out_of_scope';
  const select = el('select', { id: `inbox-intent-${i}`, 'aria-label': 'Intent' },
    intents.map((name) => el('option', { value: name, text: name })));
  select.value = intents.includes(best) ? best : 'out_of_scope';
  const guessText = guesses.map((s) => `${s.intent} ${s.score.toFixed(2)}`).join(', ');
  return el('li', { class: 'inbox__item', dataset: { conversation: m.conversationId, seq: String(m.seq) } },
    el('p', { class: 'inbox__text', text: m.text }),
    el('p', { class: 'inbox__meta' },
      el('span', { class: `chip ${m.reason === 'out_of_scope' ? 'chip--warn' : 'chip--info'}`, text: m.reason === 'out_of_scope' ? 'out of scope' : 'fallback answer' }),
      el('span', { text: `${clock(m.at)}${m.count > 1 ? ` · asked ${m.count} times` : ''}` }),
      el('span', { text: guessText ? `best guesses: ${guessText}` : 'no intent came close' })),
    el('div', { class: 'inbox__actions' },
      select,
      el('button', { type: 'button', class: 'button button--small button--primary', id: `inbox-add-${i}`, text: 'Add as example',
        on: { click: async () => {
          problems.clear();
          try {
            await request('POST', `/api/admin/intents/${encodeURIComponent(select.value)}/examples`, { body: { text: asExample(m.text) } });
            await request('POST', '/api/admin/inbox/dismiss', { body: { ...ref, action: `example:${select.value}` } });
            problems.show('ok', `Added to ${select.value}. Train a new version to use it.`);
            load();
          } catch (e) {
            showError(problems, e);
          }
        } } }),
      el('button', { type: 'button', class: 'button button--small', id: `inbox-faq-${i}`, text: 'Start an FAQ entry',
        on: { click: () => ctx.open('faq', { question: m.text.trim(), inbox: ref }) } }),
      el('button', { type: 'button', class: 'link-button', id: `inbox-dismiss-${i}`, text: 'Dismiss',
        on: { click: async () => {
          try {
            await request('POST', '/api/admin/inbox/dismiss', { body: { ...ref, action: 'dismissed' } });
            load();
          } catch (e) {
            showError(problems, e);
          }
        } } })));
}
