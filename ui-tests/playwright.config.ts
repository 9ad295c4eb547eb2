/**
 * Browser tests against the JupyterLab host (see fixtures.ts), in Debian's Chromium: Playwright's
 * own browsers cannot be downloaded here, so never run `npx playwright install`.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  // Each test starts its own server, kernel and browser page, which keeps the two cores busy:
  // measured here, two workers finish no sooner than one. CELLSCRIPT_UI_WORKERS overrides.
  workers: Number(process.env.CELLSCRIPT_UI_WORKERS || 1),
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1366, height: 800 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync'
      ]
    },
    actionTimeout: 20_000,
    // Recording a trace costs ~5 s per test here: off unless asked for
    // (CELLSCRIPT_UI_TRACE=1, or `npx playwright test --trace on`).
    trace: process.env.CELLSCRIPT_UI_TRACE ? 'retain-on-failure' : 'off',
    screenshot: 'only-on-failure'
  }
});
