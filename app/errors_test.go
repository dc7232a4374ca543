package app

import (
	"context"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"motcua/data"
	"motcua/data/vntext"
)

// The errors of the store and of vntext's checks are shown in the language of the interface: a
// refused ID number (at reception, and as it is typed), a step the officer may not take, a step
// that does not fit the dossier's status (the step and the status named in English); in
// Vietnamese they read as they always have.
func TestStoreErrorsAreShownInTheLanguageOfTheInterface(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	st, err := data.Open(filepath.Join(buildDemo(t, 0), data.DBFile), data.WithClock(clockAt(fixedNow)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	counter, err := st.UserByName(ctx, "tiepnhan1")
	if err != nil {
		t.Fatal(err)
	}
	rec := data.Reception{Procedure: "1.004873", Applicant: data.Person{Name: "Nguyễn Văn An", IDNo: "12"}}
	_, badID := st.Receive(ctx, counter, rec)
	rec.Applicant.IDNo = "001090123456"
	p, err := st.Procedure(ctx, rec.Procedure)
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range p.Documents {
		rec.Documents = append(rec.Documents, data.DocCount{N: doc.N, Name: doc.Name, Originals: 1})
	}
	d, err := st.Receive(ctx, counter, rec)
	if err != nil {
		t.Fatal(err)
	}
	_, forbidden := st.Record(ctx, counter, d.ID, &data.Stopped{})
	_, transition := st.Record(ctx, counter, d.ID, &data.Returned{})
	typed := vntext.CheckCitizenID("12")

	t.Cleanup(func() { setLanguage("vi") })
	for _, c := range []struct {
		lang string
		want []string
	}{
		{"en", []string{
			"Applicant's ID number: a CCCD has 12 digits, an old CMND 9 (2 typed)",
			"You are not allowed to do this: stop processing",
			`Cannot return the result while the dossier's status is "Received, not yet transferred"`,
			"A CCCD has 12 digits, an old CMND 9 (2 typed)",
		}},
		{"vi", []string{
			"Số giấy tờ người nộp: số CCCD phải có 12 chữ số, hoặc CMND cũ 9 chữ số (đã nhập 2)",
			"Không có quyền thực hiện thao tác này: dừng xử lý",
			`Không thể trả kết quả khi hồ sơ ở trạng thái "Được tiếp nhận"`,
			"Số CCCD phải có 12 chữ số, hoặc CMND cũ 9 chữ số (đã nhập 2)",
		}},
	} {
		setLanguage(c.lang)
		for i, err := range []error{badID, forbidden, transition, typed} {
			if got := message(err); got != c.want[i] {
				t.Errorf("%s: %q, want %q", c.lang, got, c.want[i])
			}
		}
	}
}
