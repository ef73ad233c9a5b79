// The widget's own code never turns text into HTML: no innerHTML and friends, no eval, no inline handlers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const publicDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../main/resources/public');

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : [join(dir, d.name)]);
}

test('no script parses strings as HTML or code', () => {
  const forbidden = [/\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /\beval\(/,
    /new Function\(/, /createContextualFragment/, /setTimeout\(\s*['"`]/];
  const scripts = files(publicDir).filter((f) => f.endsWith('.js'));
  assert.ok(scripts.length >= 5, 'widget scripts found');
  for (const file of scripts) {
    const source = readFileSync(file, 'utf8');
    for (const pattern of forbidden) assert.doesNotMatch(source, pattern, `${file} uses ${pattern}`);
  }
});

test('pages have no inline scripts or inline event handlers, and postMessage never targets "*"', () => {
  for (const file of files(publicDir)) {
    const source = readFileSync(file, 'utf8');
    if (file.endsWith('.html')) {
      assert.doesNotMatch(source, /<script(?![^>]*\bsrc=)[^>]*>/i, `${file} has an inline script`);
      assert.doesNotMatch(source, /\son[a-z]+\s*=/i, `${file} has an inline event handler`);
    }
    if (file.endsWith('.js')) {
      assert.doesNotMatch(source, /postMessage\([^)]*['"]\*['"]\s*\)/, `${file} posts to any origin`);
    }
  }
});

test('the chat frame page carries a strict Content-Security-Policy', () => {
  const page = readFileSync(join(publicDir, 'widget/v1/frame.html'), 'utf8');
  const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(page);
  assert.ok(csp, 'CSP meta tag present');
  const policy = csp[1];
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /script-src 'self'(;|$)/);
  assert.doesNotMatch(policy, /unsafe-inline|unsafe-eval|\*/);
});
