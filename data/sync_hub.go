package data

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/google/uuid"
)

// This file exports to the sync layer (motcua/sync/...) what it needs to check untrusted events
// with exactly the rules the store applies to its own.

// MaxPayloadBytes bounds one event's payload; the sync protocol's size limits derive from it.
const MaxPayloadBytes = maxPayloadBytes

// ValidOfficeCode reports whether code has the shape of an agency code (000.00.06.H56).
func ValidOfficeCode(code string) bool { return officeCodePattern.MatchString(code) }

// ValidateEvent checks an event that arrived from another PC: its ids, time (ValidEventTime
// against now, the checking PC's clock), actor, station, office and payload (decoded and
// validated for its type). It normalises e.At to the office zone at millisecond precision, as the
// log stores it, and returns the decoded payload.
func ValidateEvent(e *Event, now time.Time) (Payload, error) {
	if e.ID == uuid.Nil || e.ID.Version() != 7 {
		return nil, inputError(KeyEvent, msgEventID)
	}
	if e.Dossier == uuid.Nil {
		return nil, inputError(KeyEvent, msgNoDossierID)
	}
	if err := ValidEventTime(e.At, now); err != nil {
		return nil, err
	}
	if err := checkText(KeyEventActor, e.Actor, maxShort, true); err != nil {
		return nil, err
	}
	if e.Station < 0 || e.Station > 9 {
		return nil, inputError(KeyEvent, msgEventStation)
	}
	if !officeCodePattern.MatchString(e.Office) {
		return nil, inputError(KeyEvent, msgEventOffice)
	}
	if !e.Type.Known() {
		return nil, inputError(KeyEvent, msgEventType, string(e.Type))
	}
	p, err := DecodePayload(e.Type, e.Payload)
	if err != nil {
		return nil, err
	}
	e.At = e.At.Truncate(time.Millisecond)
	return p, nil
}

// SetupReplica makes a fresh database a hub's copy of an office: the office row (named by its
// code until a station sends its details), the official calendar, no users and no station of its
// own. Events arrive only by sync.
func (s *Store) SetupReplica(ctx context.Context, code string) error {
	o := Office{Code: code, Name: code, Level: "xa"}
	o.normalize()
	o.Hours = s.Calendar().Hours()
	if err := o.validate(); err != nil {
		return err
	}
	days, err := OfficialCalendar()
	if err != nil {
		return err
	}
	err = s.WithTx(ctx, func(tx *sql.Tx) error {
		if err := startOffice(ctx, tx, o, days); err != nil {
			return err
		}
		if err := setMeta(ctx, tx, "replica", "1"); err != nil {
			return err
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("thiết lập bản sao văn phòng %s: %w", code, err)
	}
	return s.reload(ctx)
}

// SumFigures adds up report figures (the offices of a province) and computes the rates of the sum.
func SumFigures(fs ...Figures) Figures {
	var t Figures
	for _, f := range fs {
		t.add(f)
	}
	t.finish()
	return t
}
