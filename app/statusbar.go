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

// statusBar is the strip at the bottom of the window: the office, this station and the sync
// state (DESIGN.md §5). Who is logged in joins it with the login screen.
type statusBar struct {
	content fyne.CanvasObject
	office  *widget.Label
	station *widget.Label
	sync    *widget.Label
}

func newStatusBar(u *ui, office data.Office, station int) *statusBar {
	b := &statusBar{
		office:  widget.NewLabel(office.Name),
		station: widget.NewLabel(lang.L("Station no. {{.N}}", map[string]any{"N": station})),
		sync:    widget.NewLabel(lang.L("Offline")),
	}
	items := []fyne.CanvasObject{
		widget.NewIcon(theme.HomeIcon()), b.office, widget.NewSeparator(),
		widget.NewIcon(theme.ComputerIcon()), b.station, widget.NewSeparator(),
		widget.NewIcon(theme.UploadIcon()), b.sync,
	}
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
