#!/usr/bin/env bash
# Installs and starts what the test suite needs on a fresh Debian machine:
# Chromium and Japanese fonts for end-to-end tests, LibreOffice and Poppler to render the
# evaluator deck's slides to images (issue 16), PostgreSQL with a test database.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-impress-nogui)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
command -v pg_ctlcluster >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing: ${missing[*]}. Run as root, or: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing ${missing[*]}…"
  # Another apt-get (unattended upgrades, a provisioning script) may hold the dpkg lock: wait for it.
  apt_wait=(-o DPkg::Lock::Timeout=600)
  apt-get "${apt_wait[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive apt-get "${apt_wait[@]}" install -y -qq "${missing[@]}" >/dev/null
fi

# Start the cluster (no systemd here) and make the test role and database.
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
  pg_lsclusters -h | grep -q "^$version main " || pg_createcluster "$version" main >/dev/null
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
psql_admin() { if [ "$(id -u)" -eq 0 ]; then su postgres -c "psql -qtAX -c \"$1\""; else psql -qtAX -c "$1"; fi; }
for i in $(seq 1 30); do psql_admin "select 1" >/dev/null 2>&1 && break; sleep 1; done
if [ "$(psql_admin "select 1 from pg_roles where rolname='michi'")" != "1" ]; then
  psql_admin "create role michi login password 'michi' createdb"
fi
if [ "$(psql_admin "select 1 from pg_database where datname='michi_test'")" != "1" ]; then
  psql_admin "create database michi_test owner michi"
fi
