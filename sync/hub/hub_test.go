package hub_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"motcua/data"
	"motcua/sync/hub"
	"motcua/sync/protocol"
	"motcua/sync/synctest"
)

type fixture struct {
	h   *hub.Hub
	srv *httptest.Server
	st  *synctest.Station
	tok string
	db  string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	h, err := hub.Open(t.TempDir(), hub.WithClock(func() time.Time { return synctest.At("2026-03-04 10:00") }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	srv := httptest.NewServer(hub.NewServer(h, nil))
	t.Cleanup(srv.Close)
	f := &fixture{h: h, srv: srv, st: synctest.NewStation(t, t.TempDir(), synctest.OfficeA, 1)}
	if f.tok, err = h.EnrollStation(ctx, synctest.OfficeA, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := h.EnrollStation(ctx, synctest.OfficeB, 1); err != nil {
		t.Fatal(err)
	}
	f.db, _ = f.st.Store.DatabaseID(ctx)
	return f
}

// pushBody is a push of every event of the station.
func (f *fixture) pushBody(t *testing.T) protocol.PushRequest {
	t.Helper()
	evs, err := f.st.Store.Unpushed(context.Background(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	req := protocol.PushRequest{Protocol: 1, Office: synctest.OfficeA, Station: 1, DB: f.db}
	if req.Users, err = protocol.AccountsOf(context.Background(), f.st.Store); err != nil {
		t.Fatal(err)
	}
	for i := range evs {
		req.Events = append(req.Events, protocol.FromData(&evs[i], ""))
	}
	return req
}

func (f *fixture) post(t *testing.T, tok string, body []byte) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL+protocol.PathPush, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.Header.Get("X-Motcua-Hub-Time") == "" {
		t.Errorf("answer %d without the hub's clock", resp.StatusCode)
	}
	return resp.StatusCode, b
}

func mustJSON(v any) []byte { b, _ := json.Marshal(v); return b }

// held counts the events the hub holds for office A.
func (f *fixture) held(t *testing.T) int {
	t.Helper()
	ans, err := f.h.Stats(context.Background(), synctest.OfficeA, dateOf("2026-01-01"), dateOf("2026-12-31"), "", "")
	if err != nil {
		t.Fatal(err)
	}
	return ans.ReceivedTotal
}

func TestPushStoresOnceAndAcknowledges(t *testing.T) {
	f := newFixture(t)
	f.st.Receive(t, "Nguyễn Văn An")
	f.st.Receive(t, "Lê Thị Bình")
	body := mustJSON(f.pushBody(t))
	for i := 0; i < 2; i++ { // the second is a replayed batch: acknowledged, nothing stored again
		code, b := f.post(t, f.tok, body)
		if code != http.StatusOK {
			t.Fatalf("push %d: %d %s", i, code, b)
		}
		var resp protocol.PushResponse
		if err := json.Unmarshal(b, &resp); err != nil {
			t.Fatal(err)
		}
		wantStored := 2
		if i == 1 {
			wantStored = 0
		}
		if resp.Stored != wantStored || resp.Ack != 2 || resp.Epoch != f.h.Epoch() || resp.HubTime == "" {
			t.Fatalf("push %d: %+v", i, resp)
		}
	}
	if n := f.held(t); n != 2 {
		t.Fatalf("hub holds %d dossiers, want 2", n)
	}
}

func TestTokensBindOfficeAndStation(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.st.Receive(t, "Nguyễn Văn An")
	good := f.pushBody(t)

	other := good
	other.Office = synctest.OfficeB
	if code, b := f.post(t, f.tok, mustJSON(other)); code != http.StatusForbidden || !strings.Contains(string(b), `"code":"forbidden"`) {
		t.Errorf("another office: %d %s", code, b)
	}
	// A token of office B station 1 used with office A's events.
	tokB, _ := f.h.EnrollStation(ctx, synctest.OfficeB, 2)
	if code, _ := f.post(t, tokB, mustJSON(good)); code != http.StatusForbidden {
		t.Errorf("office B's token: %d", code)
	}
	// Right header, but an event claiming another station: refused alone (push_refusal_test.go).
	forged := f.pushBody(t)
	forged.Events[0].Station = 2
	if code, b := f.post(t, f.tok, mustJSON(forged)); code != http.StatusOK || !strings.Contains(string(b), `"code":"forbidden"`) {
		t.Errorf("event of another station: %d %s", code, b)
	}
	if n, err := f.h.RevokeStation(ctx, synctest.OfficeA, 1); err != nil || n != 1 {
		t.Fatalf("revoke: %d %v", n, err)
	}
	if code, _ := f.post(t, f.tok, mustJSON(good)); code != http.StatusUnauthorized {
		t.Errorf("revoked: %d", code)
	}
	if code, _ := f.post(t, "mch1_unknown", mustJSON(good)); code != http.StatusUnauthorized {
		t.Errorf("unknown: %d", code)
	}
	if n := f.held(t); n != 0 {
		t.Fatalf("hub stored %d dossiers from refused pushes", n)
	}
}

func TestHostilePushes(t *testing.T) {
	f := newFixture(t)
	f.st.Receive(t, "Nguyễn Văn An")
	good := string(mustJSON(f.pushBody(t)))
	cases := []struct {
		name string
		body string
		code int
	}{
		{"malformed", good[:len(good)/2], http.StatusBadRequest},
		{"wrong types", strings.Replace(good, `"station":1,"db"`, `"station":true,"db"`, 1), http.StatusBadRequest},
		{"unknown field", strings.Replace(good, `"protocol":1`, `"protocol":1,"sudo":1`, 1), http.StatusBadRequest},
		{"huge", `{"protocol":1,"office":"` + strings.Repeat("9", protocol.MaxBodyBytes+10) + `"}`, http.StatusRequestEntityTooLarge},
		{"sequence going back", strings.Replace(good, `"from":0`, `"from":99`, 1), http.StatusBadRequest},
	}
	for _, c := range cases {
		code, b := f.post(t, f.tok, []byte(c.body))
		var e protocol.Error
		if code != c.code || json.Unmarshal(b, &e) != nil || e.Code == "" || e.Reason == "" || e.Epoch == "" {
			t.Errorf("%s: %d %s", c.name, code, b)
		}
	}
	// Bad content in one event: refused with a reason, the rest stored.
	req := f.pushBody(t)
	f.st.Receive(t, "Lê Thị Bình")
	req2 := f.pushBody(t)
	bad := req2.Events[1]
	bad.Type = "approve_everything"
	badStatus := req2.Events[1]
	badStatus.Seq = 3
	badStatus.ID = "01900000-0000-7000-8000-0000000000aa"
	badStatus.Payload = json.RawMessage(`{"code":"000.00.06.H56-260302-1002","proc":"1.004873","proc_name":"x","applicant":{"name":"A","type":9},"channel":7,"limit":{}}`)
	req.Events = append(req.Events, bad, badStatus)
	code, b := f.post(t, f.tok, mustJSON(req))
	var resp protocol.PushResponse
	if code != http.StatusOK || json.Unmarshal(b, &resp) != nil {
		t.Fatalf("mixed batch: %d %s", code, b)
	}
	if resp.Stored != 1 || len(resp.Rejected) != 2 || resp.Ack != 3 {
		t.Fatalf("mixed batch: %+v", resp)
	}
	for _, r := range resp.Rejected {
		if r.Reason == "" || r.Code != protocol.CodeInvalidEvent {
			t.Errorf("rejection without a reason: %+v", r)
		}
	}
	if n := f.held(t); n != 1 {
		t.Fatalf("hub holds %d dossiers, want 1", n)
	}
}

func TestReadersSeeStatsExportAndHealth(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.st.Receive(t, "Nguyễn Văn An")
	if code, b := f.post(t, f.tok, mustJSON(f.pushBody(t))); code != 200 {
		t.Fatalf("%d %s", code, b)
	}
	province, _ := f.h.EnrollReader(ctx, "")
	onlyB, _ := f.h.EnrollReader(ctx, synctest.OfficeB)
	get := func(tok, path string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, f.srv.URL+path, nil)
		req.SetBasicAuth("x", tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, body := get(province, "/v1/stats?from=2026-03-01&to=2026-03-31")
	var st hub.StatsAnswer
	if code != 200 || json.Unmarshal([]byte(body), &st) != nil || st.ReceivedTotal != 1 || len(st.Offices) != 2 {
		t.Fatalf("province stats: %d %s", code, body)
	}
	if code, _ := get(onlyB, "/v1/stats?office="+synctest.OfficeA); code != http.StatusForbidden {
		t.Errorf("office B's reader read office A: %d", code)
	}
	code, body = get(province, "/v1/export?office="+synctest.OfficeA+"&from=2026-03-01&to=2026-03-31")
	var ex []hub.PortalDossier
	if code != 200 || json.Unmarshal([]byte(body), &ex) != nil || len(ex) != 1 {
		t.Fatalf("export: %d %s", code, body)
	}
	if ex[0].TrangThaiHoSo != int(data.StatusReceived) || ex[0].NgayTiepNhan != "20260302080000" || ex[0].ChuHoSo != "Nguyễn Văn An" ||
		!strings.HasPrefix(ex[0].MaHoSo, synctest.OfficeA+"-260302-1") || ex[0].NgayHenTra == "" || len(ex[0].DanhSachLePhi) != 1 {
		t.Errorf("export: %+v", ex[0])
	}
	// Another database with the same token: shown on the health page.
	other := synctest.NewStation(t, t.TempDir(), synctest.OfficeA, 1)
	body2 := f.pushBody(t)
	body2.DB, _ = other.Store.DatabaseID(ctx)
	body2.Events = nil
	if code, b := f.post(t, f.tok, mustJSON(body2)); code != 200 {
		t.Fatalf("%d %s", code, b)
	}
	if st, _ := f.h.Stations(ctx); st[0].DBChanges != 1 {
		t.Errorf("database change not counted: %+v", st[0])
	}
	code, body = get(province, "/health")
	if code != 200 || !strings.Contains(body, "Văn phòng "+synctest.OfficeA) || !strings.Contains(body, "Tuần này: tiếp nhận 1") {
		t.Errorf("health: %d %s", code, body)
	}
	if code, _ := get("", "/health"); code != http.StatusUnauthorized {
		t.Errorf("health without a token: %d", code)
	}
}

func TestOfficeSnapshotChecks(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	snap, err := f.st.Store.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	put := func(s any) (int, string) {
		req, _ := http.NewRequest(http.MethodPut, f.srv.URL+protocol.PathOffice, bytes.NewReader(mustJSON(s)))
		req.Header.Set("Authorization", "Bearer "+f.tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	other := *snap
	other.Office.Code = synctest.OfficeB
	if code, body := put(protocol.OfficeRequest{Protocol: 1, Snapshot: other}); code != http.StatusForbidden {
		t.Errorf("another office's snapshot: %d %s", code, body)
	}
	bad := *snap
	bad.Procedures = append([]data.Procedure(nil), snap.Procedures...)
	bad.Procedures[0].Name = ""
	if code, body := put(protocol.OfficeRequest{Protocol: 1, Snapshot: bad}); code != http.StatusBadRequest {
		t.Errorf("a procedure without a name: %d %s", code, body)
	}
	if _, v, err := f.h.Snapshot(ctx, synctest.OfficeA); err != nil || v != 0 {
		t.Fatalf("a refused snapshot was stored: version %d %v", v, err)
	}
	if code, body := put(protocol.OfficeRequest{Protocol: 1, Snapshot: *snap}); code != http.StatusOK || !strings.Contains(body, `"version":1`) {
		t.Fatalf("good snapshot: %d %s", code, body)
	}
	got, v, err := f.h.Snapshot(ctx, synctest.OfficeA)
	if err != nil || v != 1 || got.Office.Name != snap.Office.Name || len(got.Procedures) != 1 || len(got.Units) != 1 {
		t.Fatalf("stored snapshot: %d %+v %v", v, got, err)
	}
}
