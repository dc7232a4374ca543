package migrate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	_ "github.com/mattn/go-sqlite3"
)

func numbered(vs ...int) []Migration {
	var ms []Migration
	for _, v := range vs {
		ms = append(ms, Migration{Version: v, Name: fmt.Sprintf("%04d_x.sql", v)})
	}
	return ms
}

func TestNumbersMustBeContiguousExceptSkipped(t *testing.T) {
	for _, c := range []struct {
		vs      []int
		skipped []int
		bad     string
	}{
		{vs: []int{1, 2, 3}},
		{vs: []int{1, 2, 4, 5}, skipped: []int{3}},
		{vs: []int{2, 3}, skipped: []int{1}},
		{vs: []int{1, 2, 4}, bad: "number 3 missing"},
		{vs: []int{1, 2, 3, 4}, skipped: []int{3}, bad: "skipped for good"},
		{vs: []int{1, 2, 2, 3}, bad: "used twice"},
		{vs: []int{2, 3}, bad: "number 1 missing"},
		{vs: nil, bad: "no migrations"},
	} {
		err := checkNumbers(numbered(c.vs...), c.skipped)
		if (err == nil) != (c.bad == "") || err != nil && !strings.Contains(err.Error(), c.bad) {
			t.Errorf("%v skipping %v: %v, want %q", c.vs, c.skipped, err, c.bad)
		}
	}
}

func TestLoadReadsInOrderAndRefusesBadNames(t *testing.T) {
	fsys := fstest.MapFS{
		"s/0002_b.sql": {Data: []byte("B")},
		"s/0001_a.sql": {Data: []byte("A")},
		"s/README.md":  {Data: []byte("not a migration")},
	}
	ms, err := Load(fsys, "s")
	if err != nil || len(ms) != 2 || ms[0].SQL != "A" || ms[1].Name != "0002_b.sql" || Latest(ms) != 2 {
		t.Fatalf("Load: %+v, %v", ms, err)
	}
	fsys["s/x_c.sql"] = &fstest.MapFile{Data: []byte("C")}
	if _, err := Load(fsys, "s"); err == nil {
		t.Error("a file without its number was loaded")
	}
}

// counting is a schema whose every migration records its own number once applied.
func counting(n int) Schema {
	ms := []Migration{{Version: 1, Name: "0001_init.sql", SQL: "CREATE TABLE applied(v INTEGER); INSERT INTO applied VALUES (1);"}}
	for v := 2; v <= n; v++ {
		ms = append(ms, Migration{Version: v, Name: fmt.Sprintf("%04d_x.sql", v), SQL: fmt.Sprintf("INSERT INTO applied VALUES (%d)", v)})
	}
	return Schema{AppID: 42, Kind: "test", Migrations: ms}
}

func openDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(filepath.Join(t.TempDir(), "x.db")))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Whatever version a database starts at, and however many times it is opened, each migration
// ends up applied exactly once.
func TestEveryMigrationAppliedOnce(t *testing.T) {
	ctx := context.Background()
	const n = 5
	for start := 1; start <= n; start++ {
		db := openDB(t)
		if err := counting(start).Apply(ctx, db); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if err := (Upgrade{Schema: counting(n)}).Run(ctx, db); err != nil {
				t.Fatalf("from %d: %v", start, err)
			}
		}
		rows, err := db.Query("SELECT v, count(*) FROM applied GROUP BY v ORDER BY v")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for rows.Next() {
			var v, c int
			rows.Scan(&v, &c)
			got = append(got, fmt.Sprintf("%d×%d", v, c))
		}
		rows.Close()
		if want := "1×1 2×1 3×1 4×1 5×1"; strings.Join(got, " ") != want {
			t.Errorf("from %d: applied %v, want %s", start, got, want)
		}
		var version, id int
		db.QueryRow("PRAGMA user_version").Scan(&version)
		db.QueryRow("PRAGMA application_id").Scan(&id)
		if version != n || id != 42 {
			t.Errorf("from %d: version %d id %d", start, version, id)
		}
	}
}

// A failing migration leaves the database as it was; a database of another kind or a newer one
// is refused.
func TestApplyAllOrNothingAndRefusals(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	if err := counting(2).Apply(ctx, db); err != nil {
		t.Fatal(err)
	}
	broken := counting(4)
	broken.Migrations[3].SQL = "INSERT INTO no_such_table VALUES (1)"
	var ue *UpgradeError
	if err := (Upgrade{Schema: broken}).Run(ctx, db); err == nil || !errors.As(err, &ue) || ue.From != 2 || ue.To != 4 {
		t.Fatalf("broken migration: %v", err)
	}
	var n, version int
	db.QueryRow("SELECT count(*) FROM applied").Scan(&n)
	db.QueryRow("PRAGMA user_version").Scan(&version)
	if n != 2 || version != 2 {
		t.Errorf("after a failed upgrade: %d rows, version %d; want 2, 2", n, version)
	}
	if err := counting(1).Apply(ctx, db); err == nil || !strings.Contains(err.Error(), "mới hơn") {
		t.Errorf("newer database: %v", err)
	}
	other := counting(3)
	other.AppID = 7
	if err := other.Apply(ctx, db); err == nil || !strings.Contains(err.Error(), "tệp không phải test") {
		t.Errorf("another kind of database: %v", err)
	}
}

// A legacy database (no user_version) starts from the version Legacy reads, is copied first, and
// one already at the latest shape is only stamped.
func TestLegacyDatabaseCopiedAndStamped(t *testing.T) {
	ctx := context.Background()
	for _, at := range []int{1, 3} {
		db := openDB(t)
		if err := counting(at).Apply(ctx, db); err != nil {
			t.Fatal(err)
		}
		db.Exec("PRAGMA user_version = 0")
		db.Exec("PRAGMA application_id = 0")
		sc := counting(3)
		sc.Legacy = func(ctx context.Context, q Querier) (int, error) {
			var n int
			err := q.QueryRowContext(ctx, "SELECT count(*) FROM applied").Scan(&n)
			return n, err
		}
		copied := -1
		u := Upgrade{Schema: sc, Copy: func(_ context.Context, from int) (string, error) { copied = from; return "copy", nil }}
		if err := u.Run(ctx, db); err != nil {
			t.Fatal(err)
		}
		var n, version, id int
		db.QueryRow("SELECT count(*) FROM applied").Scan(&n)
		db.QueryRow("PRAGMA user_version").Scan(&version)
		db.QueryRow("PRAGMA application_id").Scan(&id)
		wantCopy := at
		if at == 3 {
			wantCopy = -1
		}
		if n != 3 || version != 3 || id != 42 || copied != wantCopy {
			t.Errorf("legacy at %d: %d applied, version %d, id %d, copied at %d (want %d)", at, n, version, id, copied, wantCopy)
		}
	}
}

func TestCopyCheckedCopiesAndPruneKeepsNewest(t *testing.T) {
	ctx := context.Background()
	db := openDB(t)
	if err := counting(3).Apply(ctx, db); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	base := filepath.Join(dir, "x.db")
	for i, stamp := range []string{"20260101-000000", "20260102-000000", "20260103-000000", "20260104-000000"} {
		if err := CopyChecked(ctx, db, CopyName(base, i, stamp)); err != nil {
			t.Fatal(err)
		}
	}
	if err := PruneCopies(base, Keep); err != nil {
		t.Fatal(err)
	}
	got, _ := filepath.Glob(base + ".before-*")
	if len(got) != Keep || !strings.HasSuffix(got[0], "before-v1-20260102-000000.db") {
		t.Fatalf("copies kept: %v", got)
	}
	c, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(got[0])+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var n int
	if err := c.QueryRow("SELECT count(*) FROM applied").Scan(&n); err != nil || n != 3 {
		t.Errorf("copy holds %d rows (%v), want 3", n, err)
	}
}
