package data

import (
	"time"

	"github.com/google/uuid"

	"motcua/data/vntext"
)

// Dossier is the state of one dossier: the fold of its events. The dossiers table holds the
// subset that lists, filters and statistics need; the rest is read back from the log.
type Dossier struct {
	ID     uuid.UUID
	Office string
	Code   string
	Status Status
	Intake

	ExternalID string
	FormSet    string
	BookNo     int // number in the tracking book (Book), 0 when none was given

	SubmittedAt time.Time
	ReceivedAt  time.Time
	ReceivedBy  string

	HasDue      bool
	DueOriginal time.Time // computed at reception
	Due         time.Time // legal due: the original moved by every pause
	ApologyDue  time.Time // the new date promised by the latest apology; statistics ignore it
	Apologies   int

	Supplements int       // supplement requests; more than one makes the dossier late nationally
	PausedAt    time.Time // set while the clock is paused (supplement or financial obligation)
	resumeTo    Status    // status to go back to when the pause ends

	Unit    string // current processing unit code
	Handler string // current handler username

	FinishedAt time.Time // NgayKetThucXuLy: status 9, else 10, else stop or refusal
	ReturnedAt time.Time
	Result     Processed
	Returned   Returned

	Rating       Rating
	RatingReason string

	FeeAtReception int64
	FeeAtReturn    int64

	RefusalReason string
	StopReason    string

	Conflicts int
	LastSeq   int64
	Events    int
	lastAt    time.Time // time of the latest event: a new event never goes before it

	officers []officerStep  // who acted on it, for the staff evaluation (officer.go)
	apology  *ApologyIssued // the latest apology letter, for the late list (late.go); never changed in place
}

// Apply folds one event into the dossier, or says why it does not fit. It checks status only;
// roles are the store's job. Apply never changes d when it returns an error.
func (d *Dossier) Apply(e *Event, p Payload) error {
	r, ok := rules[e.Type]
	if !ok || p == nil || p.EventType() != e.Type {
		return &TransitionError{Type: e.Type, Status: d.Status, Reason: msgTransitionBadType}
	}
	if !statusIn(d.Status, r.from) {
		return &TransitionError{Type: e.Type, Status: d.Status}
	}
	if d.Status != StatusNone && e.Dossier != d.ID {
		return &TransitionError{Type: e.Type, Status: d.Status, Reason: msgTransitionOther}
	}
	next := *d
	if err := next.apply(e, p); err != nil {
		return err
	}
	next.noteOfficers(e, p)
	next.Events++
	if e.At.After(next.lastAt) {
		next.lastAt = e.At
	}
	if e.Seq > next.LastSeq {
		next.LastSeq = e.Seq
	}
	*d = next
	return nil
}

func (d *Dossier) apply(e *Event, p Payload) error {
	at := e.At
	switch p := p.(type) {
	case *Submitted:
		d.start(e)
		d.Intake = p.Intake
		d.ExternalID = p.ExternalID
		d.SubmittedAt = at
		d.Unit = p.Intake.Unit
		d.Status = StatusSubmitted
	case *Received:
		if d.Status == StatusNone {
			d.start(e)
		}
		if p.Procedure != "" {
			d.Intake = p.Intake
		}
		if d.Procedure == "" {
			return &TransitionError{Type: e.Type, Status: d.Status, Reason: msgTransitionNoProc}
		}
		d.Code = p.Code
		d.FormSet = p.FormSet
		d.BookNo = p.BookNo
		if d.Unit == "" {
			d.Unit = d.Intake.Unit // the procedure's processing unit until a hand-over says otherwise
		}
		d.ReceivedAt = at
		d.ReceivedBy = e.Actor
		d.HasDue = p.Due != nil
		if p.Due != nil {
			d.DueOriginal, d.Due = *p.Due, *p.Due
		}
		for _, f := range d.Fees {
			d.FeeAtReception += f.Amount
		}
		d.Status = StatusReceived
	case *Refused:
		if d.Status == StatusNone {
			d.start(e)
		}
		if p.Procedure != "" {
			d.Intake = p.Intake
		}
		d.RefusalReason = p.Reason
		d.FinishedAt = at
		d.Status = StatusRefused
	case *Transferred:
		d.Unit = p.ToUnit
		d.Handler = p.ToHandler
		d.Status = StatusProcessing
	case *SupplementRequested:
		d.Supplements++
		d.pause(at, StatusSupplement)
	case *SupplementReceived:
		d.resume(p.DueAfter)
	case *ObligationRequested:
		d.pause(at, StatusObligation)
	case *ObligationMet:
		d.resume(p.DueAfter)
	case *WithdrawalRequested:
		d.PausedAt = time.Time{}
		d.Status = StatusWithdrawing
	case *Stopped:
		d.StopReason = p.Reason
		d.FinishedAt = at
		d.PausedAt = time.Time{}
		d.Status = StatusStopped
	case *Processed:
		d.Result = *p
		d.FinishedAt = at
		d.Status = StatusProcessed
	case *ApologyIssued:
		d.Apologies++
		d.ApologyDue = p.NewDue
		a := *p
		d.apology = &a
	case *Returned:
		d.Returned = *p
		d.ReturnedAt = at
		if d.FinishedAt.IsZero() {
			d.FinishedAt = at
		}
		for _, f := range p.Fees {
			d.FeeAtReturn += f.Amount
		}
		d.Status = StatusReturned
	case *Rated:
		if d.Rating != RatingNone {
			return &TransitionError{Type: e.Type, Status: d.Status, Reason: msgTransitionRated}
		}
		d.Rating = p.Rating
		d.RatingReason = p.Reason
	case *Note:
	}
	return nil
}

func (d *Dossier) start(e *Event) {
	d.ID = e.Dossier
	d.Office = e.Office
}

func (d *Dossier) pause(at time.Time, s Status) {
	d.resumeTo = d.Status
	d.PausedAt = at
	d.Status = s
}

func (d *Dossier) resume(due *time.Time) {
	if due != nil && d.HasDue {
		d.Due = *due
	}
	d.PausedAt = time.Time{}
	if d.resumeTo == StatusNone {
		d.resumeTo = StatusProcessing
	}
	d.Status = d.resumeTo
	d.resumeTo = StatusNone
}

// Paused reports whether the dossier's clock is stopped.
func (d *Dossier) Paused() bool { return !d.PausedAt.IsZero() }

// formSet2025From is when Circular 03/2025/TT-VPCP (signed 15/9/2025, docs/DOMAIN.md
// §2) replaced the forms of Circular 01/2018/TT-VPCP. Its effective-date article could not be
// read from a primary source here: 1/11/2025 is taken as the first day after the 45 days that the
// Law on Promulgation of Legal Documents 2025 (Art. 57) requires at least between signing and
// effect. Correct this date if the Official Gazette text says otherwise.
var formSet2025From = time.Date(2025, 11, 1, 0, 0, 0, 0, vntext.Zone())

// FormSetOn is the form set ("2018" or "2025") a dossier's forms follow when its date is t and
// the office chose `chosen` ("2018", "2025", or "" for the newest): before Circular 03/2025 took
// effect only the 2018 forms existed, whatever the office chooses today. A zero t is now.
func FormSetOn(t time.Time, chosen string) string {
	if !t.IsZero() && t.Before(formSet2025From) {
		return "2018"
	}
	if chosen == "2018" {
		return "2018"
	}
	return "2025"
}
