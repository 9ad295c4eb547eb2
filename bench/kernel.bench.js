/**
 * Round trip of running a trivial script cell through CellScriptSession (parse + one execute
 * request carrying the run, its export and a check that the file is unchanged, which the
 * kernel makes itself; and, as a second row, with a contents read before every run) against a
 * bare `kernel.requestExecute` of the same code on the same kernel. Its own jupyter_server (with
 * TCP_NODELAY, as the integration tests) and kernel; medians of 200 runs each after a
 * warm-up, the two interleaved so drift hits both alike. Goal: session / bare <= 1.2.
 *
 * Needs lib/ (npm run build:lib).
 */
const fs = require('fs');
const path = require('path');
const { CellScriptSession } = require('../lib/kernel');
const { withKernel } = require('./jupyter');
const { interleave, row, stats } = require('./measure');

const RUNS = 200;
const WARMUP = 30;
const CELL = 'x = 1';
const DISPLAY =
  "x = 1; __import__('IPython.display').display.publish_display_data({'text/x-bench': ''})";

async function run() {
  return withKernel(async ({ server, kernel, contents }) => {
    fs.writeFileSync(
      path.join(server.rootDir, 'bench.py'),
      `# %% Trivial\n${CELL}\n`
    );
    const session = new CellScriptSession({
      path: 'bench.py',
      kernel,
      contents,
      rootDir: server.rootDir
    });
    await session.export('y=x');
    // The same with a contents read before every run (no kernel-side check of the file).
    const reading = new CellScriptSession({
      path: 'bench.py',
      kernel,
      contents,
      rootDir: server.rootDir,
      checkInKernel: false
    });
    await reading.export('y=x');

    const bare = () =>
      kernel.requestExecute({ code: CELL, silent: true, store_history: false })
        .done;
    const bareVisible = () =>
      kernel.requestExecute({ code: CELL, store_history: false }).done;
    // The floor of any design that answers with one display_data message.
    const bareDisplay = () =>
      kernel.requestExecute({
        code: DISPLAY,
        silent: true,
        store_history: false
      }).done;
    const viaSession = () => session.run('Trivial');
    const viaReadingSession = () => reading.run('Trivial');
    const readOnly = () => session.readText();
    const requestOnly = () =>
      session.bridge.sendRequest('run', {
        script: session.scriptRef,
        cells: [{ index: 0, name: 'Trivial', source: CELL, firstLine: 2 }],
        lineCount: 2,
        exports: [{ target: 'y', source: 'x' }]
      });
    const measures = [
      ['bare requestExecute (silent)', bare],
      ['bare requestExecute (as a notebook cell)', bareVisible],
      ['bare requestExecute publishing one display_data', bareDisplay],
      ['session.run (kernel checks the file; run + export)', viaSession],
      ['session.run, contents read every run', viaReadingSession],
      ['contents read alone', readOnly],
      ['bridge request alone (run + export)', requestOnly]
    ];
    // A fresh order each round: what ran just before (an HTTP read, a websocket message)
    // must not favour one measure.
    const samples = await interleave(measures, RUNS, WARMUP);
    const rows = measures.map(([name], m) => row(name, samples[m]));
    const bareMedian = stats(samples[0]).median;
    const ratio = stats(samples[3]).median / bareMedian;
    const ratioReading = stats(samples[4]).median / bareMedian;
    const ratioRequest = stats(samples[6]).median / bareMedian;
    session.dispose();
    reading.dispose();
    return {
      name: 'Kernel round trip: session.run of a trivial cell vs bare requestExecute',
      rows,
      summary:
        `session.run / bare requestExecute (medians): ${ratio.toFixed(2)}x (goal <= 1.2x); ` +
        `with a contents read before every run: ${ratioReading.toFixed(2)}x; the bridge ` +
        `request alone: ${ratioRequest.toFixed(2)}x. ${RUNS} runs each after ${WARMUP} ` +
        'warm-up, interleaved, jupyter_server with TCP_NODELAY.',
      ratio: +ratio.toFixed(3),
      ratioWithContentsRead: +ratioReading.toFixed(3),
      ratioBridgeRequest: +ratioRequest.toFixed(3)
    };
  });
}

module.exports = { run };
