package data

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

//go:embed schema/*.sql
var schemaFS embed.FS

// appID is PRAGMA application_id of every Một Cửa database ("MCua" read as a big-endian int).
const appID = 1297371969

type migration struct {
	version int
	name    string
	sql     string
}

// migrations is the list Open applies; a package variable so that tests can add one that fails.
var migrations = embeddedMigrations

// embeddedMigrations reads schema/NNNN_name.sql in order of their numbers.
func embeddedMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(schemaFS, "schema")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("schema file %s: name must start with its number", e.Name())
		}
		body, err := fs.ReadFile(schemaFS, "schema/"+e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// SchemaVersion is the version this build writes.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

// migrate applies every pending migration in one transaction, so a failure leaves the database
// exactly as it was. A database newer than this build is refused rather than guessed at.
func migrate(ctx context.Context, db *sql.DB) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("nâng cấp cơ sở dữ liệu: %w", err)
	}
	defer tx.Rollback()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("đọc phiên bản cơ sở dữ liệu: %w", err)
	}
	if version > 0 {
		var id int
		if err := tx.QueryRowContext(ctx, "PRAGMA application_id").Scan(&id); err != nil || id != appID {
			return fmt.Errorf("tệp không phải cơ sở dữ liệu Một Cửa")
		}
	}
	latest := ms[len(ms)-1].version
	if version > latest {
		return fmt.Errorf("cơ sở dữ liệu thuộc phiên bản mới hơn (%d > %d): hãy cập nhật phần mềm", version, latest)
	}
	if version == latest {
		return nil
	}
	for _, m := range ms {
		if m.version <= version {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("nâng cấp cơ sở dữ liệu (%s): %w", m.name, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", latest)); err != nil {
		return fmt.Errorf("ghi phiên bản cơ sở dữ liệu: %w", err)
	}
	return tx.Commit()
}
