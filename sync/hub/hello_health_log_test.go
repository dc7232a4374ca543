package hub_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"motcua/sync/protocol"
)

// A browser opens the health page with a first request without credentials (answered 401 with
// the Basic challenge), then again with them: nothing alarming is logged. A token that was
// presented and is wrong is logged, without the token.
func TestHealthLogsOnlyAPresentedWrongToken(t *testing.T) {
	f, _, logs := newFixtureWithDir(t)
	reader, err := f.h.EnrollReader(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	get := func(password string) int {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, f.srv.URL+protocol.PathHealth, nil)
		if password != "" {
			req.SetBasicAuth("", password)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := get(""); code != http.StatusUnauthorized {
		t.Fatalf("without credentials: %d, want 401", code)
	}
	if code := get(reader); code != http.StatusOK {
		t.Fatalf("with the reader token: %d, want 200", code)
	}
	if l := logs.String(); l != "" {
		t.Fatalf("a normal browser visit logged %q", l)
	}
	const wrong = "khong-phai-ma-nay-1234567890"
	if code := get(wrong); code != http.StatusUnauthorized {
		t.Fatalf("with a wrong token: %d, want 401", code)
	}
	l := logs.String()
	if !strings.Contains(l, "refused 401") {
		t.Fatalf("a wrong token was not logged: %q", l)
	}
	if strings.Contains(l, wrong) || strings.Contains(l, reader) {
		t.Fatalf("the log holds a token: %q", l)
	}
}

// A station that was authenticated can sync even when recording its hello fails: the hub answers
// 200 (the bookkeeping is the health page's, docs/sync-protocol.md) and logs the failure in
// English, without the token.
func TestHelloAnswersDespiteFailingBookkeeping(t *testing.T) {
	f, dir, logs := newFixtureWithDir(t)
	hubDB, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, "hub.db")+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer hubDB.Close()
	for _, op := range []string{"INSERT", "UPDATE"} {
		_, err := hubDB.Exec(`CREATE TRIGGER fail_` + op + ` BEFORE ` + op + ` ON stations BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`)
		if err != nil {
			t.Fatal(err)
		}
	}
	body, _ := json.Marshal(protocol.HelloRequest{Protocol: protocol.Version, DB: f.db, StationTime: protocol.FormatTime(f.st.Clock.Now())})
	req, _ := http.NewRequest(http.MethodPost, f.srv.URL+protocol.PathHello, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+f.tok)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var hr protocol.HelloResponse
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&hr) != nil || hr.Office == "" {
		t.Fatalf("hello with failing bookkeeping: %d %+v", resp.StatusCode, hr)
	}
	l := logs.String()
	if !strings.Contains(l, "hello of office") || !strings.Contains(l, "disk I/O error") {
		t.Fatalf("the bookkeeping failure was not logged: %q", l)
	}
	if strings.Contains(l, f.tok) {
		t.Fatalf("the log holds the token: %q", l)
	}
}
