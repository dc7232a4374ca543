#!/usr/bin/env bash
# Makes a fresh 64-bit Wine prefix in DIR in which the Windows build (bin/motcua.exe) runs, and
# prints the environment to use it, ready for eval:
#
#   eval "$(bash scripts/wine-prefix.sh /tmp/x/prefix)"
#   wine bin/motcua.exe --version
#
# Go 1.24 and later need bcryptprimitives.dll (ProcessPrng), which Wine 8 lacks: a stand-in
# (packaging/windows/prng) is built with mingw-w64 and copied into the prefix's system32, and
# WINEDLLOVERRIDES makes Wine prefer it. The boot is quiet (WINEDEBUG=-all) and asks nothing:
# mscoree and mshtml are disabled while booting, so Wine does not offer to install Mono/Gecko;
# winemenubuilder always, so no shortcut made in the prefix lands in the Linux menu or home folder.
# Progress goes to stderr, the environment to stdout. A prefix takes about 700 MB.
#
# Needs wine, wine64 (Debian: bash scripts/deps.sh wine wine64) and x86_64-w64-mingw32-gcc.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

dir="${1:?usage: wine-prefix.sh DIR}"
if [[ -e $dir && -n "$(ls -A "$dir" 2>/dev/null)" ]]; then
	echo "wine-prefix: $dir exists and is not empty: give a new folder" >&2
	exit 2
fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

export WINEPREFIX="$dir" WINEARCH=win64 WINEDEBUG=-all
# No DISPLAY while booting: wineboot needs none, and a display would let it show dialogs. Its
# chatter (a missing 32-bit rundll32, "configuration updated") is shown only on a failure.
boot_log="$dir/.wineboot.log"
if ! env -u DISPLAY WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d" wineboot -i >"$boot_log" 2>&1; then
	cat "$boot_log" >&2
	echo "wine-prefix: wineboot failed" >&2
	exit 1
fi
# A program that crashes must fail the test, not wait for someone to close Wine's crash dialog.
wine reg add 'HKCU\Software\Wine\WineDbg' /v ShowCrashDialog /t REG_DWORD /d 0 /f >>"$boot_log" 2>&1 || {
	cat "$boot_log" >&2
	echo "wine-prefix: could not turn Wine's crash dialog off" >&2
	exit 1
}
# wineboot returns while the server still writes the registry: wait for it to finish.
wineserver -w
rm -f "$boot_log"

sys32="$dir/drive_c/windows/system32"
if [[ ! -d $sys32 ]]; then
	echo "wine-prefix: wineboot made no $sys32" >&2
	exit 1
fi
dll="$(bash "$root/packaging/windows/prng/build.sh" "$dir/.prng-build")"
cp "$dll" "$sys32/bcryptprimitives.dll"
rm -rf "$dir/.prng-build"

printf 'export WINEPREFIX=%q\n' "$dir"
printf 'export WINEARCH=win64\n'
printf 'export WINEDEBUG=-all\n'
printf 'export WINEDLLOVERRIDES=%q\n' "bcryptprimitives=n,b;winemenubuilder.exe=d"
