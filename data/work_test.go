package data

import (
	"context"
	"testing"
)

// A leader's list: what was handed to them, the withdrawal requests and the overdue dossiers, in
// MyWork's order; an officer's unit adds its dossiers.
func TestLeaderWork(t *testing.T) {
	f, codes := listWeek(t)
	ctx := context.Background()
	f.clk.set(at("2026-03-13 12:00")) // E and J overdue; H and I within their deadline
	work := func(user, unit, want string) {
		t.Helper()
		hits, err := f.s.LeaderWork(ctx, user, unit, 50)
		if err != nil {
			t.Fatal(err)
		}
		expect(t, "leader work "+user+"/"+unit, codes, hits, want)
	}
	work("lanhdao", "", "JE") // overdue, by due date
	work("lanhdao", "DC", "JEI")

	// I's applicant asks to withdraw: it waits for a leader's decision (no due date: last).
	i, _, err := f.s.DossierByCode(ctx, codes["I"])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Record(ctx, f.counter, i.ID, &WithdrawalRequested{Reason: "Không còn nhu cầu"}); err != nil {
		t.Fatal(err)
	}
	work("lanhdao", "", "JEI")

	// H handed to the leader: theirs, between E (due 12/3) and I (no due date).
	h, _, err := f.s.DossierByCode(ctx, codes["H"])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Record(ctx, f.counter, h.ID, &Transferred{ToUnit: "TP", ToHandler: "lanhdao"}); err != nil {
		t.Fatal(err)
	}
	work("lanhdao", "", "JEHI")
	work("", "", "JEI") // nobody: the overdue and the withdrawals only
	hits, err := f.s.LeaderWork(ctx, "lanhdao", "", 1)
	if err != nil || len(hits) != 1 {
		t.Fatalf("limit 1: %d hits, %v", len(hits), err)
	}
}

// A dossier waiting for the applicant's supplement keeps its old due date until it comes back
// (the date then moves by the paused time): it is not overdue, and it must not lead the work
// list ahead of the dossiers that are.
func TestWorkListPausedAfterRunning(t *testing.T) {
	f, codes := listWeek(t)
	ctx := context.Background()
	f.clk.set(at("2026-03-13 12:00")) // J (due 5/3) and E (12/3) overdue; H due 16/3
	j, _, err := f.s.DossierByCode(ctx, codes["J"])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Record(ctx, f.officer, j.ID, &SupplementRequested{Items: []DocCount{{Name: "Bản sao giấy khai sinh", Copies: 1}}, Reason: "Thiếu"}); err != nil {
		t.Fatal(err)
	}
	hits, err := f.s.MyWork(ctx, "chuyenvien", "TP", 50)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "my work with J paused", codes, hits, "EHJ")
	hits, err = f.s.LeaderWork(ctx, "lanhdao", "TP", 50)
	if err != nil {
		t.Fatal(err)
	}
	if got := letters(hits); got == "" || got[0] == 'J' {
		t.Errorf("leader work with J paused: %s, the paused J leads", got)
	}
}
