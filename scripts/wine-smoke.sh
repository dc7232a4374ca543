#!/usr/bin/env bash
# Smoke test of the Windows build under Wine (make smoke-windows; CI runs it after make windows).
#
#   scripts/wine-smoke.sh                   test bin/motcua.exe
#   scripts/wine-smoke.sh --expect-failure  build a deliberately broken motcua.exe (build tag
#                                           smokebreak: it panics at start) and pass only if the
#                                           smoke test fails on it
#
# In a fresh Wine prefix (scripts/wine-prefix.sh) under a temporary folder, removed on exit:
#   1. motcua.exe --version, demo, stats, check and find print what the Linux build prints, byte
#      for byte (only CRLF and the data folder's path are normalised); stats/check/find read the
#      same database file, copied from the Linux build's demo office;
#   2. the window draws its login screen within 60 s under Xvfb: a screenshot must show the
#      theme's primary colour (the "Đăng nhập" button; the splash screen has none);
#   3. without OpenGL (Xvfb without GLX; Mesa made to offer OpenGL 1.1 only, as Windows does with
#      no graphics driver) the app shows its no-OpenGL message and exits within
#      30 s instead of hanging on a black window;
#   4. scripts/wine-installer-test.sh, when it exists, with WINEPREFIX exported.
# On a failure the app's log is printed and the exit status is 1. The time of each step is printed.
#
# TAGS, LDFLAGS and GO come from the Makefile: run it as make smoke-windows (or
# make smoke-windows-broken). Run alone, LDFLAGS must be the Makefile's, or the Linux build's
# --version differs from bin/motcua.exe's and the test fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

expect_failure=false
case "${1:-}" in
"") ;;
--expect-failure) expect_failure=true ;;
*)
	echo "usage: scripts/wine-smoke.sh [--expect-failure]" >&2
	exit 2
	;;
esac

GO="${GO:-go}"
TAGS="${TAGS:-sqlite_fts5 migrated_fynedo}"
LDFLAGS="${LDFLAGS:-}"

# primary is the theme's primary colour, read from app/theme.go (colorPrimary): the login
# screen's "Đăng nhập" button is drawn in it, the splash screen has none of it.
primary="$(sed -n 's/^[[:space:]]*colorPrimary *= *color\.NRGBA{R: *0x\([0-9A-Fa-f]\{2\}\), *G: *0x\([0-9A-Fa-f]\{2\}\), *B: *0x\([0-9A-Fa-f]\{2\}\).*/#\1\2\3/p' app/theme.go)"
if [[ ! $primary =~ ^#[0-9A-Fa-f]{6}$ ]]; then
	echo "wine-smoke: colorPrimary not found in app/theme.go (got \"$primary\")" >&2
	exit 1
fi
minPrimaryPixels=1000 # the button has about 11 000 such pixels at 1366×768
guiTimeout=60
noGLTimeout=30
demoDossiers=300
demoSeed=7

t0=$SECONDS
step_start=$SECONDS
step() { # step NAME: prints the time the previous step took and starts the next one
	if [[ -n ${step_name:-} ]]; then
		printf 'wine-smoke: %-28s %4d s\n' "$step_name" $((SECONDS - step_start))
	fi
	step_name="$1"
	step_start=$SECONDS
}

bash scripts/deps.sh wine wine64 gcc-mingw-w64-x86-64 xvfb xauth imagemagick xdotool

mkdir -p "${TMPDIR:-/tmp}"
work="$(mktemp -d "${TMPDIR:-/tmp}/wine-smoke.XXXXXX")"
# Wine keeps its server's socket folder (wine-XXXXXX) in TMPDIR: inside work, it goes with it.
mkdir "$work/tmp"
export TMPDIR="$work/tmp"
# The prefix wine-prefix.sh makes; set here so that the cleanup ends its Wine server.
export WINEPREFIX="$work/prefix"
cleanup() {
	if [[ -d $WINEPREFIX ]]; then
		wineserver -k 2>/dev/null || true
		wineserver -w 2>/dev/null || true
	fi
	local p
	if [[ -f $work/xvfb.pids ]]; then
		while read -r p; do kill "$p" 2>/dev/null || true; done <"$work/xvfb.pids"
	fi
	rm -rf "$work"
}
trap cleanup EXIT

# Each failure says what went wrong; smoke runs in a subshell, so fail ends the smoke only.
fail() {
	echo "wine-smoke: FAIL: $*" >&2
	exit 1
}

# win: runs the Windows program, stdout and stderr kept apart, CR removed.
win() { # win OUT ERR ARGS...
	local out="$1" err="$2"
	shift 2
	local rc=0
	wine "$exe" "$@" >"$out.raw" 2>"$err.raw" || rc=$?
	tr -d '\r' <"$out.raw" >"$out"
	tr -d '\r' <"$err.raw" >"$err"
	return $rc
}

# same NAME LINUX_FILE WINDOWS_FILE: byte-for-byte comparison, the difference shown on failure.
same() {
	if ! cmp -s "$2" "$3"; then
		echo "wine-smoke: $1 differs (--- Linux, +++ Windows):" >&2
		diff -u "$2" "$3" | head -40 >&2 || true
		fail "$1: the Windows build's output is not the Linux build's"
	fi
}

# start_x ARGS...: starts an Xvfb of its own on a free display (Xvfb picks the number) and sets
# display to ":N". Its process id goes to xvfb.pids for the cleanup.
start_x() {
	local fifo="$work/displayfd"
	rm -f "$fifo"
	mkfifo "$fifo"
	Xvfb -displayfd 3 -nolisten tcp -screen 0 1366x768x24 "$@" 3>"$fifo" >"$work/xvfb.log" 2>&1 &
	echo $! >>"$work/xvfb.pids"
	local n
	read -r -t 20 n <"$fifo" || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
	rm -f "$fifo"
	display=":$n"
}

# primary_pixels PNG: how many pixels have exactly the primary colour.
primary_pixels() {
	convert "$1" -alpha off -fill black +opaque "$primary" -fill white -opaque "$primary" \
		-format '%[fx:round(mean*w*h)]' info:
}

show_log() { # show_log FILE: the app's log, for a failure
	echo "wine-smoke: the app's log ($1):" >&2
	if [[ -f $1 ]]; then sed 's/^/  | /' "$1" >&2; else echo "  (no log written)" >&2; fi
}

# no_opengl WHAT ENV XVFB_ARGS...: the window started where OpenGL is missing or too old must
# show the no-OpenGL message and exit within noGLTimeout s, not hang on a black window. The
# program logs why, shows a message box and exits when it is closed: the box is closed (Enter)
# as soon as the log has the reason.
no_opengl() {
	local what="$1" envs="$2" display rc=0 start=$SECONDS deadline gui
	shift 2
	start_x "$@"
	local log="$WINEPREFIX/drive_c/smoke/win/motcua.log" out="$work/nogl.out"
	: >"$log"
	# shellcheck disable=SC2086 # envs: zero or more NAME=VALUE words
	DISPLAY="$display" env $envs wine "$exe" --data 'C:\smoke\win' >"$out" 2>&1 &
	gui=$!
	deadline=$((SECONDS + noGLTimeout))
	while ((SECONDS < deadline)) && kill -0 "$gui" 2>/dev/null; do
		sleep 1
		if grep -q "no frame was drawn" "$log" 2>/dev/null; then
			DISPLAY="$display" xdotool key Return 2>/dev/null || true
		fi
	done
	if kill -0 "$gui" 2>/dev/null; then
		show_log "$log"
		fail "$what: the app was still running after $noGLTimeout s (a black window)"
	fi
	wait "$gui" || rc=$?
	((rc != 0)) || fail "$what: the app exited with status 0"
	grep -q "OpenGL" "$out" || {
		show_log "$log"
		fail "$what: the app exited ($rc) without its message: $(cat "$out")"
	}
	echo "wine-smoke: $what: exit status $rc after $((SECONDS - start)) s, message: $(tr -d '\r' <"$out" | grep -m1 OpenGL | cut -c1-100)…"
	wineserver -w || true
}

smoke() {
	step "wine prefix"
	local env
	env="$(bash scripts/wine-prefix.sh "$WINEPREFIX")" || fail "no Wine prefix"
	eval "$env"
	local c="$WINEPREFIX/drive_c"
	mkdir -p "$c/smoke"

	step "linux build and demo"
	local lin="$work/motcua-linux"
	"$GO" build -tags "$TAGS" -ldflags "$LDFLAGS" -o "$lin" . || fail "the Linux build failed"
	"$lin" demo --data "$work/linux" --dossiers $demoDossiers --seed $demoSeed >"$work/l.demo" 2>"$work/l.demo.err" ||
		fail "the Linux demo failed: $(cat "$work/l.demo.err")"

	step "--version"
	"$lin" --version >"$work/l.version"
	win "$work/w.version" "$work/w.version.err" --version ||
		fail "motcua.exe --version failed: $(cat "$work/w.version.err")"
	same "--version" "$work/l.version" "$work/w.version"

	step "demo"
	win "$work/w.demo" "$work/w.demo.err" demo --data 'C:\smoke\win' --dossiers $demoDossiers --seed $demoSeed ||
		fail "motcua.exe demo failed: $(cat "$work/w.demo.err")"
	# The path and the seconds taken differ by nature.
	local norm='s/ tại .*motcua\.db (.* s)\./ tại DATA (N s)./'
	sed "$norm" "$work/l.demo" >"$work/l.demo.n"
	sed "$norm" "$work/w.demo" >"$work/w.demo.n"
	same "demo" "$work/l.demo.n" "$work/w.demo.n"
	same "demo (stderr)" "$work/l.demo.err" "$work/w.demo.err"

	step "stats, check, find"
	# The same file on both sides: the answers then depend only on the day (the office's zone).
	cp -r "$work/linux" "$c/smoke/linux"
	local today yearago
	today="$(TZ=Asia/Ho_Chi_Minh date +%F)"
	yearago="$(TZ=Asia/Ho_Chi_Minh date -d "$today -1 year" +%F)"
	local -a cmds=(
		"stats --from $yearago --to $today"
		"stats --from $yearago --to $today --by unit"
		"stats --from $yearago --to $today --by officer"
		"check"
		"find Nguyễn --limit 20"
		"find 000.00 --limit 5"
	)
	local i=0 cmd
	for cmd in "${cmds[@]}"; do
		i=$((i + 1))
		# shellcheck disable=SC2086 # the command's words
		"$lin" $cmd --data "$work/linux" >"$work/l.$i" 2>"$work/l.$i.err" || fail "Linux $cmd failed: $(cat "$work/l.$i.err")"
		# shellcheck disable=SC2086
		win "$work/w.$i" "$work/w.$i.err" $cmd --data 'C:\smoke\linux' || fail "motcua.exe $cmd failed: $(cat "$work/w.$i.err")"
		[[ -s $work/l.$i ]] || fail "Linux $cmd printed nothing"
		same "$cmd" "$work/l.$i" "$work/w.$i"
		same "$cmd (stderr)" "$work/l.$i.err" "$work/w.$i.err"
	done
	# The office the Windows build made itself holds the same dossiers and events.
	"$lin" check --data "$work/linux" >"$work/l.check"
	win "$work/w.check" "$work/w.check.err" check --data 'C:\smoke\win' || fail "motcua.exe check of its own demo failed: $(cat "$work/w.check.err")"
	same "check of each side's own demo" "$work/l.check" "$work/w.check"

	step "window draws (GLX)"
	# A window started within seconds of a command joins that command's display-less desktop
	# and exits: wait for the Wine server to end first.
	wineserver -w
	local display shot="$work/shot.png" log="$c/smoke/win/motcua.log" pixels=0 deadline gui
	start_x
	DISPLAY="$display" wine "$exe" --data 'C:\smoke\win' >"$work/gui.out" 2>&1 &
	gui=$!
	deadline=$((SECONDS + guiTimeout))
	while ((SECONDS < deadline)); do
		sleep 1
		if import -display "$display" -window root "$shot" 2>/dev/null; then
			pixels="$(primary_pixels "$shot")"
			((pixels >= minPrimaryPixels)) && break
		fi
		if ! kill -0 "$gui" 2>/dev/null; then
			show_log "$log"
			fail "the window closed before drawing its login screen: $(cat "$work/gui.out")"
		fi
	done
	if ((pixels < minPrimaryPixels)); then
		show_log "$log"
		fail "no login screen within $guiTimeout s ($pixels pixels of $primary; a black or splash screen)"
	fi
	echo "wine-smoke: login screen drawn after $((SECONDS - step_start)) s ($pixels pixels of $primary)"
	wineserver -k || true
	wineserver -w || true
	wait "$gui" 2>/dev/null || true

	step "no OpenGL (no GLX)"
	no_opengl "no GLX" "" -extension GLX
	# An old or remote-session driver (Windows' own gives OpenGL 1.1): the window cannot be
	# created at all.
	step "no OpenGL (OpenGL 1.1)"
	no_opengl "OpenGL 1.1" "MESA_GL_VERSION_OVERRIDE=1.1"

	step "installer"
	if [[ -f scripts/wine-installer-test.sh ]]; then
		bash scripts/wine-installer-test.sh || fail "scripts/wine-installer-test.sh failed"
	else
		echo "wine-smoke: no scripts/wine-installer-test.sh: installer test skipped"
	fi
	step ""
}

step "build"
if $expect_failure; then
	exe="$work/motcua-broken.exe"
	bash scripts/deps.sh gcc-mingw-w64-x86-64
	CC=x86_64-w64-mingw32-gcc GOOS=windows GOARCH=amd64 CGO_ENABLED=1 "$GO" build \
		-tags "$TAGS smokebreak" -ldflags "$LDFLAGS -H=windowsgui -s -w" -o "$exe" .
else
	exe="$(pwd)/bin/motcua.exe"
	[[ -f $exe ]] || {
		echo "wine-smoke: no bin/motcua.exe: run make windows (or make smoke-windows)" >&2
		exit 1
	}
fi
export WINEDEBUG=-all

rc=0
(smoke) || rc=$?
echo "wine-smoke: total $((SECONDS - t0)) s"
if $expect_failure; then
	if ((rc == 0)); then
		echo "wine-smoke: FAIL: the deliberately broken build (tag smokebreak) passed the smoke test" >&2
		exit 1
	fi
	echo "wine-smoke: OK: the deliberately broken build failed the smoke test, as it must"
	exit 0
fi
((rc == 0)) && echo "wine-smoke: OK"
exit $rc
