#!/usr/bin/env bash
# Installs what the tests need when it is missing (PostgreSQL and Chromium from Debian, the add-in's
# npm packages), starts a throwaway PostgreSQL cluster on a free port, builds and tests the add-in
# (vitest), runs every .NET test once, and ends with a line "N passed, N failed". Safe to run twice.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

missing=()
[ -n "$(pg_bin)" ] || missing+=(postgresql)
command -v chromium >/dev/null || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
PG_BIN=$(pg_bin)

# A throwaway cluster: no fsync, trust auth on loopback, removed on exit.
PG_DIR=$(mktemp -d /tmp/outlookcrm-pg.XXXXXX)
run_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DIR"
port=55432
while (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do port=$((port + 1)); done
stop_pg() {
  run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop_pg EXIT
run_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
run_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
  -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
  start >/dev/null
export OUTLOOKCRM_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=false"
echo "== PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $port"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rm -rf test-artifacts/results
mkdir -p test-artifacts
log=test-artifacts/dotnet-test.log
passed=0; failed=0; skipped=0

# The add-in first: the API serves addin/dist, and the manifest tests run its rewrite script.
echo "== add-in (npm ci, build, typecheck, vitest)"
rm -f test-artifacts/addin-vitest.json
if ( cd addin && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent && npm run typecheck --silent \
     && npm test --silent -- --reporter=default --reporter=json --outputFile=../test-artifacts/addin-vitest.json ); then :; fi
if [ -f test-artifacts/addin-vitest.json ]; then
  read -r p f < <(node -e 'const r=require("./test-artifacts/addin-vitest.json");console.log(r.numPassedTests,r.numFailedTests)')
  passed=$((passed + p)); failed=$((failed + f))
  echo "vitest: $p passed, $f failed"
else
  echo "vitest: the add-in did not build or its tests did not run"; failed=$((failed + 1))
fi

echo "== building"
build_ok=1
dotnet build OutlookCrm.sln -nologo -v quiet -clp:ErrorsOnly || build_ok=0

if [ "$build_ok" -eq 1 ]; then
  echo "== testing"
  set +e
  dotnet test OutlookCrm.sln --no-build -nologo -v quiet \
    --results-directory test-artifacts/results --logger "trx" --logger "console;verbosity=minimal" 2>&1 | tee "$log"
  set -e
  while read -r f p sk; do
    failed=$((failed + f)); passed=$((passed + p)); skipped=$((skipped + sk))
  done < <(sed -n -E 's/.*Failed:[[:space:]]*([0-9]+), Passed:[[:space:]]*([0-9]+), Skipped:[[:space:]]*([0-9]+).*/\1 \2 \3/p' "$log")
  # A project that crashed before reporting prints no summary line: count it as a failure.
  if grep -q -E "Test Run Aborted|The active test run was aborted" "$log"; then failed=$((failed + 1)); fi
else
  failed=$((failed + 1))
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
