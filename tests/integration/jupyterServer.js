/**
 * Starts a real jupyter_server (Debian's /usr/bin/python3) for the integration tests and the
 * kernel bench: a free port, a random token, a temp root, Jupyter/IPython dirs in a temp dir
 * (nothing lands in $HOME), TCP_NODELAY via devserver/jupyter_server_config.py, and a fake
 * non-Python kernel ("fakelang") to test the bridge's refusal against.
 */
const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const PYTHON = '/usr/bin/python3';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A kernelspec for fixtures/fake_kernel.py: answers kernel_info with language "fakelang". */
function writeFakeKernelSpec(dataDir) {
  const dir = path.join(dataDir, 'kernels', 'fakelang');
  fs.mkdirSync(dir, { recursive: true });
  const spec = {
    argv: [
      PYTHON,
      path.join(__dirname, 'fixtures', 'fake_kernel.py'),
      '-f',
      '{connection_file}'
    ],
    display_name: 'Fake language (tests)',
    language: 'fakelang'
  };
  fs.writeFileSync(path.join(dir, 'kernel.json'), JSON.stringify(spec));
}

/**
 * Start jupyter_server; resolves once it listens.
 * @param {{extraArgs?: string[], rootDir?: string, config?: string}} [options] - `extraArgs`:
 *   more command-line options (e.g. `--GatewayClient.url=...`); `rootDir`: serve this existing
 *   folder (left in place on stop) instead of a fresh one under the server's temp dir;
 *   `config`: the server's one config file instead of devserver/jupyter_server_config.py.
 * @returns {{url: string, token: string, rootDir: string, baseDir: string, pid: number, stop: () => Promise<void>}}
 */
async function startJupyterServer(options = {}) {
  const {
    extraArgs = [],
    config = path.join(ROOT, 'devserver', 'jupyter_server_config.py')
  } = options;
  const baseDir = fs.realpathSync(
    fs.mkdtempSync(path.join(os.tmpdir(), 'cellscript-server-'))
  );
  const rootDir = options.rootDir ?? path.join(baseDir, 'root');
  const dirs = ['config', 'data', 'runtime', 'ipython'].map(name =>
    path.join(baseDir, name)
  );
  [rootDir, ...dirs].forEach(dir => fs.mkdirSync(dir, { recursive: true }));
  const [configDir, dataDir, runtimeDir, ipythonDir] = dirs;
  writeFakeKernelSpec(dataDir);
  const port = await freePort();
  const token = crypto.randomBytes(16).toString('hex');
  const args = [
    '-m',
    'jupyter_server',
    '--no-browser',
    '--allow-root',
    '--ServerApp.ip=127.0.0.1',
    `--ServerApp.port=${port}`,
    '--ServerApp.port_retries=0',
    `--ServerApp.token=${token}`,
    `--ServerApp.root_dir=${rootDir}`,
    `--config=${config}`,
    ...extraArgs
  ];
  const env = {
    ...process.env,
    JUPYTER_CONFIG_DIR: configDir,
    JUPYTER_DATA_DIR: dataDir,
    JUPYTER_RUNTIME_DIR: runtimeDir,
    IPYTHONDIR: ipythonDir,
    JUPYTER_PATH: dataDir,
    PYDEVD_DISABLE_FILE_VALIDATION: '1'
  };
  const child = spawn(PYTHON, args, {
    cwd: rootDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  });
  const exited = new Promise(resolve => child.once('exit', resolve));
  let log = '';
  await new Promise((resolve, reject) => {
    const onData = chunk => {
      log += chunk.toString();
      // jupyter_server logs this once it listens.
      if (
        log.includes(`127.0.0.1:${port}/`) &&
        /is running at|Use Control-C/.test(log)
      ) {
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', code =>
      reject(
        new Error(
          `jupyter_server exited (code ${code}) before listening:\n${log}`
        )
      )
    );
  });
  const url = `http://127.0.0.1:${port}`;
  let stopped = null;
  const stop = () => {
    if (!stopped) {
      child.kill('SIGTERM');
      stopped = exited.then(() =>
        fs.rmSync(baseDir, { recursive: true, force: true })
      );
    }
    return stopped;
  };
  return {
    url,
    token,
    rootDir,
    baseDir,
    pid: child.pid,
    stop,
    log: () => log
  };
}

module.exports = { startJupyterServer };
