#!/bin/sh
# Run the HTTP integration tests against the binary given (see run.py),
# then the table test of every endpoint against every role
# (authz_table.py). Extra arguments filter both by name.
here="$(dirname "$0")"
python3 "$here/run.py" "$@"
cases=$?
python3 "$here/authz_table.py" "$@"
table=$?
[ "$cases" -eq 0 ] && [ "$table" -eq 0 ]
