#!/bin/sh
# Install the Debian packages that linea311 builds, runs and tests with,
# skipping the update when every package is already there.
set -eu

packages="build-essential pkg-config libmicrohttpd-dev libjansson-dev
libsqlite3-dev libstemmer-dev libsodium-dev libcurl4-openssl-dev
libcmocka-dev libical-dev libcairo2-dev libpango1.0-dev libpq-dev
fonts-dejavu-core sqlite3 curl python3 chromium postgresql
poppler-utils wrk hyperfine nginx-light"

missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
		missing="$missing $p"
done
# Node.js runs the browser tests; a machine may have it from elsewhere.
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "linea311: faltan paquetes / missing packages:$missing" >&2
	echo "Ejecute como root / run as root: apt-get install$missing" >&2
	exit 1
fi
echo "linea311: instalando / installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
