#!/bin/sh
# Run every benchmark against the binary given and print their tables, in
# the order of docs/benchmarks.md. Each script starts its own servers on
# 127.0.0.1 with temporary data directories. The statistics benchmark
# generates 3,000,000 cases and takes several minutes.
set -eu
bin=$1
here=$(dirname "$0")
echo "## GET /api/v1/services/{id} against nginx"
"$here/http/service_get.sh" "$bin"
echo "## Search"
"$here/search/run.sh"            # builds build-bench/ itself
echo "## Case creation"
"$here/cases_create/run.sh" "$bin"
echo "## Statistics"
"$here/stats/run.sh"             # builds build-bench/ itself
