/*
 * Builds and starts the JupyterLab application: the core extensions compiled into this bundle
 * (listed in ui-tests/package.json, see the generated module) plus the federated extensions that
 * bootstrap.js has already loaded, minus every plugin the page config disables.
 */
/* global window */
import { JupyterLab } from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';

import {
  coreExtensionLoaders,
  coreMimeExtensionLoaders
} from 'cellscript-host-generated/plugins.js';
import 'cellscript-host-generated/style.js';

/**
 * The plugins a module exports: ES default export or CommonJS exports, one plugin or a list.
 */
function pluginsOf(module) {
  const exported =
    module && module.default !== undefined ? module.default : module;
  return Array.isArray(exported) ? exported : [exported];
}

/**
 * Evaluate one exposed module (`./extension`, `./mimeExtension`, `./style`) of a federated
 * extension whose container bootstrap.js has initialised.
 */
async function federatedModule(extensionName, exposedModule) {
  const factory = await window._JUPYTERLAB[extensionName].get(exposedModule);
  return factory();
}

/**
 * Resolve every loader; a module that fails is reported and left out rather than stopping the
 * whole application, as JupyterLab itself does.
 */
async function settleModules(loaders) {
  const results = await Promise.allSettled(loaders.map(entry => entry.load()));
  const modules = [];
  results.forEach((result, index) => {
    if (result.status === 'fulfilled') {
      modules.push(result.value);
    } else {
      console.error(
        `Extension module ${loaders[index].name} failed to load:`,
        result.reason
      );
    }
  });
  return modules;
}

/**
 * Loaders for the exposed modules of the federated extensions that export `key`.
 */
function federatedLoaders(extensions, key) {
  return extensions
    .filter(extension => extension[key])
    .map(extension => ({
      name: `${extension.name} (${extension[key]})`,
      load: () => federatedModule(extension.name, extension[key])
    }));
}

/**
 * Start JupyterLab with the core extensions and the given loaded federated extensions.
 *
 * @param federatedExtensions - page-config entries (`name`, `load`, `extension`,
 *   `mimeExtension`, `style`) whose containers are initialised.
 */
export async function main(federatedExtensions) {
  const disabled = [];
  const deferred = [];
  const ignorePlugins = [];

  // Filter disabled plugins out here (not only in the app) so that a disabled plugin that
  // provides a token another plugin requires is reported by id, as in JupyterLab.
  const activePlugins = modules => {
    const plugins = [];
    for (const module of modules) {
      for (const plugin of pluginsOf(module)) {
        if (!plugin || typeof plugin.id !== 'string') {
          continue;
        }
        if (PageConfig.Extension.isDisabled(plugin.id)) {
          disabled.push(plugin.id);
          continue;
        }
        if (PageConfig.Extension.isDeferred(plugin.id)) {
          deferred.push(plugin.id);
          ignorePlugins.push(plugin.id);
        }
        plugins.push(plugin);
      }
    }
    return plugins;
  };

  const [coreMime, federatedMime, core, federated] = await Promise.all([
    settleModules(coreMimeExtensionLoaders),
    settleModules(federatedLoaders(federatedExtensions, 'mimeExtension')),
    settleModules(coreExtensionLoaders),
    settleModules(federatedLoaders(federatedExtensions, 'extension')),
    settleModules(federatedLoaders(federatedExtensions, 'style'))
  ]);

  const mimeExtensions = activePlugins([...coreMime, ...federatedMime]);
  const plugins = activePlugins([...core, ...federated]);

  const lab = new JupyterLab({
    mimeExtensions,
    disabled: {
      matches: disabled,
      patterns: PageConfig.Extension.disabled.map(pattern => pattern.raw)
    },
    deferred: {
      matches: deferred,
      patterns: PageConfig.Extension.deferred.map(pattern => pattern.raw)
    }
  });
  for (const plugin of plugins) {
    try {
      lab.registerPlugin(plugin);
    } catch (error) {
      console.error(`Plugin ${plugin.id} could not be registered:`, error);
    }
  }

  // Browser tests (and curious developers) reach the app as `window.jupyterapp`.
  if (
    (PageConfig.getOption('exposeAppInBrowser') || '').toLowerCase() === 'true'
  ) {
    window.jupyterapp = lab;
  }

  await lab.start({ ignorePlugins, bubblingKeydown: true });
  await lab.restored;
}
