package data_test

import (
	"context"
	"database/sql"

	"path/filepath"
	"reflect"
	"testing"
	"time"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/demo"
	"motcua/data/vntext"
)

// sameLateAsLog fails t where the late list of a period differs from the one rebuilt from the log
// (LateFromLog), in either mode, and returns how many late dossiers it compared.
func sameLateAsLog(t *testing.T, s *data.Store, periods [][2]calendar.Date) int {
	t.Helper()
	ctx := context.Background()
	total := 0
	for _, p := range periods {
		for _, mode := range []data.Mode{data.ModeTimestamp, data.ModeDate} {
			got, err := s.LateDossiers(ctx, p[0], p[1], mode)
			if err != nil {
				t.Fatal(err)
			}
			want, err := s.LateFromLog(ctx, p[0], p[1], mode)
			if err != nil {
				t.Fatal(err)
			}
			total += len(want)
			if len(got) != len(want) {
				t.Errorf("%s…%s %s: %d late dossiers, the log gives %d", p[0], p[1], mode, len(got), len(want))
				continue
			}
			for i := range want {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Errorf("%s…%s %s: late dossier %d\n got %+v\nwant %+v", p[0], p[1], mode, i, got[i], want[i])
					break
				}
			}
		}
	}
	return total
}

// The late list is, in both modes, the dossiers Stats counts resolved late, and over random
// periods exactly the list rebuilt from the log, field by field and in the same order.
func TestLateDossiersEqualLogOverRandomPeriods(t *testing.T) {
	now := time.Date(2026, 3, 12, 15, 30, 0, 0, vntext.Zone())
	path := filepath.Join(t.TempDir(), data.DBFile)
	ctx := context.Background()
	if err := demo.Build(ctx, path, demo.Options{Dossiers: 3000, Seed: 7, Now: now}); err != nil {
		t.Fatal(err)
	}
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	to := calendar.DateOf(now)
	from := to.AddDays(-365)
	for _, mode := range []data.Mode{data.ModeTimestamp, data.ModeDate} {
		got, err := s.LateDossiers(ctx, from, to, mode)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := s.Stats(ctx, from, to, data.ByNone, mode)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) == 0 || len(got) != rep.Total.ResolvedLate {
			t.Fatalf("%s: %d late, Stats counts %d", mode, len(got), rep.Total.ResolvedLate)
		}
	}
	if n := sameLateAsLog(t, s, [][2]calendar.Date{{from, to}, {to.AddDays(-6), to}, {to, to}}); n == 0 {
		t.Fatal("no late dossier: the comparison proves nothing")
	}
	s2, err := data.Open(staffDemo(t, 1500, 13))
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if n := sameLateAsLog(t, s2, staffPeriods(9)); n == 0 {
		t.Fatal("no late dossier in any period: the comparison proves nothing")
	}
	checkOK(t, s2)
}

// An office of the previous schema gets late_dossiers from its dossiers rows and its log by the
// migration, with the list the log gives.
func TestUpgradeFillsLateListFromLog(t *testing.T) {
	path := staffDemo(t, 1200, 29)
	db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"DROP TABLE late_dossiers",
		"CREATE INDEX dossiers_late ON dossiers(finished_at) WHERE received_at IS NOT NULL AND (finished_at > due_at OR supplements > 1)",
		// Apologies with a number and a reason, so that the migration's reading of them is seen.
		`UPDATE events SET payload = json_set(payload, '$.doc_no', 'XL-' || seq, '$.reason', 'Lý do ' || seq) WHERE type = 'apology_issued'`,
		"PRAGMA user_version = 6",
	} {
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
	var n, apologised int
	if err := s.DB().QueryRow("SELECT count(*), sum(apology_no <> '') FROM late_dossiers").Scan(&n, &apologised); err != nil || n == 0 || apologised == 0 {
		t.Fatalf("late_dossiers after the upgrade: %d rows, %d with an apology number (%v)", n, apologised, err)
	}
	if sameLateAsLog(t, s, staffPeriods(17)) == 0 {
		t.Fatal("no late dossier in any period: the comparison proves nothing")
	}
	checkOK(t, s)
}

// Check compares late_dossiers with a replay of the log (a changed, a missing and a stray row are
// each a wrong row), and a rebuild makes them agree again.
func TestCheckFindsWrongLateListAndRebuildFixesIt(t *testing.T) {
	s, err := data.Open(staffDemo(t, 600, 3))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkFindsTampering(t, s, "trễ hạn",
		"UPDATE late_dossiers SET apology_reason = 'sửa tay' WHERE rid = (SELECT rid FROM late_dossiers LIMIT 1)",
		"DELETE FROM late_dossiers WHERE rid = (SELECT rid FROM late_dossiers LIMIT 1 OFFSET 5)",
		"INSERT INTO late_dossiers(finished_at, rid, late_ts, late_date, code, applicant, procedure_name, unit, supplements, apologised, apology_no, apology_reason) VALUES (1, 999999999, 1, 1, 'X', 'X', 'X', '', 0, 0, '', '')")
	last := calendar.DateOf(staffNow)
	if sameLateAsLog(t, s, [][2]calendar.Date{{last.AddDays(-364), last}}) == 0 {
		t.Fatal("no late dossier: the comparison proves nothing")
	}
}

// BenchmarkLateDossiers1M lists the dossiers resolved late in the year before demo.KeptNow in the
// kept benchmark office (skipped when it has not been built).
func BenchmarkLateDossiers1M(b *testing.B) {
	path := demo.KeptPath(demo.KeptSize())
	s, err := data.Open(path)
	if err != nil {
		b.Skip(err)
	}
	defer s.Close()
	to := calendar.DateOf(demo.KeptNow)
	from := to.AddDays(-364)
	for i := 0; i < b.N; i++ {
		late, err := s.LateDossiers(context.Background(), from, to, data.ModeTimestamp)
		if err != nil || len(late) == 0 {
			b.Fatal(len(late), err)
		}
		b.ReportMetric(float64(len(late)), "late")
	}
}
