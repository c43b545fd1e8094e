#!/usr/bin/env bash
# Measures `bin/devstack start` launch -> ready (the moment it prints schema.registry.url, i.e. broker answered
# describeCluster, topics exist, registry replayed _schemas and listens) and the RSS of the broker child JVM and of
# the launcher JVM (which hosts the registry), on a fresh data dir and on a restart of it.
#   devstack/scripts/measure-startup.sh [runs]     (uses free ports; needs a built devstack)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-2}"
DIR="$(mktemp -d)"
trap 'rm -rf "$DIR"' EXIT
"$ROOT/bin/devstack" --help >/dev/null   # build once, outside the timing
export DEVSTACK_NO_BUILD=1

for i in $(seq 1 "$RUNS"); do
  label=$([[ $i == 1 ]] && echo fresh || echo restart)
  out="$DIR/out.$i"
  t0=$(date +%s%N)
  "$ROOT/bin/devstack" start --data-dir "$DIR/data" --port 0 --controller-port 0 --registry-port 0 >"$out" 2>"$out.err" &
  until grep -q '^ready in' "$out" 2>/dev/null; do
    sleep 0.05
    if ! kill -0 $! 2>/dev/null; then cat "$out.err"; exit 1; fi
  done
  t1=$(date +%s%N)
  sleep 2   # let both JVMs settle after start-up before reading RSS
  broker=$(grep -o 'broker pid [0-9]*' "$out" | awk '{print $3}')
  launcher=$(grep -o 'registry pid [0-9]*' "$out" | awk '{print $3}')
  rss() { awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$1/status"; }
  broker_ready=$(grep -o 'ready in [0-9]* ms' "$out.err" | head -1)
  echo "$label: launch->ready $(( (t1 - t0) / 1000000 )) ms (broker alone: $broker_ready); broker RSS $(rss "$broker"); registry/launcher RSS $(rss "$launcher")"
  "$ROOT/bin/devstack" stop --data-dir "$DIR/data" >/dev/null
done
