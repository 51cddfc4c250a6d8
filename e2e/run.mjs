// Runs the browser tests with Node's test runner: `node run.mjs [NAME…]` runs
// tests/NAME.test.mjs (all of them without arguments), one file at a time.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'tests');
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => !wanted.length || wanted.some((w) => f.startsWith(w)))
  .sort()
  .map((f) => path.join(dir, f));
if (!files.length) {
  console.error(`no test file matches ${wanted.join(' ')}`);
  process.exit(2);
}
const { status, signal } = spawnSync(
  process.execPath,
  ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(signal ? 1 : status);
