package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"motcua/data/calendar"
)

// 3/9/2027, the day next to Quốc khánh, is only expected (tag P in the official file): the year
// view marks it, the legend says what the mark means, and the day's box says it too.
func TestCatalogCalendarMarksProvisionalDays(t *testing.T) {
	_, w, c := catalogTest(t)
	test.Tap(c.cal.next)
	if c.cal.year != 2027 {
		t.Fatalf("year %d", c.cal.year)
	}
	adj := c.cal.cells[calendar.D(2027, time.September, 3)]
	if adj == nil || adj.state != dayHoliday || !adj.provisional {
		t.Fatalf("3/9/2027 = %+v, want a provisional holiday", adj)
	}
	if got := strings.Join(texts(adj), ""); got != "3"+provisionalMark {
		t.Errorf("3/9/2027 shows %q, want the mark", got)
	}
	if qk := c.cal.cells[calendar.D(2027, time.September, 2)]; qk.provisional || strings.Join(texts(qk), "") != "2" {
		t.Errorf("2/9/2027 is not provisional: %+v", qk)
	}
	if all := strings.Join(texts(c.cal.content), "\n"); !strings.Contains(all, provisionalMark+" dự kiến") {
		t.Errorf("the legend does not explain the mark:\n%s", all)
	}
	test.Tap(adj)
	if box := overlayText(w); !strings.Contains(box, "Dự kiến: chưa có thông báo chính thức.") {
		t.Errorf("the day's box does not say it is provisional:\n%s", box)
	}
}
