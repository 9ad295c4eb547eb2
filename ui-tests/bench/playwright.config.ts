/**
 * The browser benches (ui-tests/bench/*.spec.ts): the browser tests' Chromium, viewport and
 * fixtures, one test at a time, no retries, traces or screenshots. Each is run by its
 * bench/*.bench.js (`node bench/run.js editorTyping`, `sidebarScale`, `sidebarRunAll`, through
 * bench/browserBench.js), which reads the figures the spec writes to CELLSCRIPT_BENCH_OUT;
 * `npx playwright test -c bench/playwright.config.ts <spec>` in ui-tests/ runs one alone and
 * attaches them to the report instead.
 */
import { defineConfig } from '@playwright/test';
import base from '../playwright.config';

export default defineConfig({
  ...base,
  testDir: '.',
  outputDir: '../test-results/bench',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // 400 measured keystrokes, their warm-up and a toggle of the setting between blocks.
  timeout: 10 * 60_000,
  reporter: [['list']],
  use: { ...base.use, trace: 'off', screenshot: 'off' }
});
