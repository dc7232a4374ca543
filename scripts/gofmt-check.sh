#!/usr/bin/env bash
# Fails, listing them, when Go files are not gofmt-formatted. Checks the files git knows about
# or would add (tracked + untracked, not ignored), skipping testdata/ and vendor/; outside a git
# checkout, every .go file under the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

files=()
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	while IFS= read -r -d '' f; do
		[[ -f $f ]] && files+=("$f")
	done < <(git ls-files -z --cached --others --exclude-standard -- '*.go' ':(exclude,glob)**/testdata/**' ':(exclude,glob)vendor/**')
else
	while IFS= read -r -d '' f; do
		files+=("$f")
	done < <(find . \( -name testdata -o -name vendor -o -name .git \) -prune -o -name '*.go' -print0)
fi

((${#files[@]} == 0)) && exit 0

unformatted=$(gofmt -l "${files[@]}")
if [[ -n $unformatted ]]; then
	echo "gofmt: these files are not formatted (run: gofmt -w FILE):" >&2
	sed 's/^/  /' <<<"$unformatted" >&2
	exit 1
fi
