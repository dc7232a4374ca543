package reports

import (
	"encoding/json"
	"io"
	"strings"
	"testing"

	"motcua/data"
	"motcua/data/vntext"
)

func TestStopNoticeFromDemo(t *testing.T) {
	s := fuStore(t)
	// A withdrawn dossier: the applicant asked, a leader stopped processing.
	st, f := fuForm(t, s, `SELECT d.code FROM dossiers d JOIN events e ON e.dossier = d.id
		WHERE e.type = 'stopped' ORDER BY d.code LIMIT 1`)
	_, text := fuRender(t, "05-thong-bao-dung", StopNotice, st, f)
	d := f.Dossier
	var stop data.Stopped
	var wd data.WithdrawalRequested
	var stopEv, wdEv data.Event
	for _, e := range f.Events {
		switch e.Type {
		case data.EvStopped:
			json.Unmarshal(e.Payload, &stop)
			stopEv = e
		case data.EvWithdrawalRequested:
			json.Unmarshal(e.Payload, &wd)
			wdEv = e
		}
	}
	if wdEv.Type == "" {
		t.Fatal("the demo's stopped dossier has no withdrawal request")
	}
	fuContains(t, text, "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ", "Mẫu số 05", "03/2025/TT-VPCP",
		"Kính gửi: Ông/Bà "+d.Applicant.Name, "Mã hồ sơ: "+d.Code, d.ProcedureName,
		fuCapital(vntext.DateWords(d.ReceivedAt))+", "+st.OfficeName+" đã tiếp nhận",
		"1. Yêu cầu dừng giải quyết", "Vào lúc "+vntext.DateTimeWords(wdEv.At)+", Ông/Bà có đề nghị rút hồ sơ", fuTrimStop(wd.Reason),
		"2. Giai đoạn giải quyết hồ sơ", stop.Stage,
		"3. Quyết định", stop.Decision+", kể từ "+vntext.DateTimeWords(stopEv.At),
		"4. Phí, lệ phí", vntext.PlaceDate(st.Place, stopEv.At))
	if d.FeeAtReception > 0 {
		fuContains(t, text, "Đã nộp khi tiếp nhận: "+vntext.MoneyWords(d.FeeAtReception), stop.FeeHandling)
	} else {
		fuContains(t, text, "Hồ sơ không thu phí, lệ phí.")
	}
}

func TestStopNoticeWithoutWithdrawal(t *testing.T) {
	l := fuJourney(t, 4)
	l.add("2026-03-04 09:00", "lanhdao1", &data.Stopped{Reason: "Hồ sơ có dấu hiệu giả mạo giấy tờ."})
	_, text := fuRender(t, "05-stopped", StopNotice, testSettings, l.form())
	fuContains(t, text, "Lý do dừng giải quyết: Hồ sơ có dấu hiệu giả mạo giấy tờ.",
		"Hồ sơ đang được giải quyết tại Công chức Tư pháp - Hộ tịch.",
		"Dừng giải quyết hồ sơ, kể từ 09 giờ 00 phút, ngày 04 tháng 03 năm 2026.",
		"Đã nộp khi tiếp nhận: 8.000 đồng. Xử lý theo quy định về phí, lệ phí.",
		"CHỦ TỊCH", "Nguyễn Thị Lãnh Đạo")
	if strings.Contains(text, "đề nghị rút hồ sơ") || strings.Contains(text, "giấy tờ..") {
		t.Errorf("withdrawal or doubled full stop printed:\n%s", text)
	}
}

func TestStopNoticeRefusesRunningDossier(t *testing.T) {
	err := StopNotice(io.Discard, testSettings, fuJourney(t, 3).form())
	if err == nil || !strings.Contains(err.Error(), "chưa dừng giải quyết") || !strings.Contains(err.Error(), "Đang xử lý") {
		t.Fatalf("stop notice for a running dossier: %v", err)
	}
}
