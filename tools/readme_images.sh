#!/bin/sh
# The README's print images, from the real PDFs: builds the bundled course with
# PDFs into a temporary folder, then renders the packet's contents page and its
# first worksheet page to PNGs 600 px wide with poppler's pdftoppm.
#
#   tools/readme_images.sh [path/to/trellis]
#
# Needs Chromium (for --pdf) and poppler-utils. Writes docs/images/*.png.
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
trellis=${1:-"$repo/target/release/trellis"}
[ -x "$trellis" ] || trellis="$repo/target/debug/trellis"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$trellis" build --root "$repo" --pdf --quiet --output "$out/site" \
    --base-url "https://org.github.io/course/"
pdf="$out/site/worksheets/session-packet.pdf"
[ -f "$pdf" ] || { echo "no packet PDF: is Chromium installed?" >&2; exit 1; }
mkdir -p "$repo/docs/images"
# Page 2 is the contents; the first worksheet starts on the page the contents give.
first=$(pdfinfo -dests "$pdf" | awk '$NF == "\"ws-1\"" { print $1 }')
pdftoppm -png -singlefile -f 2 -l 2 -scale-to-x 600 -scale-to-y -1 "$pdf" \
    "$repo/docs/images/packet-contents"
pdftoppm -png -singlefile -f "$first" -l "$first" -scale-to-x 600 -scale-to-y -1 "$pdf" \
    "$repo/docs/images/packet-worksheet"
ls -l "$repo/docs/images"
