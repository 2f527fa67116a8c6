#!/usr/bin/env bash
# Renders the printed pages of the demo data set in headless Chromium, as the browser of an
# office would print them:
# - screenshots/report-{statement,due,notice}.png: the pages as a browser window shows them;
# - screenshots/print-{certificate,letter,receipts,card,notice,summary}.png: the first page
#   of each printed to A4 PDF (pdftoppm), the way they come out of a printer.
# Needs Chromium, a CJK font and poppler (Debian: apt-get install chromium fonts-noto-cjk
# poppler-utils).
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
"$x" --db "$db" report summary --from 2026-01-01 --to 2026-06-30 --out "$work/summary.html" >/dev/null
"$x" --db "$db" report receipts --from 2026-10-01 --out "$work/receipts.html" >/dev/null
"$x" --db "$db" card 320904104209 --out "$work/card.html" >/dev/null
"$x" --db "$db" letter --donor TXGY-20871563 --year 2026 --out "$work/letter.html" >/dev/null
"$x" --db "$db" certificate 104209V01 --from 2026-01-01 --to 2026-11-30 --out "$work/certificate.html" >/dev/null
chrome() {
    chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$work/chromium-$1" --hide-scrollbars "${@:2}" 2>/dev/null
}
for name in statement due notice; do
    chrome "$name" --window-size=1000,1300 --screenshot="screenshots/report-$name.png" "file://$work/$name.html"
done
for name in certificate letter receipts card notice summary; do
    chrome "print-$name" --no-pdf-header-footer --print-to-pdf="$work/$name.pdf" "file://$work/$name.html"
    pdftoppm -r 60 -png -f 1 -l 1 -singlefile "$work/$name.pdf" "screenshots/print-$name"
done
ls -l screenshots/report-*.png screenshots/print-*.png
