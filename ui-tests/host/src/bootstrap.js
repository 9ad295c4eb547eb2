/*
 * Entry point of the host application.
 *
 * Module federation needs an asynchronous boundary: the prebuilt (federated) extensions listed in
 * the page config must be loaded and their containers initialised with our share scope BEFORE any
 * shared package (@jupyterlab/*, @lumino/*, react, ...) is imported, so that every container
 * agrees on one copy of each singleton. This file therefore imports nothing shared; it reads the
 * page config by hand, loads the extensions, then imports `main.js`.
 */
/* global window, document */

/**
 * The page config that jupyterlab_server embeds in the page (`#jupyter-config-data`).
 */
function readPageConfig() {
  const element = document.getElementById('jupyter-config-data');
  return element ? JSON.parse(element.textContent || '{}') : {};
}

/**
 * Add a `<script>` tag and resolve once it has run.
 */
function loadScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.onload = resolve;
    script.onerror = () =>
      reject(
        new Error(`Could not load the script ${url}: see the server log.`)
      );
    script.async = true;
    script.src = url;
    document.head.appendChild(script);
  });
}

/**
 * Load one federated extension's remoteEntry and share our modules with it.
 */
async function loadFederatedExtension(labextensionsUrl, extension) {
  await loadScript(`${labextensionsUrl}/${extension.name}/${extension.load}`);
  const container = window._JUPYTERLAB && window._JUPYTERLAB[extension.name];
  if (!container) {
    throw new Error(
      `The remoteEntry of ${extension.name} did not define window._JUPYTERLAB[${JSON.stringify(
        extension.name
      )}]: was it built with @jupyter/builder?`
    );
  }
  // eslint-disable-next-line no-undef
  await __webpack_init_sharing__('default');
  // eslint-disable-next-line no-undef
  await container.init(__webpack_share_scopes__.default);
  return extension;
}

async function bootstrap() {
  const pageConfig = readPageConfig();
  const federated = pageConfig.federated_extensions || [];
  const results = await Promise.allSettled(
    federated.map(extension =>
      loadFederatedExtension(pageConfig.fullLabextensionsUrl, extension)
    )
  );
  const loaded = [];
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') {
      loaded.push(result.value);
    } else {
      console.error(
        `Federated extension ${federated[index].name} failed to load:`,
        result.reason
      );
    }
  });
  const { main } = await import('./main.js');
  await main(loaded);
}

bootstrap().catch(error => {
  console.error('The JupyterLab host failed to start:', error);
});
