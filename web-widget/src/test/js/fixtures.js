// Reads the golden protocol frames that the Java gateway tests also read.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export const FIXTURES = process.env.PROTOCOL_FIXTURES
  || resolve(here, '../../../../connectors/src/test/resources/protocol');

/** {name: text} of every fixture in `side` ('client' or 'server'). */
export function fixtures(side) {
  const dir = join(FIXTURES, side);
  const out = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    out[file.replace(/\.json$/, '')] = readFileSync(join(dir, file), 'utf8').trim();
  }
  return out;
}
