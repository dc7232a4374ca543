// Package hub is the provincial sync server (docs/ARCHITECTURE.md §5, docs/sync-protocol.md): it stores
// every office's events once, feeds each station what its office's other stations wrote, records
// the dossiers the province portal's adapter delivers as submitted online (submission.go), and
// serves statistics, a health page and the national portal export.
//
// Storage: hub.db holds the hub's epoch, the tokens (hashed) and what each station last reported;
// each office has its own Một Cửa database under offices/<code>/motcua.db, a replica kept by the
// same code that keeps a station's (data.Store.ApplyPushed). That is the simplest correct way to
// serve "the same figures as motcua stats": the hub's figures come from the same projection and
// the same Stats function, and `motcua --data DIR/offices/<code> stats` works on a hub's copy.
package hub

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	_ "github.com/mattn/go-sqlite3" // the "sqlite3" driver for hub.db

	"motcua/data"
	"motcua/data/vntext"
)

// Hub is an open hub data folder. It is safe for concurrent use.
type Hub struct {
	dir   string
	db    *sql.DB
	epoch string
	now   func() time.Time

	mu      sync.Mutex
	offices map[string]*officeStore
	closed  bool // a late request of a closed hub must not open an office again and hold it
}

type officeStore struct {
	mu    sync.Mutex // one push at a time per office: SQLite has one writer anyway
	store *data.Store
}

// Option changes how a hub is opened.
type Option func(*Hub)

// WithClock makes the hub read time from now (tests).
func WithClock(now func() time.Time) Option { return func(h *Hub) { h.now = now } }

// Open opens (creating if needed) the hub data folder dir.
func Open(dir string, opts ...Option) (*Hub, error) {
	h := &Hub{dir: dir, now: time.Now, offices: map[string]*officeStore{}}
	for _, o := range opts {
		o(h)
	}
	if err := os.MkdirAll(filepath.Join(dir, "offices"), 0o700); err != nil {
		return nil, fmt.Errorf("tạo thư mục máy chủ: %w", err)
	}
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "FULL")
	q.Set("_busy_timeout", "10000")
	q.Set("_txlock", "immediate")
	q.Set("_foreign_keys", "on")
	db, err := sql.Open("sqlite3", "file:"+filepath.ToSlash(filepath.Join(dir, "hub.db"))+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("mở hub.db: %w", err)
	}
	h.db = db
	ctx := context.Background()
	// the schema: sync/hub/schema, applied by the office database's runner (schema.go)
	if err := h.migrateHub(ctx); err != nil {
		db.Close()
		return nil, err
	}
	// The epoch is born with hub.db: a hub whose data was lost starts a new one, and every
	// station then re-sends its log from the start.
	if _, err := db.ExecContext(ctx, "INSERT OR IGNORE INTO meta(key, value) VALUES ('epoch', ?)", uuid.Must(uuid.NewV7()).String()); err != nil {
		db.Close()
		return nil, fmt.Errorf("ghi epoch: %w", err)
	}
	if err := db.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'epoch'").Scan(&h.epoch); err != nil {
		db.Close()
		return nil, fmt.Errorf("đọc epoch: %w", err)
	}
	return h, nil
}

// Close closes hub.db and every office database.
func (h *Hub) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, o := range h.offices {
		o.store.Close()
	}
	h.offices = map[string]*officeStore{}
	h.closed = true
	return h.db.Close()
}

// Epoch is this hub's epoch id.
func (h *Hub) Epoch() string { return h.epoch }

func (h *Hub) officePath(code string) string {
	return filepath.Join(h.dir, "offices", code, data.DBFile)
}

// office opens the office's replica; create makes it when missing (enrolment only).
// errUnknownOffice: the office is not one this hub serves. Any other failure to open an office is
// the hub's own (a held or damaged file), which a station retries rather than stops for.
var errUnknownOffice = errors.New("văn phòng không có trên máy chủ")

func (h *Hub) office(ctx context.Context, code string, create bool) (*officeStore, error) {
	if !data.ValidOfficeCode(code) {
		return nil, fmt.Errorf("%w: mã văn phòng không hợp lệ %q", errUnknownOffice, code)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, errors.New("máy chủ đồng bộ đã đóng")
	}
	if o, ok := h.offices[code]; ok {
		return o, nil
	}
	path := h.officePath(code)
	_, statErr := os.Stat(path)
	if statErr != nil && !create {
		return nil, fmt.Errorf("%w: văn phòng %s chưa được đăng ký trên máy chủ", errUnknownOffice, code)
	}
	// The hub's clock is the replica's: pushed events are checked against it (data.ValidEventTime).
	s, err := data.Open(path, data.WithClock(h.now))
	if err != nil {
		return nil, err
	}
	// A province has hundreds of offices, each with its database open here: a few connections
	// each keeps the hub well inside its file descriptor limit. Pushes to one office are
	// serialised anyway, pulls and reports share the rest.
	s.DB().SetMaxOpenConns(4)
	s.DB().SetMaxIdleConns(1)
	if _, err := s.Office(); errors.Is(err, data.ErrNotSetUp) {
		if err := s.SetupReplica(ctx, code); err != nil {
			s.Close()
			return nil, err
		}
	}
	o := &officeStore{store: s}
	h.offices[code] = o
	return o, nil
}

// Offices lists the office codes the hub holds, sorted.
func (h *Hub) Offices() ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(h.dir, "offices"))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() && data.ValidOfficeCode(e.Name()) {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out, nil
}

// Principal is who a token belongs to.
type Principal struct {
	Kind    string // "station", "reader" or "portal"
	Office  string // "" for a province-wide reader or portal
	Station int    // -1 for a reader or portal
}

func hashToken(tok string) string {
	sum := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(sum[:])
}

func newToken() string {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(err) // crypto/rand does not fail on supported systems
	}
	return "mch1_" + base64.RawURLEncoding.EncodeToString(b[:])
}

// EnrollStation issues a token binding a PC to station n of office code, creating the office's
// replica when new. The token is returned once; the hub keeps only its hash.
func (h *Hub) EnrollStation(ctx context.Context, code string, n int) (string, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if n < 0 || n > 9 {
		return "", errors.New("số máy trạm phải từ 0 đến 9")
	}
	if _, err := h.office(ctx, code, true); err != nil {
		return "", err
	}
	return h.issue(ctx, "station", code, n)
}

// EnrollReader issues a read-only token for statistics, the export and the health page, of one
// office or (code "") the whole province.
func (h *Hub) EnrollReader(ctx context.Context, code string) (string, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code != "" && !data.ValidOfficeCode(code) {
		return "", fmt.Errorf("mã văn phòng không hợp lệ %q", code)
	}
	return h.issue(ctx, "reader", code, -1)
}

func (h *Hub) issue(ctx context.Context, kind, code string, n int) (string, error) {
	tok := newToken()
	_, err := h.db.ExecContext(ctx, "INSERT INTO tokens(hash, kind, office, station, created) VALUES (?, ?, ?, ?, ?)",
		hashToken(tok), kind, code, n, h.now().Format(time.RFC3339))
	if err != nil {
		return "", fmt.Errorf("ghi mã truy cập: %w", err)
	}
	if kind == "station" {
		if _, err := h.db.ExecContext(ctx, "INSERT OR IGNORE INTO stations(office, station) VALUES (?, ?)", code, n); err != nil {
			return "", fmt.Errorf("ghi máy trạm: %w", err)
		}
	}
	return tok, nil
}

// RevokeToken revokes one token (given in full).
func (h *Hub) RevokeToken(ctx context.Context, tok string) (int, error) {
	return h.revoke(ctx, "UPDATE tokens SET revoked = ? WHERE hash = ? AND revoked IS NULL", hashToken(tok))
}

// RevokeStation revokes every token of station n of office code (a stolen or retired PC).
func (h *Hub) RevokeStation(ctx context.Context, code string, n int) (int, error) {
	return h.revoke(ctx, "UPDATE tokens SET revoked = ? WHERE kind = 'station' AND office = ? AND station = ? AND revoked IS NULL",
		strings.ToUpper(code), n)
}

func (h *Hub) revoke(ctx context.Context, q string, args ...any) (int, error) {
	res, err := h.db.ExecContext(ctx, q, append([]any{h.now().Format(time.RFC3339)}, args...)...)
	if err != nil {
		return 0, fmt.Errorf("thu hồi mã truy cập: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// errUnauthorized: no token, or an unknown or revoked one.
var errUnauthorized = errors.New("mã truy cập không đúng hoặc đã bị thu hồi")

// authenticate finds the holder of tok.
func (h *Hub) authenticate(ctx context.Context, tok string) (*Principal, error) {
	if tok == "" || len(tok) > 200 {
		return nil, errUnauthorized
	}
	var p Principal
	var revoked sql.NullString
	err := h.db.QueryRowContext(ctx, "SELECT kind, office, station, revoked FROM tokens WHERE hash = ?", hashToken(tok)).
		Scan(&p.Kind, &p.Office, &p.Station, &revoked)
	if errors.Is(err, sql.ErrNoRows) || revoked.Valid {
		return nil, errUnauthorized
	}
	if err != nil {
		return nil, fmt.Errorf("đọc mã truy cập: %w", err)
	}
	return &p, nil
}

// contact records what a station reported with a request. A hello reports only the database
// and the clock (pushed false); a push also the acknowledgement, backlog and quarantine, and how
// many of its events the hub refused. The events held are counted by the office's store, in the
// transaction that stored them (Stations).
type contact struct {
	office               string
	station              int
	db                   string
	rejected             int
	acked                int64
	backlog, quarantined int
	clockMS              int64
	pushed               bool
}

func (h *Hub) recordContact(ctx context.Context, c contact) error {
	_, err := h.db.ExecContext(ctx, `INSERT INTO stations(office, station, db, last_contact, rejected, acked, backlog, quarantined, clock_ms)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(office, station) DO UPDATE SET db = excluded.db, last_contact = excluded.last_contact,
			db_changes = db_changes + (db <> '' AND db <> excluded.db),
			rejected = rejected + excluded.rejected,
			acked = CASE WHEN ? THEN excluded.acked ELSE acked END,
			backlog = CASE WHEN ? THEN excluded.backlog ELSE backlog END,
			quarantined = CASE WHEN ? THEN excluded.quarantined ELSE quarantined END,
			clock_ms = excluded.clock_ms`,
		c.office, c.station, c.db, h.now().Format(time.RFC3339), c.rejected, c.acked, c.backlog, c.quarantined, c.clockMS,
		c.pushed, c.pushed, c.pushed)
	if err != nil {
		return fmt.Errorf("ghi tình trạng máy trạm: %w", err)
	}
	return nil
}

// StationHealth is one station's line on the health page.
type StationHealth struct {
	Office       string
	Station      int
	DB           string
	LastContact  time.Time
	Held         int // its events the hub holds, as counted by the office's store (data.Store.PushedCounts)
	Rejected     int // its events the hub refused, per answer (an answer lost and sent again counts twice)
	Acked        int64
	Backlog      int
	Quarantined  int
	ClockOffset  time.Duration
	DBChanges    int // a reinstalled PC, or two PCs sharing one token (then it keeps growing)
	NeverContact bool
}

// Stations lists every enrolled station, by office and number.
func (h *Hub) Stations(ctx context.Context) ([]StationHealth, error) {
	out, err := h.stationRows(ctx)
	if err != nil {
		return nil, err
	}
	// What each station's events the hub holds: counted by the office's store when it stored
	// them, so the page equals what is stored whatever happened to the bookkeeping above.
	held := map[string]map[int]int{}
	for i := range out {
		s := &out[i]
		byStation, ok := held[s.Office]
		if !ok {
			if byStation, err = h.heldEvents(ctx, s.Office); err != nil {
				return nil, err
			}
			held[s.Office] = byStation
		}
		s.Held = byStation[s.Station]
	}
	return out, nil
}

// heldEvents counts the events office code holds by the station that pushed them (none for an
// office the hub does not hold yet). The portal's submissions are no station's.
func (h *Hub) heldEvents(ctx context.Context, code string) (map[int]int, error) {
	out := map[int]int{}
	if _, err := os.Stat(h.officePath(code)); err != nil {
		return out, nil
	}
	o, err := h.office(ctx, code, false)
	if err != nil {
		return nil, err
	}
	counts, err := o.store.PushedCounts(ctx)
	if err != nil {
		return nil, fmt.Errorf("văn phòng %s: %w", code, err)
	}
	for _, c := range counts {
		if c.Origin != PortalOrigin {
			out[c.Station] += c.Events
		}
	}
	return out, nil
}

// stationRows reads what each enrolled station last reported.
func (h *Hub) stationRows(ctx context.Context) ([]StationHealth, error) {
	rows, err := h.db.QueryContext(ctx, `SELECT office, station, db, last_contact, rejected, acked, backlog, quarantined, clock_ms,
		db_changes FROM stations ORDER BY office, station`)
	if err != nil {
		return nil, fmt.Errorf("đọc máy trạm: %w", err)
	}
	defer rows.Close()
	var out []StationHealth
	for rows.Next() {
		var s StationHealth
		var last string
		var ms int64
		if err := rows.Scan(&s.Office, &s.Station, &s.DB, &last, &s.Rejected, &s.Acked, &s.Backlog, &s.Quarantined, &ms, &s.DBChanges); err != nil {
			return nil, err
		}
		s.ClockOffset = time.Duration(ms) * time.Millisecond
		if t, err := time.Parse(time.RFC3339, last); err == nil {
			s.LastContact = t.In(vntext.Zone())
		} else {
			s.NeverContact = true
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// EachEvent calls fn with every event the hub holds for office code, in the hub's log order.
func (h *Hub) EachEvent(ctx context.Context, code string, fn func(*data.Event) error) error {
	o, err := h.office(ctx, code, false)
	if err != nil {
		return err
	}
	var after int64
	for {
		evs, next, err := o.store.Feed(ctx, after, "", 5000)
		if err != nil {
			return err
		}
		for i := range evs {
			if err := fn(&evs[i].Event); err != nil {
				return err
			}
		}
		if next == after {
			return nil
		}
		after = next
	}
}

// NewEpoch gives the hub a new epoch, so that every station re-sends its whole log at its next
// sync: after restoring the hub's folder from a backup, which may lack what stations sent since.
// Re-sent events the hub holds are no-ops. Takes effect when the hub is next opened.
func (h *Hub) NewEpoch(ctx context.Context) (string, error) {
	epoch := uuid.Must(uuid.NewV7()).String()
	if _, err := h.db.ExecContext(ctx, "UPDATE meta SET value = ? WHERE key = 'epoch'", epoch); err != nil {
		return "", fmt.Errorf("ghi epoch: %w", err)
	}
	h.epoch = epoch
	return epoch, nil
}
