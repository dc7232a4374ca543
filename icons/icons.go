// Package icons holds the application icon, embedded in the binary.
//
// icon.svg is the source; the PNGs are rendered from it by scripts/icons.sh
// (make icons). This package does not import Fyne: wrap the bytes with
// fyne.NewStaticResource where a fyne.Resource is needed.
package icons

import _ "embed"

// AppPNG is the application icon, 512×512 PNG.
//
//go:embed icon-512.png
var AppPNG []byte

// AppPNG256 is the application icon, 256×256 PNG.
//
//go:embed icon-256.png
var AppPNG256 []byte

// AppPNG64 is the application icon, 64×64 PNG.
//
//go:embed icon-64.png
var AppPNG64 []byte

// AppPNG32 is the application icon, 32×32 PNG (tray, small lists).
//
//go:embed icon-32.png
var AppPNG32 []byte

// AppSVG is the vector source of the application icon.
//
//go:embed icon.svg
var AppSVG []byte
