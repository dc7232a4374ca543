package reports

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"motcua/reports/pdftest"
)

func TestChartNiceStep(t *testing.T) {
	for _, c := range []struct{ max, want int }{{0, 1}, {3, 1}, {7, 2}, {25, 5}, {51, 20}, {1274, 500}, {1_000_000, 200_000}} {
		if got := niceStep(c.max); got != c.want {
			t.Errorf("niceStep(%d) = %d, want %d", c.max, got, c.want)
		}
	}
}

// chartPDF draws a chart of n groups on a landscape page under a little text.
func chartPDF(t *testing.T, n int) (string, int) {
	t.Helper()
	c := &Chart{Title: "Biểu đồ thử", Series: resolvedSeries}
	for i := 0; i < n; i++ {
		c.Groups = append(c.Groups, ChartGroup{Label: fmt.Sprintf("Đơn vị số %d có tên khá dài để phải xuống dòng", i+1),
			Values: []int{1000 + i, 10 * i, i}})
	}
	d := NewDoc("L", "A4")
	d.PageNumbers()
	d.AddPage()
	d.Para("Đoạn mở đầu.")
	drawChart(d, c)
	var b bytes.Buffer
	if err := d.Write(&b); err != nil {
		t.Fatal(err)
	}
	text := pdftest.Text(t, b.Bytes(), pdftest.Layout)
	return text, strings.Count(text, "\f")
}

func TestChartLabelsLegendAndPages(t *testing.T) {
	// A few groups: one page, every label and count, the legend, the axis.
	text, pages := chartPDF(t, 5)
	if pages != 1 {
		t.Errorf("5 groups on %d pages", pages)
	}
	rpContains(t, "chart", text, "Biểu đồ thử", "Trước hạn", "Đúng hạn", "Quá hạn", "Đơn vị số 1 có", "Đơn vị số 5", "1.004", "40", "1.500")
	// Thirteen groups no longer fit roomy but do tight: the chart is not split.
	if text, _ = chartPDF(t, 13); strings.Contains(text, "tiếp theo") || !strings.Contains(text, "Đơn vị số 13") {
		t.Error("13 groups split over pages")
	}
	// Forty groups run over pages, the title says it goes on, nothing is lost.
	text, pages = chartPDF(t, 40)
	if pages < 3 {
		t.Errorf("40 groups on %d pages", pages)
	}
	rpContains(t, "long chart", text, "(tiếp theo)", "Đơn vị số 40", "1.039")
	if n := strings.Count(text, "Trước hạn"); n != pages {
		t.Errorf("legend on %d of %d pages", n, pages)
	}
}
