package reports

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"motcua/data/vntext"
	"motcua/reports/pdftest"
)

// pdfFonts lists the fonts of a PDF with pdffonts.
func pdfFonts(t *testing.T, pdf []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "x.pdf")
	os.WriteFile(f, pdf, 0o600)
	out, err := exec.Command("pdffonts", f).Output()
	if err != nil {
		t.Skipf("pdffonts: %v", err)
	}
	return string(out)
}

var testSettings = Settings{GoverningBody: "UBND huyện Thử Nghiệm", OfficeName: "UBND xã Đông Tiến", Place: "Đông Tiến",
	SignerName: "Nguyễn Thị Lãnh Đạo", SignerTitle: "Chủ tịch", Citations: map[string]string{}}

func TestDocumentLayout(t *testing.T) {
	d := NewDoc("P", "A4")
	d.PageNumbers()
	d.AddPage()
	when := time.Date(2026, 2, 20, 16, 30, 0, 0, vntext.Zone())
	d.Header(testSettings, "12/GTN", when)
	// Decomposed input (as Unikey's "tổ hợp" mode types it) must print composed.
	d.Title("Giấy tiếp nhận hồ sơ", "Mẫu số 01 "+"Nguye\u0302\u0303n")
	d.Field("Người nộp", "Nguyễn Văn Đức")
	d.Para(strings.Repeat("Một đoạn văn dài để kiểm tra xuống dòng. ", 12))
	rows := make([][]string, 80)
	for i := range rows {
		rows[i] = []string{strings.Repeat("x", i%3+1), "Đơn vị " + strings.Repeat("rất dài ", i%4), "1"}
	}
	d.Table([]Column{{"STT", 10, "C"}, {"Tên giấy tờ", 80, "L"}, {"Số lượng", 20, "R"}}, rows, SizeSmall)
	d.Signatures(Sign{Title: "Người nộp hồ sơ", Note: "(Ký, ghi rõ họ tên)"}, Sign{Title: "Người tiếp nhận", Note: "(Ký, ghi rõ họ tên)", Name: "Trần Thị Bình"})
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	text := pdftest.Text(t, buf.Bytes(), pdftest.Layout)
	for _, want := range []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "UBND XÃ ĐÔNG TIẾN",
		"Đông Tiến, ngày 20 tháng 02 năm 2026", "GIẤY TIẾP NHẬN HỒ SƠ", "Nguyễn Văn Đức", "Trang 1/", "Trần Thị Bình", "Tên giấy tờ", "Số: 12/GTN"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if strings.Contains(text, "e\u0302") {
		t.Error("decomposed text reached the page")
	}
	// The header row repeats on every page of a long table.
	if n := strings.Count(text, "Tên giấy tờ"); n < 2 {
		t.Errorf("table header printed %d times for a multi-page table", n)
	}
	fonts := pdfFonts(t, buf.Bytes())
	if !strings.Contains(fonts, "CID TrueType") || strings.Contains(fonts, " no  ") && !strings.Contains(fonts, "yes") {
		t.Errorf("fonts not embedded:\n%s", fonts)
	}
	if out := os.Getenv("MOTCUA_PDF_OUT"); out != "" {
		os.WriteFile(filepath.Join(out, "layout.pdf"), buf.Bytes(), 0o644)
	}
}

func TestWriteFileLeavesNothingOnError(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.pdf")
	err := WriteFile(path, func(w io.Writer) error {
		w.Write([]byte("%PDF-1.3 half a document"))
		return errors.New("hỏng giữa chừng")
	})
	if err == nil {
		t.Fatal("error lost")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
}

func TestWriteAndOpenLaunchesViewer(t *testing.T) {
	var launched []string
	old := viewerCommand
	t.Cleanup(func() { viewerCommand = old })
	viewerCommand = func(path string) *exec.Cmd {
		launched = append(launched, path)
		return exec.Command("true")
	}
	path := filepath.Join(t.TempDir(), "phieu.pdf")
	if err := WriteAndOpen(path, func(w io.Writer) error { _, err := w.Write([]byte("%PDF")); return err }); err != nil {
		t.Fatal(err)
	}
	if len(launched) != 1 || launched[0] != path {
		t.Fatalf("viewer launched with %v", launched)
	}
	viewerCommand = func(string) *exec.Cmd { return exec.Command("/khong/co/chuong-trinh-nay") }
	err := WriteAndOpen(path, func(w io.Writer) error { _, err := w.Write([]byte("%PDF")); return err })
	if err == nil || !strings.Contains(err.Error(), "đã lưu") {
		t.Fatalf("missing viewer: %v", err)
	}
}

// gofpdf's line splitting panics on characters beyond U+FFFF; T must keep every document safe.
func TestEmojiAndControlsNeverReachGofpdf(t *testing.T) {
	d := NewDoc("P", "A4", Styles("", "B"))
	d.AddPage()
	nasty := "Nguyễn 😀 Văn\x00\x1b[31m Đức\t\xff𝔘"
	d.Para(nasty)
	d.Field("Người nộp", nasty)
	d.Table([]Column{{"Tên", 50, "L"}}, [][]string{{nasty}}, SizeSmall)
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if got := T(nasty); got != "Nguyễn ? Văn[31m Đức ??" {
		t.Errorf("T = %q", got)
	}
}

func TestDatedDocumentsAreReproducible(t *testing.T) {
	when := time.Date(2026, 2, 20, 16, 30, 0, 0, vntext.Zone())
	render := func() []byte {
		d := NewDoc("P", "A4", Dated(when))
		d.AddPage()
		d.Header(testSettings, "1", when)
		var buf bytes.Buffer
		d.Write(&buf)
		return buf.Bytes()
	}
	if !bytes.Equal(render(), render()) {
		t.Fatal("the same document printed twice differs")
	}
}
