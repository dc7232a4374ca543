#!/usr/bin/env bash
# Builds the release into dist/ (make dist):
#   MotCua-<version>-windows-amd64.exe     the Windows app (mingw-w64 + fyne package: icon,
#                                           version information, no console window)
#   MotCua-Setup-<version>.exe             its per-user setup for office PCs (NSIS,
#                                           packaging/windows/installer.nsi)
#   MotCua-<version>-linux-amd64.tar.xz    the Linux app with its desktop file and icon
#   motcua-hub-<version>-linux-amd64       the hub, statically linked, with an example systemd
#                                           unit and configuration (when cmd/motcua-hub exists)
# The version and build number come from FyneApp.toml, the build date from the last commit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

GO=${GO:-go}
FYNE_TOOLS=v1.7.4
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
build=$(sed -n 's/^Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
date=$(git log -1 --format=%cs 2>/dev/null || date -u +%F)
[[ -n $version && -n $build ]] || { echo "dist: no Version/Build in FyneApp.toml" >&2; exit 1; }

bash scripts/deps.sh gcc pkg-config libgl1-mesa-dev xorg-dev libwayland-dev libxkbcommon-dev gcc-mingw-w64-x86-64 xz-utils file
gobin="$($GO env GOPATH | cut -d: -f1)/bin"
fyne="$gobin/fyne"
if [[ "$("$fyne" version 2>/dev/null)" != *"$FYNE_TOOLS"* ]]; then
	echo "dist: installing the fyne tool $FYNE_TOOLS"
	GOBIN="$gobin" $GO install "fyne.io/tools/cmd/fyne@$FYNE_TOOLS"
fi

rm -rf dist
mkdir -p dist
# fyne package writes the next build number back into FyneApp.toml: the release must not change
# the tree it is built from
saved=$(mktemp)
cp FyneApp.toml "$saved"
trap 'cp "$saved" FyneApp.toml; rm -f "$saved"' EXIT
# fyne package takes -ldflags from GOFLAGS (it adds -H=windowsgui, -s -w itself)
export GOFLAGS="-ldflags=-X=main.version=$version -ldflags=-X=main.buildDate=$date"
export CGO_ENABLED=1
common=(--src . --tags sqlite_fts5 --release --icon icons/icon-512.png --app-id vn.motcua.desktop
	--app-version "$version" --app-build "$build" --name MotCua)

echo "dist: Windows app $version ($date)"
# fyne package builds the Windows program twice (again once its icon is added), and the first
# build takes GOFLAGS' -ldflags out of the environment, so the release said "motcua dev": an
# existing --executable skips the first build, and the one build left gets the version
: >MotCua.exe
CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ GOOS=windows GOARCH=amd64 \
	"$fyne" package --target windows --executable MotCua.exe "${common[@]}"
mv MotCua.exe "dist/MotCua-$version-windows-amd64.exe"
file "dist/MotCua-$version-windows-amd64.exe" | grep -q 'PE32+ executable (GUI) x86-64' ||
	{ echo "dist: the Windows executable is not a PE32+ GUI program" >&2; exit 1; }

echo "dist: Windows setup"
bash scripts/windows-setup.sh "dist/MotCua-$version-windows-amd64.exe" "dist/MotCua-Setup-$version.exe" "$version"

echo "dist: Linux app"
"$fyne" package --target linux "${common[@]}"
mv MotCua.tar.xz "dist/MotCua-$version-linux-amd64.tar.xz"

if [[ -d cmd/motcua-hub ]]; then
	echo "dist: hub"
	# static: the hub runs on any Linux server; netgo/osusergo keep glibc's resolver out
	GOFLAGS= $GO build -trimpath -tags 'sqlite_fts5 netgo osusergo' \
		-ldflags "-s -w -X main.version=$version -X main.buildDate=$date -linkmode external -extldflags -static" \
		-o "dist/motcua-hub-$version-linux-amd64" ./cmd/motcua-hub
	cp packaging/hub/motcua-hub.service packaging/hub/motcua-hub.env.example dist/
fi
(cd dist && sha256sum -- * > SHA256SUMS)
ls -l dist
