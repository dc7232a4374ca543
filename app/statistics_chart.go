package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// chartGroup is one bar of the chart: a unit and its dossiers resolved early, on time and late.
type chartGroup struct {
	label               string
	early, onTime, late int
}

func (g chartGroup) total() int { return g.early + g.onTime + g.late }

// resolvedChart draws one horizontal stacked bar per unit (early, on time, late), the unit's
// name on the left and the total on the right, under a legend. Horizontal bars leave the long
// unit names ("Công chức Tư pháp – Hộ tịch") readable, which labels under vertical bars would
// not.
type resolvedChart struct {
	widget.BaseWidget
	groups []chartGroup
	legend [3]string // early, on time, late
	empty  string    // shown when there is no bar
}

func newResolvedChart(legend [3]string, empty string) *resolvedChart {
	c := &resolvedChart{legend: legend, empty: empty}
	c.ExtendBaseWidget(c)
	return c
}

// setGroups replaces the bars (UI thread).
func (c *resolvedChart) setGroups(groups []chartGroup) {
	c.groups = groups
	c.Refresh()
}

// Sizes of the chart.
const (
	chartRow    = 30 // height of one bar's line
	chartBar    = 20 // thickness of a bar
	chartLegend = 30 // height of the legend line
	chartGap    = 10
)

// chartColors are the colours of early, on time and late: good, neutral, bad. Not the theme's:
// its primary colour is the office's red, which would read as "late".
func chartColors() [3]color.Color {
	return [3]color.Color{
		color.NRGBA{R: 0x2E, G: 0x7D, B: 0x32, A: 0xFF}, // green
		color.NRGBA{R: 0x19, G: 0x76, B: 0xD2, A: 0xFF}, // blue
		color.NRGBA{R: 0xE5, G: 0x39, B: 0x35, A: 0xFF}, // red
	}
}

func (c *resolvedChart) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{c: c}
	r.build()
	return r
}

type chartRenderer struct {
	c       *resolvedChart
	objects []fyne.CanvasObject

	keys       [3]*canvas.Rectangle // legend
	keyTexts   [3]*canvas.Text
	emptyText  *canvas.Text
	names      []*canvas.Text
	segments   [][3]*canvas.Rectangle
	values     [][3]*canvas.Text // the count inside a segment, when it fits
	totals     []*canvas.Text
	nameLabels []string // the full names (names may be shortened to fit)
}

func chartText(s string, c color.Color) *canvas.Text {
	t := canvas.NewText(s, c)
	t.TextSize = theme.TextSize()
	return t
}

// build makes the objects for the chart's groups.
func (r *chartRenderer) build() {
	fg := theme.Color(theme.ColorNameForeground)
	colors := chartColors()
	r.objects = nil
	for i := range r.keys {
		r.keys[i] = canvas.NewRectangle(colors[i])
		r.keyTexts[i] = chartText(r.c.legend[i], fg)
		r.objects = append(r.objects, r.keys[i], r.keyTexts[i])
	}
	r.emptyText = chartText(r.c.empty, theme.Color(theme.ColorNamePlaceHolder))
	r.objects = append(r.objects, r.emptyText)
	n := len(r.c.groups)
	r.names, r.segments, r.values, r.totals = make([]*canvas.Text, n), make([][3]*canvas.Rectangle, n), make([][3]*canvas.Text, n), make([]*canvas.Text, n)
	r.nameLabels = make([]string, n)
	white := color.White
	for i, g := range r.c.groups {
		r.nameLabels[i] = g.label
		r.names[i] = chartText(g.label, fg)
		r.names[i].Alignment = fyne.TextAlignTrailing
		r.objects = append(r.objects, r.names[i])
		for j, v := range [3]int{g.early, g.onTime, g.late} {
			r.segments[i][j] = canvas.NewRectangle(colors[j])
			r.values[i][j] = chartText(count(v), white)
			r.values[i][j].TextSize = theme.CaptionTextSize()
			r.objects = append(r.objects, r.segments[i][j], r.values[i][j])
		}
		r.totals[i] = chartText(count(g.total()), fg)
		r.totals[i].TextStyle = fyne.TextStyle{Bold: true}
		r.objects = append(r.objects, r.totals[i])
	}
}

func (r *chartRenderer) Layout(size fyne.Size) {
	// legend: a square and its text, one after the other
	x := float32(0)
	for i := range r.keys {
		r.keys[i].Move(fyne.NewPos(x, (chartLegend-14)/2))
		r.keys[i].Resize(fyne.NewSize(14, 14))
		x += 14 + 6
		ts := r.keyTexts[i].MinSize()
		r.keyTexts[i].Move(fyne.NewPos(x, (chartLegend-ts.Height)/2))
		r.keyTexts[i].Resize(ts)
		x += ts.Width + 24
	}
	r.emptyText.Hidden = len(r.c.groups) > 0
	r.emptyText.Move(fyne.NewPos(0, chartLegend+chartGap))
	r.emptyText.Resize(r.emptyText.MinSize())
	if len(r.c.groups) == 0 {
		return
	}

	// the names take what the longest needs, at most a third of the width
	nameW := float32(0)
	for _, l := range r.nameLabels {
		nameW = max(nameW, fyne.MeasureText(l, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	nameW = min(nameW, size.Width/3)
	totalW := fyne.MeasureText("000.000", theme.TextSize(), fyne.TextStyle{Bold: true}).Width
	barX := nameW + chartGap
	barW := size.Width - barX - chartGap - totalW
	if barW < 10 {
		barW = 10
	}
	most := 1
	for _, g := range r.c.groups {
		most = max(most, g.total())
	}
	for i, g := range r.c.groups {
		y := chartLegend + chartGap + float32(i)*chartRow
		r.names[i].Text = fitText(r.nameLabels[i], nameW, theme.TextSize())
		ns := r.names[i].MinSize()
		r.names[i].Move(fyne.NewPos(0, y+(chartRow-ns.Height)/2))
		r.names[i].Resize(fyne.NewSize(nameW, ns.Height))
		x := barX
		for j, v := range [3]int{g.early, g.onTime, g.late} {
			w := barW * float32(v) / float32(most)
			seg := r.segments[i][j]
			seg.Move(fyne.NewPos(x, y+(chartRow-chartBar)/2))
			seg.Resize(fyne.NewSize(w, chartBar))
			seg.Hidden = v == 0
			val := r.values[i][j]
			vs := val.MinSize()
			val.Hidden = v == 0 || vs.Width+4 > w
			val.Move(fyne.NewPos(x+(w-vs.Width)/2, y+(chartRow-vs.Height)/2))
			val.Resize(vs)
			x += w
		}
		ts := r.totals[i].MinSize()
		r.totals[i].Move(fyne.NewPos(x+chartGap/2, y+(chartRow-ts.Height)/2))
		r.totals[i].Resize(ts)
	}
}

// fitText shortens s with an ellipsis until it fits width.
func fitText(s string, width, size float32) string {
	if fyne.MeasureText(s, size, fyne.TextStyle{}).Width <= width {
		return s
	}
	runes := []rune(s)
	for len(runes) > 1 {
		runes = runes[:len(runes)-1]
		if t := string(runes) + "…"; fyne.MeasureText(t, size, fyne.TextStyle{}).Width <= width {
			return t
		}
	}
	return "…"
}

func (r *chartRenderer) MinSize() fyne.Size {
	h := float32(chartLegend + chartGap)
	if n := len(r.c.groups); n > 0 {
		h += float32(n) * chartRow
	} else {
		h += r.emptyText.MinSize().Height
	}
	return fyne.NewSize(300, h)
}

func (r *chartRenderer) Refresh() {
	r.build()
	r.Layout(r.c.Size())
	canvas.Refresh(r.c)
}

func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *chartRenderer) Destroy()                     {}
