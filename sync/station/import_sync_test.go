package station_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"motcua/data"
	"motcua/data/demo"
	"motcua/sync/station"
	"motcua/sync/synctest"
)

// registerOfBlocks is a legacy register of office whose codes were minted by several PCs of the
// office: their numbers fall in the blocks of stations 0, 1 and 2 (and one line mints a code).
func registerOfBlocks(office, procedure string, year int) string {
	y := year % 100
	return strings.Join([]string{
		"code,procedure_code,applicant_name,applicant_id,phone,address,channel,received_at,due_at,finished_at,returned_at,status,unit,fee,rating,supplements",
		fmt.Sprintf("%s-%02d0112-0005,%s,Nguyễn Văn An,038085001234,,,1,%d-01-12 09:00,,%d-01-14 15:00,%d-01-15 08:30,10,,5000,rat_hai_long,0", office, y, procedure, year, year, year),
		fmt.Sprintf("%s-%02d0113-1001,%s,Trần Thị Bình,,,,1,%d-01-13 10:00,,%d-01-15 16:00,,9,,,,", office, y, procedure, year, year),
		fmt.Sprintf("%s-%02d0114-2001,%s,Lê Văn Cường,,,,1,%d-01-14 08:00,,,,4,,,,1", office, y, procedure, year),
		fmt.Sprintf(",%s,Phạm Thị Dung,,,,1,%d-01-13 09:00,,,,2,,,,", procedure, year),
	}, "\r\n") + "\r\n"
}

// registerCodes are the codes registerOfBlocks brings.
func registerCodes(office string, year int) []string {
	y := year % 100
	return []string{fmt.Sprintf("%s-%02d0112-0005", office, y), fmt.Sprintf("%s-%02d0113-1001", office, y), fmt.Sprintf("%s-%02d0114-2001", office, y)}
}

// An office that imported its legacy register syncs it: imported events carry the importing PC's
// station and keep the register's codes, so they reach the hub from that PC whatever block their
// codes came from, and another station of the office receives them by pull
// (docs/sync-protocol.md, "Imported history").
func TestImportedRegisterSyncsAndReachesTheOtherStation(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	a0, c0 := w.station(t, synctest.OfficeA, 0, nil)
	n, err := a0.Store.ImportDossiers(ctx, data.System, strings.NewReader(registerOfBlocks(synctest.OfficeA, "1.004873", 2026)), nil)
	if err != nil || n != 4 {
		t.Fatalf("import: %d %v", n, err)
	}
	local, err := a0.Store.Unpushed(ctx, 0, 10_000)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range local {
		if e.Station != 0 {
			t.Fatalf("an imported event carries station %d, not the importing PC's: %+v", e.Station, e)
		}
	}
	rep := syncOK(t, c0)
	if rep.Stored != len(local) || len(rep.Refused) != 0 || rep.Backlog != 0 {
		t.Fatalf("sync after import: stored %d of %d, refused %+v, backlog %d", rep.Stored, len(local), rep.Refused, rep.Backlog)
	}
	if got := hubEventIDs(t, w.h); len(got) != len(local) {
		t.Fatalf("hub holds %d events, the station wrote %d", len(got), len(local))
	}
	if rep := syncOK(t, c0); rep.Sent != 0 {
		t.Fatalf("second sync sent %d events again", rep.Sent)
	}

	a1, c1 := w.station(t, synctest.OfficeA, 1, nil)
	if rep := syncOK(t, c1); rep.Pulled != len(local) || rep.PullRefused != 0 {
		t.Fatalf("station 1 pulled %d of %d events (%d refused)", rep.Pulled, len(local), rep.PullRefused)
	}
	for _, code := range registerCodes(synctest.OfficeA, 2026) {
		if _, _, err := a1.Store.DossierByCode(ctx, code); err != nil {
			t.Errorf("station 1 lacks the imported dossier %s: %v", code, err)
		}
	}
	checkOK(t, "station 1", a1.Store)
	// Station 1's counter mints in its own block, past the imported code of that block and day.
	a1.Clock.Set(synctest.At("2026-01-13 11:00"))
	if d := a1.Receive(t, "Người Nộp Mới"); d.Code != synctest.OfficeA+"-260113-1002" {
		t.Errorf("station 1 minted %s", d.Code)
	}
}

// The reproduction: the demo office (whose log was written by ten simulated counters)
// imports a register whose codes fall in several station blocks and syncs as station 0. The
// events of the other stations are refused one by one into the quarantine with their reason;
// everything station 0 wrote, the import included, is stored at the hub; the sync completes and
// the next one sends nothing; a second PC of the office enrolls and finds the imported dossiers.
func TestDemoOfficeWithImportedRegisterSyncsAsStationZero(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)
	path := filepath.Join(t.TempDir(), data.DBFile)
	if err := demo.Build(ctx, path, demo.Options{Dossiers: 40}); err != nil {
		t.Fatal(err)
	}
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	office, _ := s.Office()
	before, _ := s.LogPosition(ctx)
	if _, err := s.ImportDossiers(ctx, data.System, strings.NewReader(registerOfBlocks(office.Code, "1.004873", 2024)), nil); err != nil {
		t.Fatal(err)
	}
	tok, err := w.h.EnrollStation(ctx, office.Code, 0)
	if err != nil {
		t.Fatal(err)
	}
	c, err := station.New(s, station.Config{Hub: w.srv.URL, Token: tok, BatchEvents: 50})
	if err != nil {
		t.Fatal(err)
	}
	rep := syncOK(t, c)
	if rep.Backlog != 0 || len(rep.Refused) == 0 {
		t.Fatalf("sync: %+v", rep)
	}
	atHub := map[string]bool{}
	err = w.h.EachEvent(ctx, office.Code, func(e *data.Event) error { atHub[e.ID.String()] = true; return nil })
	if err != nil {
		t.Fatal(err)
	}
	q, err := s.Quarantine(ctx)
	if err != nil {
		t.Fatal(err)
	}
	quarantined := map[int64]string{}
	for _, e := range q {
		if e.Reason == "" || e.Code == "" {
			t.Errorf("quarantined without a reason: %+v", e)
		}
		quarantined[e.Seq] = e.Reason
	}
	local, err := s.Unpushed(ctx, 0, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	foreign := 0
	for _, e := range local {
		held, reason := atHub[e.ID.String()], quarantined[e.Seq]
		switch {
		case held == (reason != ""):
			t.Errorf("event %d (station %d): at the hub %v, quarantined %q", e.Seq, e.Station, held, reason)
		case e.Seq > before && !held:
			t.Errorf("imported event %d refused: %s", e.Seq, reason)
		case e.Station != 0 && held:
			t.Errorf("event %d of station %d stored from station 0's token", e.Seq, e.Station)
		case e.Station != 0:
			foreign++
			if !strings.Contains(reason, "máy trạm") {
				t.Errorf("event %d of station %d: reason %q", e.Seq, e.Station, reason)
			}
		}
	}
	if foreign == 0 {
		t.Fatal("the demo wrote no event of another station: the test shows nothing")
	}
	pushed, _, _ := s.SyncCursor(ctx, rep.Epoch)
	if last := local[len(local)-1].Seq; pushed != last {
		t.Fatalf("push cursor %d, last event %d", pushed, last)
	}
	if rep := syncOK(t, c); rep.Sent != 0 || rep.Backlog != 0 {
		t.Fatalf("the next sync sent %d events again: %+v", rep.Sent, rep)
	}

	tok1, err := w.h.EnrollStation(ctx, office.Code, 1)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := data.Open(filepath.Join(t.TempDir(), data.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if _, err := station.Enroll(ctx, fresh, station.Config{Hub: w.srv.URL, Token: tok1},
		data.NewUser{Username: "quantri", FullName: "Quản Trị Mới", Password: "matkhau-moi-123"}); err != nil {
		t.Fatal(err)
	}
	for _, code := range registerCodes(office.Code, 2024) {
		if _, _, err := fresh.DossierByCode(ctx, code); err != nil {
			t.Errorf("station 1 lacks the imported dossier %s: %v", code, err)
		}
	}
	checkOK(t, "station 1", fresh)
}
