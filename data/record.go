package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/google/uuid"
)

// TimeFormat is how event times are stored: RFC 3339 with offset, fixed width (milliseconds), so
// that text order is time order.
const TimeFormat = "2006-01-02T15:04:05.000Z07:00"

// writer appends events inside one transaction with prepared statements, so a bulk build (the
// demo, an import) pays the SQL parse once per transaction, not once per row.
type writer struct {
	s          *Store
	tx         *sql.Tx
	ids        *catalogIDs
	ins        *sql.Stmt
	insert     *sql.Stmt
	update     *sql.Stmt
	ridOf      *sql.Stmt
	ftsDel     *sql.Stmt
	ftsIns     *sql.Stmt
	counter    *sql.Stmt
	counterW   *sql.Stmt
	codeTaken  *sql.Stmt
	counters   map[counterKey]int // last number per office, day and station, within this transaction
	hw         highWater          // the high-water file of minted codes (codes_highwater.go)
	dailyUp    *sql.Stmt
	daily      map[statKey]*statVec // daily_stats deltas not yet written
	deferDaily bool                 // batch: write the deltas once, at the end
	book       bookMinter           // tracking-book numbers (book.go)

	officers map[officerKey]*officerVec // officer_stats deltas not yet written, as daily (officer.go)
	late     lateWriter                 // late_dossiers statements (late.go)
}

type counterKey struct {
	office, day string
	station     int
}

func (s *Store) newWriter(ctx context.Context, tx *sql.Tx) (*writer, error) {
	w := &writer{s: s, tx: tx, ids: s.catalogIDs(), counters: map[counterKey]int{}, daily: map[statKey]*statVec{}}
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = tx.PrepareContext(ctx, q)
		return st
	}
	w.ins = prep(`INSERT INTO events(id, dossier, type, at, actor, station, office, payload, conflict)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	w.insert = prep(insertDossierSQL)
	w.update = prep(updateDossierSQL)
	w.ridOf = prep("SELECT rid FROM dossiers WHERE id = ?")
	w.ftsDel = prep("DELETE FROM dossier_search WHERE rowid = ?")
	w.ftsIns = prep("INSERT INTO dossier_search(rowid, text) VALUES (?, ?)")
	w.counter = prep("SELECT last FROM code_counters WHERE office = ? AND day = ? AND station = ?")
	w.counterW = prep(`INSERT INTO code_counters(office, day, station, last) VALUES (?, ?, ?, ?)
		ON CONFLICT(office, day, station) DO UPDATE SET last = excluded.last`)
	w.codeTaken = prep("SELECT count(*) FROM dossiers WHERE code = ?")
	w.dailyUp = prep(upsertDailySQL)
	if err != nil {
		w.close()
		return nil, fmt.Errorf("chuẩn bị ghi sự kiện: %w", err)
	}
	return w, nil
}

func (w *writer) close() {
	w.book.close()
	w.late.close()
	for _, st := range []*sql.Stmt{w.ins, w.insert, w.update, w.ridOf, w.ftsDel, w.ftsIns, w.counter, w.counterW, w.codeTaken, w.dailyUp} {
		if st != nil {
			st.Close()
		}
	}
}

// append validates e against d, stores it and updates the projection and the search index.
// d is updated in place only when everything succeeded.
func (w *writer) append(ctx context.Context, d *Dossier, e *Event, p Payload) error {
	next := *d
	if err := w.insertEvent(ctx, &next, e, p); err != nil {
		return err
	}
	if err := w.project(ctx, d, &next); err != nil {
		return err
	}
	*d = next
	return nil
}

// insertEvent folds e into d and stores it, leaving the projection to the caller (a batch writes
// a dossier's row once after all its events rather than once per event).
func (w *writer) insertEvent(ctx context.Context, d *Dossier, e *Event, p Payload) error {
	raw, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("mã hóa sự kiện: %w", err)
	}
	e.Payload = raw
	if e.ID == uuid.Nil {
		e.ID = newEventID(e.At)
	}
	next := *d
	if err := next.Apply(e, p); err != nil {
		return err
	}
	var conflict sql.NullString
	if e.Conflict != "" {
		conflict = sql.NullString{String: e.Conflict, Valid: true}
	}
	res, err := w.ins.ExecContext(ctx, e.ID[:], e.Dossier[:], string(e.Type), e.At.In(w.s.loc).Format(TimeFormat),
		e.Actor, e.Station, e.Office, string(raw), conflict)
	if err != nil {
		return fmt.Errorf("ghi sự kiện: %w", err)
	}
	if e.Seq, err = res.LastInsertId(); err != nil {
		return fmt.Errorf("ghi sự kiện: %w", err)
	}
	next.LastSeq = e.Seq
	*d = next
	return nil
}

// newEventID makes a UUIDv7 carrying the event's own time, so ids of back-dated events (imports,
// the demo) still sort by time.
func newEventID(at time.Time) uuid.UUID {
	id := uuid.Must(uuid.NewV7())
	ms := uint64(at.UnixMilli())
	if at.IsZero() || ms >= 1<<48 {
		return id
	}
	id[0], id[1], id[2] = byte(ms>>40), byte(ms>>32), byte(ms>>24)
	id[3], id[4], id[5] = byte(ms>>16), byte(ms>>8), byte(ms)
	return id
}

// NewDossierID makes the id of a new dossier.
func NewDossierID(at time.Time) uuid.UUID { return newEventID(at) }

// loadDossier replays a dossier's events in the canonical order (time, then id); events marked as
// conflicts are kept in the log but not applied.
func (s *Store) loadDossier(ctx context.Context, q querier, id uuid.UUID) (*Dossier, []Event, error) {
	evs, err := s.events(ctx, q, id)
	if err != nil {
		return nil, nil, err
	}
	d := &Dossier{}
	for i := range evs {
		if evs[i].Conflict != "" {
			continue
		}
		p, err := DecodePayload(evs[i].Type, evs[i].Payload)
		if err != nil {
			return nil, nil, fmt.Errorf("sự kiện %s của hồ sơ: %w", evs[i].ID, err)
		}
		if err := d.Apply(&evs[i], p); err != nil {
			return nil, nil, fmt.Errorf("dựng lại hồ sơ từ nhật ký: %w", err)
		}
	}
	if d.Status == StatusNone {
		return nil, nil, ErrNotFound
	}
	return d, evs, nil
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// scanEvents reads every event of rows (the columns scanEvent reads) and closes rows.
func (s *Store) scanEvents(rows *sql.Rows) ([]Event, error) {
	defer rows.Close()
	var out []Event
	for rows.Next() {
		e, err := scanEvent(rows, s.loc)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func (s *Store) events(ctx context.Context, q querier, dossier uuid.UUID) ([]Event, error) {
	rows, err := q.QueryContext(ctx, `SELECT seq, id, dossier, type, at, actor, station, office, payload, COALESCE(conflict, '')
		FROM events WHERE dossier = ? ORDER BY at, id`, dossier[:])
	if err != nil {
		return nil, fmt.Errorf("đọc nhật ký hồ sơ: %w", err)
	}
	return s.scanEvents(rows)
}

func scanEvent(rows *sql.Rows, loc *time.Location) (Event, error) {
	var e Event
	var id, dossier []byte
	var typ, at, payload string
	if err := rows.Scan(&e.Seq, &id, &dossier, &typ, &at, &e.Actor, &e.Station, &e.Office, &payload, &e.Conflict); err != nil {
		return e, err
	}
	var err error
	if e.ID, err = uuid.FromBytes(id); err != nil {
		return e, fmt.Errorf("mã sự kiện hỏng: %w", err)
	}
	if e.Dossier, err = uuid.FromBytes(dossier); err != nil {
		return e, fmt.Errorf("mã hồ sơ hỏng: %w", err)
	}
	if e.At, err = time.Parse(TimeFormat, at); err != nil {
		return e, fmt.Errorf("thời điểm sự kiện hỏng: %w", err)
	}
	e.At = e.At.In(loc)
	e.Type = EventType(typ)
	e.Payload = json.RawMessage(payload)
	return e, nil
}

// Record writes one event on an existing dossier, by actor, now. The role and the status are
// checked here, whatever screen or command asks.
func (s *Store) Record(ctx context.Context, actor *User, id uuid.UUID, p Payload) (*Written, error) {
	if p == nil {
		return nil, inputError(KeyEvent, msgNoPayload)
	}
	if t := p.EventType(); t == EvReceived || t == EvSubmitted || t == EvRefused {
		if id == uuid.Nil {
			return nil, inputError(KeyEvent, msgUseReception)
		}
	}
	if id == uuid.Nil {
		return nil, fmt.Errorf("hồ sơ: %w", ErrNotFound)
	}
	return s.write(ctx, actor, id, p)
}

// Written is a dossier as a write left it, with its whole log including the new event: what a
// form printed right after the write is filled from, without reading the log a second time.
type Written struct {
	*Dossier
	Log []Event // in the log's order (time, then id), conflicts included, as DossierByID gives it
}

// write records p by actor, now, on the dossier id (uuid.Nil: a new dossier), in one transaction:
// replay, role and status check, computed fields, event, projections.
func (s *Store) write(ctx context.Context, actor *User, id uuid.UUID, p Payload) (*Written, error) {
	office, err := s.Office()
	if err != nil {
		return nil, err
	}
	var out *Written
	err = s.WithTx(ctx, func(tx *sql.Tx) error {
		me, err := actorTx(ctx, tx, actor, AllRoles)
		if err != nil {
			return err
		}
		d := &Dossier{}
		var evs []Event
		if id != uuid.Nil {
			var err error
			if d, evs, err = s.loadDossier(ctx, tx, id); err != nil {
				return err
			}
		}
		w, err := s.newWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.close()
		e, err := s.prepare(ctx, w, me, d, p, office)
		if err != nil {
			return err
		}
		if err := w.append(ctx, d, e, p); err != nil {
			return err
		}
		if err := w.flushHighWater(); err != nil { // the minted code, on disk before the commit
			return err
		}
		out = &Written{Dossier: d, Log: withEvent(evs, *e, s.loc)}
		return nil
	})
	return out, err
}

// withEvent is the log evs with the event e just written, as reading it back would give it: its
// time in the office's zone and its place in the log's order (a conflict synced in from another
// station may carry a later time than the last applied event, which the new one follows).
func withEvent(evs []Event, e Event, loc *time.Location) []Event {
	e.At = e.At.In(loc)
	out := append(evs[:len(evs):len(evs)], e)
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].At.Equal(out[j].At) {
			return out[i].At.Before(out[j].At)
		}
		return bytes.Compare(out[i].ID[:], out[j].ID[:]) < 0
	})
	return out
}

// prepare checks the actor's right, fills the fields the store computes (code, due dates, the
// unit handed over from) and validates the payload. It returns the event to append.
func (s *Store) prepare(ctx context.Context, w *writer, actor *User, d *Dossier, p Payload, office Office) (*Event, error) {
	t := p.EventType()
	if _, ok := rules[t]; !ok {
		return nil, inputError(KeyEvent, msgBadStep)
	}
	if !statusIn(d.Status, rules[t].from) {
		return nil, &TransitionError{Type: t, Status: d.Status}
	}
	if actor == nil || !actor.Active || !Allowed(actor.Roles, t, d.Status) {
		return nil, caseOf(ErrForbidden, msgStep, t.verb())
	}
	at := s.Now().Truncate(time.Millisecond)
	if !d.lastAt.IsZero() && !at.After(d.lastAt) {
		// A PC clock set back must not reorder a dossier's history.
		at = d.lastAt.Add(time.Millisecond)
	}
	e := &Event{Dossier: d.ID, Type: t, At: at, Actor: actor.Username, Station: s.Station(), Office: office.Code}
	if err := s.complete(ctx, w, d, e, p); err != nil {
		return nil, err
	}
	return e, nil
}

// complete normalises the payload's text, fills what the store computes (the dossier code, the due
// date, the due date moved by a pause, the unit handed over from) and validates it. Fields the
// caller already set are kept, so an import can bring its own code and due date.
func (s *Store) complete(ctx context.Context, w *writer, d *Dossier, e *Event, p Payload) error {
	at := e.At
	cal := s.Calendar()
	switch p := p.(type) {
	case *Received:
		normalizeIntake(&p.Intake)
		if p.Code == "" {
			code, err := w.mintCode(ctx, e.Office, e.Station, at)
			if err != nil {
				return err
			}
			p.Code = code
		}
		p.Code = normalizeCode(p.Code)
		limit := p.Limit
		if p.Procedure == "" {
			limit = d.Intake.Limit
		}
		if p.Due == nil {
			if due, ok := cal.Due(at, limit); ok {
				p.Due = &due
			}
		}
		if p.FormSet == "" {
			p.FormSet = FormSetOn(at, s.formSet(ctx, w.tx))
		}
		if p.BookNo == 0 {
			n, err := w.mintBookNo(ctx, e.Office, e.Station, at)
			if err != nil {
				return err
			}
			p.BookNo = n
		}
	case *Refused:
		normalizeIntake(&p.Intake)
		p.Reason = cleanText(p.Reason)
	case *Submitted:
		normalizeIntake(&p.Intake)
	case *Transferred:
		if p.FromUnit == "" && d.Status == StatusProcessing {
			// From a unit to another; from status 2 the giver is the one-stop office itself ("").
			p.FromUnit = d.Unit
		}
		p.Note = cleanText(p.Note)
		if _, ok := s.catalogIDs().unit[p.ToUnit]; !ok {
			return inputError(KeyToUnit, msgNoSuchUnit, p.ToUnit)
		}
	case *SupplementRequested:
		for i := range p.Items {
			p.Items[i].Name = cleanText(p.Items[i].Name)
		}
		p.Reason = cleanText(p.Reason)
	case *SupplementReceived:
		p.Note = cleanText(p.Note)
		if p.DueAfter == nil {
			p.DueBefore, p.DueAfter = resumedDue(cal, d, at)
		}
	case *ObligationMet:
		p.Note = cleanText(p.Note)
		if p.DueAfter == nil {
			p.DueBefore, p.DueAfter = resumedDue(cal, d, at)
		}
	case *ObligationRequested:
		p.Description = cleanText(p.Description)
	case *WithdrawalRequested:
		p.Reason = cleanText(p.Reason)
	case *Stopped:
		p.Reason, p.Stage, p.Decision, p.FeeHandling = cleanText(p.Reason), cleanText(p.Stage), cleanText(p.Decision), cleanText(p.FeeHandling)
	case *Processed:
		p.ResultNo, p.Signer, p.Summary = cleanText(p.ResultNo), cleanText(p.Signer), cleanText(p.Summary)
	case *ApologyIssued:
		p.Reason, p.DocNo = cleanText(p.Reason), cleanText(p.DocNo)
		p.NewDue = p.NewDue.In(s.loc)
		if d.HasDue && !p.NewDue.After(d.Due) {
			return inputError(KeyNewDue, msgNewDueNotLater)
		}
	case *Returned:
		p.ReceiverName, p.ReceiverIDNo, p.Note = cleanText(p.ReceiverName), cleanText(p.ReceiverIDNo), cleanText(p.Note)
		for i := range p.Fees {
			p.Fees[i].Name = cleanText(p.Fees[i].Name)
		}
	case *Rated:
		p.Reason = cleanText(p.Reason)
	case *Note:
		p.Text = cleanText(p.Text)
	}
	if err := p.validate(); err != nil {
		return err
	}
	if err := ValidEventTime(at, s.Now()); err != nil {
		return err
	}
	if d.Status == StatusNone {
		e.Dossier = NewDossierID(at)
	}
	return nil
}

// resumedDue moves the due date by the working time the clock was paused (docs/DOMAIN.md §6).
func resumedDue(cal interface {
	AddWorking(time.Time, time.Duration) time.Time
	WorkingBetween(a, b time.Time) time.Duration
}, d *Dossier, at time.Time) (before, after *time.Time) {
	if !d.HasDue {
		return nil, nil
	}
	b := d.Due
	a := b
	// The pause counts in whole minutes, as deadlines are judged: a supplement handed in within
	// the minute it was asked for must not push a 17:00 due to the next morning's opening.
	if paused := cal.WorkingBetween(d.PausedAt, at).Truncate(time.Minute); d.Paused() && paused > 0 {
		a = cal.AddWorking(b, paused)
	}
	return &b, &a
}

func (s *Store) formSet(ctx context.Context, q querier) string {
	var v string
	if err := q.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", SettingFormSet).Scan(&v); err != nil || v == "" {
		return "2025"
	}
	return v
}

// DossierByID reads a dossier's state and its log.
func (s *Store) DossierByID(ctx context.Context, id uuid.UUID) (*Dossier, []Event, error) {
	return s.loadDossier(ctx, s.db, id)
}

// DossierByCode reads a dossier by its code (case-insensitive, spaces trimmed).
func (s *Store) DossierByCode(ctx context.Context, code string) (*Dossier, []Event, error) {
	var raw []byte
	err := s.db.QueryRowContext(ctx, "SELECT id FROM dossiers WHERE code = ?", normalizeCode(code)).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, fmt.Errorf("hồ sơ %q: %w", code, ErrNotFound)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("tìm hồ sơ: %w", err)
	}
	id, err := uuid.FromBytes(raw)
	if err != nil {
		return nil, nil, err
	}
	return s.loadDossier(ctx, s.db, id)
}
