package protocol

import (
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"motcua/data"
	"motcua/data/vntext"
)

// PathSubmissions is where the province portal's adapter delivers dossiers submitted online.
const PathSubmissions = "/v1/submissions"

// CodeInvalidSubmission (400): the submission breaks a data rule; Field names the field at fault.
const CodeInvalidSubmission = "invalid_submission"

// MaxSubmissionBytes bounds a submission's body: everything in it ends up in one event's payload,
// so a larger body could never be stored.
const MaxSubmissionBytes = data.MaxPayloadBytes

// MaxExternalID bounds the portal's dossier number (the data rule for Submitted.ExternalID).
const MaxExternalID = 100

// SubmissionRequest is a dossier submitted online, as the portal's adapter delivers it. The
// intake's fields are data's own (data.Reception): the hub fills the procedure's name, field,
// unit and online time limit from the office's catalog, and the checklist and reception fees
// when Documents or Fees are left out, exactly as a counter PC would.
type SubmissionRequest struct {
	Protocol       int             `json:"protocol"`
	Office         string          `json:"office"`      // the office's code
	ExternalID     string          `json:"external_id"` // the portal's dossier number: the idempotency key
	Procedure      string          `json:"procedure"`   // the procedure's national code
	Applicant      data.Person     `json:"applicant"`
	Representative *data.Person    `json:"representative,omitempty"`
	Channel        data.Channel    `json:"channel,omitempty"` // 0 or 2: always online
	Delivery       data.Delivery   `json:"delivery,omitempty"`
	Documents      []data.DocCount `json:"documents,omitempty"`
	Sets           int             `json:"sets,omitempty"`
	Fees           []data.Fee      `json:"fees,omitempty"`
	Summary        string          `json:"summary,omitempty"`
}

// SubmissionResponse answers a submission: the dossier's id at the hub and at every station of
// the office. Duplicate says the external id had been delivered before (nothing new stored).
type SubmissionResponse struct {
	Header
	Office     string `json:"office"`
	ExternalID string `json:"external_id"`
	Dossier    string `json:"dossier"`
	Duplicate  bool   `json:"duplicate"`
}

// SubmissionError is the error body of a submission refused for its content: Field names the
// field at fault when data's validation knows it.
type SubmissionError struct {
	Error
	Field string `json:"field,omitempty"`
}

// DecodeSubmission reads a submission and checks its envelope (version, office code, external
// id, channel); the intake itself is checked by the hub with data's rules.
func DecodeSubmission(r io.Reader) (*SubmissionRequest, error) {
	var s SubmissionRequest
	if err := Decode(r, MaxSubmissionBytes, &s); err != nil {
		return nil, err
	}
	if s.Protocol != Version {
		return nil, ErrVersion
	}
	s.Office = strings.ToUpper(strings.TrimSpace(s.Office))
	if !data.ValidOfficeCode(s.Office) {
		return nil, errors.New("mã văn phòng không hợp lệ")
	}
	s.ExternalID = vntext.Clean(s.ExternalID)
	if s.ExternalID == "" {
		return nil, errors.New("thiếu mã hồ sơ trực tuyến (external_id)")
	}
	if utf8.RuneCountInString(s.ExternalID) > MaxExternalID {
		return nil, errors.New("mã hồ sơ trực tuyến quá dài")
	}
	if s.Channel != 0 && s.Channel != data.ChannelOnline {
		return nil, errors.New("hồ sơ từ cổng dịch vụ công phải có kênh 2 (trực tuyến)")
	}
	return &s, nil
}
