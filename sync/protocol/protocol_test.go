package protocol

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

const goodPush = `{"protocol":1,"office":"000.00.06.H56","station":1,"db":"01900000-0000-7000-8000-000000000001",
	"epoch":"e","from":4,"backlog":0,"quarantined":0,"clock_offset_ms":0,"events":[
	{"seq":5,"id":"01900000-0000-7000-8000-000000000002","dossier":"01900000-0000-7000-8000-000000000003",
	 "type":"note","at":"2026-03-02T08:00:00.000+07:00","actor":"a","station":1,"office":"000.00.06.H56",
	 "payload":{"text":"x"}}],"users":[{"username":"a1","full_name":"Cán bộ A","roles":"tiep_nhan","active":true,
	 "updated":"2026-03-01T08:00:00.000+07:00"}]}`

func TestDecodePushAcceptsGood(t *testing.T) {
	p, err := DecodePush(strings.NewReader(goodPush))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Events) != 1 || p.Events[0].Seq != 5 {
		t.Fatalf("%+v", p)
	}
	e, err := ToData(&p.Events[0])
	if err != nil || e.At.IsZero() {
		t.Fatalf("%v %v", e, err)
	}
}

func TestDecodePushRefusesHostile(t *testing.T) {
	cases := map[string]string{
		"not json":        `{"protocol":1,`,
		"wrong type":      strings.Replace(goodPush, `"station":1,"db"`, `"station":"1","db"`, 1),
		"unknown field":   strings.Replace(goodPush, `"epoch":"e"`, `"epoch":"e","admin":true`, 1),
		"trailing value":  goodPush + `{}`,
		"old version":     strings.Replace(goodPush, `"protocol":1`, `"protocol":0`, 1),
		"bad office":      strings.Replace(goodPush, `"office":"000.00.06.H56","station":1,"db"`, `"office":"x';--","station":1,"db"`, 1),
		"station 10":      strings.Replace(goodPush, `"station":1,"db"`, `"station":10,"db"`, 1),
		"seq not after":   strings.Replace(goodPush, `"from":4`, `"from":5`, 1),
		"negative from":   strings.Replace(goodPush, `"from":4`, `"from":-1`, 1),
		"array at top":    `[` + goodPush + `]`,
		"null":            `null`,
		"empty":           ``,
		"bad db":          strings.Replace(goodPush, `"db":"01900000-0000-7000-8000-000000000001"`, `"db":"../../etc"`, 1),
		"duplicated seqs": strings.Replace(goodPush, `"events":[`, `"events":[{"seq":5},`, 1),
		"no accounts":     goodPush[:strings.Index(goodPush, `,"users":`)] + `}`,
		"unknown role":    strings.Replace(goodPush, `"tiep_nhan"`, `"vua"`, 1),
		"system account":  strings.Replace(goodPush, `"a1"`, `"system"`, 1),
		"account twice":   strings.Replace(goodPush, `"users":[{`, `"users":[{"username":"a1","full_name":"B","roles":"xu_ly","active":true,"updated":"2026-03-01T08:00:00.000+07:00"},{`, 1),
		"name not NFC":    strings.Replace(goodPush, `"Cán bộ A"`, "\"Ca\u0301n bo\u0302\u0323 A\"", 1),
		"hash sent":       strings.Replace(goodPush, `"active":true`, `"active":true,"password_hash":"x"`, 1),
	}
	for name, body := range cases {
		if _, err := DecodePush(strings.NewReader(body)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestDecodePushRefusesHugeBody(t *testing.T) {
	huge := `{"protocol":1,"office":"` + strings.Repeat("A", MaxBodyBytes) + `"}`
	if _, err := DecodePush(strings.NewReader(huge)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("want ErrTooLarge, got %v", err)
	}
	var b bytes.Buffer
	b.WriteString(`{"protocol":1,"office":"000.00.06.H56","station":1,"db":"01900000-0000-7000-8000-000000000001","from":0,"events":[`)
	for i := 1; i <= MaxBatchEvents+1; i++ {
		if i > 1 {
			b.WriteByte(',')
		}
		b.WriteString(`{"seq":` + itoa(i) + `}`)
	}
	b.WriteString(`]}`)
	if _, err := DecodePush(&b); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("too many events: want ErrTooLarge, got %v", err)
	}
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

func TestToDataRefusesBadIDsAndTimes(t *testing.T) {
	p, err := DecodePush(strings.NewReader(goodPush))
	if err != nil {
		t.Fatal(err)
	}
	for name, mut := range map[string]func(e *Event){
		"id":      func(e *Event) { e.ID = "nope" },
		"dossier": func(e *Event) { e.Dossier = "{01900000-0000-7000-8000-000000000003}" },
		"time":    func(e *Event) { e.At = "yesterday" },
	} {
		e := p.Events[0]
		mut(&e)
		if _, err := ToData(&e); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// FuzzDecodePush: any body either is refused or decodes to a push that passes Validate and
// survives a round trip; it never panics.
func FuzzDecodePush(f *testing.F) {
	f.Add([]byte(goodPush))
	f.Add([]byte(`{"protocol":1,"events":[{"seq":1,"payload":{}}]}`))
	f.Add([]byte(`{"protocol":1,"office":"A","station":0,"db":"01900000-0000-7000-8000-000000000001","from":0,"events":[]}`))
	f.Add([]byte(`{"protocol":1e400}`))
	f.Add([]byte("\xff\xfe{}"))
	f.Fuzz(func(t *testing.T, body []byte) {
		p, err := DecodePush(bytes.NewReader(body))
		if err != nil {
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("decoded but invalid: %v", err)
		}
		for i := range p.Events {
			ToData(&p.Events[i]) // must not panic
		}
		again, err := json.Marshal(p)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := DecodePush(bytes.NewReader(again)); err != nil {
			t.Fatalf("round trip refused: %v", err)
		}
	})
}

// A station of an earlier version sends no accounts: it is told to update (version), so that
// nothing of it is quarantined for want of the accounts that check it.
func TestDecodePushWithoutAccountsIsAnotherVersion(t *testing.T) {
	_, err := DecodePush(strings.NewReader(goodPush[:strings.Index(goodPush, `,"users":`)] + `}`))
	if !errors.Is(err, ErrVersion) {
		t.Fatalf("want ErrVersion, got %v", err)
	}
	if _, err = DecodePush(strings.NewReader(goodPush[:strings.Index(goodPush, `,"users":`)] + `,"users":[]}`)); err != nil {
		t.Fatalf("an empty list is a list: %v", err)
	}
}
