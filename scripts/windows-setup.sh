#!/usr/bin/env bash
# Builds the Windows setup (packaging/windows/installer.nsi) around a Windows executable:
#
#   scripts/windows-setup.sh EXE OUT.exe [VERSION]
#
# VERSION defaults to FyneApp.toml's (the test of the installer builds an older one with the same
# program). The shortcuts' and the setup's icon is made from icons/icon-*.png (NSIS needs a .ico).
# NSIS_COMPRESSOR=zlib builds faster (a bigger file), for tests.
# Used by scripts/dist.sh (make dist) and scripts/wine-installer-test.sh.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

(($# == 2 || $# == 3)) || { echo "usage: $0 EXE OUT.exe [VERSION]" >&2; exit 2; }
exe=$(realpath -- "$1")
out=$(realpath -m -- "$2")
version=${3:-$(sed -n 's/^Version *= *"\(.*\)"/\1/p' "$root/FyneApp.toml")}
build=$(sed -n 's/^Build *= *\([0-9]*\)/\1/p' "$root/FyneApp.toml")
[[ -f $exe ]] || { echo "windows-setup: no program $exe" >&2; exit 1; }
# the version information of a Windows file is four numbers: the version's, then the build number
if [[ ! $version =~ ^([0-9]+)\.([0-9]+)\.([0-9]+) ]]; then
	echo "windows-setup: version \"$version\" does not start with three numbers (X.Y.Z)" >&2
	exit 1
fi
fileversion="${BASH_REMATCH[1]}.${BASH_REMATCH[2]}.${BASH_REMATCH[3]}.${build:-0}"

bash "$root/scripts/deps.sh" nsis imagemagick

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# 16 and 48 are drawn from the 64 and 256 renderings; 256 is stored as PNG inside the .ico
convert "$root/icons/icon-256.png" \
	\( "$root/icons/icon-64.png" -resize 48x48 \) \
	"$root/icons/icon-64.png" "$root/icons/icon-32.png" \
	\( "$root/icons/icon-32.png" -resize 16x16 \) \
	"$work/MotCua.ico"

mkdir -p "$(dirname "$out")"
# -INPUTCHARSET: the script is UTF-8 (Vietnamese texts); -V2: warnings and errors only
makensis -V2 -INPUTCHARSET UTF8 -WX \
	"-DVERSION=$version" "-DFILEVERSION=$fileversion" \
	"-DEXE=$exe" "-DICON=$work/MotCua.ico" "-DOUTFILE=$out" \
	${NSIS_COMPRESSOR:+"-DCOMPRESSOR=$NSIS_COMPRESSOR"} \
	"$root/packaging/windows/installer.nsi"
echo "windows-setup: $out ($version)"
