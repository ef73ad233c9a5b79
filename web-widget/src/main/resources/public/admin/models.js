// Train & publish: start a training job and watch its progress, read the evaluation report of any version (numbers,
// per-intent table, confusion matrix, worst confusions), compare each version with the live one, activate a version
// (the running bot switches at once) and roll back to an older one. A version that measures worse than the live one
// is only activated after an explicit "activate anyway".
import { el, replace } from '../agent/lib/dom.js';
import { request, get } from './http.js';
import { problemsBox, pct, versionDate } from './ui.js';

const SVG = 'http://www.w3.org/2000/svg';
let versionsBody;
let jobBox;
let reportBox;
let problems;
let poll = null;

export function render(root) {
  versionsBody = el('tbody', { id: 'versions' });
  jobBox = el('div', { class: 'job', id: 'job', hidden: true });
  reportBox = el('section', { class: 'panel report', id: 'report', hidden: true, 'aria-label': 'Evaluation report' });
  problems = problemsBox('models-problems');
  const activate = el('input', { type: 'checkbox', id: 'train-activate' });
  const train = el('button', { type: 'button', class: 'button button--primary', id: 'train', text: 'Train a new version',
    on: { click: () => start(activate.checked) } });
  replace(root,
    el('section', { class: 'panel' },
      el('div', { class: 'editor__head' }, el('h2', { text: 'Train' })),
      el('p', { class: 'list-note', text: 'Trains a new version from the saved training data, measures it on the test set (or on examples held apart), and compares it with the live version. The live bot keeps answering meanwhile.' }),
      el('div', { class: 'editor__actions' }, train,
        el('label', { class: 'field--check' }, activate, el('span', { text: 'Activate it when done, unless it measures worse' }))),
      jobBox),
    problems.node,
    el('section', { class: 'panel' },
      el('div', { class: 'editor__head' }, el('h2', { text: 'Versions' })),
      el('div', { class: 'table-wrap' }, el('table', { class: 'users versions' },
        el('thead', {}, el('tr', {}, ['Version', 'Accuracy', 'Macro F1', 'Out-of-scope recall', 'FAQ MAP', 'Sentiment',
          'Compared with the live version', ''].map((h) => el('th', { text: h })))),
        versionsBody))),
    reportBox);
  loadVersions();
  get('/api/admin/train').then((data) => { if (data.running) follow(data.running.id); }).catch(() => {});
}

export function leave() {
  if (poll) clearTimeout(poll);
  poll = null;
}

// ---------------------------------------------------------------- jobs

async function start(activate) {
  problems.clear();
  try {
    const job = await request('POST', '/api/admin/train', { body: { activate } });
    showJob(job);
    follow(job.id);
  } catch (e) {
    problems.show('error', e.message);
  }
}

function follow(id) {
  leave();
  const tick = async () => {
    try {
      const job = await get(`/api/admin/train/${encodeURIComponent(id)}`);
      showJob(job);
      if (job.state === 'running') {
        poll = setTimeout(tick, 400);
      } else {
        poll = null;
        await loadVersions();
        if (job.version && job.evaluation && job.evaluation.method) openReport(job.version);
      }
    } catch (e) {
      problems.show('error', e.message);
    }
  };
  tick();
}

const STEP_NAMES = { copy: 'Copy the data', validate: 'Validate', train: 'Train', evaluate: 'Evaluate', compare: 'Compare', activate: 'Activate' };

function showJob(job) {
  jobBox.hidden = false;
  const bar = el('progress', { id: 'job-progress', max: '100', value: String(job.percent), 'aria-label': 'Training progress' });
  const steps = el('ol', { class: 'steps', id: 'job-steps' }, job.steps.map((s) => el('li', {
    class: `step step--${s.state}`, dataset: { step: s.name, state: s.state } },
  el('span', { text: STEP_NAMES[s.name] || s.name }), el('span', { class: 'step__state', text: s.state }))));
  const parts = [
    el('div', { class: 'job__head' },
      el('strong', { id: 'job-state', text: job.state === 'running' ? `${job.kind === 'train' ? 'Training' : 'Evaluating'}…`
        : job.state === 'done' ? 'Done' : 'Failed' }),
      el('span', { class: 'job__percent', id: 'job-percent', text: `${Math.floor(job.percent)}%` }),
      el('span', { class: 'job__task', id: 'job-task', text: job.task })),
    bar, steps,
  ];
  if (job.error) {
    parts.push(el('p', { class: 'form-message form-message--error', id: 'job-error', text: job.error }));
    if (job.problems) {
      parts.push(el('ul', { class: 'problems__list' }, job.problems.map((p) => el('li', { class: 'problem problem--error', text: p.text }))));
    }
  }
  if (job.state === 'done' && job.version) {
    parts.push(el('p', { class: 'job__result', id: 'job-result', text: `New version ${job.version}${job.evaluation && job.evaluation.accuracy !== undefined
      ? `: intent accuracy ${pct(job.evaluation.accuracy)}, FAQ MAP ${pct(job.evaluation.faqMap)}` : ''}.` }));
    if (job.comparison) parts.push(verdict(job.comparison, 'job-verdict'));
    if (job.note) parts.push(el('p', { class: 'notice', text: job.note }));
    if (job.activated) parts.push(el('p', { class: 'form-message form-message--ok', text: 'Activated: the bot answers with it now.' }));
  }
  replace(jobBox, parts);
}

function verdict(c, id) {
  const cls = c.verdict === 'worse' ? 'verdict--worse' : c.verdict === 'better' ? 'verdict--better' : 'verdict--same';
  return el('p', { class: `verdict ${cls}`, id, dataset: { verdict: c.verdict }, text: c.summary });
}

// ---------------------------------------------------------------- versions

async function loadVersions() {
  try {
    const data = await get('/api/admin/models');
    const activeIndex = data.versions.findIndex((v) => v.active);
    replace(versionsBody, data.versions.map((v, i) => row(v, activeIndex >= 0 && i > activeIndex)));
  } catch (e) {
    problems.show('error', e.message);
  }
}

function row(v, older) {
  const e = v.evaluation || {};
  const actions = el('td', { class: 'actions' });
  if (!v.active) {
    actions.append(el('button', { type: 'button', class: `button button--small${older ? '' : ' button--primary'}`,
      dataset: { action: older ? 'rollback' : 'activate' }, text: older ? 'Roll back' : 'Activate',
      on: { click: () => activate(v.version, false) } }));
  }
  if (v.hasReport) {
    actions.append(el('button', { type: 'button', class: 'button button--small', dataset: { action: 'report' }, text: 'Report',
      on: { click: () => openReport(v.version) } }));
  } else {
    actions.append(el('button', { type: 'button', class: 'button button--small', dataset: { action: 'evaluate' }, text: 'Evaluate',
      on: { click: async () => {
        try {
          const job = await request('POST', `/api/admin/models/${v.version}/evaluate`, { body: {} });
          follow(job.id);
        } catch (err) {
          problems.show('error', err.message);
        }
      } } }));
  }
  const compared = v.active ? el('span', { class: 'chip chip--ok', text: 'live' })
    : v.comparison ? verdictCell(v.comparison) : el('span', { text: '–' });
  return el('tr', { dataset: { version: v.version, active: String(v.active) }, class: v.active ? 'versions__active' : '' },
    el('td', {}, el('div', { class: 'versions__id', text: v.version }), el('div', { class: 'versions__date', text: versionDate(v.version) })),
    el('td', { class: 'n', text: pct(e.accuracy) }),
    el('td', { class: 'n', text: pct(e.macroF1) }),
    el('td', { class: 'n', text: pct(e.oosRecall) }),
    el('td', { class: 'n', text: pct(e.faqMap) }),
    el('td', { class: 'n', text: pct(e.sentimentAccuracy) }),
    el('td', { class: 'versions__compare' }, compared),
    actions);
}

function verdictCell(c) {
  const label = c.verdict === 'unknown' ? 'no numbers' : c.verdict;
  const changes = (c.changes || []).filter((x) => x.worse || x.better)
    .map((x) => `${x.label} ${x.delta > 0 ? '+' : ''}${(x.delta * 100).toFixed(1)}`).join(', ');
  return el('div', {},
    el('span', { class: `chip ${c.verdict === 'worse' ? 'chip--danger' : c.verdict === 'better' ? 'chip--ok' : 'chip--neutral'}`,
      text: c.comparable || c.verdict === 'unknown' ? label : `${label} (other test data)` }),
    changes ? el('div', { class: 'versions__changes', text: changes }) : null);
}

async function activate(version, force) {
  problems.clear();
  try {
    const r = await request('POST', `/api/admin/models/${version}/activate`, { body: force ? { force: true } : {} });
    problems.show('ok', `Version ${r.active} is live now${r.previous ? ` (was ${r.previous})` : ''}. The next customer message is answered by it.`);
    loadVersions();
  } catch (e) {
    if (e.code === 'regression') {
      problems.show('error', e.message, [], el('button', { type: 'button', class: 'button button--small button--danger',
        id: 'activate-anyway', text: `Activate ${version} anyway`, on: { click: () => activate(version, true) } }));
    } else {
      problems.show('error', e.message);
    }
  }
}

// ---------------------------------------------------------------- report

async function openReport(version) {
  try {
    const v = await get(`/api/admin/models/${version}`);
    showReport(v);
  } catch (e) {
    problems.show('error', e.message);
  }
}

function card(label, value, id) {
  return el('div', { class: 'metric', id }, el('span', { class: 'metric__value', text: value }), el('span', { class: 'metric__label', text: label }));
}

function showReport(v) {
  const r = v.report || {};
  const intent = r.intent || {};
  const e = v.evaluation || {};
  reportBox.hidden = false;
  const download = el('button', { type: 'button', class: 'button button--small', id: 'report-download', text: 'Download the HTML report',
    on: { click: () => downloadHtml(v.version, download) } });
  replace(reportBox,
    el('div', { class: 'editor__head' },
      el('h2', { id: 'report-title', text: `Evaluation of ${v.version}${v.active ? ' (live)' : ''}` }), download),
    el('p', { class: 'list-note', text: `${e.method === 'test_set' ? 'Measured on the test set (test-set/)' : 'Measured on examples held apart from training'}`
      + `${e.evaluatedAt ? `, ${new Date(e.evaluatedAt).toLocaleString()}` : ''}. Trained in ${v.trainSeconds} s.` }),
    v.comparison ? verdict(v.comparison, 'report-verdict') : null,
    el('div', { class: 'metrics' },
      card('intent accuracy', pct(e.accuracy), 'metric-accuracy'),
      card('macro F1', pct(e.macroF1), 'metric-macro-f1'),
      card('out-of-scope recall', pct(e.oosRecall), 'metric-oos'),
      card('FAQ MAP', pct(e.faqMap), 'metric-faq'),
      card('sentiment accuracy', pct(e.sentimentAccuracy), 'metric-sentiment'),
      card('entity F1', pct(e.entityF1), 'metric-entities')),
    intent.confusion_matrix ? el('h3', { text: 'Confusion matrix' }) : null,
    intent.confusion_matrix ? el('div', { class: 'matrix-wrap', id: 'confusion-matrix' }, matrix(intent.confusion_matrix)) : null,
    intent.top_confusions && intent.top_confusions.length ? el('h3', { text: 'Worst confusions' }) : null,
    intent.top_confusions && intent.top_confusions.length ? el('ul', { class: 'confusions', id: 'confusions' },
      intent.top_confusions.slice(0, 8).map((c) => el('li', { text: `${c.expected} → ${c.predicted}: ${c.count}` }))) : null,
    intent.per_intent ? el('h3', { text: 'Per intent' }) : null,
    intent.per_intent ? perIntent(intent.per_intent) : null,
    intent.misclassified && intent.misclassified.length ? el('h3', { text: 'Examples it got wrong' }) : null,
    intent.misclassified && intent.misclassified.length ? el('table', { class: 'users errors', id: 'misclassified' },
      el('thead', {}, el('tr', {}, ['Message', 'Expected', 'Predicted', 'Confidence'].map((h) => el('th', { text: h })))),
      el('tbody', {}, intent.misclassified.slice(0, 15).map((m) => el('tr', {},
        el('td', { text: m.text }), el('td', { text: m.expected }), el('td', { text: m.predicted }),
        el('td', { class: 'n', text: Number(m.confidence).toFixed(2) }))))) : null);
}

function perIntent(per) {
  const rows = Object.entries(per).sort((a, b) => a[1].f1 - b[1].f1);
  return el('table', { class: 'users per-intent', id: 'per-intent' },
    el('thead', {}, el('tr', {}, ['Intent', 'Precision', 'Recall', 'F1', 'Examples'].map((h) => el('th', { text: h })))),
    el('tbody', {}, rows.map(([name, m]) => el('tr', { class: m.f1 < 0.8 ? 'weak' : '' },
      el('td', { text: name }), el('td', { class: 'n', text: pct(m.precision) }), el('td', { class: 'n', text: pct(m.recall) }),
      el('td', { class: 'n', text: pct(m.f1) }), el('td', { class: 'n', text: String(m.support) })))));
}

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

/** The confusion matrix as a picture: rows are the expected intents, columns the predicted ones. */
function matrix(cm) {
  const labels = cm.labels;
  const counts = cm.counts;
  const n = labels.length;
  const cell = n > 40 ? 12 : 18;
  const left = 150;
  const top = 130;
  const size = n * cell;
  const right = 110;
  const root = svg('svg', { width: left + size + right, height: top + size + 10, viewBox: `0 0 ${left + size + right} ${top + size + 10}`,
    role: 'img', 'aria-label': `Confusion matrix of ${n} intents: rows expected, columns predicted` });
  root.append(svg('text', { x: left + size / 2, y: 12, 'text-anchor': 'middle', class: 'matrix__axis' }, 'predicted'));
  root.append(svg('text', { x: 10, y: top + size / 2, class: 'matrix__axis', transform: `rotate(-90 10 ${top + size / 2})`, 'text-anchor': 'middle' }, 'expected'));
  for (let i = 0; i < n; i++) {
    const rowTotal = counts[i].reduce((a, b) => a + b, 0) || 1;
    root.append(svg('text', { x: left - 4, y: top + i * cell + cell * 0.7, 'text-anchor': 'end', class: 'matrix__label' }, labels[i]));
    root.append(svg('text', { x: 0, y: 0, class: 'matrix__label',
      transform: `translate(${left + i * cell + cell * 0.7} ${top - 4}) rotate(-60)` }, labels[i]));
    for (let j = 0; j < n; j++) {
      const c = counts[i][j];
      const share = c / rowTotal;
      let fill = '#ffffff';
      if (c > 0) {
        fill = i === j ? `rgba(30, 107, 63, ${0.15 + 0.85 * share})` : `rgba(180, 35, 24, ${0.5 + 0.5 * share})`;
      }
      root.append(svg('rect', { x: left + j * cell, y: top + i * cell, width: cell - 1, height: cell - 1, fill, class: 'matrix__cell' },
        svg('title', {}, `${labels[i]} → ${labels[j]}: ${c}`)));
    }
  }
  return root;
}

async function downloadHtml(version, button) {
  try {
    const blob = await request('GET', `/api/admin/models/${version}/report.html`, { blob: true });
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: `evaluation-${version}.html` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    button.textContent = 'Downloaded';
  } catch (e) {
    problems.show('error', e.message);
  }
}

