package data

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"
)

// Reception is what the counter officer fills in for a new dossier.
type Reception struct {
	Submission     uuid.UUID // an online submission being accepted; uuid.Nil for a new dossier
	Procedure      string    // procedure code
	Applicant      Person
	Representative *Person
	Channel        Channel
	Delivery       Delivery
	Documents      []DocCount // nil: the procedure's checklist as the catalog gives it
	Sets           int
	Fees           []Fee // nil: the procedure's fees collected at reception
	Summary        string
}

// Intake builds the recorded intake from the catalog: procedure name, field, unit and the time
// limit for the channel are copied so that the dossier keeps them if the catalog changes later.
func (s *Store) Intake(ctx context.Context, r Reception) (Intake, error) {
	p, err := s.Procedure(ctx, r.Procedure)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return Intake{}, inputError(KeyProcedure, msgUnknownProcedure)
		}
		return Intake{}, err
	}
	if r.Channel == 0 {
		r.Channel = ChannelDirect
	}
	if r.Delivery == "" {
		r.Delivery = DeliveryCounter
	}
	in := Intake{
		Procedure: p.Code, ProcedureName: p.Name, Field: p.Field, Unit: p.Unit,
		Applicant: r.Applicant, Representative: r.Representative, Channel: r.Channel, Delivery: r.Delivery,
		Documents: r.Documents, Sets: r.Sets, Fees: r.Fees, Summary: r.Summary, Limit: p.LimitFor(r.Channel),
	}
	if in.Applicant.Type == 0 {
		in.Applicant.Type = ApplicantCitizen
	}
	if in.Sets == 0 {
		in.Sets = 1
	}
	if in.Documents == nil {
		for _, d := range p.Documents {
			in.Documents = append(in.Documents, DocCount{N: d.N, Name: d.Name, Originals: d.Originals, Copies: d.Copies})
		}
	}
	if in.Fees == nil {
		for _, f := range p.Fees {
			if f.Stage == FeeAtReception && f.Amount > 0 {
				in.Fees = append(in.Fees, Fee{Name: f.Name, Amount: f.Amount})
			}
		}
	}
	normalizeIntake(&in)
	return in, nil
}

// DueFor is the due date a dossier of that procedure would get if received at `at` on channel c:
// the reception screen shows it live. ok is false for a procedure without a due date.
func (s *Store) DueFor(ctx context.Context, procedure string, c Channel, at time.Time) (due time.Time, ok bool, err error) {
	p, err := s.Procedure(ctx, procedure)
	if err != nil {
		return time.Time{}, false, err
	}
	due, ok = s.Calendar().Due(at.In(s.loc), p.LimitFor(c))
	return due, ok, nil
}

// Receive accepts a dossier at the counter: mints its code, computes its due date and writes the
// event, the projection and the search entry in one durable transaction.
func (s *Store) Receive(ctx context.Context, actor *User, r Reception) (*Written, error) {
	p := &Received{}
	if err := s.fillIntake(ctx, r, &p.Intake); err != nil {
		return nil, err
	}
	if err := s.checkRequired(ctx, r); err != nil {
		return nil, err
	}
	return s.write(ctx, actor, r.Submission, p)
}

// checkRequired refuses a reception whose checklist leaves out a document the procedure requires
// (marked * at the counter): such a dossier is not complete, and the law asks the officer to guide
// the applicant (form 02) rather than receive it (docs/DOMAIN.md §4). Only the counter's Receive is
// checked, and only when it says what was handed in: nil Documents means "the catalog's checklist"
// and accepting an online submission as submitted carries no ticks. Online submissions (Submit)
// are not receptions — the officer checks them when accepting them here — and imported registers
// and synced events record history that already happened, so neither is refused afterwards.
func (s *Store) checkRequired(ctx context.Context, r Reception) error {
	if r.Documents == nil || (r.Submission != uuid.Nil && r.Procedure == "") {
		return nil
	}
	p, err := s.Procedure(ctx, r.Procedure)
	if err != nil {
		return err
	}
	given := map[int]bool{}
	for _, d := range r.Documents {
		given[d.N] = true
	}
	var missing []string
	for _, d := range p.Documents {
		if d.Required && !given[d.N] {
			missing = append(missing, fmt.Sprintf("%d. %s", d.N, d.Name))
		}
	}
	if len(missing) == 0 {
		return nil
	}
	// The key is the checklist as a whole (KeyDocuments, no index): the counter guides the
	// applicant with form 02 instead.
	return inputError(KeyDocuments, msgMissingRequired, strings.Join(missing, "; "))
}

// Refuse records a dossier not accepted (form 03), at the counter or from an online submission.
func (s *Store) Refuse(ctx context.Context, actor *User, r Reception, reason string) (*Written, error) {
	p := &Refused{Reason: reason}
	if err := s.fillIntake(ctx, r, &p.Intake); err != nil {
		return nil, err
	}
	return s.write(ctx, actor, r.Submission, p)
}

// fillIntake builds the intake of a new dossier; accepting an online submission as it was
// submitted (no procedure given) keeps the submitted intake.
func (s *Store) fillIntake(ctx context.Context, r Reception, in *Intake) error {
	if r.Submission != uuid.Nil && r.Procedure == "" {
		return nil
	}
	var err error
	*in, err = s.Intake(ctx, r)
	return err
}

// Submit records a dossier submitted online (status 1), waiting to be accepted at the counter.
func (s *Store) Submit(ctx context.Context, actor *User, r Reception, externalID string) (*Dossier, error) {
	r.Channel = ChannelOnline
	in, err := s.Intake(ctx, r)
	if err != nil {
		return nil, err
	}
	w, err := s.write(ctx, actor, uuid.Nil, &Submitted{Intake: in, ExternalID: externalID})
	if err != nil {
		return nil, err
	}
	return w.Dossier, nil
}
