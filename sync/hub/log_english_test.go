package hub_test

import (
	"context"
	"database/sql"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"motcua/sync/protocol"
)

// A server error is logged in English (logs are English, whatever the offices read), with the
// error's own text, and without the token of the request.
func TestServerErrorIsLoggedInEnglish(t *testing.T) {
	f, dir, logs := newFixtureWithDir(t)
	reader, err := f.h.EnrollReader(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	hubDB, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, "hub.db")+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer hubDB.Close()
	if _, err := hubDB.Exec(`ALTER TABLE stations RENAME TO stations_gone`); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodGet, f.srv.URL+protocol.PathHealth, nil)
	req.SetBasicAuth("", reader)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusInternalServerError {
		t.Fatalf("health page without its table: %d, want 500", resp.StatusCode)
	}
	l := logs.String()
	if !strings.Contains(l, "server error: ") || !strings.Contains(l, "stations") {
		t.Fatalf("the server error was not logged in English with its cause: %q", l)
	}
	if strings.Contains(l, "lỗi máy chủ") || strings.Contains(l, reader) {
		t.Fatalf("the log is Vietnamese or holds the token: %q", l)
	}
}
