// Sentiment examples: the three labels side by side, a search over all of them, one box per label to add an
// example, and a remove button on each example. The same text under two labels is refused by the validator.
import { el, replace } from '../agent/lib/dom.js';
import { request, get } from './http.js';
import { problemsBox, showError, searchBox } from './ui.js';

let columns;
let problems;
let query = '';

export function render(root) {
  columns = el('div', { class: 'sentiment', id: 'sentiment' });
  problems = problemsBox('sentiment-problems');
  const search = searchBox('sentiment-search', 'Search sentiment examples', (q) => { query = q; load(); });
  replace(root, el('section', { class: 'panel' },
    el('div', { class: 'editor__head' }, el('h2', { text: 'Sentiment examples' }), search),
    el('p', { class: 'list-note', text: 'Messages with the feeling they show. The bot hands angry customers to a person, so negative examples matter most.' }),
    problems.node,
    columns));
  load();
}

async function load() {
  try {
    const data = await get(`/api/admin/sentiment${query ? `?q=${encodeURIComponent(query)}` : ''}`);
    replace(columns, data.labels.map(column));
  } catch (e) {
    problems.show('error', e.message);
  }
}

function column(label) {
  const input = el('input', { id: `add-${label.label}`, autocomplete: 'off', 'aria-label': `New ${label.label} example`,
    placeholder: `A ${label.label} message` });
  const add = el('form', { class: 'sentiment__add', novalidate: true },
    input, el('button', { type: 'submit', class: 'button button--small', id: `add-${label.label}-button`, text: 'Add' }));
  add.addEventListener('submit', async (event) => {
    event.preventDefault();
    problems.clear();
    if (!input.value.trim()) return;
    try {
      await request('POST', `/api/admin/sentiment/${label.label}/examples`, { body: { text: input.value.trim() } });
      problems.show('ok', `Added to ${label.label}. Train a new version to use it.`);
      load();
    } catch (e) {
      showError(problems, e, load);
    }
  });
  const items = label.examples.map((ex) => el('li', { class: 'sentiment__example', dataset: { index: String(ex.index) } },
    el('span', { text: ex.text }),
    el('button', { type: 'button', class: 'link-button', 'aria-label': `Remove "${ex.text}"`, text: 'remove',
      on: { click: async () => {
        problems.clear();
        try {
          await request('DELETE', `/api/admin/sentiment/${label.label}/examples/${ex.index}`, { ifMatch: label.version });
          load();
        } catch (e) {
          showError(problems, e, load);
        }
      } } })));
  return el('section', { class: `sentiment__column sentiment__column--${label.label}`, dataset: { label: label.label } },
    el('h3', {}, el('span', { class: `chip chip--${label.label}`, text: label.label }),
      el('span', { class: 'sentiment__count', text: query ? `${label.examples.length} of ${label.count}` : `${label.count} examples` })),
    add,
    el('ul', { class: 'sentiment__list' }, items));
}
