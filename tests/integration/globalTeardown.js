/** Jest globalTeardown of the `integration` project: stop jupyter_server (SIGTERM). */
module.exports = async () => {
  const server = globalThis.__CELLSCRIPT_JUPYTER_SERVER__;
  if (server) {
    await server.stop();
  }
};
