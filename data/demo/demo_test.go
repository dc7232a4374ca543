package demo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
)

var testNow = time.Date(2026, 11, 20, 10, 30, 0, 0, vntext.Zone())

const testDossiers = 2000

// The 2,000-dossier office is built once and shared by the tests that only read it.
var shared struct {
	once sync.Once
	dir  string
	path string
	err  error
}

func sharedOffice(t *testing.T) string {
	t.Helper()
	shared.once.Do(func() {
		shared.dir, shared.err = os.MkdirTemp("", "motcua-demo-test-")
		if shared.err != nil {
			return
		}
		shared.path = filepath.Join(shared.dir, "demo.db")
		shared.err = Build(context.Background(), shared.path, Options{Dossiers: testDossiers, Seed: 1, Now: testNow})
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	os.Exit(code)
}

func open(t *testing.T, path string, opts ...data.Option) *data.Store {
	t.Helper()
	s, err := data.Open(path, append(opts, data.WithClock(func() time.Time { return testNow }))...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func count(t *testing.T, s *data.Store, q string, args ...any) int {
	t.Helper()
	var n int
	if err := s.DB().QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func TestBuild(t *testing.T) {
	s := open(t, sharedOffice(t))
	ctx := context.Background()

	res, err := s.Check(ctx, false, nil)
	if err != nil || !res.OK() {
		t.Fatalf("check: %v %+v", err, res)
	}
	if o, err := s.Office(); err != nil || o.Code != "000.00.31.H56" || o.Level != "xa" {
		t.Fatalf("office %+v %v", o, err)
	}
	if _, err := s.Authenticate(ctx, "admin", "admin123"); err != nil {
		t.Fatalf("admin login: %v", err)
	}
	if _, err := s.Authenticate(ctx, "tiepnhan1", "demo1234"); err != nil {
		t.Fatalf("reception login: %v", err)
	}

	total := count(t, s, "SELECT count(*) FROM dossiers")
	if total != testDossiers {
		t.Fatalf("dossiers: %d, want %d", total, testDossiers)
	}
	online := count(t, s, "SELECT count(*) FROM dossiers WHERE channel = 2")
	if share := float64(online) / float64(total); share < 0.10 || share > 0.18 {
		t.Errorf("online share %.3f", share)
	}
	if n := count(t, s, "SELECT count(*) FROM dossiers WHERE channel = 3"); n == 0 {
		t.Error("no dossier by post")
	}
	if n := count(t, s, "SELECT count(*) FROM dossiers WHERE status = 3"); n == 0 || n > total/40 {
		t.Errorf("refused: %d", n)
	}
	if n := count(t, s, "SELECT count(*) FROM events WHERE type = 'stopped'"); n == 0 || n > total/50 {
		t.Errorf("stopped: %d", n)
	}
	if n := count(t, s, "SELECT count(*) FROM dossiers WHERE supplements > 0"); n < total/25 || n > total/6 {
		t.Errorf("with supplements: %d", n)
	}
	if n := count(t, s, "SELECT count(*) FROM events WHERE type = 'obligation_requested'"); n == 0 {
		t.Error("no financial obligation")
	}
	if n := count(t, s, "SELECT count(*) FROM dossiers WHERE applicant_id = '' OR phone <> '' AND length(phone) <> 10"); n != 0 {
		t.Errorf("%d dossiers with a bad id or phone", n)
	}
	biz := count(t, s, "SELECT count(*) FROM dossiers d JOIN events e ON e.dossier = d.id AND e.type IN ('received', 'submitted', 'refused') WHERE json_extract(e.payload, '$.applicant.type') = 2")
	if biz == 0 {
		t.Error("no business applicant")
	}

	// Late ones, most with an apology issued before the due date.
	late := count(t, s, "SELECT count(*) FROM dossiers WHERE status IN (9, 10) AND finished_at / 60 > due_at / 60")
	apologised := count(t, s, "SELECT count(*) FROM dossiers WHERE status IN (9, 10) AND finished_at / 60 > due_at / 60 AND apologies > 0")
	if late == 0 || late > total/10 || apologised*10 < late*6 {
		t.Errorf("late %d, with apology %d", late, apologised)
	}
	if n := count(t, s, `SELECT count(*) FROM events e JOIN dossiers d ON d.id = e.dossier
		WHERE e.type = 'apology_issued' AND unixepoch(e.at) >= d.due_at`); n != 0 {
		t.Errorf("%d apologies issued on or after the due date", n)
	}

	// Ratings: present, mostly very satisfied, every "không hài lòng" with a reason.
	rated := count(t, s, "SELECT count(*) FROM dossiers WHERE rating > 0")
	returned := count(t, s, "SELECT count(*) FROM dossiers WHERE status = 10")
	if rated*100 < returned*45 || rated*100 > returned*75 {
		t.Errorf("rated %d of %d returned", rated, returned)
	}
	if n := count(t, s, "SELECT count(*) FROM dossiers WHERE rating = 1"); n*2 < rated {
		t.Errorf("very satisfied %d of %d", n, rated)
	}
	if n := count(t, s, "SELECT count(*) FROM events WHERE type = 'rated' AND json_extract(payload, '$.rating') = 3 AND length(COALESCE(json_extract(payload, '$.reason'), '')) < 3"); n != 0 {
		t.Errorf("%d dissatisfied ratings without a reason", n)
	}

	// Nothing after now; every event of a dossier in order.
	rows, err := s.DB().Query("SELECT at FROM events")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var at string
		rows.Scan(&at)
		tm, err := time.Parse(data.TimeFormat, at)
		if err != nil || tm.After(testNow) {
			t.Fatalf("event at %s (now %s): %v", at, testNow, err)
		}
	}
	rows.Close()

	// Codes: unique, well formed, every station within its block of the day.
	codeRE := regexp.MustCompile(`^000\.00\.31\.H56-\d{6}-\d{4}$`)
	rows, err = s.DB().Query("SELECT code FROM dossiers WHERE code IS NOT NULL")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	perBlock := map[string]int{}
	for rows.Next() {
		var code string
		rows.Scan(&code)
		if !codeRE.MatchString(code) {
			t.Errorf("bad code %q", code)
		}
		if seen[code] {
			t.Errorf("duplicate code %q", code)
		}
		seen[code] = true
		num := code[len(code)-4:]
		if num[1:] == "000" {
			t.Errorf("code %q outside its station's block", code)
		}
		perBlock[code[len(code)-11:len(code)-4]]++
	}
	rows.Close()
	if len(seen) != total-count(t, s, "SELECT count(*) FROM dossiers WHERE status = 3") {
		t.Errorf("%d codes for %d received dossiers", len(seen), total)
	}
	for block, n := range perBlock {
		if n > 999 {
			t.Errorf("station block %s used %d times", block, n)
		}
	}

	// Search folds accents: "nguyen" finds the Nguyễns.
	hits, err := s.Search(ctx, "nguyen", 200)
	if err != nil || len(hits) < 100 {
		t.Fatalf("search nguyen: %d hits, %v", len(hits), err)
	}
	for _, h := range hits[:10] {
		if !strings.Contains(vntext.Fold(h.Applicant+" "+h.Address), "nguyen") {
			t.Errorf("hit %q does not match", h.Applicant)
		}
	}

	// The year's report.
	to := calendar.DateOf(testNow)
	rep, err := s.Stats(ctx, to.AddDays(-365), to, data.ByUnit, data.ModeTimestamp)
	if err != nil {
		t.Fatal(err)
	}
	f := rep.Total
	if f.ResolvedEarly+f.ResolvedOnTime+f.ResolvedLate != f.ResolvedTotal || f.ResolvedTotal < total*9/10 {
		t.Errorf("resolved: %+v", f)
	}
	if f.PendingTotal == 0 || f.ResolvedLate == 0 || f.ResolvedLate > f.ResolvedTotal/10 {
		t.Errorf("pending/late: %+v", f)
	}
	if f.ReceivedNewOnline == 0 || f.FeesTotal == 0 || f.RatedDissatisfied == 0 {
		t.Errorf("figures: %+v", f)
	}
	if len(rep.Rows) < 4 {
		t.Errorf("only %d units in the report", len(rep.Rows))
	}
	t.Logf("year: received %d (online %d), resolved %d (early %d, on time %d, late %d), pending %d (overdue %d), fees %d, ratings %d",
		f.ReceivedTotal, f.ReceivedNewOnline, f.ResolvedTotal, f.ResolvedEarly, f.ResolvedOnTime, f.ResolvedLate,
		f.PendingTotal, f.PendingOverdue, f.FeesTotal, f.RatedTotal)
}

// rowsOf is the content that must not depend on anything but the seed and now.
func rowsOf(t *testing.T, path string) []string {
	t.Helper()
	// read-only: tests open the shared office more than once, and only one store may write it
	s := open(t, path, data.ReadOnly())
	rows, err := s.DB().Query(`SELECT COALESCE(code, ''), applicant, applicant_id, status, COALESCE(received_at, 0),
		COALESCE(due_at, 0), COALESCE(finished_at, 0), handler FROM dossiers ORDER BY COALESCE(received_at, 0), COALESCE(code, ''), applicant`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var code, name, id, handler string
		var status, recv, due, fin int64
		if err := rows.Scan(&code, &name, &id, &status, &recv, &due, &fin, &handler); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprint(code, name, id, status, recv, due, fin, handler))
	}
	return out
}

func TestDeterministic(t *testing.T) {
	a := rowsOf(t, sharedOffice(t))

	// The same seed and now again, replacing an existing file (and a stale WAL next to it).
	dir := t.TempDir()
	same := filepath.Join(dir, "motcua.db")
	if err := os.WriteFile(same, []byte("old database"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(same+"-wal", []byte("stale"), 0o600)
	if err := Build(context.Background(), same, Options{Dossiers: testDossiers, Seed: 1, Now: testNow, Replace: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(same + "-wal"); !errors.Is(err, os.ErrNotExist) {
		t.Error("stale WAL left next to the new database")
	}
	assertOnly(t, dir, "motcua.db")
	b := rowsOf(t, same)
	if len(a) != len(b) {
		t.Fatalf("%d rows, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("row %d differs:\n%s\n%s", i, a[i], b[i])
		}
	}

	// Another seed plans other dossiers (checked on the generator: a third build of the same size
	// would double the test's time under the race detector for no more coverage).
	s := open(t, sharedOffice(t), data.ReadOnly())
	one, two := plans(t, s, 1), plans(t, s, 2)
	if again := plans(t, s, 1); strings.Join(again, "\n") != strings.Join(one, "\n") {
		t.Fatal("the same seed planned different dossiers")
	}
	differ := 0
	for i := range one {
		if one[i] != two[i] {
			differ++
		}
	}
	if differ < len(one)*9/10 {
		t.Errorf("seed 2 differs from seed 1 in only %d of %d dossiers", differ, len(one))
	}
}

// plans lists the first dossiers a generator with seed would write: reception time, applicant
// and the types and times of their events.
func plans(t *testing.T, s *data.Store, seed int64) []string {
	t.Helper()
	g, err := newGenerator(context.Background(), s, testNow, seed)
	if err != nil {
		t.Fatal(err)
	}
	days, err := g.days(testDossiers)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range days {
		for _, sec := range g.times(nil, d) {
			g.plan(d.date.At(0, 0, s.Location()).Add(time.Duration(sec)*time.Second), 0)
			var b strings.Builder
			for _, st := range g.steps {
				fmt.Fprintf(&b, "%s@%s ", st.p.EventType(), st.at.Format(time.DateTime))
				switch p := st.p.(type) {
				case *data.Received:
					b.WriteString(p.Applicant.Name)
				case *data.Submitted:
					b.WriteString(p.Applicant.Name)
				case *data.Refused:
					b.WriteString(p.Applicant.Name)
				}
			}
			out = append(out, b.String())
			if len(out) == 300 {
				return out
			}
		}
	}
	return out
}

func TestRefusesExisting(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "motcua.db")
	if err := os.WriteFile(path, []byte("not mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := Build(context.Background(), path, Options{Dossiers: 10, Now: testNow})
	if err == nil {
		t.Fatal("an existing file was overwritten")
	}
	if b, _ := os.ReadFile(path); string(b) != "not mine" {
		t.Fatal("the existing file was changed")
	}
	assertOnly(t, dir, "motcua.db")
}

func TestCancel(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "motcua.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	err := Build(ctx, path, Options{Dossiers: 1000, Now: testNow, Progress: func(done, total int) {
		calls++
		if done >= total/3 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled build: %v", err)
	}
	if calls == 0 {
		t.Error("progress never called")
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Error("a cancelled build left a database at path")
	}
	assertOnly(t, dir)

	// Cancelled before it starts.
	if err := Build(ctx, path, Options{Dossiers: 10, Now: testNow}); !errors.Is(err, context.Canceled) {
		t.Fatalf("build with a cancelled context: %v", err)
	}
	assertOnly(t, dir)
}

// assertOnly fails when dir holds a file other than the allowed ones (a temporary file left
// behind); the lock file of the database (data.LockSuffix) stays by design.
func assertOnly(t *testing.T, dir string, allowed ...string) {
	t.Helper()
	allowed = append(allowed, "motcua.db"+data.LockSuffix)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		ok := false
		for _, a := range allowed {
			ok = ok || e.Name() == a
		}
		if !ok {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestProgressAndDefaults(t *testing.T) {
	if err := Build(context.Background(), filepath.Join(t.TempDir(), "x.db"), Options{Dossiers: -1}); err == nil {
		t.Error("negative count accepted")
	}
	if err := Build(context.Background(), "", Options{}); err == nil {
		t.Error("empty path accepted")
	}
}

func BenchmarkBuild10k(b *testing.B) {
	dir := b.TempDir()
	var size int64
	start := time.Now()
	for i := 0; i < b.N; i++ {
		path := filepath.Join(dir, fmt.Sprintf("bench%d.db", i))
		if err := Build(context.Background(), path, Options{Dossiers: 10000, Seed: int64(i + 1), Now: testNow}); err != nil {
			b.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			b.Fatal(err)
		}
		size = st.Size()
		os.Remove(path)
	}
	b.ReportMetric(float64(10000*b.N)/time.Since(start).Seconds(), "dossiers/s")
	b.ReportMetric(float64(size)/10000, "bytes/dossier")
}

// TestBuildTimed is the by-hand timing run: MOTCUA_DEMO_N=100000 go test -run BuildTimed -v
// (without -race) builds that many dossiers and logs the time and the size per dossier.
func TestBuildTimed(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("MOTCUA_DEMO_N"))
	if n <= 0 {
		t.Skip("set MOTCUA_DEMO_N to time a build")
	}
	path := filepath.Join(t.TempDir(), "demo.db")
	start := time.Now()
	last := time.Now()
	err := Build(context.Background(), path, Options{Dossiers: n, Seed: 1, Now: testNow, Progress: func(done, total int) {
		if time.Since(last) > 10*time.Second {
			last = time.Now()
			t.Logf("%d/%d after %v", done, total, time.Since(start).Round(time.Second))
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d dossiers in %v (%.0f dossiers/s), %d bytes, %.0f bytes/dossier",
		n, elapsed.Round(10*time.Millisecond), float64(n)/elapsed.Seconds(), st.Size(), float64(st.Size())/float64(n))
}

// "motcua demo --dossiers 0" is an office with no dossier, as the command says, not 2,000.
func TestBuildWithNoDossiers(t *testing.T) {
	path := filepath.Join(t.TempDir(), data.DBFile)
	if err := Build(context.Background(), path, Options{Dossiers: 0, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	if err := s.DB().QueryRow("SELECT count(*) FROM dossiers").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("%d dossiers in an office built with none", n)
	}
	if _, err := s.Office(); err != nil {
		t.Fatalf("the office is not set up: %v", err)
	}
}

// The demo office says it is one (the login screen then shows its accounts).
func TestBuiltDemoIsMarkedDemo(t *testing.T) {
	s := open(t, sharedOffice(t))
	demo, err := s.IsDemo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !demo {
		t.Fatal("the demo office is not marked as the demo office")
	}
}

// The accounts shown on the login screen of the demo office log in with the passwords shown.
func TestShownAccountsLogIn(t *testing.T) {
	s := open(t, sharedOffice(t))
	accounts := Accounts()
	if len(accounts) < 4 {
		t.Fatalf("Accounts() = %v, want at least one account per role", accounts)
	}
	for _, a := range accounts {
		if _, err := s.Authenticate(context.Background(), a.Username, a.Password); err != nil {
			t.Errorf("%s / %s: %v", a.Username, a.Password, err)
		}
	}
}
