#!/usr/bin/env bash
# One entry point on a fresh machine:
#   ./dev.sh app    set up and run the app on the shipped data (SQLite in var/)
#   ./dev.sh test   set up and run every test (installs Debian's chromium and postgresql if missing)
set -euo pipefail
cd "$(dirname "$0")"
VENV=${VENV:-.venv}

setup_venv() {
  if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
  fi
  # the local package mirrors print one harmless warning per package; keep the log readable
  "$VENV/bin/pip" install -q --disable-pip-version-check -e ".[test]" 2>&1 | { grep -v "is ignored: it is neither" || true; }
}

apt_install() {  # apt_install <command or path that shows it is there> <Debian package>
  command -v "$1" >/dev/null 2>&1 || [ -e "$1" ] && return 0
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
    apt_install /usr/share/fonts/truetype/liberation fonts-liberation || true  # text in PNG charts
    setup_venv
    shift
    exec "$VENV/bin/streamlit" run app.py "$@"
    ;;
  test)
    shift
    apt_install chromium chromium
    apt_install /usr/share/fonts/truetype/liberation fonts-liberation
    setup_venv
    if [ -z "${MCDA_TEST_POSTGRES_URL:-}" ]; then
      MCDA_TEST_POSTGRES_URL=$(scripts/start-postgres.sh)
      export MCDA_TEST_POSTGRES_URL
    fi
    mkdir -p test-output
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    exec "$VENV/bin/python" -m pytest --junitxml=test-output/junit.xml "$@"
    ;;
  *)
    echo "usage: ./dev.sh app | ./dev.sh test [pytest args]" >&2
    exit 2
    ;;
esac
