package data

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

// A dossier in each status, built through the real commands.
func (f *fixture) inStatus(t *testing.T, s Status) *Dossier {
	t.Helper()
	ctx := context.Background()
	rec := func(d *Dossier, u *User, p Payload) *Dossier {
		t.Helper()
		f.clk.add(time.Minute)
		out, err := f.s.Record(ctx, u, d.ID, p)
		if err != nil {
			t.Fatalf("to %v: %v", s, err)
		}
		return out.Dossier
	}
	switch s {
	case StatusSubmitted:
		d, err := f.s.Submit(ctx, f.counter, Reception{Procedure: "1.004873", Applicant: Person{Name: "Trực Tuyến"}}, "DVC-1")
		if err != nil {
			t.Fatal(err)
		}
		return d
	case StatusRefused:
		d, err := f.s.Refuse(ctx, f.counter, Reception{Procedure: "1.004873", Applicant: Person{Name: "Bị Từ Chối"}}, "Không thuộc thẩm quyền")
		if err != nil {
			t.Fatal(err)
		}
		return d.Dossier
	}
	d := f.receive(t, "1.004873", "Người Thử")
	switch s {
	case StatusReceived:
		return d
	case StatusSupplement:
		return rec(d, f.counter, &SupplementRequested{Items: []DocCount{{Name: "Tờ khai"}}, Reason: "Thiếu chữ ký"})
	case StatusWithdrawing:
		return rec(d, f.counter, &WithdrawalRequested{Reason: "Không cần nữa"})
	case StatusStopped:
		return rec(d, f.leader, &Stopped{Reason: "Dừng theo yêu cầu"})
	}
	d = rec(d, f.counter, &Transferred{ToUnit: "TP", ToHandler: "chuyenvien"})
	switch s {
	case StatusProcessing:
		return d
	case StatusObligation:
		return rec(d, f.officer, &ObligationRequested{Description: "Nộp lệ phí trước bạ", Amount: 500000})
	}
	d = rec(d, f.officer, &Processed{ResultNo: "12/GXN", Signer: "Nguyễn Lãnh Đạo", SignedOn: "2026-03-03"})
	if s == StatusProcessed {
		return d
	}
	return rec(d, f.counter, &Returned{ReceiverName: "Người Thử"})
}

func samplePayload(t EventType) Payload {
	switch t {
	case EvTransferred:
		return &Transferred{ToUnit: "DC"}
	case EvSupplementRequested:
		return &SupplementRequested{Items: []DocCount{{Name: "Giấy tờ"}}, Reason: "Thiếu"}
	case EvSupplementReceived:
		return &SupplementReceived{}
	case EvObligationRequested:
		return &ObligationRequested{Description: "Thuế"}
	case EvObligationMet:
		return &ObligationMet{}
	case EvWithdrawalRequested:
		return &WithdrawalRequested{Reason: "Rút"}
	case EvStopped:
		return &Stopped{Reason: "Dừng"}
	case EvProcessed:
		return &Processed{ResultNo: "1"}
	case EvApologyIssued:
		return &ApologyIssued{Reason: "Chậm do xác minh", NewDue: at("2027-01-10 10:00")}
	case EvReturned:
		return &Returned{ReceiverName: "Người Nhận"}
	case EvRated:
		return &Rated{Rating: RatingSatisfied}
	case EvNote:
		return &Note{Text: "Ghi chú"}
	}
	return nil
}

// Every event type on a dossier in every status, by every role: the store allows exactly what the
// rules table says, and a refusal changes nothing.
func TestEveryTransitionByRole(t *testing.T) {
	statuses := []Status{StatusSubmitted, StatusReceived, StatusRefused, StatusProcessing, StatusSupplement,
		StatusObligation, StatusWithdrawing, StatusStopped, StatusProcessed, StatusReturned}
	types := []EventType{EvTransferred, EvSupplementRequested, EvSupplementReceived, EvObligationRequested, EvObligationMet,
		EvWithdrawalRequested, EvStopped, EvProcessed, EvApologyIssued, EvReturned, EvRated, EvNote}
	f := newFixture(t)
	ctx := context.Background()
	users := []*User{f.counter, f.officer, f.leader, f.admin}
	allowedCount := 0
	for _, st := range statuses {
		for _, typ := range types {
			for _, u := range users {
				d := f.inStatus(t, st)
				if d.Status != st {
					t.Fatalf("fixture for %v is in %v", st, d.Status)
				}
				want := Allowed(u.Roles, typ, st)
				f.clk.add(time.Minute)
				got, err := f.s.Record(ctx, u, d.ID, samplePayload(typ))
				if want && err != nil {
					t.Errorf("%s by %s in %v: refused: %v", typ, u.Username, st, err)
				}
				if !want {
					if err == nil {
						t.Errorf("%s by %s in %v: accepted, want refused", typ, u.Username, st)
						continue
					}
					var te *TransitionError
					if !errors.Is(err, ErrForbidden) && !errors.As(err, &te) {
						t.Errorf("%s by %s in %v: unexpected error %v", typ, u.Username, st, err)
					}
					after, _, _ := f.s.DossierByID(ctx, d.ID)
					if after.Events != d.Events || after.Status != d.Status {
						t.Errorf("%s by %s in %v: a refused action changed the dossier", typ, u.Username, st)
					}
				} else {
					allowedCount++
					if got == nil {
						t.Fatalf("nil dossier")
					}
				}
			}
		}
	}
	if allowedCount < 30 {
		t.Fatalf("only %d allowed combinations exercised", allowedCount)
	}
	// Spot checks against docs/DOMAIN.md §4, so the table itself is tested, not only its enforcement.
	checks := []struct {
		r    Roles
		t    EventType
		s    Status
		want bool
	}{
		{RoleReception, EvReturned, StatusProcessed, true},
		{RoleOfficer, EvReturned, StatusProcessed, false},
		{RoleReception, EvProcessed, StatusProcessing, false},
		{RoleOfficer, EvProcessed, StatusProcessing, true},
		{RoleLeader, EvStopped, StatusWithdrawing, true},
		{RoleOfficer, EvStopped, StatusProcessing, false},
		{RoleAdmin, EvTransferred, StatusReceived, false},
		{RoleReception, EvRated, StatusReturned, true},
		{RoleReception, EvRated, StatusProcessed, false},
		{AllRoles, EvTransferred, StatusRefused, false},
		{AllRoles, EvNote, StatusReturned, true},
	}
	for _, c := range checks {
		if got := Allowed(c.r, c.t, c.s); got != c.want {
			t.Errorf("Allowed(%v, %s, %v) = %v, want %v", c.r, c.t, c.s, got, c.want)
		}
	}
}

func TestSupplementPauseMovesDue(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.clk.set(at("2026-03-02 08:00")) // Monday
	d := f.receive(t, "1.004873", "Đặng Thị Mai")
	if want := at("2026-03-05 08:00"); !d.Due.Equal(want) {
		t.Fatalf("due %v, want %v", d.Due, want)
	}
	f.clk.set(at("2026-03-02 09:00"))
	w, err := f.s.Record(ctx, f.counter, d.ID, &SupplementRequested{Items: []DocCount{{Name: "Bản sao CCCD", Copies: 1}}, Reason: "Thiếu bản sao"})
	if err != nil {
		t.Fatal(err)
	}
	d = w.Dossier
	if d.Status != StatusSupplement || !d.Paused() || d.Supplements != 1 {
		t.Fatalf("after request: %+v", d)
	}
	// Completed Tuesday 10:00: paused from Mon 09:00 → Tue 10:00 = 8 + 1 = 9 working hours.
	f.clk.set(at("2026-03-03 10:00"))
	w, err = f.s.Record(ctx, f.counter, d.ID, &SupplementReceived{Note: "Đã bổ sung"})
	if err != nil {
		t.Fatal(err)
	}
	d = w.Dossier
	if want := at("2026-03-06 09:00"); !d.Due.Equal(want) {
		t.Fatalf("due after pause = %v, want %v", d.Due, want)
	}
	if want := at("2026-03-05 08:00"); !d.DueOriginal.Equal(want) {
		t.Fatalf("original due lost: %v", d.DueOriginal)
	}
	if d.Status != StatusReceived || d.Paused() {
		t.Fatalf("after resume: status %v paused %v", d.Status, d.Paused())
	}
	_, evs, _ := f.s.DossierByID(ctx, d.ID)
	p, _ := DecodePayload(evs[2].Type, evs[2].Payload)
	sr := p.(*SupplementReceived)
	if sr.DueBefore == nil || sr.DueAfter == nil || !sr.DueBefore.Equal(at("2026-03-05 08:00")) {
		t.Fatalf("old and new due not both kept: %+v", sr)
	}
}

// A supplement asked for and handed in within the same minute leaves a due at the end of the
// day where it was (seconds of pause must not move it to the next morning).
func TestSupplementWithinAMinuteKeepsDue(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.clk.set(at("2026-03-02 08:00"))
	d := f.receive(t, "1.004873", "Đặng Thị Mai")
	due := d.Due
	f.clk.set(at("2026-03-02 09:00").Add(10 * time.Second))
	w, err := f.s.Record(ctx, f.counter, d.ID, &SupplementRequested{Items: []DocCount{{Name: "Bản sao CCCD", Copies: 1}}, Reason: "Thiếu bản sao"})
	if err != nil {
		t.Fatal(err)
	}
	d = w.Dossier
	f.clk.set(at("2026-03-02 09:00").Add(50 * time.Second))
	if w, err = f.s.Record(ctx, f.counter, d.ID, &SupplementReceived{}); err != nil {
		t.Fatal(err)
	}
	d = w.Dossier
	if !d.Due.Equal(due) {
		t.Fatalf("40 seconds of pause moved the due from %v to %v", due, d.Due)
	}
}

func TestRatingRules(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d := f.inStatus(t, StatusReturned)
	if _, err := f.s.Record(ctx, f.counter, d.ID, &Rated{Rating: RatingDissatisfied}); err == nil {
		t.Fatal("không hài lòng without a reason accepted")
	}
	if _, err := f.s.Record(ctx, f.counter, d.ID, &Rated{Rating: RatingDissatisfied, Reason: "Phải đi lại nhiều lần"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Record(ctx, f.counter, d.ID, &Rated{Rating: RatingVerySatisfied}); err == nil {
		t.Fatal("second rating accepted")
	}
}

func TestApologyKeepsLegalDue(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d := f.inStatus(t, StatusProcessing)
	due := d.Due
	if _, err := f.s.Record(ctx, f.officer, d.ID, &ApologyIssued{Reason: "Cần xác minh", NewDue: due.Add(-time.Hour)}); err == nil {
		t.Fatal("apology with a new date before the due date accepted")
	}
	w, err := f.s.Record(ctx, f.officer, d.ID, &ApologyIssued{Reason: "Cần xác minh thêm", NewDue: due.AddDate(0, 0, 7)})
	if err != nil {
		t.Fatal(err)
	}
	d = w.Dossier
	if !d.Due.Equal(due) || d.Apologies != 1 || !d.ApologyDue.Equal(due.AddDate(0, 0, 7)) {
		t.Fatalf("apology changed the legal due: %+v", d)
	}
}

func TestRebuildAndCheck(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, s := range []Status{StatusSubmitted, StatusReceived, StatusRefused, StatusProcessing, StatusSupplement,
		StatusObligation, StatusWithdrawing, StatusStopped, StatusProcessed, StatusReturned} {
		f.inStatus(t, s)
	}
	res, err := f.s.Check(ctx, false, nil)
	if err != nil || !res.OK() {
		t.Fatalf("check: %+v %v", res, err)
	}
	if res.Dossiers != 10 {
		t.Fatalf("dossiers = %d", res.Dossiers)
	}
	before := dumpDossiers(t, f.s)
	// Corrupt the projection: the check must see it and a rebuild must repair it.
	if _, err := f.s.db.Exec("UPDATE dossiers SET status = 4 WHERE status = 10"); err != nil {
		t.Fatal(err)
	}
	res, _ = f.s.Check(ctx, false, nil)
	if res.OK() || len(res.Mismatches) != 1 {
		t.Fatalf("corruption not found: %+v", res)
	}
	if _, err := f.s.Check(ctx, true, nil); err != nil {
		t.Fatal(err)
	}
	after := dumpDossiers(t, f.s)
	if before != after {
		t.Fatalf("rebuild differs:\n%s\n---\n%s", before, after)
	}
	// The daily statistics are checked against the log too, and rebuilt with the rest.
	if _, err := f.s.db.Exec("UPDATE daily_stats SET finished = finished + 1 WHERE rowid IN (SELECT rowid FROM daily_stats LIMIT 1)"); err == nil {
		t.Fatal("daily_stats is WITHOUT ROWID: the corruption below must use its key")
	}
	if _, err := f.s.db.Exec("UPDATE daily_stats SET finished = finished + 1 WHERE (day, unit_id, field_id) IN (SELECT day, unit_id, field_id FROM daily_stats LIMIT 1)"); err != nil {
		t.Fatal(err)
	}
	if res, _ = f.s.Check(ctx, false, nil); res.OK() {
		t.Fatal("corrupted daily statistics not found")
	}
	if _, err := f.s.Check(ctx, true, nil); err != nil {
		t.Fatal(err)
	}
	if hits, _ := f.s.Search(ctx, "nguoi thu", 50); len(hits) == 0 {
		t.Fatal("search index empty after rebuild")
	}
	res, _ = f.s.Check(ctx, false, nil)
	if !res.OK() {
		t.Fatalf("after rebuild: %+v", res)
	}
}

func dumpDossiers(t *testing.T, s *Store) string {
	rows, err := s.db.Query(`SELECT hex(id), code, status, procedure_id, field_id, unit_id, handler, channel, applicant,
		received_at, due_at, finished_at, returned_at, supplements, rating, fee_received, fee_returned FROM dossiers ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out string
	for rows.Next() {
		vals := make([]any, 17)
		ptrs := make([]any, 17)
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		rows.Scan(ptrs...)
		for _, v := range vals {
			out += fmtVal(v) + "|"
		}
		out += "\n"
	}
	return out
}

func fmtVal(v any) string {
	switch x := v.(type) {
	case nil:
		return "NULL"
	case []byte:
		return string(x)
	}
	return fmt.Sprint(v)
}
