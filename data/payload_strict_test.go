package data

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"motcua/data/calendar"
)

// Everything the store itself writes passes the strict scan: every payload type, and a received
// dossier with every nested part filled.
func TestStrictScanAcceptsWhatTheStoreWrites(t *testing.T) {
	due := time.Date(2026, 3, 5, 17, 0, 0, 0, time.UTC)
	full := &Received{Intake: Intake{Procedure: "1.004873", ProcedureName: "Thủ tục", Field: "HT", Unit: "TP",
		Applicant:      Person{Type: 1, Name: "Nguyễn Văn An", IDNo: "038085001234", Phone: "0912345678", Email: "a@b.vn", Address: "Thôn <Đông> & \"Tây\""},
		Representative: &Person{Name: "Lê Thị Hoa"}, Channel: 1, Delivery: "quay",
		Documents: []DocCount{{N: 1, Name: "Tờ khai", Originals: 1}}, Sets: 1, Fees: []Fee{{Name: "Lệ phí", Amount: 5000}},
		Summary: "Dòng 1\nDòng 2", Limit: calendar.Limit{Value: 3, Unit: calendar.WorkingDays}},
		Code: "000.00.06.H56-260302-0001", Due: &due, FormSet: "2025", BookNo: 3}
	samples := []Payload{full, &SupplementRequested{Items: []DocCount{{Name: "Bản sao"}}, Reason: "Thiếu"},
		&Returned{ReceiverName: "An", Fees: []Fee{{Name: "Phí", Amount: 1}}}, &ApologyIssued{Reason: "Chậm", NewDue: due}}
	for _, typ := range workflowOrder {
		samples = append(samples, newPayload(typ))
	}
	for _, p := range samples {
		raw, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		if err := scanPayload(payloadShapes[p.EventType()], raw); err != nil {
			t.Errorf("%s %s: %v", p.EventType(), raw, err)
		}
	}
	if _, err := DecodePayload(EvReceived, mustMarshal(t, full)); err != nil {
		t.Errorf("full received: %v", err)
	}
}

func mustMarshal(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// What encoding/json alone would let through is refused, each with a reason.
func TestStrictDecodeRefusesWhatJSONLetsThrough(t *testing.T) {
	cases := map[string]string{
		"invalid UTF-8":         "{\"text\":\"Ghi \xff\xfe chú\"}",
		"lone surrogate":        `{"text":"Ghi \ud800 chú"}`,
		"surrogate pair":        `{"text":"\ud83d\ude00"}`,
		"unknown field":         `{"text":"Ghi chú","x":1}`,
		"unknown deep field":    `{"text":"Ghi chú","x":` + strings.Repeat(`{"a":`, 5000) + `1` + strings.Repeat(`}`, 5000) + `}`,
		"field of another type": `{"text":"Ghi chú","reason":"x"}`,
		"name in another case":  `{"Text":"Ghi chú"}`,
		"name twice":            `{"text":"Ghi chú","text":"khác"}`,
		"escaped name":          `{"t\u0065xt":"Ghi chú"}`,
		"not an object":         `"Ghi chú"`,
		"null":                  `null`,
		"two values":            `{"text":"Ghi chú"}{"text":"x"}`,
		"too deep":              `{"text":"Ghi chú","items":[[[[1]]]]}`,
		"not NFC":               "{\"text\":\"Nguye\u0302\u0303n\"}",
		"control character":     `{"text":"Ghi\u0007chú"}`,
	}
	for name, raw := range cases {
		if _, err := DecodePayload(EvNote, []byte(raw)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := DecodePayload(EvNote, []byte(` {"text":"Ghi chú \u003c&\u003e"} `)); err != nil {
		t.Errorf("escaped text: %v", err)
	}
}
