package reports

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"motcua/data"
	"motcua/data/calendar"
	"motcua/data/vntext"
)

// bookColumns are the columns of "Sổ theo dõi hồ sơ" (docs/DOMAIN.md §9, form 07), widths in mm of an
// A4 landscape page (257 mm inside the margins). A cell's text gets its width less 4 mm (the
// table's padding and gofpdf's cell margin): a date "03/11/2025" at 8 pt is 12.9 mm, the longest
// header word ("Chuyển") 9.4 mm, so no word is ever cut.
var bookColumns = []Column{
	{"STT", 14, "C"}, // the number in the book's volume, up to six digits (data.Dossier.Book)
	{"Mã hồ sơ", 22, "L"},
	{"Tên thủ tục hành chính", 31, "L"},
	{"Số lượng hồ sơ (bộ)", 11.5, "C"},
	{"Tên cá nhân, tổ chức", 22, "L"},
	{"Địa chỉ, số điện thoại", 24, "L"},
	{"Cơ quan chủ trì giải quyết", 19, "L"},
	{"Nhận hồ sơ", 17, "C"},
	{"Hẹn trả kết quả", 17, "C"},
	{"Chuyển hồ sơ đến cơ quan giải quyết", 17, "C"},
	{"Nhận kết quả từ cơ quan giải quyết", 17, "C"},
	{"Trả kết quả cho cá nhân, tổ chức", 17, "C"},
	{"Chữ ký cá nhân, tổ chức", 11, "C"},
	{"Ghi chú", 17.5, "L"},
}

// bookSize is the type size of the book's table: fourteen columns on a landscape page.
const bookSize = 8.0

// Book writes the tracking book (form 07 of the 2025 set, 06 of the 2018 set) of the dossiers
// received in [from, to]: A4 landscape, one row per dossier in reception order, the header row
// repeated on every page and "Trang x/y" at the foot. The book has a volume a year and each row
// shows the number its dossier was given at reception (the one on its receipt), so a printout of
// any part of the year shows the same numbers as the whole. Dossiers are streamed from the store one at
// a time and each row goes straight to the page, so the rows never sit in memory together (the
// PDF being built does: gofpdf keeps the document until it is written out).
func Book(ctx context.Context, w io.Writer, st Settings, s *data.Store, names Names, from, to calendar.Date, now time.Time) error {
	if s == nil {
		return errors.New("chưa mở cơ sở dữ liệu")
	}
	if from.IsZero() || to.IsZero() {
		return errors.New("chưa chọn kỳ của sổ theo dõi (từ ngày, đến ngày)")
	}
	if to.Before(from) {
		return fmt.Errorf("kỳ không hợp lệ: ngày %s trước ngày %s", to.VN(), from.VN())
	}
	v, err := s.Setting(ctx, data.SettingDateMode)
	if err != nil {
		return fmt.Errorf("đọc cài đặt cách so hạn: %w", err)
	}
	mode, err := data.ParseMode(v)
	if err != nil {
		return err
	}

	doc := NewDoc("L", "A4")
	doc.PageNumbers()
	doc.AddPage()
	doc.Header(st, "", fuLocal(now))
	// The form in force when the period begins: a book of 2024 is form 06 of Circular 01/2018.
	set := data.FormSetOn(from.At(0, 0, vntext.Zone()), st.FormSet)
	n := "07"
	if set == "2018" {
		n = "06"
	}
	doc.Title("Sổ theo dõi hồ sơ", ofCitation(st, set, n))
	doc.Font("I", SizeBody)
	doc.pdf.SetX(doc.left)
	period := "Hồ sơ tiếp nhận ngày " + from.VN()
	if to != from {
		period = "Hồ sơ tiếp nhận từ ngày " + from.VN() + " đến ngày " + to.VN()
	}
	doc.pdf.CellFormat(doc.Width(), lineH, T(period), "", 1, "C", false, 0, "")
	doc.pdf.SetX(doc.left)
	doc.pdf.CellFormat(doc.Width(), lineH, T(bookVolumes(from, to)), "", 1, "C", false, 0, "")
	doc.Gap(2)

	t := doc.StartTable(bookColumns, bookSize)
	b := bookRows{names: names, mode: mode, now: now, cells: make([]string, len(bookColumns))}
	err = s.EachDossier(ctx, data.ByReceived, from, to, func(d *data.Dossier, evs []data.Event) error {
		b.count++
		t.Row(b.row(d, evs), "")
		return nil
	})
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if b.count == 0 {
		// One row across the table, under its header.
		doc.Font("I", SizeSmall)
		doc.pdf.SetX(doc.left)
		doc.pdf.CellFormat(doc.Width(), 9, T("Không có hồ sơ trong kỳ"), "1", 1, "C", false, 0, "")
	} else {
		doc.Gap(2)
		doc.Font("", SizeSmall)
		doc.pdf.SetX(doc.left)
		doc.pdf.CellFormat(doc.Width(), lineH, T(fmt.Sprintf("Tổng số: %s hồ sơ.", vntext.Thousands(int64(b.count)))), "", 1, "L", false, 0, "")
	}
	return doc.Write(w)
}

// bookRows turns dossiers into rows, reusing one slice of cells (TableWriter.Row keeps none).
type bookRows struct {
	names Names
	mode  data.Mode
	now   time.Time
	count int
	cells []string
}

func (b *bookRows) row(d *data.Dossier, evs []data.Event) []string {
	var transferred, processed time.Time
	for i := range evs {
		e := &evs[i]
		if e.Conflict != "" {
			continue
		}
		switch e.Type {
		case data.EvTransferred:
			if transferred.IsZero() {
				transferred = e.At
			}
		case data.EvProcessed:
			processed = e.At
		}
	}
	c := b.cells
	c[0] = ""
	if _, n, ok := d.Book(); ok {
		c[0] = strconv.Itoa(n)
	}
	// The code breaks after the agency code rather than anywhere a narrow column would cut it.
	c[1] = strings.Replace(d.Code, "-", "-\n", 1)
	c[2] = d.ProcedureName
	c[3] = strconv.Itoa(max(d.Sets, 1))
	c[4] = d.Applicant.Name
	if r := d.Representative; r != nil && r.Name != "" {
		c[4] += "\n(Đại diện: " + r.Name + ")"
	}
	c[5] = fuJoin("\n", d.Applicant.Address, d.Applicant.Phone)
	c[6] = ""
	if d.Intake.Unit != "" {
		c[6] = b.names.Unit(d.Intake.Unit)
	}
	c[7] = bookTime(d.ReceivedAt)
	c[8] = bookTime(d.Due)
	if !d.HasDue {
		c[8] = "Không quy định"
	}
	c[9] = bookTime(transferred)
	c[10] = bookTime(processed)
	c[11] = bookTime(d.ReturnedAt)
	c[12] = ""
	c[13] = b.note(d)
	return c
}

// note says what the register's reader must know at a glance: late, supplements, apology, stop.
func (b *bookRows) note(d *data.Dossier) string {
	var ns []string
	switch {
	case d.Status == data.StatusRefused:
		ns = append(ns, "Từ chối tiếp nhận")
	case !d.FinishedAt.IsZero():
		if d.Status != data.StatusStopped && data.Judge(d.FinishedAt, d.Due, d.HasDue, d.Supplements, b.mode) == data.Late {
			ns = append(ns, "Quá hạn")
		}
	case d.HasDue && data.Judge(b.now, d.Due, true, 0, b.mode) == data.Late:
		ns = append(ns, "Quá hạn, chưa giải quyết xong")
	}
	if d.Supplements > 0 {
		ns = append(ns, fmt.Sprintf("Yêu cầu bổ sung %d lần", d.Supplements))
	}
	if d.Apologies > 0 {
		ns = append(ns, "Xin lỗi, hẹn lại "+vntext.Date(fuLocal(d.ApologyDue)))
	}
	switch d.Status {
	case data.StatusStopped:
		ns = append(ns, "Dừng xử lý")
	case data.StatusWithdrawing:
		ns = append(ns, "Công dân yêu cầu rút hồ sơ")
	case data.StatusSupplement, data.StatusObligation:
		ns = append(ns, d.Status.String())
	}
	switch d.Channel {
	case data.ChannelOnline:
		ns = append(ns, "Nộp trực tuyến")
	case data.ChannelPost:
		ns = append(ns, "Nộp qua bưu chính")
	}
	return strings.Join(ns, "; ")
}

// bookVolumes names the volumes (one a year) the period's dossiers are in.
func bookVolumes(from, to calendar.Date) string {
	if from.Year == to.Year {
		return fmt.Sprintf("Quyển số: %d", from.Year)
	}
	var ys []string
	for y := from.Year; y <= to.Year; y++ {
		ys = append(ys, strconv.Itoa(y))
	}
	return "Quyển số: " + strings.Join(ys, ", ")
}

// bookTime is a time on two short lines, "14:30" over "20/02/2026", to fit a narrow column.
func bookTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = fuLocal(t)
	return t.Format("15:04") + "\n" + t.Format("02/01/2006")
}
