/**
 * Parse speed of the script model: realistic generated scripts of 100 KB, 1 MB and 10 MB
 * (about 30 lines per cell, some markdown cells, docstrings, comments, a Jupytext header),
 * parsed repeatedly after a warm-up (cell hashes included: parsing computes them). Reports the median, MB/s and how the time per MB grows
 * with size (1.0 = perfectly linear). Goal: 1 MB in at most 5 ms (median), linear growth.
 */
const { parseScript, inferParameters } = require('../lib/script');

const MB = 1024 * 1024;
const PARAMETERS_MARKER = '# %% Parameters tags=["parameters"]';

/** A small deterministic PRNG so every run parses the same text. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const HEADER = [
  '# ---',
  '# jupyter:',
  '#   jupytext:',
  '#     text_representation:',
  '#       extension: .py',
  '#       format_name: percent',
  '#       format_version: "1.3"',
  '#   kernelspec:',
  '#     display_name: Python 3',
  '#     language: python',
  '#     name: python3',
  '# ---',
  ''
];

function codeLines(random, cell) {
  const lines = [];
  const count = 24 + Math.floor(random() * 12);
  for (let i = 0; i < count; i++) {
    const r = random();
    if (r < 0.08) {
      lines.push(
        `# step ${i}: normalise the batch and keep the running mean (see notes)`
      );
    } else if (r < 0.12) {
      lines.push(`def helper_${cell}_${i}(x, scale=1.0):`);
      lines.push('    """Scale x.');
      lines.push('');
      lines.push('    # %% inside a docstring is not a marker');
      lines.push('    """');
      lines.push(`    return [v * scale for v in x]  # keep it simple`);
      i += 5;
    } else if (r < 0.2) {
      lines.push(`label_${i} = 'it\\'s "quoted" text # not a comment'`);
    } else if (r < 0.25) {
      lines.push(
        `values_${i} = [1, 2.5, -3e-4, "x", None, True, (4, 5), {"k": [6]}]`
      );
    } else if (r < 0.3) {
      lines.push('');
    } else {
      lines.push(
        `result_${cell}_${i} = compute(data[${i % 7}], alpha=0.${i % 10}, name=f"run_{${i}}")`
      );
    }
  }
  return lines;
}

function markdownLines(random, cell) {
  const lines = [];
  const count = 4 + Math.floor(random() * 6);
  for (let i = 0; i < count; i++) {
    lines.push(
      i === 0
        ? `# ## Section ${cell}`
        : `# Some prose about step ${i}, with *emphasis*.`
    );
  }
  return lines;
}

/** A script of about `size` characters. */
function generateScript(size, seed = 42) {
  const random = prng(seed);
  const parts = [
    HEADER.join('\n'),
    PARAMETERS_MARKER,
    'lr = 0.1',
    'epochs = 10',
    ''
  ];
  let length = parts.reduce((sum, part) => sum + part.length + 1, 0);
  for (let cell = 0; length < size; cell++) {
    const markdown = random() < 0.15;
    const marker = markdown
      ? `# %% Notes ${cell} [markdown]`
      : `# %% Cell ${cell}`;
    const body = markdown
      ? markdownLines(random, cell)
      : codeLines(random, cell);
    const chunk = [marker, ...body, ''].join('\n') + '\n';
    parts.push(chunk.slice(0, -1));
    length += chunk.length;
  }
  return parts.join('\n') + '\n';
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn, runs, warmup) {
  for (let i = 0; i < warmup; i++) {
    fn();
  }
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

async function run() {
  const sizes = [
    { size: '100 KB', bytes: 100 * 1024, runs: 21, warmup: 10 },
    { size: '1 MB', bytes: MB, runs: 21, warmup: 5 },
    { size: '10 MB', bytes: 10 * MB, runs: 11, warmup: 3 }
  ];
  const rows = [];
  let baseMsPerMB = null;
  // Warm the JIT on a mid-sized script first, so the smallest size is not measured cold.
  const warm = generateScript(MB, 7);
  time(() => parseScript(warm), 10, 0);
  const warmUntagged = parseScript(
    warm.replace(PARAMETERS_MARKER, '# %% Start')
  );
  time(() => inferParameters(warmUntagged), 5, 0);
  for (const size of sizes) {
    const text = generateScript(size.bytes);
    const script = parseScript(text);
    const times = time(() => parseScript(text), size.runs, size.warmup);
    const ms = median(times);
    const mb = text.length / MB;
    const msPerMB = ms / mb;
    baseMsPerMB = baseMsPerMB ?? msPerMB;
    // Worst case for parameters: no parameters cell, so every code cell is read.
    const untagged = parseScript(text.replace(PARAMETERS_MARKER, '# %% Start'));
    const paramMs = median(time(() => inferParameters(untagged), 7, 3));
    rows.push({
      size: size.size,
      chars: text.length,
      cells: script.cells.length,
      lines: script.lineCount,
      runs: size.runs,
      'median ms': Number(ms.toFixed(2)),
      'min ms': Number(Math.min(...times).toFixed(2)),
      'MB/s': Number((mb / (ms / 1000)).toFixed(1)),
      'ms per MB': Number(msPerMB.toFixed(2)),
      'per-MB ratio vs 100 KB': Number((msPerMB / baseMsPerMB).toFixed(2)),
      'inferParameters (all cells) ms': Number(paramMs.toFixed(2))
    });
  }
  const oneMB = rows.find(row => row.size === '1 MB');
  const tenMB = rows.find(row => row.size === '10 MB');
  return {
    name: 'parseScript',
    rows,
    summary: {
      goal: '1 MB in <= 5 ms median, linear growth',
      oneMBMedianMs: oneMB['median ms'],
      meetsGoal: oneMB['median ms'] <= 5,
      linearity10MBvs1MB: Number(
        (tenMB['ms per MB'] / oneMB['ms per MB']).toFixed(2)
      )
    }
  };
}

module.exports = { run, generateScript };
