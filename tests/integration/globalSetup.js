/** Jest globalSetup of the `integration` project: embed the runtime, start jupyter_server. */
const { embedRuntime } = require('../../scripts/embed-runtime');
const { startJupyterServer } = require('./jupyterServer');

module.exports = async () => {
  embedRuntime();
  const server = await startJupyterServer();
  globalThis.__CELLSCRIPT_JUPYTER_SERVER__ = server;
  // Test workers inherit the environment: they find the server here.
  process.env.CELLSCRIPT_TEST_SERVER = JSON.stringify({
    url: server.url,
    token: server.token,
    rootDir: server.rootDir
  });
};
