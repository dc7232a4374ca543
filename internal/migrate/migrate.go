// Package migrate is the one schema runner of the project's SQLite databases: an office's
// motcua.db (data/schema) and a hub's hub.db (sync/hub/schema). A schema is a folder of numbered
// SQL files, NNNN_name.sql, embedded in the binary; PRAGMA user_version is the number of the last
// one applied. Every pending file is applied in one transaction, so a failure leaves the database
// exactly as it was, and Run can first copy the database beside itself so that even a migration
// that succeeds wrongly cannot cost its data.
package migrate

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Migration is one numbered SQL file.
type Migration struct {
	Version int
	Name    string // the file's name, for messages
	SQL     string
}

// Load reads dir/NNNN_name.sql from fsys in order of their numbers. The numbers run from 1 without
// a gap, except skipped: numbers that were never used and must never be (a database already past
// one would never apply a file given that number later). A duplicate, a missing number or a file
// with a skipped number is an error: the schema of this build is broken, not the database.
func Load(fsys fs.FS, dir string, skipped ...int) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}
	var out []Migration
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("schema file %s: name must start with its number", e.Name())
		}
		body, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, Migration{Version: v, Name: e.Name(), SQL: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	if err := checkNumbers(out, skipped); err != nil {
		return nil, fmt.Errorf("schema %s: %w", dir, err)
	}
	return out, nil
}

// checkNumbers says whether ms (sorted) are numbered 1, 2, … with exactly the skipped numbers left
// out.
func checkNumbers(ms []Migration, skipped []int) error {
	if len(ms) == 0 {
		return fmt.Errorf("no migrations")
	}
	want := 1
	for _, m := range ms {
		for slices.Contains(skipped, want) {
			want++
		}
		switch {
		case slices.Contains(skipped, m.Version):
			return fmt.Errorf("%s uses number %d, which is skipped for good", m.Name, m.Version)
		case m.Version < want:
			return fmt.Errorf("%s: number %d used twice", m.Name, m.Version)
		case m.Version > want:
			return fmt.Errorf("%s: number %d missing before it", m.Name, want)
		}
		want++
	}
	return nil
}

// Latest is the version a database has once every migration of ms is applied.
func Latest(ms []Migration) int {
	if len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].Version
}

// Querier is what Schema.Legacy reads through: a *sql.DB or a *sql.Tx.
type Querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Schema is one kind of database.
type Schema struct {
	// AppID is PRAGMA application_id of this kind of database: a database with a schema version
	// but another id is some other file, refused rather than upgraded.
	AppID int
	// Kind names this kind of database in messages for users ("cơ sở dữ liệu Một Cửa").
	Kind string
	// Migrations as Load returns them.
	Migrations []Migration
	// Legacy, when set, reads which migrations a database made before this kind of database
	// carried user_version already has (0: none, an empty file). It is asked only of a database
	// at user_version 0.
	Legacy func(ctx context.Context, q Querier) (int, error)
}

// Pending reads the version of db and the version this build brings it to. A new database, a file
// that is not of this kind, or one already up to date or newer reports from >= to, and Apply says
// what is wrong, if anything. legacy: db predates user_version and is at from all the same.
func (s Schema) Pending(ctx context.Context, db Querier) (from, to int, legacy bool, err error) {
	to = Latest(s.Migrations)
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&from); err != nil {
		return 0, 0, false, fmt.Errorf("đọc phiên bản cơ sở dữ liệu: %w", err)
	}
	if from == 0 {
		if s.Legacy == nil {
			return to, to, false, nil
		}
		v, err := s.Legacy(ctx, db)
		if err != nil {
			return 0, 0, false, fmt.Errorf("đọc phiên bản cơ sở dữ liệu: %w", err)
		}
		if v == 0 {
			return to, to, false, nil
		}
		return v, to, true, nil
	}
	var id int
	if db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&id) != nil || id != s.AppID {
		return to, to, false, nil
	}
	return from, to, false, nil
}

// Apply applies every pending migration in one transaction, so a failure leaves the database
// exactly as it was. A database newer than this build is refused rather than guessed at.
func (s Schema) Apply(ctx context.Context, db *sql.DB) error {
	ms := s.Migrations
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("nâng cấp cơ sở dữ liệu: %w", err)
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("đọc phiên bản cơ sở dữ liệu: %w", err)
	}
	legacy := false
	if version > 0 {
		var id int
		if err := tx.QueryRowContext(ctx, "PRAGMA application_id").Scan(&id); err != nil || id != s.AppID {
			return fmt.Errorf("tệp không phải %s", s.Kind)
		}
	} else if s.Legacy != nil {
		if version, err = s.Legacy(ctx, tx); err != nil {
			return fmt.Errorf("đọc phiên bản cơ sở dữ liệu: %w", err)
		}
		legacy = version > 0
	}
	latest := Latest(ms)
	if version > latest {
		return fmt.Errorf("cơ sở dữ liệu thuộc phiên bản mới hơn (%d > %d): hãy cập nhật phần mềm", version, latest)
	}
	if version == latest && !legacy {
		return nil
	}
	for _, m := range ms {
		if m.Version <= version {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			return fmt.Errorf("nâng cấp cơ sở dữ liệu (%s): %w", m.Name, err)
		}
	}
	// application_id is written with the version: a legacy file never had one
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", s.AppID)); err != nil {
		return fmt.Errorf("ghi phiên bản cơ sở dữ liệu: %w", err)
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", latest)); err != nil {
		return fmt.Errorf("ghi phiên bản cơ sở dữ liệu: %w", err)
	}
	return tx.Commit()
}
