#!/usr/bin/env bash
# One entry point on a fresh machine:
#   ./dev.sh app    set up and run the app on the shipped data (SQLite in var/)
#   ./dev.sh serve  set up and serve the app for a group, configured by MCDA_* variables (README: "Run it for the group")
#   ./dev.sh test   set up and run every test (installs Debian's chromium and postgresql if missing)
# Set-up: uv (from PyPI; pip when uv cannot be had) makes $VENV and installs requirements.lock, the
# versions the tests passed with, plus this project (editable). After changing the dependencies in
# pyproject.toml: uv pip compile pyproject.toml --extra test -o requirements.lock
set -euo pipefail
cd "$(dirname "$0")"
VENV=${VENV:-.venv}
UV_BOOTSTRAP=${UV_BOOTSTRAP:-.uv-bootstrap}  # a small venv that holds only uv, when uv is not on PATH

say() { echo "dev.sh: $*" >&2; }

find_uv() {  # prints the uv command, or nothing when uv cannot be had (then pip is used)
  if command -v uv >/dev/null 2>&1; then
    echo uv
  elif [ -x "$UV_BOOTSTRAP/bin/uv" ]; then
    echo "$UV_BOOTSTRAP/bin/uv"
  else
    say "getting uv (a fast installer) from PyPI into $UV_BOOTSTRAP ..."
    if python3 -m venv "$UV_BOOTSTRAP" >/dev/null 2>&1 &&
      "$UV_BOOTSTRAP/bin/pip" install -q --disable-pip-version-check uv >/dev/null 2>&1; then
      echo "$UV_BOOTSTRAP/bin/uv"
    else
      rm -rf "$UV_BOOTSTRAP"
    fi
  fi
}

setup_with_uv() {  # setup_with_uv <uv command>
  local uv=$1
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating the virtual environment $VENV (uv) ..."
    "$uv" venv -q --python python3 "$VENV" || return 1
  fi
  say "installing the locked packages (requirements.lock) and the project, editable (uv) ..."
  # --compile-bytecode: the first start of the app does not compile every module of the venv (pip does it anyway)
  "$uv" pip sync -q --compile-bytecode --python "$VENV/bin/python" requirements.lock &&
    "$uv" pip install -q --python "$VENV/bin/python" --no-deps -e .
}

setup_with_pip() {
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating the virtual environment $VENV (python3 -m venv) ..."
    python3 -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip --version >/dev/null 2>&1 || "$VENV/bin/python" -m ensurepip >/dev/null
  say "installing the locked packages (requirements.lock) and the project with pip (a few minutes the first time) ..."
  # the local package mirrors print one harmless warning per package; keep the log readable
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r requirements.lock -e . --no-deps 2>&1 |
    { grep -v "is ignored: it is neither" || true; }
}

setup_venv() {
  local uv
  uv=$(find_uv)
  if [ -n "$uv" ] && setup_with_uv "$uv"; then
    return 0
  fi
  [ -n "$uv" ] && say "uv could not set the environment up; falling back to pip"
  [ -z "$uv" ] && say "uv cannot be had here; using pip"
  setup_with_pip
}

apt_install() {  # apt_install <command or path that shows it is there> <Debian package>
  command -v "$1" >/dev/null 2>&1 || [ -e "$1" ] && return 0
  say "installing Debian's $2 (for $1) ..."
  if [ "$(id -u)" != 0 ]; then
    echo "dev.sh: '$1' is missing; install Debian's '$2' package (needs root)" >&2
    return 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "$2" >/dev/null
}

case "${1:-}" in
  app)
    apt_install /usr/share/fonts/truetype/liberation fonts-liberation || true  # optional: PNG charts draw with vl-convert's own copy (mcda.render_fonts)
    setup_venv
    shift
    say "starting the app (Ctrl-C stops it) ..."
    exec "$VENV/bin/streamlit" run serve.py "$@"  # app.py, with the warm-up of ui/warmup.py at start
    ;;
  serve)
    apt_install /usr/share/fonts/truetype/liberation fonts-liberation || true
    setup_venv
    shift
    say "checking the settings and serving the app for the group (Ctrl-C stops it) ..."
    exec "$VENV/bin/python" -m mcda.cli serve "$@"
    ;;
  test)
    shift
    apt_install chromium chromium
    apt_install /usr/share/fonts/truetype/liberation fonts-liberation
    setup_venv
    if [ -z "${MCDA_TEST_POSTGRES_URL:-}" ]; then
      say "starting a PostgreSQL server for the tests ..."
      MCDA_TEST_POSTGRES_URL=$(scripts/start-postgres.sh)
      export MCDA_TEST_POSTGRES_URL
    fi
    mkdir -p test-output
    say "checking lint and formatting (ruff) ..."
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    say "checking types (mypy, configured in pyproject.toml) ..."
    "$VENV/bin/mypy"
    say "running the tests ..."
    exec "$VENV/bin/python" -m pytest --junitxml=test-output/junit.xml "$@"
    ;;
  *)
    echo "usage: ./dev.sh app | ./dev.sh serve [--check] | ./dev.sh test [pytest args]" >&2
    exit 2
    ;;
esac
