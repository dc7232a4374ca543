package data

import (
	"context"
	"reflect"
	"testing"
	"time"
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
		if !sameInstantValue(reflect.ValueOf(*w.Dossier), reflect.ValueOf(*d)) {
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

// sameInstantValue compares two values field by field, times by the instant they name: a time read back
// from a payload carries a fixed "+0700" zone where the one just computed carries the office's.
func sameInstantValue(a, b reflect.Value) bool {
	if a.Type() == reflect.TypeOf(time.Time{}) {
		return a.Interface().(time.Time).Equal(b.Interface().(time.Time))
	}
	switch a.Kind() {
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if a.Type().Field(i).IsExported() && !sameInstantValue(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Pointer:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameInstantValue(a.Elem(), b.Elem())
	case reflect.Slice:
		if a.Len() != b.Len() {
			return false
		}
		for i := 0; i < a.Len(); i++ {
			if !sameInstantValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(a.Interface(), b.Interface())
}
