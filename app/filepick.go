package app

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A small modal file chooser. Fyne's own lives in the dialog package, which needs a module the
// module proxy does not serve. The three entry points, on the window's fileChoosers (ui.files):
//
//	u.files.pickFile(title, []string{".csv"}, func(path string) {…})        // an existing file
//	u.files.pickFolder(title, func(path string) {…})                        // an existing folder
//	u.files.pickSaveFile(title, "sao-luu.zip", []string{".zip"}, func(path string) {…}) // a file to write
//
// onPick runs on the UI thread with an absolute path, only when the user confirms (Cancel calls
// nothing). The chooser starts in the folder the window's last chooser confirmed in (in this
// run), else Documents, else the home folder. Listing a folder is a single os.ReadDir on the UI thread: local folders list in
// microseconds, and a folder that cannot be read shows its error in the box.

// pickMode is what the chooser asks for.
type pickMode int

const (
	pickOpen   pickMode = iota // an existing file
	pickDir                    // an existing folder
	pickCreate                 // a file name to write (existing: asks before replacing)
)

// fileChoosers opens the file choosers of one window and remembers where the last one was
// confirmed, so that the next starts there (UI thread only).
type fileChoosers struct {
	win     fyne.Window
	lastDir string // the folder the last chooser confirmed in; "": none yet
}

// filePicker is one open chooser (tests drive its fields).
type filePicker struct {
	from   *fileChoosers
	win    fyne.Window
	mode   pickMode
	exts   []string // lower-case, with the dot; empty: every file
	onPick func(path string)

	dir     string      // the folder listed
	entries []pickEntry // its folders, then its files
	where   *keyEntry   // the folder; Enter goes to what is typed
	name    *keyEntry   // the file name (pickOpen, pickCreate)
	list    *widget.List
	ok      *widget.Button
	box     *modal
}

// pickEntry is one line of the list.
type pickEntry struct {
	name string
	dir  bool
}

// pickFile asks for an existing file whose name ends with one of exts (e.g. ".csv"; none: any).
func (c *fileChoosers) pickFile(title string, exts []string, onPick func(path string)) *filePicker {
	return c.newFilePicker(pickOpen, title, "", exts, onPick)
}

// pickFolder asks for an existing folder.
func (c *fileChoosers) pickFolder(title string, onPick func(path string)) *filePicker {
	return c.newFilePicker(pickDir, title, "", nil, onPick)
}

// pickSaveFile asks where to write a file, proposing name; the first of exts is added to a name
// typed without one of them.
func (c *fileChoosers) pickSaveFile(title, name string, exts []string, onPick func(path string)) *filePicker {
	return c.newFilePicker(pickCreate, title, name, exts, onPick)
}

func (c *fileChoosers) newFilePicker(mode pickMode, title, name string, exts []string, onPick func(string)) *filePicker {
	win := c.win
	p := &filePicker{from: c, win: win, mode: mode, onPick: onPick}
	for _, e := range exts {
		p.exts = append(p.exts, strings.ToLower(e))
	}
	p.where = newKeyEntry() // Escape cancels the box
	p.where.OnSubmitted = func(s string) { p.goTo(s) }
	up := newBoxButton("", theme.MoveUpIcon(), p.up)
	home := newBoxButton("", theme.HomeIcon(), func() { p.open(homeDir()) })
	p.list = widget.NewList(
		func() int { return len(p.entries) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.FolderIcon()), widget.NewLabel("ten-tep-mau.csv"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			e := p.entries[i]
			icon := theme.FileIcon()
			if e.dir {
				icon = theme.FolderIcon()
			}
			row.Objects[0].(*widget.Icon).SetResource(icon)
			row.Objects[1].(*widget.Label).SetText(e.name)
		})
	p.list.OnSelected = p.selected

	confirm := lang.L("Open")
	switch mode {
	case pickDir:
		confirm = lang.L("Choose this folder")
	case pickCreate:
		confirm = lang.L("Save")
	}
	cancel := newBoxButton(lang.L("Cancel"), nil, func() { p.box.hide() })
	p.ok = newBoxButton(confirm, nil, p.confirm)
	p.ok.Importance = widget.HighImportance

	top := container.NewBorder(nil, nil, container.NewHBox(up, home), nil, p.where)
	var bottom fyne.CanvasObject
	if mode != pickDir {
		p.name = newKeyEntry()
		p.name.SetText(name)
		p.name.OnSubmitted = func(string) { p.confirm() }
		label := lang.L("File name")
		bottom = container.NewBorder(nil, nil, widget.NewLabel(label), nil, p.name)
	}
	body := container.NewBorder(top, bottom, nil, nil, container.NewStack(gap(340), p.list))
	p.box = newModal(win, theme.FolderOpenIcon(), title, body, 620, cancel, p.ok)
	p.box.show() // before listing: a list scrolls only once it is drawn
	p.open(c.startDir())
	return p
}

// homeDir is the user's home folder, or the working folder when there is none.
func homeDir() string {
	if h, err := os.UserHomeDir(); err == nil {
		return h
	}
	if wd, err := os.Getwd(); err == nil {
		return wd
	}
	return string(filepath.Separator)
}

// startDir is where a new chooser opens.
func (c *fileChoosers) startDir() string {
	if c.lastDir != "" {
		if fi, err := os.Stat(c.lastDir); err == nil && fi.IsDir() {
			return c.lastDir
		}
	}
	home := homeDir()
	if fi, err := os.Stat(filepath.Join(home, "Documents")); err == nil && fi.IsDir() {
		return filepath.Join(home, "Documents")
	}
	return home
}

// open lists folder dir; on an error the previous listing stays and the error shows.
func (p *filePicker) open(dir string) {
	abs, err := filepath.Abs(dir)
	if err == nil {
		var items []fs.DirEntry
		if items, err = os.ReadDir(abs); err == nil {
			p.dir = abs
			p.entries = p.filter(abs, items)
			p.box.fail("")
		}
	}
	if err != nil {
		p.box.fail(lang.L("Could not open the folder {{.Path}}.", map[string]any{"Path": dir}))
	}
	p.where.SetText(p.dir)
	p.list.UnselectAll()
	p.list.ScrollToTop()
	p.list.Refresh()
}

// filter keeps the visible folders and the files with a wanted extension, folders first.
func (p *filePicker) filter(dir string, items []fs.DirEntry) []pickEntry {
	var dirs, files []pickEntry
	for _, it := range items {
		name := it.Name()
		if strings.HasPrefix(name, ".") {
			continue // hidden on Unix; nobody keeps a CSV there
		}
		isDir := it.IsDir()
		if it.Type()&fs.ModeSymlink != 0 {
			if fi, err := os.Stat(filepath.Join(dir, name)); err == nil {
				isDir = fi.IsDir()
			}
		}
		switch {
		case isDir:
			dirs = append(dirs, pickEntry{name: name, dir: true})
		case p.mode != pickDir && p.wanted(name):
			files = append(files, pickEntry{name: name})
		}
	}
	byName := func(es []pickEntry) {
		sort.Slice(es, func(i, j int) bool { return strings.ToLower(es[i].name) < strings.ToLower(es[j].name) })
	}
	byName(dirs)
	byName(files)
	return append(dirs, files...)
}

// wanted reports whether a file name has one of the extensions asked for.
func (p *filePicker) wanted(name string) bool {
	if len(p.exts) == 0 {
		return true
	}
	lower := strings.ToLower(name)
	for _, e := range p.exts {
		if strings.HasSuffix(lower, e) {
			return true
		}
	}
	return false
}

// up goes to the parent folder.
func (p *filePicker) up() {
	if parent := filepath.Dir(p.dir); parent != p.dir {
		p.open(parent)
	}
}

// goTo goes to what was typed in the folder box: a folder is listed, a file is chosen.
func (p *filePicker) goTo(typed string) {
	typed = strings.TrimSpace(typed)
	if typed == "" {
		return
	}
	if strings.HasPrefix(typed, "~") {
		typed = filepath.Join(homeDir(), typed[1:])
	}
	fi, err := os.Stat(typed)
	switch {
	case err == nil && fi.IsDir():
		p.open(typed)
	case err == nil && p.name != nil:
		p.open(filepath.Dir(typed))
		p.name.SetText(filepath.Base(typed))
		p.confirm()
	case p.mode == pickCreate && err != nil && errors.Is(err, fs.ErrNotExist):
		if fi, derr := os.Stat(filepath.Dir(typed)); derr == nil && fi.IsDir() {
			p.open(filepath.Dir(typed))
			p.name.SetText(filepath.Base(typed))
			p.confirm()
			return
		}
		p.box.fail(lang.L("Could not open the folder {{.Path}}.", map[string]any{"Path": typed}))
	default:
		p.box.fail(lang.L("Could not open the folder {{.Path}}.", map[string]any{"Path": typed}))
	}
}

// selected acts on a click in the list: a folder opens, a file's name goes to the name box.
func (p *filePicker) selected(i widget.ListItemID) {
	if i < 0 || i >= len(p.entries) {
		return
	}
	e := p.entries[i]
	if e.dir {
		p.open(filepath.Join(p.dir, e.name))
		return
	}
	if p.name != nil {
		p.name.SetText(e.name)
	}
}

// confirm checks the choice and hands it to onPick.
func (p *filePicker) confirm() {
	if p.mode == pickDir {
		p.done(p.dir)
		return
	}
	name := strings.TrimSpace(p.name.Text)
	if name == "" {
		p.box.fail(lang.L("Choose a file"))
		return
	}
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(p.dir, name)
	}
	fi, err := os.Stat(path)
	if p.mode == pickOpen {
		switch {
		case err == nil && fi.IsDir():
			p.open(path)
		case err != nil:
			p.box.fail(lang.L("There is no file {{.Name}} in this folder.", map[string]any{"Name": name}))
		default:
			p.done(path)
		}
		return
	}
	// pickCreate
	if len(p.exts) > 0 && !p.wanted(path) {
		path += p.exts[0]
		fi, err = os.Stat(path)
	}
	switch {
	case err == nil && fi.IsDir():
		p.open(path)
	case err == nil:
		askConfirm(p.win, lang.L("Replace the file?"),
			lang.L("The file {{.Name}} already exists. Replace it?", map[string]any{"Name": filepath.Base(path)}),
			lang.L("Replace"), func() { p.done(path) })
	default:
		p.done(path)
	}
}

// done closes the box and reports path.
func (p *filePicker) done(path string) {
	p.box.hide()
	if p.mode == pickDir {
		p.from.lastDir = path
	} else {
		p.from.lastDir = filepath.Dir(path)
	}
	p.onPick(path)
}
