#!/usr/bin/env bash
# Renders icons/icon.svg to the PNG sizes the app embeds (icons/icon-{512,256,64,32}.png).
# Needs rsvg-convert (Debian/Ubuntu: librsvg2-bin). ImageMagick's built-in SVG renderer is
# used only as a fallback; it draws curves less faithfully.
set -euo pipefail
cd "$(dirname "$0")/../icons"

for size in 512 256 64 32; do
	out="icon-${size}.png"
	if command -v rsvg-convert >/dev/null 2>&1; then
		rsvg-convert -w "$size" -h "$size" icon.svg -o "$out"
	elif command -v convert >/dev/null 2>&1; then
		convert -background none -density 384 icon.svg -resize "${size}x${size}" -strip "PNG32:$out"
	else
		echo "scripts/icons.sh: need rsvg-convert (apt-get install librsvg2-bin) or ImageMagick" >&2
		exit 1
	fi
	echo "wrote icons/$out"
done
