package station_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"motcua/data"
	"motcua/sync/station"
	"motcua/sync/synctest"
)

// An enrolment stopped before its database was put in place (here: ready fails, as a kill would
// stop it) leaves no live database and nothing aside; the next enrolment works, and replaces an
// empty database a window had opened. A database set up for an office is never replaced.
func TestEnrollNewIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	_, c0 := w.station(t, synctest.OfficeA, 0, nil)
	syncOK(t, c0)
	tok, err := w.h.EnrollStation(ctx, synctest.OfficeA, 4)
	if err != nil {
		t.Fatal(err)
	}
	cfg := station.Config{Hub: w.srv.URL, Token: tok}
	admin := data.NewUser{Username: "quantri", FullName: "Quản Trị Mới", Password: "matkhau-moi-123"}
	path := filepath.Join(t.TempDir(), data.DBFile)

	stop := errors.New("ngắt")
	if _, err := station.EnrollNew(ctx, path, cfg, admin, func(*station.Report) error { return stop }); !errors.Is(err, stop) {
		t.Fatalf("enrol stopped before the rename: %v", err)
	}
	if left, _ := filepath.Glob(path + "*"); len(left) != 0 {
		t.Fatalf("a stopped enrolment left %v", left)
	}

	empty, err := data.Open(path) // as a window opens a new data folder
	if err != nil {
		t.Fatal(err)
	}
	empty.Close()
	shown := false
	rep, err := station.EnrollNew(ctx, path, cfg, admin, func(*station.Report) error {
		if _, err := os.Stat(station.EnrollAside(path)); err != nil {
			t.Errorf("ready called before the database was built aside: %v", err)
		}
		shown = true
		return nil
	})
	if err != nil || !shown || rep == nil {
		t.Fatalf("enrol again: %+v %v (ready called: %v)", rep, err, shown)
	}
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if s.Station() != 4 {
		t.Errorf("station %d, want 4", s.Station())
	}
	if _, err := s.Authenticate(ctx, "quantri", "matkhau-moi-123"); err != nil {
		t.Errorf("the administrator cannot log in: %v", err)
	}
	if got, _ := s.SyncConfig(ctx); got.Token != tok {
		t.Errorf("the token did not follow the database into place")
	}
	s.Close()
	if _, err := station.EnrollNew(ctx, path, cfg, admin, func(*station.Report) error { return nil }); !errors.Is(err, station.ErrNotFresh) {
		t.Fatalf("enrol over an office's database: %v", err)
	}
}
