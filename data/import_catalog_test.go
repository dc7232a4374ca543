package data

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"

	"motcua/data/calendar"
)

// importSnapshot is the content of tables, for asserting that a rejected import changed nothing.
func importSnapshot(t testing.TB, s *Store, queries ...string) string {
	t.Helper()
	var b strings.Builder
	for _, q := range queries {
		var v string
		if err := s.db.QueryRow(q).Scan(&v); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		fmt.Fprintf(&b, "%s\n", v)
	}
	return b.String()
}

// catalogTables covers every table a catalog import writes, row by row.
var catalogTables = []string{
	"SELECT count(*) || ':' || COALESCE(group_concat(code || '|' || name || '|' || limit_value || limit_unit || '|' || level || '|' || active || '|' || COALESCE(unit_id, ''), ';'), '') FROM (SELECT * FROM procedures ORDER BY code)",
	"SELECT count(*) || ':' || COALESCE(group_concat(procedure_id || '|' || n || '|' || name || '|' || required || originals || copies, ';'), '') FROM (SELECT * FROM procedure_docs ORDER BY procedure_id, n)",
	"SELECT count(*) || ':' || COALESCE(group_concat(procedure_id || '|' || n || '|' || amount, ';'), '') FROM (SELECT * FROM procedure_fees ORDER BY procedure_id, n)",
	"SELECT count(*) || ':' || COALESCE(group_concat(code || '|' || name, ';'), '') FROM (SELECT * FROM fields ORDER BY code)",
}

func procByCode(t *testing.T, procs []Procedure, code string) Procedure {
	t.Helper()
	for _, p := range procs {
		if p.Code == code {
			return p
		}
	}
	t.Fatalf("procedure %s not parsed", code)
	return Procedure{}
}

func TestParseCatalogCSVRealFile(t *testing.T) {
	procs, err := ParseCatalogCSV(bytes.NewReader(OfficialCatalogCSV()))
	if err != nil {
		t.Fatal(err)
	}
	if len(procs) != 52 {
		t.Fatalf("%d procedures, want 52", len(procs))
	}
	// Line 5: 3 working days, fee left to the province (empty), four documents of which the last
	// three are "(nếu …)"; the second is a copy.
	p := procByCode(t, procs, "1.004873")
	if p.Limit != (calendar.Limit{Value: 3, Unit: calendar.WorkingDays}) || len(p.Fees) != 0 || p.Level != "xa" ||
		p.OnlineLevel != "toan_trinh" || p.Field != "HO-TICH" || p.FieldName != "Hộ tịch" || !p.Active ||
		!strings.HasPrefix(p.FeeNote, "Lệ phí do HĐND tỉnh quy định") {
		t.Errorf("1.004873 = %+v", p)
	}
	wantDocs := []ProcedureDoc{
		{N: 1, Name: "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (hoặc mẫu điện tử tương tác)", Required: true, Originals: 1},
		{N: 2, Name: "Bản sao giấy tờ chứng minh đã ly hôn / bản sao Giấy chứng tử (nếu có)", Copies: 1},
		{N: 3, Name: "Giấy xác nhận tình trạng hôn nhân đã cấp trước đó (nếu xin cấp lại để dùng mục đích khác)", Originals: 1},
		{N: 4, Name: "Văn bản ủy quyền (nếu ủy quyền)", Originals: 1},
	}
	if !reflect.DeepEqual(p.Documents, wantDocs) {
		t.Errorf("1.004873 documents:\n got %+v\nwant %+v", p.Documents, wantDocs)
	}
	// Line 16: same working day, 2,000 đ collected at reception, "Bản chính …" then "Bản sao …".
	p = procByCode(t, procs, "2.000815")
	if p.Limit != (calendar.Limit{Value: 0, Unit: calendar.WorkingDays}) || p.OnlineLevel != "mot_phan" ||
		!reflect.DeepEqual(p.Fees, []ProcedureFee{{N: 1, Name: "Lệ phí", Amount: 2000, Stage: FeeAtReception}}) ||
		len(p.Documents) != 2 || p.Documents[0].Originals != 1 || p.Documents[0].Copies != 0 ||
		p.Documents[1].Originals != 0 || p.Documents[1].Copies != 1 || !p.Documents[1].Required {
		t.Errorf("2.000815 = %+v", p)
	}
	// Line 15: 15 calendar days at district level, no fee.
	p = procByCode(t, procs, "2.000806")
	if p.Limit != (calendar.Limit{Value: 15, Unit: calendar.CalendarDays}) || p.Level != "huyen" || len(p.Fees) != 0 || len(p.Documents) != 4 {
		t.Errorf("2.000806 = %+v", p)
	}
	// Line 48: 5 working days, 135,000 đ, province level, field "Đường bộ".
	p = procByCode(t, procs, "1.002804")
	if p.Limit != (calendar.Limit{Value: 5, Unit: calendar.WorkingDays}) || p.Level != "tinh" || p.Field != "DUONG-BO" ||
		len(p.Fees) != 1 || p.Fees[0].Amount != 135000 || len(p.Documents) != 3 {
		t.Errorf("1.002804 = %+v", p)
	}
	// Lines 45 and 50 have no national code: each gets a provisional one, the same on every parse.
	var provisional []string
	for _, p := range procs {
		if strings.HasPrefix(p.Code, "TAM-") {
			provisional = append(provisional, p.Code+" "+p.Name)
		}
	}
	if len(provisional) != 2 || provisional[0] == provisional[1] {
		t.Fatalf("provisional codes %v", provisional)
	}
	again, err := ParseCatalogCSV(bytes.NewReader(OfficialCatalogCSV()))
	if err != nil || !reflect.DeepEqual(again, procs) {
		t.Fatalf("second parse differs: %v", err)
	}
}

func TestParseCatalogCSVShapes(t *testing.T) {
	// BOM, CRLF, columns in another order, optional columns left out, quoted fields holding commas,
	// quotes and a line break, a decimal comma, an empty limit unit.
	in := "\uFEFFname,code,agency_level,field,time_limit_unit,time_limit_value,fee_vnd,required_docs\r\n" +
		"\"Thủ tục A, có dấu phẩy\",X.1,huyen,Đất đai,ngay_lam_viec,\"0,5\",,\"Đơn \"\"mẫu 01\"\";Bản chính sổ đỏ;\r\nBản sao CCCD (nếu có)\"\r\n" +
		"\r\n" +
		"Thủ tục B,X.2,TINH,Đất đai,,3,0,\r\n" +
		",,,,,,,\r\n" +
		"Thủ tục C,X.3,xa,,gio,4,1500000,Tờ khai\r\n"
	procs, err := ParseCatalogCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(procs) != 3 {
		t.Fatalf("%d procedures: %+v", len(procs), procs)
	}
	a, b, c := procs[0], procs[1], procs[2]
	if a.Name != "Thủ tục A, có dấu phẩy" || a.Limit != (calendar.Limit{Value: 0.5, Unit: calendar.WorkingDays}) ||
		a.Field != "DAT-DAI" || a.Level != "huyen" || a.Fees != nil {
		t.Errorf("A = %+v", a)
	}
	wantDocs := []ProcedureDoc{
		{N: 1, Name: `Đơn "mẫu 01"`, Required: true, Originals: 1},
		{N: 2, Name: "Bản chính sổ đỏ", Required: true, Originals: 1},
		{N: 3, Name: "Bản sao CCCD (nếu có)", Copies: 1},
	}
	if !reflect.DeepEqual(a.Documents, wantDocs) {
		t.Errorf("A documents = %+v", a.Documents)
	}
	if b.Limit.Unit != calendar.NoLimit || b.Level != "tinh" || b.Fees != nil || b.Documents != nil {
		t.Errorf("B = %+v", b)
	}
	if c.Limit != (calendar.Limit{Value: 4, Unit: calendar.WorkingHours}) || c.Field != "" || c.Fees[0].Amount != 1500000 {
		t.Errorf("C = %+v", c)
	}
}

// catalogBase is a small valid file; each bad variant changes one thing in it.
const catalogBase = "code,name,field,field_code,agency_level,agency,time_limit_value,time_limit_unit,fee_vnd,fee_note,online_level,required_docs,source,verified,note\n" +
	"9.000001,Thủ tục một,Hộ tịch,,xa,UBND xã,3,ngay_lam_viec,5000,,,Tờ khai;Bản sao CCCD,,yes,\n" +
	"9.000002,Thủ tục hai,Chứng thực,,xa,UBND xã,0,ngay_lam_viec,,,mot_phan,Giấy tờ,,partial,\n"

func TestParseCatalogCSVRejects(t *testing.T) {
	row := func(code, rest string) string { return code + "," + rest + "\n" }
	good := "Thủ tục ba,Hộ tịch,,xa,UBND xã,3,ngay_lam_viec,5000,,,Tờ khai,,yes,"
	var many strings.Builder
	many.WriteString(catalogBase)
	for i := 3; i <= maxCatalogRows+1; i++ {
		fmt.Fprintf(&many, "9.%06d,Thủ tục %d,Hộ tịch,,xa,,3,ngay_lam_viec,,,,Tờ khai,,,\n", i, i)
	}
	cases := []struct {
		name, in   string
		line       int
		column     string
		msg        string
		wholeError string
	}{
		{name: "empty file", in: "", line: 1, msg: "tệp trống"},
		{name: "header only", in: strings.SplitAfter(catalogBase, "\n")[0], msg: "không có thủ tục nào"},
		{name: "missing required column", in: strings.Replace(catalogBase, ",fee_vnd,", ",", 1), line: 1, msg: "thiếu cột fee_vnd"},
		{name: "unknown column", in: strings.Replace(catalogBase, ",note\n", ",note,extra\n", 1), line: 1, msg: `cột không được hỗ trợ "extra"`},
		{name: "column twice", in: strings.Replace(catalogBase, ",note\n", ",note,name\n", 1), line: 1, msg: `cột "name" có hai lần`},
		{name: "duplicate code", in: catalogBase + row("9.000001", good), line: 4, column: "code", msg: "trùng với dòng 2"},
		{name: "bad code", in: catalogBase + row("9.000 003", good), line: 4, column: "code", msg: "mã thủ tục không hợp lệ"},
		{name: "huge field", in: catalogBase + row("9.000003", strings.Replace(good, "Thủ tục ba", strings.Repeat("x", 10<<20), 1)),
			line: 4, column: "name", wholeError: `dòng 4, cột "name": quá dài (tối đa 4000 ký tự)`},
		{name: "control character", in: catalogBase + row("9.000003", strings.Replace(good, "ba", "b\x07a", 1)), line: 4, column: "name", msg: "ký tự điều khiển U+0007"},
		{name: "bad limit value", in: catalogBase + row("9.000003", strings.Replace(good, ",3,", ",3a,", 1)), line: 4, column: "time_limit_value"},
		{name: "exponent limit", in: catalogBase + row("9.000003", strings.Replace(good, ",3,", ",1e3,", 1)), line: 4, column: "time_limit_value"},
		{name: "third of a day", in: catalogBase + row("9.000003", strings.Replace(good, ",3,", ",0.3,", 1)), line: 4, column: "time_limit_value", msg: "bội của 0,5"},
		{name: "half hour", in: catalogBase + row("9.000003", strings.Replace(good, "3,ngay_lam_viec", "1.5,gio", 1)), line: 4, column: "time_limit_value", msg: "số nguyên"},
		{name: "limit too long", in: catalogBase + row("9.000003", strings.Replace(good, ",3,", ",5000,", 1)), line: 4, column: "time_limit_value"},
		{name: "bad unit", in: catalogBase + row("9.000003", strings.Replace(good, "ngay_lam_viec", "tuan", 1)), line: 4, column: "time_limit_unit"},
		{name: "negative fee", in: catalogBase + row("9.000003", strings.Replace(good, ",5000,", ",-5,", 1)), line: 4, column: "fee_vnd",
			wholeError: `dòng 4, cột "fee_vnd": số tiền không hợp lệ "-5": ghi số đồng, chỉ gồm chữ số (ví dụ 50000)`},
		{name: "thousands separator", in: catalogBase + row("9.000003", strings.Replace(good, ",5000,", ",5.000,", 1)), line: 4, column: "fee_vnd"},
		{name: "overflowing fee", in: catalogBase + row("9.000003", strings.Replace(good, ",5000,", ",99999999999999999999,", 1)), line: 4, column: "fee_vnd"},
		{name: "bad level", in: catalogBase + row("9.000003", strings.Replace(good, ",xa,", ",trung_uong,", 1)), line: 4, column: "agency_level"},
		{name: "empty level", in: catalogBase + row("9.000003", strings.Replace(good, ",xa,", ",,", 1)), line: 4, column: "agency_level"},
		{name: "bad online level", in: catalogBase + row("9.000003", strings.Replace(good, ",,,Tờ khai", ",,4,Tờ khai", 1)), line: 4, column: "online_level"},
		{name: "missing name", in: catalogBase + row("9.000003", strings.Replace(good, "Thủ tục ba", "", 1)), line: 4, column: "name"},
		{name: "field code reused", in: catalogBase + row("9.000003", strings.Replace(good, "Hộ tịch,", "Hộ tịch,CHUNG-THUC", 1)), line: 4, column: "field", msg: "dòng 3"},
		{name: "too few fields", in: catalogBase + "9.000003,Thủ tục ba\n", line: 4, msg: "dòng có 2 cột, tiêu đề có 15 cột"},
		{name: "unclosed quote", in: catalogBase + row("9.000003", `"Thủ tục ba`+strings.TrimPrefix(good, "Thủ tục ba")), line: 4, column: "name", msg: "thiếu dấu ngoặc kép đóng"},
		{name: "not UTF-8", in: catalogBase + row("9.000003", strings.Replace(good, "ba", "b\xe0a", 1)), line: 4, msg: "UTF-8"},
		{name: "too many rows", in: many.String(), line: maxCatalogRows + 2, msg: "quá nhiều thủ tục"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			procs, err := ParseCatalogCSV(strings.NewReader(tc.in))
			if err == nil || procs != nil {
				t.Fatalf("accepted: %d procedures, err %v", len(procs), err)
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Errorf("error %T is not an InputError: %v", err, err)
			}
			if tc.line > 0 {
				var le *LineError
				if !errors.As(err, &le) || le.Line != tc.line || le.Column != tc.column {
					t.Errorf("error %q, want line %d column %q", err, tc.line, tc.column)
				}
				prefix := fmt.Sprintf("dòng %d", tc.line)
				if tc.column != "" {
					prefix += fmt.Sprintf(", cột %q: ", tc.column)
				}
				if !strings.HasPrefix(err.Error(), prefix) {
					t.Errorf("error %q does not start with %q", err, prefix)
				}
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not say %q", err, tc.msg)
			}
			if tc.wholeError != "" && err.Error() != tc.wholeError {
				t.Errorf("error\n %q, want\n %q", err, tc.wholeError)
			}
		})
	}
}

// countingReader counts what the parser read, to show that a huge field is refused early.
type countingReader struct {
	r io.Reader
	n int
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += n
	return n, err
}

func TestParseCatalogCSVStopsEarlyOnHugeField(t *testing.T) {
	huge := catalogBase + `9.000003,"` + strings.Repeat("x", 50<<20)
	cr := &countingReader{r: strings.NewReader(huge)}
	if _, err := ParseCatalogCSV(cr); err == nil || !strings.Contains(err.Error(), "quá dài") {
		t.Fatalf("err = %v", err)
	}
	if cr.n > 1<<20 {
		t.Fatalf("read %d bytes of a 50 MB field before refusing it", cr.n)
	}
}

func TestImportCatalogUpsertsAndKeepsSettings(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// The fixture has 1.004873 and 1.001193 (both in the file) with unit TP; retire 1.001193 to see
	// that the import keeps what the file does not say.
	old, err := f.s.Procedure(ctx, "1.001193")
	if err != nil {
		t.Fatal(err)
	}
	old.Active = false
	old.OnlineLimit = &calendar.Limit{Value: 4, Unit: calendar.WorkingHours}
	if err := f.s.PutProcedures(ctx, f.admin, []Procedure{*old}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.ImportCatalog(ctx, f.counter, strings.NewReader(catalogBase)); !errors.Is(err, ErrForbidden) {
		t.Fatalf("counter officer imported the catalog: %v", err)
	}
	n, err := f.s.ImportCatalog(ctx, f.admin, bytes.NewReader(OfficialCatalogCSV()))
	if err != nil || n != 52 {
		t.Fatalf("import = %d, %v", n, err)
	}
	var count int
	f.s.db.QueryRow("SELECT count(*) FROM procedures").Scan(&count)
	if count != 54 { // 52 + the fixture's 2.000908 and 1.000000
		t.Fatalf("%d procedures after import, want 54", count)
	}
	first := importSnapshot(t, f.s, catalogTables...)
	n, err = f.s.ImportCatalog(ctx, f.admin, bytes.NewReader(OfficialCatalogCSV()))
	if err != nil || n != 52 {
		t.Fatalf("second import = %d, %v", n, err)
	}
	if again := importSnapshot(t, f.s, catalogTables...); again != first {
		t.Fatalf("second import changed the catalog:\n%s\n%s", first, again)
	}
	p, err := f.s.Procedure(ctx, "1.004873")
	if err != nil {
		t.Fatal(err)
	}
	// From the file: limit, documents, no fee (the file leaves it to the province). Kept: the unit.
	if p.Unit != "TP" || p.Limit != (calendar.Limit{Value: 3, Unit: calendar.WorkingDays}) || len(p.Documents) != 4 ||
		len(p.Fees) != 0 || p.Documents[1].Copies != 1 || p.Documents[1].Required || !p.Active {
		t.Errorf("1.004873 after import = %+v", p)
	}
	p, err = f.s.Procedure(ctx, "1.001193")
	if err != nil {
		t.Fatal(err)
	}
	if p.Active || p.Unit != "TP" || p.OnlineLimit == nil || *p.OnlineLimit != (calendar.Limit{Value: 4, Unit: calendar.WorkingHours}) ||
		p.Name != "Thủ tục đăng ký khai sinh" || len(p.Documents) != 4 {
		t.Errorf("1.001193 after import = %+v", p)
	}
	p, err = f.s.Procedure(ctx, "2.000635")
	if err != nil || len(p.Fees) != 1 || p.Fees[0].Amount != 8000 || p.Unit != "" || !p.Active {
		t.Errorf("2.000635 = %+v, %v", p, err)
	}
	// A provisional code can be looked up like any other.
	procs, err := f.s.Procedures(ctx, "rượu thủ công", 10)
	if err != nil || len(procs) != 1 || !strings.HasPrefix(procs[0].Code, "TAM-") {
		t.Fatalf("provisional procedure: %+v, %v", procs, err)
	}
}

func TestImportCatalogRejectsChangeNothing(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	real := string(OfficialCatalogCSV())
	lines := strings.SplitAfter(real, "\r\n")
	before := importSnapshot(t, f.s, catalogTables...)
	bad := map[string]string{
		// The last line of the real file repeats the first procedure's code.
		"duplicate code": real + lines[1],
		"huge field":     real + "9.000009," + strings.Repeat("é", 5000) + ",Hộ tịch,,xa,,3,ngay_lam_viec,,,,Tờ khai,,,\r\n",
		"control char":   strings.Replace(real, "Thủ tục đăng ký khai tử", "Thủ tục đăng ký\x00khai tử", 1),
		"bad number":     strings.Replace(real, ",ngay_lam_viec,135000,", ",ngay_lam_viec,135.000đ,", 1),
		"missing column": strings.Replace(real, ",verified,note", ",verified", 1),
	}
	for name, in := range bad {
		n, err := f.s.ImportCatalog(ctx, f.admin, strings.NewReader(in))
		var le *LineError
		if err == nil || n != 0 || !errors.As(err, &le) {
			t.Errorf("%s: import = %d, %v", name, n, err)
		}
		if after := importSnapshot(t, f.s, catalogTables...); after != before {
			t.Errorf("%s: the catalog changed", name)
		}
	}
}

// FuzzParseCatalogCSV: whatever the file, the parser returns either procedures that PutProcedures
// accepts, or nothing and a Vietnamese input error — never a panic.
func FuzzParseCatalogCSV(f *testing.F) {
	f.Add(catalogBase)
	f.Add("\uFEFF" + strings.ReplaceAll(catalogBase, "\n", "\r\n"))
	f.Add("code,name,field,agency_level,time_limit_value,time_limit_unit,fee_vnd,required_docs\n" +
		`,"Tên ""có"" dấu, phẩy",Đất đai,tinh,"0,5",ngay_lam_viec,0,"a;;b (nếu có);` + "\n" + `Bản sao c"` + "\n")
	f.Add("code,name\n\"unterminated\n")
	f.Fuzz(func(t *testing.T, in string) {
		procs, err := ParseCatalogCSV(strings.NewReader(in))
		if err != nil {
			var ie *InputError
			if procs != nil || !errors.As(err, &ie) {
				t.Fatalf("error %T %v with %d procedures", err, err, len(procs))
			}
			return
		}
		if len(procs) == 0 || len(procs) > maxCatalogRows {
			t.Fatalf("%d procedures", len(procs))
		}
		codes := map[string]bool{}
		for i := range procs {
			p := procs[i]
			if codes[p.Code] {
				t.Fatalf("code %q twice", p.Code)
			}
			codes[p.Code] = true
			if err := p.validate(); err != nil {
				t.Fatalf("procedure %q would be refused by PutProcedures: %v", p.Code, err)
			}
			for j, d := range p.Documents {
				if d.N != j+1 || d.Name == "" || d.Originals+d.Copies != 1 {
					t.Fatalf("document %+v", d)
				}
			}
		}
	})
}

// A separator inside brackets is part of the document's name: the catalog writes the marriage
// form as "Tờ khai đăng ký kết hôn (theo mẫu; hai bên có mặt)", and a province's file may write a
// comma there without quoting the cell.
func TestParseCatalogDocumentWithSeparatorInBrackets(t *testing.T) {
	procs, err := ParseCatalogCSV(bytes.NewReader(OfficialCatalogCSV()))
	if err != nil {
		t.Fatal(err)
	}
	p := procByCode(t, procs, "1.000894")
	if len(p.Documents) != 4 || p.Documents[0].Name != "Tờ khai đăng ký kết hôn (theo mẫu; hai bên có mặt)" || !p.Documents[0].Required {
		t.Errorf("1.000894 documents = %+v", p.Documents)
	}
	// The documents of every procedure of the bundled catalog, counted by hand.
	want := map[string]int{
		"1.001193": 4, "1.000656": 4, "1.000894": 4, "1.004873": 4, "2.000635": 3, "1.000689": 4,
		"1.001022": 3, "1.004859": 3, "1.004884": 3, "1.005461": 4, "1.004746": 2, "1.004837": 2,
		"2.000528": 4, "2.000806": 4, "2.000815": 2, "2.000884": 2, "2.001035": 3, "1.004222": 3,
		"1.004194": 2, "1.002755": 1, "1.010038": 2, "1.001612": 4, "2.000720": 2, "1.001570": 1,
		"1.001266": 3, "1.013225": 4, "1.013978": 4, "1.012753": 5, "1.013831": 5, "1.013833": 4,
		"1.012784": 4, "1.012783": 3, "1.012786": 2, "1.012790": 2, "1.013992": 2, "1.013988": 2,
		"1.012812": 2, "1.012789": 1, "1.011441": 4, "1.012785": 4, "2.000620": 4, "2.000181": 4,
		"2.000150": 2, "2.000648": 5, "2.000645": 2, "1.002804": 3, "2.001583": 4, "2.001610": 2,
		"1.010727": 3, "1.001699": 4,
		"TAM-" + "Cấp Giấy phép sản xuất rượu thủ công nhằm mục đích kinh doanh": 3,
		"TAM-" + "Đăng ký thành lập công ty TNHH hai thành viên trở lên":         4,
	}
	total := 0
	for _, p := range procs {
		key := p.Code
		if strings.HasPrefix(key, "TAM-") {
			key = "TAM-" + p.Name
		}
		if n, ok := want[key]; !ok || len(p.Documents) != n {
			t.Errorf("%s %s: %d documents, want %d", p.Code, p.Name, len(p.Documents), n)
		}
		total += len(p.Documents)
	}
	if total != 161 {
		t.Errorf("%d documents in the catalog, want 161", total)
	}

	// The same with a comma in an unquoted cell; a bracket never closed encloses nothing.
	in := "code,name,field,agency_level,time_limit_value,time_limit_unit,fee_vnd,required_docs\n" +
		"X.1,Thủ tục kết hôn,Hộ tịch,xa,0,ngay_lam_viec,0,Tờ khai (theo mẫu, hai bên có mặt);Giấy [xác nhận; bản chính]\n" +
		"X.2,Thủ tục khác (nếu có,Hộ tịch,xa,1,ngay_lam_viec,0,Đơn (mẫu 01;Bản sao (nếu có)\n"
	procs, err = ParseCatalogCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if d := procs[0].Documents; len(d) != 2 || d[0].Name != "Tờ khai (theo mẫu, hai bên có mặt)" || d[1].Name != "Giấy [xác nhận; bản chính]" {
		t.Errorf("X.1 documents = %+v", d)
	}
	if p := procs[1]; p.Name != "Thủ tục khác (nếu có" || len(p.Documents) != 2 || p.Documents[0].Name != "Đơn (mẫu 01" || p.Documents[1].Required {
		t.Errorf("X.2 = %+v", p)
	}
}
