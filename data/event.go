package data

import (
	"encoding/json"
	"time"

	"github.com/google/uuid"

	"motcua/data/vntext"
)

// EventType names what happened to a dossier. The strings go over the sync wire: never rename one.
type EventType string

// Event types, one per workflow step of docs/DOMAIN.md §4.
const (
	EvSubmitted           EventType = "submitted" // online submission, not yet accepted
	EvReceived            EventType = "received"
	EvRefused             EventType = "refused"
	EvTransferred         EventType = "transferred"
	EvSupplementRequested EventType = "supplement_requested"
	EvSupplementReceived  EventType = "supplement_received"
	EvObligationRequested EventType = "obligation_requested"
	EvObligationMet       EventType = "obligation_met"
	EvWithdrawalRequested EventType = "withdrawal_requested"
	EvStopped             EventType = "stopped"
	EvProcessed           EventType = "processed"
	EvApologyIssued       EventType = "apology_issued"
	EvReturned            EventType = "returned"
	EvRated               EventType = "rated"
	EvNote                EventType = "note"
)

var verbs = map[EventType]text{
	EvSubmitted:           {"đăng ký trực tuyến", "register online"},
	EvReceived:            {"tiếp nhận hồ sơ", "receive the dossier"},
	EvRefused:             {"từ chối tiếp nhận", "refuse the dossier"},
	EvTransferred:         {"chuyển hồ sơ", "transfer the dossier"},
	EvSupplementRequested: {"yêu cầu bổ sung", "ask for a supplement"},
	EvSupplementReceived:  {"nhận bổ sung", "receive the supplement"},
	EvObligationRequested: {"yêu cầu thực hiện nghĩa vụ tài chính", "ask for the financial obligation"},
	EvObligationMet:       {"xác nhận hoàn thành nghĩa vụ tài chính", "confirm the financial obligation is met"},
	EvWithdrawalRequested: {"ghi nhận yêu cầu rút hồ sơ", "record a request to withdraw the dossier"},
	EvStopped:             {"dừng xử lý", "stop processing"},
	EvProcessed:           {"ghi nhận đã xử lý xong", "record the dossier as processed"},
	EvApologyIssued:       {"phát hành văn bản xin lỗi", "issue a letter of apology"},
	EvReturned:            {"trả kết quả", "return the result"},
	EvRated:               {"ghi nhận đánh giá", "record the rating"},
	EvNote:                {"ghi chú", "add a note"},
}

// Verb is the Vietnamese action, for messages ("không thể trả kết quả …").
func (t EventType) Verb() string { return t.verb().VI }

// VerbIn is the action in lang ("en" for English, anything else Vietnamese), for screens.
func (t EventType) VerbIn(lang string) string { return t.verb().In(lang) }

// verb is the action in each language: an argument of a message, rendered in the message's
// language ("cannot return the result …"); an unknown type is named as it is.
func (t EventType) verb() text {
	if v, ok := verbs[t]; ok {
		return v
	}
	return text{VI: string(t), EN: string(t)}
}

// Known reports whether t is one of the event types above.
func (t EventType) Known() bool { _, ok := verbs[t]; return ok }

// Event is one immutable row of the log. Payload is the JSON of the type's payload struct.
type Event struct {
	Seq      int64 // local sequence, assigned by the store; the sync cursor
	ID       uuid.UUID
	Dossier  uuid.UUID
	Type     EventType
	At       time.Time // when it happened, office zone
	Actor    string    // username
	Station  int
	Office   string // agency code of the office the dossier belongs to
	Payload  json.RawMessage
	Conflict string // set when the event did not fit its place in a replay (kept, shown to a person)
}

// Payload is implemented by the payload struct of each event type.
type Payload interface {
	EventType() EventType
	validate() error
}

// DecodePayload parses an event's payload for its type and validates it. Events arriving by sync
// are untrusted, so every field is checked here and not only in the GUI; the decoding is strict
// (decodePayloadStrict).
func DecodePayload(t EventType, raw []byte) (Payload, error) { return decodePayloadStrict(t, raw) }

// maxPayloadBytes bounds one event; a received dossier with its documents is a few KB.
const maxPayloadBytes = 64 << 10

func newPayload(t EventType) Payload {
	switch t {
	case EvSubmitted:
		return &Submitted{}
	case EvReceived:
		return &Received{}
	case EvRefused:
		return &Refused{}
	case EvTransferred:
		return &Transferred{}
	case EvSupplementRequested:
		return &SupplementRequested{}
	case EvSupplementReceived:
		return &SupplementReceived{}
	case EvObligationRequested:
		return &ObligationRequested{}
	case EvObligationMet:
		return &ObligationMet{}
	case EvWithdrawalRequested:
		return &WithdrawalRequested{}
	case EvStopped:
		return &Stopped{}
	case EvProcessed:
		return &Processed{}
	case EvApologyIssued:
		return &ApologyIssued{}
	case EvReturned:
		return &Returned{}
	case EvRated:
		return &Rated{}
	case EvNote:
		return &Note{}
	}
	return nil
}

// The range of times an event may carry is one for every writer — the counter, a register
// import, a station applying what it pulled, the hub storing what a station pushed — so that what
// one accepts no other refuses: a refused event would leave the hub and the stations different for
// good (docs/sync-protocol.md). It starts at minEventTime: no office used this software, or kept a
// register, before 2000; a register dated 1900 is a typo, and a PC whose clock reset itself to
// 1980 is not to be believed.
var minEventTime = time.Date(2000, 1, 1, 0, 0, 0, 0, vntext.Zone())

// MaxClockSkew is how far ahead of the checking PC's clock an event may be: a station's clock
// may run ahead of the hub's, and the hub's ahead of a station's that pulls. A day allows for any
// clock that is merely off, and still refuses a year mistyped.
const MaxClockSkew = 24 * time.Hour

// ValidEventTime checks that t lies in the range of event times: from 1 January 2000 to now plus
// MaxClockSkew, now being the checking PC's clock. The error is Vietnamese, for the person who
// fixes the file or the clock.
func ValidEventTime(t, now time.Time) error {
	t, now = t.In(vntext.Zone()), now.In(vntext.Zone())
	if t.Before(minEventTime) {
		return inputError(KeyEventTime, msgTimeTooEarly, vntext.DateTime(t), minEventTime.Year())
	}
	if limit := now.Add(MaxClockSkew); t.After(limit) {
		return inputError(KeyEventTime, msgTimeAhead, vntext.DateTime(t), vntext.DateTime(now))
	}
	return nil
}
