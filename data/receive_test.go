package data

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestReceiveMintsCodeDueAndIndexesSearch(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.clk.set(at("2026-03-02 16:59"))
	d := f.receive(t, "1.004873", "Nguyễn Văn Đức")
	if want := testOffice + "-260302-0001"; d.Code != want {
		t.Fatalf("code = %q, want %q", d.Code, want)
	}
	// 3 working days from Monday 16:59 → Thursday 16:59.
	if want := at("2026-03-05 16:59"); !d.Due.Equal(want) {
		t.Fatalf("due = %v, want %v", d.Due, want)
	}
	if d.Status != StatusReceived || d.FeeAtReception != 5000 || len(d.Documents) != 2 {
		t.Fatalf("state = %+v", d)
	}
	if d.Applicant.Phone != "0912345678" {
		t.Fatalf("phone not normalised: %q", d.Applicant.Phone)
	}
	second := f.receive(t, "1.004873", "Trần Thị Bình")
	if !strings.HasSuffix(second.Code, "-0002") {
		t.Fatalf("second code %q", second.Code)
	}
	for _, q := range []string{"nguyen van duc", "NGUYỄN VĂN ĐỨC", "Đức", "duc", "0912345678", "038085001234", testOffice + "-260302-000", "ngu"} {
		hits, err := f.s.Search(ctx, q, 10)
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		found := false
		for _, h := range hits {
			found = found || h.Code == d.Code
		}
		if !found {
			t.Errorf("search %q did not find %s (hits %v)", q, d.Code, hits)
		}
	}
	hits, err := f.s.Search(ctx, "Bình", 10)
	if err != nil || len(hits) != 1 || hits[0].Code != second.Code {
		t.Fatalf("search Bình = %v, %v", hits, err)
	}
	for _, q := range []string{`"`, `AND OR NOT`, `a*b"c`, `(x) NEAR/3 y`, `-foo`, `^bar`, `đ"`, `'; DROP TABLE dossiers; --`, ""} {
		if _, err := f.s.Search(ctx, q, 10); err != nil {
			t.Errorf("search %q failed: %v", q, err)
		}
	}
	got, _, err := f.s.DossierByCode(ctx, strings.ToLower(d.Code))
	if err != nil || got.ID != d.ID {
		t.Fatalf("by code: %v %v", got, err)
	}
}

func TestCodesPerStationBlockAndDay(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.s.mu.Lock()
	f.s.station = 3
	f.s.mu.Unlock()
	f.clk.set(at("2026-03-03 09:00"))
	d := f.receive(t, "1.001193", "Lê Văn A")
	if want := testOffice + "-260303-3001"; d.Code != want {
		t.Fatalf("station 3 code = %q, want %q", d.Code, want)
	}
	f.clk.set(at("2026-03-04 09:00"))
	d = f.receive(t, "1.001193", "Lê Văn B")
	if want := testOffice + "-260304-3001"; d.Code != want {
		t.Fatalf("next day code = %q, want %q (counter resets daily)", d.Code, want)
	}
	// Exhausting the block is an error, never a code from another station's block.
	if _, err := f.s.db.ExecContext(ctx, "UPDATE code_counters SET last = 998 WHERE day = '260304' AND station = 3"); err != nil {
		t.Fatal(err)
	}
	d = f.receive(t, "1.001193", "Lê Văn C")
	if !strings.HasSuffix(d.Code, "-3999") {
		t.Fatalf("last of block = %q", d.Code)
	}
	_, err := f.s.Receive(ctx, f.counter, Reception{Procedure: "1.001193", Applicant: Person{Name: "Lê Văn D"}})
	if err == nil || !strings.Contains(err.Error(), "hết") {
		t.Fatalf("exhausted block: err = %v", err)
	}
	var n int
	f.s.db.QueryRow("SELECT count(*) FROM dossiers WHERE applicant = 'Lê Văn D'").Scan(&n)
	if n != 0 {
		t.Fatal("a refused reception left a row behind")
	}
}

func TestSameDayProcedureAfterCutoff(t *testing.T) {
	f := newFixture(t)
	f.clk.set(at("2026-03-06 14:59")) // Friday
	d := f.receive(t, "1.001193", "Phạm Thị Hoa")
	if want := at("2026-03-06 17:00"); !d.Due.Equal(want) {
		t.Fatalf("14:59 same-day due = %v, want %v", d.Due, want)
	}
	f.clk.set(at("2026-03-06 15:01"))
	d = f.receive(t, "1.001193", "Phạm Thị Hồng")
	if want := at("2026-03-09 17:00"); !d.Due.Equal(want) {
		t.Fatalf("15:01 same-day due = %v, want %v (next working day)", d.Due, want)
	}
}

func TestNoDueProcedure(t *testing.T) {
	f := newFixture(t)
	d := f.receive(t, "1.000000", "Võ Văn Tám")
	if d.HasDue {
		t.Fatalf("no-due procedure got due %v", d.Due)
	}
	var due any
	f.s.db.QueryRow("SELECT due_at FROM dossiers WHERE id = ?", d.ID[:]).Scan(&due)
	if due != nil {
		t.Fatalf("due_at = %v, want NULL", due)
	}
}

func TestBadReceptionChangesNothing(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	cases := map[string]Reception{
		"11-digit CCCD":   {Procedure: "1.004873", Applicant: Person{Name: "A", IDNo: "03808500123"}},
		"no name":         {Procedure: "1.004873", Applicant: Person{Name: "  "}},
		"unknown proc":    {Procedure: "9.999999", Applicant: Person{Name: "A"}},
		"10 MB name":      {Procedure: "1.004873", Applicant: Person{Name: strings.Repeat("a", 10<<20)}},
		"bad phone":       {Procedure: "1.004873", Applicant: Person{Name: "A", Phone: "12345"}},
		"bad channel":     {Procedure: "1.004873", Applicant: Person{Name: "A"}, Channel: 9},
		"negative fee":    {Procedure: "1.004873", Applicant: Person{Name: "A"}, Fees: []Fee{{Name: "x", Amount: -1}}},
		"control chars":   {Procedure: "1.004873", Applicant: Person{Name: "A", Address: "x\x00y"}},
		"sql-looking ok?": {Procedure: "1.004873'; DROP TABLE events; --", Applicant: Person{Name: "A"}},
	}
	for name, r := range cases {
		_, err := f.s.Receive(ctx, f.counter, r)
		if err == nil {
			if name == "control chars" {
				continue // Clean strips control characters; that is a repair, not an error
			}
			t.Errorf("%s: accepted", name)
			continue
		}
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("%s: error %T %v is not an InputError", name, err, err)
		}
	}
	var n int
	f.s.db.QueryRow("SELECT count(*) FROM events").Scan(&n)
	if n > 1 { // at most the control-character case, cleaned
		t.Fatalf("%d events written by bad input", n)
	}
	var counters int
	f.s.db.QueryRow("SELECT COALESCE(SUM(last), 0) FROM code_counters").Scan(&counters)
	if counters != n {
		t.Fatalf("code counters advanced to %d for %d dossiers", counters, n)
	}
}

func TestClockSetBackKeepsOrder(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d := f.receive(t, "1.004873", "Hoàng Văn Lâm")
	f.clk.add(-2 * time.Hour)
	d2, err := f.s.Record(ctx, f.counter, d.ID, &Transferred{ToUnit: "TP", ToHandler: "chuyenvien"})
	if err != nil {
		t.Fatal(err)
	}
	_, evs, err := f.s.DossierByID(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 2 || evs[1].Type != EvTransferred || !evs[1].At.After(evs[0].At) || d2.Status != StatusProcessing {
		t.Fatalf("events out of order: %+v", evs)
	}
}

func TestReceiveRefusesMissingRequiredDocument(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.clk.set(at("2026-03-02 09:00"))
	// 1.004873 lists "1. Tờ khai" (required) and "2. Bản sao giấy tờ ly hôn".
	r := Reception{Procedure: "1.004873", Applicant: Person{Name: "Nguyễn Văn Thiếu"},
		Documents: []DocCount{{N: 2, Name: "Bản sao giấy tờ ly hôn", Copies: 1}}}
	_, err := f.s.Receive(ctx, f.counter, r)
	var ie *InputError
	if !errors.As(err, &ie) || ie.Key != KeyDocuments || !strings.Contains(ie.Msg, "1. Tờ khai") || strings.Contains(ie.Msg, "ly hôn") {
		t.Fatalf("reception without the required declaration: %v", err)
	}
	var events, codes, books int
	f.s.db.QueryRow("SELECT count(*) FROM events").Scan(&events)
	f.s.db.QueryRow("SELECT count(*) FROM code_counters").Scan(&codes)
	f.s.db.QueryRow("SELECT count(*) FROM book_counters").Scan(&books)
	if events != 0 || codes != 0 || books != 0 {
		t.Fatalf("refused reception wrote %d events, %d code counters, %d book counters", events, codes, books)
	}
	// With the declaration ticked (the optional copy left out) it is received, and takes the first code.
	r.Documents = []DocCount{{N: 1, Name: "Tờ khai", Originals: 1}}
	d, err := f.s.Receive(ctx, f.counter, r)
	if err != nil {
		t.Fatal(err)
	}
	if want := testOffice + "-260302-0001"; d.Code != want {
		t.Errorf("code %q, want %q: the refused reception consumed a code", d.Code, want)
	}
	// An online submission carries no ticks; accepting it as submitted is not refused.
	sub, err := f.s.Submit(ctx, f.counter, Reception{Procedure: "1.004873", Applicant: Person{Name: "Trực Tuyến"}}, "G22.99-001")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Receive(ctx, f.counter, Reception{Submission: sub.ID}); err != nil {
		t.Errorf("accepting an online submission as submitted: %v", err)
	}
}
