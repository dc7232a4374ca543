package hub

import (
	"context"
	"embed"
	"fmt"
	"path/filepath"

	"motcua/data/vntext"
	"motcua/internal/migrate"
)

//go:embed schema/*.sql
var schemaFS embed.FS

// hubAppID is PRAGMA application_id of a hub.db ("MTSH" read as a big-endian int), distinct from
// an office database's: neither kind is ever opened as the other.
const hubAppID = 1297371976

// hubSchema is hub.db for the runner (internal/migrate) that also keeps office databases.
func hubSchema() (migrate.Schema, error) {
	ms, err := migrate.Load(schemaFS, "schema")
	if err != nil {
		return migrate.Schema{}, err
	}
	return migrate.Schema{AppID: hubAppID, Kind: "cơ sở dữ liệu máy chủ đồng bộ", Migrations: ms, Legacy: legacyVersion}, nil
}

// legacyVersion reads how far a hub.db made before it carried user_version got: such a file
// always has the meta table, then
//   - no stations.db_changes: version 1 (a hub.db of the first hub; some of those were given the
//     portal's tokens and submissions without db_changes: 0003 is safe to apply again on them);
//   - db_changes without a submissions table: version 2 (its tokens may already allow portals, if
//     the old upgrade stopped between its two steps: 0003 copies them again, harmlessly);
//   - both: version 3, today's schema.
func legacyVersion(ctx context.Context, q migrate.Querier) (int, error) {
	has := func(query string, args ...any) (bool, error) {
		var n int
		err := q.QueryRowContext(ctx, query, args...).Scan(&n)
		return n > 0, err
	}
	const table = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
	if ok, err := has(table, "meta"); err != nil || !ok {
		return 0, err
	}
	if ok, err := has("SELECT count(*) FROM pragma_table_info('stations') WHERE name = 'db_changes'"); err != nil || !ok {
		return 1, err
	}
	if ok, err := has(table, "submissions"); err != nil || !ok {
		return 2, err
	}
	return 3, nil
}

// migrateHub brings hub.db up to date with the office database's runner. An existing hub.db is
// copied beside itself first, like an office's: it holds every station's and reader's token and
// the hub's epoch, and losing them costs every station of the province a new enrolment and a
// full re-send. It is small, so the copy is quick.
func (h *Hub) migrateHub(ctx context.Context) error {
	sc, err := hubSchema()
	if err != nil {
		return err
	}
	path := filepath.Join(h.dir, "hub.db")
	copyFirst := func(ctx context.Context, from int) (string, error) {
		dest := migrate.CopyName(path, from, h.now().In(vntext.Zone()).Format("20060102-150405"))
		if err := migrate.CopyChecked(ctx, h.db, dest); err != nil {
			return "", err
		}
		return dest, migrate.PruneCopies(path, migrate.Keep)
	}
	if err := (migrate.Upgrade{Schema: sc, Copy: copyFirst}).Run(ctx, h.db); err != nil {
		return fmt.Errorf("hub.db: %w", err)
	}
	return nil
}
