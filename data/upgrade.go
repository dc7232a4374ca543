package data

import (
	"context"

	"motcua/internal/migrate"
)

// UpgradeKeep is how many pre-upgrade copies are kept beside the database.
const UpgradeKeep = migrate.Keep

// UpgradeError is a schema upgrade that did not happen: the database is as it was before Open,
// and Backup (when one could be made) is the copy taken just before trying.
type UpgradeError = migrate.UpgradeError

// upgrade brings the schema up to date. An existing database is first copied beside itself
// (backupBeforeUpgrade), so even a bug in a migration cannot cost an office its data; the
// migrations run in one transaction, so a failure changes nothing and says where the copy is.
func (s *Store) upgrade(ctx context.Context) error {
	sc, err := officeSchema()
	if err != nil {
		return err
	}
	u := migrate.Upgrade{Schema: sc, Notify: s.onUpgrade}
	if !s.private { // a private file is itself a copy: its original is still there
		u.Copy = s.backupBeforeUpgrade
	}
	return u.Run(ctx, s.db)
}

// backupBeforeUpgrade copies the database (still at version from) beside itself with the
// verified copy of Backup, then keeps only the newest UpgradeKeep such copies.
func (s *Store) backupBeforeUpgrade(ctx context.Context, from int) (string, error) {
	dest := migrate.CopyName(s.path, from, s.Now().Format("20060102-150405"))
	if err := s.Backup(ctx, dest); err != nil {
		return "", err
	}
	return dest, migrate.PruneCopies(s.path, UpgradeKeep)
}
