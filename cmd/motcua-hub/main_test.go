package main

import (
	"bytes"
	"io"
	"log"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestEnrollAndRevoke(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if code := run([]string{"enroll", "--data", dir, "--office", "000.00.06.H56", "--station", "2"}, &out, &errb); code != 0 {
		t.Fatalf("enroll: %d %s", code, errb.String())
	}
	tok := strings.TrimSpace(out.String())
	if !strings.HasPrefix(tok, "mch1_") || len(tok) < 40 {
		t.Fatalf("token %q", tok)
	}
	out.Reset()
	if code := run([]string{"revoke", "--data", dir, "--token", tok}, &out, &errb); code != 0 || !strings.Contains(out.String(), "1") {
		t.Fatalf("revoke: %d %s %s", code, out.String(), errb.String())
	}
	if code := run([]string{"revoke", "--data", dir, "--token", tok}, &out, &errb); code != 1 {
		t.Fatalf("revoking twice: %d", code)
	}
	if code := run([]string{"enroll", "--data", dir, "--office", "x y", "--station", "1"}, &out, &errb); code != 1 {
		t.Fatalf("bad office: %d", code)
	}
	out.Reset()
	if code := run([]string{"new-epoch", "--data", dir}, &out, &errb); code != 0 || !strings.Contains(out.String(), "epoch mới") {
		t.Fatalf("new-epoch: %d %s", code, errb.String())
	}
	out.Reset()
	if code := run([]string{"enroll", "--data", dir, "--portal", "--office", "000.00.06.H56"}, &out, &errb); code != 0 ||
		!strings.HasPrefix(out.String(), "mch1_") {
		t.Fatalf("enroll --portal: %d %s %s", code, out.String(), errb.String())
	}
	if code := run([]string{"enroll", "--data", dir, "--portal", "--station", "1"}, &out, &errb); code != 2 {
		t.Fatalf("--portal with --station: %d", code)
	}
	if code := run([]string{"enroll", "--data", dir, "--portal", "--reader"}, &out, &errb); code != 2 {
		t.Fatalf("--portal with --reader: %d", code)
	}
	if code := run([]string{"enroll", "--office", "000.00.06.H56"}, &out, &errb); code != 2 {
		t.Fatalf("no --data: %d", code)
	}
}

// The server bounds a client's headers and idle connections, and leaves the body to the hub's
// pace (hub.Limits), which replaces any fixed deadline for the whole request.
func TestServerSettings(t *testing.T) {
	s := httpServer(":0", http.NotFoundHandler(), log.New(io.Discard, "", 0))
	if s.ReadTimeout != 0 {
		t.Errorf("ReadTimeout %v: the body's pace is the hub's to check (hub.Limits)", s.ReadTimeout)
	}
	if s.ReadHeaderTimeout <= 0 || s.ReadHeaderTimeout > 30*time.Second {
		t.Errorf("ReadHeaderTimeout %v", s.ReadHeaderTimeout)
	}
	if s.IdleTimeout <= 0 || s.IdleTimeout > 5*time.Minute {
		t.Errorf("IdleTimeout %v", s.IdleTimeout)
	}
	if s.MaxHeaderBytes <= 0 || s.MaxHeaderBytes > 64<<10 {
		t.Errorf("MaxHeaderBytes %d", s.MaxHeaderBytes)
	}
	if s.WriteTimeout < 10*time.Minute {
		t.Errorf("WriteTimeout %v cuts an export of a year", s.WriteTimeout)
	}
}
