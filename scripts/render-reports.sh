#!/usr/bin/env bash
# Renders the printed reports of the demo data set in headless Chromium, as the browser
# of an office would print them: screenshots/report-{statement,due,notice}.png.
# Needs Chromium and a CJK font (Debian: apt-get install chromium fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build -q --release
x=target/release/xingfu
db="$work/demo.db"
"$x" --db "$db" demo >/dev/null
"$x" --db "$db" report statement --project ZX-2021-02 --from 2026-01-01 --to 2026-10-31 --out "$work/statement.html" >/dev/null
"$x" --db "$db" report due --within 30 --out "$work/due.html" >/dev/null
"$x" --db "$db" report notice --project ZX-2021-02 --from 2026-07-01 --to 2026-09-30 --out "$work/notice.html" >/dev/null
for name in statement due notice; do
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$work/chromium-$name" --hide-scrollbars --window-size=1000,1300 \
        --screenshot="screenshots/report-$name.png" "file://$work/$name.html" 2>/dev/null
done
ls -l screenshots/report-*.png
