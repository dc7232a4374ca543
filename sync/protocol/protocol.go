// Package protocol is the wire format between a station and the hub (docs/sync-protocol.md):
// versioned JSON over HTTPS. Everything a hub reads from the network passes through the strict
// decoders here first: bounded size, no unknown fields, one JSON value, validated shape.
package protocol

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"time"

	"github.com/google/uuid"

	"motcua/data"
)

// Version is the protocol version this build speaks; a request with another is refused.
const Version = 1

// Limits. A batch of MaxBatchEvents typical events (a few KB each) fits MaxBodyBytes; a station
// also cuts a batch early when it would exceed MaxBodyBytes.
const (
	MaxBatchEvents = 1000
	MaxBodyBytes   = 8 << 20
	MaxPullEvents  = 1000
	TimeFormat     = "2006-01-02T15:04:05.000Z07:00"
)

// Paths of the endpoints.
const (
	PathHello  = "/v1/hello"
	PathPush   = "/v1/push"
	PathPull   = "/v1/pull"
	PathOffice = "/v1/office"
	PathStats  = "/v1/stats"
	PathExport = "/v1/export"
	PathHealth = "/health"
)

// Error codes of error bodies.
const (
	CodeMalformed    = "malformed"     // 400: not JSON, wrong types, unknown fields, bad shape
	CodeVersion      = "version"       // 400: a protocol version this hub does not speak
	CodeUnauthorized = "unauthorized"  // 401: no token, unknown or revoked token
	CodeForbidden    = "forbidden"     // 403: office or station other than the token's
	CodeNotFound     = "not_found"     // 404
	CodeTimeout      = "timeout"       // 408: the body came too slowly
	CodeTooLarge     = "too_large"     // 413: body over MaxBodyBytes or too many events
	CodeBusy         = "busy"          // 429 or 503 with Retry-After: come back later
	CodeInternal     = "internal"      // 500
	CodeInvalidEvent = "invalid_event" // in a push answer: one event refused, the rest stored
	// CodeClockAhead, in a push answer: one event dated more than a day after the hub's clock
	// (and at most MaxHeldAhead). Not final: the station keeps it and what follows queued and
	// sends them again later (docs/sync-protocol.md).
	CodeClockAhead = "clock_ahead"
)

// MaxHeldAhead bounds how far after the hub's clock an event may be dated and still be refused as
// CodeClockAhead (held at the station) rather than CodeInvalidEvent (quarantined): a clock a few
// days fast is put right and its events become acceptable soon; a year mistyped would hold the
// station's whole queue for that year.
const MaxHeldAhead = 31 * 24 * time.Hour

// Header every answer carries: the hub's clock and epoch, also on errors.
type Header struct {
	Protocol int    `json:"protocol"`
	Epoch    string `json:"epoch"`    // changes when the hub lost its data: re-send from the start
	HubTime  string `json:"hub_time"` // RFC 3339, milliseconds
}

// Error is the body of every non-2xx answer.
type Error struct {
	Header
	Code   string `json:"code"`
	Reason string `json:"reason"`
}

func (e *Error) Error() string { return e.Code + ": " + e.Reason }

// Event is one log event on the wire.
type Event struct {
	Seq     int64           `json:"seq"` // station's sequence in a push; hub's feed position in a pull
	ID      string          `json:"id"`
	Dossier string          `json:"dossier"`
	Type    string          `json:"type"`
	At      string          `json:"at"`
	Actor   string          `json:"actor"`
	Station int             `json:"station"`
	Office  string          `json:"office"`
	Payload json.RawMessage `json:"payload"`
	Origin  string          `json:"origin,omitempty"` // pull only: the database that wrote it
}

// HelloRequest opens a session and, on a fresh PC, enrols it: the answer names the office and
// station the token is bound to.
type HelloRequest struct {
	Protocol    int    `json:"protocol"`
	DB          string `json:"db"`           // the station database's id
	StationTime string `json:"station_time"` // the PC's clock
}

// HelloResponse is the answer to a hello.
type HelloResponse struct {
	Header
	Office  string `json:"office"`
	Station int    `json:"station"`
}

// PushRequest carries the station's events after its acknowledged cursor, in sequence order.
type PushRequest struct {
	Protocol    int     `json:"protocol"`
	Office      string  `json:"office"`
	Station     int     `json:"station"`
	DB          string  `json:"db"`
	Epoch       string  `json:"epoch"`       // the hub epoch the cursor belongs to
	From        int64   `json:"from"`        // the acknowledged cursor: every event's seq is above it
	Backlog     int     `json:"backlog"`     // events waiting after this batch (for the health page)
	Quarantined int     `json:"quarantined"` // events in the station's quarantine
	ClockOffset int64   `json:"clock_offset_ms"`
	Events      []Event `json:"events"`
	// Users are the office's accounts as this station holds them (Account), in every push so
	// that an account created and acting in the same push is known before its events are checked.
	Users []Account `json:"users"`
	// Accounts are Users converted and validated by Validate.
	Accounts []data.Account `json:"-"`
}

// Rejected is one event the hub refused, with its reason; the station quarantines it.
type Rejected struct {
	Seq    int64  `json:"seq"`
	ID     string `json:"id"`
	Code   string `json:"code"`
	Reason string `json:"reason"`
}

// PushResponse acknowledges a push: every event up to Ack is held (stored now or before) or
// refused (listed in Rejected). Only this advances the station's cursor.
type PushResponse struct {
	Header
	Ack        int64      `json:"ack"`
	Stored     int        `json:"stored"`
	Duplicates int        `json:"duplicates"`
	Rejected   []Rejected `json:"rejected"`
}

// PullResponse is a page of the office's feed after the cursor the station sent.
type PullResponse struct {
	Header
	Events []Event `json:"events"`
	Next   int64   `json:"next"` // the cursor to send next time
	More   bool    `json:"more"` // another page is ready now
}

// OfficeRequest uploads the station's office snapshot (details, settings, catalog, calendar).
type OfficeRequest struct {
	Protocol int           `json:"protocol"`
	Snapshot data.Snapshot `json:"snapshot"`
}

// OfficeResponse is the hub's office snapshot and its version (0 and no snapshot: none yet).
// Version grows with every upload.
type OfficeResponse struct {
	Header
	Version  int64          `json:"version"`
	Snapshot *data.Snapshot `json:"snapshot,omitempty"`
}

// DecodeOffice reads an office upload.
func DecodeOffice(r io.Reader) (*OfficeRequest, error) {
	var o OfficeRequest
	if err := Decode(r, MaxBodyBytes, &o); err != nil {
		return nil, err
	}
	if o.Protocol != Version {
		return nil, ErrVersion
	}
	if !data.ValidOfficeCode(o.Snapshot.Office.Code) {
		return nil, errors.New("mã văn phòng không hợp lệ")
	}
	return &o, nil
}

// ErrTooLarge is returned by the decoders for a body over the limit.
var ErrTooLarge = errors.New("nội dung yêu cầu quá lớn")

// Decode reads exactly one JSON value of at most limit bytes into v, refusing unknown fields and
// anything after the value.
func Decode(r io.Reader, limit int64, v any) error {
	body, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return fmt.Errorf("đọc yêu cầu: %w", err)
	}
	if int64(len(body)) > limit {
		return ErrTooLarge
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("JSON không hợp lệ: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("JSON không hợp lệ: có dữ liệu thừa sau giá trị")
	}
	return nil
}

var dbPattern = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

// DecodePush reads and checks the shape of a push: version, office, station, database id, the
// batch size and strictly increasing sequences above From. The content of each event is checked
// one by one by the hub (ToData, then the data rules), so one bad event is refused alone.
func DecodePush(r io.Reader) (*PushRequest, error) {
	var p PushRequest
	if err := Decode(r, MaxBodyBytes, &p); err != nil {
		return nil, err
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return &p, nil
}

// ErrVersion is returned for a request of another protocol version.
var ErrVersion = fmt.Errorf("phiên bản giao thức không được hỗ trợ (máy chủ dùng %d)", Version)

// Validate checks a push's shape.
func (p *PushRequest) Validate() error {
	if p.Protocol != Version {
		return ErrVersion
	}
	if !data.ValidOfficeCode(p.Office) {
		return errors.New("mã văn phòng không hợp lệ")
	}
	if p.Station < 0 || p.Station > 9 {
		return errors.New("số máy trạm phải từ 0 đến 9")
	}
	if !dbPattern.MatchString(p.DB) {
		return errors.New("mã cơ sở dữ liệu không hợp lệ")
	}
	if p.From < 0 || p.Backlog < 0 || p.Quarantined < 0 {
		return errors.New("số âm không hợp lệ")
	}
	if len(p.Events) > MaxBatchEvents {
		return ErrTooLarge
	}
	last := p.From
	for i := range p.Events {
		e := &p.Events[i]
		if e.Seq <= last {
			return fmt.Errorf("sự kiện %d: số thứ tự %d không tăng dần sau %d", i, e.Seq, last)
		}
		last = e.Seq
		if len(e.Payload) > data.MaxPayloadBytes {
			return fmt.Errorf("sự kiện %d: nội dung quá lớn", i)
		}
	}
	return p.validateAccounts()
}

// DecodeHello reads a hello.
func DecodeHello(r io.Reader) (*HelloRequest, error) {
	var h HelloRequest
	if err := Decode(r, 4<<10, &h); err != nil {
		return nil, err
	}
	if h.Protocol != Version {
		return nil, ErrVersion
	}
	if !dbPattern.MatchString(h.DB) {
		return nil, errors.New("mã cơ sở dữ liệu không hợp lệ")
	}
	return &h, nil
}

// ToData converts a wire event to a log event, checking its ids and time; the payload is left to
// data.ValidateEvent.
func ToData(e *Event) (data.Event, error) {
	id, err := uuid.Parse(e.ID)
	if err != nil || len(e.ID) != 36 {
		return data.Event{}, errors.New("mã sự kiện không hợp lệ")
	}
	dossier, err := uuid.Parse(e.Dossier)
	if err != nil || len(e.Dossier) != 36 {
		return data.Event{}, errors.New("mã hồ sơ không hợp lệ")
	}
	at, err := time.Parse(TimeFormat, e.At)
	if err != nil {
		return data.Event{}, errors.New("thời điểm sự kiện không đúng dạng RFC 3339 (mili giây)")
	}
	return data.Event{Seq: e.Seq, ID: id, Dossier: dossier, Type: data.EventType(e.Type), At: at, Actor: e.Actor,
		Station: e.Station, Office: e.Office, Payload: e.Payload}, nil
}

// FromData converts a log event for the wire.
func FromData(e *data.Event, origin string) Event {
	return Event{Seq: e.Seq, ID: e.ID.String(), Dossier: e.Dossier.String(), Type: string(e.Type),
		At: e.At.Format(TimeFormat), Actor: e.Actor, Station: e.Station, Office: e.Office,
		Payload: e.Payload, Origin: origin}
}

// FormatTime writes a clock for the wire.
func FormatTime(t time.Time) string { return t.Format(TimeFormat) }

// ParseTime reads a clock from the wire.
func ParseTime(s string) (time.Time, error) { return time.Parse(TimeFormat, s) }
