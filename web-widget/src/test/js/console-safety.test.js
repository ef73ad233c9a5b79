// The agent console and the admin pages: strict policy on every page, tokens never in cookies or localStorage,
// and every dynamic text through the one text-only element builder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const publicDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../main/resources/public');
const pages = ['agent/index.html', 'admin/users/index.html'];
const scripts = ['agent/console.js', 'agent/lib/api.js', 'agent/lib/dom.js', 'agent/lib/login.js', 'admin/users/users.js'];

test('console pages carry a strict Content-Security-Policy', () => {
  for (const page of pages) {
    const html = readFileSync(join(publicDir, page), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
    assert.ok(csp, `${page} has a CSP`);
    assert.match(csp[1], /default-src 'none'/);
    assert.match(csp[1], /script-src 'self'/);
    assert.doesNotMatch(csp[1], /unsafe-inline|unsafe-eval|\*/, `${page} allows too much`);
  }
});

test('staff tokens live only in sessionStorage and travel only in the Authorization header', () => {
  for (const file of scripts) {
    const source = readFileSync(join(publicDir, file), 'utf8');
    assert.doesNotMatch(source, /document\.cookie/, `${file} touches cookies`);
    assert.doesNotMatch(source, /localStorage/, `${file} uses localStorage`);
  }
  const api = readFileSync(join(publicDir, 'agent/lib/api.js'), 'utf8');
  assert.match(api, /Authorization = `Bearer \$\{s\.token\}`/);
  assert.match(api, /credentials: 'omit'/);
});

test('the element builder only ever sets text, never markup', () => {
  const dom = readFileSync(join(publicDir, 'agent/lib/dom.js'), 'utf8');
  assert.match(dom, /node\.textContent = String\(value\)/);
  assert.match(dom, /document\.createTextNode\(String\(child\)\)/);
  for (const file of scripts) {
    const source = readFileSync(join(publicDir, file), 'utf8');
    assert.doesNotMatch(source, /\.html\(|DOMParser|srcdoc/, `${file} builds markup`);
  }
});
