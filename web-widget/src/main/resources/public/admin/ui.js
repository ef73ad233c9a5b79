// Small building blocks shared by the admin console's views: labelled fields, the problems box that shows the
// validator's errors and warnings (file:line and the field they belong to), status lines, and text helpers.
import { el, replace } from '../agent/lib/dom.js';

/** A labelled form field. */
export function field(label, input, hint) {
  return el('label', { class: 'field' },
    el('span', { class: 'field__label', text: label }),
    input,
    hint ? el('span', { class: 'field__hint', text: hint }) : null);
}

/** The non-empty lines of a textarea, trimmed. */
export function lines(text) {
  return String(text || '').split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
}

/** "examples[2]" -> "example 3", "entries[4].answer" -> "answer", "values[0].synonyms[1]" -> "value 1, synonym 2". */
export function pathLabel(path) {
  if (!path) return '';
  const names = { examples: 'example', replies: 'reply', alternatives: 'alternative', patterns: 'pattern',
    values: 'value', synonyms: 'synonym', tags: 'tag', entries: null };
  return path.split('.').map((part) => {
    const m = /^([a-z_]+)(?:\[(\d+)\])?$/.exec(part);
    if (!m) return part;
    const name = Object.prototype.hasOwnProperty.call(names, m[1]) ? names[m[1]] : m[1];
    if (name === null) return null;
    return m[2] !== undefined ? `${name} ${Number(m[2]) + 1}` : name;
  }).filter(Boolean).join(', ');
}

/**
 * A box for the outcome of a check or a save: a heading and the validator's problems, each as "file:line" and the
 * field it concerns, then the message. `kind` is ok, error or warn.
 */
export function problemsBox(id) {
  const box = el('div', { class: 'problems', id, role: 'status', hidden: true });
  return {
    node: box,
    clear() {
      box.hidden = true;
      replace(box);
    },
    show(kind, heading, problems = [], extra = null) {
      box.hidden = false;
      box.className = `problems problems--${kind}`;
      const items = problems.map((p) => el('li', { class: `problem problem--${p.severity}`, dataset: { severity: p.severity } },
        el('span', { class: 'problem__where', text: `${p.file}${p.line ? `:${p.line}` : ''}` }),
        p.path ? el('span', { class: 'problem__field', text: pathLabel(p.path) }) : null,
        el('span', { class: 'problem__message', text: `${p.severity}: ${p.message}` })));
      replace(box, el('p', { class: 'problems__heading', text: heading }),
        items.length ? el('ul', { class: 'problems__list' }, items) : null, extra);
      if (box.scrollIntoView) box.scrollIntoView({ block: 'nearest' });
    },
  };
}

/** Shows an API error in a problems box: the validator's problems, a stale version, or a plain message. */
export function showError(box, e, reload) {
  if (e.code === 'invalid_data') {
    box.show('error', 'Not saved. Fix these problems first:', e.body.problems || []);
  } else if (e.code === 'stale') {
    box.show('error', e.message, [], reload ? el('button', { type: 'button', class: 'button button--small', id: 'reload-stale',
      text: 'Reload the latest version', on: { click: reload } }) : null);
  } else {
    box.show('error', e.message);
  }
}

/** Shows the outcome of a saved edit or a dry run. */
export function showSaved(box, result, dryRun) {
  const warnings = result.warnings || [];
  if (dryRun) {
    box.show(warnings.length ? 'warn' : 'ok', warnings.length ? 'No errors (nothing saved). Warnings:' : 'No problems found. Nothing was saved yet.', warnings);
  } else {
    box.show(warnings.length ? 'warn' : 'ok', warnings.length ? 'Saved, with warnings:' : 'Saved. Train a new version to use it.', warnings);
  }
}

/** A percentage of a share: 0.9637 -> "96.4%". */
export function pct(v) {
  return typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '–';
}

/** A version id as a date: "20261123-135153-754" -> "2026-11-23 13:51:53 UTC". */
export function versionDate(v) {
  const m = /^(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/.exec(v || '');
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]} UTC` : v;
}

/** A search box that calls `onSearch` shortly after typing stops. */
export function searchBox(id, placeholder, onSearch) {
  const input = el('input', { type: 'search', id, class: 'search', placeholder, 'aria-label': placeholder, autocomplete: 'off' });
  let timer = null;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => onSearch(input.value.trim()), 200);
  });
  return input;
}
