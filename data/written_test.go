package data

import (
	"context"
	"reflect"
	"testing"
)

// TestWritesReturnTheLogAsReadBack shows that Receive, Record and Refuse hand back the dossier and
// its whole log exactly as DossierByID would read them, so a form printed right after a write
// needs no second replay of the log.
func TestWritesReturnTheLogAsReadBack(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	check := func(what string, w *Written) {
		t.Helper()
		d, evs, err := f.s.DossierByID(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(w.Log, evs) {
			t.Errorf("%s: log returned\n%+v\nread back\n%+v", what, w.Log, evs)
		}
		if w.Code != d.Code || w.Status != d.Status || w.LastSeq != d.LastSeq || w.Events != d.Events || !w.Due.Equal(d.Due) {
			t.Errorf("%s: dossier returned %+v, read back %+v", what, *w.Dossier, *d)
		}
	}
	w, err := f.s.Receive(ctx, f.counter, Reception{Procedure: "1.004873", Applicant: Person{Name: "Đặng Thị Mai"}})
	if err != nil {
		t.Fatal(err)
	}
	check("received", w)
	f.clk.add(3600e9)
	if w, err = f.s.Record(ctx, f.counter, w.ID, &Transferred{ToUnit: w.Unit}); err != nil {
		t.Fatal(err)
	}
	check("transferred", w)
	if len(w.Log) != 2 || w.Log[1].Type != EvTransferred {
		t.Errorf("log after the transfer: %+v", w.Log)
	}
	r, err := f.s.Refuse(ctx, f.counter, Reception{Procedure: "1.004873", Applicant: Person{Name: "Lê Văn Bình"}}, "Không thuộc thẩm quyền")
	if err != nil {
		t.Fatal(err)
	}
	check("refused", r)
}
