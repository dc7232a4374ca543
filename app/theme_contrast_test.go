package app

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// relLuminance is the WCAG 2 relative luminance of c drawn over bg (c's alpha blended).
func relLuminance(c, bg color.Color) float64 {
	cr, cg, cb, ca := c.RGBA()
	br, bgr, bb, _ := bg.RGBA()
	a := float64(ca) / 0xffff
	ch := func(fg, back uint32) float64 {
		// RGBA is alpha-premultiplied: fg already carries its alpha
		v := (float64(fg) + float64(back)*(1-a)) / 0xffff
		if v <= 0.03928 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(cr, br) + 0.7152*ch(cg, bgr) + 0.0722*ch(cb, bb)
}

// contrast is the WCAG 2 contrast ratio of text colour fg on background bg.
func contrast(fg, bg color.Color) float64 {
	l1, l2 := relLuminance(fg, bg), relLuminance(bg, color.White)
	if l1 < l2 {
		l1, l2 = l2, l1
	}
	return (l1 + 0.05) / (l2 + 0.05)
}

// Every text colour of the theme reads at 4.5:1 at least (WCAG AA) on every background it is
// drawn on: the status bar (header background), the success, warning and error texts, disabled
// fields, links, the placeholders that say what a field wants.
func TestThemeTextContrastAtLeast4_5(t *testing.T) {
	th := newTheme()
	v := theme.VariantLight
	texts := []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNameSuccess, theme.ColorNameWarning,
		theme.ColorNameError, theme.ColorNameDisabled, theme.ColorNameHyperlink, theme.ColorNamePrimary,
		theme.ColorNamePlaceHolder}
	backs := []fyne.ThemeColorName{theme.ColorNameBackground, theme.ColorNameHeaderBackground,
		theme.ColorNameInputBackground, theme.ColorNameOverlayBackground, theme.ColorNameMenuBackground}
	for _, b := range backs {
		bg := th.Color(b, v)
		for _, n := range texts {
			if r := contrast(th.Color(n, v), bg); r < 4.5 {
				t.Errorf("%s on %s: %.2f:1, want 4.5:1", n, b, r)
			}
		}
	}
	// text on the coloured buttons
	for _, p := range [][2]fyne.ThemeColorName{{theme.ColorNameForegroundOnPrimary, theme.ColorNamePrimary},
		{theme.ColorNameForegroundOnSuccess, theme.ColorNameSuccess}, {theme.ColorNameForegroundOnWarning, theme.ColorNameWarning},
		{theme.ColorNameForegroundOnError, theme.ColorNameError}} {
		if r := contrast(th.Color(p[0], v), th.Color(p[1], v)); r < 4.5 {
			t.Errorf("%s on %s: %.2f:1, want 4.5:1", p[0], p[1], r)
		}
	}
}

func TestContrastFormula(t *testing.T) {
	if r := contrast(color.Black, color.White); math.Abs(r-21) > 0.01 {
		t.Errorf("black on white %.2f, want 21", r)
	}
	if r := contrast(color.NRGBA{0x76, 0x76, 0x76, 0xff}, color.White); math.Abs(r-4.54) > 0.02 {
		t.Errorf("#767676 on white %.2f, want 4.54", r)
	}
}

// A disabled field and a placeholder stay visibly lighter than text typed in a field.
func TestThemeDisabledLighterThanText(t *testing.T) {
	th := newTheme()
	v := theme.VariantLight
	bg := th.Color(theme.ColorNameBackground, v)
	fg := contrast(th.Color(theme.ColorNameForeground, v), bg)
	for _, n := range []fyne.ThemeColorName{theme.ColorNameDisabled, theme.ColorNamePlaceHolder} {
		if pale := contrast(th.Color(n, v), bg); fg < 1.5*pale {
			t.Errorf("text %.2f:1 and %s %.2f:1 look alike", fg, n, pale)
		}
	}
}
