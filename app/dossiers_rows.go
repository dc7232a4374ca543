package app

import (
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/calendar"
)

// The rows of the dossier list are read a page at a time, when the table first draws a row of
// the page: a million-row office is never read whole. dlPageSize rows cost one List query, as
// quick deep in the list as at its start (≤ 100 ms at 1,000,000 dossiers, data/list_bench_test.go);
// dlMaxPages bounds the pages that stay in memory, the cursors where pages start (a few dozen
// bytes each) all stay. At most dlMaxLoads pages are read at once.
var (
	dlPageSize = 200
	dlMaxPages = 40
	dlMaxLoads = 2
)

// dlPages is the bounded cache of the pages of one listing (UI thread only).
type dlPages struct {
	pages     map[int][]data.Hit
	loading   map[int]bool
	inflight  int           // readings under way
	starts    []data.Cursor // where page p starts, for the pages up to the furthest read
	readingOn bool          // pages are being read one after the other to reach a far one
}

func newDLPages() *dlPages {
	return &dlPages{pages: map[int][]data.Hit{}, loading: map[int]bool{}, starts: []data.Cursor{""}}
}

// startsAt notes that page p starts after the cursor after, when p is the first page whose start
// was not known; after == "": the list ended before page p.
func (c *dlPages) startsAt(p int, after data.Cursor) {
	if after != "" && p == len(c.starts) {
		c.starts = append(c.starts, after)
	}
}

// row is row i when its page is here.
func (c *dlPages) row(i int) (data.Hit, bool) {
	p, ok := c.pages[i/dlPageSize]
	if !ok || i%dlPageSize >= len(p) {
		return data.Hit{}, false
	}
	return p[i%dlPageSize], true
}

// put keeps page p, dropping the pages farthest from it when there are too many: the user scrolls
// on from where the table is, so the near pages are the ones needed again.
func (c *dlPages) put(p int, hits []data.Hit) {
	c.pages[p] = hits
	for len(c.pages) > dlMaxPages {
		far, dist := -1, -1
		for q := range c.pages {
			if d := pageDistance(q, p); d > dist {
				far, dist = q, d
			}
		}
		delete(c.pages, far)
	}
}

func pageDistance(a, b int) int {
	if a < b {
		return b - a
	}
	return a - b
}

// hitTimeLeft says how a listed dossier stands against its due date at now, and how the cell is
// coloured: overdue red, due within one working day (soon is that limit) amber, resolved early
// or on time green. The verdict is data's (Hit.Verdict), named as everywhere else; the time is
// working time on the office calendar cal, written as the work list and the detail write it,
// then the due date.
func hitTimeLeft(cal *calendar.Calendar, h data.Hit, now, soon time.Time, mode data.Mode) (string, widget.Importance) {
	// the time left first: in a narrow column the date is what the ellipsis takes
	due := func(text string) string {
		if h.Due.IsZero() {
			return text
		}
		return text + " · " + calendar.DateOf(h.Due).VN()
	}
	switch v := h.Verdict(now, mode); v {
	case data.Early, data.OnTime:
		return due(verdictName(v)), widget.SuccessImportance
	case data.Late:
		return due(verdictName(v)), widget.MediumImportance
	case data.Overdue:
		return due(overdueText(cal.WorkingBetween(h.Due, now), cal.Hours().PerDay())), widget.DangerImportance
	case data.Within:
		if !h.Due.After(now) { // the date mode: past the due time, within the due day
			return due(verdictName(v)), widget.WarningImportance
		}
		left := leftText(cal.WorkingBetween(now, h.Due), cal.Hours().PerDay())
		if !h.Due.After(soon) {
			return due(left), widget.WarningImportance
		}
		return due(left), widget.MediumImportance
	case data.NoLimit:
		return lang.L("no due date"), widget.MediumImportance
	}
	// never received: an online submission waiting, or a refusal at the counter
	if !h.FinishedAt.IsZero() || h.Status.Terminal() {
		return lang.L("finished"), widget.MediumImportance
	}
	return lang.L("no due date"), widget.MediumImportance
}
