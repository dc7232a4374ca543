package app

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"motcua/data"
	"motcua/data/vntext"
)

// inPCZone runs fn with the process's zone set to loc, as on a PC set to that zone, and the
// UI's clock giving instant as time.Now would there. Not parallel: time.Local is global.
func inPCZone(t *testing.T, u *ui, loc *time.Location, instant time.Time, fn func()) {
	t.Helper()
	local, now := time.Local, u.opts.Now
	defer func() { time.Local, u.opts.Now = local, now }()
	time.Local = loc
	u.opts.Now = func() time.Time { return instant.In(time.Local) }
	fn()
}

// TestOfficeDatesWhateverThePCZone: on a PC set to UTC or to UTC−8, the signing date offered in
// «Đã xử lý xong» is the office's day, and so is the name of a backup made by hand, at 06:30 in
// Vietnam (the day before in UTC and in UTC−8) and at 23:30 (16:30 UTC, 08:30 in UTC−8).
func TestOfficeDatesWhateverThePCZone(t *testing.T) {
	u, _ := openDemo(t, 20)
	st := u.currentStore()
	d := detailDossier(t, st, data.StatusProcessing)
	zones := []*time.Location{time.UTC, time.FixedZone("UTC-8", -8*3600)}
	for _, c := range []struct {
		at, day, backup string
	}{
		{"2026-03-13 06:30", "13/03/2026", "motcua-2026-03-13-0630.db"},
		{"2026-03-12 23:30", "12/03/2026", "motcua-2026-03-12-2330.db"},
	} {
		instant, err := time.ParseInLocation("2006-01-02 15:04", c.at, vntext.Zone())
		if err != nil {
			t.Fatal(err)
		}
		for _, loc := range zones {
			inPCZone(t, u, loc, instant, func() {
				s, _ := openDetail(t, u, "tuphap1", d.ID)
				test.Tap(s.buttons[data.EvProcessed])
				if got := s.form.date.Text; got != c.day {
					t.Errorf("PC in %s at %s Vietnam time: signing date offered %q, want %q", loc, c.at, got, c.day)
				}
				if got := data.BackupName(u.now()); got != c.backup {
					t.Errorf("PC in %s at %s Vietnam time: backup named %q, want %q", loc, c.at, got, c.backup)
				}
				if got := clock(instant.In(loc)); got != vntext.DateTime(instant) {
					t.Errorf("PC in %s: a time is shown as %q, want %q", loc, got, vntext.DateTime(instant))
				}
			})
		}
	}
}
