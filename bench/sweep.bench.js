/**
 * A parameter sweep of a set-up-heavy script (imports and ~1 s of set-up, then ~0.1 s of work
 * per iteration) over 12 values, three ways in the same run: py3r's loop (one fresh `python3`
 * per iteration, in sequence, the whole script each time: bench/py3r_loop.py), our sweep with
 * `fork` isolation and concurrency 2, and with `kernel` isolation and concurrency 2; plus what
 * starting a session kernel costs (until it answered kernel_info). Goal: py3r / fork >= 4x.
 * Its own jupyter_server (bench/jupyter.js); every sweep's results are checked against py3r's.
 *
 * CELLSCRIPT_BENCH_SAMPLES=n measures n samples of each sweep (default 3: a sample takes
 * ~30 s); the kernel start is measured max(n, 8) times. Needs lib/ (npm run build:lib).
 */
const { spawn } = require('child_process');
const fs = require('fs');
const { performance } = require('perf_hooks');
const path = require('path');
const { KernelManager, SessionManager } = require('@jupyterlab/services');
const { SessionSweepKernels, startSweep } = require('../lib/sweep');
const { withKernel } = require('./jupyter');
const { interleave, row, stats } = require('./measure');

const PYTHON = '/usr/bin/python3';
const DRIVER = path.join(__dirname, 'py3r_loop.py');
const MARKER = '__PY3R_OUTPUTS__ ';
const SAMPLES = Math.max(1, Number(process.env.CELLSCRIPT_BENCH_SAMPLES) || 3);
const KERNEL_STARTS = Math.max(SAMPLES, 8);
const VALUES = Array.from({ length: 12 }, (_, i) => i + 1);
const GOAL = 4;
const SCRIPT = 'sweep_bench.py';
const TEXT = `# %% Setup
import json
import math
import statistics
import time
try:
    import numpy as np
except ImportError:
    np = None
time.sleep(1.0)  # a data set loaded, a model built: what every iteration needs first
table = [math.sqrt(i) for i in range(1000)]
# %% Parameters
n = 1  # type: int
# %% Work
from cellscript import Output
values = [math.sin(n * i) + table[i % 1000] for i in range(200_000)]
Output(round(statistics.fmean(values), 6), name="mean")
`;

/** py3r's loop: a fresh interpreter per value, in sequence; outputs by value. */
async function py3rLoop(file) {
  const outputs = {};
  for (const n of VALUES) {
    outputs[n] = await runOnce(file, { n });
  }
  return outputs;
}

function runOnce(file, overrides) {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [DRIVER, file, JSON.stringify(overrides)], {
      cwd: path.dirname(file),
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let out = '';
    let err = '';
    child.stdout.on('data', chunk => (out += chunk));
    child.stderr.on('data', chunk => (err += chunk));
    child.once('error', reject);
    child.once('exit', code => {
      const line = out.split('\n').find(l => l.startsWith(MARKER));
      if (code !== 0 || !line) {
        reject(
          new Error(`py3r iteration ${JSON.stringify(overrides)}: ${err}`)
        );
      } else {
        resolve(JSON.parse(line.slice(MARKER.length)));
      }
    });
  });
}

/** Kernels of a sweep, timing each start (session started, kernel_info answered). */
class TimedKernels {
  constructor(inner) {
    this._inner = inner;
    this.startMs = [];
  }
  async start(script, label) {
    const started = performance.now();
    const lease = await this._inner.start(script, label);
    this.startMs.push(performance.now() - started);
    return lease;
  }
}

/** Run one sweep; returns its outputs by value and where its time went. */
async function ourSweep(sessions, contents, isolation) {
  const kernels = new TimedKernels(new SessionSweepKernels(sessions));
  const began = performance.now();
  let firstIteration = null;
  const run = await startSweep(
    { path: SCRIPT, contents, kernels, save: false },
    { n: VALUES },
    { outputs: ['mean'], isolation, concurrency: 2 }
  );
  run.progress.connect((_, progress) => {
    if (firstIteration === null && progress.running > 0) {
      firstIteration = performance.now() - began;
    }
  });
  const results = await run.done;
  const totalMs = performance.now() - began;
  const outputs = {};
  for (const result of results.iterations) {
    if (result.status !== 'ok') {
      throw new Error(
        `${isolation} sweep: n=${result.varied.n} ${result.status}: ` +
          `${result.error ? result.error.traceback : run.record.message}`
      );
    }
    outputs[result.varied.n] = { mean: result.outputs.mean.value };
  }
  return {
    outputs,
    breakdown: {
      totalMs,
      kernels: kernels.startMs.length,
      kernelStartMs: stats(kernels.startMs).median,
      firstIterationMs: firstIteration,
      iterationInKernelMs: stats(results.iterations.map(r => r.durationMs))
        .median
    }
  };
}

async function run() {
  return withKernel(async ({ server, contents, serverSettings }) => {
    const file = path.join(server.rootDir, SCRIPT);
    fs.writeFileSync(file, TEXT);
    const kernelManager = new KernelManager({ serverSettings });
    const sessions = new SessionManager({ kernelManager, serverSettings });
    try {
      const expected = await py3rLoop(file);
      const last = {};
      const check = (name, outputs) => {
        const a = JSON.stringify(outputs);
        if (a !== JSON.stringify(expected)) {
          throw new Error(`${name} gave other outputs than py3r's loop: ${a}`);
        }
      };
      const measures = [
        [
          'py3r loop: fresh python3 per iteration, in sequence',
          async () => {
            check('py3r loop', await py3rLoop(file));
          }
        ],
        [
          'sweep, fork isolation, concurrency 2',
          async () => {
            last.fork = await ourSweep(sessions, contents, 'fork');
            check('fork sweep', last.fork.outputs);
          }
        ],
        [
          'sweep, kernel isolation, concurrency 2',
          async () => {
            last.kernel = await ourSweep(sessions, contents, 'kernel');
            check('kernel sweep', last.kernel.outputs);
          }
        ]
      ];
      const samples = await interleave(measures, SAMPLES, 0);

      const starts = [];
      for (let i = 0; i < KERNEL_STARTS; i++) {
        const began = performance.now();
        const session = await sessions.startNew({
          path: `kernel-start-${i}.py`,
          name: `kernel start ${i}`,
          type: 'cellscript-bench',
          kernel: { name: 'python3' }
        });
        await session.kernel.info;
        starts.push(performance.now() - began);
        await session.shutdown();
        session.dispose();
      }

      const median = m => stats(samples[m]).median;
      const forkRatio = median(0) / median(1);
      const kernelRatio = median(0) / median(2);
      const rows = [
        ...measures.map(([name], m) =>
          row(`${name} (${VALUES.length} values)`, samples[m])
        ),
        row('session kernel start (until kernel_info)', starts)
      ];
      const round = breakdown =>
        Object.fromEntries(
          Object.entries(breakdown).map(([k, v]) => [k, Math.round(v)])
        );
      return {
        name: `Sweep of a set-up-heavy script over ${VALUES.length} values: py3r's loop vs fork and kernel isolation`,
        rows,
        summary:
          `py3r / fork: ${forkRatio.toFixed(2)}x (goal >= ${GOAL}x: ` +
          `${forkRatio >= GOAL ? 'met' : 'NOT met'}); py3r / kernel: ${kernelRatio.toFixed(2)}x. ` +
          `Session kernel start: ${stats(starts).median.toFixed(0)} ms (median of ${starts.length}). ` +
          `Medians of ${SAMPLES} interleaved samples. Last fork sweep (ms): ` +
          `${JSON.stringify(round(last.fork.breakdown))}; last kernel sweep (ms): ` +
          `${JSON.stringify(round(last.kernel.breakdown))}.`,
        ratioFork: +forkRatio.toFixed(2),
        ratioKernel: +kernelRatio.toFixed(2),
        goalMet: forkRatio >= GOAL,
        kernelStartMs: +stats(starts).median.toFixed(1),
        breakdown: {
          fork: round(last.fork.breakdown),
          kernel: round(last.kernel.breakdown)
        }
      };
    } finally {
      sessions.dispose();
      kernelManager.dispose();
    }
  });
}

module.exports = { run };
