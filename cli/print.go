package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/google/uuid"

	"motcua/data"
	"motcua/data/vntext"
	"motcua/reports"
)

func printUsage() string {
	var b strings.Builder
	b.WriteString("In biểu mẫu ra tệp PDF (ghi vào tệp tạm rồi đổi tên: lỗi giữa chừng không để lại tệp dở).\nFORM:\n")
	for _, f := range reports.Forms {
		fmt.Fprintf(&b, "  %-11s mẫu %s %s\n", f.Name, f.Number, f.Title)
	}
	b.WriteString("  book        mẫu 07 sổ theo dõi hồ sơ của các hồ sơ tiếp nhận từ --from đến --to\n")
	b.WriteString("CODE: mã hồ sơ; hồ sơ chưa có mã (bị từ chối tiếp nhận) dùng mã nội bộ (UUID). DATE: YYYY-MM-DD hoặc dd/mm/yyyy.")
	return b.String()
}

// printFormNames lists the forms of one dossier by the names the command takes.
func printFormNames() string {
	names := make([]string, len(reports.Forms))
	for i, f := range reports.Forms {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}

func runPrint(e *env, args []string) error {
	fs, dataDir := newFlags(e, "print", "FORM --code CODE --out FILE.pdf | book --from DATE --to DATE --out FILE.pdf", printUsage())
	code := fs.String("code", "", "mã hồ sơ (hoặc mã nội bộ UUID của hồ sơ chưa có mã)")
	out := fs.String("out", "", "tệp PDF ghi ra; với biểu mẫu của một hồ sơ có thể là một thư mục có sẵn: tệp mang tên như khi in từ ứng dụng (vd. giay-hen-MÃ.pdf)")
	from := fs.String("from", "", "ngày đầu kỳ (book)")
	to := fs.String("to", "", "ngày cuối kỳ (book)")
	layout := fs.String("layout", "", "giấy tiếp nhận: a4 (hai liên trên một tờ A4) hoặc a5 (mỗi liên một trang A5); mặc định theo cài đặt")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("cần đúng một biểu mẫu: %s hoặc book (xem motcua print -h)", printFormNames())
	}
	form := fs.Arg(0)
	if strings.TrimSpace(*out) == "" {
		return usagef("cần --out FILE.pdf")
	}
	switch *layout {
	case "", reports.ReceiptA4, reports.ReceiptA5:
	default:
		return usagef("--layout phải là a4 hoặc a5")
	}
	if *layout != "" && form != "receipt" {
		return usagef("--layout chỉ dùng với receipt")
	}
	if form == "book" {
		return printBook(e, *dataDir, *code, *from, *to, *out)
	}
	f, ok := reports.FormByName(form)
	if !ok {
		return usagef("không có biểu mẫu %q: chọn %s hoặc book", form, printFormNames())
	}
	if *from != "" || *to != "" {
		return usagef("--from và --to chỉ dùng với book")
	}
	if strings.TrimSpace(*code) == "" {
		return usagef("cần --code: mã hồ sơ cần in")
	}
	s, err := openReader(*dataDir)
	if err != nil {
		return err
	}
	defer s.Close()
	d, evs, err := printDossier(e.ctx, s, *code)
	if err != nil {
		return err
	}
	path, err := reports.Print(e.ctx, s, f, d, evs, *out, reports.PrintOptions{Layout: *layout})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Đã ghi %s.\n", path)
	return nil
}

// printDossier finds a dossier by its code or, for one without a code (refused at the counter),
// by its internal id.
func printDossier(ctx context.Context, s *data.Store, code string) (*data.Dossier, []data.Event, error) {
	code = strings.TrimSpace(code)
	if id, err := uuid.Parse(code); err == nil {
		return s.DossierByID(ctx, id)
	}
	return s.DossierByCode(ctx, code)
}

func printBook(e *env, dataDir, code, from, to, out string) error {
	if code != "" {
		return usagef("sổ theo dõi in theo kỳ: dùng --from và --to, không dùng --code")
	}
	f, t, err := parsePeriod(from, to)
	if err != nil {
		return err
	}
	s, err := openReader(dataDir)
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := reports.LoadSettings(e.ctx, s)
	if err != nil {
		return err
	}
	names, err := reports.LoadNames(e.ctx, s)
	if err != nil {
		return err
	}
	now := time.Now().In(vntext.Zone())
	if err := reports.WriteFile(out, func(w io.Writer) error { return reports.Book(e.ctx, w, st, s, names, f, t, now) }); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Đã ghi %s.\n", out)
	return nil
}
