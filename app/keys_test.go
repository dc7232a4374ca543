package app

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
)

// pressKey delivers a key as the desktop driver does: to the focused widget, or to the canvas's
// handler when nothing has the focus.
func pressKey(w fyne.Window, name fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: name}
	if f := w.Canvas().Focused(); f != nil {
		f.TypedKey(ev)
	} else if h := w.Canvas().OnTypedKey(); h != nil {
		h(ev)
	}
}

// An officer picks a procedure with the keyboard alone: a few letters, Down twice, Enter.
func TestReceptionKeyboardPicksTheThirdMatch(t *testing.T) {
	r, _, w, _ := newReceptionTest(t)
	w.Canvas().Focus(r.search)
	test.Type(r.search, "khai sinh")
	r.wait()
	if len(r.matches) < 3 {
		t.Fatalf("“khai sinh” lists %d procedures, want 3 or more", len(r.matches))
	}
	want := r.matches[2].Code
	pressKey(w, fyne.KeyDown)
	pressKey(w, fyne.KeyDown)
	pressKey(w, fyne.KeyReturn)
	r.wait()
	if r.proc == nil || r.proc.Code != want {
		got := "none"
		if r.proc != nil {
			got = r.proc.Code
		}
		t.Fatalf("Down, Down, Enter chose %s, want the third match %s", got, want)
	}
	if w.Canvas().Focused() != r.name.entry {
		t.Errorf("after Enter the focus is on %T, want the applicant's name", w.Canvas().Focused())
	}
	// Up goes back, and never past the first match.
	w.Canvas().Focus(r.search)
	for range 5 {
		pressKey(w, fyne.KeyUp)
	}
	pressKey(w, fyne.KeyReturn)
	r.wait()
	if r.proc == nil || r.proc.Code != r.matches[0].Code {
		t.Errorf("Up to the top and Enter did not choose the first match")
	}
}

// Tab from the search box reaches the list of matches; there Down and Enter pick, as in the box.
func TestReceptionTabReachesTheMatches(t *testing.T) {
	r, _, w, _ := newReceptionTest(t)
	w.Canvas().Focus(r.search)
	test.Type(r.search, "khai sinh")
	r.wait()
	if len(r.matches) < 2 {
		t.Fatalf("“khai sinh” lists %d procedures, want 2 or more", len(r.matches))
	}
	w.Canvas().FocusNext()
	if w.Canvas().Focused() != fyne.Focusable(r.list) {
		t.Fatalf("Tab from the search box went to %T, not the list of matches", w.Canvas().Focused())
	}
	want := r.matches[1].Code
	pressKey(w, fyne.KeyDown)
	pressKey(w, fyne.KeyReturn)
	r.wait()
	if r.proc == nil || r.proc.Code != want {
		t.Fatalf("Down, Enter in the list did not choose the second match %s: %+v", want, r.proc)
	}
	if w.Canvas().Focused() != r.name.entry {
		t.Errorf("after Enter the focus is on %T, want the applicant's name", w.Canvas().Focused())
	}
}

func newKeyWindow(t *testing.T) fyne.Window {
	t.Helper()
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel(""))
	w.Resize(fitSize)
	return w
}

// A yes/no question closes on Escape and answers nothing; Enter does not say yes to what cannot
// be undone. The window's own key handler is back once the box is closed.
func TestModalConfirmEscapeCancelsEnterDoesNothing(t *testing.T) {
	w := newKeyWindow(t)
	var behind []fyne.KeyName
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { behind = append(behind, ev.Name) })
	yes := 0
	m := askConfirm(w, "Khôi phục?", "Dữ liệu hiện tại sẽ bị thay thế.", "Khôi phục", func() { yes++ })
	pressKey(w, fyne.KeyReturn)
	if !m.pop.Visible() || yes != 0 {
		t.Fatalf("Enter on a yes/no question: open %v, confirmed %d times", m.pop.Visible(), yes)
	}
	pressKey(w, fyne.KeyEscape)
	if m.pop.Visible() || yes != 0 {
		t.Fatalf("Escape: open %v, confirmed %d times", m.pop.Visible(), yes)
	}
	if len(behind) != 0 {
		t.Errorf("keys reached the window behind the box: %v", behind)
	}
	pressKey(w, fyne.KeyReturn)
	if len(behind) != 1 {
		t.Errorf("after the box closed the window's handler got %v, want Enter", behind)
	}
}

// A form box: Enter in a one-line field confirms; Escape in a field closes it unconfirmed.
func TestModalFormEnterConfirmsEscapeCancels(t *testing.T) {
	w := newKeyWindow(t)
	field := newKeyEntry()
	confirmed := 0
	m := askForm(w, "Dừng xử lý", field, "Dừng", func() string { confirmed++; return "" })
	w.Canvas().Focus(field)
	test.Type(field, "hết hạn")
	pressKey(w, fyne.KeyEscape)
	if m.pop.Visible() || confirmed != 0 {
		t.Fatalf("Escape in the field: open %v, confirmed %d times", m.pop.Visible(), confirmed)
	}

	m = askForm(w, "Dừng xử lý", field, "Dừng", func() string { confirmed++; return "" })
	w.Canvas().Focus(field)
	pressKey(w, fyne.KeyReturn)
	if m.pop.Visible() || confirmed != 1 {
		t.Fatalf("Enter in the field: open %v, confirmed %d times", m.pop.Visible(), confirmed)
	}

	// nothing focused: the box still takes Escape
	m = askForm(w, "Dừng xử lý", newKeyEntry(), "Dừng", func() string { confirmed++; return "" })
	w.Canvas().Unfocus()
	pressKey(w, fyne.KeyEscape)
	if m.pop.Visible() || confirmed != 1 {
		t.Fatalf("Escape with no focus: open %v, confirmed %d times", m.pop.Visible(), confirmed)
	}
}

// In a reason box Enter is a new line, not a confirm; Escape still closes the box.
func TestModalReasonBoxEnterIsANewLine(t *testing.T) {
	w := newKeyWindow(t)
	reason := newKeyEntry()
	reason.MultiLine = true
	confirmed := 0
	m := askForm(w, "Từ chối", reason, "Từ chối", func() string { confirmed++; return "" })
	w.Canvas().Focus(reason)
	test.Type(reason, "dòng một")
	pressKey(w, fyne.KeyReturn)
	test.Type(reason, "dòng hai")
	if !m.pop.Visible() || confirmed != 0 || reason.Text != "dòng một\ndòng hai" {
		t.Fatalf("Enter in the reason: open %v, confirmed %d, text %q", m.pop.Visible(), confirmed, reason.Text)
	}
	pressKey(w, fyne.KeyEscape)
	if m.pop.Visible() || confirmed != 0 {
		t.Fatalf("Escape in the reason: open %v, confirmed %d times", m.pop.Visible(), confirmed)
	}
}

// A message box closes on Escape as on Enter.
func TestMessageBoxEscapeCloses(t *testing.T) {
	u, w := openDemo(t, 20)
	pop := u.showMessage(nil, "Tiêu đề", "Nội dung")
	pressKey(w, fyne.KeyEscape)
	if pop.Visible() {
		t.Error("Escape did not close the message box")
	}
}

// The refusal box at the counter: Enter in the reason is a new line, Escape closes the box and
// refuses nothing.
func TestReceptionRefusalEscapeChangesNothing(t *testing.T) {
	r, st, w, prints := newReceptionTest(t)
	before := dossierCount(t, st)
	pickBirth(t, r)
	fillApplicant(r, "001090123456")
	test.Tap(r.refuseBtn)
	if r.refusal == nil || w.Canvas().Focused() != fyne.Focusable(r.refusal.reason) {
		t.Fatal("no refusal box, or its reason has no cursor")
	}
	test.Type(r.refusal.reason, "Không thuộc thẩm quyền")
	pressKey(w, fyne.KeyReturn)
	test.Type(r.refusal.reason, "của xã")
	if r.refusal.reason.Text != "Không thuộc thẩm quyền\ncủa xã" || !r.refusal.box.pop.Visible() {
		t.Fatalf("Enter in the reason: text %q, box open %v", r.refusal.reason.Text, r.refusal.box.pop.Visible())
	}
	pressKey(w, fyne.KeyEscape)
	r.wait()
	if r.refusal.box.pop.Visible() {
		t.Error("Escape did not close the refusal box")
	}
	if dossierCount(t, st) != before || len(*prints) != 0 {
		t.Errorf("Escape refused: %d dossiers (was %d), %d prints", dossierCount(t, st), before, len(*prints))
	}
	if r.proc == nil || r.name.entry.Text == "" {
		t.Error("Escape emptied the form")
	}
}

// The file chooser closes on Escape from its fields and picks nothing.
func TestPickFileEscapeCancels(t *testing.T) {
	files, _ := pickerWindow(t)
	w := files.win
	picked := false
	for _, field := range []func(p *filePicker) fyne.Focusable{
		func(p *filePicker) fyne.Focusable { return p.where },
		func(p *filePicker) fyne.Focusable { return p.name },
	} {
		p := files.pickFile("Chọn tệp", []string{".csv"}, func(string) { picked = true })
		w.Canvas().Focus(field(p))
		pressKey(w, fyne.KeyEscape)
		if p.box.pop.Visible() || picked {
			t.Fatalf("Escape in %T: box open %v, picked %v", field(p), p.box.pop.Visible(), picked)
		}
	}
}

// An action box of the dossier detail closes on Escape from its reason and records nothing.
func TestDetailActionEscapeRecordsNothing(t *testing.T) {
	u, w := openDemo(t, 20)
	st := u.currentStore()
	d := detailDossier(t, st, data.StatusProcessing)
	s, _ := openDetail(t, u, "tuphap1", d.ID)
	_, before := storeDossier(t, st, d.ID)
	test.Tap(s.buttons[data.EvSupplementRequested])
	f := s.form
	if f == nil || f.entries["reason"] == nil {
		t.Fatal("no supplement box with a reason")
	}
	w.Canvas().Focus(f.entries["reason"])
	test.Type(f.entries["reason"], "Thiếu bản sao")
	pressKey(w, fyne.KeyEscape)
	u.wait()
	if f.m.pop.Visible() || s.form != nil {
		t.Fatal("Escape in the reason did not close the box")
	}
	if _, after := storeDossier(t, st, d.ID); len(after) != len(before) {
		t.Fatalf("%d events after Escape, %d before", len(after), len(before))
	}
}

// asEntry is o as an entry, plain or keyEntry (the boxes' fields), for tests that look for the
// entries drawn.
func asEntry(o fyne.CanvasObject) (*widget.Entry, bool) {
	switch e := o.(type) {
	case *widget.Entry:
		return e, true
	case *keyEntry:
		return &e.Entry, true
	}
	return nil, false
}

// The new-user box closes on Escape from a field and creates nobody.
func TestAdminUserFormEscapeCreatesNobody(t *testing.T) {
	u, w, a := openAdmin(t)
	tab := a.users
	before := len(tab.rows)
	test.Tap(tab.newBtn)
	f := tab.form
	w.Canvas().Focus(f.username)
	test.Type(f.username, "canbo.moi")
	pressKey(w, fyne.KeyEscape)
	u.wait()
	if tab.dialog.pop.Visible() {
		t.Fatal("Escape in the user name did not close the box")
	}
	users, err := u.currentStore().Users(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != before {
		t.Errorf("%d users after Escape, %d before", len(users), before)
	}
}

// A message box closes on Escape even after a click took the focus off its button, and the
// window's own key handler is back afterwards.
func TestMessageBoxEscapeWithoutFocus(t *testing.T) {
	w := newKeyWindow(t)
	var behind []fyne.KeyName
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) { behind = append(behind, ev.Name) })
	u := &ui{win: w}
	pop := u.showMessage(nil, "Tiêu đề", "Nội dung")
	w.Canvas().Unfocus()
	pressKey(w, fyne.KeyEscape)
	if pop.Visible() {
		t.Fatal("Escape with no focus did not close the message box")
	}
	pop = u.showMessage(nil, "Tiêu đề", "Nội dung")
	pressKey(w, fyne.KeyReturn) // on its focused OK: closes it without telling the box list
	pressKey(w, fyne.KeyReturn) // so this one goes behind
	if pop.Visible() || len(behind) != 1 {
		t.Errorf("after the box: open %v, the window got %v", pop.Visible(), behind)
	}
}

// focusedIn focuses, in box, the object drawn for o (the box may draw a widget of its own type
// over the same state) and reports whether it could.
func focusIn(w fyne.Window, box fyne.CanvasObject, o fyne.CanvasObject) bool {
	var target fyne.Focusable
	walk(box, func(x fyne.CanvasObject) {
		f, ok := x.(fyne.Focusable)
		if !ok || target != nil {
			return
		}
		switch v := x.(type) {
		case *keyButton:
			if &v.Button == o {
				target = f
			}
		case *keyCheck:
			if &v.Check == o {
				target = f
			}
		case *keySelect:
			if &v.Select == o {
				target = f
			}
		default:
			if x == o {
				target = f
			}
		}
	})
	if target == nil {
		return false
	}
	w.Canvas().Focus(target)
	return w.Canvas().Focused() == target
}

// Escape closes a box (Cancel) whatever has the focus in it: a button of the box, a check or a
// select of its form, as it does from a field. Space still presses a focused button.
func TestModalEscapeFromFocusedButtonCheckOrSelect(t *testing.T) {
	w := newKeyWindow(t)
	for _, what := range []string{"Cancel", "confirm", "check", "select"} {
		check := newBoxCheck("Bản sao giấy khai sinh", nil)
		sel := newBoxSelect([]string{"Tư pháp - Hộ tịch", "Địa chính - Xây dựng"}, nil)
		body := container.NewVBox(check, widget.NewForm(widget.NewFormItem("Đơn vị", sel)))
		confirmed := 0
		m := askForm(w, "Chuyển xử lý", body, "Chuyển", func() string { confirmed++; return "" })
		targets := map[string]fyne.CanvasObject{"Cancel": m.cancel, "confirm": m.confirm, "check": check, "select": sel}
		if !focusIn(w, m.pop, targets[what]) {
			t.Fatalf("%s: cannot be focused in the box", what)
		}
		pressKey(w, fyne.KeyEscape)
		if m.pop.Visible() || confirmed != 0 {
			t.Errorf("Escape on the focused %s: box open %v, confirmed %d times", what, m.pop.Visible(), confirmed)
			m.hide()
		}
	}
	// Space on the focused confirm button still presses it
	confirmed := 0
	m := askForm(w, "Chuyển xử lý", widget.NewLabel(""), "Chuyển", func() string { confirmed++; return "" })
	if !focusIn(w, m.pop, m.confirm) {
		t.Fatal("the confirm button cannot be focused")
	}
	pressKey(w, fyne.KeySpace)
	if confirmed != 1 || m.pop.Visible() {
		t.Errorf("Space on the focused confirm: confirmed %d times, open %v", confirmed, m.pop.Visible())
	}
}

// Tab from a field of a box reaches its check and select as the types that pass Escape on.
func TestModalTabReachesBoxWidgets(t *testing.T) {
	w := newKeyWindow(t)
	field := newKeyEntry()
	check := newBoxCheck("Bản sao giấy khai sinh", nil)
	sel := newBoxSelect([]string{"Tư pháp - Hộ tịch"}, nil)
	m := askForm(w, "Yêu cầu bổ sung", container.NewVBox(field, check, sel), "Gửi", func() string { return "" })
	w.Canvas().Focus(field)
	w.Canvas().FocusNext()
	if _, ok := w.Canvas().Focused().(*keyCheck); !ok {
		t.Errorf("Tab from the field went to %T, want the box's check", w.Canvas().Focused())
	}
	w.Canvas().FocusNext()
	if _, ok := w.Canvas().Focused().(*keySelect); !ok {
		t.Errorf("Tab from the check went to %T, want the box's select", w.Canvas().Focused())
	}
	w.Canvas().FocusNext()
	if f, ok := w.Canvas().Focused().(*keyButton); !ok || &f.Button != m.cancel {
		t.Errorf("Tab from the select went to %T, want the box's Cancel", w.Canvas().Focused())
	}
	m.hide()
}

// boxInner is Fyne's widget inside a box's button, check or select (the pointer its screen
// holds), nil for anything else: walk visits it so the tests find the box's widgets by Fyne's type.
func boxInner(o fyne.CanvasObject) fyne.CanvasObject {
	switch v := o.(type) {
	case *keyButton:
		return &v.Button
	case *keyCheck:
		return &v.Check
	case *keySelect:
		return &v.Select
	}
	return nil
}

// The boxes of the screens use the box's widgets: Escape from a ticked document of the supplement
// box, from the unit of the transfer box or from its buttons closes it and records nothing.
func TestDetailActionEscapeFromCheckSelectOrButton(t *testing.T) {
	u, w := openDemo(t, 20)
	st := u.currentStore()
	d := detailDossier(t, st, data.StatusProcessing)
	s, _ := openDetail(t, u, "tuphap1", d.ID)
	_, before := storeDossier(t, st, d.ID)
	for _, c := range []struct {
		action data.EventType
		focus  func(f *detailForm) fyne.CanvasObject
	}{
		{data.EvSupplementRequested, func(f *detailForm) fyne.CanvasObject { f.checks[0].SetChecked(true); return f.checks[0] }},
		{data.EvTransferred, func(f *detailForm) fyne.CanvasObject { return findAll[*widget.Select](f.m.pop)[0] }},
		{data.EvProcessed, func(f *detailForm) fyne.CanvasObject { return f.ok }},
		{data.EvProcessed, func(f *detailForm) fyne.CanvasObject { return f.cancel }},
	} {
		test.Tap(s.buttons[c.action])
		f := s.form
		if f == nil {
			t.Fatalf("%v: no box", c.action)
		}
		target := c.focus(f)
		if !focusIn(w, f.m.pop, target) {
			t.Fatalf("%v: %T cannot be focused in the box", c.action, target)
		}
		pressKey(w, fyne.KeyEscape)
		u.wait()
		if f.m.pop.Visible() || s.form != nil {
			t.Fatalf("%v: Escape on the focused %T did not close the box", c.action, target)
		}
	}
	if _, after := storeDossier(t, st, d.ID); len(after) != len(before) {
		t.Fatalf("%d events after Escape, %d before", len(after), len(before))
	}
}

// The return box (delivery) and the rating box (satisfaction) choose with radio items: Escape
// closes them from every stop Tab reaches, the radio items included, and records nothing.
func TestDetailRadioEscapeFromEveryTabStop(t *testing.T) {
	u, w := openDemo(t, 20)
	st := u.currentStore()
	for _, c := range []struct {
		status data.Status
		action data.EventType
	}{{data.StatusProcessed, data.EvReturned}, {data.StatusReturned, data.EvRated}} {
		d := detailDossier(t, st, c.status)
		s, _ := openDetail(t, u, "tiepnhan1", d.ID)
		_, before := storeDossier(t, st, d.ID)
		radios := 0
		for stop := 1; stop < 30; stop++ {
			test.Tap(s.buttons[c.action])
			f := s.form
			if f == nil {
				t.Fatalf("%v: no box", c.action)
			}
			w.Canvas().Unfocus()
			for range stop {
				w.Canvas().FocusNext()
			}
			focused := w.Canvas().Focused()
			if focused == nil {
				t.Fatalf("%v: nothing focused at stop %d", c.action, stop)
			}
			if _, ok := focused.(*keyCheck); ok || strings.Contains(fmt.Sprintf("%T", focused), "radio") {
				radios++
			}
			pressKey(w, fyne.KeyEscape)
			u.wait()
			if f.m.pop.Visible() || s.form != nil {
				f.m.hide()
				s.form = nil
				t.Fatalf("%v: Escape on the focused %T (stop %d) did not close the box", c.action, focused, stop)
			}
			if focused == f.cancel {
				break // the last stop of the box
			}
		}
		if radios < 2 {
			t.Errorf("%v: %d radio items reached with Tab", c.action, radios)
		}
		if _, after := storeDossier(t, st, d.ID); len(after) != len(before) {
			t.Fatalf("%v: %d events after Escape, %d before", c.action, len(after), len(before))
		}
	}
}
