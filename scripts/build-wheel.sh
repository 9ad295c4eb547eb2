#!/usr/bin/env bash
# `npm run build:wheel`: the Python sdist and wheel of jupyterlab-cellscript in dist/, the files a
# JupyterLab user installs with `pip install jupyterlab-cellscript`.
#
# Builds the extension first (`npm run build`, a few seconds), so the wheel never carries an
# older build than the sources; then `python3 -m build` with Debian's python3-build and
# python3-hatchling (no PyPI here, hence --no-isolation). The wheel is built from the sdist, which
# proves the sdist can build it. hatch_build.py refuses to build without the prebuilt extension or
# when its JupyterLab requirements disagree with pyproject.toml.
#
# Options:
#   --skip-npm-build  use jupyterlab_cellscript/labextension as it is (a caller that just built it)
#   --outdir DIR      write the sdist and wheel to DIR instead of dist/
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=/usr/bin/python3

npm_build=1
outdir=dist
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-npm-build) npm_build=0; shift ;;
    --outdir) outdir="$2"; shift 2 ;;
    --outdir=*) outdir="${1#*=}"; shift ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown option $1 (see scripts/build-wheel.sh --help)" >&2; exit 2 ;;
  esac
done

if ! "$PYTHON" -c 'import build, hatchling' 2>/dev/null; then
  echo "error: $PYTHON lacks the build or hatchling module: run scripts/install-system-deps.sh" >&2
  exit 1
fi

if [ "$npm_build" = 1 ]; then
  npm run build
fi

# Only this build's files under the package's name, so `dist/*.whl` is the wheel just built.
mkdir -p "$outdir"
rm -f "$outdir"/jupyterlab_cellscript-*.whl "$outdir"/jupyterlab_cellscript-*.tar.gz
# --skip-dependency-check: Debian's hatchling lacks its `editables` dependency (only needed for
# editable installs), which the check would stop at. Python's own files (__pycache__) stay out
# of the tree the sdist is made from.
PYTHONDONTWRITEBYTECODE=1 "$PYTHON" -m build --no-isolation --skip-dependency-check \
  --outdir "$outdir" .

# python -m build leaves them readable by their owner only.
chmod 644 "$outdir"/jupyterlab_cellscript-*
for file in "$outdir"/jupyterlab_cellscript-*; do
  printf '%s  %s bytes\n' "$file" "$(wc -c <"$file" | tr -d ' ')"
done
