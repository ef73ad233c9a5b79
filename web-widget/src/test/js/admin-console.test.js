// The admin console: a strict policy on its page, the staff token only in sessionStorage and the Authorization
// header, no markup built from strings, and the small text helpers the views rely on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lines, pathLabel, pct, versionDate } from '../../main/resources/public/admin/ui.js';

const adminDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../main/resources/public/admin');
const scripts = readdirSync(adminDir).filter((f) => f.endsWith('.js')).map((f) => join(adminDir, f));

test('the admin console page carries a strict Content-Security-Policy and loads only its own module', () => {
  const html = readFileSync(join(adminDir, 'index.html'), 'utf8');
  const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  assert.ok(csp, 'CSP meta tag present');
  assert.match(csp[1], /default-src 'none'/);
  assert.match(csp[1], /script-src 'self';/);
  assert.match(csp[1], /connect-src 'self';/);
  assert.doesNotMatch(csp[1], /unsafe-inline|unsafe-eval|\*|blob:/);
  assert.match(html, /<script type="module" src="\/admin\/admin\.js"><\/script>/);
});

test('the token stays in the shared session and travels only in the Authorization header', () => {
  assert.ok(scripts.length >= 8, 'admin scripts found');
  for (const file of scripts) {
    const source = readFileSync(file, 'utf8');
    assert.doesNotMatch(source, /localStorage|document\.cookie/, `${file} stores something outside the session`);
    assert.doesNotMatch(source, /[?&]token=/, `${file} puts a token in a URL`);
  }
  const http = readFileSync(join(adminDir, 'http.js'), 'utf8');
  assert.match(http, /Authorization: `Bearer \$\{s\.token\}`/);
  assert.match(http, /credentials: 'omit'/);
  for (const file of scripts.filter((f) => !f.endsWith('http.js'))) {
    assert.doesNotMatch(readFileSync(file, 'utf8'), /fetch\(/, `${file} calls fetch itself instead of the admin helper`);
  }
});

test('no view sets inline styles or builds markup from strings', () => {
  for (const file of scripts) {
    const source = readFileSync(file, 'utf8');
    assert.doesNotMatch(source, /setAttribute\(\s*['"]style['"]|\.style\.cssText|srcdoc|DOMParser|\.html\(/, `${file}`);
  }
});

test('the text helpers read lines, name fields, and format numbers and versions', () => {
  assert.deepEqual(lines('  where is my order \n\n  track it\n'), ['where is my order', 'track it']);
  assert.equal(pathLabel('examples[2]'), 'example 3');
  assert.equal(pathLabel('entries[4].answer'), 'answer');
  assert.equal(pathLabel('values[0].synonyms[1]'), 'value 1, synonym 2');
  assert.equal(pathLabel(''), '');
  assert.equal(pct(0.9637), '96.4%');
  assert.equal(pct(undefined), '–');
  assert.equal(versionDate('20261123-135153-754'), '2026-11-23 13:51:53 UTC');
});
