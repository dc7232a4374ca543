package data

import (
	"context"
	"database/sql"
	"time"
)

// Batch appends back-dated events in one transaction: the legacy-register import and the demo
// builder. Statuses are checked by the same fold as live commands; roles are not, because a batch
// runs for an administrator on the command line (see System), who already owns the file.
//
// A dossier's row and search entry are written once, when the batch moves on to another dossier
// or commits, instead of once per event: a bulk build writes about five events per dossier.
type Batch struct {
	s      *Store
	w      *writer
	office string

	pending  bool
	pendingD Dossier // a copy: callers may reuse one Dossier value for the next dossier
	oldD     Dossier // its state when its projections were last written (zero: none yet)
}

// Batch runs fn with a Batch; everything fn appended commits together or not at all.
func (s *Store) Batch(ctx context.Context, actor *User, fn func(b *Batch) error) error {
	office, err := s.Office()
	if err != nil {
		return err
	}
	return s.withActorTx(ctx, actor, RoleAdmin, func(tx *sql.Tx) error {
		w, err := s.newWriter(ctx, tx)
		if err != nil {
			return err
		}
		defer w.close()
		w.deferDaily = true
		b := &Batch{s: s, w: w, office: office.Code}
		if err := fn(b); err != nil {
			return err
		}
		if err := b.flush(ctx); err != nil {
			return err
		}
		if err := w.flushDaily(ctx); err != nil {
			return err
		}
		return w.flushHighWater() // one write of the minted codes per batch, before the commit
	})
}

func (b *Batch) flush(ctx context.Context) error {
	if !b.pending {
		return nil
	}
	b.pending = false
	return b.w.project(ctx, &b.oldD, &b.pendingD)
}

// Append records p on d as having happened at `at`, by actor (a username) at station. For a new
// dossier pass a zero Dossier. Computed fields left empty (code, due dates) are filled exactly as
// at the counter. d is updated in place on success. A station other than the store's own is for a
// database that is never synced (the demo office): the hub takes from a PC only the events of its
// own station (docs/sync-protocol.md, "Imported history").
func (b *Batch) Append(ctx context.Context, d *Dossier, at time.Time, actor string, station int, p Payload) error {
	if station < 0 || station > 9 {
		return inputError(KeyStation, msgStationRange)
	}
	if b.pending && (d.Status == StatusNone || d.ID != b.pendingD.ID) {
		if err := b.flush(ctx); err != nil {
			return err
		}
	}
	at = at.In(b.s.loc).Truncate(time.Millisecond)
	if !d.lastAt.IsZero() && at.Before(d.lastAt) {
		return inputError(KeyEventTime, msgBeforePrevious, p.EventType().verb())
	}
	if !d.lastAt.IsZero() && at.Equal(d.lastAt) {
		at = at.Add(time.Millisecond) // keep the log's order equal to the order of Append calls
	}
	e := &Event{Dossier: d.ID, Type: p.EventType(), At: at, Actor: actor, Station: station, Office: b.office}
	if !statusIn(d.Status, rules[e.Type].from) {
		return &TransitionError{Type: e.Type, Status: d.Status}
	}
	if err := b.s.complete(ctx, b.w, d, e, p); err != nil {
		return err
	}
	if !b.pending {
		// First event of this dossier in the batch: remember what its projections hold now.
		b.oldD = *d
	}
	if err := b.w.insertEvent(ctx, d, e, p); err != nil {
		return err
	}
	b.pending, b.pendingD = true, *d
	return nil
}
