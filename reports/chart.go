package reports

import (
	"math"
	"strings"

	"motcua/data"
	"motcua/data/vntext"
)

// Chart is a grouped horizontal bar chart drawn with the PDF's own rectangles and lines: for
// each group (a unit, a field) one bar per series, each labelled with its count.
type Chart struct {
	Title  string
	Series []string // legend labels; at most len(chartColors)
	Groups []ChartGroup
}

// ChartGroup is one labelled group of bars.
type ChartGroup struct {
	Label  string
	Values []int // one per series
}

// Early green, on time blue, late red: the colours a reader expects, distinct in grey too.
var chartColors = [][3]int{{56, 142, 60}, {30, 100, 180}, {200, 40, 40}}

// resolvedSeries are the series of the "resolved early / on time / late" chart.
var resolvedSeries = []string{data.Early.String(), data.OnTime.String(), data.Late.String()}

const (
	chartFont    = 9.0
	chartLabelLH = 3.9
	chartAxisH   = 7.0  // tick labels under the plot
	chartHeadH   = 16.0 // title and legend
)

// chartSize is the bar geometry: roomy by default, tighter when that keeps the chart on one page.
type chartSize struct {
	barH, barGap, groupGap, valueFont float64
}

var (
	chartRoomy = chartSize{barH: 3.6, barGap: 0.7, groupGap: 3.2, valueFont: chartFont - 1}
	chartTight = chartSize{barH: 2.6, barGap: 0.4, groupGap: 2.2, valueFont: chartFont - 2}
)

func (z chartSize) groupH(series int) float64 {
	return float64(series)*z.barH + float64(series-1)*z.barGap
}

// fits reports whether n groups fit in height h.
func (z chartSize) fits(n, series int, h float64) bool {
	return float64(n)*(z.groupH(series)+z.groupGap)-z.groupGap+2+chartAxisH <= h
}

// niceStep is a round step (1, 2 or 5 × 10ⁿ) giving about five intervals up to max.
func niceStep(max int) int {
	if max <= 5 {
		return 1
	}
	raw := float64(max) / 5
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return int(m * p)
		}
	}
	return int(10 * p)
}

// drawChart draws c at the current position, continuing on new pages when the groups do not fit.
func drawChart(d *Doc, c *Chart) {
	if len(c.Groups) == 0 {
		return
	}
	pdf := d.pdf
	w := d.Width()
	labelW := math.Min(70, w*0.3)
	valueW := 16.0
	plotW := w - labelW - valueW
	top := 0
	for _, g := range c.Groups {
		for _, v := range g.Values {
			top = max(top, v)
		}
	}
	step := niceStep(top)
	axisMax := max(step, (top+step-1)/step*step)
	nSeries := len(c.Series)
	z := chartRoomy
	// A chart that would spill onto a second page at the roomy size but fits on a fresh one when
	// tighter is drawn tighter.
	if fresh := d.bottomY() - d.top - chartHeadH; !z.fits(len(c.Groups), nSeries, fresh) && chartTight.fits(len(c.Groups), nSeries, fresh) {
		z = chartTight
	}
	groupH := z.groupH(nSeries)
	headH := chartHeadH

	lineW := pdf.GetLineWidth()
	defer func() {
		pdf.SetDrawColor(0, 0, 0)
		pdf.SetFillColor(255, 255, 255)
		pdf.SetTextColor(0, 0, 0)
		pdf.SetLineWidth(lineW)
	}()

	title := c.Title
	for i := 0; i < len(c.Groups); {
		rest := len(c.Groups) - i
		switch {
		case z.fits(rest, nSeries, d.bottomY()-pdf.GetY()-headH):
		case z.fits(rest, nSeries, d.bottomY()-d.top-headH):
			pdf.AddPage() // the whole rest fits on a fresh page: do not split it
		default:
			d.ensure(headH + groupH + 2 + chartAxisH)
		}
		// Title and legend.
		d.Font("B", SizeSmall)
		pdf.SetX(d.left)
		pdf.MultiCell(w, 5.5, T(title), "", "C", false)
		title = c.Title + " (tiếp theo)"
		d.Font("", chartFont)
		legendW := 0.0
		for _, s := range c.Series {
			legendW += 4 + 1.5 + pdf.GetStringWidth(T(s)) + 8
		}
		x, y := d.left+(w-legendW)/2, pdf.GetY()+1.5
		for k, s := range c.Series {
			col := chartColors[k%len(chartColors)]
			pdf.SetFillColor(col[0], col[1], col[2])
			pdf.Rect(x, y+0.5, 4, 3.2, "F")
			pdf.SetXY(x+5.5, y)
			pdf.CellFormat(pdf.GetStringWidth(T(s))+1, 4.2, T(s), "", 0, "L", false, 0, "")
			x += 4 + 1.5 + pdf.GetStringWidth(T(s)) + 8
		}
		y0 := y + 4.2 + 3.5

		// As many groups as fit on this page.
		n := 0
		for i+n < len(c.Groups) && z.fits(n+1, nSeries, d.bottomY()-y0) {
			n++
		}
		n = max(n, 1)
		plotH := float64(n)*(groupH+z.groupGap) - z.groupGap + 2
		x0 := d.left + labelW

		// Grid and ticks first, so the bars cover them.
		pdf.SetLineWidth(0.1)
		pdf.SetDrawColor(200, 200, 200)
		d.Font("", chartFont-1)
		for v := 0; v <= axisMax; v += step {
			gx := x0 + plotW*float64(v)/float64(axisMax)
			pdf.Line(gx, y0-1, gx, y0+plotH)
			s := vntext.Thousands(int64(v))
			sw := pdf.GetStringWidth(s)
			pdf.SetXY(gx-sw/2-0.5, y0+plotH+0.8)
			pdf.CellFormat(sw+1, 4, s, "", 0, "C", false, 0, "")
		}
		pdf.SetLineWidth(0.25)
		pdf.SetDrawColor(60, 60, 60)
		pdf.Line(x0, y0-1, x0, y0+plotH)
		pdf.Line(x0, y0+plotH, x0+plotW, y0+plotH)

		gy := y0
		for _, g := range c.Groups[i : i+n] {
			// Label: right-aligned beside the bars, at most three lines, centred on the group.
			d.Font("", chartFont)
			lines := pdf.SplitText(T(g.Label), labelW-4)
			if len(lines) > 3 {
				lines = append(lines[:2], strings.TrimSpace(lines[2])+"…")
			}
			ly := gy + (groupH-float64(len(lines))*chartLabelLH)/2
			for j, l := range lines {
				pdf.SetXY(d.left, ly+float64(j)*chartLabelLH)
				pdf.CellFormat(labelW-3, chartLabelLH, l, "", 0, "R", false, 0, "")
			}
			for k := 0; k < nSeries; k++ {
				v := 0
				if k < len(g.Values) {
					v = g.Values[k]
				}
				by := gy + float64(k)*(z.barH+z.barGap)
				bw := plotW * float64(v) / float64(axisMax)
				col := chartColors[k%len(chartColors)]
				pdf.SetFillColor(col[0], col[1], col[2])
				if bw > 0 {
					pdf.Rect(x0, by, bw, z.barH, "F")
				}
				d.Font("", z.valueFont)
				pdf.SetXY(x0+bw+0.8, by)
				pdf.CellFormat(valueW, z.barH, vntext.Thousands(int64(v)), "", 0, "L", false, 0, "")
			}
			gy += groupH + z.groupGap
		}
		pdf.SetXY(d.left, y0+plotH+chartAxisH)
		i += n
	}
}
