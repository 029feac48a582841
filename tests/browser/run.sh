#!/bin/sh
# Browser tests: headless Debian Chromium driven by playwright-core against
# the real server. Usage: tests/browser/run.sh PATH/TO/linea311
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -f "$here/package.json" ]; then
	echo "browser: no browser tests yet"
	exit 0
fi
if [ $# -lt 1 ] || [ ! -x "$1" ]; then
	echo "usage: $0 PATH/TO/linea311" >&2
	exit 2
fi
# The binary path is given relative to the caller's directory.
binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
if [ ! -x /usr/bin/chromium ]; then
	echo "browser: /usr/bin/chromium is missing; run scripts/install-deps.sh" >&2
	exit 1
fi
cd "$here"
# Install playwright-core from the lock file when it is missing or when
# the lock file changed since the last install.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	npm ci --no-audit --no-fund
fi
exec node run.mjs "$binary"
