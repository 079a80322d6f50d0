import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import setupDatabase from '../src/test/global-setup.js';

/**
 * Once per e2e run: the built web app (built here when dist/web is missing; `npm test` builds
 * it just before) and the migrated template database that every test file clones.
 */
export default async function setup(project: TestProject) {
  if (!fs.existsSync('dist/web/index.html') || process.env.KOMPAS_E2E_BUILD === '1') {
    execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  }
  if (!fs.existsSync('/usr/bin/chromium') && !process.env.CHROMIUM_PATH) {
    throw new Error('Chromium is missing: apt-get install -y chromium (Debian package; no browser download)');
  }
  return setupDatabase(project);
}
