/**
 * The benchmark harness behind `npm run bench`: loads every bench/*.bench.js module (each
 * exports `async run(): Promise<{ name, rows, summary? }>`), prints each result as a table and
 * writes them all, with the time, Node version and machine, to bench/results.json.
 *
 * Run one benchmark only with `node bench/run.js parse` (matches file names).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

async function main() {
  const filters = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter(file => file.endsWith('.bench.js'))
    .filter(
      file =>
        filters.length === 0 || filters.some(filter => file.includes(filter))
    )
    .sort();
  if (files.length === 0) {
    throw new Error(
      `No bench/*.bench.js matches ${filters.join(', ') || 'anything'}.`
    );
  }
  const results = [];
  let failed = false;
  for (const file of files) {
    const started = Date.now();
    try {
      const bench = require(path.join(__dirname, file));
      const result = await bench.run();
      console.log(
        `\n${result.name} (${file}, ${((Date.now() - started) / 1000).toFixed(1)} s)`
      );
      console.table(result.rows);
      if (result.summary) {
        console.log(result.summary);
      }
      results.push({ file, ...result });
    } catch (error) {
      failed = true;
      console.error(
        `\n${file} failed: ${error && error.stack ? error.stack : error}`
      );
      results.push({
        file,
        error: String(error && error.message ? error.message : error)
      });
    }
  }
  const cpus = os.cpus();
  const report = {
    timestamp: new Date().toISOString(),
    node: process.version,
    machine: {
      platform: os.platform(),
      release: os.release(),
      arch: os.arch(),
      cpu: cpus.length > 0 ? cpus[0].model : 'unknown',
      cores: cpus.length,
      memoryGB: Number((os.totalmem() / 1024 ** 3).toFixed(1))
    },
    results
  };
  const out = path.join(__dirname, 'results.json');
  fs.writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  console.log(`\nWrote ${path.relative(process.cwd(), out)}`);
  if (failed) {
    process.exitCode = 1;
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
