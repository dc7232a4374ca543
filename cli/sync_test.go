package cli

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"motcua/data"
	"motcua/sync/hub"
	"motcua/sync/protocol"
	"motcua/sync/station"
	"motcua/sync/synctest"
)

// servedHub is a hub in a temporary folder and its server, closed when t ends.
func servedHub(t *testing.T) (*hub.Hub, *httptest.Server) {
	t.Helper()
	h, err := hub.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	srv := httptest.NewServer(hub.NewServer(h, nil))
	t.Cleanup(srv.Close)
	return h, srv
}

// stationDir is a fresh data folder of station 0 of office A, with one dossier received for
// applicant ("" none). The office is closed: one writer at a time, and the commands the tests
// run open it themselves.
func stationDir(t *testing.T, applicant string) string {
	t.Helper()
	dir := t.TempDir()
	st := synctest.NewStation(t, dir, synctest.OfficeA, 0)
	if applicant != "" {
		st.Receive(t, applicant)
	}
	st.Store.Close()
	return dir
}

func TestSyncAndEnroll(t *testing.T) {
	ctx := context.Background()
	h, srv := servedHub(t)
	tok0, _ := h.EnrollStation(ctx, synctest.OfficeA, 0)
	tok1, _ := h.EnrollStation(ctx, synctest.OfficeA, 1)

	dir := stationDir(t, "Nguyễn Văn Đồng Bộ")

	if code, _, errs := run(t, "sync", "--data", dir); code != exitUsage || !strings.Contains(errs, "--hub") {
		t.Fatalf("sync without a hub: %d %s", code, errs)
	}
	code, out, errs := run(t, "sync", "--data", dir, "--hub", srv.URL, "--token", tok0)
	if code != 0 || !strings.Contains(out, "gửi 1 sự kiện (1 mới)") {
		t.Fatalf("first sync: %d %q %q", code, out, errs)
	}
	if code, out, errs := run(t, "sync", "--data", dir); code != 0 || !strings.Contains(out, "gửi 0 sự kiện") {
		t.Fatalf("sync with saved settings: %d %q %q", code, out, errs)
	}

	fresh := t.TempDir()
	if code, _, errs := run(t, "enroll", "--data", fresh, "--hub", srv.URL, "--token", "mch1_wrong"); code != exitFail {
		t.Fatalf("enroll with a wrong token: %d %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(fresh, data.DBFile)); !os.IsNotExist(err) {
		t.Fatalf("a failed enrolment left a database behind: %v", err)
	}
	code, out, errs = run(t, "enroll", "--data", fresh, "--hub", srv.URL, "--token", tok1)
	if code != 0 || !strings.Contains(out, "mật khẩu tạm") || !strings.Contains(out, "nhận 1 sự kiện") {
		t.Fatalf("enroll: %d %q %q", code, out, errs)
	}
	if code, out, _ := run(t, "find", "--data", fresh, "đồng bộ"); code != 0 || !strings.Contains(out, "Nguyễn Văn Đồng Bộ") {
		t.Fatalf("the enrolled PC does not find the dossier: %d %q", code, out)
	}
	if code, _, errs := run(t, "enroll", "--data", fresh, "--hub", srv.URL, "--token", tok1); code != exitFail || !strings.Contains(errs, "máy mới") {
		t.Fatalf("enroll over an existing database: %d %s", code, errs)
	}

	srv.Close()
	if code, _, errs := run(t, "sync", "--data", dir); code != exitFail || !strings.Contains(errs, "không kết nối được") {
		t.Fatalf("unreachable hub: %d %s", code, errs)
	}
}

// A hub that answers everything but the feed: the office is set up, the first pull fails.
type noPull struct{ h http.Handler }

func (n noPull) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == protocol.PathPull {
		http.Error(w, "tạm dừng", http.StatusForbidden)
		return
	}
	n.h.ServeHTTP(w, r)
}

// An enrolment cut after the office was set up must not leave a PC nobody can log into: the
// administrator's password is shown, and it opens the office.
func TestEnrollCutAfterSetupShowsAWorkingPassword(t *testing.T) {
	ctx := context.Background()
	h, good := servedHub(t)
	tok0, _ := h.EnrollStation(ctx, synctest.OfficeA, 0)
	firstDir := stationDir(t, "Nguyễn Văn Đồng Bộ")
	if code, out, errs := run(t, "sync", "--data", firstDir, "--hub", good.URL, "--token", tok0); code != 0 {
		t.Fatalf("first sync: %d %q %q", code, out, errs)
	}

	cut := httptest.NewServer(noPull{hub.NewServer(h, nil)})
	defer cut.Close()
	tok1, _ := h.EnrollStation(ctx, synctest.OfficeA, 1)
	fresh := t.TempDir()
	code, out, errs := run(t, "enroll", "--data", fresh, "--hub", cut.URL, "--token", tok1)
	if code != exitFail || !strings.Contains(errs, "chưa nhận đủ") {
		t.Fatalf("enroll with a failing pull: %d %q %q", code, out, errs)
	}
	m := regexp.MustCompile(`mật khẩu tạm: (\S+) `).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("the administrator's password was not shown: %q", out)
	}
	s, err := data.Open(filepath.Join(fresh, data.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Authenticate(ctx, "admin", m[1]); err != nil {
		t.Fatalf("the password shown does not open the office: %v", err)
	}
}

// What a killed enrolment leaves (the database being built, and its journal) does not stop the
// next one, which leaves nothing of it behind.
func TestEnrollAgainAfterAKilledEnrolment(t *testing.T) {
	ctx := context.Background()
	h, srv := servedHub(t)
	tok0, _ := h.EnrollStation(ctx, synctest.OfficeA, 0)
	firstDir := stationDir(t, "")
	if code, out, errs := run(t, "sync", "--data", firstDir, "--hub", srv.URL, "--token", tok0); code != 0 {
		t.Fatalf("first sync: %d %q %q", code, out, errs)
	}

	fresh := t.TempDir()
	path := filepath.Join(fresh, data.DBFile)
	aside := station.EnrollAside(path)
	for _, p := range []string{aside, aside + "-wal", aside + data.TokenSuffix} {
		if err := os.WriteFile(p, []byte("bị ngắt giữa chừng"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	tok1, _ := h.EnrollStation(ctx, synctest.OfficeA, 1)
	if code, out, errs := run(t, "enroll", "--data", fresh, "--hub", srv.URL, "--token", tok1); code != 0 || !strings.Contains(out, "mật khẩu tạm") {
		t.Fatalf("enroll after a killed one: %d %q %q", code, out, errs)
	}
	left, _ := filepath.Glob(aside + "*")
	if len(left) != 0 {
		t.Fatalf("left behind: %v", left)
	}
}

func TestTokenFromStandardInputOrEnvironment(t *testing.T) {
	ctx := context.Background()
	h, srv := servedHub(t)
	tok0, _ := h.EnrollStation(ctx, synctest.OfficeA, 0)
	tok1, _ := h.EnrollStation(ctx, synctest.OfficeA, 1)
	dir := stationDir(t, "Nguyễn Văn Đồng Bộ")

	t.Setenv(TokenEnv, tok0)
	if code, out, errs := run(t, "sync", "--data", dir, "--hub", srv.URL); code != 0 || !strings.Contains(out, "gửi 1 sự kiện") {
		t.Fatalf("sync with the token in %s: %d %q %q", TokenEnv, code, out, errs)
	}
	t.Setenv(TokenEnv, "")
	if code, out, errs := run(t, "sync", "--data", dir); code != 0 {
		t.Fatalf("sync with the token saved from %s: %d %q %q", TokenEnv, code, out, errs)
	}

	defer func(r io.Reader) { stdin = r }(stdin)
	stdin = strings.NewReader(tok1 + "\r\n")
	fresh := t.TempDir()
	if code, out, errs := run(t, "enroll", "--data", fresh, "--hub", srv.URL, "--token", "-"); code != 0 || !strings.Contains(out, "nhận 1 sự kiện") {
		t.Fatalf("enroll with the token on standard input: %d %q %q", code, out, errs)
	}
	stdin = strings.NewReader("")
	if code, _, errs := run(t, "sync", "--data", fresh, "--token", "-"); code != exitUsage || !strings.Contains(errs, "đầu vào chuẩn") {
		t.Fatalf("--token - with nothing on standard input: %d %q", code, errs)
	}
	for _, cmd := range []string{"sync", "enroll"} {
		_, _, help := run(t, cmd, "-h")
		if !strings.Contains(help, "--token -") || !strings.Contains(help, TokenEnv) {
			t.Errorf("motcua %s -h does not say how to keep the token off the command line:\n%s", cmd, help)
		}
	}
}
