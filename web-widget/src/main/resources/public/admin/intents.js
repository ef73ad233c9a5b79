// Intents: search the list (names, descriptions, examples), then edit one intent: its examples (one per line, entity
// marks written inline as [text](type)), fixed replies, handler and whether it hands the chat to a person. "Check"
// runs the real validator without saving; "Save" validates and writes the intent's file (one file per intent).
import { el, replace } from '../agent/lib/dom.js';
import { request, get } from './http.js';
import { field, lines, problemsBox, showError, showSaved, searchBox } from './ui.js';

let list;
let editor;
let query = '';
let known = { folders: [], handlers: [] };
let selected = null;

export function render(root) {
  list = el('ul', { class: 'item-list', id: 'intent-list', 'aria-label': 'Intents' });
  editor = el('section', { class: 'panel editor', id: 'intent-editor', 'aria-label': 'Intent' });
  const search = searchBox('intent-search', 'Search intents and examples', (q) => { query = q; load(); });
  const add = el('button', { type: 'button', class: 'button button--primary', id: 'new-intent', text: 'New intent',
    on: { click: () => open(null) } });
  replace(root, el('div', { class: 'split' },
    el('aside', { class: 'panel list-panel' }, el('div', { class: 'list-head' }, search, add), list),
    editor));
  replace(editor, el('p', { class: 'empty', text: 'Pick an intent on the left, or add a new one.' }));
  load();
}

async function load() {
  try {
    const data = await get(`/api/admin/intents${query ? `?q=${encodeURIComponent(query)}` : ''}`);
    known = { folders: data.folders || [], handlers: data.handlers || [] };
    replace(list, data.intents.length ? data.intents.map(item) : el('li', { class: 'empty', text: 'No intent matches.' }));
  } catch (e) {
    replace(list, el('li', { class: 'empty', text: e.message }));
  }
}

function item(i) {
  const chips = [el('span', { class: 'chip', text: i.folder || 'intents' })];
  if (i.handler) chips.push(el('span', { class: 'chip chip--info', text: `handler ${i.handler}` }));
  if (i.escalate) chips.push(el('span', { class: 'chip chip--warn', text: 'to a person' }));
  if (i.problem) chips.push(el('span', { class: 'chip chip--danger', text: 'cannot be read' }));
  return el('li', { class: `item${selected === i.name ? ' item--selected' : ''}`, dataset: { name: i.name } },
    el('button', { type: 'button', class: 'item__button', on: { click: () => open(i.name) } },
      el('span', { class: 'item__top' }, el('span', { class: 'item__who', text: i.name }), chips),
      el('span', { class: 'item__detail', text: i.problem ? i.problem
        : `${i.examples} examples${i.replies ? ` · ${i.replies} replies` : ''}${i.description ? ` · ${i.description}` : ''}` }),
      i.match ? el('span', { class: 'item__match', text: `“${i.match}”` }) : null));
}

async function open(name, after) {
  selected = name;
  for (const li of list.querySelectorAll('li[data-name]')) li.classList.toggle('item--selected', li.dataset.name === name);
  if (!name) {
    form({ name: '', folder: known.folders.includes('custom') ? 'custom' : (known.folders[0] || 'custom'), description: '',
      handler: '', escalate: false, examples: [], replies: [] }, true);
    return;
  }
  try {
    form(await get(`/api/admin/intents/${encodeURIComponent(name)}`), false, after);
  } catch (e) {
    replace(editor, el('p', { class: 'form-message form-message--error', text: e.message }));
  }
}

function form(intent, isNew, after) {
  let current = intent;
  const name = el('input', { id: 'intent-name', value: intent.name, required: true, autocomplete: 'off',
    placeholder: 'like gift_wrap', disabled: !isNew });
  const folderList = el('datalist', { id: 'intent-folders' }, known.folders.map((f) => el('option', { value: f })));
  const folder = el('input', { id: 'intent-folder', value: intent.folder || '', list: 'intent-folders', disabled: !isNew,
    autocomplete: 'off' });
  const description = el('input', { id: 'intent-description', value: intent.description || '', autocomplete: 'off' });
  const handler = el('select', { id: 'intent-handler' }, el('option', { value: '', text: 'none (fixed replies, FAQ or LLM)' }),
    [...new Set([...known.handlers, intent.handler].filter(Boolean))].map((h) => el('option', { value: h, text: h })));
  handler.value = intent.handler || '';
  const escalate = el('input', { type: 'checkbox', id: 'intent-escalate' });
  escalate.checked = !!intent.escalate;
  const examples = el('textarea', { id: 'intent-examples', rows: '14', spellcheck: 'false' });
  examples.value = (intent.examples || []).join('\n');
  const replies = el('textarea', { id: 'intent-replies', rows: '3' });
  replies.value = (intent.replies || []).join('\n');
  const count = el('span', { class: 'field__hint', id: 'intent-example-count' });
  const counter = () => { count.textContent = `${lines(examples.value).length} examples. One per line; mark entities as [text](type), e.g. where is order [A1B2C3](order_id).`; };
  examples.addEventListener('input', counter);
  counter();
  const problems = problemsBox('intent-problems');
  const body = () => ({ description: description.value.trim(), handler: handler.value, escalate: escalate.checked,
    examples: lines(examples.value), replies: lines(replies.value) });

  async function save(dryRun) {
    problems.clear();
    try {
      let result;
      if (isNew) {
        result = await request('POST', `/api/admin/intents${dryRun ? '?dryRun=true' : ''}`,
          { body: { name: name.value.trim(), folder: folder.value.trim(), ...body() } });
      } else {
        result = await request('PUT', `/api/admin/intents/${encodeURIComponent(intent.name)}${dryRun ? '?dryRun=true' : ''}`,
          { body: body(), ifMatch: current.version });
      }
      if (!dryRun) {
        if (isNew) {
          selected = result.name;
          await load();
          form(result, false, (box) => showSaved(box, result, false));
          return;
        }
        current = result;
        load();
      }
      showSaved(problems, result, dryRun);
    } catch (e) {
      showError(problems, e, () => open(intent.name));
    }
  }

  async function remove() {
    if (!confirmBox.hidden) {
      try {
        await request('DELETE', `/api/admin/intents/${encodeURIComponent(intent.name)}`, { ifMatch: current.version });
        selected = null;
        replace(editor, el('p', { class: 'form-message form-message--ok', id: 'intent-deleted', text: `Intent ${intent.name} deleted. Train a new version to publish it.` }));
        load();
      } catch (e) {
        showError(problems, e, () => open(intent.name));
      }
      return;
    }
    confirmBox.hidden = false;
  }

  const confirmBox = el('p', { class: 'confirm', hidden: true, text: 'Press Delete again to remove this intent and its file.' });
  const yaml = yamlEditor(intent, isNew, problems, (saved) => open(intent.name, (box) => showSaved(box, saved, false)));
  replace(editor,
    el('div', { class: 'editor__head' },
      el('h2', { text: isNew ? 'New intent' : intent.name }),
      isNew ? null : el('span', { class: 'editor__file', id: 'intent-file', text: intent.file })),
    intent.problem ? el('p', { class: 'form-message form-message--error', text: `This file cannot be read: ${intent.problem}. Fix it as YAML below.` }) : null,
    el('div', { class: 'form-grid form-grid--two' },
      field('Name', name, isNew ? 'lowercase snake_case; also the file name' : null),
      field('Folder', folder, isNew ? 'under intents/, e.g. orders' : null), folderList),
    field('Description', description, 'for people: what the customer wants'),
    el('div', { class: 'form-grid form-grid--two' },
      field('Handler', handler, 'the rule handler that serves it'),
      el('label', { class: 'field field--check' }, escalate, el('span', { text: 'Hand the chat straight to a person' }))),
    field('Examples', examples), count,
    field('Fixed replies', replies, 'optional, one per line; the bot picks one'),
    el('div', { class: 'editor__actions' },
      el('button', { type: 'button', class: 'button button--primary', id: 'intent-save', text: 'Save', on: { click: () => save(false) } }),
      el('button', { type: 'button', class: 'button', id: 'intent-check', text: 'Check', on: { click: () => save(true) } }),
      isNew ? null : el('button', { type: 'button', class: 'button button--danger', id: 'intent-delete', text: 'Delete', on: { click: remove } })),
    confirmBox,
    problems.node,
    yaml);
  (isNew ? name : examples).focus();
  if (after) after(problems);
}

/** The whole file as YAML, for edits the form does not cover (comments, key order, exotic layouts). */
function yamlEditor(intent, isNew, problems, saved) {
  if (isNew) return null;
  const text = el('textarea', { id: 'intent-yaml', rows: '16', spellcheck: 'false', class: 'yaml' });
  text.value = intent.yaml || '';
  const details = el('details', { class: 'yaml-editor' },
    el('summary', { text: 'Edit the file as YAML' }),
    text,
    el('div', { class: 'editor__actions' },
      el('button', { type: 'button', class: 'button', id: 'intent-yaml-save', text: 'Save YAML',
        on: { click: async () => {
          problems.clear();
          try {
            const result = await request('PUT', `/api/admin/intents/${encodeURIComponent(intent.name)}`, { yaml: text.value, ifMatch: intent.version });
            saved(result);
          } catch (e) {
            showError(problems, e);
          }
        } } })));
  return details;
}
