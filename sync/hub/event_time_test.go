package hub_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"motcua/sync/protocol"
)

// The hub refuses a pushed event dated 2199 or 1900 (data.ValidEventTime on the hub's clock, the
// range the station's own writes and imports keep), and stores one from a station whose clock is
// a few hours ahead of the hub's.
func TestPushRefusesEventTimesOutOfRange(t *testing.T) {
	f := newFixture(t) // hub clock 2026-03-04 10:00
	f.st.Receive(t, "Nguyễn Văn An")
	req := f.pushBody(t)
	good := req.Events[0]
	at := func(s string, seq int64, id string) protocol.Event {
		e := good
		e.Seq, e.ID, e.At = seq, id, s
		return e
	}
	req.Events = []protocol.Event{
		at("2199-01-01T08:00:00.000+07:00", 1, "01900000-0000-7000-8000-0000000000a1"),
		at("1900-01-01T08:00:00.000+07:00", 2, "01900000-0000-7000-8000-0000000000a2"),
		at("2026-03-04T18:00:00.000+07:00", 3, good.ID),
	}
	code, b := f.post(t, f.tok, mustJSON(req))
	var resp protocol.PushResponse
	if code != http.StatusOK || json.Unmarshal(b, &resp) != nil {
		t.Fatalf("%d %s", code, b)
	}
	if resp.Stored != 1 || len(resp.Rejected) != 2 || resp.Ack != 3 {
		t.Fatalf("answer %+v", resp)
	}
	if r := resp.Rejected[0]; r.Seq != 1 || r.Code != protocol.CodeInvalidEvent || !strings.Contains(r.Reason, "chưa tới") {
		t.Errorf("2199: %+v", r)
	}
	if r := resp.Rejected[1]; r.Seq != 2 || !strings.Contains(r.Reason, "trước năm 2000") {
		t.Errorf("1900: %+v", r)
	}
}

// An event two days after the hub's clock (a station clock running fast) is refused as
// clock_ahead, which the station keeps queued; one a year ahead is invalid_event, final.
func TestPushRefusesEventsAheadOfTheHubAsRetryable(t *testing.T) {
	f := newFixture(t) // hub clock 2026-03-04 10:00
	f.st.Receive(t, "Nguyễn Văn An")
	req := f.pushBody(t)
	good := req.Events[0]
	at := func(s string, seq int64, id string) protocol.Event {
		e := good
		e.Seq, e.ID, e.At = seq, id, s
		return e
	}
	req.Events = []protocol.Event{
		at("2026-03-06T10:30:00.000+07:00", 1, good.ID),
		at("2027-03-06T10:30:00.000+07:00", 2, "01900000-0000-7000-8000-0000000000a2"),
	}
	code, b := f.post(t, f.tok, mustJSON(req))
	var resp protocol.PushResponse
	if code != http.StatusOK || json.Unmarshal(b, &resp) != nil {
		t.Fatalf("%d %s", code, b)
	}
	if resp.Stored != 0 || len(resp.Rejected) != 2 {
		t.Fatalf("answer %+v", resp)
	}
	if r := resp.Rejected[0]; r.Seq != 1 || r.Code != protocol.CodeClockAhead || !strings.Contains(r.Reason, "đồng hồ máy trạm chạy nhanh") {
		t.Errorf("two days ahead: %+v", r)
	}
	if r := resp.Rejected[1]; r.Seq != 2 || r.Code != protocol.CodeInvalidEvent {
		t.Errorf("a year ahead: %+v", r)
	}
}
