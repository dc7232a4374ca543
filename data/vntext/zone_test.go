package vntext

import (
	"errors"
	"testing"
	"time"
)

func TestZone(t *testing.T) {
	z := Zone()
	if z.String() != "Asia/Ho_Chi_Minh" {
		t.Errorf("Zone() = %q, want Asia/Ho_Chi_Minh (the embedded tz database must load)", z)
	}
	if Zone() != z {
		t.Error("Zone() loads the location again on every call")
	}
	for _, tm := range []time.Time{
		time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC),
		time.Date(2026, 7, 15, 12, 0, 0, 0, time.UTC),
	} {
		if _, off := tm.In(z).Zone(); off != 7*3600 {
			t.Errorf("offset on %v = %d, want +7h", tm, off)
		}
	}
}

func TestZoneFallback(t *testing.T) {
	z := loadZone(func(string) (*time.Location, error) { return nil, errors.New("no tzdata") })
	name, off := time.Date(2026, 2, 20, 0, 0, 0, 0, z).Zone()
	if name != "ICT" || off != 7*3600 {
		t.Errorf("fallback zone = %s %+d, want ICT +25200", name, off)
	}
	called := ""
	_ = loadZone(func(n string) (*time.Location, error) { called = n; return time.UTC, nil })
	if called != "Asia/Ho_Chi_Minh" {
		t.Errorf("loadZone asked for %q", called)
	}
}
