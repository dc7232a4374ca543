package data

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// pcZones are the zones a PC may be set to instead of Vietnam's.
var pcZones = []*time.Location{time.UTC, time.FixedZone("UTC-8", -8*3600)}

// TestBackupNamesInOfficeZone: backups made by hand and the automatic one are named with the
// office's date and time, whatever zone the clock's times come in (a PC set to UTC or UTC−8): at
// 06:30 in Vietnam it is still the day before there.
func TestBackupNamesInOfficeZone(t *testing.T) {
	instant := at("2026-03-13 06:30")
	for _, loc := range pcZones {
		if got := BackupName(instant.In(loc)); got != "motcua-2026-03-13-0630.db" {
			t.Errorf("%s: backup named %q", loc, got)
		}
		f := newFixture(t)
		f.clk.set(instant.In(loc))
		dir := t.TempDir()
		file, err := f.s.AutoBackup(context.Background(), dir, 3)
		if err != nil {
			t.Fatal(err)
		}
		if want := filepath.Join(dir, "motcua-auto-2026-03-13.db"); file != want {
			t.Errorf("%s: automatic backup %q, want %q", loc, file, want)
		}
	}
}

// TestVerdictDatesInOfficeZone: the date mode compares the office's days, whatever zone the
// times come in: finished at 06:30 on the due date (the day before in UTC) is on time, not early.
func TestVerdictDatesInOfficeZone(t *testing.T) {
	due, end := at("2026-03-13 16:00"), at("2026-03-13 06:30")
	for _, loc := range pcZones {
		if v := Judge(end.In(loc), due, true, 0, ModeDate); v != OnTime {
			t.Errorf("%s: finished on the due day judged %v", loc, v)
		}
		if v := VerdictAt(time.Time{}, at("2026-03-12 16:00"), true, 0, end.In(loc), ModeDate); v != Overdue {
			t.Errorf("%s: open the day after its due day judged %v", loc, v)
		}
	}
}
