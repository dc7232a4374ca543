package data_test

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/demo"
	"motcua/data/vntext"
)

var staffNow = time.Date(2026, 11, 20, 16, 0, 0, 0, vntext.Zone())

// staffDemo builds a demo office of n dossiers at a new path and returns the path.
func staffDemo(t *testing.T, n int, seed int64) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := demo.Build(context.Background(), path, demo.Options{Dossiers: n, Seed: seed, Now: staffNow}); err != nil {
		t.Fatal(err)
	}
	return path
}

// staffPeriods are the last year, week and day and random periods of up to two months.
func staffPeriods(seed uint64) [][2]calendar.Date {
	rng := rand.New(rand.NewPCG(seed, seed+1))
	last := calendar.DateOf(staffNow)
	periods := [][2]calendar.Date{{last.AddDays(-364), last}, {last.AddDays(-6), last}, {last, last}}
	for i := 0; i < 20; i++ {
		a := last.AddDays(-rng.IntN(400))
		periods = append(periods, [2]calendar.Date{a, a.AddDays(rng.IntN(60))})
	}
	return periods
}

// sameStaffAsLog fails t where the staff evaluation differs from the one computed from the log.
func sameStaffAsLog(t *testing.T, s *data.Store, periods [][2]calendar.Date) {
	t.Helper()
	ctx := context.Background()
	rows := 0
	for _, p := range periods {
		for _, mode := range []data.Mode{data.ModeTimestamp, data.ModeDate} {
			rep, err := s.Stats(ctx, p[0], p[1], data.ByOfficer, mode)
			if err != nil {
				t.Fatal(err)
			}
			want, err := s.StaffFromLog(ctx, p[0], p[1], mode)
			if err != nil {
				t.Fatal(err)
			}
			rows += len(want)
			if !reflect.DeepEqual(rep.Rows, want) {
				t.Errorf("%s…%s %s: staff evaluation differs from the log", p[0], p[1], mode)
				for i := 0; i < max(len(rep.Rows), len(want)); i++ {
					var g, w data.Row
					if i < len(rep.Rows) {
						g = rep.Rows[i]
					}
					if i < len(want) {
						w = want[i]
					}
					if !reflect.DeepEqual(g, w) {
						t.Logf(" got %s %+v %+v\nwant %s %+v %+v", g.Key, g.Figures, g.Officer, w.Key, w.Figures, w.Officer)
					}
				}
			}
		}
	}
	if rows == 0 {
		t.Fatal("no official in any period: the comparison proves nothing")
	}
}

func checkOK(t *testing.T, s *data.Store) {
	t.Helper()
	res, err := s.Check(context.Background(), false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() {
		t.Fatalf("check: %s %v", res.Integrity, res.Mismatches)
	}
}

func TestStaffEvaluationEqualsLogOverRandomPeriods(t *testing.T) {
	s, err := data.Open(staffDemo(t, 1500, 11))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sameStaffAsLog(t, s, staffPeriods(5))
	checkOK(t, s)
}

// An office of the previous schema gets officer_stats from its log and dossiers by the migration,
// with the same figures as before the upgrade.
func TestUpgradeFillsStaffFiguresFromLog(t *testing.T) {
	path := staffDemo(t, 1200, 23)
	db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"DROP TABLE officer_stats", "DROP TABLE late_dossiers", "PRAGMA user_version = 5"} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	if err := s.DB().QueryRow("SELECT count(*) FROM officer_stats").Scan(&n); err != nil || n == 0 {
		t.Fatalf("officer_stats after the upgrade: %d rows (%v)", n, err)
	}
	sameStaffAsLog(t, s, staffPeriods(7))
	checkOK(t, s)
}

// Check compares officer_stats with a replay of the log, and a rebuild makes them agree again.
func TestCheckFindsWrongStaffFiguresAndRebuildFixesThem(t *testing.T) {
	s, err := data.Open(staffDemo(t, 300, 3))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkFindsTampering(t, s, "đánh giá cán bộ",
		"UPDATE officer_stats SET step_date = step_date + 1 WHERE (day, officer) IN (SELECT day, officer FROM officer_stats LIMIT 1)",
		"DELETE FROM officer_stats WHERE (day, officer) IN (SELECT day, officer FROM officer_stats LIMIT 1 OFFSET 5)",
		"INSERT INTO officer_stats(day, officer, handled) VALUES (1, 'ke.mao.danh', 3)")
	last := calendar.DateOf(staffNow)
	sameStaffAsLog(t, s, [][2]calendar.Date{{last.AddDays(-364), last}})
}

// checkFindsTampering checks that Check finds the table the queries tamper with (they change one
// row, delete one and add a stray one) three rows wrong, in one line that names what, and that a
// rebuild makes it agree with the log again.
func checkFindsTampering(t *testing.T, s *data.Store, what string, queries ...string) {
	t.Helper()
	ctx := context.Background()
	checkOK(t, s)
	for _, q := range queries {
		if _, err := s.DB().Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	res, err := s.Check(ctx, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.OK() || len(res.Mismatches) != 1 || !strings.Contains(res.Mismatches[0], what) || !strings.Contains(res.Mismatches[0], "3 dòng") {
		t.Fatalf("check of a tampered table (%s): %v", what, res.Mismatches)
	}
	if _, err := s.Check(ctx, true, nil); err != nil {
		t.Fatal(err)
	}
	checkOK(t, s)
}
