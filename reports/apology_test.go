package reports

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"motcua/data"
	"motcua/data/demo"
	"motcua/data/demo/demotest"
	"motcua/data/vntext"
	"motcua/reports/pdftest"
)

// ---- fixtures shared by the tests of forms 04–07 ----------------------------------------------

// fuNow is "today" of the demo office the follow-up forms are tested on.
var fuNow = time.Date(2026, 3, 20, 10, 30, 0, 0, vntext.Zone())

// fuDemoPath builds (once per source version) a demo office of n dossiers in dir and returns its
// path. The file is named after a hash of the data and demo sources, so a change there builds a
// fresh one (and removes the stale ones) while repeated runs reuse it.
func fuDemoPath(tb testing.TB, dir string, n int) string {
	tb.Helper()
	h := sha256.New()
	for _, src := range []string{"../data", "../data/demo", "../data/calendar", "../data/schema"} {
		entries, _ := os.ReadDir(src)
		for _, e := range entries {
			if e.IsDir() || strings.HasSuffix(e.Name(), "_test.go") {
				continue
			}
			if b, err := os.ReadFile(filepath.Join(src, e.Name())); err == nil {
				h.Write([]byte(e.Name()))
				h.Write(b)
			}
		}
	}
	sum := hex.EncodeToString(h.Sum(nil))[:12]
	prefix := "forms-demo-" + strconv.Itoa(n) + "-"
	path := filepath.Join(dir, prefix+sum+".db")
	if _, err := os.Stat(path); err == nil {
		return path
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	old, _ := filepath.Glob(filepath.Join(dir, prefix+"*.db*"))
	err := demo.Build(context.Background(), path, demo.Options{Dossiers: n, Seed: 1, Now: fuNow})
	if err != nil {
		if _, statErr := os.Stat(path); statErr == nil {
			return path // another test process built it meanwhile
		}
		tb.Fatal(err)
	}
	for _, o := range old {
		os.Remove(o)
	}
	return path
}

func TestMain(m *testing.M) { demotest.Main(m) }

// fuStore opens a copy of the demo office of the follow-up forms (600 dossiers before fuNow).
func fuStore(tb testing.TB) *data.Store {
	tb.Helper()
	path := filepath.Join(demotest.Copy(tb, demo.Options{Dossiers: 600, Seed: 1, Now: fuNow}), data.DBFile)
	s, err := data.Open(path, data.WithClock(func() time.Time { return fuNow }))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// fuForm reads the dossier whose code the query returns and everything a form needs.
func fuForm(t *testing.T, s *data.Store, query string) (Settings, *FormData) {
	t.Helper()
	ctx := context.Background()
	var code string
	if err := s.DB().QueryRowContext(ctx, query).Scan(&code); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	d, evs, err := s.DossierByCode(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	st, err := LoadSettings(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	names, err := LoadNames(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	return st, &FormData{Dossier: d, Events: evs, Names: names, Now: fuNow}
}

// fuRender writes a form and returns the PDF and its text (fuRaw).
func fuRender(t *testing.T, name string, form func(io.Writer, Settings, *FormData) error, st Settings, f *FormData) ([]byte, string) {
	t.Helper()
	var buf bytes.Buffer
	if err := form(&buf, st, f); err != nil {
		t.Fatal(err)
	}
	fuKeep(name, buf.Bytes())
	return buf.Bytes(), pdftest.Flat(pdftest.Text(t, buf.Bytes(), pdftest.Raw))
}

// fuKeep saves a PDF under $MOTCUA_PDF_OUT, to be looked at.
func fuKeep(name string, pdf []byte) {
	if out := os.Getenv("MOTCUA_PDF_OUT"); out != "" {
		os.WriteFile(filepath.Join(out, name+".pdf"), pdf, 0o644)
	}
}

func fuContains(t *testing.T, text string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
			t.Errorf("PDF text lacks %q", w)
		}
	}
}

// fuInOrder checks that the wants appear in this order.
func fuInOrder(t *testing.T, text string, wants ...string) {
	t.Helper()
	at := 0
	for _, w := range wants {
		i := strings.Index(text[at:], w)
		if i < 0 {
			t.Errorf("%q missing or out of order (after byte %d)", w, at)
			return
		}
		at += i + len(w)
	}
}

// fuLog is a dossier written by hand, event by event, folded as the store folds it.
type fuLog struct {
	t   *testing.T
	d   *data.Dossier
	id  uuid.UUID
	evs []data.Event
}

func newFuLog(t *testing.T) *fuLog {
	return &fuLog{t: t, d: &data.Dossier{}, id: uuid.Must(uuid.NewV7())}
}

func (l *fuLog) add(at string, actor string, p data.Payload) {
	l.t.Helper()
	when, err := time.ParseInLocation("2006-01-02 15:04", at, vntext.Zone())
	if err != nil {
		l.t.Fatal(err)
	}
	raw, err := json.Marshal(p)
	if err != nil {
		l.t.Fatal(err)
	}
	if _, err := data.DecodePayload(p.EventType(), raw); err != nil {
		l.t.Fatalf("%s: %v", p.EventType(), err)
	}
	e := data.Event{Seq: int64(len(l.evs) + 1), ID: uuid.Must(uuid.NewV7()), Dossier: l.id, Type: p.EventType(), At: when,
		Actor: actor, Office: "000.00.31.H56", Payload: raw}
	if err := l.d.Apply(&e, p); err != nil {
		l.t.Fatalf("%s: %v", p.EventType(), err)
	}
	l.evs = append(l.evs, e)
}

func (l *fuLog) form() *FormData {
	d := *l.d
	return &FormData{Dossier: &d, Events: append([]data.Event(nil), l.evs...), Names: fuNames, Now: fuNow}
}

var fuNames = Names{
	Users: map[string]string{"tiepnhan1": "Nguyễn Thị Thu Hà", "tuphap1": "Phạm Thị Lan Anh", "congan1": "Trịnh Văn Hùng",
		"lanhdao1": "Nguyễn Thị Lãnh Đạo", "lanhdao2": "Nguyễn Hữu Thành"},
	Units: map[string]string{"TPHT": "Công chức Tư pháp - Hộ tịch", "CAX": "Công an xã Đông Tiến"},
}

func fuTime(s string) *time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, vntext.Zone())
	if err != nil {
		panic(err)
	}
	return &t
}

// fuJourney is a dossier that went everywhere: three hand-overs between units, a supplement, an
// apology from a deputy, a late result and its return. n > 0 keeps only its first n events.
func fuJourney(t *testing.T, n int) *fuLog {
	steps := []struct {
		at, actor string
		p         data.Payload
	}{
		{"2026-03-02 09:00", "tiepnhan1", &data.Received{Code: "000.00.31.H56-260302-0007", FormSet: "2025",
			Due: fuTime("2026-03-05 09:00"), Intake: data.Intake{Procedure: "1.001193", ProcedureName: "Thủ tục đăng ký khai sinh",
				Unit: "TPHT", Channel: data.ChannelDirect, Sets: 1,
				Applicant: data.Person{Type: data.ApplicantCitizen, Name: "Nguyễn Văn Đức", IDNo: "038085001234", Phone: "0912345678",
					Address: "Thôn Phú Xá, xã Đông Tiến"},
				Fees: []data.Fee{{Name: "Lệ phí hộ tịch", Amount: 8000}}}}},
		{"2026-03-02 09:30", "tiepnhan1", &data.Transferred{ToUnit: "TPHT", ToHandler: "tuphap1"}},
		{"2026-03-03 08:00", "tuphap1", &data.Transferred{FromUnit: "TPHT", ToUnit: "CAX", ToHandler: "congan1", Note: "Xác minh nơi cư trú"}},
		{"2026-03-03 15:00", "congan1", &data.Transferred{FromUnit: "CAX", ToUnit: "TPHT", ToHandler: "tuphap1", Note: "Đã xác minh xong"}},
		{"2026-03-04 08:30", "tuphap1", &data.SupplementRequested{Items: []data.DocCount{{Name: "Bản sao Giấy chứng nhận kết hôn"}},
			Reason: "Thiếu giấy tờ chứng minh quan hệ cha mẹ"}},
		{"2026-03-06 10:00", "tiepnhan1", &data.SupplementReceived{DueBefore: fuTime("2026-03-05 09:00"), DueAfter: fuTime("2026-03-09 09:00")}},
		{"2026-03-09 08:00", "lanhdao2", &data.ApologyIssued{Reason: "Cần xác minh thêm thông tin với nơi đăng ký kết hôn của cha mẹ",
			NewDue: *fuTime("2026-03-11 16:30"), DocNo: "12/UBND-VP"}},
		{"2026-03-10 10:00", "tuphap1", &data.Processed{ResultNo: "45/TPHT", Signer: "Nguyễn Thị Lãnh Đạo"}},
		{"2026-03-11 08:15", "tiepnhan1", &data.Returned{ReceiverName: "Nguyễn Văn Đức"}},
	}
	if n <= 0 || n > len(steps) {
		n = len(steps)
	}
	l := newFuLog(t)
	for _, st := range steps[:n] {
		l.add(st.at, st.actor, st.p)
	}
	return l
}

// ---- form 04 -------------------------------------------------------------------------------

func TestApologyFromDemo(t *testing.T) {
	s := fuStore(t)
	st, f := fuForm(t, s, `SELECT d.code FROM dossiers d JOIN events e ON e.dossier = d.id
		WHERE e.type = 'apology_issued' ORDER BY d.code LIMIT 1`)
	pdf, text := fuRender(t, "04-van-ban-xin-loi", Apology, st, f)
	d := f.Dossier
	var ap data.ApologyIssued
	var apAt time.Time
	for _, e := range f.Events {
		if e.Type == data.EvApologyIssued {
			json.Unmarshal(e.Payload, &ap)
			apAt = e.At
		}
	}
	// The title of the form set in force when the dossier was received.
	title := "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
	if data.FormSetOn(d.ReceivedAt, st.FormSet) == "2018" {
		title = "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ"
	}
	fuContains(t, text, title, "Mẫu số 04",
		"Kính gửi: Ông/Bà "+d.Applicant.Name, d.Code, d.ProcedureName,
		fuCapital(vntext.DateWords(d.ReceivedAt))+", "+st.OfficeName+" đã tiếp nhận",
		"Thời hạn trả kết quả theo giấy hẹn: "+vntext.DateTimeWords(d.DueOriginal),
		ap.Reason, vntext.DateTimeWords(ap.NewDue), "Số: "+ap.DocNo,
		vntext.PlaceDate(st.Place, apAt), "thành thật xin lỗi", "CHỦ TỊCH", st.SignerName)
	if strings.Contains(text, "KT.") {
		t.Error("the office's own signer signs on someone's behalf")
	}
	if fonts := pdfFonts(t, pdf); !strings.Contains(fonts, "yes") {
		t.Errorf("fonts not embedded:\n%s", fonts)
	}

	// The 2018 set: the older title and wording, the 2018 citation.
	d18 := *d
	d18.FormSet = "2018"
	f18 := *f
	f18.Dossier = &d18
	_, text = fuRender(t, "04-2018", Apology, st, &f18)
	fuContains(t, text, "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "01/2018/TT-VPCP", "hẹn lại thời gian trả kết quả",
		vntext.DateTimeWords(ap.NewDue))
}

func TestApologyLatestAndDeputy(t *testing.T) {
	// A second apology: the form prints the latest and the date it replaces.
	l := fuJourney(t, 7)
	l.add("2026-03-11 09:00", "lanhdao1", &data.ApologyIssued{Reason: "Chờ ý kiến của cơ quan cấp trên", NewDue: *fuTime("2026-03-13 10:00"), DocNo: "15/UBND-VP"})
	_, text := fuRender(t, "04-second", Apology, testSettings, l.form())
	fuContains(t, text, "Số: 15/UBND-VP", "Chờ ý kiến của cơ quan cấp trên", "10 giờ 00 phút, ngày 13 tháng 03 năm 2026",
		"Ngày hẹn trả kết quả đã hẹn lại trước đó: 16 giờ 30 phút, ngày 11 tháng 03 năm 2026",
		"Thời hạn trả kết quả theo giấy hẹn: 09 giờ 00 phút, ngày 05 tháng 03 năm 2026",
		"Thời hạn sau khi bổ sung, hoàn thiện hồ sơ: 09 giờ 00 phút, ngày 09 tháng 03 năm 2026",
		"Đông Tiến, ngày 11 tháng 03 năm 2026", "CHỦ TỊCH", "Nguyễn Thị Lãnh Đạo")
	if strings.Contains(text, "Cần xác minh thêm") {
		t.Error("the earlier apology's reason printed on the latest letter")
	}

	// The first apology was a deputy's: "KT." before the title, the deputy's name.
	_, text = fuRender(t, "04-deputy", Apology, testSettings, fuJourney(t, 0).form())
	fuContains(t, text, "KT. CHỦ TỊCH", "Nguyễn Hữu Thành", "Số: 12/UBND-VP")
}

func TestApologyRefusesWithoutApology(t *testing.T) {
	l := newFuLog(t)
	l.add("2026-03-02 09:00", "tiepnhan1", &data.Received{Code: "000.00.31.H56-260302-0008", FormSet: "2025",
		Intake: data.Intake{Procedure: "1.001193", ProcedureName: "Thủ tục đăng ký khai sinh", Channel: data.ChannelDirect,
			Applicant: data.Person{Name: "Trần Thị Bình"}}})
	var buf bytes.Buffer
	err := Apology(&buf, testSettings, l.form())
	if err == nil || !strings.Contains(err.Error(), "chưa có văn bản xin lỗi") || !strings.Contains(err.Error(), "000.00.31.H56-260302-0008") {
		t.Fatalf("apology for a dossier without one: %v", err)
	}
	if buf.Len() != 0 {
		t.Error("something was written before the error")
	}
	for _, f := range []*FormData{nil, {}} {
		if err := Apology(io.Discard, testSettings, f); err == nil {
			t.Error("no dossier accepted")
		}
	}
	// Refused at the counter: never received, no follow-up forms.
	r := newFuLog(t)
	r.add("2026-03-02 09:00", "tiepnhan1", &data.Refused{Reason: "Không thuộc thẩm quyền", Intake: data.Intake{Procedure: "1.001193",
		ProcedureName: "Thủ tục đăng ký khai sinh", Channel: data.ChannelDirect, Applicant: data.Person{Name: "Trần Thị Bình"}}})
	for _, form := range []func(io.Writer, Settings, *FormData) error{Apology, StopNotice, ControlSheet} {
		if err := form(io.Discard, testSettings, r.form()); err == nil || !strings.Contains(err.Error(), "chưa được tiếp nhận") {
			t.Errorf("refused dossier: %v", err)
		}
	}
}

// Forms are written from several goroutines at once (the GUI prints while a report is built).
func TestFollowUpFormsConcurrently(t *testing.T) {
	f := fuJourney(t, 0).form()
	var wg sync.WaitGroup
	errs := make(chan error, 12)
	for range 4 {
		for _, form := range []func(io.Writer, Settings, *FormData) error{Apology, ControlSheet} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs <- form(io.Discard, testSettings, f)
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}
