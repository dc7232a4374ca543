package hub_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"motcua/data"
	"motcua/sync/hub"
	"motcua/sync/protocol"
	"motcua/sync/synctest"
)

// withCatalog gives the hub office A's catalog, as the station's first sync does.
func (f *fixture) withCatalog(t *testing.T) {
	t.Helper()
	ctx := context.Background()
	snap, err := f.st.Store.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.h.PutSnapshot(ctx, synctest.OfficeA, snap); err != nil {
		t.Fatal(err)
	}
}

func submission(external, idNo string) protocol.SubmissionRequest {
	return protocol.SubmissionRequest{Protocol: 1, Office: synctest.OfficeA, ExternalID: external, Procedure: "1.004873",
		Applicant: data.Person{Name: "Lê Thị Hoa", IDNo: idNo, Phone: "0912345678", Address: "Thôn Bắc"},
		Delivery:  data.DeliveryPost}
}

// submit posts a submission body with tok and decodes the answer.
func (f *fixture) submit(t *testing.T, tok string, body []byte) (int, protocol.SubmissionResponse, protocol.SubmissionError) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL+protocol.PathSubmissions, bytes.NewReader(body))
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var ok protocol.SubmissionResponse
	var fail protocol.SubmissionError
	if resp.StatusCode < 300 {
		if err := json.Unmarshal(b, &ok); err != nil {
			t.Fatalf("answer %s: %v", b, err)
		}
	} else if err := json.Unmarshal(b, &fail); err != nil {
		t.Fatalf("error answer %s: %v", b, err)
	}
	return resp.StatusCode, ok, fail
}

// events counts the events the hub holds for office A.
func (f *fixture) events(t *testing.T) []data.Event {
	t.Helper()
	var out []data.Event
	err := f.h.EachEvent(context.Background(), synctest.OfficeA, func(e *data.Event) error {
		out = append(out, *e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestSubmissionIsStoredOnceWithDataRules(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.withCatalog(t)
	tok, err := f.h.EnrollPortal(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	// The portal's text is normalised like a counter's (NFD "Hoa" with a decomposed accent).
	req := submission("G22.99-260304-0001", "038085001234")
	req.Applicant.Name = "Le\u0302 Thị Hoa"
	body := mustJSON(req)
	code, first, fail := f.submit(t, tok, body)
	if code != http.StatusCreated || first.Duplicate || first.Dossier == "" {
		t.Fatalf("first delivery: %d %+v %+v", code, first, fail)
	}
	// Redeliveries, also at once, answer the same dossier and store nothing.
	var wg sync.WaitGroup
	answers := make([]protocol.SubmissionResponse, 6)
	codes := make([]int, len(answers))
	for i := range answers {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			codes[i], answers[i], _ = f.submit(t, tok, body)
		}(i)
	}
	wg.Wait()
	for i := range answers {
		if codes[i] != http.StatusOK || !answers[i].Duplicate || answers[i].Dossier != first.Dossier {
			t.Errorf("redelivery %d: %d %+v", i, codes[i], answers[i])
		}
	}
	evs := f.events(t)
	if len(evs) != 1 {
		t.Fatalf("hub holds %d events, want 1", len(evs))
	}
	e := evs[0]
	if e.Type != data.EvSubmitted || e.Dossier.String() != first.Dossier || e.Actor != data.System.Username ||
		e.Station != hub.PortalStation || e.Office != synctest.OfficeA {
		t.Fatalf("event %+v", e)
	}
	p, err := data.DecodePayload(e.Type, e.Payload)
	if err != nil {
		t.Fatal(err)
	}
	sub := p.(*data.Submitted)
	if sub.ExternalID != "G22.99-260304-0001" || sub.Channel != data.ChannelOnline || sub.Applicant.Name != "Lê Thị Hoa" ||
		sub.ProcedureName == "" || sub.Unit != "TP" || sub.Delivery != data.DeliveryPost || len(sub.Fees) != 1 {
		t.Fatalf("payload %+v", sub)
	}
	// Another external id is another dossier.
	if code, second, _ := f.submit(t, tok, mustJSON(submission("G22.99-260304-0002", ""))); code != http.StatusCreated ||
		second.Dossier == first.Dossier {
		t.Fatalf("second submission: %d %+v", code, second)
	}
	if n := len(f.events(t)); n != 2 {
		t.Fatalf("hub holds %d events, want 2", n)
	}
}

func TestSubmissionRefusals(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	f.withCatalog(t)
	portal, _ := f.h.EnrollPortal(ctx, "")
	portalB, _ := f.h.EnrollPortal(ctx, synctest.OfficeB)
	reader, _ := f.h.EnrollReader(ctx, "")
	good := mustJSON(submission("G22.99-260304-0001", "038085001234"))

	badID := mustJSON(submission("G22.99-260304-0001", "12345"))
	if code, _, fail := f.submit(t, portal, badID); code != http.StatusBadRequest || fail.Code != protocol.CodeInvalidSubmission ||
		fail.Field != "Số giấy tờ người nộp" || fail.Reason == "" {
		t.Errorf("bad citizen id: %d %+v", code, fail)
	}
	noProc := submission("G22.99-260304-0001", "")
	noProc.Procedure = "9.999999"
	if code, _, fail := f.submit(t, portal, mustJSON(noProc)); code != http.StatusBadRequest || fail.Field != "Thủ tục" {
		t.Errorf("unknown procedure: %d %+v", code, fail)
	}
	noName := submission("G22.99-260304-0001", "")
	noName.Applicant.Name = " "
	if code, _, fail := f.submit(t, portal, mustJSON(noName)); code != http.StatusBadRequest || fail.Field != "Họ tên người nộp" {
		t.Errorf("no applicant: %d %+v", code, fail)
	}
	cases := []struct {
		name string
		tok  string
		body []byte
		code int
	}{
		{"no token", "", good, http.StatusUnauthorized},
		{"station token", f.tok, good, http.StatusForbidden},
		{"reader token", reader, good, http.StatusForbidden},
		{"portal of another office", portalB, good, http.StatusForbidden},
		{"office not on the hub", portal, bytes.Replace(good, []byte(synctest.OfficeA), []byte("000.00.09.H56"), 1), http.StatusNotFound},
		{"bad office code", portal, bytes.Replace(good, []byte(synctest.OfficeA), []byte("x';--"), 1), http.StatusBadRequest},
		{"no external id", portal, bytes.Replace(good, []byte("G22.99-260304-0001"), nil, 1), http.StatusBadRequest},
		{"direct channel", portal, bytes.Replace(good, []byte(`"protocol":1,`), []byte(`"protocol":1,"channel":1,`), 1), http.StatusBadRequest},
		{"unknown field", portal, bytes.Replace(good, []byte(`"protocol":1,`), []byte(`"protocol":1,"code":"X",`), 1), http.StatusBadRequest},
		{"other version", portal, bytes.Replace(good, []byte(`"protocol":1,`), []byte(`"protocol":2,`), 1), http.StatusBadRequest},
		{"oversized", portal, bytes.Replace(good, []byte(`"protocol":1,`), []byte(`"protocol":1,"summary":"`+strings.Repeat("a", protocol.MaxSubmissionBytes)+`",`), 1), http.StatusRequestEntityTooLarge},
	}
	for _, c := range cases {
		if code, _, _ := f.submit(t, c.tok, c.body); code != c.code {
			t.Errorf("%s: %d, want %d", c.name, code, c.code)
		}
	}
	if n := len(f.events(t)); n != 0 {
		t.Fatalf("refused submissions stored %d events", n)
	}
	// Nothing of a refusal is remembered: the corrected submission with the same external id is new.
	if code, ok, fail := f.submit(t, portal, good); code != http.StatusCreated || ok.Duplicate {
		t.Fatalf("corrected submission: %d %+v %+v", code, ok, fail)
	}
	// A portal token only submits: it reads no statistics.
	req, _ := http.NewRequest(http.MethodGet, f.srv.URL+protocol.PathStats+"?office="+synctest.OfficeA, nil)
	req.Header.Set("Authorization", "Bearer "+portal)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("portal reading statistics: %d", resp.StatusCode)
	}
}

// A hub.db of the previous version (no portal tokens) is upgraded when opened; its tokens stay.
// schema_test.go opens every older shape of hub.db.
func TestHubUpgradeKeepsTokensAndAddsPortals(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	h, err := hub.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := h.EnrollStation(ctx, synctest.OfficeA, 1)
	if err != nil {
		t.Fatal(err)
	}
	h.Close()
	db, err := sql.Open("sqlite3", filepath.Join(dir, "hub.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`CREATE TABLE old (hash TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('station', 'reader')), office TEXT NOT NULL,
			station INTEGER NOT NULL, created TEXT NOT NULL, revoked TEXT) WITHOUT ROWID`,
		"INSERT INTO old SELECT * FROM tokens", "DROP TABLE tokens", "ALTER TABLE old RENAME TO tokens", "DROP TABLE submissions",
		"PRAGMA user_version = 0", "PRAGMA application_id = 0", // a hub.db made before numbered schema files had neither
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	if h, err = hub.Open(dir); err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if _, err := h.EnrollPortal(ctx, synctest.OfficeA); err != nil {
		t.Fatalf("portal token after upgrade: %v", err)
	}
	req := httptest.NewRequest(http.MethodGet, protocol.PathPull+"?after=0", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	rec := httptest.NewRecorder()
	hub.NewServer(h, nil).ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		t.Fatalf("station token after upgrade: %d %s", rec.Code, rec.Body.String())
	}
}
