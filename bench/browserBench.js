/**
 * What the browser benches share (editorTyping, sidebarScale, sidebarRunAll, magic): the checks and builds before
 * a run, and one Playwright bench spec of ui-tests/bench/ run with its own fixtures (which
 * start the JupyterLab host server and the browser and always stop them).
 */
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { clearTimeout, setTimeout } = require('timers');

const REPO_DIR = path.resolve(__dirname, '..');
const UI_TESTS_DIR = path.join(REPO_DIR, 'ui-tests');
const LAB_EXTENSION = path.join(
  REPO_DIR,
  'jupyterlab_cellscript',
  'labextension',
  'package.json'
);
/** The whole Playwright run, server and browser start included. */
const RUN_TIMEOUT_MS = 15 * 60_000;

/** Newest modification time of the files under `dir` (0 when it does not exist). */
function newest(dir) {
  if (!fs.existsSync(dir)) {
    return 0;
  }
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(
      latest,
      entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs
    );
  }
  return latest;
}

/** Run a build step with its output on stderr; throw with `hint` when it fails. */
function build(command, args, cwd, hint) {
  const done = spawnSync(command, args, {
    cwd,
    stdio: ['ignore', process.stderr, process.stderr]
  });
  if (done.status !== 0) {
    throw new Error(`${[command, ...args].join(' ')} failed. ${hint}`);
  }
}

/** Check what the bench cannot make itself; build the extension and host when stale. */
function prepare() {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    throw new Error(
      `No Chromium at ${chromium}: run \`bash scripts/install-system-deps.sh\` (Debian's chromium).`
    );
  }
  if (!fs.existsSync(path.join(UI_TESTS_DIR, 'node_modules', '@playwright'))) {
    throw new Error(
      'ui-tests/node_modules is missing: run `bash scripts/prepare-host.sh` (or `npm ci --prefix ui-tests`).'
    );
  }
  const lib = path.join(REPO_DIR, 'lib');
  if (!fs.existsSync(lib)) {
    throw new Error(
      'lib/ is missing: run `npm run build:lib` (`npm run bench` does).'
    );
  }
  if (
    !fs.existsSync(LAB_EXTENSION) ||
    fs.statSync(LAB_EXTENSION).mtimeMs < newest(lib)
  ) {
    build(
      'npm',
      ['run', 'build:labextension'],
      REPO_DIR,
      'Run `npm run build` and look at its errors.'
    );
  }
  build(
    process.execPath,
    [path.join('host', 'build.mjs'), '--if-needed'],
    UI_TESTS_DIR,
    'Run `bash scripts/prepare-host.sh` and look at its errors.'
  );
}

/**
 * Run one Playwright bench (`spec`, a file of ui-tests/bench/), which writes its figures to
 * the JSON file `out`; resolves once it has exited. Interrupting or killing this process
 * interrupts it too (its fixtures then stop the server and the browser).
 */
function runPlaywright(spec, out) {
  const cli = require.resolve('@playwright/test/cli', {
    paths: [UI_TESTS_DIR]
  });
  const child = spawn(
    process.execPath,
    [cli, 'test', '-c', path.join('bench', 'playwright.config.ts'), spec],
    {
      cwd: UI_TESTS_DIR,
      env: { ...process.env, CELLSCRIPT_BENCH_OUT: out },
      stdio: ['ignore', process.stderr, process.stderr]
    }
  );
  const interrupt = () => child.kill('SIGINT');
  process.once('exit', interrupt);
  const timer = setTimeout(() => {
    interrupt();
    setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
  }, RUN_TIMEOUT_MS);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      process.removeListener('exit', interrupt);
      if (code === 0) {
        resolve();
      } else {
        reject(
          new Error(
            `The Playwright bench (ui-tests/bench/${spec}) failed (${signal ?? `exit ${code}`}); its report is above.`
          )
        );
      }
    });
  });
}

/**
 * Check and build what the browser benches need, run one (`spec`, a file of ui-tests/bench/)
 * and return the figures it wrote (its JSON result, read from a temporary file).
 */
async function runBrowserBench(spec) {
  prepare();
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cellscript-bench-'));
  const out = path.join(tempDir, 'result.json');
  try {
    await runPlaywright(spec, out);
    return JSON.parse(fs.readFileSync(out, 'utf8'));
  } finally {
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

module.exports = { runBrowserBench };
