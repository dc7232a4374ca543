#!/usr/bin/env bash
# Tests the Windows setup under Wine, as an office PC would go through it:
#
#   WINEPREFIX=… scripts/wine-installer-test.sh [MotCua-Setup-X.Y.Z.exe]
#
# WINEPREFIX must be a 64-bit prefix where Go programs start (scripts/wine-prefix.sh makes one: it
# adds the bcryptprimitives.dll that Wine 8 lacks; WINEDLLOVERRIDES must then contain
# bcryptprimitives=n,b). With no argument the setup of the current version is built from
# bin/motcua.exe (make windows), so this runs right after "make windows".
#
# Steps: an older version (0.0.1: bin/motcua.exe with a marker appended) is installed silently;
# its headless commands run and create the office's data folder in the default place
# (%LOCALAPPDATA%\MotCua); the current version is installed over it silently; the program is
# replaced, the version is the new one and the data is untouched; while the installed window is
# open (when Xvfb is here) the setup and the uninstaller refuse to run; the silent uninstall
# removes the program, its shortcuts and its registry entry and keeps the data; /XOADULIEU removes
# the data too. Prints the time of each step; exits non-zero with the reason on the first failure.
# The prefix is left for its owner to delete.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

: "${WINEPREFIX:?wine-installer-test: set WINEPREFIX to a prepared 64-bit Wine prefix (scripts/wine-prefix.sh)}"
export WINEPREFIX
export WINEDEBUG=${WINEDEBUG:--all}
# winemenubuilder would put the shortcuts' copies into the Linux desktop menu and home folder
export WINEDLLOVERRIDES="${WINEDLLOVERRIDES:+$WINEDLLOVERRIDES;}winemenubuilder.exe=d"
# the app must pick its default data folder, as on an office PC
unset MOTCUA_DATA
# headless commands run without a display; the window gets one of its own below
unset DISPLAY WAYLAND_DISPLAY

fail() {
	echo "wine-installer-test: FAIL: $*" >&2
	exit 1
}
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
step_start=
step() {
	step_end
	step_name=$1
	step_start=$EPOCHREALTIME
	echo "wine-installer-test: $step_name"
}
step_end() {
	[[ -z $step_start ]] || echo "wine-installer-test:   $(since "$step_start") s  $step_name"
	step_start=
}
total_start=$EPOCHREALTIME

work=$(mktemp -d)
xvfb_pid= gui_pid=
cleanup() {
	if [[ -n $gui_pid ]]; then kill "$gui_pid" 2>/dev/null || true; fi
	if [[ -n $xvfb_pid ]]; then kill "$xvfb_pid" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' "$root/FyneApp.toml")
old_version=0.0.1
marker="motcua-installer-test-old-build"

# wine runs a Windows program and returns its exit code; wineserver -w waits for every process
# it started (the uninstaller copies itself to %TEMP% and returns at once)
wait_wine() { wineserver -w; }
unix_path() { winepath -u "$1" 2>/dev/null | tr -d '\r'; }
reg_value() { # reg_value KEY NAME: the value's data, "" when absent
	wine reg query "$1" /v "$2" 2>/dev/null | tr -d '\r' | sed -n "s/^ *$2 *REG_[A-Z_]* *//p"
}

# the setups built here only need to be quick to make
export NSIS_COMPRESSOR=zlib
# a period holding every dossier of the demo office (12 months back), in the office's time zone
stats_period=(--from "$(TZ=Asia/Ho_Chi_Minh date -d '-400 days' +%F)" --to "$(TZ=Asia/Ho_Chi_Minh date +%F)")

step "prepare the setups (current $version and older $old_version)"
[[ -d $WINEPREFIX/drive_c ]] || fail "$WINEPREFIX is not a Wine prefix"
if (($# > 0)); then
	new_setup=$(realpath -- "$1")
	[[ -f $new_setup ]] || fail "no setup $1"
fi
exe=$root/bin/motcua.exe
[[ -f $exe ]] || make -C "$root" --no-print-directory windows
if [[ -z ${new_setup:-} ]]; then
	new_setup=$work/MotCua-Setup-$version.exe
	bash "$root/scripts/windows-setup.sh" "$exe" "$new_setup" "$version"
fi
# a different program file for the older version: Windows ignores bytes after the image
cp "$exe" "$work/motcua-old.exe"
printf '%s' "$marker" >>"$work/motcua-old.exe"
bash "$root/scripts/windows-setup.sh" "$work/motcua-old.exe" "$work/MotCua-Setup-$old_version.exe" "$old_version"

wait_wine
localappdata_win=$(wine cmd /c 'echo %LOCALAPPDATA%' | tr -d '\r')
localappdata=$(unix_path "$localappdata_win")
appdata=$(unix_path "$(wine cmd /c 'echo %APPDATA%' | tr -d '\r')")
profile=$(unix_path "$(wine cmd /c 'echo %USERPROFILE%' | tr -d '\r')")
[[ -d $localappdata && -d $appdata && -d $profile ]] ||
	fail "the prefix's user folders are not found (LOCALAPPDATA=$localappdata)"
# Wine links Desktop (and Documents…) to the Linux home folder: the test's shortcut must stay in
# the prefix
if [[ -L $profile/Desktop ]]; then
	rm "$profile/Desktop"
	mkdir "$profile/Desktop"
fi
inst=$localappdata/Programs/MotCua
datadir=$localappdata/MotCua
startmenu_lnk="$appdata/Microsoft/Windows/Start Menu/Programs/Một Cửa.lnk"
desktop_lnk="$profile/Desktop/Một Cửa.lnk"
ukey='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\MotCua'
[[ ! -e $inst ]] || fail "$inst exists before the test: use a fresh prefix"
[[ ! -e $datadir ]] || fail "$datadir exists before the test: use a fresh prefix"

installed_ok() { # installed_ok VERSION
	local f
	for f in "$inst/MotCua.exe" "$inst/MotCua.ico" "$inst/Uninstall.exe" "$startmenu_lnk" "$desktop_lnk"; do
		[[ -f $f ]] || fail "after installing $1: $f is missing"
	done
	[[ $(reg_value "$ukey" DisplayVersion) == "$1" ]] ||
		fail "after installing $1: the uninstall entry says version '$(reg_value "$ukey" DisplayVersion)'"
	[[ $(reg_value "$ukey" QuietUninstallString) == *Uninstall.exe*/S ]] ||
		fail "after installing $1: no QuietUninstallString in $ukey"
}

step "install $old_version silently"
wine "$work/MotCua-Setup-$old_version.exe" /S || fail "the setup of $old_version exited with $?"
wait_wine
installed_ok "$old_version"
tail -c ${#marker} "$inst/MotCua.exe" | grep -qx "$marker" || fail "the installed program is not the $old_version one"

step "run the installed program's headless commands (data folder in the default place)"
out=$(wine "$inst/MotCua.exe" --version | tr -d '\r')
[[ $out == "motcua $version"* ]] || fail "MotCua.exe --version printed '$out'"
wine "$inst/MotCua.exe" demo --dossiers 200 >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; fail "MotCua.exe demo failed"; }
[[ -f $datadir/motcua.db ]] || { cat "$work/demo.log" >&2; fail "demo made no $datadir/motcua.db"; }
wine "$inst/MotCua.exe" stats "${stats_period[@]}" >"$work/stats-before.json" 2>&1 || { cat "$work/stats-before.json" >&2; fail "MotCua.exe stats failed"; }
echo "kept by the office" >"$datadir/ghi-chu.txt"
wait_wine
db_sum=$(sha256sum <"$datadir/motcua.db")

step "upgrade silently to $version"
wine "$new_setup" /S || fail "the setup of $version exited with $?"
wait_wine
installed_ok "$version"
! tail -c ${#marker} "$inst/MotCua.exe" | grep -qx "$marker" || fail "the upgrade left the $old_version program in place"
[[ $(sha256sum <"$datadir/motcua.db") == "$db_sum" && -f $datadir/ghi-chu.txt ]] ||
	fail "the upgrade changed the data folder $datadir"
out=$(wine "$inst/MotCua.exe" --version | tr -d '\r')
[[ $out == "motcua $version"* ]] || fail "after the upgrade MotCua.exe --version printed '$out'"
wine "$inst/MotCua.exe" stats "${stats_period[@]}" >"$work/stats-after.json" 2>&1 || { cat "$work/stats-after.json" >&2; fail "stats after the upgrade failed"; }
cmp -s "$work/stats-before.json" "$work/stats-after.json" || fail "stats differ before and after the upgrade"
wait_wine

if command -v Xvfb >/dev/null; then
	step "the setup and the uninstaller refuse while the installed window is open"
	for n in $(seq 90 120); do [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]] || break; done
	Xvfb ":$n" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
	xvfb_pid=$!
	sleep 1
	DISPLAY=":$n" wine "$inst/MotCua.exe" >"$work/gui.log" 2>&1 &
	gui_pid=$!
	# the app writes its log as it starts; the window may take a few seconds more
	for _ in $(seq 60); do
		grep -qs starting "$datadir/motcua.log" && break
		kill -0 "$gui_pid" 2>/dev/null || break
		sleep 0.5
	done
	grep -qs starting "$datadir/motcua.log" || { cat "$work/gui.log" "$datadir/motcua.log" >&2 2>/dev/null; fail "the installed program did not start its window"; }
	# silent, both give up at once with exit code 2; _?= makes the uninstaller run in place (not
	# from a copy in %TEMP%) so that wine returns its exit code
	rc=0
	wine "$new_setup" /S || rc=$?
	((rc == 2)) || fail "the setup exited with $rc while the installed program ran (want 2)"
	rc=0
	wine "$inst/Uninstall.exe" /S "_?=$localappdata_win\Programs\MotCua" || rc=$?
	((rc == 2)) || fail "the uninstaller exited with $rc while the installed program ran (want 2)"
	kill "$gui_pid" 2>/dev/null || true
	wait "$gui_pid" 2>/dev/null || true
	gui_pid=
	wait_wine
	kill "$xvfb_pid" 2>/dev/null || true
	xvfb_pid=
	installed_ok "$version"
else
	echo "wine-installer-test: no Xvfb: the check that a running window blocks the uninstaller is skipped"
fi

step "uninstall silently (the data stays)"
wine "$inst/Uninstall.exe" /S || fail "the uninstaller exited with $?"
wait_wine
for f in "$inst/MotCua.exe" "$inst/Uninstall.exe" "$startmenu_lnk" "$desktop_lnk"; do
	[[ ! -e $f ]] || fail "after uninstalling: $f is still there"
done
[[ ! -e $inst ]] || fail "after uninstalling: the folder $inst is still there"
[[ -z $(reg_value "$ukey" DisplayVersion) ]] || fail "after uninstalling: $ukey is still there"
[[ -f $datadir/motcua.db && -f $datadir/ghi-chu.txt ]] || fail "uninstalling removed the data folder $datadir"

step "install again, uninstall with /XOADULIEU (the data goes)"
wine "$new_setup" /S || fail "the setup of $version exited with $?"
wait_wine
installed_ok "$version"
[[ -f $datadir/motcua.db ]] || fail "installing again changed the data folder"
wine "$inst/Uninstall.exe" /S /XOADULIEU || fail "the uninstaller exited with $?"
wait_wine
[[ ! -e $inst ]] || fail "after uninstalling with /XOADULIEU: $inst is still there"
[[ ! -e $datadir ]] || fail "uninstalling with /XOADULIEU left the data folder $datadir"
step_end

echo "wine-installer-test: OK ($(since "$total_start") s)"
