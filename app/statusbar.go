package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
	"motcua/data/vntext"
)

// statusBar is the strip at the bottom of the window: who is logged in, the office, this
// station and the sync state (docs/ARCHITECTURE.md §8).
type statusBar struct {
	content fyne.CanvasObject
	user    *widget.Label // "Nguyễn Thị Thu Hà (Tiếp nhận)"
	office  *widget.Label
	station *widget.Label
	sync    *widget.Label   // "Đã đồng bộ lúc 10:42", "Ngoại tuyến — 37 bản ghi chờ gửi"
	clock   *widget.Label   // the clock warning, hidden when the clocks agree
	row     *fyne.Container // the texts above, laid out by shrinkRow
}

// statusTextMax is the longest sync text the bar shows: a hub's refusal can be a long sentence,
// and the Sync screen shows it whole.
const statusTextMax = 90

func newStatusBar(u *ui, office data.Office, user *data.User) *statusBar {
	station := 0
	if st := u.currentStore(); st != nil {
		station = st.Station()
	}
	b := &statusBar{
		user:    widget.NewLabel(""),
		office:  widget.NewLabel(office.Name),
		station: widget.NewLabel(lang.L("Station no. {{.N}}", map[string]any{"N": station})),
		sync:    widget.NewLabel(""),
		clock:   widget.NewLabel(""),
	}
	b.clock.Importance = widget.DangerImportance
	// the texts that can be long give up width when the window is narrow (shrinkRow)
	for _, l := range []*widget.Label{b.user, b.office, b.sync} {
		l.Truncation = fyne.TextTruncateEllipsis
	}
	var items []fyne.CanvasObject
	if user != nil {
		b.user.SetText(lang.L("{{.Name}} ({{.Roles}})", map[string]any{"Name": user.FullName, "Roles": roleNames(user.Roles)}))
		items = append(items, widget.NewIcon(theme.AccountIcon()), b.user, widget.NewSeparator())
	}
	items = append(items,
		widget.NewIcon(theme.HomeIcon()), b.office, widget.NewSeparator(),
		widget.NewIcon(theme.ComputerIcon()), b.station, widget.NewSeparator(),
		widget.NewIcon(theme.UploadIcon()), b.sync, b.clock,
	)
	right := []fyne.CanvasObject{}
	if u.opts.Version != "" {
		v := widget.NewLabel(lang.L("Version {{.Version}}", map[string]any{"Version": u.opts.Version}))
		v.SizeName = theme.SizeNameCaptionText
		right = append(right, v)
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameHeaderBackground))
	b.row = container.New(shrinkRow{}, items...)
	row := container.NewBorder(nil, nil, nil, container.NewHBox(right...), b.row)
	b.content = container.NewVBox(widget.NewSeparator(), container.NewStack(bg, row))
	b.showSync(u, u.syncSnapshot())
	return b
}

// showSync shows the sync state (UI thread).
func (b *statusBar) showSync(u *ui, s syncState) {
	text, imp := syncLine(s, u.now(), syncZone(u))
	text = strings.ReplaceAll(text, "\n", " ")
	if r := []rune(text); len(r) > statusTextMax {
		text = string(r[:statusTextMax-1]) + "…"
	}
	b.sync.Importance = imp
	b.sync.SetText(text)
	if n := clockOff(s); n > 0 {
		b.clock.SetText(lang.L("Clock {{.N}} min off", map[string]any{"N": n}))
		b.clock.Show()
	} else {
		b.clock.Hide()
	}
	if b.row != nil {
		b.row.Refresh() // lay the row out again around the texts' new widths
	}
}

// syncZone is the office's time zone, in which the times of sync are shown.
func syncZone(u *ui) *time.Location {
	if st := u.currentStore(); st != nil {
		return st.Location()
	}
	return vntext.Zone()
}

// syncLine is the one-line sync state of the status bar and the Sync screen, and how it should
// look (UI thread: it translates).
func syncLine(s syncState, now time.Time, loc *time.Location) (string, widget.Importance) {
	st := s.status
	switch {
	case !s.loaded:
		return lang.L("Reading the sync settings…"), widget.MediumImportance
	case s.err != nil:
		return lang.L("Error: {{.Reason}}", map[string]any{"Reason": message(s.err)}), widget.DangerImportance
	case !s.configured:
		return lang.L("Sync server not configured"), widget.MediumImportance
	case st.Running && st.Err == nil && st.LastOK.IsZero():
		// Later syncs keep the last outcome on show (the Sync screen has a progress bar): the bar
		// would otherwise flicker every few minutes.
		return lang.L("Syncing…"), widget.MediumImportance
	case st.Err != nil && offline(st.Err):
		if s.pending > 0 {
			return lang.L("Offline — {{.N}} records waiting to be sent", map[string]any{"N": count(s.pending)}), widget.WarningImportance
		}
		return lang.L("Offline"), widget.WarningImportance
	case st.Err != nil:
		return lang.L("Error: {{.Reason}}", map[string]any{"Reason": message(st.Err)}), widget.DangerImportance
	case st.LastOK.IsZero():
		if s.pending > 0 {
			return lang.L("Not synced yet — {{.N}} records waiting to be sent", map[string]any{"N": count(s.pending)}), widget.MediumImportance
		}
		return lang.L("Not synced yet"), widget.MediumImportance
	}
	when := syncTime(st.LastOK, now, loc)
	if s.pending > 0 {
		return lang.L("Synced at {{.Time}} — {{.N}} records waiting to be sent", map[string]any{"Time": when, "N": count(s.pending)}), widget.MediumImportance
	}
	return lang.L("Synced at {{.Time}}", map[string]any{"Time": when}), widget.SuccessImportance
}

// syncTime is "10:42" today, else "10:42 25/11/2026".
func syncTime(t, now time.Time, loc *time.Location) string {
	t, now = t.In(loc), now.In(loc)
	if y, m, d := t.Date(); y == now.Year() && m == now.Month() && d == now.Day() {
		return t.Format("15:04")
	}
	return t.Format("15:04 02/01/2006")
}

// clockOff is how many minutes this PC's clock was off the hub's at the last contact when that
// is more than station.ClockWarning, else 0.
func clockOff(s syncState) int {
	last := s.status.Last
	if !s.configured || last == nil || !last.ClockWarning {
		return 0
	}
	off := last.ClockOffset
	if off < 0 {
		off = -off
	}
	return max(1, int(off.Round(time.Minute)/time.Minute))
}
