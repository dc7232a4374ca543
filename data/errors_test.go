package data

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"motcua/data/vntext"
)

// A refused reception names the input at fault by a key that screens map to widgets, next to the
// Vietnamese label and message the CLI prints, and renders in English for an English interface.
func TestReceptionRefusalNamesTheInputByKey(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.clk.set(at("2026-03-02 09:00"))
	good := func() Reception {
		return Reception{Procedure: "1.004873",
			Applicant: Person{Name: "Nguyễn Văn An", IDNo: "038085001234", Phone: "0912 345 678"},
			Documents: []DocCount{{N: 1, Name: "Tờ khai", Originals: 1}, {N: 2, Name: "Bản sao giấy tờ ly hôn", Copies: 1}},
			Fees:      []Fee{{Name: "Lệ phí", Amount: 10000}, {Name: "Phí sao", Amount: 5000}}}
	}
	for _, c := range []struct {
		name        string
		change      func(*Reception)
		key         Key
		error, inEN string
	}{
		{"empty name", func(r *Reception) { r.Applicant.Name = "" }, KeyApplicantName,
			"Họ tên người nộp: không được để trống", "Applicant's name: must not be empty"},
		{"representative's name too long", func(r *Reception) {
			r.Representative = &Person{Name: strings.Repeat("a", MaxName+1), IDNo: "038085001234"}
		}, KeyRepresentativeName,
			fmt.Sprintf("Họ tên người được ủy quyền: \"Họ tên người được ủy quyền\" quá dài (tối đa %d ký tự)", MaxName),
			fmt.Sprintf("Representative's name: \"Representative's name\" is too long (at most %d characters)", MaxName)},
		{"second document's count", func(r *Reception) { r.Documents[1].Copies = 5000 }, "documents[1]",
			"Thành phần hồ sơ: số lượng không hợp lệ", "Documents: the number of originals or copies is not valid"},
		{"second fee's amount", func(r *Reception) { r.Fees[1].Amount = -1 }, "fees[1].amount",
			"Phí, lệ phí: số tiền không hợp lệ", "Fees: the amount is not valid"},
		{"required document missing", func(r *Reception) { r.Documents = r.Documents[1:] }, KeyDocuments,
			"Thành phần hồ sơ: thiếu giấy tờ bắt buộc (*): 1. Tờ khai. Chưa tiếp nhận hồ sơ: hãy in phiếu hướng dẫn bổ sung, hoàn thiện hồ sơ (mẫu 02)",
			"Documents: required documents (*) missing: 1. Tờ khai. The dossier was not received: print the guidance to complete it (form 02)"},
		{"unknown procedure", func(r *Reception) { r.Procedure = "9.999999" }, KeyProcedure,
			"Thủ tục: chưa chọn thủ tục hoặc mã thủ tục không có trong danh mục",
			"Procedure: no procedure chosen, or its code is not in the catalogue"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := good()
			c.change(&r)
			_, err := f.s.Receive(ctx, f.counter, r)
			var ie *InputError
			if !errors.As(fmt.Errorf("context: %w", err), &ie) {
				t.Fatalf("not an *InputError: %v", err)
			}
			if ie.Key != c.key || err.Error() != c.error || ie.Message("vi") != c.error || ie.Message("en") != c.inEN {
				t.Fatalf("key %q, error %q, English %q; want %q, %q, %q", ie.Key, err, ie.Message("en"), c.key, c.error, c.inEN)
			}
		})
	}
	if _, err := f.s.Receive(ctx, f.counter, good()); err != nil {
		t.Fatalf("the good reception is refused: %v", err)
	}
}

// Every key has its label, every step and status its names, every message (the store's and
// vntext's) both its texts, with the same verbs in the same order (fmt would print %!v(MISSING) in
// one language only), and the Vietnamese in NFC.
func TestEveryInputMessageHasBothLanguages(t *testing.T) {
	fset := token.NewFileSet()
	keys, err := parser.ParseFile(fset, "errors_keys.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	ast.Inspect(keys, func(node ast.Node) bool {
		v, ok := node.(*ast.ValueSpec)
		if !ok || len(v.Values) != 1 {
			return true
		}
		if id, ok := v.Type.(*ast.Ident); ok && id.Name == "Key" {
			s, err := strconv.Unquote(v.Values[0].(*ast.BasicLit).Value)
			if err != nil {
				t.Fatal(err)
			}
			n++
			if _, ok := labels[Key(s)]; !ok {
				t.Errorf("key %s (%q) has no label", v.Names[0].Name, s)
			}
		}
		return true
	})
	if n < 50 {
		t.Fatalf("found only %d keys in errors_keys.go", n)
	}
	for k, l := range labels {
		if (l.VI == "") != (l.EN == "") || !norm.NFC.IsNormalString(l.VI) {
			t.Errorf("label of %q: %+v", k, l)
		}
	}
	for ty, v := range verbs {
		if v.VI == "" || v.EN == "" || !norm.NFC.IsNormalString(v.VI) {
			t.Errorf("step %s: %+v", ty, v)
		}
	}
	for st, n := range statusNames {
		if n.VI == "" || n.EN == "" || !norm.NFC.IsNormalString(n.VI) {
			t.Errorf("status %d: %+v", st, n)
		}
	}
	fmtVerbs := func(s string) string {
		var out []string
		for i := 0; i < len(s)-1; i++ {
			if s[i] == '%' {
				out = append(out, s[i:i+2])
				i++
			}
		}
		return strings.Join(out, " ")
	}
	// the store's table and vntext's, one shape: {Vietnamese, English}
	for _, table := range []struct{ file, typ string }{
		{"errors_texts.go", "text"},
		{"vntext/message_texts.go", "Text"},
	} {
		texts, err := parser.ParseFile(fset, table.file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		m := 0
		ast.Inspect(texts, func(node ast.Node) bool {
			c, ok := node.(*ast.CompositeLit)
			if !ok || len(c.Elts) != 2 {
				return true
			}
			if id, ok := c.Type.(*ast.Ident); !ok || id.Name != table.typ {
				return true
			}
			m++
			vi, err1 := strconv.Unquote(c.Elts[0].(*ast.BasicLit).Value)
			en, err2 := strconv.Unquote(c.Elts[1].(*ast.BasicLit).Value)
			if err1 != nil || err2 != nil || vi == "" || en == "" || fmtVerbs(vi) != fmtVerbs(en) || !norm.NFC.IsNormalString(vi) {
				t.Errorf("%s: message %q / %q", fset.Position(c.Pos()), vi, en)
			}
			return true
		})
		if m < 25 {
			t.Fatalf("found only %d messages in %s", m, table.file)
		}
	}
}

// The key of an item names its index in the list the caller passed.
func TestKeyOfAnItem(t *testing.T) {
	if k := KeyFees.Item(1).Amount(); k != "fees[1].amount" {
		t.Fatal(k)
	}
	if k := KeyDocuments.Item(12); k != "documents[12]" || labelOf(k) != labels[KeyDocuments] {
		t.Fatal(k, labelOf(k))
	}
}

// A message known only in Vietnamese (an error from elsewhere with no Message) keeps its text in
// English, under the English label, rather than vanish; vntext's checks have their English.
func TestEnglishKeepsAVietnameseOnlyReason(t *testing.T) {
	var ie *InputError
	if err := keyedError(KeyApplicantIDNumber, errors.New("chỉ có tiếng Việt")); !errors.As(err, &ie) ||
		ie.Message("en") != "Applicant's ID number: chỉ có tiếng Việt" {
		t.Fatalf("%v: English %q", err, ie.Message("en"))
	}
	err := (&Person{Name: "An", IDNo: "12"}).validate(applicantKeys)
	if !errors.As(err, &ie) || ie.Key != KeyApplicantIDNumber {
		t.Fatalf("%v", err)
	}
	if got := ie.Message("en"); got != "Applicant's ID number: a CCCD has 12 digits, an old CMND 9 (2 typed)" {
		t.Fatalf("English %q", got)
	}
}

// The store's errors that are not about one input, and vntext's checks, say the same in English
// as they say in Vietnamese: a refused ID number, a step the officer may not take, a step that
// does not fit the dossier's status (the step and the status named in English), a fixed error.
// Their Vietnamese (Error, what the CLI and the logs print) is what it was.
func TestStoreErrorsFollowTheLanguage(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.clk.set(at("2026-03-02 09:00"))
	_, badID := f.s.Receive(ctx, f.counter, Reception{Procedure: "1.004873",
		Applicant: Person{Name: "Nguyễn Văn An", IDNo: "12"},
		Documents: []DocCount{{N: 1, Name: "Tờ khai", Originals: 1}}})
	d := f.receive(t, "1.004873", "Trần Thị Bình")
	f.clk.add(time.Minute)
	_, forbidden := f.s.Record(ctx, f.counter, d.ID, samplePayload(EvStopped))
	_, transition := f.s.Record(ctx, f.counter, d.ID, samplePayload(EvReturned))
	_, _, notFound := f.s.DossierByCode(ctx, "TP-260302-9999")
	for _, c := range []struct {
		name   string
		err    error
		vi, en string
	}{
		{"refused ID number", badID,
			"Số giấy tờ người nộp: số CCCD phải có 12 chữ số, hoặc CMND cũ 9 chữ số (đã nhập 2)",
			"Applicant's ID number: a CCCD has 12 digits, an old CMND 9 (2 typed)"},
		{"forbidden step", forbidden,
			"không có quyền thực hiện thao tác này: dừng xử lý",
			"you are not allowed to do this: stop processing"},
		{"transition", transition,
			`không thể trả kết quả khi hồ sơ ở trạng thái "Được tiếp nhận"`,
			`cannot return the result while the dossier's status is "Received, not yet transferred"`},
		{"not found", notFound, `hồ sơ "TP-260302-9999": không tìm thấy`, "not found"},
		{"database in use", &LockedError{Program: "motcua", PID: 12},
			"Cơ sở dữ liệu đang được mở bởi motcua, PID 12: hãy đóng chương trình đó rồi thử lại",
			"The database is open in motcua, PID 12: close that program and try again"},
		{"vntext's check", vntext.CheckCitizenID("03808500123x"),
			`số CCCD chỉ gồm chữ số (có ký tự "x")`, `an ID number has digits only (it has "x")`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var m Localized
			if !errors.As(c.err, &m) {
				t.Fatalf("%v (%T) has no Message", c.err, c.err)
			}
			if c.err.Error() != c.vi || m.Message("vi") != m.Error() || m.Message("en") != c.en {
				t.Fatalf("Error %q, Message(vi) %q, Message(en) %q; want %q and %q", c.err, m.Message("vi"), m.Message("en"), c.vi, c.en)
			}
		})
	}
	if !errors.Is(forbidden, ErrForbidden) || !errors.Is(notFound, ErrNotFound) {
		t.Fatalf("errors.Is no longer finds the fixed errors: %v, %v", forbidden, notFound)
	}
	for err, code := range map[error]string{forbidden: "forbidden", notFound: "not_found", transition: "transition",
		badID: "input:applicant.id_number", vntext.CheckCitizenID("12"): "citizen_id.length", &LockedError{}: "in_use"} {
		if got := CodeOf(err); got != code {
			t.Errorf("code of %v: %q, want %q", err, got, code)
		}
	}
}
