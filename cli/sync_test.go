package cli

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"motcua/data"
	"motcua/sync/hub"
	"motcua/sync/synctest"
)

func TestSyncAndEnroll(t *testing.T) {
	ctx := context.Background()
	h, err := hub.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	srv := httptest.NewServer(hub.NewServer(h, nil))
	defer srv.Close()
	tok0, _ := h.EnrollStation(ctx, synctest.OfficeA, 0)
	tok1, _ := h.EnrollStation(ctx, synctest.OfficeA, 1)

	dir := t.TempDir()
	st := synctest.NewStation(t, dir, synctest.OfficeA, 0)
	st.Receive(t, "Nguyễn Văn Đồng Bộ")
	st.Store.Close() // one writer at a time: the commands below open the office themselves

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
