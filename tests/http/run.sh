#!/bin/sh
# Run the HTTP integration tests against the binary given (see run.py).
exec python3 "$(dirname "$0")/run.py" "$@"
