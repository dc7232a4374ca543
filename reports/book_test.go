package reports

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
	"motcua/reports/pdftest"
)

// fuBook writes the tracking book of the demo office for [from, to] and returns its text.
func fuBook(t *testing.T, s *data.Store, name string, from, to calendar.Date) string {
	t.Helper()
	ctx := context.Background()
	st, err := LoadSettings(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	names, err := LoadNames(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Book(ctx, &buf, st, s, names, from, to, fuNow); err != nil {
		t.Fatal(err)
	}
	fuKeep(name, buf.Bytes())
	return pdftest.Flat(pdftest.Text(t, buf.Bytes(), pdftest.Raw))
}

func TestBookForAMonth(t *testing.T) {
	s := fuStore(t)
	ctx := context.Background()
	from, to := calendar.D(2025, 11, 1), calendar.D(2025, 11, 30)
	text := fuBook(t, s, "07-so-theo-doi", from, to)
	names, err := LoadNames(ctx, s)
	if err != nil {
		t.Fatal(err)
	}

	fuContains(t, text, "SỔ THEO DÕI HỒ SƠ", "Mẫu số 07", "Hồ sơ tiếp nhận từ ngày 01/11/2025 đến ngày 30/11/2025", "Quyển số: 2025")
	// "Trang x/N" on every page, N > 1, and the header row on every page.
	i := strings.Index(text, "Trang 1/")
	if i < 0 {
		t.Fatal("no page numbers")
	}
	pages, _ := strconv.Atoi(strings.Fields(text[i+len("Trang 1/"):])[0])
	if pages < 2 {
		t.Fatalf("a month of dossiers on %d page(s)", pages)
	}
	for p := 1; p <= pages; p++ {
		fuContains(t, text, fmt.Sprintf("Trang %d/%d", p, pages))
	}
	head := "STT Mã hồ sơ Tên thủ tục hành chính Số lượng hồ sơ (bộ) Tên cá nhân, tổ chức Địa chỉ, số điện thoại"
	if n := strings.Count(text, head); n != pages {
		t.Errorf("header row printed %d times on %d pages", n, pages)
	}

	// One row per dossier received in the period, in reception order, each cell in column order.
	var rows []string
	var late, apologies int
	err = s.EachDossier(ctx, data.ByReceived, from, to, func(d *data.Dossier, evs []data.Event) error {
		var transferred, processed string
		for _, e := range evs {
			switch {
			case e.Type == data.EvTransferred && transferred == "":
				transferred = vntext.DateTime(e.At)
			case e.Type == data.EvProcessed:
				processed = vntext.DateTime(e.At)
			}
		}
		_, no, ok := d.Book()
		if !ok {
			t.Fatalf("demo dossier %s has no book number", d.Code)
		}
		row := strings.Join(fuNonEmpty(strconv.Itoa(no), strings.Replace(d.Code, "-", "- ", 1), d.ProcedureName,
			strconv.Itoa(max(d.Sets, 1)), d.Applicant.Name, d.Applicant.Address, d.Applicant.Phone, names.Unit(d.Intake.Unit),
			vntext.DateTime(d.ReceivedAt), vntext.DateTime(d.Due), transferred, processed, vntext.DateTime(d.ReturnedAt)), " ")
		rows = append(rows, row)
		if !d.FinishedAt.IsZero() && d.Status != data.StatusStopped && data.Judge(d.FinishedAt, d.Due, d.HasDue, d.Supplements, data.ModeTimestamp) == data.Late {
			late++
		}
		if d.Apologies > 0 {
			apologies++
			if !strings.Contains(text, row+" Quá hạn") && !strings.Contains(text, row+" Xin lỗi") {
				t.Errorf("apologised dossier %s not noted", d.Code)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 20 {
		t.Fatalf("only %d dossiers in the month", len(rows))
	}
	fuInOrder(t, text, rows...)
	fuContains(t, text, fmt.Sprintf("Tổng số: %d hồ sơ.", len(rows)))
	if n := strings.Count(text, "Quá hạn"); n != late {
		t.Errorf("%d rows noted late, want %d", n, late)
	}
	if n := strings.Count(text, "Xin lỗi, hẹn lại"); n != apologies {
		t.Errorf("%d apologies noted, want %d", n, apologies)
	}
	if strings.Contains(text, "Không có hồ sơ trong kỳ") {
		t.Error("a full month said to be empty")
	}
}

func TestBookEmptyAndBadPeriods(t *testing.T) {
	s := fuStore(t)
	text := fuBook(t, s, "07-empty", calendar.D(2024, 1, 1), calendar.D(2024, 1, 31))
	fuContains(t, text, "SỔ THEO DÕI HỒ SƠ", "STT Mã hồ sơ Tên thủ tục hành chính", "Không có hồ sơ trong kỳ", "Trang 1/1")

	ctx := context.Background()
	// The 2018 set numbers the book 06.
	st18 := testSettings
	st18.FormSet = "2018"
	var buf bytes.Buffer
	if err := Book(ctx, &buf, st18, s, Names{}, calendar.D(2024, 1, 1), calendar.D(2024, 1, 1), fuNow); err != nil {
		t.Fatal(err)
	}
	fuContains(t, pdftest.Flat(pdftest.Text(t, buf.Bytes(), pdftest.Raw)), "Mẫu số 06 ban hành kèm theo Thông tư số 01/2018/TT-VPCP", "Hồ sơ tiếp nhận ngày 01/01/2024")
	buf.Reset()
	if err := Book(ctx, &buf, testSettings, s, Names{}, calendar.D(2025, 12, 1), calendar.D(2025, 11, 1), fuNow); err == nil ||
		!strings.Contains(err.Error(), "kỳ không hợp lệ") {
		t.Errorf("reversed period: %v", err)
	}
	if err := Book(ctx, &buf, testSettings, nil, Names{}, calendar.D(2025, 11, 1), calendar.D(2025, 11, 30), fuNow); err == nil {
		t.Error("no store accepted")
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := Book(cancelled, &buf, testSettings, s, Names{}, calendar.D(2025, 1, 1), calendar.D(2025, 12, 31), fuNow); err == nil {
		t.Error("cancelled book written")
	}
	if buf.Len() != 0 {
		t.Error("a failed book wrote bytes")
	}
}

// Two printouts of different parts of the year show each dossier's own number, the one on its
// receipt, not a count restarting at 1.
func TestBookPrintoutsShowStoredNumbers(t *testing.T) {
	s := fuStore(t)
	ctx := context.Background()
	for _, p := range []struct{ from, to calendar.Date }{
		{calendar.D(2025, 12, 1), calendar.D(2025, 12, 10)},
		{calendar.D(2025, 12, 8), calendar.D(2025, 12, 20)},
	} {
		text := fuBook(t, s, "07-range-"+p.from.String(), p.from, p.to)
		var rows []string
		first := 0
		err := s.EachDossier(ctx, data.ByReceived, p.from, p.to, func(d *data.Dossier, _ []data.Event) error {
			_, no, ok := d.Book()
			if !ok {
				return nil
			}
			if first == 0 {
				first = no
			}
			rows = append(rows, strconv.Itoa(no)+" "+strings.Replace(d.Code, "-", "- ", 1))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) < 3 || first <= 1 {
			t.Fatalf("%s–%s: %d numbered dossiers, the first numbered %d: the demo should start mid-volume", p.from, p.to, len(rows), first)
		}
		fuInOrder(t, text, rows...)
		if strings.Contains(text, "\n1 "+strings.SplitN(rows[0], " ", 2)[1]) {
			t.Errorf("%s: the first row is numbered 1", p.from)
		}
	}
}
