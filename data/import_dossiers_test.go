package data

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
)

const registerHeader = "code,procedure_code,applicant_name,applicant_id,phone,address,channel,received_at,due_at,finished_at,returned_at,status,unit,fee,rating,supplements"

// registerLines is a register with every status; the fixture's clock reads 2026-03-02 08:00.
// Index i is line i+1 of the file.
var registerLines = []string{
	registerHeader,
	// 2: returned and rated; due computed (3 working days from Monday 09:00 → Thursday 09:00).
	`000.00.06.H56-260112-0005,1.004873,Nguyễn Văn An,038085001234,0912345678,"Số 5, ngõ 3, thôn ""Đông""",1,2026-01-12 09:00,,2026-01-14 15:00,2026-01-15 08:30,10,,5000,rat_hai_long,0`,
	// 3: processed, same-day procedure, another unit than the default, by post, dd/mm/yyyy dates.
	`,1.001193,Trần Thị Bình,,,Thôn Tây,3,13/01/2026 10:00,,13/01/2026 16:00,,9,DC,,,`,
	// 4: stopped; a procedure without due date.
	`000.00.06.H56-260114-0002,1.000000,Lê Văn Cường,001090012345,,,1,2026-01-14 08:00,,2026-01-20 10:00,,8,,,,`,
	// 5: processing after two supplement rounds; the given due date is kept.
	`,1.004873,Phạm Thị Dung,,,,1,2026-02-23 09:00,2026-03-10 17:00,,,4,,,,2`,
	// 6: waiting for a supplement (the one counted); 4 working hours from 08:00 → 14:00.
	`,2.000908,Hoàng Văn Em,,,,2,26/02/2026 08:00,,,,5,,2000,,1`,
	// 7: financial obligation.
	`000.00.06.H56-260225-0007,1.004873,Đỗ Thị Giang,,,,2,2026-02-25 10:00,2026-03-02 10:00,,,6,TP,,,0`,
	// 8: withdrawal requested; Tuesday 14:00 + 3 working days → Friday 14:00.
	`,1.004873,Vũ Văn Hùng,,,,1,2026-02-24 14:00,,,,7,,,,`,
	// 9: received, not transferred, one supplement round (undated: the computed due date stays).
	`,1.004873,Bùi Thị Lan,,,,1,2026-02-23 08:00,,,,2,,,,1`,
	// 10: submitted online, not yet accepted.
	`,2.000908,Ngô Văn Minh,,,,2,2026-03-01 20:00,,,,1,,,,`,
	// 11: refused at the counter.
	`,1.001193,Đặng Thị Nga,,,,1,2026-02-27 09:00,,,,3,,,,`,
	// 12: a name that looks like SQL is just a name; old 9-digit ID; phone written +84; dissatisfied.
	`000.00.06.H56-260210-0001,2.000908,'; DROP TABLE events; --,123456789,+84 912 345 678,,1,10/02/2026 08:00,10/02/2026 12:00,11/02/2026 09:00,11/02/2026 10:00,10,,,khong_hai_long,1`,
	// 13: processed in the minute it was received.
	`,1.001193,Lý Văn Phúc,,,,1,2026-01-16 09:00,,2026-01-16 09:00,,9,,,,`,
}

func registerFile(lines []string) string { return strings.Join(lines, "\r\n") + "\r\n" }

// withLine is the register with line n (from 1) replaced, or appended when n is past the end.
func withLine(n int, line string) string {
	lines := append([]string(nil), registerLines...)
	if n > len(lines) {
		lines = append(lines, line)
	} else {
		lines[n-1] = line
	}
	return registerFile(lines)
}

var registerTables = []string{
	"SELECT count(*) || ':' || COALESCE(max(seq), 0) FROM events",
	"SELECT count(*) || ':' || COALESCE(group_concat(COALESCE(code, '-') || status, ','), '') FROM dossiers",
	"SELECT count(*) || ':' || COALESCE(group_concat(day || station || '=' || last, ','), '') FROM code_counters",
	"SELECT count(*) FROM dossier_search",
}

func eventTypes(evs []Event) string {
	var out []string
	for _, e := range evs {
		out = append(out, string(e.Type))
	}
	return strings.Join(out, " ")
}

func TestImportDossiers(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var calls []int
	n, err := f.s.ImportDossiers(ctx, f.admin, strings.NewReader(registerFile(registerLines)), func(rows int) { calls = append(calls, rows) })
	if err != nil {
		t.Fatal(err)
	}
	if n != 12 || len(calls) != 1 || calls[0] != 12 {
		t.Fatalf("imported %d, progress %v", n, calls)
	}
	byCode := func(code string) (*Dossier, []Event) {
		t.Helper()
		d, evs, err := f.s.DossierByCode(ctx, code)
		if err != nil {
			t.Fatalf("%s: %v", code, err)
		}
		for i := 1; i < len(evs); i++ {
			if !evs[i].At.After(evs[i-1].At) {
				t.Errorf("%s: event %d at %v is not after %v", code, i, evs[i].At, evs[i-1].At)
			}
		}
		for _, e := range evs {
			if e.Actor != "admin" || e.Station != f.s.Station() || e.Office != testOffice {
				t.Errorf("%s: event %+v", code, e)
			}
		}
		return d, evs
	}
	byName := func(name string) (*Dossier, []Event) {
		t.Helper()
		var raw []byte
		if err := f.s.db.QueryRow("SELECT id FROM dossiers WHERE applicant = ?", name).Scan(&raw); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		d, evs, err := f.s.DossierByID(ctx, uuid.UUID(raw))
		if err != nil {
			t.Fatal(err)
		}
		return d, evs
	}
	same := func(what string, got time.Time, want string) {
		t.Helper()
		if !got.Equal(at(want)) {
			t.Errorf("%s = %v, want %s", what, got, want)
		}
	}

	d, evs := byCode("000.00.06.H56-260112-0005")
	if d.Status != StatusReturned || d.Rating != RatingVerySatisfied || d.FeeAtReception != 5000 || d.Unit != "TP" ||
		d.Supplements != 0 || d.Channel != ChannelDirect || d.Applicant.Address != `Số 5, ngõ 3, thôn "Đông"` ||
		eventTypes(evs) != "received transferred processed returned rated" {
		t.Errorf("line 2: %+v\n%s", d, eventTypes(evs))
	}
	same("line 2 received", d.ReceivedAt, "2026-01-12 09:00")
	same("line 2 due", d.Due, "2026-01-15 09:00")
	same("line 2 finished", d.FinishedAt, "2026-01-14 15:00")
	same("line 2 returned", d.ReturnedAt, "2026-01-15 08:30")

	d, evs = byCode(testOffice + "-260113-0001") // minted for the reception day
	if d.Status != StatusProcessed || d.Unit != "DC" || d.Channel != ChannelPost || d.FeeAtReception != 0 ||
		d.Applicant.Name != "Trần Thị Bình" || eventTypes(evs) != "received transferred processed" {
		t.Errorf("line 3: %+v\n%s", d, eventTypes(evs))
	}
	same("line 3 due", d.Due, "2026-01-13 17:00")
	same("line 3 finished", d.FinishedAt, "2026-01-13 16:00")

	d, evs = byCode("000.00.06.H56-260114-0002")
	if d.Status != StatusStopped || d.HasDue || d.Unit != "DC" || d.StopReason != importReason || eventTypes(evs) != "received transferred stopped" {
		t.Errorf("line 4: %+v\n%s", d, eventTypes(evs))
	}
	same("line 4 finished", d.FinishedAt, "2026-01-20 10:00")

	d, evs = byCode(testOffice + "-260223-0001")
	if d.Status != StatusProcessing || d.Supplements != 2 || d.Unit != "TP" || d.Paused() ||
		eventTypes(evs) != "received transferred supplement_requested supplement_received supplement_requested supplement_received" {
		t.Errorf("line 5: %+v\n%s", d, eventTypes(evs))
	}
	same("line 5 due", d.Due, "2026-03-10 17:00")
	same("line 5 original due", d.DueOriginal, "2026-03-10 17:00")
	for _, e := range evs[2:] {
		if e.At.Before(at("2026-02-23 09:00")) || e.At.After(f.s.Now()) {
			t.Errorf("line 5: supplement step at %v, outside reception..now", e.At)
		}
	}

	d, evs = byCode(testOffice + "-260226-0001")
	if d.Status != StatusSupplement || d.Supplements != 1 || !d.Paused() || d.FeeAtReception != 2000 || d.Channel != ChannelOnline ||
		eventTypes(evs) != "received transferred supplement_requested" {
		t.Errorf("line 6: %+v\n%s", d, eventTypes(evs))
	}
	same("line 6 due", d.Due, "2026-02-26 14:00")

	d, evs = byCode("000.00.06.H56-260225-0007")
	if d.Status != StatusObligation || eventTypes(evs) != "received transferred obligation_requested" {
		t.Errorf("line 7: %+v\n%s", d, eventTypes(evs))
	}
	same("line 7 due", d.Due, "2026-03-02 10:00")

	d, evs = byCode(testOffice + "-260224-0001")
	if d.Status != StatusWithdrawing || eventTypes(evs) != "received transferred withdrawal_requested" {
		t.Errorf("line 8: %+v\n%s", d, eventTypes(evs))
	}
	same("line 8 due", d.Due, "2026-02-27 14:00")

	// Line 9 comes after line 5 in the file, so it has the day's second number. Its computed due
	// date stays: the register does not say when the supplement round paused the clock.
	d, evs = byCode(testOffice + "-260223-0002")
	if d.Status != StatusReceived || d.Supplements != 1 || d.Unit != "TP" || d.Paused() ||
		eventTypes(evs) != "received supplement_requested supplement_received" {
		t.Fatalf("line 9: %+v\n%s", d, eventTypes(evs))
	}
	same("line 9 original due", d.DueOriginal, "2026-02-26 08:00")
	same("line 9 due kept: the register does not date the round", d.Due, "2026-02-26 08:00")

	d, evs = byName("Ngô Văn Minh")
	if d.Status != StatusSubmitted || d.Code != "" || d.Channel != ChannelOnline || eventTypes(evs) != "submitted" {
		t.Errorf("line 10: %+v\n%s", d, eventTypes(evs))
	}
	same("line 10 submitted", d.SubmittedAt, "2026-03-01 20:00")

	d, evs = byName("Đặng Thị Nga")
	if d.Status != StatusRefused || d.Code != "" || d.RefusalReason != importReason || eventTypes(evs) != "refused" {
		t.Errorf("line 11: %+v\n%s", d, eventTypes(evs))
	}
	same("line 11 finished", d.FinishedAt, "2026-02-27 09:00")

	d, evs = byCode("000.00.06.H56-260210-0001")
	if d.Applicant.Name != "'; DROP TABLE events; --" || d.Applicant.IDNo != "123456789" || d.Applicant.Phone != "0912345678" ||
		d.Status != StatusReturned || d.Rating != RatingDissatisfied || d.RatingReason == "" || d.Supplements != 1 ||
		eventTypes(evs) != "received transferred supplement_requested supplement_received processed returned rated" {
		t.Errorf("line 12: %+v\n%s", d, eventTypes(evs))
	}
	same("line 12 due kept through the supplement round", d.Due, "2026-02-10 12:00")
	same("line 12 finished", d.FinishedAt, "2026-02-11 09:00")
	same("line 12 returned", d.ReturnedAt, "2026-02-11 10:00")

	// Received and processed in the same minute: the transfer between takes a millisecond.
	d, _ = byCode(testOffice + "-260116-0001")
	if d.Status != StatusProcessed || d.FinishedAt.Before(at("2026-01-16 09:00")) || d.FinishedAt.Sub(at("2026-01-16 09:00")) > time.Second {
		t.Errorf("line 13: %+v", d)
	}

	var events int
	f.s.db.QueryRow("SELECT count(*) FROM events").Scan(&events)
	if events != 41 {
		t.Errorf("%d events, want 41", events)
	}
	if hits, err := f.s.Search(ctx, "drop table", 10); err != nil || len(hits) != 1 {
		t.Errorf("search: %v, %v", hits, err)
	}
	res, err := f.s.Check(ctx, false, nil)
	if err != nil || !res.OK() || res.Dossiers != 12 {
		t.Fatalf("check after import: %+v, %v", res, err)
	}

	// The same register again: its codes are taken now, and nothing is written.
	before := importSnapshot(t, f.s, registerTables...)
	_, err = f.s.ImportDossiers(ctx, f.admin, strings.NewReader(registerFile(registerLines)), nil)
	var le *LineError
	if !errors.As(err, &le) || le.Line != 2 || le.Column != "code" || !strings.Contains(err.Error(), "đã có trong cơ sở dữ liệu") {
		t.Fatalf("second import: %v", err)
	}
	if after := importSnapshot(t, f.s, registerTables...); after != before {
		t.Fatalf("a refused import changed the database:\n%s\n%s", before, after)
	}
	// The counter skips a number the register took: line 12 brought the first one of 10 February.
	f.clk.set(at("2026-02-10 15:00"))
	live := f.receive(t, "1.004873", "Người Mới")
	if live.Code != testOffice+"-260210-0002" {
		t.Errorf("live code %s", live.Code)
	}
}

func TestImportDossiersRejects(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	// Something in the database already, so "unchanged" means more than "still empty".
	f.receive(t, "1.004873", "Có Sẵn")
	before := importSnapshot(t, f.s, registerTables...)
	dropColumn := strings.Replace(registerFile(registerLines), ",rating,", ",", 1)
	cases := []struct {
		name   string
		in     string
		line   int
		column string
		msg    string
	}{
		{"11-digit ID", withLine(6, `,2.000908,Hoàng Văn Em,03808500123,,,2,26/02/2026 08:00,,,,5,,2000,,1`), 6, "applicant_id", "12 chữ số"},
		{"31 February", withLine(3, `,1.001193,Trần Thị Bình,,,Thôn Tây,3,31/02/2026 10:00,,,,2,,,,`), 3, "received_at", `ngày không hợp lệ "31/02/2026"`},
		{"status 11", withLine(7, strings.Replace(registerLines[6], ",6,TP,", ",11,TP,", 1)), 7, "status", "từ 1 đến 10"},
		{"status 0", withLine(7, strings.Replace(registerLines[6], ",6,TP,", ",0,TP,", 1)), 7, "status", "từ 1 đến 10"},
		{"channel 0", withLine(8, `,1.004873,Vũ Văn Hùng,,,,0,2026-02-24 14:00,,,,7,,,,`), 8, "channel", "kênh phải là 1"},
		{"channel missing", withLine(8, `,1.004873,Vũ Văn Hùng,,,,,2026-02-24 14:00,,,,7,,,,`), 8, "channel", "kênh phải là 1"},
		{"unknown procedure", withLine(8, `,9.999999,Vũ Văn Hùng,,,,1,2026-02-24 14:00,,,,7,,,,`), 8, "procedure_code", `không có thủ tục mã "9.999999"`},
		{"unknown unit", withLine(7, strings.Replace(registerLines[6], ",TP,", ",XX,", 1)), 7, "unit", `không có đơn vị xử lý mã "XX"`},
		{"finished before received", withLine(4, `,1.000000,Lê Văn Cường,,,,1,2026-01-14 08:00,,2026-01-13 10:00,,8,,,,`), 4, "finished_at", "trước lúc tiếp nhận"},
		{"returned before finished", withLine(2, strings.Replace(registerLines[1], "2026-01-15 08:30", "2026-01-14 14:59", 1)), 2, "returned_at", "trước lúc kết thúc"},
		{"due before received", withLine(5, strings.Replace(registerLines[4], "2026-03-10 17:00", "2026-02-23 08:59", 1)), 5, "due_at", "trước lúc tiếp nhận"},
		{"rating with status 4", withLine(5, `,1.004873,Phạm Thị Dung,,,,1,2026-02-23 09:00,,,,4,,,hai_long,2`), 5, "rating", "trạng thái 10"},
		{"unknown rating", withLine(2, strings.Replace(registerLines[1], "rat_hai_long", "tot", 1)), 2, "rating", "mức đánh giá không hợp lệ"},
		{"status 10 without returned_at", withLine(2, strings.Replace(registerLines[1], "2026-01-15 08:30", "", 1)), 2, "returned_at", "phải có thời điểm trả"},
		{"status 9 without finished_at", withLine(3, `,1.001193,Trần Thị Bình,,,Thôn Tây,3,13/01/2026 10:00,,,,9,DC,,,`), 3, "finished_at", "phải có thời điểm kết thúc"},
		{"finished_at on an open dossier", withLine(5, `,1.004873,Phạm Thị Dung,,,,1,2026-02-23 09:00,,2026-02-25 09:00,,4,,,,2`), 5, "finished_at", "chỉ ghi khi"},
		{"received in the future", withLine(10, `,2.000908,Ngô Văn Minh,,,,2,2026-03-02 08:01,,,,1,,,,`), 10, "received_at", "chưa tới"},
		{"received in 1900", withLine(3, `,1.001193,Trần Thị Bình,,,Thôn Tây,3,13/01/1900 10:00,,13/01/2026 16:00,,9,DC,,,`), 3, "received_at", "10:00 13/01/1900 trước năm 2000"},
		{"finished in 1999", withLine(4, `,1.000000,Lê Văn Cường,,,,1,1999-12-31 08:00,,1999-12-31 23:59,,8,,,,`), 4, "received_at", "trước năm 2000"},
		{"due in 1900", withLine(7, strings.Replace(registerLines[6], "2026-03-02 10:00", "1900-03-02 10:00", 1)), 7, "due_at", "trước năm 2000"},
		{"received missing", withLine(10, `,2.000908,Ngô Văn Minh,,,,2,,,,,1,,,,`), 10, "received_at", "không được để trống"},
		{"time without minutes", withLine(10, `,2.000908,Ngô Văn Minh,,,,2,2026-03-01 20,,,,1,,,,`), 10, "received_at", "không hiểu giờ"},
		{"code on a refused dossier", withLine(11, `000.00.06.H56-260227-0001,1.001193,Đặng Thị Nga,,,,1,2026-02-27 09:00,,,,3,,,,`), 11, "code", "chưa được tiếp nhận"},
		{"bad code", withLine(12, strings.Replace(registerLines[11], "000.00.06.H56-260210-0001", "H56/2026/1", 1)), 12, "code", "mã hồ sơ không hợp lệ"},
		{"fee on a refused dossier", withLine(11, `,1.001193,Đặng Thị Nga,,,,1,2026-02-27 09:00,,,,3,,5000,,`), 11, "fee", "chưa thu phí"},
		{"negative fee", withLine(6, `,2.000908,Hoàng Văn Em,,,,2,26/02/2026 08:00,,,,5,,-2000,,1`), 6, "fee", "số tiền không hợp lệ"},
		{"status 5 without supplement", withLine(6, `,2.000908,Hoàng Văn Em,,,,2,26/02/2026 08:00,,,,5,,2000,,0`), 6, "supplements", "ít nhất 1"},
		{"21 supplements", withLine(5, strings.Replace(registerLines[4], ",4,,,,2", ",4,,,,21", 1)), 5, "supplements", "từ 0 đến 20"},
		{"online submission in person", withLine(10, `,2.000908,Ngô Văn Minh,,,,1,2026-03-01 20:00,,,,1,,,,`), 10, "channel", "phải là 2"},
		{"bad phone", withLine(3, `,1.001193,Trần Thị Bình,,0123,Thôn Tây,3,13/01/2026 10:00,,13/01/2026 16:00,,9,DC,,,`), 3, "phone", ""},
		{"missing name", withLine(3, `,1.001193,,,,Thôn Tây,3,13/01/2026 10:00,,13/01/2026 16:00,,9,DC,,,`), 3, "applicant_name", "không được để trống"},
		{"name too long", withLine(3, `,1.001193,`+strings.Repeat("A", 201)+`,,,Thôn Tây,3,13/01/2026 10:00,,13/01/2026 16:00,,9,DC,,,`), 3, "applicant_name", "tối đa 200"},
		{"10 MB field", withLine(9, `,1.004873,Bùi Thị Lan,,,`+strings.Repeat("đường ", 10<<20/7)+`,1,2026-02-23 08:00,,,,2,,,,1`), 9, "address", "quá dài (tối đa 4000 ký tự)"},
		{"control character", withLine(9, ",1.004873,Bùi Thị\x1bLan,,,,1,2026-02-23 08:00,,,,2,,,,1"), 9, "applicant_name", "ký tự điều khiển U+001B"},
		{"missing column", dropColumn, 1, "", "thiếu cột rating"},
		{"extra column", strings.Replace(registerFile(registerLines), ",supplements\r\n", ",supplements,email\r\n", 1), 1, "", `cột không được hỗ trợ "email"`},
		{"duplicate code", withLine(14, registerLines[6]), 14, "code", "trùng với dòng 7"},
		{"code already in the database", withLine(14, strings.Replace(registerLines[6], "000.00.06.H56-260225-0007", testOffice+"-260302-0001", 1)), 14, "code", "đã có trong cơ sở dữ liệu"},
		{"short line", withLine(14, `,1.004873,Bùi Thị Lan`), 14, "", "dòng có 3 cột"},
		{"header only", registerHeader + "\r\n", 0, "", "không có hồ sơ nào"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n, err := f.s.ImportDossiers(ctx, f.admin, strings.NewReader(tc.in), nil)
			if err == nil || n != 0 {
				t.Fatalf("accepted: %d, %v", n, err)
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
			if after := importSnapshot(t, f.s, registerTables...); after != before {
				t.Errorf("the database changed:\n%s\n%s", before, after)
			}
		})
	}
	// The message of the brief, word for word.
	_, err := f.s.ImportDossiers(ctx, f.admin, strings.NewReader(withLine(7, `,1.004873,Đỗ Thị Giang,,,,2,31/02/2026 10:00,,,,4,,,,`)), nil)
	if err == nil || err.Error() != `dòng 7, cột "received_at": ngày không hợp lệ "31/02/2026"` {
		t.Fatalf("err = %v", err)
	}
	if _, err := f.s.ImportDossiers(ctx, f.counter, strings.NewReader(registerFile(registerLines)), nil); !errors.Is(err, ErrForbidden) {
		t.Fatalf("counter officer imported a register: %v", err)
	}
}

// bulkRegister is n status-2 lines received on 5 January 2026, with codes when coded.
func bulkRegister(n int, coded bool) string {
	var b strings.Builder
	b.WriteString(registerHeader + "\n")
	for i := 1; i <= n; i++ {
		code := ""
		if coded {
			code = fmt.Sprintf("%s-260105-%04d", testOffice, i)
		}
		fmt.Fprintf(&b, "%s,1.004873,Người %d,,,,1,2026-01-05 08:00,,,,2,,,,\n", code, i)
	}
	return b.String()
}

func TestImportDossiersProgress(t *testing.T) {
	f := newFixture(t)
	var calls []int
	n, err := f.s.ImportDossiers(context.Background(), f.admin, strings.NewReader(bulkRegister(2001, true)), func(rows int) { calls = append(calls, rows) })
	if err != nil || n != 2001 {
		t.Fatalf("import = %d, %v", n, err)
	}
	if fmt.Sprint(calls) != "[1000 2000 2001]" {
		t.Fatalf("progress calls %v", calls)
	}
}

// A line can pass validation and still fail while writing (here the station's block of numbers
// for the day runs out on the 1,000th line): everything written before it is rolled back.
func TestImportDossiersWriteErrorRollsBack(t *testing.T) {
	f := newFixture(t)
	before := importSnapshot(t, f.s, registerTables...)
	_, err := f.s.ImportDossiers(context.Background(), f.admin, strings.NewReader(bulkRegister(1000, false)), nil)
	var le *LineError
	if !errors.As(err, &le) || le.Line != 1001 || !strings.Contains(err.Error(), "đã dùng hết") {
		t.Fatalf("err = %v", err)
	}
	if after := importSnapshot(t, f.s, registerTables...); after != before {
		t.Fatalf("the database changed:\n%s\n%s", before, after)
	}
}

// fuzzLookup is the fixture's catalog as plain data.
func fuzzLookup() *registerLookup {
	return &registerLookup{
		now:        at("2026-03-02 08:00"),
		procedures: map[string]string{"1.004873": "TP", "1.001193": "TP", "2.000908": "TP", "1.000000": "DC", "9.000000": ""},
		units:      map[string]bool{"TP": true, "DC": true},
		codeExists: func(code string) (bool, error) { return code == testOffice+"-260302-0001", nil },
	}
}

func TestImportParseDossierRowsGoodFile(t *testing.T) {
	rows, err := parseDossierRows(strings.NewReader(registerFile(registerLines)), fuzzLookup())
	if err != nil || len(rows) != 12 {
		t.Fatalf("%d rows, %v", len(rows), err)
	}
	r := rows[0]
	if r.line != 2 || r.code != "000.00.06.H56-260112-0005" || r.status != StatusReturned || r.rating != RatingVerySatisfied ||
		r.fee != 5000 || r.unit != "TP" || r.unitGiven || !r.received.Equal(at("2026-01-12 09:00")) || !r.due.IsZero() {
		t.Fatalf("line 2 = %+v", r)
	}
	if r := rows[10]; r.applicant.Phone != "0912345678" || r.applicant.Name != "'; DROP TABLE events; --" || !r.due.Equal(at("2026-02-10 12:00")) {
		t.Fatalf("line 12 = %+v", r)
	}
}

// FuzzImportDossiersParse: whatever the file, the row parser returns either rows from which the
// write phase can build valid events, or nothing and a Vietnamese input error — never a panic.
func FuzzImportDossiersParse(f *testing.F) {
	f.Add(registerFile(registerLines))
	for _, l := range registerLines[1:] {
		f.Add(registerHeader + "\n" + l + "\n")
	}
	f.Add(registerHeader + "\n\"" + strings.Repeat("\"\"", 10) + "\n")
	f.Add(registerHeader + "\n,1.004873,A,,,,1,2026-02-30 25:61,,,,2,,,,\n")
	lk := fuzzLookup()
	f.Fuzz(func(t *testing.T, in string) {
		rows, err := parseDossierRows(strings.NewReader(in), lk)
		if err != nil {
			var ie *InputError
			if rows != nil || !errors.As(err, &ie) {
				t.Fatalf("error %T %v with %d rows", err, err, len(rows))
			}
			return
		}
		codes := map[string]bool{}
		for _, r := range rows {
			if r.code != "" {
				if codes[r.code] || !codePattern.MatchString(r.code) || r.status == StatusSubmitted || r.status == StatusRefused {
					t.Fatalf("code %q on %+v", r.code, r)
				}
				codes[r.code] = true
			}
			if _, ok := lk.procedures[r.procedure]; !ok || !r.status.Valid() || !r.channel.Valid() || r.supplements < 0 ||
				r.supplements > maxSupplements || r.fee < 0 || r.fee > maxAmount {
				t.Fatalf("row %+v", r)
			}
			if r.received.IsZero() || r.received.After(lk.now) || (!r.due.IsZero() && r.due.Before(r.received)) {
				t.Fatalf("times %+v", r)
			}
			ends := r.status == StatusStopped || r.status == StatusProcessed || r.status == StatusReturned
			if ends == r.finished.IsZero() || (ends && r.finished.Before(r.received)) || r.finished.After(lk.now) {
				t.Fatalf("finished %+v", r)
			}
			if (r.status == StatusReturned) == r.returned.IsZero() || (!r.returned.IsZero() && r.returned.Before(r.finished)) {
				t.Fatalf("returned %+v", r)
			}
			if r.rating != RatingNone && r.status != StatusReturned || r.status == StatusSupplement && r.supplements == 0 {
				t.Fatalf("rating or supplements %+v", r)
			}
			if r.unit == "" && r.status > StatusRefused {
				t.Fatalf("no unit for %+v", r)
			}
			if r.unit != "" && !lk.units[r.unit] {
				t.Fatalf("unknown unit %+v", r)
			}
			p := r.applicant
			if err := p.validate(applicantKeys); err != nil {
				t.Fatalf("applicant %+v would be refused: %v", p, err)
			}
		}
	})
}

// Lines at the edges of what validation lets through must also write: every step in one minute,
// twenty supplement rounds, a reception at the very moment of the import, an old register.
func TestImportDossiersEdgeRows(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	in := registerFile([]string{
		registerHeader,
		`,1.001193,Cùng Một Phút,,,,1,16/01/2026 09:00,16/01/2026 09:00,16/01/2026 09:00,16/01/2026 09:00,10,,0,khong_hai_long,20`,
		`,1.004873,Vừa Nhận,,,,1,2026-03-02 08:00,,,,2,,,,3`,
		`,1.004873,Chờ Bổ Sung,,,,1,2026-03-02 07:59,2026-03-05 08:00,,,5,,,,20`,
		`,1.000000,Có Hạn Riêng,,,,2,2000-06-15 10:00,2000-07-15 10:00,2001-01-02 08:00,2001-01-03 08:00,10,,,hai_long,1`,
		// A line without code before a line bringing the day's first number: the minted code must
		// not take it. The unit of a dossier not yet transferred is the one the file gives.
		`,1.004873,Chưa Có Mã,,,,1,2026-01-20 08:00,,,,2,DC,,,`,
		testOffice + `-260120-0001,1.004873,Có Mã,,,,1,2026-01-20 09:00,,,,2,,,,`,
	})
	n, err := f.s.ImportDossiers(ctx, f.admin, strings.NewReader(in), nil)
	if err != nil || n != 6 {
		t.Fatalf("import = %d, %v", n, err)
	}
	d, evs, err := f.s.DossierByCode(ctx, testOffice+"-260116-0001")
	if err != nil || d.Status != StatusReturned || d.Supplements != 20 || len(evs) != 45 || !d.Due.Equal(at("2026-01-16 09:00")) {
		t.Fatalf("same minute: %+v, %d events, %v", d, len(evs), err)
	}
	if d.ReturnedAt.Sub(at("2026-01-16 09:00")) > time.Second {
		t.Errorf("returned at %v", d.ReturnedAt)
	}
	d, _, err = f.s.DossierByCode(ctx, testOffice+"-260302-0001")
	if err != nil || d.Status != StatusReceived || d.Supplements != 3 {
		t.Fatalf("received now: %+v, %v", d, err)
	}
	d, _, err = f.s.DossierByCode(ctx, testOffice+"-260302-0002")
	if err != nil || d.Status != StatusSupplement || d.Supplements != 20 || !d.Due.Equal(at("2026-03-05 08:00")) {
		t.Fatalf("waiting for a supplement: %+v, %v", d, err)
	}
	// The oldest register the range of event times allows (ValidEventTime): the year 2000.
	d, _, err = f.s.DossierByCode(ctx, testOffice+"-000615-0001")
	if err != nil || d.Status != StatusReturned || !d.HasDue || !d.Due.Equal(at("2000-07-15 10:00")) || d.Rating != RatingSatisfied {
		t.Fatalf("2000: %+v, %v", d, err)
	}
	d, _, err = f.s.DossierByCode(ctx, testOffice+"-260120-0002")
	if err != nil || d.Applicant.Name != "Chưa Có Mã" || d.Unit != "DC" || d.Status != StatusReceived {
		t.Fatalf("minted beside an imported code: %+v, %v", d, err)
	}
	res, err := f.s.Check(ctx, false, nil)
	if err != nil || !res.OK() || res.Dossiers != 6 {
		t.Fatalf("check: %+v, %v", res, err)
	}
}

// A register gives a supplement round's count, not its times: the import must not move the due
// date by a pause it made up. Received Tuesday 8/4/2025 09:00 (3 working days: Friday 11/4
// 09:00), one supplement round, still processing: due 11/4/2025 whether the file gives it or the
// import computes it, and the record says the round's times are unknown.
func TestImportSupplementWithoutTimesKeepsDue(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	file := registerFile([]string{registerHeader,
		`000.00.06.H56-250408-0001,1.004873,Nguyễn Văn An,,,,1,08/04/2025 09:00,11/04/2025 09:00,,,4,,,,1`,
		`000.00.06.H56-250408-0002,1.004873,Trần Thị Bình,,,,1,08/04/2025 09:00,,,,4,,,,1`,
		`000.00.06.H56-250408-0003,1.004873,Lê Văn Cường,,,,1,08/04/2025 09:00,,17/04/2025 10:00,,9,,,,2`,
	})
	if _, err := f.s.ImportDossiers(ctx, f.admin, strings.NewReader(file), nil); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"000.00.06.H56-250408-0001", "000.00.06.H56-250408-0002", "000.00.06.H56-250408-0003"} {
		d, evs, err := f.s.DossierByCode(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		if !d.Due.Equal(at("2025-04-11 09:00")) || !d.DueOriginal.Equal(at("2025-04-11 09:00")) {
			t.Errorf("%s: due %v (original %v), want 11/04/2025 09:00", code, d.Due, d.DueOriginal)
		}
		for _, e := range evs {
			p, err := DecodePayload(e.Type, e.Payload)
			if err != nil {
				t.Fatal(err)
			}
			switch p := p.(type) {
			case *SupplementRequested:
				if p.Reason != importSupplementUnknown {
					t.Errorf("%s: request reason %q", code, p.Reason)
				}
			case *SupplementReceived:
				if p.Note != importSupplementUnknown || p.DueAfter == nil || !p.DueAfter.Equal(at("2025-04-11 09:00")) {
					t.Errorf("%s: receipt %+v", code, p)
				}
			}
		}
	}
}
