package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
)

// statusBar is the strip at the bottom of the window: who is logged in, the office, this
// station and the sync state (DESIGN.md §5).
type statusBar struct {
	content fyne.CanvasObject
	user    *widget.Label // "Nguyễn Thị Thu Hà (Tiếp nhận)"
	office  *widget.Label
	station *widget.Label
	sync    *widget.Label
}

func newStatusBar(u *ui, office data.Office, user *data.User) *statusBar {
	station := 0
	if st := u.currentStore(); st != nil {
		station = st.Station()
	}
	b := &statusBar{
		user:    widget.NewLabel(""),
		office:  widget.NewLabel(office.Name),
		station: widget.NewLabel(lang.L("Station no. {{.N}}", map[string]any{"N": station})),
		sync:    widget.NewLabel(lang.L("Offline")),
	}
	var items []fyne.CanvasObject
	if user != nil {
		b.user.SetText(lang.L("{{.Name}} ({{.Roles}})", map[string]any{"Name": user.FullName, "Roles": roleNames(user.Roles)}))
		items = append(items, widget.NewIcon(theme.AccountIcon()), b.user, widget.NewSeparator())
	}
	items = append(items,
		widget.NewIcon(theme.HomeIcon()), b.office, widget.NewSeparator(),
		widget.NewIcon(theme.ComputerIcon()), b.station, widget.NewSeparator(),
		widget.NewIcon(theme.UploadIcon()), b.sync,
	)
	right := []fyne.CanvasObject{}
	if u.opts.Version != "" {
		v := widget.NewLabel(lang.L("Version {{.Version}}", map[string]any{"Version": u.opts.Version}))
		v.SizeName = theme.SizeNameCaptionText
		right = append(right, v)
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameHeaderBackground))
	row := container.NewBorder(nil, nil, container.NewHBox(items...), container.NewHBox(right...), layout.NewSpacer())
	b.content = container.NewVBox(widget.NewSeparator(), container.NewStack(bg, row))
	return b
}
