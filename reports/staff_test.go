package reports

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"motcua/data"
	"motcua/data/calendar"
)

func testStaff(t *testing.T, fx *rpFixture) {
	ctx := context.Background()
	from, to := calendar.D(2026, 10, 1), calendar.D(2026, 11, 15)
	for _, mode := range []data.Mode{data.ModeTimestamp, data.ModeDate} {
		stats, err := fx.s.Stats(ctx, from, to, data.ByOfficer, mode)
		if err != nil {
			t.Fatal(err)
		}
		rep, err := Staff(ctx, fx.s, fx.st, Options{From: from, To: to, Mode: mode, Date: rpNow})
		if err != nil {
			t.Fatal(err)
		}
		tb := rep.Tables[0]
		if len(tb.Rows) != len(stats.Rows) || len(tb.Rows) < 5 {
			t.Fatalf("%d rows for %d officers", len(tb.Rows), len(stats.Rows))
		}
		for i, row := range stats.Rows {
			sc := row.Officer
			got := tb.Rows[i]
			want := []string{strconv.Itoa(i + 1), row.Name, strconv.Itoa(sc.Handled), strconv.Itoa(row.ResolvedEarly), strconv.Itoa(row.ResolvedOnTime),
				strconv.Itoa(sc.Late), f1(sc.Index1), f1(sc.Index2), f1(sc.Index3), f1(sc.Index4), f1(sc.Index7), f1(sc.Score)}
			var g []string
			for _, c := range got {
				g = append(g, c.Raw())
			}
			rpEqual(t, "officer "+row.Name, g, want)
		}
		f := stats.Total
		var tot []string
		for _, c := range tb.Total[2:6] {
			tot = append(tot, c.Raw())
		}
		rpEqual(t, "office row", tot, rpInts([]int{f.ResolvedTotal, f.ResolvedEarly, f.ResolvedOnTime, f.ResolvedLate}))
		if mode == data.ModeDate {
			continue
		}

		pdf := rpWrite(t, rep, FormatPDF)
		rpKeep("report-staff.pdf", pdf)
		text := rpText(t, pdf)
		rpContains(t, "staff PDF", text, "BÁO CÁO ĐÁNH GIÁ CÁN BỘ, CÔNG CHỨC GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "Họ và tên", "Số hồ sơ",
			"Chỉ số 1", "Chỉ số 2", "Chỉ số 3", "Chỉ số 4", "Chỉ số 7", "Điểm (/10)", "Phạm Thị Lan Anh", "Nguyễn Thị Thu Hà",
			"TOÀN VĂN PHÒNG", "Chỉ số 1 – tổng thời gian giải quyết", "Chỉ số 7 – thái độ phục vụ", "1 + 2 + 3 + 4 + 7")
		lan := rowByName(stats.Rows, "Phạm Thị Lan Anh")
		line := rpLine(t, text, "Phạm Thị Lan Anh")
		if len(line) != 10 || line[0] != strconv.Itoa(lan.Officer.Handled) || line[9] != strings.Replace(f1(lan.Officer.Score), ".", ",", 1) {
			t.Errorf("PDF row of Phạm Thị Lan Anh: %v (score %v)", line, lan.Officer.Score)
		}

		x := rpXLSX(t, rpWrite(t, rep, FormatXLSX))
		sh := "Đánh giá cán bộ"
		for ref, want := range map[string]string{"B6": "Họ và tên", "C6": "Hồ sơ đã giải quyết có tham gia", "G6": "Chỉ số đánh giá (bình quân, tối đa 2 điểm)",
			"G7": "Chỉ số 1", "K7": "Chỉ số 7", "L6": "Điểm (/10)", "B8": stats.Rows[0].Name, "C8": strconv.Itoa(stats.Rows[0].Officer.Handled),
			cellName(2, 8+len(stats.Rows)): "TOÀN VĂN PHÒNG", cellName(3, 8+len(stats.Rows)): strconv.Itoa(f.ResolvedTotal)} {
			if got := rpCell(t, x, sh, ref); got != want {
				t.Errorf("%s = %q, want %q", ref, got, want)
			}
		}
		if v, _ := strconv.ParseFloat(rpCell(t, x, sh, "L8"), 64); v != stats.Rows[0].Officer.Score || rpNumFmt(t, x, sh, "L8") != "0.0" {
			t.Errorf("score cell %v %q", v, rpNumFmt(t, x, sh, "L8"))
		}
		rpMerged(t, x, sh, "C6:F6", "G6:K6", "L6:L7")
		rpFrozen(t, x, sh, 7)

		recs := rpCSV(t, rpWrite(t, rep, FormatCSV))
		if recs[0][1] != "Họ và tên" || recs[0][6] != "Chỉ số đánh giá (bình quân, tối đa 2 điểm): Chỉ số 1" || recs[1][1] != stats.Rows[0].Name {
			t.Errorf("staff CSV %v / %v", recs[0], recs[1])
		}
	}
}

func f1(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
