package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Colours of the office. The primary colour is a deep blue, not the red of the icon: Fyne draws
// the field being typed in, the ticked boxes and the main buttons in the primary colour, and a
// red border round a field reads as "this field is wrong" (errors and refusals stay red).
var (
	colorPrimary = color.NRGBA{R: 0x0D, G: 0x47, B: 0xA1, A: 0xFF} // #0D47A1
	colorFocus   = color.NRGBA{R: 0x15, G: 0x65, B: 0xC0, A: 0xB0}
	colorSelect  = color.NRGBA{R: 0x15, G: 0x65, B: 0xC0, A: 0x38}
	colorHeader  = color.NRGBA{R: 0xEC, G: 0xF1, B: 0xF8, A: 0xFF} // status bar, headers
)

// motcuaTheme is Fyne's default light theme with a blue primary colour. It keeps the default font
// (Noto Sans, which covers Vietnamese); the monospace font is never used for Vietnamese text.
type motcuaTheme struct{ base fyne.Theme }

var _ fyne.Theme = (*motcuaTheme)(nil)

func newTheme() fyne.Theme { return &motcuaTheme{base: theme.DefaultTheme()} }

func (t *motcuaTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		return colorPrimary
	case theme.ColorNameFocus:
		return colorFocus
	case theme.ColorNameSelection:
		return colorSelect
	case theme.ColorNameHeaderBackground:
		return colorHeader
	}
	return t.base.Color(n, theme.VariantLight)
}

func (t *motcuaTheme) Font(s fyne.TextStyle) fyne.Resource { return t.base.Font(s) }

func (t *motcuaTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

func (t *motcuaTheme) Size(n fyne.ThemeSizeName) float32 { return t.base.Size(n) }
