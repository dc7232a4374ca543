package app

import (
	"io"
	"path/filepath"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"

	"motcua/data"
)

// Work started while other goroutines wait, again and again: sync.WaitGroup panics on this
// pattern ("reused before previous Wait has returned": the reception screen's first search and
// a search typed at that moment).
func TestWorkGroupAddWhileWaiting(t *testing.T) {
	var g workGroup
	var waiters sync.WaitGroup
	for i := 0; i < 5000; i++ {
		g.Add(1)
		for j := 0; j < 4; j++ {
			waiters.Add(1)
			go func() { defer waiters.Done(); g.Wait() }()
		}
		g.Done()
		g.Add(1)
		g.Done()
	}
	waiters.Wait()
	g.Wait()
}

// Closing the window while a reception is being recorded waits for it: the dossier is recorded,
// and the store is closed after it, with the logout.
func TestClosingWaitsForReceptionInFlight(t *testing.T) {
	u, _ := openDemo(t, 20)
	logIn(t, u, "tiepnhan1", demoStaffPassword)
	if !u.shell.showSection(sectionReception) {
		t.Fatal("tiepnhan1 cannot open the reception")
	}
	u.wait()
	r := u.reception
	r.outDir = t.TempDir()
	var prints int
	r.open = func(string, func(io.Writer) error) error { prints++; return nil }
	st := u.currentStore()
	before := dossierCount(t, st)
	pickBirth(t, r)
	fillApplicant(r, "001090123456")

	// the reception is held as it starts, the window closes, then the reception runs
	var held []func()
	u.work.start = func(fn func()) { held = append(held, fn) }
	test.Tap(r.receiveBtn)
	u.work.start = inline
	if len(held) != 1 {
		t.Fatalf("%d pieces of work started by Receive, want 1", len(held))
	}
	u.shutdown() // as closing the window does
	if u.currentStore() == nil {
		t.Fatal("the store was closed while a reception was in flight")
	}
	held[0]()
	u.wait()
	if u.currentStore() != nil {
		t.Fatal("the store is still open once the work has finished")
	}
	if prints != 1 {
		t.Errorf("%d receipts printed, want 1 (status %q)", prints, r.status.Text)
	}
	again, err := data.Open(filepath.Join(u.opts.DataDir, data.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if n := dossierCount(t, again); n != before+1 {
		t.Fatalf("dossiers %d → %d after closing, want the reception recorded", before, n)
	}
}
