package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/google/uuid"
	sqlite3 "github.com/mattn/go-sqlite3"

	"motcua/data/calendar"
	"motcua/data/vntext"
)

// The SQLite drivers: one for an office's store, one for building a database in bulk (Bulk).
const (
	driverName     = "motcua_sqlite3"
	bulkDriverName = "motcua_sqlite3_bulk"
)

// mmapPragma maps the first 128 MB of an office's file: reads there skip the copy into the page
// cache. Mapped pages count as the app's resident memory; with 1 GB mapped, one scan of a large
// office (the dossier list on a million dossiers) left the app at 1.2 GB resident. At 128 MB the
// list and the statistics open stay under 300 MB (make bench), a single common word in the list
// costs ~120 ms instead of ~105.
const mmapPragma = "PRAGMA mmap_size = 134217728"

// bulkMmapPragma maps 1 GB while a database is built in one go (the demo of a million dossiers
// takes ~80 s with it, ~110 s with 128 MB); nobody reads the memory figure of that process.
const bulkMmapPragma = "PRAGMA mmap_size = 1073741824"

func init() {
	for name, mmap := range map[string]string{driverName: mmapPragma, bulkDriverName: bulkMmapPragma} {
		sql.Register(name, &sqlite3.SQLiteDriver{
			ConnectHook: func(c *sqlite3.SQLiteConn) error {
				// Pragmas the DSN cannot carry.
				_, err := c.Exec("PRAGMA temp_store = MEMORY; PRAGMA cache_size = -32000; "+mmap+";", nil)
				return err
			},
		})
	}
}

// Store is one office's SQLite database. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
	loc  *time.Location
	now  func() time.Time
	bulk bool

	readOnly bool    // ReadOnly: no lock, no write, no upgrade
	private  bool    // Private: a temporary file no other process knows of: no lock
	holder   string  // WithHolder: what the lock file says holds it
	lock     *dbLock // the write lock (lock.go); nil for bulk, private and read-only stores

	onUpgrade func(from, to int) // told before the pre-upgrade copy (WithUpgradeNotice)

	mu      sync.RWMutex
	cal     *calendar.Calendar
	office  *Office
	station int
	ids     *catalogIDs
}

// Option changes how a store is opened.
type Option func(*Store)

// WithClock makes the store read time from now (tests, the demo builder).
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// Bulk opens for building a fresh database in one go (the demo): no fsync and no journal, which is
// only safe because the caller builds into a temporary file and renames it when complete.
func Bulk() Option { return func(s *Store) { s.bulk = true } }

// ReadOnly opens an existing database for reading only (motcua stats, find, report, print,
// check, backup): it takes no write lock, so it works while the window has the office open, and
// it never writes, so it refuses a database whose schema this build would have to upgrade
// (docs/HUONG-DAN.md §11, "Một chương trình ghi").
func ReadOnly() Option { return func(s *Store) { s.readOnly = true } }

// Private opens a temporary file that only this process knows of (a demo being built, a backup
// being checked before a restore): no write lock, no lock file, and no copy before an upgrade.
func Private() Option { return func(s *Store) { s.private = true } }

// WithHolder is what the lock file says holds the database while this store is open, e.g.
// "motcua (cửa sổ ứng dụng)"; the default is the program and its command ("motcua import").
func WithHolder(name string) Option { return func(s *Store) { s.holder = name } }

// WithUpgradeNotice has Open call fn (on its own goroutine) before it copies an existing database
// and upgrades its schema from version from to to: on a large office the copy takes a while,
// and a window can say why it waits.
func WithUpgradeNotice(fn func(from, to int)) Option { return func(s *Store) { s.onUpgrade = fn } }

// Open opens (creating if needed) the database at path and brings its schema up to date. A
// store opened for writing holds the database's write lock until Close: while it is open,
// another Open for writing, a Restore or a demo build of the same file is refused with a
// *LockedError (lock.go). Holding the lock, Open removes what a killed restore, backup or demo
// build left in the folder (leftovers.go).
func Open(path string, opts ...Option) (*Store, error) {
	s := &Store{path: path, loc: vntext.Zone(), now: time.Now}
	for _, o := range opts {
		o(s)
	}
	if s.readOnly {
		return openReadOnly(s)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("tạo thư mục dữ liệu: %w", err)
	}
	if !s.bulk && !s.private {
		lock, err := lockDB(path, s.holder)
		if err != nil {
			return nil, err
		}
		s.lock = lock
		removeLeftovers(path)
	}
	if err := ownerOnly(path); err != nil {
		s.lock.release()
		return nil, fmt.Errorf("mở cơ sở dữ liệu %s: %w", path, err)
	}
	q := url.Values{}
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "10000")
	q.Set("_txlock", "immediate")
	if s.bulk {
		q.Set("_journal_mode", "OFF")
		q.Set("_synchronous", "OFF")
	} else {
		// FULL: a printed receipt must survive a power cut, so every commit reaches the disk.
		q.Set("_journal_mode", "WAL")
		q.Set("_synchronous", "FULL")
	}
	driver := driverName
	if s.bulk {
		driver = bulkDriverName
	}
	db, err := sql.Open(driver, "file:"+filepath.ToSlash(path)+"?"+q.Encode())
	if err != nil {
		s.lock.release()
		return nil, fmt.Errorf("mở cơ sở dữ liệu: %w", err)
	}
	if s.bulk {
		db.SetMaxOpenConns(1)
	} else {
		db.SetMaxOpenConns(8)
	}
	db.SetConnMaxIdleTime(5 * time.Minute)
	s.db = db
	ctx := context.Background()
	if err := db.PingContext(ctx); err != nil {
		s.Close()
		return nil, corrupt(fmt.Errorf("mở cơ sở dữ liệu %s: %w", path, err))
	}
	if err := s.upgrade(ctx); err != nil {
		s.Close()
		return nil, err
	}
	// a damaged page read here is a CorruptError, so that the GUI offers to restore a backup
	if err := s.ensureMeta(ctx); err != nil {
		s.Close()
		return nil, corrupt(err)
	}
	if err := s.reload(ctx); err != nil {
		s.Close()
		return nil, corrupt(err)
	}
	return s, nil
}

// openReadOnly opens an existing database with SQLite's read-only mode for Open(ReadOnly()).
func openReadOnly(s *Store) (*Store, error) {
	if _, err := os.Stat(s.path); err != nil {
		return nil, fmt.Errorf("mở cơ sở dữ liệu: %w", err)
	}
	q := url.Values{}
	q.Set("mode", "ro")
	q.Set("_foreign_keys", "on")
	q.Set("_busy_timeout", "10000")
	q.Set("_txlock", "deferred") // an immediate transaction would ask for the write lock
	db, err := sql.Open(driverName, "file:"+filepath.ToSlash(s.path)+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("mở cơ sở dữ liệu: %w", err)
	}
	db.SetMaxOpenConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s.db = db
	ctx := context.Background()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, corrupt(fmt.Errorf("mở cơ sở dữ liệu %s: %w", s.path, err))
	}
	var version, app int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		db.Close()
		return nil, corrupt(fmt.Errorf("mở cơ sở dữ liệu %s: %w", s.path, err))
	}
	_ = db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&app)
	switch want := SchemaVersion(); {
	case version == 0 || app != appID:
		db.Close()
		return nil, fmt.Errorf("%s không phải cơ sở dữ liệu Một Cửa", s.path)
	case version > want:
		db.Close()
		return nil, fmt.Errorf("cơ sở dữ liệu %s thuộc phiên bản phần mềm mới hơn (lược đồ %d > %d)", s.path, version, want)
	case version < want:
		// reading never writes, so it cannot upgrade: a writer (the window) does that first
		db.Close()
		return nil, fmt.Errorf("cơ sở dữ liệu %s cần nâng cấp lên phiên bản này (lược đồ %d → %d): hãy mở ứng dụng (hoặc chạy một lệnh ghi như \"motcua check --rebuild\") một lần để nâng cấp, rồi thử lại", s.path, version, want)
	}
	if err := s.reload(ctx); err != nil {
		db.Close()
		return nil, corrupt(err)
	}
	return s, nil
}

// closeWait is how long Close waits for work still running on the store (a transaction of the
// sync loop, an automatic backup) before it lets the write lock go anyway.
const closeWait = 10 * time.Second

// Close closes the database and lets its write lock go. database/sql's Close does not wait for
// connections still in use: a transaction begun before Close may still commit after it. The lock
// is let go only once they are back (or after closeWait), so that a restore that follows Close
// never moves the file under a commit of this process.
func (s *Store) Close() error {
	err := s.db.Close()
	if s.lock != nil {
		for deadline := time.Now().Add(closeWait); s.db.Stats().OpenConnections > 0 && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
	}
	s.lock.release()
	return err
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// Location is the office time zone (Asia/Ho_Chi_Minh whatever the PC's zone).
func (s *Store) Location() *time.Location { return s.loc }

// Now is the current time in the office zone.
func (s *Store) Now() time.Time { return s.now().In(s.loc) }

// DB exposes the handle to sibling packages' tests and to the sync layer; app code never uses it.
func (s *Store) DB() *sql.DB { return s.db }

// WithTx runs fn in one immediate (write-locking) transaction: all of it commits or none does.
func (s *Store) WithTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("bắt đầu giao dịch: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("ghi dữ liệu: %w", err)
	}
	return nil
}

func (s *Store) ensureMeta(ctx context.Context) error {
	return s.WithTx(ctx, func(tx *sql.Tx) error {
		var id string
		err := tx.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'db_id'").Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			_, err = tx.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES ('db_id', ?), ('created_at', ?)",
				uuid.Must(uuid.NewV7()).String(), s.Now().Format(time.RFC3339))
		}
		return err
	})
}

// DatabaseID identifies this database file; a new or reset database gets a new one, which is how
// a hub tells that a station lost its data.
func (s *Store) DatabaseID(ctx context.Context) (string, error) {
	return s.Meta(ctx, "db_id")
}

// Meta reads a meta value ("" when absent).
func (s *Store) Meta(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// metaDemo marks a database written by the demo builder (data/demo). It lives in meta, not in
// the settings, because it is a property of this file, never synced nor set by an administrator.
const metaDemo = "demo_office"

// MarkDemo records that this database is the demo office (the demo builder calls it).
func (s *Store) MarkDemo(ctx context.Context) error {
	return s.WithTx(ctx, func(tx *sql.Tx) error { return setMeta(ctx, tx, metaDemo, "1") })
}

// IsDemo tells whether this database is the demo office, whose login screen shows its accounts.
// An office set up with Setup or enrolled from the hub never is.
func (s *Store) IsDemo(ctx context.Context) (bool, error) {
	v, err := s.Meta(ctx, metaDemo)
	if err != nil {
		return false, fmt.Errorf("read the demo marker: %w", err)
	}
	return v == "1", nil
}

func setMeta(ctx context.Context, tx *sql.Tx, key, value string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
	return err
}
