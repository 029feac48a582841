#!/bin/sh
# Copy the screenshots that the user guides show from the last browser
# test run into docs/guide/img/, reduced to a 256-colour palette with
# pngquant (Debian package pngquant) when it is installed.
# Usage: tests/browser/run.sh build/linea311 && tests/browser/update-guide-images.sh
set -eu
root="$(cd "$(dirname "$0")/../.." && pwd)"
shots="$root/tests/artifacts/screenshots"
img="$root/docs/guide/img"
mkdir -p "$img"
for name in $(grep -oh 'img/[a-z-]*\.png' "$root"/docs/guide/*.md | sed 's|img/||' | sort -u); do
	if [ ! -f "$shots/$name" ]; then
		echo "missing screenshot: $shots/$name (run tests/browser/run.sh first)" >&2
		exit 1
	fi
	if command -v pngquant >/dev/null 2>&1; then
		pngquant --force --quality=60-85 --output "$img/$name" "$shots/$name"
	else
		cp "$shots/$name" "$img/$name"
	fi
done
echo "updated $(ls "$img" | wc -l) images in $img"
