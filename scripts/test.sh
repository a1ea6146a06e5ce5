#!/usr/bin/env bash
# The whole test suite, as the README's second command and .ci/run call it:
# typecheck, lint, unit, API integration on PGlite and on PostgreSQL, end-to-end in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
# The PostgreSQL test database; emptied at the start of every run (test/global-setup.ts).
export TEST_PG_URL="${TEST_PG_URL:-postgres://michi:michi@127.0.0.1:5432/michi_test}"

step() { printf '\n=== %s (%ss)\n' "$1" "$(($(date +%s) - started))"; }

step "system packages and PostgreSQL"
bash scripts/ensure-test-deps.sh

step "npm packages"
if [ "${CI:-}" = "true" ] || [ ! -f node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
elif [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund
fi

rm -rf test-results && mkdir -p test-results

step "typecheck"
npm run --silent typecheck
step "lint"
npm run --silent lint

vitest() { npx vitest run --reporter=default --reporter=json --outputFile="test-results/vitest-$1.json" "${@:2}"; }

step "unit tests and API integration on PGlite"
vitest pglite --project core --project web --project server
step "API integration on PostgreSQL"
TEST_DATABASE_URL="$TEST_PG_URL" vitest postgres --project server
step "build the web app"
npm run --silent build:web
step "end-to-end in Chromium"
vitest e2e --project e2e

step "done"
node scripts/test-summary.mjs test-results/vitest-*.json
echo "The test line took $(($(date +%s) - started)) s."
