#!/usr/bin/env node
// The whole test suite: type check, component tests in Chromium, server tests on PostgreSQL (TEST_DATABASE_URL)
// and on the embedded database, and the Storybook build. Stops at the first failing step.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const candidates = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
].filter(Boolean);
const chrome = candidates.find((path) => existsSync(path));
if (!chrome) {
  console.error('npm test needs Chromium for the component tests: install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROME_PATH.');
  process.exit(1);
}

const env = { ...process.env, CHROME_PATH: chrome };
const steps = [
  // The locale modules are built from the XLIFF files: rebuild them so the tests never run on stale translations.
  ['locale modules', ['npx', 'lit-localize', 'build']],
  ['type check', ['npx', 'tsc', '--noEmit', '-p', '.']],
  ['component tests (Chromium)', ['npx', 'web-test-runner']],
  ...(process.env.TEST_DATABASE_URL
    ? [
        ['server tests (PostgreSQL)', ['npx', 'vitest', 'run'], {}],
        ['server tests (embedded database)', ['npx', 'vitest', 'run', 'test/server'], { DB: 'pglite' }],
      ]
    : [['server tests (embedded database)', ['npx', 'vitest', 'run'], { DB: 'pglite' }]]),
  ['Storybook build', ['npx', 'storybook', 'build', '-o', 'storybook-static', '--quiet']],
];

const timings = [];
for (const [name, [command, ...args], extraEnv = {}] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  timings.push(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    console.error(`\n✗ ${name} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}
console.log(`\n✓ all steps passed\n  ${timings.join('\n  ')}`);
