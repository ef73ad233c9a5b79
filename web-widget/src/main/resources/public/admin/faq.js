// FAQ entries: search by any text or pick a topic, then edit one entry (question, other ways customers ask it, the
// answer, tags) or add one. Entries keep their id; moving one to another topic moves it to that topic's file. The
// inbox opens this view with a draft when an admin starts an entry from a customer's question.
import { el, replace } from '../agent/lib/dom.js';
import { request, get } from './http.js';
import { field, lines, problemsBox, showError, showSaved, searchBox } from './ui.js';

let list;
let editor;
let topicFilter;
let query = '';
let topics = [];
let selected = null;
let ctx;

export function render(root, context) {
  ctx = context;
  list = el('ul', { class: 'item-list', id: 'faq-list', 'aria-label': 'FAQ entries' });
  editor = el('section', { class: 'panel editor', id: 'faq-editor', 'aria-label': 'FAQ entry' });
  topicFilter = el('select', { id: 'faq-topic-filter', 'aria-label': 'Topic' }, el('option', { value: '', text: 'All topics' }));
  topicFilter.addEventListener('change', () => load());
  const search = searchBox('faq-search', 'Search questions and answers', (q) => { query = q; load(); });
  const add = el('button', { type: 'button', class: 'button button--primary', id: 'new-faq', text: 'New entry',
    on: { click: () => open(null) } });
  replace(root, el('div', { class: 'split' },
    el('aside', { class: 'panel list-panel' }, el('div', { class: 'list-head' }, search, add), topicFilter, list),
    editor));
  replace(editor, el('p', { class: 'empty', text: 'Pick an entry on the left, or add a new one.' }));
  const draft = ctx.takeDraft('faq');
  load().then(() => { if (draft) open(null, draft); });
}

async function load() {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  if (topicFilter.value) params.set('topic', topicFilter.value);
  try {
    const data = await get(`/api/admin/faq${params.toString() ? `?${params}` : ''}`);
    topics = data.topics.map((t) => t.topic);
    const chosen = topicFilter.value;
    replace(topicFilter, el('option', { value: '', text: 'All topics' }),
      data.topics.map((t) => el('option', { value: t.topic, text: `${t.topic} (${t.entries})` })));
    topicFilter.value = chosen;
    replace(list, data.entries.length ? data.entries.map(item) : el('li', { class: 'empty', text: 'No entry matches.' }));
  } catch (e) {
    replace(list, el('li', { class: 'empty', text: e.message }));
  }
}

function item(e) {
  return el('li', { class: `item${selected === e.id ? ' item--selected' : ''}`, dataset: { id: e.id } },
    el('button', { type: 'button', class: 'item__button', on: { click: () => open(e.id) } },
      el('span', { class: 'item__top' }, el('span', { class: 'item__who', text: e.question }), el('span', { class: 'chip', text: e.topic })),
      el('span', { class: 'item__detail item__preview', text: e.answer }),
      el('span', { class: 'item__meta', text: `${e.id} · ${e.alternatives.length} other phrasings` })));
}

async function open(id, draft) {
  selected = id;
  for (const li of list.querySelectorAll('li[data-id]')) li.classList.toggle('item--selected', li.dataset.id === id);
  if (!id) {
    form({ id: '', topic: topicFilter.value || (draft && draft.topic) || topics[0] || '', question: draft ? draft.question : '',
      alternatives: [], answer: '', tags: [] }, true, null, draft);
    return;
  }
  try {
    form(await get(`/api/admin/faq/${encodeURIComponent(id)}`), false);
  } catch (e) {
    replace(editor, el('p', { class: 'form-message form-message--error', text: e.message }));
  }
}

function form(entry, isNew, after, draft) {
  let current = entry;
  const topicList = el('datalist', { id: 'faq-topics' }, topics.map((t) => el('option', { value: t })));
  const topic = el('input', { id: 'faq-topic', value: entry.topic, list: 'faq-topics', autocomplete: 'off', required: true });
  const id = el('input', { id: 'faq-id', value: entry.id, autocomplete: 'off', disabled: !isNew,
    placeholder: isNew ? 'made from the question when empty' : '' });
  const question = el('input', { id: 'faq-question', value: entry.question, autocomplete: 'off', required: true });
  const alternatives = el('textarea', { id: 'faq-alternatives', rows: '5' });
  alternatives.value = entry.alternatives.join('\n');
  const answer = el('textarea', { id: 'faq-answer', rows: '5' });
  answer.value = entry.answer;
  const tags = el('input', { id: 'faq-tags', value: entry.tags.join(', '), autocomplete: 'off' });
  const problems = problemsBox('faq-problems');
  const body = () => ({ topic: topic.value.trim(), question: question.value.trim(), alternatives: lines(alternatives.value),
    answer: answer.value.trim(), tags: tags.value.split(',').map((t) => t.trim()).filter(Boolean) });

  async function save(dryRun) {
    problems.clear();
    try {
      let result;
      if (isNew) {
        const b = body();
        if (id.value.trim()) b.id = id.value.trim();
        result = await request('POST', `/api/admin/faq${dryRun ? '?dryRun=true' : ''}`, { body: b });
      } else {
        result = await request('PUT', `/api/admin/faq/${encodeURIComponent(entry.id)}${dryRun ? '?dryRun=true' : ''}`,
          { body: body(), ifMatch: current.version });
      }
      if (dryRun) {
        showSaved(problems, result, true);
        return;
      }
      if (isNew && draft && draft.inbox) {
        try {
          await request('POST', '/api/admin/inbox/dismiss', { body: { ...draft.inbox, action: `faq:${result.id}` } });
        } catch (e) {
          // the entry is saved; the inbox item simply stays
        }
      }
      selected = result.id;
      await load();
      form(result, false, (box) => showSaved(box, result, false));
    } catch (e) {
      showError(problems, e, () => open(entry.id));
    }
  }

  const confirmBox = el('p', { class: 'confirm', hidden: true, text: 'Press Delete again to remove this entry.' });
  async function remove() {
    if (confirmBox.hidden) {
      confirmBox.hidden = false;
      return;
    }
    try {
      await request('DELETE', `/api/admin/faq/${encodeURIComponent(entry.id)}`, { ifMatch: current.version });
      selected = null;
      replace(editor, el('p', { class: 'form-message form-message--ok', text: `Entry ${entry.id} deleted. Train a new version to publish it.` }));
      load();
    } catch (e) {
      showError(problems, e, () => open(entry.id));
    }
  }

  replace(editor,
    el('div', { class: 'editor__head' },
      el('h2', { text: isNew ? 'New FAQ entry' : entry.question }),
      isNew ? null : el('span', { class: 'editor__file', text: `${entry.file} · ${entry.id}` })),
    draft && draft.inbox ? el('p', { class: 'notice', text: 'Started from a customer message in the inbox. Write the answer, then save.' }) : null,
    el('div', { class: 'form-grid form-grid--two' },
      field('Topic', topic, 'the file under faq/; a new topic makes a new file'), topicList,
      field('Id', id, isNew ? 'stable: answers name it as their source' : 'ids never change')),
    field('Question', question),
    field('Other ways to ask it', alternatives, 'one per line; customers rarely use the exact question'),
    field('Answer', answer, 'plain text, shown to the customer with this entry as its source'),
    field('Tags', tags, 'optional, separated by commas'),
    el('div', { class: 'editor__actions' },
      el('button', { type: 'button', class: 'button button--primary', id: 'faq-save', text: 'Save', on: { click: () => save(false) } }),
      el('button', { type: 'button', class: 'button', id: 'faq-check', text: 'Check', on: { click: () => save(true) } }),
      isNew ? null : el('button', { type: 'button', class: 'button button--danger', id: 'faq-delete', text: 'Delete', on: { click: remove } })),
    confirmBox,
    problems.node);
  (isNew && !entry.question ? question : answer).focus();
  if (after) after(problems);
}
