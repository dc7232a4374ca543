package data

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

// reopen closes f's store and opens path again in its place (the store closed while restoring).
func (f *fixture) reopen(t *testing.T, path string) {
	t.Helper()
	s, err := Open(path, WithClock(f.clk.now))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	f.s = s
}

func TestRestoredOlderBackupDoesNotMintPrintedCodesAgain(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "test.db")
	f := newFixtureAt(t, path)
	for i := 0; i < 5; i++ {
		f.receive(t, "1.004873", "Trước Sao Lưu")
	}
	backup := filepath.Join(dir, "backup.db")
	if err := f.s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		f.receive(t, "1.004873", "Sau Sao Lưu")
	}
	if err := f.s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := Restore(ctx, path, backup); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + HighWaterSuffix); err != nil {
		t.Fatalf("restore moved the file of minted codes: %v", err)
	}
	f.reopen(t, path)
	d := f.receive(t, "1.004873", "Sau Khôi Phục")
	if want := testOffice + "-260302-0011"; d.Code != want {
		t.Fatalf("after restoring the older backup the next code is %q, want %q (the 11th)", d.Code, want)
	}
	// the tracking book's number is printed on the receipt too: the 11th as well, not the 6th
	if _, n, ok := d.Book(); !ok || n != 11 {
		t.Fatalf("after restoring the older backup the book number is %d (ok %v), want 11", n, ok)
	}
}

func TestMissingFileOfMintedCodesCountsFromTheDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "test.db")
	f := newFixtureAt(t, path)
	f.receive(t, "1.004873", "Một")
	f.receive(t, "1.004873", "Hai")
	if err := os.Remove(path + HighWaterSuffix); err != nil {
		t.Fatal(err)
	}
	if d := f.receive(t, "1.004873", "Ba"); !strings.HasSuffix(d.Code, "-0003") {
		t.Fatalf("code %q, want …-0003", d.Code)
	}
	b, err := os.ReadFile(path + HighWaterSuffix)
	if err != nil || !strings.Contains(string(b), testOffice+"\t260302\t0\t3\n") {
		t.Fatalf("file of minted codes after the third code: %q %v", b, err)
	}
	if st, _ := os.Stat(path + HighWaterSuffix); st.Mode().Perm() != 0o600 {
		t.Fatalf("file mode %v, want 0600", st.Mode().Perm())
	}
}

// A crash after the file was written but before the commit leaves the file ahead of the
// database: the next code skips the number, it never repeats one.
func TestFileOfMintedCodesAheadOfDatabaseSkipsNumbers(t *testing.T) {
	path := filepath.Join(t.TempDir(), "test.db")
	f := newFixtureAt(t, path)
	f.receive(t, "1.004873", "Một")
	if err := os.WriteFile(path+HighWaterSuffix, []byte(testOffice+"\t260302\t0\t7\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if d := f.receive(t, "1.004873", "Hai"); !strings.HasSuffix(d.Code, "-0008") {
		t.Fatalf("code %q, want …-0008", d.Code)
	}
}

func TestDamagedFileOfMintedCodesStopsReceptionAndChangesNothing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "test.db")
	f := newFixtureAt(t, path)
	f.receive(t, "1.004873", "Một")
	if err := os.WriteFile(path+HighWaterSuffix, []byte("rác\x00không phải sổ mã\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := f.s.Receive(ctx, f.counter, Reception{Procedure: "1.004873", Applicant: Person{Name: "Hai"}})
	var hwErr *HighWaterError
	if !errors.As(err, &hwErr) || !strings.Contains(err.Error(), "bị hỏng") {
		t.Fatalf("receive with a damaged file: %v", err)
	}
	var n int
	if err := f.s.DB().QueryRow("SELECT count(*) FROM dossiers").Scan(&n); err != nil || n != 1 {
		t.Fatalf("dossiers after the refused reception: %d %v", n, err)
	}
	if err := os.Remove(path + HighWaterSuffix); err != nil {
		t.Fatal(err)
	}
	if d := f.receive(t, "1.004873", "Hai"); !strings.HasSuffix(d.Code, "-0002") {
		t.Fatalf("code %q after deleting the damaged file", d.Code)
	}
}

func TestBatchRecordsMintedCodesOnceAndBulkKeepsNoFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "test.db")
	f := newFixtureAt(t, path)
	in, err := f.s.Intake(ctx, Reception{Procedure: "1.004873", Applicant: Person{Name: "Nhập Sổ"}})
	if err != nil {
		t.Fatal(err)
	}
	err = f.s.Batch(ctx, f.admin, func(b *Batch) error {
		for i := 0; i < 3; i++ {
			d := Dossier{ID: uuid.Must(uuid.NewV7())}
			if err := b.Append(ctx, &d, at("2026-03-02 09:00").Add(time.Duration(i)*time.Minute), "admin", 0, &Received{Intake: in}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path + HighWaterSuffix)
	if err != nil || !strings.Contains(string(b), testOffice+"\t260302\t0\t3\n") {
		t.Fatalf("file of minted codes after a batch: %q %v", b, err)
	}

	bulkPath := filepath.Join(t.TempDir(), "bulk.db")
	s, err := Open(bulkPath, Bulk(), WithClock(f.clk.now))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Setup(ctx, Office{Code: testOffice, Name: "Bộ phận Một cửa", Level: "xa", Place: "Thử Nghiệm"}, 0,
		NewUser{Username: "admin", FullName: "Quản Trị", Password: "matkhau123"}); err != nil {
		t.Fatal(err)
	}
	admin, err := s.UserByName(ctx, "admin")
	if err != nil {
		t.Fatal(err)
	}
	err = s.Batch(ctx, admin, func(b *Batch) error {
		d := Dossier{ID: uuid.Must(uuid.NewV7())}
		return b.Append(ctx, &d, at("2026-03-02 09:00"), "admin", 0, &Received{Intake: in})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(bulkPath + HighWaterSuffix); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a bulk build wrote a file of minted codes: %v", err)
	}
}

func TestCutAppendIsIgnoredAndLargeFileIsCompacted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "test.db")
	f := newFixtureAt(t, path)
	var b strings.Builder
	b.WriteString(highWaterHeader + "\n")
	for i := 0; i < 2000; i++ {
		b.WriteString(testOffice + "\t260302\t0\t4\n")
	}
	b.WriteString(testOffice + "\t260302\t0\t9") // cut by a crash before its commit
	if err := os.WriteFile(path+HighWaterSuffix, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	if d := f.receive(t, "1.004873", "Một"); !strings.HasSuffix(d.Code, "-0005") {
		t.Fatalf("code %q, want …-0005", d.Code)
	}
	got, err := os.ReadFile(path + HighWaterSuffix)
	if err != nil {
		t.Fatal(err)
	}
	want := highWaterHeader + "\n" + testOffice + "\t260302\t0\t5\n" + testOffice + "\tQ2026\t0\t1\n"
	if string(got) != want {
		t.Fatalf("compacted file = %q, want %q", got, want)
	}
}

// A reception refused after its code was minted (bad input) rolls back: no number is skipped.
func TestRefusedReceptionLeavesNoNumberInTheFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "test.db")
	f := newFixtureAt(t, path)
	f.receive(t, "1.004873", "Một")
	before, _ := os.ReadFile(path + HighWaterSuffix)
	if _, err := f.s.Receive(ctx, f.counter, Reception{Procedure: "1.004873", Applicant: Person{Name: "A", Phone: "12345"}}); err == nil {
		t.Fatal("a bad phone number was accepted")
	}
	if after, _ := os.ReadFile(path + HighWaterSuffix); !bytes.Equal(before, after) {
		t.Fatalf("the refused reception wrote %q", after[len(before):])
	}
	if d := f.receive(t, "1.004873", "Hai"); !strings.HasSuffix(d.Code, "-0002") {
		t.Fatalf("code %q after a refused reception, want …-0002", d.Code)
	}
}
