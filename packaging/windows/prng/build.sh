#!/usr/bin/env bash
# Builds the stand-in bcryptprimitives.dll (prng.c) with mingw-w64 into OUT_DIR and prints its
# path. Only for running Go programs under Wine 8 (scripts/wine-prefix.sh); the
# DLL is never committed nor shipped.
#
#   packaging/windows/prng/build.sh OUT_DIR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: build.sh OUT_DIR}"
mkdir -p "$out"
cc="${CC_WIN64:-x86_64-w64-mingw32-gcc}"
# -nostdlib + -e DllMain: nothing of the C runtime is needed, so none is linked in.
"$cc" -shared -O2 -Wall -Wextra -Werror -s \
	-nostdlib -Wl,-e,DllMain \
	-o "$out/bcryptprimitives.dll" "$here/prng.c" "$here/bcryptprimitives.def" \
	-ladvapi32
echo "$out/bcryptprimitives.dll"
