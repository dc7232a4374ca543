package reports

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"motcua/data"
	"motcua/data/demo"
)

// The forms table has each form once: numbers 01 to 06 in order, names, file prefixes and
// titles that tell them apart, and a writer.
func TestFormsTableHasEachFormOnce(t *testing.T) {
	seen := map[string]bool{}
	for i, f := range Forms {
		if want := "0" + string(rune('1'+i)); f.Number != want {
			t.Errorf("form %d numbered %q, want %q", i, f.Number, want)
		}
		for _, v := range []string{"n" + f.Number, "name " + f.Name, "prefix " + f.Prefix, "title " + f.Title} {
			if seen[v] || strings.HasSuffix(v, " ") {
				t.Errorf("form %s: %s empty or twice", f.Number, v)
			}
			seen[v] = true
		}
		if f.Write == nil || f.applies == nil {
			t.Errorf("form %s has no writer or no rule", f.Number)
		}
		if g, ok := FormByNumber(f.Number); !ok || g.Name != f.Name {
			t.Errorf("FormByNumber(%s) = %v, %v", f.Number, g.Name, ok)
		}
		if g, ok := FormByName(f.Name); !ok || g.Number != f.Number {
			t.Errorf("FormByName(%s) = %v, %v", f.Name, g.Number, ok)
		}
	}
	if len(Forms) != 6 {
		t.Errorf("%d forms, want 6", len(Forms))
	}
	if _, ok := FormByNumber("07"); ok {
		t.Error("form 07 (the book) is not a dossier's form")
	}
}

// formsStore is a demo office of 300 dossiers, its clock stopped at formsNow.
func formsStore(t *testing.T) *data.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), data.DBFile)
	if err := demo.Build(context.Background(), path, demo.Options{Dossiers: 300, Seed: 7, Now: formsNow}); err != nil {
		t.Fatal(err)
	}
	s, err := data.Open(path, data.WithClock(func() time.Time { return formsNow }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Every form of the table prints, through Print, from a dossier of a demo office whose log
// allows it, into a folder under the table's file name, or to a path given whole.
func TestEveryFormPrintsFromADossierThatAllowsIt(t *testing.T) {
	ctx := context.Background()
	s := formsStore(t)
	rows, err := s.DB().QueryContext(ctx, "SELECT DISTINCT dossier FROM events ORDER BY dossier")
	if err != nil {
		t.Fatal(err)
	}
	var ids []uuid.UUID
	for rows.Next() {
		var raw []byte
		if err := rows.Scan(&raw); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, uuid.UUID(raw))
	}
	rows.Close()
	out := t.TempDir()
	for _, f := range Forms {
		printed := false
		for _, id := range ids {
			d, evs, err := s.DossierByID(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if !f.Applies(d, evs) {
				continue
			}
			got, err := Print(ctx, s, f, d, evs, out, PrintOptions{})
			if err != nil {
				t.Fatalf("form %s of %s: %v", f.Number, d.Code, err)
			}
			if got != filepath.Join(out, f.FileName(d)) {
				t.Errorf("form %s written to %s, want %s", f.Number, got, f.FileName(d))
			}
			b, err := os.ReadFile(got)
			if err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
				t.Errorf("form %s: %s is not a PDF (%v)", f.Number, got, err)
			}
			// a path given whole is the file itself
			whole := filepath.Join(out, "mau-"+f.Number+".pdf")
			if got, err := Print(ctx, s, f, d, evs, whole, PrintOptions{Layout: ReceiptA5}); err != nil || got != whole {
				t.Errorf("form %s to %s: %s, %v", f.Number, whole, got, err)
			}
			printed = true
			break
		}
		if !printed {
			t.Errorf("no dossier of the demo office allows form %s", f.Number)
		}
	}
}

// A dossier refused at the counter has no code: its forms are named by its internal id.
func TestFormFileNameOfADossierWithoutCode(t *testing.T) {
	d := &data.Dossier{ID: uuid.MustParse("019b2a2f-69c8-70eb-835a-6c771db16124")}
	if got := Forms[2].FileName(d); got != "tu-choi-019b2a2f.pdf" {
		t.Errorf("file name %q", got)
	}
	d.Code = "000.00.31.H56-251209-3001"
	if got := Forms[0].FileName(d); got != "giay-hen-000.00.31.H56-251209-3001.pdf" {
		t.Errorf("file name %q", got)
	}
	if got := FileName("x", "a/b\\c:d e"); got != "x-a_b_c_d_e.pdf" {
		t.Errorf("file name %q", got)
	}
}

// A form printed right after a write, from the dossier and log the write returns, is the same
// file, byte for byte, as the form printed from the log read back.
func TestFormsPrintTheSameRightAfterAWriteAsFromTheLog(t *testing.T) {
	ctx := context.Background()
	s := formsStore(t)
	pdf := func(f Form, d *data.Dossier, evs []data.Event) []byte {
		t.Helper()
		var b bytes.Buffer
		_, err := Print(ctx, s, f, d, evs, "x.pdf", PrintOptions{Write: func(_ string, write func(io.Writer) error) error { return write(&b) }})
		if err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	n := 0
	check := func(w *data.Written, err error) *data.Written {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		d, evs, err := s.DossierByID(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range Applicable(w.Dossier, w.Log) {
			n++
			if !bytes.Equal(pdf(f, w.Dossier, w.Log), pdf(f, d, evs)) {
				t.Errorf("form %s of a dossier %s: printed after the write, it differs from the log's", f.Number, w.Status)
			}
		}
		return w
	}
	rec := data.Reception{Procedure: "1.001193", Applicant: data.Person{Name: "Nguyễn Văn An", IDNo: "001090123456", Phone: "0912345678"}}
	d := check(s.Receive(ctx, data.System, rec))
	check(s.Record(ctx, data.System, d.ID, &data.WithdrawalRequested{Reason: "Công dân xin rút"}))
	check(s.Record(ctx, data.System, d.ID, &data.Stopped{Reason: "Công dân rút hồ sơ"}))
	check(s.Refuse(ctx, data.System, rec, "Không thuộc thẩm quyền"))
	d = check(s.Receive(ctx, data.System, rec))
	check(s.Record(ctx, data.System, d.ID, &data.Transferred{ToUnit: "TPHT", ToHandler: "tuphap1"}))
	check(s.Record(ctx, data.System, d.ID, &data.SupplementRequested{Items: []data.DocCount{{Name: "Giấy chứng sinh"}}, Reason: "Thiếu giấy chứng sinh"}))
	d = check(s.Record(ctx, data.System, d.ID, &data.SupplementReceived{}))
	check(s.Record(ctx, data.System, d.ID, &data.ApologyIssued{Reason: "Cần xác minh thêm", NewDue: d.Due.AddDate(0, 0, 7)}))
	if n < 20 {
		t.Errorf("only %d forms compared", n)
	}
}

// A form printed twice from the same log at the same moment of printing is the same file, even a
// second later: the PDF's creation date is the moment of printing, not the PC's clock.
func TestFormPrintedAgainIsTheSameFile(t *testing.T) {
	ctx := context.Background()
	s := formsStore(t)
	rec := data.Reception{Procedure: "1.001193", Applicant: data.Person{Name: "Nguyễn Văn An", IDNo: "001090123456", Phone: "0912345678"}}
	w, err := s.Receive(ctx, data.System, rec)
	if err != nil {
		t.Fatal(err)
	}
	if w, err = s.Record(ctx, data.System, w.ID, &data.Stopped{Reason: "Công dân rút hồ sơ"}); err != nil {
		t.Fatal(err)
	}
	print := func() map[string][]byte {
		out := map[string][]byte{}
		for _, f := range Applicable(w.Dossier, w.Log) {
			var b bytes.Buffer
			_, err := Print(ctx, s, f, w.Dossier, w.Log, "x.pdf", PrintOptions{Write: func(_ string, write func(io.Writer) error) error { return write(&b) }})
			if err != nil {
				t.Fatal(err)
			}
			out[f.Number] = b.Bytes()
		}
		return out
	}
	first := print()
	time.Sleep(1100 * time.Millisecond) // PDF dates are in whole seconds
	again := print()
	for n, b := range first {
		if !bytes.Equal(b, again[n]) {
			t.Errorf("form %s printed again a second later is another file", n)
		}
	}
}
