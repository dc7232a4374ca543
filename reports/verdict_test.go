package reports

import (
	"strings"
	"testing"
	"time"

	"motcua/data"
	"motcua/data/vntext"
)

// TestControlVerdictIsData: the control sheet's "Kết quả giải quyết" of a dossier returned early
// is data's verdict with data's name ("Trước hạn"), in the office's mode — the name the dossier
// list, its detail and the statistics give it (app's TestVerdictSameEverywhere) — and the report
// columns are named from the same table.
func TestControlVerdictIsData(t *testing.T) {
	loc := vntext.Zone()
	received := time.Date(2026, 3, 9, 8, 0, 0, 0, loc)
	d := &data.Dossier{Status: data.StatusReturned, ReceivedAt: received, HasDue: true,
		Due: time.Date(2026, 3, 12, 8, 0, 0, 0, loc), FinishedAt: time.Date(2026, 3, 11, 9, 0, 0, 0, loc),
		ReturnedAt: time.Date(2026, 3, 11, 10, 0, 0, 0, loc)}
	now := time.Date(2026, 3, 20, 9, 0, 0, 0, loc)
	for _, mode := range []data.Mode{data.ModeTimestamp, data.ModeDate} {
		if got := controlVerdict(d, now, mode); !strings.HasPrefix(got, data.Early.String()+" (") {
			t.Errorf("%s: control sheet says %q, want %q", mode, got, data.Early.String())
		}
	}
	// Finished on its due date after the due time: late by the minute, on time by date.
	d.FinishedAt = time.Date(2026, 3, 12, 9, 0, 0, 0, loc)
	if got := controlVerdict(d, now, data.ModeDate); !strings.HasPrefix(got, data.OnTime.String()+" (") {
		t.Errorf("date mode: %q", got)
	}
	if got := controlVerdict(d, now, data.ModeTimestamp); !strings.HasPrefix(got, data.Late.String()+" (") {
		t.Errorf("timestamp mode: %q", got)
	}
	d.FinishedAt, d.Status = time.Time{}, data.StatusProcessing
	if got := controlVerdict(d, now, data.ModeTimestamp); got != "Đang giải quyết" {
		t.Errorf("open: %q", got)
	}
	var names []string
	for _, c := range periodicCols("Đơn vị")[7:] {
		names = append(names, c.Header)
	}
	want := []string{data.Early.String(), data.OnTime.String(), data.Late.String(), "Tổng số", data.Within.String(), data.Overdue.String()}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Errorf("periodic report columns %q, want %q", names, want)
	}
}
