#!/usr/bin/env bash
# Makes everything `npm start` and the browser tests need, installing only what is missing:
# Debian packages, root node_modules, ui-tests/node_modules; then builds the extension
# (`npm run build`) and the JupyterLab host (skipped when its inputs are unchanged).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "System packages (Debian's jupyter_server, jupyterlab_server, ipykernel, Chromium)"
bash scripts/install-system-deps.sh

if [ ! -d node_modules ]; then
  step "Installing the extension's npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

# ui-tests has its own lock: reinstall when it is missing or the lock changed since the install.
if [ ! -f ui-tests/node_modules/.package-lock.json ] ||
  [ ui-tests/package-lock.json -nt ui-tests/node_modules/.package-lock.json ]; then
  step "Installing the JupyterLab host's npm packages (npm ci in ui-tests/)"
  (cd ui-tests && npm ci --no-audit --no-fund)
fi

step "Building the extension (npm run build)"
npm run build

step "Building the JupyterLab host (ui-tests/host)"
(cd ui-tests && node host/build.mjs --if-needed)
