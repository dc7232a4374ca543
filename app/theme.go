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

	// Texts in colour, dark enough to read at 4.5:1 (WCAG AA) on white, on the status bar and in
	// the fields (Fyne's own are pale: its success green 1.5:1, its disabled grey 1.3:1). The
	// buttons of these colours carry white text, which reads on them at the same ratio.
	colorSuccess  = color.NRGBA{R: 0x2E, G: 0x7D, B: 0x32, A: 0xFF} // #2E7D32
	colorWarning  = color.NRGBA{R: 0xA8, G: 0x43, B: 0x00, A: 0xFF} // #A84300
	colorError    = color.NRGBA{R: 0xC6, G: 0x28, B: 0x28, A: 0xFF} // #C62828
	colorDisabled = color.NRGBA{R: 0x66, G: 0x66, B: 0x66, A: 0xFF} // #666666
	// Placeholders say what a field wants (its format, an example): Fyne's #888 reads at 3.5:1
	// only. A shade lighter than the disabled text still tells them from a typed value.
	colorPlaceholder = color.NRGBA{R: 0x6B, G: 0x6B, B: 0x6B, A: 0xFF} // #6B6B6B
	// The text is darker than Fyne's #565656 so that a disabled field, grey enough to read, still
	// looks lighter than one that can be typed in.
	colorForeground = color.NRGBA{R: 0x22, G: 0x22, B: 0x22, A: 0xFF} // #222222
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
	case theme.ColorNameSuccess:
		return colorSuccess
	case theme.ColorNameWarning:
		return colorWarning
	case theme.ColorNameError:
		return colorError
	case theme.ColorNameDisabled:
		return colorDisabled
	case theme.ColorNamePlaceHolder:
		return colorPlaceholder
	case theme.ColorNameForeground:
		return colorForeground
	case theme.ColorNameForegroundOnSuccess, theme.ColorNameForegroundOnWarning, theme.ColorNameForegroundOnError:
		return color.White
	}
	return t.base.Color(n, theme.VariantLight)
}

func (t *motcuaTheme) Font(s fyne.TextStyle) fyne.Resource { return t.base.Font(s) }

func (t *motcuaTheme) Icon(n fyne.ThemeIconName) fyne.Resource { return t.base.Icon(n) }

func (t *motcuaTheme) Size(n fyne.ThemeSizeName) float32 { return t.base.Size(n) }
