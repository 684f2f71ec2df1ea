#!/usr/bin/env bash
# Start a local PostgreSQL (Debian's package) for the storage tests and print its URL.
# Installs the package when missing (needs root, as on the CI machine).
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main >/dev/null 2>&1
fi
pg_ctlcluster "$version" main start >/dev/null 2>&1 || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 0.5
done
as_postgres() { su postgres -s /bin/sh -c "$1"; }
as_postgres "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='mcda'\"" | grep -q 1 ||
  as_postgres "psql -qc \"CREATE ROLE mcda LOGIN PASSWORD 'mcda'\""
# the backup tests restore into databases of their own (created and dropped by the tests)
as_postgres "psql -qc 'ALTER ROLE mcda CREATEDB'"
as_postgres "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='mcda_test'\"" | grep -q 1 ||
  as_postgres "psql -qc 'CREATE DATABASE mcda_test OWNER mcda'"
echo "postgresql+psycopg://mcda:mcda@127.0.0.1:5432/mcda_test"
