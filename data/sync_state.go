package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// Settings of the station's sync, kept with the office settings; the token is not (token_store.go).
const (
	SettingSyncHub   = "sync_hub"   // https://hub.example/…
	SettingSyncToken = "sync_token" // where earlier versions kept the token; moved out on first read
	SettingSyncCA    = "sync_ca"    // PEM of the CA that signed the hub's certificate, "" for the system's
)

// SyncConfig is how this station reaches its hub.
type SyncConfig struct {
	Hub, Token, CA string
}

// SyncConfig reads the sync settings; the token comes from the OS credential store or its
// owner-only file, and one still in the database (an earlier version) is moved there.
func (s *Store) SyncConfig(ctx context.Context) (SyncConfig, error) {
	var c SyncConfig
	for _, kv := range []struct {
		key string
		v   *string
	}{{SettingSyncHub, &c.Hub}, {SettingSyncCA, &c.CA}} {
		v, err := s.Setting(ctx, kv.key)
		if err != nil {
			return c, err
		}
		*kv.v = v
	}
	tok, err := s.moveLegacyToken(ctx)
	if err == nil && tok == "" {
		tok, err = s.loadToken(ctx)
	}
	c.Token = tok
	return c, err
}

// SetSyncConfig saves the sync settings (administrators; the command line acts as System).
func (s *Store) SetSyncConfig(ctx context.Context, actor *User, c SyncConfig) error {
	// The token lives outside the database (saveToken), so the actor is checked before it is
	// saved and again with the rest of the settings.
	if _, err := actorTx(ctx, s.db, actor, RoleAdmin); err != nil {
		return err
	}
	if err := s.saveToken(ctx, c.Token); err != nil {
		return err
	}
	err := s.withActorTx(ctx, actor, RoleAdmin, func(tx *sql.Tx) error {
		for k, v := range map[string]string{SettingSyncHub: c.Hub, SettingSyncCA: c.CA} {
			if err := putSetting(ctx, tx, k, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.eraseTokenRow(ctx)
}

// SyncCursor is where this station stands with a hub epoch: the highest local sequence the hub
// acknowledged and the hub feed position applied here (both 0 for an epoch never seen).
func (s *Store) SyncCursor(ctx context.Context, epoch string) (pushed, pulled int64, err error) {
	err = s.db.QueryRowContext(ctx, "SELECT pushed, pulled FROM sync_cursor WHERE epoch = ?", epoch).Scan(&pushed, &pulled)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("đọc vị trí đồng bộ: %w", err)
	}
	return pushed, pulled, nil
}

// Unpushed returns up to limit events written on this PC after the sequence after, in order.
func (s *Store) Unpushed(ctx context.Context, after int64, limit int) ([]Event, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, id, dossier, type, at, actor, station, office, payload, COALESCE(conflict, '')
		FROM events WHERE seq > ? AND origin IS NULL ORDER BY seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("đọc sự kiện chờ gửi: %w", err)
	}
	return s.scanEvents(rows)
}

// Backlog counts the events written on this PC after the sequence after: what waits to be sent.
func (s *Store) Backlog(ctx context.Context, after int64) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM events WHERE seq > ? AND origin IS NULL", after).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("đếm sự kiện chờ gửi: %w", err)
	}
	return n, nil
}

// Quarantined is a local event the hub refused.
type Quarantined struct {
	Seq     int64
	ID      uuid.UUID
	Dossier uuid.UUID
	Type    EventType
	Code    string // the hub's machine-readable code
	Reason  string
	At      time.Time // when the hub refused it
}

// Acknowledge records the hub's acknowledgement of a push of the events after from: the cursor
// of epoch moves to ack (never back), and the refused events go to the quarantine with their
// reasons, in one transaction. Events of that range the hub now accepted (a re-send to a new hub)
// leave the quarantine.
func (s *Store) Acknowledge(ctx context.Context, epoch string, from, ack int64, refused []Quarantined) error {
	return s.WithTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sync_cursor(epoch, pushed) VALUES (?, ?)
			ON CONFLICT(epoch) DO UPDATE SET pushed = max(pushed, excluded.pushed)`, epoch, ack); err != nil {
			return fmt.Errorf("ghi vị trí đồng bộ: %w", err)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM sync_quarantine WHERE seq > ? AND seq <= ?", from, ack); err != nil {
			return fmt.Errorf("ghi sự kiện bị từ chối: %w", err)
		}
		for _, q := range refused {
			if _, err := tx.ExecContext(ctx, `INSERT INTO sync_quarantine(seq, code, reason, at) VALUES (?, ?, ?, ?)
				ON CONFLICT(seq) DO UPDATE SET code = excluded.code, reason = excluded.reason, at = excluded.at`,
				q.Seq, q.Code, q.Reason, q.At.In(s.loc).Format(TimeFormat)); err != nil {
				return fmt.Errorf("ghi sự kiện bị từ chối: %w", err)
			}
		}
		return nil
	})
}

// Quarantine lists the local events the hub refused, oldest first.
func (s *Store) Quarantine(ctx context.Context) ([]Quarantined, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT q.seq, e.id, e.dossier, e.type, q.code, q.reason, q.at
		FROM sync_quarantine q JOIN events e ON e.seq = q.seq ORDER BY q.seq`)
	if err != nil {
		return nil, fmt.Errorf("đọc danh sách bị từ chối: %w", err)
	}
	defer rows.Close()
	var out []Quarantined
	for rows.Next() {
		var q Quarantined
		var id, dossier []byte
		var typ, at string
		if err := rows.Scan(&q.Seq, &id, &dossier, &typ, &q.Code, &q.Reason, &at); err != nil {
			return nil, err
		}
		q.ID, _ = uuid.FromBytes(id)
		q.Dossier, _ = uuid.FromBytes(dossier)
		q.Type = EventType(typ)
		q.At, _ = time.Parse(TimeFormat, at)
		out = append(out, q)
	}
	return out, rows.Err()
}

// QuarantineCount counts the local events the hub refused (reported with every push).
func (s *Store) QuarantineCount(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sync_quarantine").Scan(&n); err != nil {
		return 0, fmt.Errorf("đếm sự kiện bị từ chối: %w", err)
	}
	return n, nil
}

// ConflictEvents lists the events marked as conflicts by a replay, for a person to look at.
func (s *Store) ConflictEvents(ctx context.Context) ([]Event, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, id, dossier, type, at, actor, station, office, payload, COALESCE(conflict, '')
		FROM events WHERE conflict IS NOT NULL ORDER BY seq`)
	if err != nil {
		return nil, fmt.Errorf("đọc sự kiện xung đột: %w", err)
	}
	return s.scanEvents(rows)
}

// ApplyPulled applies events pulled from a hub's feed and moves the pull cursor of epoch to next,
// in one transaction: a crash leaves both as they were, and the next pull fetches the same page.
func (s *Store) ApplyPulled(ctx context.Context, epoch string, next int64, evs []Synced) (*SyncResult, error) {
	var res *SyncResult
	err := s.WithTx(ctx, func(tx *sql.Tx) error {
		var err error
		if res, err = s.applySynced(ctx, tx, evs); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO sync_cursor(epoch, pulled) VALUES (?, ?)
			ON CONFLICT(epoch) DO UPDATE SET pulled = max(pulled, excluded.pulled)`, epoch, next)
		if err != nil {
			return fmt.Errorf("ghi vị trí đồng bộ: %w", err)
		}
		return nil
	})
	return res, err
}

// ApplyPushed stores events a station pushed to the hub's copy of its office, in one
// transaction. origin is the pushing station's database id. The same transaction counts what it
// stored, by station and origin (PushedCounts): the hub's health page shows what is stored, and
// no bookkeeping written after the commit can fall behind it.
func (s *Store) ApplyPushed(ctx context.Context, origin string, evs []Event) (*SyncResult, error) {
	in := make([]Synced, len(evs))
	for i := range evs {
		in[i] = Synced{Event: evs[i], Origin: origin}
	}
	if origin == "" {
		origin = "hub" // what applySynced stores for an event without origin
	}
	var res *SyncResult
	err := s.WithTx(ctx, func(tx *sql.Tx) error {
		if err := initPushedCounts(ctx, tx); err != nil {
			return err
		}
		var before int64
		if err := tx.QueryRowContext(ctx, "SELECT COALESCE(max(seq), 0) FROM events").Scan(&before); err != nil {
			return fmt.Errorf("đọc nhật ký: %w", err)
		}
		var err error
		if res, err = s.applySynced(ctx, tx, in); err != nil {
			return err
		}
		if res.Stored == 0 {
			return nil
		}
		// New rows take sequences above every earlier one (seq is the rowid): the range is exactly
		// what this call stored.
		_, err = tx.ExecContext(ctx, `INSERT INTO meta(key, value)
			SELECT '`+pushedPrefix+`' || station || '/' || origin, count(*) FROM events WHERE seq > ? AND origin = ? GROUP BY station
			ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + CAST(excluded.value AS INTEGER)`, before, origin)
		if err != nil {
			return fmt.Errorf("đếm sự kiện đã nhận: %w", err)
		}
		return nil
	})
	return res, err
}

// pushedPrefix starts the meta keys "pushed/<station>/<origin>" that count the events ApplyPushed
// stored; pushedCounted marks a database whose counters are complete.
const (
	pushedPrefix  = "pushed/"
	pushedEnd     = "pushed0" // the first key after every "pushed/…" ('0' follows '/')
	pushedCounted = "pushed_counted"
)

// countPushedSQL counts the events of the log that arrived from a push, by station and origin.
const countPushedSQL = "SELECT station, origin, count(*) FROM events WHERE origin IS NOT NULL GROUP BY station, origin"

// initPushedCounts fills the counters from the log once, for a hub copy written before they were
// kept (one scan of the log, at its first push since).
func initPushedCounts(ctx context.Context, tx *sql.Tx) error {
	var one int
	err := tx.QueryRowContext(ctx, "SELECT 1 FROM meta WHERE key = ?", pushedCounted).Scan(&one)
	if err == nil {
		return nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("đọc bộ đếm sự kiện: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM meta WHERE key >= ? AND key < ?", pushedPrefix, pushedEnd); err != nil {
		return fmt.Errorf("ghi bộ đếm sự kiện: %w", err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO meta(key, value) SELECT '`+pushedPrefix+`' || station || '/' || origin, count(*)
		FROM events WHERE origin IS NOT NULL GROUP BY station, origin`)
	if err == nil {
		_, err = tx.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES (?, '1')", pushedCounted)
	}
	if err != nil {
		return fmt.Errorf("ghi bộ đếm sự kiện: %w", err)
	}
	return nil
}

// PushedCount is how many events of station Station, pushed from the database Origin, this log
// holds.
type PushedCount struct {
	Station int
	Origin  string
	Events  int
}

// PushedCounts lists the events stored by ApplyPushed, by station and origin (on a hub's copy of
// an office). They are counted in the transactions that stored them, so they equal what is held.
func (s *Store) PushedCounts(ctx context.Context) ([]PushedCount, error) {
	var one int
	err := s.db.QueryRowContext(ctx, "SELECT 1 FROM meta WHERE key = ?", pushedCounted).Scan(&one)
	var rows *sql.Rows
	switch {
	case err == nil:
		rows, err = s.db.QueryContext(ctx, `SELECT CAST(substr(key, ?, 1) AS INTEGER), substr(key, ?), CAST(value AS INTEGER)
			FROM meta WHERE key >= ? AND key < ? ORDER BY key`, len(pushedPrefix)+1, len(pushedPrefix)+3, pushedPrefix, pushedEnd)
	case errors.Is(err, sql.ErrNoRows):
		// No push since the counters exist (a copy written by an earlier version): count the log.
		rows, err = s.db.QueryContext(ctx, countPushedSQL)
	}
	if err != nil {
		return nil, fmt.Errorf("đọc bộ đếm sự kiện: %w", err)
	}
	defer rows.Close()
	var out []PushedCount
	for rows.Next() {
		var c PushedCount
		if err := rows.Scan(&c.Station, &c.Origin, &c.Events); err != nil {
			return nil, fmt.Errorf("đọc bộ đếm sự kiện: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Feed returns up to limit events after the log position after, leaving out those that came from
// the database exclude (a station does not need its own events back). The Seq of each is this
// log's position: the next cursor.
func (s *Store) Feed(ctx context.Context, after int64, exclude string, limit int) ([]Synced, int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT seq, id, dossier, type, at, actor, station, office, payload, COALESCE(conflict, ''),
		COALESCE(origin, '') FROM events WHERE seq > ? ORDER BY seq LIMIT ?`, after, limit)
	if err != nil {
		return nil, after, fmt.Errorf("đọc nhật ký: %w", err)
	}
	defer rows.Close()
	next := after
	var out []Synced
	for rows.Next() {
		var e Synced
		var id, dossier []byte
		var typ, at, payload string
		if err := rows.Scan(&e.Seq, &id, &dossier, &typ, &at, &e.Actor, &e.Station, &e.Office, &payload, &e.Conflict, &e.Origin); err != nil {
			return nil, after, err
		}
		next = e.Seq
		if e.Origin == exclude && exclude != "" {
			continue
		}
		if e.ID, err = uuid.FromBytes(id); err != nil {
			return nil, after, err
		}
		if e.Dossier, err = uuid.FromBytes(dossier); err != nil {
			return nil, after, err
		}
		if e.At, err = time.Parse(TimeFormat, at); err != nil {
			return nil, after, err
		}
		e.At = e.At.In(s.loc)
		e.Type = EventType(typ)
		e.Payload = []byte(payload)
		out = append(out, e)
	}
	return out, next, rows.Err()
}

// LogPosition is the highest sequence of the log (0 when empty).
func (s *Store) LogPosition(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.QueryRowContext(ctx, "SELECT COALESCE(max(seq), 0) FROM events").Scan(&n)
	return n, err
}

// PendingPush counts the events written here that the newest hub epoch this PC knows has not
// acknowledged: the "37 records waiting" of the status bar. Epoch ids are UUIDv7, so the newest
// sorts last.
func (s *Store) PendingPush(ctx context.Context) (int, error) {
	var pushed int64
	err := s.db.QueryRowContext(ctx, "SELECT pushed FROM sync_cursor ORDER BY epoch DESC LIMIT 1").Scan(&pushed)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("đọc vị trí đồng bộ: %w", err)
	}
	return s.Backlog(ctx, pushed)
}
