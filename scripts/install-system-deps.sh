#!/usr/bin/env bash
# Installs the Debian packages the project runs on: Debian's jupyter_server, jupyterlab_server and
# ipykernel (no PyPI here), pytest, pandas and matplotlib for the examples and tests, build,
# hatchling, venv and pip to build the wheel and test it installed in a venv, and Chromium for
# the browser tests. Does nothing when they are all present; needs root (or sudo) otherwise.
set -euo pipefail

packages=(
  python3-jupyter-server
  python3-jupyterlab-server
  python3-ipykernel
  python3-pytest
  python3-pandas
  python3-matplotlib
  python3-numpy
  python3-build
  python3-hatchling
  python3-venv
  python3-pip
  chromium
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then sudo="sudo"; else
    echo "error: these Debian packages are missing and this user cannot install them: ${missing[*]}" >&2
    echo "Install them as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
