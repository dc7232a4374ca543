package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/uuid"

	"motcua/data"
	"motcua/reports"
	"motcua/reports/pdftest"
)

// onlyFiles lists a folder, failing on temporary files left behind.
func onlyFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
	return names
}

func TestPrintForms(t *testing.T) {
	dir := demoDir(t)
	s, err := data.Open(filepath.Join(dir, data.DBFile))
	if err != nil {
		t.Fatal(err)
	}
	one := func(q string) string {
		t.Helper()
		var v string
		if err := s.DB().QueryRow(q).Scan(&v); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return v
	}
	byType := func(typ string) string {
		return one("SELECT d.code FROM dossiers d JOIN events e ON e.dossier = d.id WHERE e.type = '" + typ + "' AND d.code IS NOT NULL ORDER BY d.code LIMIT 1")
	}
	received := one("SELECT code FROM dossiers WHERE code IS NOT NULL AND status = 10 ORDER BY code LIMIT 1")
	supp := byType("supplement_requested")
	apology := byType("apology_issued")
	// The demo stops no dossier: a leader stops an open one.
	stopped := one("SELECT code FROM dossiers WHERE status IN (2, 4, 5, 6, 7) ORDER BY code LIMIT 1")
	users, err := s.Users(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var leader *data.User
	for i := range users {
		if users[i].Active && users[i].Roles&data.RoleLeader != 0 {
			leader = &users[i]
		}
	}
	sd, _, err := s.DossierByCode(t.Context(), stopped)
	if err != nil || leader == nil {
		t.Fatalf("no dossier or leader to stop: %v", err)
	}
	if _, err := s.Record(t.Context(), leader, sd.ID, &data.Stopped{Reason: "Người nộp đề nghị dừng giải quyết", Stage: "Đang thẩm định"}); err != nil {
		t.Fatal(err)
	}
	var raw []byte
	if err := s.DB().QueryRow("SELECT dossier FROM events WHERE type = 'refused' LIMIT 1").Scan(&raw); err != nil {
		t.Fatal(err)
	}
	refusedID, err := uuid.FromBytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := s.DossierByCode(t.Context(), received)
	if err != nil {
		t.Fatal(err)
	}
	ref, _, err := s.DossierByID(t.Context(), refusedID)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	out := t.TempDir()
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"receipt", "--code", received}, []string{received, d.Applicant.Name, d.ProcedureName, "Liên 1: Lưu", "Liên 2: Giao người nộp"}},
		{[]string{"receipt", "--code", strings.ToLower(received), "--layout", "a5"}, []string{received, "Liên 2: Giao người nộp"}},
		{[]string{"supplement", "--code", supp}, []string{supp, "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"}},
		{[]string{"refusal", "--code", refusedID.String()}, []string{ref.Applicant.Name, ref.RefusalReason, "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"}},
		{[]string{"apology", "--code", apology}, []string{apology}},
		{[]string{"stop", "--code", stopped}, []string{stopped}},
		{[]string{"control", "--code", received}, []string{received, d.Applicant.Name}},
		{[]string{"book", "--from", "2026-11-01", "--to", "20/11/2026"}, []string{"SỔ THEO DÕI HỒ SƠ"}},
	}
	for i, c := range cases {
		file := filepath.Join(out, c.args[0]+"-"+string(rune('a'+i))+".pdf")
		args := append([]string{"print", "--data", dir, "--out", file}, c.args...)
		code, stdout, stderr := run(t, args...)
		if code != 0 {
			t.Errorf("%v: exit %d: %s", c.args, code, stderr)
			continue
		}
		if !strings.Contains(stdout, file) {
			t.Errorf("%v: stdout %q", c.args, stdout)
		}
		text := pdftest.Flat(pdftest.FileText(t, file, pdftest.Raw))
		for _, w := range c.want {
			if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
				t.Errorf("%v: PDF lacks %q", c.args, w)
			}
		}
	}
	before := onlyFiles(t, out)

	// Failures: one line, exit 1, and no file (the temporary one removed too).
	bad := filepath.Join(out, "bad.pdf")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"refusal", "--code", received}, "không bị từ chối"},
		{[]string{"receipt", "--code", refusedID.String()}, "chưa được tiếp nhận"},
		{[]string{"supplement", "--code", received}, "chưa có yêu cầu bổ sung"},
		{[]string{"receipt", "--code", "000.00.31.H56-260101-9999"}, "000.00.31.H56-260101-9999"},
		{[]string{"receipt", "--code", uuid.New().String()}, ""},
	} {
		args := append([]string{"print", "--data", dir, "--out", bad}, c.args...)
		code, stdout, stderr := run(t, args...)
		if code != 1 || stdout != "" || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q (want 1, one line with %q)", c.args, code, stdout, stderr, c.want)
		}
	}
	if after := onlyFiles(t, out); len(after) != len(before) {
		t.Errorf("a failed print left files: %v", after)
	}
	if code, _, stderr := run(t, "print", "--data", dir, "--code", received, "--out", filepath.Join(out, "no", "such", "dir.pdf"), "receipt"); code != 1 || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
		t.Errorf("print into a missing folder: %d %q", code, stderr)
	}
}

func TestPrintUsage(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "x.pdf")
	for _, args := range [][]string{
		{"print", "--data", dir, "--out", out},
		{"print", "--data", dir, "--out", out, "receipt", "supplement"},
		{"print", "--data", dir, "--out", out, "--code", "X", "invoice"},
		{"print", "--data", dir, "--code", "X", "receipt"},
		{"print", "--data", dir, "--out", out, "receipt"},
		{"print", "--data", dir, "--out", out, "--code", "X", "--layout", "a3", "receipt"},
		{"print", "--data", dir, "--out", out, "--code", "X", "--layout", "a5", "refusal"},
		{"print", "--data", dir, "--out", out, "--code", "X", "--from", "2026-01-01", "receipt"},
		{"print", "--data", dir, "--out", out, "book"},
		{"print", "--data", dir, "--out", out, "--from", "2026-01-01", "--to", "2026-02-30", "book"},
		{"print", "--data", dir, "--out", out, "--from", "2026-03-01", "--to", "2026-02-01", "book"},
		{"print", "--data", dir, "--out", out, "--code", "X", "--from", "2026-01-01", "--to", "2026-02-01", "book"},
		{"print", "--data", dir, "--bogus"},
	} {
		code, stdout, stderr := run(t, args...)
		if code != 2 || stdout != "" || stderr == "" || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q (want 2 and one line)", args[3:], code, stdout, stderr)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a usage error wrote a file")
	}
	// -h lists every form.
	code, _, stderr := run(t, "print", "-h")
	for _, f := range []string{"receipt", "supplement", "refusal", "apology", "stop", "control", "book"} {
		if code != 0 || !strings.Contains(stderr, f) {
			t.Errorf("print -h (exit %d) lacks %s", code, f)
		}
	}
}

// --out naming a folder writes the form under the name the app gives it (reports.Forms), and
// says where.
func TestPrintIntoAFolderNamesTheFileAsTheApp(t *testing.T) {
	dir := demoDir(t)
	s, err := data.Open(filepath.Join(dir, data.DBFile), data.ReadOnly())
	if err != nil {
		t.Fatal(err)
	}
	var code string
	if err := s.DB().QueryRow("SELECT code FROM dossiers WHERE code IS NOT NULL AND status = 10 ORDER BY code LIMIT 1").Scan(&code); err != nil {
		t.Fatal(err)
	}
	d, _, err := s.DossierByCode(t.Context(), code)
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	for _, f := range []string{"receipt", "control"} {
		rc, stdout, stderr := run(t, "print", "--data", dir, "--code", code, "--out", out, f)
		form, _ := reports.FormByName(f)
		want := filepath.Join(out, form.FileName(d))
		if rc != 0 || !strings.Contains(stdout, want) {
			t.Fatalf("print %s into a folder: exit %d, %q %q; want %s", f, rc, stdout, stderr, want)
		}
		if _, err := os.Stat(want); err != nil {
			t.Error(err)
		}
	}
	if names := onlyFiles(t, out); len(names) != 2 {
		t.Errorf("folder holds %v", names)
	}
}
