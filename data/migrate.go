package data

import (
	"embed"

	"motcua/internal/migrate"
)

//go:embed schema/*.sql
var schemaFS embed.FS

// appID is PRAGMA application_id of every Một Cửa database ("MTSA" read as a big-endian int).
const appID = 1297371969

// skippedVersions are schema numbers never used: schema/README.md says why, and why they stay
// unused.
var skippedVersions = []int{3}

// migrations is the list Open applies; a package variable so that tests can add one that fails.
var migrations = embeddedMigrations

// embeddedMigrations reads schema/NNNN_name.sql in order of their numbers.
func embeddedMigrations() ([]migrate.Migration, error) {
	return migrate.Load(schemaFS, "schema", skippedVersions...)
}

// officeSchema is the office database for the runner (internal/migrate).
func officeSchema() (migrate.Schema, error) {
	ms, err := migrations()
	if err != nil {
		return migrate.Schema{}, err
	}
	return migrate.Schema{AppID: appID, Kind: "cơ sở dữ liệu Một Cửa", Migrations: ms}, nil
}

// SchemaVersion is the version this build writes.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		return 0
	}
	return migrate.Latest(ms)
}
