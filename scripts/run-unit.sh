#!/bin/sh
# Run each cmocka unit-test binary given and end with one summary line.
# The binaries run from the repository root, where their fixtures live.
passed=0
failed=0
for t in "$@"; do
	if "$t"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "unit: FAILED $t" >&2
	fi
done
echo "unit: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
