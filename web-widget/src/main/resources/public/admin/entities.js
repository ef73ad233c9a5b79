// Entity definitions: how the bot finds a kind of value without learning it, by regular expressions and by lookup
// values with synonyms. Values are edited one per line as "value: synonym, synonym".
import { el, replace } from '../agent/lib/dom.js';
import { request, get } from './http.js';
import { field, lines, problemsBox, showError, showSaved, searchBox } from './ui.js';

let list;
let editor;
let builtIn;
let query = '';
let selected = null;

export function render(root) {
  list = el('ul', { class: 'item-list', id: 'entity-list', 'aria-label': 'Entities' });
  builtIn = el('p', { class: 'list-note', id: 'entity-builtins' });
  editor = el('section', { class: 'panel editor', id: 'entity-editor', 'aria-label': 'Entity' });
  const search = searchBox('entity-search', 'Search entities, values and synonyms', (q) => { query = q; load(); });
  const add = el('button', { type: 'button', class: 'button button--primary', id: 'new-entity', text: 'New entity',
    on: { click: () => open(null) } });
  replace(root, el('div', { class: 'split' },
    el('aside', { class: 'panel list-panel' }, el('div', { class: 'list-head' }, search, add), list, builtIn),
    editor));
  replace(editor, el('p', { class: 'empty', text: 'Pick an entity on the left, or add a new one.' }));
  load();
}

async function load() {
  try {
    const data = await get(`/api/admin/entities${query ? `?q=${encodeURIComponent(query)}` : ''}`);
    builtIn.textContent = `Built in, no file needed: ${data.builtIn.join(', ')}.`;
    replace(list, data.entities.length ? data.entities.map(item) : el('li', { class: 'empty', text: 'No entity matches.' }));
  } catch (e) {
    replace(list, el('li', { class: 'empty', text: e.message }));
  }
}

function item(e) {
  const detail = e.problem ? e.problem : [e.patterns && e.patterns.length ? `${e.patterns.length} patterns` : null,
    e.values && e.values.length ? `${e.values.length} values` : null, e.description || null].filter(Boolean).join(' · ');
  return el('li', { class: `item${selected === e.name ? ' item--selected' : ''}`, dataset: { name: e.name } },
    el('button', { type: 'button', class: 'item__button', on: { click: () => open(e.name) } },
      el('span', { class: 'item__top' }, el('span', { class: 'item__who', text: e.name })),
      el('span', { class: 'item__detail', text: detail })));
}

/** "credit_card: credit card, visa" -> {value, synonyms}. */
function parseValue(line) {
  const i = line.indexOf(':');
  if (i < 0) return { value: line.trim(), synonyms: [] };
  return { value: line.slice(0, i).trim(), synonyms: line.slice(i + 1).split(',').map((s) => s.trim()).filter(Boolean) };
}

async function open(name, after) {
  selected = name;
  for (const li of list.querySelectorAll('li[data-name]')) li.classList.toggle('item--selected', li.dataset.name === name);
  if (!name) {
    form({ name: '', description: '', patterns: [], values: [] }, true);
    return;
  }
  try {
    form(await get(`/api/admin/entities/${encodeURIComponent(name)}`), false, after);
  } catch (e) {
    replace(editor, el('p', { class: 'form-message form-message--error', text: e.message }));
  }
}

function form(entity, isNew, after) {
  let current = entity;
  const name = el('input', { id: 'entity-name', value: entity.name, autocomplete: 'off', disabled: !isNew, placeholder: 'like size' });
  const description = el('input', { id: 'entity-description', value: entity.description || '', autocomplete: 'off' });
  const patterns = el('textarea', { id: 'entity-patterns', rows: '4', spellcheck: 'false', class: 'yaml' });
  patterns.value = (entity.patterns || []).join('\n');
  const values = el('textarea', { id: 'entity-values', rows: '10', spellcheck: 'false' });
  values.value = (entity.values || []).map((v) => (v.synonyms.length ? `${v.value}: ${v.synonyms.join(', ')}` : v.value)).join('\n');
  const problems = problemsBox('entity-problems');
  const body = () => ({ description: description.value.trim(), patterns: lines(patterns.value), values: lines(values.value).map(parseValue) });

  async function save(dryRun) {
    problems.clear();
    try {
      const result = isNew
        ? await request('POST', `/api/admin/entities${dryRun ? '?dryRun=true' : ''}`, { body: { name: name.value.trim(), ...body() } })
        : await request('PUT', `/api/admin/entities/${encodeURIComponent(entity.name)}${dryRun ? '?dryRun=true' : ''}`,
          { body: body(), ifMatch: current.version });
      if (dryRun) {
        showSaved(problems, result, true);
        return;
      }
      selected = result.name;
      await load();
      form(result, false, (box) => showSaved(box, result, false));
    } catch (e) {
      showError(problems, e, () => open(entity.name));
    }
  }

  const confirmBox = el('p', { class: 'confirm', hidden: true, text: 'Press Delete again to remove this entity file.' });
  async function remove() {
    if (confirmBox.hidden) {
      confirmBox.hidden = false;
      return;
    }
    try {
      await request('DELETE', `/api/admin/entities/${encodeURIComponent(entity.name)}`, { ifMatch: current.version });
      selected = null;
      replace(editor, el('p', { class: 'form-message form-message--ok', text: `Entity ${entity.name} deleted.` }));
      load();
    } catch (e) {
      showError(problems, e, () => open(entity.name));
    }
  }

  replace(editor,
    el('div', { class: 'editor__head' }, el('h2', { text: isNew ? 'New entity' : entity.name }),
      isNew ? null : el('span', { class: 'editor__file', text: entity.file })),
    el('div', { class: 'form-grid form-grid--two' },
      field('Name', name, isNew ? 'lowercase snake_case; mark it in examples as [text](name)' : null),
      field('Description', description)),
    field('Patterns', patterns, 'Java regular expressions, one per line, matched ignoring case'),
    field('Values', values, 'one per line: value: synonym, synonym (longest match wins)'),
    el('div', { class: 'editor__actions' },
      el('button', { type: 'button', class: 'button button--primary', id: 'entity-save', text: 'Save', on: { click: () => save(false) } }),
      el('button', { type: 'button', class: 'button', id: 'entity-check', text: 'Check', on: { click: () => save(true) } }),
      isNew ? null : el('button', { type: 'button', class: 'button button--danger', id: 'entity-delete', text: 'Delete', on: { click: remove } })),
    confirmBox,
    problems.node);
  if (after) after(problems);
}
