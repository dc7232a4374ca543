#!/usr/bin/env bash
# Runs every Go fuzz target in the tree, one after the other, for FUZZTIME each.
#   FUZZTIME=20s TAGS='sqlite_fts5 migrated_fynedo' scripts/fuzz.sh
# Failing inputs are written to the package's testdata/fuzz/ (commit them: they become
# regression tests for "make test").
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${FUZZTIME:-20s}
tags=${TAGS:-sqlite_fts5 migrated_fynedo}
go=${GO:-go}

targets=$(grep -r --include='*_test.go' -E '^func Fuzz[A-Za-z0-9_]*\(' \
	--exclude-dir=testdata --exclude-dir=vendor --exclude-dir=.git . |
	sed -E 's|^(.*)/[^/]*_test\.go:func (Fuzz[A-Za-z0-9_]*)\(.*|\1 \2|' | sort -u || true)

if [[ -z $targets ]]; then
	echo "fuzz: no Fuzz targets found"
	exit 0
fi

failed=()
while read -r dir name; do
	echo "== fuzz $name in $dir for $fuzztime"
	if ! "$go" test -tags "$tags" -run '^$' -fuzz "^${name}\$" -fuzztime "$fuzztime" "$dir"; then
		failed+=("$dir $name")
	fi
done <<<"$targets"

if ((${#failed[@]} > 0)); then
	echo "fuzz: failures in:" >&2
	printf '  %s\n' "${failed[@]}" >&2
	exit 1
fi
