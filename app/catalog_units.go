package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"motcua/data"
)

// The Đơn vị and Lĩnh vực tabs: short lists of codes and names, each with an Add button and an
// edit box. A code is the key the procedures and users refer to, so it is typed once, when the
// unit or field is created, and only the name (and whether a unit is in use) changes later.

// unitTab lists the processing units.
type unitTab struct {
	c       *catalogScreen
	content fyne.CanvasObject
	table   *widget.Table
	add     *widget.Button
	rows    []data.Unit
	edit    *codeEdit // the edit box last opened (tests)
}

func newUnitTab(c *catalogScreen) *unitTab {
	t := &unitTab{c: c}
	cols := []catalogColumn{{lang.L("Code"), 140}, {lang.L("Unit name"), 520}, {lang.L("In use"), 90}}
	t.table = newCatalogTable(cols, func() int { return len(t.rows) }, func(row, col int) (string, bool) {
		u := t.rows[row]
		switch col {
		case 0:
			return u.Code, !u.Active
		case 1:
			return u.Name, !u.Active
		}
		if u.Active {
			return lang.L("Yes"), false
		}
		return lang.L("No"), true
	}, func(row int) { t.open(&t.rows[row]) })
	t.add = widget.NewButtonWithIcon(lang.L("Add a unit"), theme.ContentAddIcon(), func() { t.open(nil) })
	t.content = codeTabContent(t.add, lang.L("Processing units: the offices that handle the dossiers of a procedure."), fillWidth(t.table, cols))
	return t
}

// load reads the units.
func (t *unitTab) load() {
	var units []data.Unit
	t.c.query("Could not read the catalog", func(ctx context.Context) error {
		var err error
		units, err = t.c.store.Units(ctx)
		return err
	}, func() { t.show(units) })
}

// show lists units.
func (t *unitTab) show(units []data.Unit) {
	t.rows = units
	t.table.Refresh()
}

// open shows the edit box of u, or of a new unit when u is nil.
func (t *unitTab) open(u *data.Unit) {
	cur := data.Unit{Active: true}
	if u != nil {
		cur = *u
	}
	st, actor := t.c.store, t.c.actor
	title := lang.L("Edit the unit")
	if u == nil {
		title = lang.L("Add a unit")
	}
	var taken func(string) bool
	if u == nil {
		taken = func(code string) bool {
			for _, x := range t.rows {
				if strings.EqualFold(x.Code, code) {
					return true
				}
			}
			return false
		}
	}
	t.edit = newCodeEdit(t.c, title, lang.L("Unit name"), cur.Code, cur.Name, &cur.Active, taken,
		"Could not save the unit", func(code, name string, active bool) func(ctx context.Context) error {
			return func(ctx context.Context) error {
				return st.PutUnit(ctx, actor, data.Unit{Code: code, Name: name, Active: active})
			}
		}, t.load)
}

// fieldTab lists the fields.
type fieldTab struct {
	c       *catalogScreen
	content fyne.CanvasObject
	table   *widget.Table
	add     *widget.Button
	rows    []data.Field
	edit    *codeEdit
}

func newFieldTab(c *catalogScreen) *fieldTab {
	t := &fieldTab{c: c}
	cols := []catalogColumn{{lang.L("Code"), 200}, {lang.L("Field name"), 550}}
	t.table = newCatalogTable(cols, func() int { return len(t.rows) }, func(row, col int) (string, bool) {
		if col == 0 {
			return t.rows[row].Code, false
		}
		return t.rows[row].Name, false
	}, func(row int) { t.open(&t.rows[row]) })
	t.add = widget.NewButtonWithIcon(lang.L("Add a field"), theme.ContentAddIcon(), func() { t.open(nil) })
	t.content = codeTabContent(t.add, lang.L("Fields group the procedures (Hộ tịch, Chứng thực, Đất đai…)."), fillWidth(t.table, cols))
	return t
}

// load reads the fields.
func (t *fieldTab) load() {
	var fields []data.Field
	t.c.query("Could not read the catalog", func(ctx context.Context) error {
		var err error
		fields, err = t.c.store.Fields(ctx)
		return err
	}, func() { t.show(fields) })
}

// show lists fields.
func (t *fieldTab) show(fields []data.Field) {
	t.rows = fields
	t.table.Refresh()
}

// open shows the edit box of f, or of a new field when f is nil.
func (t *fieldTab) open(f *data.Field) {
	var cur data.Field
	if f != nil {
		cur = *f
	}
	st, actor := t.c.store, t.c.actor
	title := lang.L("Edit the field")
	if f == nil {
		title = lang.L("Add a field")
	}
	var taken func(string) bool
	if f == nil {
		taken = func(code string) bool {
			for _, x := range t.rows {
				if strings.EqualFold(x.Code, code) {
					return true
				}
			}
			return false
		}
	}
	t.edit = newCodeEdit(t.c, title, lang.L("Field name"), cur.Code, cur.Name, nil, taken,
		"Could not save the field", func(code, name string, _ bool) func(ctx context.Context) error {
			return func(ctx context.Context) error {
				return st.PutField(ctx, actor, data.Field{Code: code, Name: name})
			}
		}, func() {
			t.load()
			t.c.procs.load() // the list shows field names
		})
}

// codeTabContent lays a code list out under its Add button and a line saying what it is.
func codeTabContent(add *widget.Button, about string, table fyne.CanvasObject) fyne.CanvasObject {
	note := widget.NewLabel(about)
	note.Importance = widget.LowImportance
	top := container.NewBorder(nil, nil, nil, add, note)
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, table)
}

// codeEdit is the edit box of a unit or a field.
type codeEdit struct {
	code   *keyEntry
	name   *keyEntry
	active *widget.Check // nil for a field
	form   *catalogForm
}

// newCodeEdit shows the box. active is nil when the thing has no in-use flag; taken is nil when
// editing and otherwise reports a code already used (saving would rename that one); write makes
// the store call from what was typed.
func newCodeEdit(c *catalogScreen, title, nameLabel, code, name string, active *bool, taken func(code string) bool, failKey string,
	write func(code, name string, active bool) func(ctx context.Context) error, done func()) *codeEdit {
	e := &codeEdit{code: newKeyEntry(), name: newKeyEntry()}
	e.code.SetText(code)
	e.code.SetPlaceHolder("TPHT")
	if taken == nil {
		e.code.Disable()
	}
	e.name.SetText(name)
	items := []fyne.CanvasObject{
		widget.NewLabel(lang.L("Code")), e.code,
		widget.NewLabel(nameLabel), e.name,
	}
	if active != nil {
		e.active = widget.NewCheck(lang.L("In use"), nil)
		e.active.SetChecked(*active)
		items = append(items, widget.NewLabel(""), e.active)
	}
	body := container.New(layout.NewFormLayout(), items...)
	e.form = c.editForm(title, body, lang.L("Save"), failKey, func() (func(ctx context.Context) error, string) {
		code := strings.TrimSpace(e.code.Text)
		if code == "" {
			return nil, lang.L("Type the code")
		}
		if taken != nil && taken(code) {
			return nil, lang.L("The code {{.Code}} is already used.", map[string]any{"Code": code})
		}
		if strings.TrimSpace(e.name.Text) == "" {
			return nil, lang.L("Type the name")
		}
		on := true
		if e.active != nil {
			on = e.active.Checked
		}
		return write(code, e.name.Text, on), ""
	}, done)
	e.form.submitOnEnter(e.code, e.name)
	if taken != nil {
		c.deps.win.Canvas().Focus(e.code)
	} else {
		c.deps.win.Canvas().Focus(e.name)
	}
	return e
}
