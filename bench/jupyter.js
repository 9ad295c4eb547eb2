/**
 * A jupyter_server of its own (TCP_NODELAY, default IOPub rate limits; see
 * tests/integration/jupyterServer.js) with one Python kernel, for a kernel bench: `fn` gets
 * `{ server, kernel, contents, serverSettings }`; everything is shut down afterwards, also on
 * failure.
 */
const {
  ContentsManager,
  KernelManager,
  ServerConnection
} = require('@jupyterlab/services');
const { startJupyterServer } = require('../tests/integration/jupyterServer');

async function withKernel(fn) {
  const server = await startJupyterServer();
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: server.url + '/',
    wsUrl: server.url.replace(/^http/, 'ws') + '/',
    token: server.token,
    appendToken: true
  });
  const kernels = new KernelManager({ serverSettings });
  const contents = new ContentsManager({ serverSettings });
  // services logs every websocket (re)connection at debug level; keep the tables readable.
  const debug = console.debug;
  console.debug = () => undefined;
  let kernel;
  try {
    kernel = await kernels.startNew({ name: 'python3' });
    await kernel.info;
    return await fn({ server, kernel, contents, serverSettings });
  } finally {
    console.debug = debug;
    if (kernel) {
      await kernel.shutdown().catch(() => undefined);
    }
    kernels.dispose();
    contents.dispose();
    await server.stop();
  }
}

module.exports = { withKernel };
