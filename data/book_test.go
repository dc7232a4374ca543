package data

import (
	"context"
	"testing"
)

func TestBookNumbersRunPerStationBlockAndYear(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.clk.set(at("2026-03-02 09:00"))
	a := f.receive(t, "1.000000", "Lê Văn A")
	b := f.receive(t, "1.000000", "Lê Văn B")
	for i, d := range []*Dossier{a, b} {
		vol, n, ok := d.Book()
		if !ok || vol != 2026 || n != i+1 {
			t.Errorf("dossier %d: book %d/%d %v, want volume 2026 number %d", i+1, vol, n, ok, i+1)
		}
	}
	// Another station numbers in its own block, so two PCs offline never give one number twice.
	f.s.mu.Lock()
	f.s.station = 3
	f.s.mu.Unlock()
	c := f.receive(t, "1.000000", "Lê Văn C")
	if _, n, _ := c.Book(); n != 3000001 {
		t.Errorf("station 3: number %d, want 3000001", n)
	}
	// A new year is a new volume.
	f.clk.set(at("2026-12-31 16:00"))
	f.receive(t, "1.000000", "Lê Văn D")
	f.clk.set(at("2027-01-04 09:00"))
	e := f.receive(t, "1.000000", "Lê Văn E")
	if vol, n, _ := e.Book(); vol != 2027 || n != 3000001 {
		t.Errorf("new year: book %d/%d, want 2027/3000001", vol, n)
	}
	// The number is in the log: a dossier read back (or pulled by sync) keeps it.
	got, _, err := f.s.DossierByID(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, n, _ := got.Book(); n != 2 {
		t.Errorf("read back: number %d, want 2", n)
	}
}

func TestRefusedReceptionTakesNoBookNumber(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.s.Receive(ctx, f.counter, Reception{Procedure: "1.000000", Applicant: Person{Name: "A", Phone: "12345"}}); err == nil {
		t.Fatal("bad phone accepted")
	}
	d := f.receive(t, "1.000000", "Lê Văn A")
	if _, n, _ := d.Book(); n != 1 {
		t.Errorf("number %d after a refused reception, want 1", n)
	}
}

func TestImportedDossierGetsBookNumberAndFormSetOfItsDate(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	in, err := f.s.Intake(ctx, Reception{Procedure: "1.000000", Applicant: Person{Name: "Nguyễn Thị Cũ"}})
	if err != nil {
		t.Fatal(err)
	}
	var old, recent Dossier
	err = f.s.Batch(ctx, f.admin, func(b *Batch) error {
		if err := b.Append(ctx, &old, at("2024-05-06 09:00"), "admin", 0, &Received{Intake: in}); err != nil {
			return err
		}
		return b.Append(ctx, &recent, at("2026-01-05 09:00"), "admin", 0, &Received{Intake: in})
	})
	if err != nil {
		t.Fatal(err)
	}
	if vol, n, ok := old.Book(); !ok || vol != 2024 || n != 1 {
		t.Errorf("imported 2024 dossier: book %d/%d %v, want 2024/1", vol, n, ok)
	}
	if old.FormSet != "2018" {
		t.Errorf("dossier received 6/5/2024 follows form set %q, want 2018 (Circular 03/2025 was not in force)", old.FormSet)
	}
	if recent.FormSet != "2025" {
		t.Errorf("dossier received 5/1/2026 follows form set %q, want 2025", recent.FormSet)
	}
}

// Two stations receive offline; after syncing, each holds both dossiers with the numbers their
// receiving station gave, and the numbers differ.
func TestBookNumbersSurviveSyncAndNeverCollide(t *testing.T) {
	ctx := context.Background()
	p := newSyncPair(t)
	da := p.a.receive(t, "1.000000", "Lê Văn A")
	db := p.b.receive(t, "1.000000", "Lê Văn B")
	p.push(t, p.a)
	p.push(t, p.b)
	p.pull(t, p.a)
	p.pull(t, p.b)
	want := map[string]int{da.ID.String(): 1, db.ID.String(): 1000001}
	for name, s := range map[string]*Store{"station 0": p.a.s, "station 1": p.b.s, "hub": p.hub} {
		for _, d := range []*Dossier{da, db} {
			got, _, err := s.DossierByID(ctx, d.ID)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if _, n, _ := got.Book(); n != want[d.ID.String()] {
				t.Errorf("%s: %s numbered %d, want %d", name, d.Applicant.Name, n, want[d.ID.String()])
			}
		}
	}
}
