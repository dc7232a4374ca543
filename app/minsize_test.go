package app

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
)

// fitSize is the room a screen gets on the office's most common PC: a 1366×768 display,
// the window maximised on Windows. The taskbar takes 40 px and the title bar about 30, which
// leaves 1366×698 for the window's canvas; Fyne draws the main menu inside the canvas (about
// 30 px more on Windows and Linux), so a screen of the shell has 1366×668 for itself.
var fitSize = fyne.NewSize(1366, 698-30)

// tooBig explains why o does not fit in room ("" when it does): the chain of objects that are
// themselves wider (or taller) than room; the deepest is the one to fix.
func tooBig(o fyne.CanvasObject, room fyne.Size) string {
	min := o.MinSize()
	if min.Width <= room.Width && min.Height <= room.Height {
		return ""
	}
	var path []string
	var down func(o fyne.CanvasObject, depth int)
	down = func(o fyne.CanvasObject, depth int) {
		m := o.MinSize()
		if m.Width <= room.Width && m.Height <= room.Height {
			return
		}
		path = append(path, fmt.Sprintf("%s%s %.0f×%.0f%s", strings.Repeat(" ", depth), reflect.TypeOf(o), m.Width, m.Height, describe(o)))
		var kids []fyne.CanvasObject
		switch v := o.(type) {
		case *fyne.Container:
			kids = v.Objects
		case fyne.Widget:
			kids = test.WidgetRenderer(v).Objects()
		}
		for _, k := range kids {
			if k.Visible() {
				down(k, depth+1)
			}
		}
	}
	down(o, 0)
	return fmt.Sprintf("min size %.0f×%.0f does not fit %.0f×%.0f:\n%s", min.Width, min.Height, room.Width, room.Height, strings.Join(path, "\n"))
}

func describe(o fyne.CanvasObject) string {
	switch v := o.(type) {
	case *widget.Label:
		return " " + fmt.Sprintf("%q", v.Text)
	case *widget.Button:
		return " " + fmt.Sprintf("%q", v.Text)
	case *canvas.Text:
		return " " + fmt.Sprintf("%q", v.Text)
	}
	return ""
}

// windowSizes are the windows a screen must fit: maximised on a 1366×768 display (fitSize), the
// window of a first start on a larger display and the narrowest window (less the menu bar).
var windowSizes = []fyne.Size{fitSize, defaultWindowSize.SubtractWidthHeight(0, 30), narrowWindowSize.SubtractWidthHeight(0, 30)}

// Every screen of the shell, for a user who holds every role, and a dossier's detail fit the
// window: none makes it wider or taller than the screen.
func TestScreensFitTheWindow(t *testing.T) {
	u, w := openDemo(t, 300)
	addUser(t, u, "tatca", data.AllRoles)
	logIn(t, u, "tatca", "mat-khau-1")
	if u.shell == nil {
		t.Fatal("no shell")
	}
	s := u.shell
	check := func(what string) {
		t.Helper()
		for _, room := range windowSizes {
			if msg := tooBig(w.Content(), room); msg != "" {
				t.Errorf("%s: %s", what, msg)
			}
		}
	}
	for _, sec := range s.visible {
		s.showSection(sec.key)
		u.wait()
		check(sec.key)
		for _, room := range windowSizes {
			w.Resize(room)
			for _, msg := range clippedPlaceholders(s.area) {
				t.Errorf("%s at %v: %s", sec.key, room, msg)
			}
		}
	}
	// the dossier list shows all its columns, the due date last but one, without scrolling
	// sideways in the windows the app opens
	s.showSection(sectionDossiers)
	d := s.screens[sectionDossiers].(*dlRoot).list
	for _, room := range windowSizes[:2] {
		w.Resize(room)
		var need float32
		for i, cw := range dlColumnWidths {
			if i == dlColProcedure {
				cw = dlMinProcedureWidth
			}
			need += cw + theme.Padding()
		}
		if got := d.table.Size().Width; got < need {
			t.Errorf("%v: the dossier list has %.0f px for the %.0f its columns need", room, got, need)
		}
	}
	hits, _, err := u.currentStore().List(context.Background(), data.ListFilter{}, data.SortReceivedDesc, "", 1)
	if err != nil || len(hits) == 0 {
		t.Fatalf("no dossier: %v", err)
	}
	inLine(u, func() { u.openDossier(hits[0].ID) })
	u.wait()
	check("detail")
	// every tab of the detail has its title in the bar, none behind "…"
	for _, room := range windowSizes {
		w.Resize(room)
		walk(w.Content(), func(o fyne.CanvasObject) {
			tabs, ok := o.(*container.AppTabs)
			if !ok {
				return
			}
			shown := texts(tabs)
			for _, it := range tabs.Items {
				if !contains(shown, it.Text) {
					t.Errorf("%v: the tab %q is hidden behind “…”", room, it.Text)
				}
			}
		})
	}
}

// clippedPlaceholders lists the empty fields shown under o whose placeholder is wider than the
// field.
func clippedPlaceholders(o fyne.CanvasObject) []string {
	var out []string
	var visit func(o fyne.CanvasObject)
	visit = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return // a hidden box keeps the sizes it had
		}
		switch v := o.(type) {
		case *widget.Entry:
			if msg := clippedPlaceholder(v); msg != "" {
				out = append(out, msg)
			}
		case *widget.SelectEntry:
			if msg := clippedPlaceholder(&v.Entry); msg != "" {
				out = append(out, msg)
			}
		case *fyne.Container:
			for _, c := range v.Objects {
				visit(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(v).Objects() {
				visit(c)
			}
		}
	}
	visit(o)
	return out
}

func clippedPlaceholder(e *widget.Entry) string {
	if e.Text != "" || e.PlaceHolder == "" || e.Size().Width == 0 {
		return ""
	}
	need := fyne.MeasureText(e.PlaceHolder, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
	if e.ActionItem != nil {
		need += e.ActionItem.MinSize().Width
	}
	if need > e.Size().Width+1 {
		return fmt.Sprintf("the placeholder %q needs %.0f px, the field has %.0f", e.PlaceHolder, need, e.Size().Width)
	}
	return ""
}

// The action boxes of a dossier's detail fit the window, also once they say what is missing
// (the message makes them taller): their buttons stay inside them.
func TestActionBoxesFitTheWindow(t *testing.T) {
	u, w := openDemo(t, 300)
	hits, _, err := u.currentStore().List(context.Background(), data.ListFilter{Statuses: []data.Status{data.StatusProcessing}}, data.SortReceivedDesc, "", 1)
	if err != nil || len(hits) == 0 {
		t.Fatalf("no dossier in processing: %v", err)
	}
	s, _ := openDetail(t, u, "admin", hits[0].ID)
	u.wait()
	for _, ev := range []data.EventType{data.EvTransferred, data.EvSupplementRequested, data.EvSupplementReceived,
		data.EvObligationRequested, data.EvObligationMet, data.EvProcessed, data.EvApologyIssued,
		data.EvWithdrawalRequested, data.EvStopped, data.EvReturned, data.EvRated} {
		for _, room := range windowSizes {
			w.Resize(room)
			s.askAction(ev)
			f := s.form
			if f == nil {
				t.Fatalf("%v: no box", ev)
			}
			f.m.fail("Bắt buộc: " + strings.Repeat("ghi đủ các ô có dấu sao trước khi xác nhận, ", 4))
			if msg := tooBig(f.m.pop.Content, room); msg != "" {
				t.Errorf("%v at %v: %s", ev, room, msg)
			}
			box := f.m.pop.Content
			if got, need := box.Size(), box.MinSize(); got.Height < need.Height || got.Width < need.Width {
				t.Errorf("%v at %v: the box is %v for content of %v: what it holds spills out", ev, room, got, need)
			}
			top := fyne.CurrentApp().Driver().AbsolutePositionForObject(box)
			okAt := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.ok)
			if okAt.Y+f.ok.Size().Height > top.Y+box.Size().Height+1 || okAt.Y+f.ok.Size().Height > room.Height {
				t.Errorf("%v at %v: the confirm button ends at %.0f, the box at %.0f", ev, room,
					okAt.Y+f.ok.Size().Height, top.Y+box.Size().Height)
			}
			f.m.hide()
			s.form = nil
		}
	}
}

// The staff evaluation shows its note and its column titles whole, down to the narrowest window.
func TestStaffEvaluationTitlesWhole(t *testing.T) {
	u, w := openDemo(t, 300)
	logIn(t, u, "lanhdao1", demoStaffPassword)
	if u.shell == nil || !u.shell.showSection(sectionStatistics) {
		t.Fatal("lanhdao1 cannot open the statistics")
	}
	v := u.shell.screens[sectionStatistics].(*statsView)
	inLine(u, func() {
		v.s.period.SetSelected("Từ đầu năm")
		v.s.tabs.Select(v.s.staffTab)
	})
	u.wait()
	for _, room := range windowSizes {
		w.Resize(room)
		v.s.staffTable.Refresh()
		for _, s := range append(texts(v.s.staffTable), texts(v.s.staffNote)...) {
			if strings.HasSuffix(s, "…") {
				t.Errorf("%v: %q is cut", room, s)
			}
		}
	}
}
