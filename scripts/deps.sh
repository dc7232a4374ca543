#!/usr/bin/env bash
# Installs the system packages Một Cửa needs to build, test and run, when some are missing.
#
#   scripts/deps.sh            the default set (below)
#   scripts/deps.sh PKG...     only these Debian/Ubuntu packages
#
# On Debian/Ubuntu it checks each package with dpkg-query and, only if something is missing,
# runs "apt-get update" once and "apt-get install -y --no-install-recommends" (through sudo
# when not root). Elsewhere it prints what is needed and exits 0: on Windows, build with
# MSYS2 (UCRT64), on macOS with the Xcode command-line tools.
set -euo pipefail

default_pkgs=(
	gcc              # cgo: go-sqlite3, the GLFW driver of Fyne, the race detector
	pkg-config
	libgl1-mesa-dev  # OpenGL headers for Fyne
	xorg-dev         # X11 headers for GLFW
	libwayland-dev
	libxkbcommon-dev
	xvfb             # headless display for screenshots and GUI tests
	xauth            # xvfb-run needs it; apt only "recommends" it, so --no-install-recommends skips it
	imagemagick      # image checks of rendered output
	poppler-utils    # pdftotext/pdftoppm, to check generated PDFs
)

if (($# > 0)); then
	pkgs=("$@")
else
	pkgs=("${default_pkgs[@]}")
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
	cat >&2 <<MSG
deps: no apt-get/dpkg here, so nothing was installed. Make sure you have the equivalents of:
  Debian/Ubuntu names: ${pkgs[*]}
  - a C compiler for cgo (CGO_ENABLED=1) and pkg-config
  - Windows: MSYS2 UCRT64: pacman -S mingw-w64-ucrt-x86_64-gcc mingw-w64-ucrt-x86_64-pkg-config
  - macOS: xcode-select --install
  - Fedora: gcc pkgconf-pkg-config libX11-devel libXcursor-devel libXrandr-devel libXinerama-devel
            libXi-devel libXxf86vm-devel mesa-libGL-devel wayland-devel libxkbcommon-devel
MSG
	exit 0
fi

missing=()
for p in "${pkgs[@]}"; do
	status=$(dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null || true)
	if [[ $status != *"ok installed"* ]]; then
		missing+=("$p")
	fi
done

((${#missing[@]} == 0)) && exit 0

echo "deps: installing missing packages: ${missing[*]}"
sudo=()
if ((EUID != 0)); then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "deps: not root and no sudo; as root run: apt-get install ${missing[*]}" >&2
		exit 1
	fi
	sudo=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q ||
	echo "deps: apt-get update failed; trying to install from the current package lists" >&2
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
	apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
