package main

import (
	"bytes"
	"strings"
	"testing"
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
