#!/usr/bin/env bash
# `npm start`: install what is missing, build, and start JupyterLab 4.6.3 with jupyterlab-cellscript
# on http://127.0.0.1:<port>/ (8890, or the first free port after it). Ctrl+C stops it.
#
# Options (after `npm start --`):
#   --port N     listen on N (must be free)
#   --root DIR   serve DIR instead of the working copy of examples/ (e.g. `--root examples` to
#                edit the repository's examples in place)
#   --fresh      replace the working copy of examples/ with a new copy
#   --skip-build start with what is already built
#
# The server root is a working copy of examples/ in ui-tests/.jupyter-run/examples: your edits
# there survive restarts and never touch the repository; example files added to examples/ later
# are copied in, existing ones are never overwritten. Settings, workspaces and all Jupyter/IPython
# state live in ui-tests/.jupyter-run/ too, not in your home directory.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO_DIR="$(pwd)"
PYTHON=/usr/bin/python3
RUN_DIR="$REPO_DIR/ui-tests/.jupyter-run"

port="${CELLSCRIPT_PORT:-}"
root=""
fresh=0
build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --port=*) port="${1#*=}"; shift ;;
    --root) root="$2"; shift 2 ;;
    --root=*) root="${1#*=}"; shift ;;
    --fresh) fresh=1; shift ;;
    --skip-build) build=0; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "error: unknown option $1 (see npm start -- --help)" >&2; exit 2 ;;
  esac
done

started_at=$(date +%s)
if [ "$build" = 1 ]; then
  bash scripts/prepare-host.sh
fi

# Is a TCP port on 127.0.0.1 free? (bind it for a moment)
port_is_free() {
  "$PYTHON" - "$1" <<'EOF'
import socket, sys
s = socket.socket()
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
finally:
    s.close()
EOF
}

if [ -n "$port" ]; then
  port_is_free "$port" || { echo "error: port $port is in use; pick another with --port" >&2; exit 1; }
else
  port=8890
  while ! port_is_free "$port"; do
    port=$((port + 1))
    [ "$port" -lt 8990 ] || { echo "error: no free port in 8890-8989" >&2; exit 1; }
  done
fi

if [ -z "$root" ]; then
  root="$RUN_DIR/examples"
  if [ "$fresh" = 1 ]; then
    rm -rf "$root"
  fi
  mkdir -p "$root"
  # -n: never overwrite the user's edits; new example files still arrive.
  cp -Rn examples/. "$root/"
fi
root="$(cd "$root" && pwd)"

mkdir -p "$RUN_DIR"/jupyter/{config,data,runtime} "$RUN_DIR/ipython" "$RUN_DIR/matplotlib"
export JUPYTER_CONFIG_DIR="$RUN_DIR/jupyter/config"
export JUPYTER_DATA_DIR="$RUN_DIR/jupyter/data"
export JUPYTER_RUNTIME_DIR="$RUN_DIR/jupyter/runtime"
export IPYTHONDIR="$RUN_DIR/ipython"
export MPLCONFIGDIR="$RUN_DIR/matplotlib"
export PYDEVD_DISABLE_FILE_VALIDATION=1
unset PYTHONPATH PYTHONHOME

token="$("$PYTHON" -c 'import secrets; print(secrets.token_hex(16))')"

# The server gets a session (and process group) of its own, which the trap below ends as a whole;
# the terminal's Ctrl+C then reaches this script, not jupyter_server's interactive shutdown
# prompt. os.setsid + exec rather than setsid(1), which forks when it is a group leader already
# and then $! is not the server. (EPERM: under job control it leads its own group already.)
"$PYTHON" -c '
import os, sys
try:
    os.setsid()
except PermissionError:
    pass
os.execv(sys.argv[1], sys.argv[1:])
' "$PYTHON" ui-tests/host/server/cellscript_host.py \
  --run-dir="$RUN_DIR/lab" \
  --no-browser --allow-root \
  --ServerApp.ip=127.0.0.1 \
  --ServerApp.port="$port" \
  --ServerApp.port_retries=0 \
  --ServerApp.token="$token" \
  --ServerApp.root_dir="$root" </dev/null &
server_pid=$!

stop_server() {
  trap - INT TERM EXIT
  if kill -0 "$server_pid" 2>/dev/null; then
    echo
    echo "Stopping JupyterLab (and its kernels)..."
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 100); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL -- "-$server_pid" 2>/dev/null || true
  fi
}
trap 'stop_server; exit 130' INT
trap 'stop_server; exit 143' TERM
trap stop_server EXIT

# Wait until the server answers (or died), then say where it is.
"$PYTHON" - "$port" "$token" "$server_pid" <<'EOF'
import os, sys, time, urllib.request
port, token, pid = sys.argv[1], sys.argv[2], int(sys.argv[3])
deadline = time.time() + 60
while time.time() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("error: the JupyterLab server exited while starting; see its log above.")
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/status", headers={"Authorization": f"token {token}"}
        )
        urllib.request.urlopen(request, timeout=2).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit("error: the JupyterLab server did not answer within 60 s; see its log above.")
EOF

cat <<EOF

  JupyterLab 4.6.3 with jupyterlab-cellscript is running (ready $(($(date +%s) - started_at)) s after npm start):

      http://127.0.0.1:$port/lab?token=$token

  Serving: $root
  Press Ctrl+C to stop.

EOF

wait "$server_pid"
