package station_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/uuid"

	"motcua/data"
	"motcua/sync/hub"
	"motcua/sync/protocol"
	"motcua/sync/station"
	"motcua/sync/synctest"
)

// portalSubmit delivers one online submission to the hub as the portal's adapter does.
func portalSubmit(t *testing.T, url, tok string, req protocol.SubmissionRequest) (int, protocol.SubmissionResponse) {
	t.Helper()
	body, _ := json.Marshal(req)
	r, _ := http.NewRequest(http.MethodPost, url+protocol.PathSubmissions, bytes.NewReader(body))
	r.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var ans protocol.SubmissionResponse
	if resp.StatusCode < 300 {
		if err := json.Unmarshal(b, &ans); err != nil {
			t.Fatalf("answer %s: %v", b, err)
		}
	}
	return resp.StatusCode, ans
}

// A dossier submitted online through the hub reaches the office's counter PCs as "Mới đăng ký",
// is received at one of them (which mints its code), and that reception travels back to the
// hub and to the office's other PC; every copy checks OK and the hub counts it received online.
// A submission refused at a counter travels the same way.
func TestOnlineSubmissionReachesTheCounterAndComesBackReceived(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	hubClock := &synctest.Clock{}
	hubClock.Set(synctest.At("2026-03-02 08:30"))
	h, err := hub.Open(dir, hub.WithClock(hubClock.Now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	srv := httptest.NewServer(hub.NewServer(h, nil))
	t.Cleanup(srv.Close)
	pc := func(n int) (*synctest.Station, *station.Client) {
		st := synctest.NewStation(t, t.TempDir(), synctest.OfficeA, n)
		tok, err := h.EnrollStation(ctx, synctest.OfficeA, n)
		if err != nil {
			t.Fatal(err)
		}
		c, err := station.New(st.Store, station.Config{Hub: srv.URL, Token: tok, RetryWaitMin: time.Millisecond,
			RetryWaitMax: 20 * time.Millisecond, RetryMax: 2})
		if err != nil {
			t.Fatal(err)
		}
		return st, c
	}
	a0, c0 := pc(0)
	a1, c1 := pc(1)
	syncOK(t, c0) // the office's catalog reaches the hub
	portal, err := h.EnrollPortal(ctx, synctest.OfficeA)
	if err != nil {
		t.Fatal(err)
	}

	req := protocol.SubmissionRequest{Protocol: 1, Office: synctest.OfficeA, ExternalID: "G22.99-260302-0007", Procedure: "1.004873",
		Applicant: data.Person{Name: "Lê Thị Hoa", IDNo: "038085001234", Phone: "0912345678", Address: "Thôn Bắc"}}
	code, ans := portalSubmit(t, srv.URL, portal, req)
	if code != http.StatusCreated {
		t.Fatalf("submission: %d", code)
	}
	if code, again := portalSubmit(t, srv.URL, portal, req); code != http.StatusOK || again.Dossier != ans.Dossier {
		t.Fatalf("redelivery: %d %+v", code, again)
	}
	id := uuid.MustParse(ans.Dossier)

	if rep := syncOK(t, c0); rep.Pulled != 1 || rep.PullRefused != 0 {
		t.Fatalf("station 0 pulled %+v", rep)
	}
	hits, _, err := a0.Store.List(ctx, data.ListFilter{Statuses: []data.Status{data.StatusSubmitted}}, data.SortReceivedDesc, "", 50)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].ID != id || hits[0].Applicant != "Lê Thị Hoa" || hits[0].ProcedureName == "" ||
		hits[0].Channel != data.ChannelOnline || hits[0].Code != "" {
		t.Fatalf("station 0's list of submitted dossiers: %+v", hits)
	}
	if got := data.StatusSubmitted.String(); got != "Mới đăng ký" {
		t.Fatalf("status 1 is %q", got)
	}

	// The counter accepts it as submitted (no procedure given: the submitted intake is kept).
	a0.Clock.Set(synctest.At("2026-03-02 09:15"))
	d, err := a0.Store.Receive(ctx, a0.Counter, data.Reception{Submission: id})
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != data.StatusReceived || d.Code == "" || d.Channel != data.ChannelOnline || d.ExternalID != req.ExternalID {
		t.Fatalf("received: %+v", d)
	}
	if rep := syncOK(t, c0); rep.Sent != 1 || rep.Pulled != 0 {
		t.Fatalf("station 0's second sync: %+v", rep)
	}
	if rep := syncOK(t, c1); rep.Pulled != 2 {
		t.Fatalf("station 1 pulled %+v", rep)
	}
	got, evs, err := a1.Store.DossierByID(ctx, id)
	if err != nil || got.Status != data.StatusReceived || got.Code != d.Code || len(evs) != 2 {
		t.Fatalf("station 1: %+v %d events %v", got, len(evs), err)
	}
	stats, err := h.Stats(ctx, synctest.OfficeA, dateOf("2026-03-01"), dateOf("2026-03-31"), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if stats.ReceivedNewOnline != 1 || stats.ReceivedTotal != 1 {
		t.Fatalf("hub statistics: %+v", stats.Figures)
	}
	// Another submission is refused at the other PC; the refusal reaches the hub too.
	req.ExternalID, req.Applicant.Name = "G22.99-260302-0008", "Phạm Văn Nam"
	if code, ans = portalSubmit(t, srv.URL, portal, req); code != http.StatusCreated {
		t.Fatalf("second submission: %d", code)
	}
	refusedID := uuid.MustParse(ans.Dossier)
	syncOK(t, c1)
	a1.Clock.Set(synctest.At("2026-03-02 10:00"))
	if _, err := a1.Store.Refuse(ctx, a1.Counter, data.Reception{Submission: refusedID}, "Thiếu tờ khai có chữ ký"); err != nil {
		t.Fatal(err)
	}
	syncOK(t, c1)
	syncOK(t, c0)
	if got, _, err := a0.Store.DossierByID(ctx, refusedID); err != nil || got.Status != data.StatusRefused {
		t.Fatalf("station 0 sees the refused submission as %+v %v", got, err)
	}
	checkOK(t, "station 0", a0.Store)
	checkOK(t, "station 1", a1.Store)
	replica, err := data.Open(filepath.Join(dir, "offices", synctest.OfficeA, data.DBFile), data.ReadOnly()) // the hub holds it open
	if err != nil {
		t.Fatal(err)
	}
	defer replica.Close()
	checkOK(t, "hub", replica)
	for id, want := range map[uuid.UUID]data.Status{id: data.StatusReceived, refusedID: data.StatusRefused} {
		if got, _, err := replica.DossierByID(ctx, id); err != nil || got.Status != want {
			t.Errorf("hub's copy of %s: %+v %v, want status %v", id, got, err, want)
		}
	}
}
