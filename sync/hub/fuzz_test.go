package hub_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"motcua/sync/hub"
	"motcua/sync/protocol"
	"motcua/sync/synctest"
)

// FuzzServerPush posts arbitrary bodies to the hub with a valid token: the hub answers a clear
// client error or a success, never a server error, and never panics.
func FuzzServerPush(f *testing.F) {
	h, err := hub.Open(f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { h.Close() })
	tok, err := h.EnrollStation(context.Background(), synctest.OfficeA, 1)
	if err != nil {
		f.Fatal(err)
	}
	srv := hub.NewServer(h, nil)
	const good = `{"protocol":1,"office":"000.00.06.H56","station":1,"db":"01900000-0000-7000-8000-000000000001",
	"epoch":"e","from":0,"events":[{"seq":1,"id":"01900000-0000-7000-8000-000000000002",
	"dossier":"01900000-0000-7000-8000-000000000003","type":"received","at":"2026-03-02T08:00:00.000+07:00",
	"actor":"a","station":1,"office":"000.00.06.H56","payload":{"code":"000.00.06.H56-260302-1001","proc":"1.004873",
	"proc_name":"Thủ tục","applicant":{"name":"Nguyễn Văn An"},"channel":1,"limit":{"value":3,"unit":"ngay_lam_viec"}}}]}`
	f.Add([]byte(good))
	f.Add([]byte(strings.Replace(good, `"type":"received"`, `"type":"transferred"`, 1)))
	f.Add([]byte(strings.Replace(good, `"channel":1`, `"channel":"1"`, 1)))
	f.Add([]byte(strings.Replace(good, `"at":"2026-03-02T08:00:00.000+07:00"`, `"at":"0000-01-01T00:00:00.000Z"`, 1)))
	f.Add([]byte(strings.Replace(good, `"payload":{`, `"payload":{"code":null,`, 1)))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, protocol.PathPush, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+tok)
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		switch rec.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusForbidden, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("status %d for %q: %s", rec.Code, body, rec.Body.String())
		}
	})
}
