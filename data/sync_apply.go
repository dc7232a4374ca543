package data

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/google/uuid"
)

// Synced is an event that arrived from another PC, with the database id of the station that
// wrote it (Origin).
type Synced struct {
	Event
	Origin string
}

// Rejection says why an arrived event was not stored. Index is its place in the caller's slice.
type Rejection struct {
	Index  int
	ID     uuid.UUID
	Reason string
}

// SyncResult is what applying arrived events did.
type SyncResult struct {
	Stored     int // new events written
	Duplicates int // events already held: a no-op
	Rejected   []Rejection
	Conflicts  int // events of the touched dossiers that do not fit their place in the replay
}

// applySynced stores arrived events once each (an id already held is a no-op) and re-folds every
// touched dossier from all its events in the canonical order (time, then id): an event that no
// longer fits is kept and marked as a conflict, one that fits again is unmarked. The dossier's
// row, search entry and daily statistics move from the old fold to the new one, exactly as a
// local write would move them, so Check stays OK.
//
// The result depends only on the set of events held, never on the order they arrived in: that
// is what makes two stations (and the hub) converge.
func (s *Store) applySynced(ctx context.Context, tx *sql.Tx, in []Synced) (*SyncResult, error) {
	res := &SyncResult{}
	w, err := s.newWriter(ctx, tx)
	if err != nil {
		return nil, err
	}
	defer w.close()
	w.deferDaily = true
	ins, err := tx.PrepareContext(ctx, `INSERT INTO events(id, dossier, type, at, actor, station, office, payload, conflict, origin)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return nil, fmt.Errorf("chuẩn bị ghi sự kiện đồng bộ: %w", err)
	}
	defer ins.Close()
	held, err := tx.PrepareContext(ctx, "SELECT count(*) FROM events WHERE id = ?")
	if err != nil {
		return nil, fmt.Errorf("chuẩn bị ghi sự kiện đồng bộ: %w", err)
	}
	defer held.Close()
	codeOwner, err := tx.PrepareContext(ctx, "SELECT id FROM dossiers WHERE code = ?")
	if err != nil {
		return nil, fmt.Errorf("chuẩn bị ghi sự kiện đồng bộ: %w", err)
	}
	defer codeOwner.Close()

	reject := func(i int, reason string) {
		res.Rejected = append(res.Rejected, Rejection{Index: i, ID: in[i].ID, Reason: reason})
	}
	now, replica, err := s.arrivalClock(ctx, tx)
	if err != nil {
		return nil, err
	}
	// The hub checks who did what against the office's accounts (PutAccounts, actorMay). A
	// station does not: it holds only its own PC's accounts, and what it pulls the hub checked.
	var accounts map[string]accountState
	if replica {
		if accounts, err = s.accountStates(ctx, tx); err != nil {
			return nil, err
		}
	}
	seen := map[uuid.UUID]bool{}
	decoded := map[uuid.UUID]Payload{} // each payload is decoded once per batch (decodeOnce)
	codes := map[string]uuid.UUID{}    // codes received in this batch, by dossier
	byDossier := map[uuid.UUID][]int{}
	var order []uuid.UUID
	for i := range in {
		e := &in[i]
		if seen[e.ID] {
			res.Duplicates++
			continue
		}
		p, err := ValidateEvent(&e.Event, now)
		if err == nil && replica {
			err = actorMay(accounts, &e.Event)
		}
		if err != nil {
			reject(i, err.Error())
			continue
		}
		var n int
		if err := held.QueryRowContext(ctx, e.ID[:]).Scan(&n); err != nil {
			return nil, fmt.Errorf("đọc nhật ký: %w", err)
		}
		if n > 0 {
			res.Duplicates++
			seen[e.ID] = true
			continue
		}
		if r, ok := p.(*Received); ok {
			// Dossier codes are unique; a code minted twice is refused rather than overwriting.
			var owner []byte
			err := codeOwner.QueryRowContext(ctx, r.Code).Scan(&owner)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return nil, fmt.Errorf("đọc bảng hồ sơ: %w", err)
			}
			if (err == nil && !bytes.Equal(owner, e.Dossier[:])) || (codes[r.Code] != uuid.Nil && codes[r.Code] != e.Dossier) {
				reject(i, fmt.Sprintf("mã hồ sơ %s đã được dùng cho hồ sơ khác", r.Code))
				continue
			}
			codes[r.Code] = e.Dossier
		}
		seen[e.ID] = true
		decoded[e.ID] = p
		if _, ok := byDossier[e.Dossier]; !ok {
			order = append(order, e.Dossier)
		}
		byDossier[e.Dossier] = append(byDossier[e.Dossier], i)
	}

	for _, id := range order {
		if err := s.applyDossier(ctx, tx, w, ins, id, in, byDossier[id], decoded, res); err != nil {
			return nil, err
		}
	}
	if err := w.flushDaily(ctx); err != nil {
		return nil, err
	}
	sort.Slice(res.Rejected, func(a, b int) bool { return res.Rejected[a].Index < res.Rejected[b].Index })
	return res, nil
}

// arrivalClock is the clock arrived events are checked against (ValidEventTime), and whether this
// database is a hub's copy of an office (a replica, which also checks actors). The hub's copy
// of an office (a replica) checks what stations push against its own clock. A station checks what
// it pulls against its clock plus MaxClockSkew: the hub accepted those events against the hub's
// clock, which may be ahead of this PC's, and an event refused here would never come again (the
// pull cursor moves past it), leaving this station and the hub different for good.
func (s *Store) arrivalClock(ctx context.Context, tx *sql.Tx) (now time.Time, replica bool, err error) {
	var v string
	err = tx.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'replica'").Scan(&v)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return s.Now().Add(MaxClockSkew), false, nil
	case err != nil:
		return time.Time{}, false, fmt.Errorf("đọc loại cơ sở dữ liệu: %w", err)
	case v == "1":
		return s.Now(), true, nil
	}
	return s.Now().Add(MaxClockSkew), false, nil
}

// applyDossier inserts the new events idx of one dossier and re-folds it.
func (s *Store) applyDossier(ctx context.Context, tx *sql.Tx, w *writer, ins *sql.Stmt, id uuid.UUID, in []Synced, idx []int,
	decoded map[uuid.UUID]Payload, res *SyncResult) error {
	existing, err := s.events(ctx, tx, id)
	if err != nil {
		return err
	}
	old, err := foldHonouringMarks(existing, decoded)
	if err != nil {
		return err
	}
	all := make([]Event, 0, len(existing)+len(idx))
	all = append(all, existing...)
	fresh := map[uuid.UUID]int{} // event id → index into in
	for _, i := range idx {
		e := in[i].Event
		e.At = e.At.In(s.loc)
		e.Conflict = ""
		all = append(all, e)
		fresh[e.ID] = i
	}
	sortCanonical(all)
	next, marks := foldMarking(all, decoded)
	if next.Status == StatusNone {
		// No event creates the dossier: nothing to project and nothing to attach the events to.
		for _, i := range idx {
			res.Rejected = append(res.Rejected, Rejection{Index: i, ID: in[i].ID, Reason: "hồ sơ chưa được tiếp nhận hoặc đăng ký ở nơi nào"})
		}
		return nil
	}
	for k := range all {
		e := &all[k]
		i, isNew := fresh[e.ID]
		switch {
		case isNew:
			var conflict sql.NullString
			if marks[k] != "" {
				conflict = sql.NullString{String: marks[k], Valid: true}
			}
			origin := in[i].Origin
			if origin == "" {
				origin = "hub"
			}
			r, err := ins.ExecContext(ctx, e.ID[:], e.Dossier[:], string(e.Type), e.At.Format(TimeFormat), e.Actor, e.Station,
				e.Office, string(e.Payload), conflict, origin)
			if err != nil {
				return fmt.Errorf("ghi sự kiện đồng bộ: %w", err)
			}
			if e.Seq, err = r.LastInsertId(); err != nil {
				return fmt.Errorf("ghi sự kiện đồng bộ: %w", err)
			}
			res.Stored++
		case marks[k] != e.Conflict:
			var conflict sql.NullString
			if marks[k] != "" {
				conflict = sql.NullString{String: marks[k], Valid: true}
			}
			if _, err := tx.ExecContext(ctx, "UPDATE events SET conflict = ? WHERE seq = ?", conflict, e.Seq); err != nil {
				return fmt.Errorf("đánh dấu xung đột: %w", err)
			}
		}
		e.Conflict = marks[k]
		if marks[k] != "" {
			res.Conflicts++
		}
	}
	// Fold again with the sequence numbers just assigned: the projection keeps the last one.
	next, _ = foldMarking(all, decoded)
	return w.project(ctx, old, next)
}

// sortCanonical orders events as every replay does: time, then id.
func sortCanonical(evs []Event) {
	sort.SliceStable(evs, func(a, b int) bool {
		if !evs[a].At.Equal(evs[b].At) {
			return evs[a].At.Before(evs[b].At)
		}
		return bytes.Compare(evs[a].ID[:], evs[b].ID[:]) < 0
	})
}

// foldHonouringMarks is the state the projection currently shows: the fold of the events not
// marked as conflicts.
func foldHonouringMarks(evs []Event, decoded map[uuid.UUID]Payload) (*Dossier, error) {
	d := &Dossier{}
	for i := range evs {
		if evs[i].Conflict != "" {
			continue
		}
		p, err := decodeOnce(&evs[i], decoded)
		if err != nil {
			return nil, fmt.Errorf("sự kiện %s của hồ sơ: %w", evs[i].ID, err)
		}
		if err := d.Apply(&evs[i], p); err != nil {
			return nil, fmt.Errorf("dựng lại hồ sơ từ nhật ký: %w", err)
		}
	}
	return d, nil
}

// foldMarking folds events in the given order ignoring old marks, and says for each event why it
// does not fit ("" when it does).
func foldMarking(evs []Event, decoded map[uuid.UUID]Payload) (*Dossier, []string) {
	d := &Dossier{}
	marks := make([]string, len(evs))
	for i := range evs {
		p, err := decodeOnce(&evs[i], decoded)
		if err == nil {
			err = d.Apply(&evs[i], p)
		}
		if err != nil {
			marks[i] = err.Error()
			if marks[i] == "" {
				marks[i] = "không khớp"
			}
		}
	}
	return d, marks
}

// decodeOnce decodes e's payload, or takes it from decoded (events are immutable, so an id names
// one payload): applying a batch folds a dossier up to three times, and decoding is the dearest
// part of a fold.
func decodeOnce(e *Event, decoded map[uuid.UUID]Payload) (Payload, error) {
	if p, ok := decoded[e.ID]; ok {
		return p, nil
	}
	p, err := DecodePayload(e.Type, e.Payload)
	if err == nil {
		decoded[e.ID] = p
	}
	return p, err
}
