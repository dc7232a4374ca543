package reports

import (
	"io"
	"strconv"
	"strings"
	"testing"

	"motcua/data"
	"motcua/data/vntext"
)

// Every hand-over of the log is a row, in order, with giver and receiver and the step's verdict
// against the legal due date in force at that moment.
func TestControlSheetJourney(t *testing.T) {
	f := fuJourney(t, 0).form()
	_, text := fuRender(t, "06-journey", ControlSheet, testSettings, f)
	fuContains(t, text, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Mẫu số 06", "Mã hồ sơ: 000.00.31.H56-260302-0007",
		"Người nộp hồ sơ: Nguyễn Văn Đức", "Thủ tục hành chính: Thủ tục đăng ký khai sinh",
		"Tiếp nhận lúc: 09 giờ 00 phút, ngày 02 tháng 03 năm 2026",
		"Hạn trả ban đầu: 09 giờ 00 phút, ngày 05 tháng 03 năm 2026",
		"Hạn trả đã điều chỉnh: 09 giờ 00 phút, ngày 09 tháng 03 năm 2026",
		"Cơ quan chủ trì giải quyết: Công chức Tư pháp - Hộ tịch", "Cơ quan phối hợp giải quyết: Công an xã Đông Tiến",
		"Kết quả giải quyết: Quá hạn", "TÊN CƠ QUAN/ĐƠN VỊ", "GHI CHÚ", "Trang 1/")

	// Every row in the order of the log, each cell in the order of the columns: number, bodies,
	// time, giver, receiver, verdict, note.
	raw := text
	rows := []struct{ units, at, giver, receiver, verdict, note string }{
		{"Giao: Cá nhân, tổ chức Nhận: Bộ phận Một cửa", "09 giờ 00 phút, ngày 02 tháng 03 năm 2026", "Nguyễn Văn Đức", "Nguyễn Thị Thu Hà", "", "Tiếp nhận hồ sơ"},
		{"Giao: Bộ phận Một cửa Nhận: Công chức Tư pháp - Hộ tịch", "09 giờ 30 phút, ngày 02 tháng 03 năm 2026", "Nguyễn Thị Thu Hà", "Phạm Thị Lan Anh", "Trước hạn", "Chuyển hồ sơ để giải quyết"},
		{"Giao: Công chức Tư pháp - Hộ tịch Nhận: Công an xã Đông Tiến", "08 giờ 00 phút, ngày 03 tháng 03 năm 2026", "Phạm Thị Lan Anh", "Trịnh Văn Hùng", "Trước hạn", "Xác minh nơi cư trú"},
		{"Giao: Công an xã Đông Tiến Nhận: Công chức Tư pháp - Hộ tịch", "15 giờ 00 phút, ngày 03 tháng 03 năm 2026", "Trịnh Văn Hùng", "Phạm Thị Lan Anh", "Trước hạn", "Đã xác minh xong"},
		{"Giao: Công chức Tư pháp - Hộ tịch Nhận: Cá nhân, tổ chức", "08 giờ 30 phút, ngày 04 tháng 03 năm 2026", "Phạm Thị Lan Anh", "Nguyễn Văn Đức", "Trước hạn", "Yêu cầu bổ sung, hoàn thiện hồ sơ (lần 1): Bản sao Giấy chứng nhận kết hôn"},
		{"Giao: Cá nhân, tổ chức Nhận: Bộ phận Một cửa", "10 giờ 00 phút, ngày 06 tháng 03 năm 2026", "Nguyễn Văn Đức", "Nguyễn Thị Thu Hà", "", "Nhận hồ sơ bổ sung; hạn trả kết quả mới: 09:00 09/03/2026"},
		{"Giao: Công chức Tư pháp - Hộ tịch Nhận: Cá nhân, tổ chức", "08 giờ 00 phút, ngày 09 tháng 03 năm 2026", "Nguyễn Hữu Thành", "Nguyễn Văn Đức", "Trước hạn", "Văn bản xin lỗi số 12/UBND-VP, hẹn lại ngày trả kết quả: 16:30 11/03/2026"},
		{"Giao: Công chức Tư pháp - Hộ tịch Nhận: Bộ phận Một cửa", "10 giờ 00 phút, ngày 10 tháng 03 năm 2026", "Phạm Thị Lan Anh", "", "Quá hạn", "Đã có kết quả giải quyết số 45/TPHT, người ký: Nguyễn Thị Lãnh Đạo"},
		{"Giao: Bộ phận Một cửa Nhận: Cá nhân, tổ chức", "08 giờ 15 phút, ngày 11 tháng 03 năm 2026", "Nguyễn Thị Thu Hà", "Nguyễn Văn Đức", "Quá hạn", "Trả kết quả tại Bộ phận Một cửa"},
	}
	var seq []string
	for i, r := range rows {
		cells := strings.Join(fuNonEmpty(strconv.Itoa(i+1), r.units, r.at, r.giver, r.receiver, r.verdict), " ")
		if !strings.Contains(raw, cells+" "+r.note) {
			t.Errorf("row %d is not %q", i+1, cells+" "+r.note)
		}
		seq = append(seq, cells)
	}
	fuInOrder(t, raw, seq...)
	if n := strings.Count(raw, "Giao: "); n != len(rows) {
		t.Errorf("%d rows, want %d", n, len(rows))
	}
}

func fuNonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func TestControlSheetFromDemo(t *testing.T) {
	s := fuStore(t)
	// A dossier with a supplement and a financial obligation: every step is a row.
	st, f := fuForm(t, s, `SELECT d.code FROM dossiers d
		WHERE EXISTS (SELECT 1 FROM events e WHERE e.dossier = d.id AND e.type = 'supplement_requested')
		  AND EXISTS (SELECT 1 FROM events e WHERE e.dossier = d.id AND e.type = 'returned')
		ORDER BY d.code LIMIT 1`)
	_, text := fuRender(t, "06-phieu-kiem-soat", ControlSheet, st, f)
	d := f.Dossier
	fuContains(t, text, "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", d.Code, d.Applicant.Name,
		vntext.DateTimeWords(d.ReceivedAt), f.Names.Unit(d.Intake.Unit))
	fuContains(t, text, "Thủ tục hành chính: "+d.ProcedureName)
	var steps []string
	for _, e := range f.Events {
		switch e.Type {
		case data.EvRated, data.EvNote, data.EvSubmitted:
			continue
		}
		steps = append(steps, vntext.DateTimeWords(e.At))
	}
	raw := text
	fuInOrder(t, raw, steps...)
	if n := strings.Count(raw, "Giao: "); n != len(steps) {
		t.Errorf("%d hand-over rows for %d steps", n, len(steps))
	}
	v := data.Judge(d.FinishedAt, d.Due, d.HasDue, d.Supplements, data.ModeTimestamp).String()
	fuContains(t, text, "Kết quả giải quyết: "+v)

	// The 2018 set numbers the sheet 05.
	d18 := *d
	d18.FormSet = "2018"
	f18 := *f
	f18.Dossier = &d18
	_, text = fuRender(t, "06-2018", ControlSheet, st, &f18)
	fuContains(t, text, "Mẫu số 05 ban hành kèm theo Thông tư số 01/2018/TT-VPCP")
}

func TestControlSheetOnlyReceived(t *testing.T) {
	_, text := fuRender(t, "06-new", ControlSheet, testSettings, fuJourney(t, 1).form())
	fuContains(t, text, "Cơ quan phối hợp giải quyết: Không", "Kết quả giải quyết: Đang giải quyết", "Tiếp nhận hồ sơ")
	if strings.Contains(text, "Giao: Bộ phận Một cửa") {
		t.Error("a transfer that never happened was printed")
	}
	if err := ControlSheet(io.Discard, testSettings, nil); err == nil {
		t.Error("nil form accepted")
	}
}
