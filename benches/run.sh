#!/usr/bin/env bash
# The whole benchmark suite: `bash benches/run.sh` (N donations: XINGFU_BENCH_DONATIONS,
# default 1,000,000). Needs sqlite3 for the import comparison and tmux for the idle test
# (apt-get install sqlite3 tmux); without them those lines say so.
set -euo pipefail
cd "$(dirname "$0")/.."
N="${XINGFU_BENCH_DONATIONS:-1000000}"
export XINGFU_BENCH_DONATIONS="$N"

echo "== machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
cargo build --release --quiet
BIN=target/release/xingfu
echo "== release binary"
echo "size: $(stat -c %s "$BIN" | awk '{printf "%.1f MB\n", $1 / 1e6}')"

echo "== import (1)"
cargo bench --quiet --bench import

echo "== console (2, 3, 4, 6)"
cargo bench --quiet --bench console
DB="target/bench-data/scale-$N.db"

echo "== counties report up: a city of 12 counties at $N donations each (issue 10)"
# Generated once into XINGFU_BENCH_ROLLUP_DIR (default target/bench-data/rollup, ~4 GB at
# 1,000,000 a county) and reused; XINGFU_SKIP_ROLLUP=1 leaves it out.
if [ -z "${XINGFU_SKIP_ROLLUP:-}" ]; then
  cargo bench --quiet --bench rollup
fi

echo "== lookup, whole process (5)"
times=()
for _ in $(seq 1 21); do
  s=$(date +%s%N)
  "$BIN" --db "$DB" lookup 众心 > /dev/null
  e=$(date +%s%N)
  times+=($(( (e - s) / 1000 )))
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "xingfu lookup 众心: median %.1f ms, max %.1f ms (n=%d)\n", a[int((NR+1)/2)]/1000, a[NR]/1000, NR}'

echo "== CPU while idle (7)"
if command -v tmux > /dev/null; then
  tmux kill-session -t xingfu-idle 2> /dev/null || true
  tmux new-session -d -s xingfu-idle -x 80 -y 24 "$BIN --db $DB"
  sleep 2
  pid=$(pgrep -f "$BIN --db $DB" | head -1)
  a=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  sleep 10
  b=$(awk '{print $14 + $15}' "/proc/$pid/stat")
  tmux kill-session -t xingfu-idle
  echo "CPU used by the idle console over 10 s: $(( b - a )) clock ticks ($(getconf CLK_TCK) per second)"
else
  echo "tmux not installed: idle test skipped"
fi
