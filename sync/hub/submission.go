package hub

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"motcua/data"
	"motcua/data/vntext"
	"motcua/sync/protocol"
)

// Events the hub writes itself (dossiers submitted online through the portal) are stored with
// this origin, an actor and a station number no PC uses for its own writes' origin: stations
// pull them like any other PC's events, and never push them back (they push only what they
// wrote). The station number is 0, the number of an office's first PC; a submission mints no
// code, so it takes nothing from that PC's block of dossier numbers.
const (
	PortalOrigin  = "portal"
	PortalStation = 0
)

// EnrollPortal issues a token for the province portal's adapter: it may only deliver online
// submissions, for office code or (code "") for every office on this hub.
func (h *Hub) EnrollPortal(ctx context.Context, code string) (string, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if code != "" && !data.ValidOfficeCode(code) {
		return "", fmt.Errorf("mã văn phòng không hợp lệ %q", code)
	}
	return h.issue(ctx, "portal", code, -1)
}

// SubmitError is a submission refused: nothing was stored.
type SubmitError struct {
	Status int
	Code   string
	Field  string // the field at fault, for a refused intake
	Reason string
}

func (e *SubmitError) Error() string { return e.Reason }

// Submitted is the dossier a submission became.
type Submitted struct {
	Dossier   string
	Duplicate bool
}

// Submit records a dossier submitted online for the portal's adapter p: a submitted event in the
// office's log, built and validated by data's own rules (the intake from the office's catalog as
// the hub last received it from a station), which every station of the office then pulls. The
// same external id again answers the first delivery's dossier. A refusal is a *SubmitError.
func (h *Hub) Submit(ctx context.Context, p *Principal, req *protocol.SubmissionRequest) (*Submitted, error) {
	if p.Kind != "portal" {
		return nil, &SubmitError{Status: http.StatusForbidden, Code: protocol.CodeForbidden,
			Reason: "mã truy cập này không dùng để gửi hồ sơ trực tuyến"}
	}
	if p.Office != "" && p.Office != req.Office {
		return nil, &SubmitError{Status: http.StatusForbidden, Code: protocol.CodeForbidden,
			Reason: fmt.Sprintf("mã truy cập chỉ gửi hồ sơ cho văn phòng %s", p.Office)}
	}
	o, err := h.office(ctx, req.Office, false)
	if err != nil {
		return nil, &SubmitError{Status: http.StatusNotFound, Code: protocol.CodeNotFound, Reason: err.Error()}
	}
	// One writer per office: the look-up of the external id and the write cannot interleave with
	// another delivery of the same submission.
	o.mu.Lock()
	defer o.mu.Unlock()
	var dossier, stored string
	err = h.db.QueryRowContext(ctx, "SELECT dossier, event FROM submissions WHERE office = ? AND external_id = ?",
		req.Office, req.ExternalID).Scan(&dossier, &stored)
	switch {
	case err == nil:
		var w protocol.Event
		if err := json.Unmarshal([]byte(stored), &w); err != nil {
			return nil, fmt.Errorf("đọc hồ sơ trực tuyến đã nhận: %w", err)
		}
		e, err := protocol.ToData(&w)
		if err != nil {
			return nil, fmt.Errorf("đọc hồ sơ trực tuyến đã nhận: %w", err)
		}
		// Normally a no-op; it completes a first delivery that failed after its row was written.
		if _, err := o.store.ApplyPushed(ctx, PortalOrigin, []data.Event{e}); err != nil {
			return nil, err
		}
		return &Submitted{Dossier: dossier, Duplicate: true}, nil
	case !errors.Is(err, sql.ErrNoRows):
		return nil, fmt.Errorf("đọc hồ sơ trực tuyến đã nhận: %w", err)
	}

	e, err := h.submittedEvent(ctx, o.store, req)
	if err != nil {
		return nil, err
	}
	wire, err := json.Marshal(protocol.FromData(&e, PortalOrigin))
	if err != nil {
		return nil, err
	}
	_, err = h.db.ExecContext(ctx, "INSERT INTO submissions(office, external_id, dossier, event, at) VALUES (?, ?, ?, ?, ?)",
		req.Office, req.ExternalID, e.Dossier.String(), string(wire), h.now().Format(time.RFC3339))
	if err != nil {
		return nil, fmt.Errorf("ghi hồ sơ trực tuyến: %w", err)
	}
	res, err := o.store.ApplyPushed(ctx, PortalOrigin, []data.Event{e})
	if err != nil {
		// The row stays: the adapter retries after a 500, and the retry stores this same event.
		return nil, err
	}
	if len(res.Rejected) > 0 {
		if _, err := h.db.ExecContext(ctx, "DELETE FROM submissions WHERE office = ? AND external_id = ?", req.Office, req.ExternalID); err != nil {
			return nil, fmt.Errorf("xóa hồ sơ trực tuyến bị từ chối: %w", err)
		}
		return nil, &SubmitError{Status: http.StatusBadRequest, Code: protocol.CodeInvalidSubmission, Reason: res.Rejected[0].Reason}
	}
	return &Submitted{Dossier: e.Dossier.String()}, nil
}

// submittedEvent builds and validates the event of a new online dossier.
func (h *Hub) submittedEvent(ctx context.Context, s *data.Store, req *protocol.SubmissionRequest) (data.Event, error) {
	in, err := s.Intake(ctx, data.Reception{Procedure: req.Procedure, Applicant: req.Applicant, Representative: req.Representative,
		Channel: data.ChannelOnline, Delivery: req.Delivery, Documents: req.Documents, Sets: req.Sets, Fees: req.Fees,
		Summary: req.Summary})
	if err != nil {
		return data.Event{}, refusal(err)
	}
	payload, err := json.Marshal(&data.Submitted{Intake: in, ExternalID: req.ExternalID})
	if err != nil {
		return data.Event{}, err
	}
	at := h.now().In(vntext.Zone()).Truncate(time.Millisecond)
	e := data.Event{ID: data.NewDossierID(at), Dossier: data.NewDossierID(at), Type: data.EvSubmitted, At: at,
		Actor: data.System.Username, Station: PortalStation, Office: req.Office, Payload: payload}
	if _, err := data.ValidateEvent(&e, h.now()); err != nil {
		return data.Event{}, refusal(err)
	}
	return e, nil
}

// refusal turns data's validation error into a 400 naming the field; other errors stay errors.
func refusal(err error) error {
	var ie *data.InputError
	if errors.As(err, &ie) {
		return &SubmitError{Status: http.StatusBadRequest, Code: protocol.CodeInvalidSubmission, Field: ie.Field, Reason: ie.Error()}
	}
	return err
}

func (s *Server) submit(w http.ResponseWriter, r *http.Request, p *Principal) {
	if p.Kind != "portal" {
		s.fail(w, http.StatusForbidden, protocol.CodeForbidden, "mã truy cập này không dùng để gửi hồ sơ trực tuyến")
		return
	}
	req, err := protocol.DecodeSubmission(http.MaxBytesReader(w, r.Body, protocol.MaxSubmissionBytes+1))
	if err != nil {
		s.decodeFailure(w, err)
		return
	}
	res, err := s.h.Submit(r.Context(), p, req)
	var se *SubmitError
	if errors.As(err, &se) {
		// the reason is quoted as the portal was told it (in its users' language)
		s.log.Printf("online submission %s for office %s refused (%s), the portal told %q",
			quoteShort(req.ExternalID), quoteShort(req.Office), se.Code, se.Reason)
		s.logRefusal(w, se.Status, se.Code, se.Reason)
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("X-Motcua-Hub-Time", protocol.FormatTime(s.h.now()))
		w.WriteHeader(se.Status)
		json.NewEncoder(w).Encode(protocol.SubmissionError{
			Error: protocol.Error{Header: s.header(), Code: se.Code, Reason: se.Reason}, Field: se.Field})
		return
	}
	if err != nil {
		s.internal(w, err)
		return
	}
	status := http.StatusCreated
	if res.Duplicate {
		status = http.StatusOK
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Motcua-Hub-Time", protocol.FormatTime(s.h.now()))
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(protocol.SubmissionResponse{Header: s.header(), Office: req.Office,
		ExternalID: req.ExternalID, Dossier: res.Dossier, Duplicate: res.Duplicate}); err != nil {
		s.log.Printf("sending the answer: %s", logText(err))
	}
}
