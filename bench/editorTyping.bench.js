/**
 * Typing in a 1,000-cell script's editor, with the cells drawn (the default) against the same
 * editor with `drawCells: false`, in a real JupyterLab page in headless Chromium: keystroke to
 * paint, measured inside the page (200 keystrokes each, after a warm-up block; blocks of 20
 * keys, the setting toggled between blocks in a random order each round). Goal: at most 1.1x.
 * Also the parse after a pause and the redraw that follows it.
 *
 * The measuring is ui-tests/bench/editorTyping.spec.ts, run with Playwright's test runner
 * (ui-tests/bench/playwright.config.ts), whose fixtures start the JupyterLab host server and
 * the browser and always stop them. Needs lib/ (npm run build:lib, as `npm run bench` does),
 * the prebuilt extension (rebuilt here with `npm run build:labextension` when lib/ is newer)
 * and the host (`node ui-tests/host/build.mjs --if-needed`, a no-op when it is current).
 * CELLSCRIPT_BENCH_BLOCKS=n measures n blocks per condition instead of 10.
 */
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { clearTimeout, setTimeout } = require('timers');
const { row, stats } = require('./measure');

const REPO_DIR = path.resolve(__dirname, '..');
const UI_TESTS_DIR = path.join(REPO_DIR, 'ui-tests');
const LAB_EXTENSION = path.join(
  REPO_DIR,
  'jupyterlab_cellscript',
  'labextension',
  'package.json'
);
const GOAL = 1.1;
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
 * Run the Playwright bench; resolves once it has exited. Interrupting or killing this process
 * interrupts it too (its fixtures then stop the server and the browser).
 */
function runPlaywright(out) {
  const cli = require.resolve('@playwright/test/cli', {
    paths: [UI_TESTS_DIR]
  });
  const child = spawn(
    process.execPath,
    [cli, 'test', '-c', path.join('bench', 'playwright.config.ts')],
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
            `The Playwright bench (ui-tests/bench/editorTyping.spec.ts) failed (${signal ?? `exit ${code}`}); its report is above.`
          )
        );
      }
    });
  });
}

async function run() {
  prepare();
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cellscript-typing-'));
  const out = path.join(tempDir, 'result.json');
  let result;
  try {
    await runPlaywright(out);
    result = JSON.parse(fs.readFileSync(out, 'utf8'));
  } finally {
    fs.rmSync(tempDir, { recursive: true, force: true });
  }

  const paint = condition => result.keys[condition].map(k => k.paintMs);
  const update = condition => result.keys[condition].map(k => k.updateMs);
  const pauses = condition => result.pauses[condition];
  const drawnStats = stats(paint('drawn'));
  const plainStats = stats(paint('plain'));
  const ratio = drawnStats.median / plainStats.median;
  const ratioP90 = drawnStats.p90 / plainStats.p90;
  const n = result.keys.drawn.length;
  const pausesN = pauses('drawn').length;
  return {
    name: `Typing in a ${result.cells}-cell script's editor (${result.lines} lines), cells drawn vs drawCells off, headless Chromium`,
    rows: [
      row(`keystroke to paint, cells drawn (${n} keys)`, paint('drawn')),
      row(`keystroke to paint, drawCells off (${n} keys)`, paint('plain')),
      row(
        'editor update (view.dispatch) per key, cells drawn',
        update('drawn')
      ),
      row(
        'editor update (view.dispatch) per key, drawCells off',
        update('plain')
      ),
      row(
        `pause: parse (150 ms after the last key to parsed), cells drawn (${pausesN})`,
        pauses('drawn').map(p => p.parseMs)
      ),
      row(
        `pause: parse, drawCells off (${pausesN})`,
        pauses('plain').map(p => p.parseMs)
      ),
      row(
        'pause: parsed to cells redrawn and painted',
        pauses('drawn').map(p => p.redrawMs)
      ),
      row(
        'pause: of which the setEditorCells dispatch',
        pauses('drawn').map(p => p.dispatchMs)
      )
    ],
    summary:
      `keystroke to paint: cells drawn / drawCells off ${ratio.toFixed(2)}x at the median ` +
      `(${drawnStats.median.toFixed(1)} vs ${plainStats.median.toFixed(1)} ms), ` +
      `${ratioP90.toFixed(2)}x at p90; goal <= ${GOAL}x: ` +
      `${ratio <= GOAL ? 'met' : 'NOT met'}. ${n} keys each (letters, Enter, Backspace in a ` +
      `comment of the middle cell), blocks of ${result.blockKeys} in a random order each round.`,
    ratio: +ratio.toFixed(3),
    ratioP90: +ratioP90.toFixed(3),
    goalMet: ratio <= GOAL,
    userAgent: result.userAgent
  };
}

module.exports = { run };
