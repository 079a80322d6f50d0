#!/usr/bin/env node
// `npm test`: every check, in order, and one closing line "N passed, N failed[, N skipped]".
// Type check, lint and catalog compile count as one check each; vitest reports its own tests
// (unit, integration on real PostgreSQL, and end-to-end in Chromium).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;

function step(name, cmd, args) {
  process.stdout.write(`\n== ${name}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status === 0) passed++;
  else { failed++; console.log(`== ${name}: FAILED`); }
  return r.status === 0;
}

const compiled = step('translations (lingui compile --strict)', 'npx', ['lingui', 'compile', '--strict', '--typescript']);
step('type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
step('lint', 'npx', ['eslint', 'src', 'scripts', 'bench', 'e2e']);
if (compiled) step('web build', 'npx', ['vite', 'build', '--logLevel', 'warn']);

// Vitest: server (unit + integration) and e2e projects, results read from its JSON report.
const report = '.tmp/vitest-report.json';
fs.mkdirSync('.tmp', { recursive: true });
fs.rmSync(report, { force: true });
process.stdout.write('\n== tests (vitest: server, e2e)\n');
const v = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { stdio: 'inherit', env: process.env });
if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  // A suite that failed to load has no tests to count: count it as a failure.
  failed += r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  if (r.numTotalTests === 0) failed++;
} else {
  failed++;
}
if (v.status !== 0 && failed === 0) failed++;

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed === 0 ? 0 : 1);
