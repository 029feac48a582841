#!/bin/sh
# Browser tests: headless Chromium driven by playwright-core against the
# real server. Skipped (with a message) until the web application exists.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -f "$here/package.json" ]; then
	echo "browser: no browser tests yet"
	exit 0
fi
cd "$here"
[ -d node_modules ] || npm ci --no-audit --no-fund
exec node run.mjs "$@"
