package cli

import (
	"context"
	"strings"
	"testing"

	"motcua/sync/synctest"
)

// `motcua sync --hub http://…` to a hub on another machine is refused with the reason, and the
// settings stay as they were.
func TestSyncRefusesPlainHTTPHubAndKeepsSettings(t *testing.T) {
	dir := t.TempDir()
	synctest.NewStation(t, dir, synctest.OfficeA, 0).Store.Close()
	code, _, errs := run(t, "sync", "--data", dir, "--hub", "http://dongbo.example.gov.vn:8080", "--token", "mch1_x")
	if code == 0 || !strings.Contains(errs, "https://") {
		t.Fatalf("sync to a plain http hub: %d %q", code, errs)
	}
	s, err := openStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if cfg, _ := s.SyncConfig(context.Background()); cfg.Hub != "" || cfg.Token != "" {
		t.Fatalf("the refused settings were saved: %+v", cfg)
	}
}
