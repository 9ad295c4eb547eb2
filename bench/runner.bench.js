/**
 * The run path the sidebar, commands and magics use (a ScriptService document + the
 * ScriptRunner), against peers on the same kernel, interleaved so drift hits all alike:
 *
 * 1. One trivial cell: runner.run(document, [{ name }]) against a bare silent
 *    `kernel.requestExecute` of the same code. Goal: at most 1.2x (median of 200).
 * 2. Run all of a 1,000-cell script of trivial cells: runner.run(document, []) against a
 *    chmp.csc-style loop inside the kernel (a small Python `run()` that re-reads the file,
 *    splits it at the markers and execs each cell with the file's name, as chmp.csc's
 *    CellScript.run does), called by one execute. Goal: at most 1.5x (median of 30).
 *
 * Its own jupyter_server with TCP_NODELAY and default IOPub rate limits. Needs lib/
 * (npm run build:lib).
 */
const fs = require('fs');
const path = require('path');
const { Signal } = require('@lumino/signaling');
const { ScriptService } = require('../lib/document/scriptService');
const { ScriptRunner } = require('../lib/run/scriptRunner');
const { withKernel } = require('./jupyter');
const { interleave, row, stats } = require('./measure');

const SINGLE_RUNS = 200;
const SINGLE_WARMUP = 30;
const ALL_RUNS = 30;
const ALL_WARMUP = 5;
const CELLS = 1000;
const CELL = 'x = 1';

// The peer: chmp.csc's loop, in the kernel. Re-reads the file on every call, as it does.
const CSC_LOOP = `
def _bench_csc_run(path, ns={"__name__": "bench_csc"}):
    import re
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for source in re.split(r"^# %%[^\\n]*$", text, flags=re.M)[1:]:
        exec(compile(source, path, "exec"), ns)
`;

/** A kernel target source that always answers with one kernel (the notebook's, here). */
function fixedTarget(kernel) {
  const source = {
    changed: new Signal({}),
    current: {
      notebookPath: 'bench.ipynb',
      cwd: '',
      kernelName: 'Python 3',
      kernel,
      ready: async () => kernel
    }
  };
  return source;
}

async function run() {
  return withKernel(async ({ server, kernel, contents }) => {
    let runner;
    let service;
    try {
      fs.writeFileSync(
        path.join(server.rootDir, 'one.py'),
        `# %% Trivial\n${CELL}\n`
      );
      const many = Array.from(
        { length: CELLS },
        (_, i) => `# %% C${i}\nv${i} = ${i}\n`
      ).join('');
      fs.writeFileSync(path.join(server.rootDir, 'many.py'), many);
      await kernel.requestExecute({ code: CSC_LOOP, silent: true }).done;

      service = new ScriptService({ contents });
      runner = new ScriptRunner({ targets: fixedTarget(kernel) });
      const one = service.open('one.py').document;
      const all = service.open('many.py').document;
      await Promise.all([one.ready, all.ready]);

      const bare = () =>
        kernel.requestExecute({
          code: CELL,
          silent: true,
          store_history: false
        }).done;
      const viaRunner = () => runner.run(one, [{ name: 'Trivial' }]);
      const single = await interleave(
        [
          ['bare requestExecute (silent)', bare],
          ['runner.run(document, [{ name }]) (sidebar path)', viaRunner]
        ],
        SINGLE_RUNS,
        SINGLE_WARMUP
      );

      const manyFile = path.join(server.rootDir, 'many.py');
      const cscLoop = () =>
        kernel.requestExecute({
          code: `_bench_csc_run(${JSON.stringify(manyFile)})`,
          silent: true,
          store_history: false
        }).done;
      const runAll = async () => {
        const result = await runner.run(all, []);
        if (result.status !== 'ok' || result.cells.length !== CELLS) {
          throw new Error(`run all: ${result.status}, ${result.cells.length}`);
        }
      };
      const whole = await interleave(
        [
          [`chmp.csc-style loop in the kernel, ${CELLS} cells`, cscLoop],
          [`runner.run(document, []) run all, ${CELLS} cells`, runAll]
        ],
        ALL_RUNS,
        ALL_WARMUP
      );

      const ratioSingle = stats(single[1]).median / stats(single[0]).median;
      const ratioAll = stats(whole[1]).median / stats(whole[0]).median;
      return {
        name: 'Run path: runner (document + kernel check) vs a bare execute and a chmp.csc loop',
        rows: [
          row('bare requestExecute (silent)', single[0]),
          row('runner, one trivial cell (sidebar path)', single[1]),
          row(`chmp.csc-style loop, ${CELLS} cells`, whole[0]),
          row(`runner, run all ${CELLS} cells`, whole[1])
        ],
        summary:
          `one cell: runner / bare execute ${ratioSingle.toFixed(2)}x (goal <= 1.2x, median of ` +
          `${SINGLE_RUNS}); run all ${CELLS} cells: runner / chmp.csc loop ` +
          `${ratioAll.toFixed(2)}x (goal <= 1.5x, median of ${ALL_RUNS}). Interleaved, ` +
          'jupyter_server with TCP_NODELAY and default IOPub rate limits.',
        ratioSingleCell: +ratioSingle.toFixed(3),
        ratioRunAll: +ratioAll.toFixed(3)
      };
    } finally {
      runner?.dispose();
      service?.dispose();
    }
  });
}

module.exports = { run };
