/*
 * Builds the JupyterLab 4.6.3 host application into ui-tests/host/build/:
 *   static/     the rspack bundle (module-federation host `CORE_FEDERATION`)
 *   templates/  index.html, the Jinja page jupyterlab_server renders
 *   schemas/    the core extensions' settings schemas   (Build.ensureAssets)
 *   themes/     the compiled theme CSS                   (Build.ensureAssets)
 *
 * Usage: node host/build.mjs [--production] [--if-needed]
 *   --if-needed  skip the build when its inputs (package files, lock, host sources) are unchanged.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  pluginModuleSource,
  readJson,
  sharedPackages
} from './host-config.mjs';

const hostDir = path.dirname(fileURLToPath(import.meta.url));
const uiTestsDir = path.dirname(hostDir);
const nodeModulesDir = path.join(uiTestsDir, 'node_modules');
const buildDir = path.join(hostDir, 'build');
const generatedDir = path.join(buildDir, 'generated');
const stampFile = path.join(buildDir, 'build-stamp.json');

const production = process.argv.includes('--production');
const ifNeeded = process.argv.includes('--if-needed');

if (!fs.existsSync(path.join(nodeModulesDir, '@jupyter', 'builder'))) {
  console.error(
    'ui-tests/node_modules is missing: run `npm ci --prefix ui-tests` first.'
  );
  process.exit(1);
}

// Resolve the build tools from ui-tests/node_modules, never from the root project.
const require = createRequire(path.join(uiTestsDir, 'package.json'));
const rspack = require('@rspack/core');
const { Build } = require('@jupyter/builder');
const baseConfig = require('@jupyter/builder/lib/webpack.config.base');

/**
 * A digest of everything the build depends on, to tell whether a previous build is current.
 */
function inputDigest() {
  const hash = crypto.createHash('sha256');
  hash.update(production ? 'production' : 'development');
  const files = [
    path.join(uiTestsDir, 'package.json'),
    path.join(uiTestsDir, 'package-lock.json'),
    ...fs
      .readdirSync(hostDir)
      .filter(name => name.endsWith('.mjs'))
      .map(name => path.join(hostDir, name)),
    ...fs
      .readdirSync(path.join(hostDir, 'src'))
      .map(name => path.join(hostDir, 'src', name))
  ].sort();
  for (const file of files) {
    hash.update(path.relative(uiTestsDir, file));
    hash.update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

/**
 * Run rspack on several configurations; reject with its error report if any fails.
 */
function runRspack(configs) {
  return new Promise((resolve, reject) => {
    rspack.rspack(configs, (error, stats) => {
      if (error) {
        reject(error);
        return;
      }
      if (stats.hasErrors()) {
        reject(
          new Error(
            stats.toString({ all: false, errors: true, errorDetails: true })
          )
        );
        return;
      }
      resolve(stats);
    });
  });
}

/**
 * The configuration of the application bundle.
 */
function appConfig(shared) {
  return {
    ...baseConfig,
    name: 'host',
    context: hostDir,
    mode: production ? 'production' : 'development',
    devtool: production ? false : 'source-map',
    entry: { main: path.join(hostDir, 'src', 'bootstrap.js') },
    output: {
      ...baseConfig.output,
      path: path.join(buildDir, 'static'),
      // Chunks load relative to the entry script, i.e. from jupyterlab_server's static URL.
      publicPath: 'auto',
      filename: '[name].[contenthash].js',
      chunkFilename: '[name].[contenthash].js',
      clean: true
    },
    resolve: {
      ...baseConfig.resolve,
      alias: { 'cellscript-host-generated': generatedDir }
    },
    performance: { hints: false },
    plugins: [
      ...baseConfig.plugins,
      // The V1 (webpack-compatible) runtime, as @jupyter/builder uses for the extensions: both
      // sides of the share scope must speak the same protocol.
      new rspack.container.ModuleFederationPluginV1({
        name: 'CORE_FEDERATION',
        library: {
          type: 'var',
          name: ['_JUPYTERLAB', 'CORE_LIBRARY_FEDERATION']
        },
        shared
      })
    ]
  };
}

/**
 * Write the page template with the entry scripts of the bundle.
 */
function writeTemplate(stats) {
  const hostStats = stats.stats
    .find(child => child.compilation.name === 'host')
    .toJson({ all: false, entrypoints: true, publicPath: true });
  const entryFiles = hostStats.entrypoints.main.assets
    .map(asset => asset.name)
    .filter(name => name.endsWith('.js'));
  const scripts = entryFiles
    .map(
      name =>
        `<script src="{{ page_config['fullStaticUrl'] | e }}/${name}"></script>`
    )
    .join('\n    ');
  const source = fs.readFileSync(
    path.join(hostDir, 'src', 'index.html'),
    'utf8'
  );
  if (!source.includes('<!-- ENTRY_SCRIPTS -->')) {
    throw new Error(
      'host/src/index.html lost its <!-- ENTRY_SCRIPTS --> marker.'
    );
  }
  fs.mkdirSync(path.join(buildDir, 'templates'), { recursive: true });
  fs.writeFileSync(
    path.join(buildDir, 'templates', 'index.html'),
    source.replace('<!-- ENTRY_SCRIPTS -->', scripts)
  );
}

async function build() {
  const digest = inputDigest();
  if (ifNeeded && fs.existsSync(stampFile)) {
    if (readJson(stampFile).digest === digest) {
      console.log(
        'JupyterLab host: build is up to date (ui-tests/host/build).'
      );
      return;
    }
  }
  const started = Date.now();
  fs.rmSync(buildDir, { recursive: true, force: true });
  fs.mkdirSync(generatedDir, { recursive: true });

  const appMetadata = readJson(
    path.join(uiTestsDir, 'package.json')
  ).jupyterlab;
  const { shared, skipped } = sharedPackages(appMetadata, nodeModulesDir);
  if (skipped.length) {
    console.log(
      `JupyterLab host: not shared (not installed here): ${skipped.join(', ')}`
    );
  }
  fs.writeFileSync(
    path.join(generatedDir, 'plugins.js'),
    pluginModuleSource(appMetadata, shared)
  );

  // Schemas into build/schemas, theme CSS builds for build/themes, and style.js importing every
  // core extension's CSS.
  const themeConfigs = Build.ensureAssets({
    packageNames: [
      ...Object.keys(appMetadata.extensions),
      ...Object.keys(appMetadata.mimeExtensions)
    ],
    output: generatedDir,
    schemaOutput: buildDir,
    themeOutput: buildDir
  });

  const stats = await runRspack([appConfig(shared), ...themeConfigs]);
  writeTemplate(stats);
  fs.writeFileSync(
    stampFile,
    JSON.stringify(
      { digest, production, builtAt: new Date().toISOString() },
      null,
      2
    )
  );
  console.log(
    `JupyterLab host: built ${production ? 'production' : 'development'} bundle in ${(
      (Date.now() - started) /
      1000
    ).toFixed(1)} s (ui-tests/host/build).`
  );
}

build().catch(error => {
  console.error(`JupyterLab host build failed:\n${error.stack || error}`);
  process.exit(1);
});
