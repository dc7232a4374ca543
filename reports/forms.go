package reports

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"motcua/data"
)

// Form is one of the forms printed from a dossier's log (docs/DOMAIN.md §9). The CLI, the
// detail, work, return and reception screens all print through Forms and Print, so a form has
// one number, one name, one file name and one writer wherever it is printed.
type Form struct {
	Number string // the form's number in the law's set: "01" … "06"
	Name   string // the CLI's name for it: motcua print receipt …
	Prefix string // the start of the printed file's name: giay-hen-<code>.pdf
	Title  string // what it is, in the CLI's help
	Write  func(io.Writer, Settings, *FormData) error
	// applies says whether a dossier's log can fill the form.
	applies func(d *data.Dossier, has func(data.EventType) bool) bool
}

// Forms are the forms of one dossier, in their numbers' order.
var Forms = []Form{
	{"01", "receipt", "giay-hen", "giấy tiếp nhận hồ sơ và hẹn trả kết quả", Receipt, formReceived},
	{"02", "supplement", "yeu-cau-bo-sung", "phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", Supplement,
		func(_ *data.Dossier, has func(data.EventType) bool) bool { return has(data.EvSupplementRequested) }},
	{"03", "refusal", "tu-choi", "phiếu từ chối tiếp nhận giải quyết hồ sơ", Refusal,
		func(d *data.Dossier, _ func(data.EventType) bool) bool { return d.Status == data.StatusRefused }},
	{"04", "apology", "xin-loi", "văn bản xin lỗi và hẹn lại ngày trả kết quả", Apology,
		func(d *data.Dossier, has func(data.EventType) bool) bool {
			return formReceived(d, has) && has(data.EvApologyIssued)
		}},
	{"05", "stop", "dung-giai-quyet", "thông báo dừng giải quyết hồ sơ", StopNotice,
		func(d *data.Dossier, has func(data.EventType) bool) bool {
			return formReceived(d, has) && has(data.EvStopped)
		}},
	{"06", "control", "phieu-kiem-soat", "phiếu kiểm soát quá trình giải quyết hồ sơ", ControlSheet, formReceived},
}

// formReceived: the receipt and the control sheet print once the dossier was received.
func formReceived(d *data.Dossier, _ func(data.EventType) bool) bool {
	return d.Code != "" && !d.ReceivedAt.IsZero()
}

// FormByNumber is the form numbered n ("01" … "06").
func FormByNumber(n string) (Form, bool) {
	for _, f := range Forms {
		if f.Number == n {
			return f, true
		}
	}
	return Form{}, false
}

// FormByName is the form the CLI calls name ("receipt" …).
func FormByName(name string) (Form, bool) {
	for _, f := range Forms {
		if f.Name == name {
			return f, true
		}
	}
	return Form{}, false
}

// Applies says whether d's log can fill the form: the receipt and the control sheet once
// received, the others once their event happened (an event marked as a conflict does not count).
func (f Form) Applies(d *data.Dossier, evs []data.Event) bool {
	return f.applies(d, func(t data.EventType) bool {
		for _, e := range evs {
			if e.Type == t && e.Conflict == "" {
				return true
			}
		}
		return false
	})
}

// Applicable are the forms d's log can fill, in their numbers' order.
func Applicable(d *data.Dossier, evs []data.Event) []Form {
	var out []Form
	for _, f := range Forms {
		if f.Applies(d, evs) {
			out = append(out, f)
		}
	}
	return out
}

// FileName is the name of the form's file for d: its prefix and the dossier's code, or the start
// of its internal id for a dossier refused at the counter (which has no code).
func (f Form) FileName(d *data.Dossier) string {
	code := d.Code
	if code == "" {
		code = d.ID.String()[:8]
	}
	return FileName(f.Prefix, code)
}

// FileName keeps a code usable as a file name.
func FileName(prefix, code string) string {
	code = strings.Map(func(c rune) rune {
		if c == '/' || c == '\\' || c == ':' || c == ' ' {
			return '_'
		}
		return c
	}, code)
	return prefix + "-" + code + ".pdf"
}

// PrintOptions are what a print may change from the office's defaults.
type PrintOptions struct {
	Now    time.Time // the moment of printing (the date in the header); zero: the store's clock
	Layout string    // the receipt's layout (ReceiptA4, ReceiptA5); "": the office's setting
	// Write writes the file at path; nil is WriteFile. The screens pass WriteAndOpen (or what
	// their tests capture the PDF with).
	Write func(path string, write func(io.Writer) error) error
}

// Print writes form f of dossier d, filled from its log evs, and returns the file's path. out is
// a folder that exists (the file is then named FileName in it) or the file's own path.
func Print(ctx context.Context, s *data.Store, f Form, d *data.Dossier, evs []data.Event, out string, o PrintOptions) (string, error) {
	path := out
	if fi, err := os.Stat(out); err == nil && fi.IsDir() {
		path = filepath.Join(out, f.FileName(d))
	}
	st, err := LoadSettings(ctx, s)
	if err != nil {
		return "", err
	}
	if o.Layout != "" {
		st.ReceiptLayout = o.Layout
	}
	names, err := LoadNames(ctx, s)
	if err != nil {
		return "", err
	}
	now := o.Now
	if now.IsZero() {
		now = s.Now()
	}
	fd := &FormData{Dossier: d, Events: evs, Names: names, Now: now.In(s.Location())}
	write := o.Write
	if write == nil {
		write = WriteFile
	}
	if err := write(path, func(w io.Writer) error { return f.Write(w, st, fd) }); err != nil {
		return "", err
	}
	return path, nil
}
